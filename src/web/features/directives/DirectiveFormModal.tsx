import { Alert, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { useCreateDirective, useUpdateDirective } from '../../api/directives';
import { DIRECTIVE_KINDS, type Directive, type DirectiveKind } from '../../api/types';
import { DISPLAY_DATE, fromDayjs, toDayjs } from '../../components/dates';
import { DirectiveSelect } from '../../components/DirectiveSelect';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { useT } from '../../i18n';

interface DirectiveFormValues {
  number: string;
  kind: DirectiveKind;
  issuerCode: string;
  issuedOn: Dayjs;
  title: string;
  summary?: string;
  planEndYear?: number;
  parentId?: string;
}

/** Creates a directive, or edits `directive` (sending the version read). */
export function DirectiveFormModal({
  open,
  directive,
  onClose,
  onSaved,
}: {
  open: boolean;
  directive?: Directive | null;
  onClose: () => void;
  onSaved?: (directive: Directive) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<DirectiveFormValues>();
  const create = useCreateDirective();
  const update = useUpdateDirective();
  const [error, setError] = useState<string | null>(null);
  const isEdit = Boolean(directive);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (directive) {
      form.setFieldsValue({
        number: directive.number,
        kind: directive.kind,
        issuerCode: directive.issuerCode,
        issuedOn: toDayjs(directive.issuedOn),
        title: directive.title,
        summary: directive.summary ?? undefined,
        planEndYear: directive.planEndYear ?? undefined,
        parentId: directive.parentId !== null && directive.parentId !== undefined ? String(directive.parentId) : undefined,
      });
    }
  }, [open, directive, form]);

  const submit = async () => {
    const values = await form.validateFields();
    const common = {
      number: values.number.trim().normalize('NFC'),
      kind: values.kind,
      issuedOn: fromDayjs(values.issuedOn) ?? '',
      title: values.title.trim().normalize('NFC'),
    };
    const summary = values.summary?.trim().normalize('NFC') || null;
    const planEndYear = values.planEndYear ?? null;
    const parentId = values.parentId ? Number(values.parentId) : null;
    setError(null);
    try {
      // Editing sends null to clear a field; the issuer of an existing directive does not change.
      const saved = directive
        ? await update.mutateAsync({ id: directive.id, version: directive.version, ...common, summary, planEndYear, parentId })
        : await create.mutateAsync({
            ...common,
            issuerCode: values.issuerCode,
            summary: summary ?? undefined,
            planEndYear: planEndYear ?? undefined,
            parentId: parentId ?? undefined,
          });
      onSaved?.(saved);
      onClose();
    } catch (caught) {
      setError(caught instanceof ApiError && caught.isConflict ? `${caught.message}` : errorMessage(caught));
    }
  };

  return (
    <Modal
      open={open}
      title={isEdit ? t('directive.edit') : t('directive.create')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={720}
      forceRender
      okButtonProps={{ 'data-testid': 'directive-form-submit' }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="directive-form-error" /> : null}
      <Form form={form} layout="vertical" data-testid="directive-form">
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="number" label={t('directive.number')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input placeholder="57-NQ/TW" data-testid="directive-number" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('directive.kind')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select
                data-testid="directive-kind"
                options={DIRECTIVE_KINDS.map((kind) => ({ value: kind, label: t(`directiveKind.${kind}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuerCode" label={t('directive.issuer')} rules={[{ required: true, message: t('validation.required') }]}>
              <OrganizationTreeSelect activeOnly={!isEdit} disabled={isEdit} style={{ width: '100%' }} data-testid="directive-issuer" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuedOn" label={t('directive.issuedOn')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker format={DISPLAY_DATE} style={{ width: '100%' }} data-testid="directive-issued-on" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="title" label={t('directive.title')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="directive-title" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="summary" label={t('directive.summary')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="directive-summary" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="parentId" label={t('directive.parent')} tooltip={t('directive.parentHint')}>
              <DirectiveSelect style={{ width: '100%' }} data-testid="directive-parent" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="planEndYear" label={t('directive.planEndYear')}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} data-testid="directive-plan-end" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
