import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useCreateUser, useResetUserPassword, useSetUserRoles, useUpdateUser, type RoleInput } from '../../api/users';
import { ROLES, type User } from '../../api/types';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { useT } from '../../i18n';

/** The list of role grants {role, organization} of a user. */
function RolesField() {
  const t = useT();
  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_rule, roles: RoleInput[] | undefined) => {
            if (!roles || roles.length === 0) throw new Error(t('user.rolesRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} align="top" data-testid={`user-role-row-${index}`}>
              <Col flex="220px">
                <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('validation.required') }]} style={{ marginBottom: 8 }}>
                  <Select
                    placeholder={t('user.role')}
                    options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
                    data-testid={`user-role-${index}`}
                  />
                </Form.Item>
              </Col>
              <Col flex="auto">
                <Form.Item name={[field.name, 'organizationCode']} rules={[{ required: true, message: t('validation.required') }]} style={{ marginBottom: 8 }}>
                  <OrganizationTreeSelect activeOnly style={{ width: '100%' }} data-testid={`user-role-org-${index}`} />
                </Form.Item>
              </Col>
              <Col flex="32px">
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('action.remove')} />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="user-role-add">
            {t('user.addRole')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

interface CreateUserValues {
  username: string;
  fullName: string;
  email?: string;
  password: string;
  roles: RoleInput[];
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<CreateUserValues>();
  const create = useCreateUser();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);
  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      await create.mutateAsync({
        username: values.username.trim(),
        fullName: values.fullName.trim().normalize('NFC'),
        email: values.email?.trim() || undefined,
        password: values.password,
        roles: values.roles,
      });
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <Modal
      open={open}
      title={t('user.create')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={720}
      forceRender
      okButtonProps={{ 'data-testid': 'user-form-submit' }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="user-form-error" /> : null}
      <Form form={form} layout="vertical" initialValues={{ roles: [{}] }} data-testid="user-form">
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input autoComplete="off" data-testid="user-username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="fullName" label={t('user.fullName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input data-testid="user-full-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('user.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
              <Input data-testid="user-email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input.Password autoComplete="new-password" data-testid="user-password" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('user.roles')} required>
          <RolesField />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditUserValues {
  fullName: string;
  email?: string;
  roles: RoleInput[];
}

/** Edits a user's name, email and roles (two calls: PATCH the user, PUT the roles if changed). */
export function EditUserModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<EditUserValues>();
  const updateUser = useUpdateUser();
  const setRoles = useSetUserRoles();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!user) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      fullName: user.fullName,
      email: user.email ?? undefined,
      roles: user.roles.map((grant) => ({ role: grant.role, organizationCode: grant.organizationCode })),
    });
  }, [user, form]);
  const submit = async () => {
    if (!user) return;
    const values = await form.validateFields();
    setError(null);
    try {
      const fullName = values.fullName.trim().normalize('NFC');
      const email = values.email?.trim() || undefined;
      if (fullName !== user.fullName || (email ?? null) !== (user.email ?? null)) {
        await updateUser.mutateAsync({ id: user.id, fullName, email });
      }
      const before = JSON.stringify(user.roles.map((grant) => [grant.role, grant.organizationCode]));
      const after = JSON.stringify(values.roles.map((grant) => [grant.role, grant.organizationCode]));
      if (before !== after) await setRoles.mutateAsync({ id: user.id, roles: values.roles });
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <Modal
      open={user !== null}
      title={user ? t('user.editTitle', { username: user.username }) : undefined}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={updateUser.isPending || setRoles.isPending}
      width={720}
      forceRender
      okButtonProps={{ 'data-testid': 'user-edit-submit' }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" data-testid="user-edit-form">
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="fullName" label={t('user.fullName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input data-testid="user-edit-full-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('user.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
              <Input data-testid="user-edit-email" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('user.roles')} required>
          <RolesField />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ResetPasswordModal({ user, onClose, onDone }: { user: User | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const reset = useResetUserPassword();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (user) {
      form.resetFields();
      setError(null);
    }
  }, [user, form]);
  const submit = async () => {
    if (!user) return;
    const values = await form.validateFields();
    setError(null);
    try {
      await reset.mutateAsync({ id: user.id, password: values.password });
      onDone();
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <Modal
      open={user !== null}
      title={user ? t('user.resetPasswordTitle', { username: user.username }) : undefined}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      forceRender
      okButtonProps={{ 'data-testid': 'user-reset-password-submit' }}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="password" label={t('password.new')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="new-password" data-testid="user-new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-new-password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
