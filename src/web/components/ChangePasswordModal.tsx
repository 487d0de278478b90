import { Alert, App, Form, Input, Modal } from 'antd';
import { useChangePassword } from '../api/auth';
import { errorMessage } from '../api/client';
import { useT } from '../i18n';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordValues>();
  const changePassword = useChangePassword();
  const close = () => {
    form.resetFields();
    changePassword.reset();
    onClose();
  };
  const submit = async () => {
    const values = await form.validateFields();
    changePassword.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          void message.success(t('password.changed'));
          close();
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('password.change')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => void submit()}
      onCancel={close}
      confirmLoading={changePassword.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'change-password-submit' }}
    >
      {changePassword.isError ? (
        <Alert type="error" showIcon title={errorMessage(changePassword.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Form form={form} layout="vertical" data-testid="change-password-form" onFinish={() => void submit()}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="change-password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="new-password" data-testid="change-password-new" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="change-password-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
