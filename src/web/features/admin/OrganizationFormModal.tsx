import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useCreateOrganization, useUpdateOrganization } from '../../api/organizations';
import { ORGANIZATION_KINDS, type Organization, type OrganizationKind } from '../../api/types';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { useT } from '../../i18n';

interface OrganizationFormValues {
  code: string;
  name: string;
  shortName?: string;
  aliases?: string[];
  kind: OrganizationKind;
  parentCode?: string;
}

/** Creates an organization (optionally under `parentCode`) or edits `organization`. */
export function OrganizationFormModal({
  open,
  organization,
  parentCode,
  onClose,
  onSaved,
}: {
  open: boolean;
  organization?: Organization | null;
  parentCode?: string | null;
  onClose: () => void;
  onSaved?: (organization: Organization) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<OrganizationFormValues>();
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (organization) {
      form.setFieldsValue({
        code: organization.code,
        name: organization.name,
        shortName: organization.shortName ?? undefined,
        aliases: organization.aliases ?? [],
        kind: organization.kind,
        parentCode: organization.parentCode ?? undefined,
      });
    } else if (parentCode) {
      form.setFieldsValue({ parentCode });
    }
  }, [open, organization, parentCode, form]);

  const submit = async () => {
    const values = await form.validateFields();
    const input = {
      name: values.name.trim().normalize('NFC'),
      shortName: values.shortName?.trim().normalize('NFC') || undefined,
      aliases: (values.aliases ?? []).map((alias) => alias.trim().normalize('NFC')).filter(Boolean),
      kind: values.kind,
      parentCode: values.parentCode ?? null,
    };
    setError(null);
    try {
      const saved = organization
        ? await update.mutateAsync({ code: organization.code, ...input })
        : await create.mutateAsync({ code: values.code.trim(), ...input, parentCode: input.parentCode ?? undefined });
      onSaved?.(saved);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  return (
    <Modal
      open={open}
      title={organization ? t('organization.edit') : t('organization.create')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      width={640}
      forceRender
      okButtonProps={{ 'data-testid': 'organization-form-submit' }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="organization-form-error" /> : null}
      <Form form={form} layout="vertical" data-testid="organization-form">
        <Form.Item
          name="code"
          label={t('organization.code')}
          tooltip={t('organization.codeHint')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input disabled={Boolean(organization)} data-testid="organization-code" />
        </Form.Item>
        <Form.Item name="name" label={t('organization.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input data-testid="organization-name" />
        </Form.Item>
        <Form.Item name="shortName" label={t('organization.shortName')}>
          <Input data-testid="organization-short-name" />
        </Form.Item>
        <Form.Item name="aliases" label={t('organization.aliases')} tooltip={t('organization.aliasesHint')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[';']} data-testid="organization-aliases" />
        </Form.Item>
        <Form.Item name="kind" label={t('organization.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            data-testid="organization-kind"
            options={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`organizationKind.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item name="parentCode" label={t('organization.parent')}>
          <OrganizationTreeSelect activeOnly style={{ width: '100%' }} data-testid="organization-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
