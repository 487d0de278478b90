/**
 * Records a proposal (a new project at the first stage, with its proposal document) or edits a
 * project's particulars. After the contract, period, budget and members change only through an
 * approved change request, so those fields are locked.
 */
import { Alert, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { DISPLAY_DATE, fromDayjs, toDayjs } from '../../components/dates';
import { DirectiveSelect } from '../../components/DirectiveSelect';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { todayInVietnam } from '../../format';
import { PROJECT_FIELDS, PROJECT_LEVELS, PROJECT_TYPES, projectApi, useProjectMutation, type ProjectDetail } from './api';
import { useProjectText, type ProjectTextKey } from './text';

interface FormValues {
  code?: string;
  title: string;
  type: string;
  level: string;
  field: string;
  hostCode: string;
  directiveId?: string;
  principalInvestigator: string;
  members?: string;
  objectives?: string;
  expectedProducts?: string;
  startMonth?: Dayjs;
  endMonth?: Dayjs;
  budgetTotal?: number;
  budgetOther?: number;
  stateByYear?: Record<string, number | null>;
  proposalNumber?: string;
  proposedOn?: Dayjs;
}

const monthText = (value: Dayjs | undefined) => (value && value.isValid() ? value.format('YYYY-MM') : null);

/** The years from the start month to the end month (at most 6). */
function yearsBetween(start: Dayjs | undefined, end: Dayjs | undefined): string[] {
  if (!start || !end || end.isBefore(start)) return start ? [String(start.year())] : [];
  const years: string[] = [];
  for (let year = start.year(); year <= end.year() && years.length < 6; year++) years.push(String(year));
  return years;
}

export function ProjectFormModal({ open, project, onClose, onSaved }: { open: boolean; project?: ProjectDetail; onClose: () => void; onSaved: (project: ProjectDetail) => void }) {
  const t = useProjectText();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const contracted = Boolean(project?.task);
  const startMonth = Form.useWatch('startMonth', form);
  const endMonth = Form.useWatch('endMonth', form);
  const years = useMemo(() => {
    const fromPeriod = yearsBetween(startMonth, endMonth);
    const planned = Object.keys(project?.budget.plan.stateByYear ?? {});
    return [...new Set([...planned, ...fromPeriod])].sort();
  }, [startMonth, endMonth, project]);

  const mutation = useProjectMutation((values: FormValues) => {
    const stateByYear = Object.fromEntries(Object.entries(values.stateByYear ?? {}).filter(([year, amount]) => years.includes(year) && amount !== null && amount !== undefined && amount > 0)) as Record<string, number>;
    const other = values.budgetOther ?? 0;
    const hasBreakdown = Object.keys(stateByYear).length > 0 || other > 0;
    const total = hasBreakdown ? Object.values(stateByYear).reduce((sum, amount) => sum + amount, 0) + other : (values.budgetTotal ?? 0);
    const common = {
      title: values.title,
      type: values.type,
      level: values.level,
      field: values.field,
      hostCode: values.hostCode,
      directiveId: values.directiveId ? Number(values.directiveId) : null,
      principalInvestigator: values.principalInvestigator,
      objectives: values.objectives || null,
      expectedProducts: values.expectedProducts || null,
    };
    const members = (values.members ?? '').split(/\n+/).map((name) => name.trim()).filter(Boolean).map((name) => ({ name }));
    const period = { startMonth: monthText(values.startMonth), endMonth: monthText(values.endMonth) };
    const budget = { total: Math.round(total * 1000) / 1000, stateByYear, other };
    if (project) return projectApi.update(project.id, { version: project.version, ...common, ...(contracted ? {} : { ...period, members, budget }) });
    return projectApi.create({ code: values.code, ...common, ...period, members, budget, proposedOn: fromDayjs(values.proposedOn), document: { number: values.proposalNumber || null, issuedOn: fromDayjs(values.proposedOn) } });
  });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (project) {
      form.setFieldsValue({
        title: project.title,
        type: project.type,
        level: project.level,
        field: project.field,
        hostCode: project.hostCode,
        directiveId: project.directiveId ? String(project.directiveId) : undefined,
        principalInvestigator: project.principalInvestigator,
        members: project.members.map((member) => member.name).join('\n'),
        objectives: project.objectives ?? undefined,
        expectedProducts: project.expectedProducts ?? undefined,
        startMonth: project.startMonth ? dayjs(`${project.startMonth}-01`) : undefined,
        endMonth: project.endMonth ? dayjs(`${project.endMonth}-01`) : undefined,
        budgetTotal: project.budget.plan.total,
        budgetOther: project.budget.plan.other,
        stateByYear: project.budget.plan.stateByYear,
      });
    } else {
      form.setFieldsValue({ type: 'research', level: 'province', proposedOn: toDayjs(todayInVietnam()) });
    }
  }, [open, project, form]);

  const submit = async () => {
    const values = await form.validateFields();
    try {
      onSaved(await mutation.mutateAsync(values));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal
      open={open}
      title={project ? t('action.edit') : t('new')}
      width={860}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'project-form-ok' }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={t('form.errors')} description={error} style={{ marginBottom: 12 }} data-testid="project-form-error" /> : null}
      <Form form={form} layout="vertical" data-testid="project-form">
        <Row gutter={12}>
          {!project ? (
            <Col xs={24} md={8}>
              <Form.Item name="code" label={t('form.code')} rules={required}>
                <Input data-testid="project-form-code" placeholder="ĐT.2026.01" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={project ? 24 : 16}>
            <Form.Item name="title" label={t('column.title')} rules={required}>
              <Input data-testid="project-form-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="type" label={t('detail.type')} rules={required}>
              <Select options={PROJECT_TYPES.map((value) => ({ value, label: t(`type.${value}` as ProjectTextKey) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="level" label={t('detail.level')} rules={required}>
              <Select options={PROJECT_LEVELS.map((value) => ({ value, label: t(`level.${value}` as ProjectTextKey) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="field" label={t('detail.field')} rules={required}>
              <Select data-testid="project-form-field" options={PROJECT_FIELDS.map((value) => ({ value, label: t(`field.${value}` as ProjectTextKey) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="hostCode" label={t('detail.host')} rules={required}>
              <OrganizationTreeSelect activeOnly style={{ width: '100%' }} data-testid="project-form-host" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="directiveId" label={t('detail.programme')}>
              <DirectiveSelect style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="principalInvestigator" label={t('detail.investigator')} rules={required}>
              <Input data-testid="project-form-investigator" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="members" label={t('detail.members')} extra={t('form.membersHint')}>
              <Input.TextArea rows={2} disabled={contracted} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="objectives" label={t('detail.objectives')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="expectedProducts" label={t('detail.products')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="startMonth" label={t('form.startMonth')}>
              <DatePicker picker="month" format="MM/YYYY" style={{ width: '100%' }} disabled={contracted} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="endMonth" label={t('form.endMonth')}>
              <DatePicker picker="month" format="MM/YYYY" style={{ width: '100%' }} disabled={contracted} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="budgetTotal" label={t('form.budgetTotal')}>
              <InputNumber min={0} style={{ width: '100%' }} disabled={contracted} decimalSeparator="," />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="budgetOther" label={t('form.budgetOther')}>
              <InputNumber min={0} style={{ width: '100%' }} disabled={contracted} decimalSeparator="," />
            </Form.Item>
          </Col>
          {years.map((year) => (
            <Col xs={12} md={6} key={year}>
              <Form.Item name={['stateByYear', year]} label={t('form.budgetStateYear', { year })}>
                <InputNumber min={0} style={{ width: '100%' }} disabled={contracted} decimalSeparator="," />
              </Form.Item>
            </Col>
          ))}
          {!project ? (
            <>
              <Col xs={12} md={6}>
                <Form.Item name="proposalNumber" label={t('form.proposalNumber')}>
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="proposedOn" label={t('form.proposedOn')} rules={required}>
                  <DatePicker format={DISPLAY_DATE} style={{ width: '100%' }} allowClear={false} />
                </Form.Item>
              </Col>
            </>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
