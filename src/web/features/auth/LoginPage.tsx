import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { useLogin } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useT } from '../../i18n';

interface LoginValues {
  username: string;
  password: string;
}

/** Only a path of this site is a safe place to return to after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const login = useLogin();

  const submit = (values: LoginValues) => {
    login.mutate(
      { username: values.username.trim(), password: values.password },
      { onSuccess: () => navigate(safeNext(searchParams.get('next')), { replace: true }) },
    );
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 16,
        background: 'linear-gradient(160deg, #0f2a4a 0%, #1d3f6b 55%, #5a1a1f 100%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch dark />
      </div>
      <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 12px 40px rgba(0,0,0,0.25)' }}>
        <Flex vertical align="center" style={{ marginBottom: 20 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, textTransform: 'uppercase', letterSpacing: 0.6 }}>
            {t('app.province')}
          </Typography.Text>
          <Typography.Title level={2} style={{ margin: '4px 0', color: '#9e1b1b' }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {t('app.tagline')}
          </Typography.Text>
        </Flex>
        {login.isError ? (
          <Alert type="error" showIcon title={errorMessage(login.error)} style={{ marginBottom: 16 }} data-testid="login-error" />
        ) : null}
        <Form<LoginValues> layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form" disabled={login.isPending}>
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </Form>
      </Card>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.7)', marginTop: 16, fontSize: 12, textAlign: 'center' }}>
        {t('app.footer')}
      </Typography.Text>
    </Flex>
  );
}
