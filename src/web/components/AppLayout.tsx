/**
 * The frame of every signed-in page: the left menu, the header (product, user, language,
 * change password, log out) and the page itself.
 */
import {
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  FundOutlined,
  KeyOutlined,
  LogoutOutlined,
  ApartmentOutlined,
  ProfileOutlined,
  RadarChartOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Spin, Tooltip, Typography, type MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../api/auth';
import { useT } from '../i18n';
import { ChangePasswordModal } from './ChangePasswordModal';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';

const { Header, Sider, Content } = Layout;

/** Menu paths, longest first, so that /tasks/123 selects "Nhiệm vụ". */
const MENU_PATHS = [
  '/admin/organizations',
  '/admin/users',
  '/admin/audit',
  '/directives',
  '/tasks',
  '/indicators',
  '/projects',
  '/indices',
  '/reports',
  '/ranking',
  '/scorecards',
  '/',
];

function selectedMenuKey(pathname: string): string {
  return MENU_PATHS.find((path) => (path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`))) ?? '/';
}

export function AppLayout() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  const [isChangingPassword, setChangingPassword] = useState(false);
  const isAdmin = Boolean(me.data?.isSystemAdmin);
  // The audit log is open to system administrators, leaders and coordinators (as the API allows).
  const canReadAudit = isAdmin || (me.data?.roles ?? []).some((grant) => grant.role === 'leader' || grant.role === 'coordinator');

  const items = useMemo<MenuProps['items']>(() => {
    const link = (path: string, label: string, testId: string) => (
      <Link to={path} data-testid={testId}>
        {label}
      </Link>
    );
    const menu: NonNullable<MenuProps['items']> = [
      { key: '/', icon: <DashboardOutlined />, label: link('/', t('menu.overview'), 'menu-overview') },
      { key: '/directives', icon: <FileTextOutlined />, label: link('/directives', t('menu.directives'), 'menu-directives') },
      { key: '/tasks', icon: <UnorderedListOutlined />, label: link('/tasks', t('menu.tasks'), 'menu-tasks') },
      { key: '/indicators', icon: <FundOutlined />, label: link('/indicators', t('menu.indicators'), 'menu-indicators') },
      { key: '/projects', icon: <ExperimentOutlined />, label: link('/projects', t('menu.projects'), 'menu-projects') },
      { key: '/indices', icon: <RadarChartOutlined />, label: link('/indices', t('menu.indices'), 'menu-indices') },
      { key: '/reports', icon: <ProfileOutlined />, label: link('/reports', t('menu.reports'), 'menu-reports') },
      { key: '/ranking', icon: <TrophyOutlined />, label: link('/ranking', t('menu.ranking'), 'menu-ranking') },
      { key: '/scorecards', icon: <BarChartOutlined />, label: link('/scorecards', t('menu.scorecards'), 'menu-scorecards') },
    ];
    const adminItems: NonNullable<MenuProps['items']> = [];
    if (isAdmin) {
      adminItems.push(
        {
          key: '/admin/organizations',
          icon: <ApartmentOutlined />,
          label: link('/admin/organizations', t('menu.organizations'), 'menu-organizations'),
        },
        { key: '/admin/users', icon: <TeamOutlined />, label: link('/admin/users', t('menu.users'), 'menu-users') },
      );
    }
    if (canReadAudit) {
      adminItems.push({ key: '/admin/audit', icon: <AuditOutlined />, label: link('/admin/audit', t('menu.audit'), 'menu-audit') });
    }
    if (adminItems.length > 0) {
      menu.push({
        key: 'admin',
        icon: <SettingOutlined />,
        label: <span data-testid="menu-admin">{t('menu.admin')}</span>,
        children: adminItems,
      });
    }
    return menu;
  }, [t, isAdmin, canReadAudit]);

  const selectedKey = selectedMenuKey(location.pathname);

  const signOut = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 16, position: 'sticky', top: 0, zIndex: 10 }}>
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, color: '#fff', minWidth: 0 }} data-testid="brand">
          <span
            aria-hidden
            style={{
              width: 30,
              height: 30,
              borderRadius: 6,
              background: '#9e1b1b',
              color: '#ffd666',
              display: 'inline-flex',
              alignItems: 'center',
              justifyContent: 'center',
              fontSize: 18,
              flex: 'none',
            }}
          >
            <BarChartOutlined />
          </span>
          <span style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.2, minWidth: 0 }}>
            <span style={{ fontSize: 18, fontWeight: 700, letterSpacing: 0.2 }}>{t('app.name')}</span>
            <span style={{ fontSize: 11, opacity: 0.75, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {t('app.tagline')}
            </span>
          </span>
        </Link>
        <Flex align="center" gap={12} style={{ marginLeft: 'auto', color: '#fff' }}>
          <NotificationBell />
          <LanguageSwitch dark />
          <Typography.Text style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="current-user">
            <UserOutlined /> {me.data?.fullName || me.data?.username}
          </Typography.Text>
          <Tooltip title={t('password.change')}>
            <Button
              type="text"
              icon={<KeyOutlined />}
              style={{ color: '#fff' }}
              onClick={() => setChangingPassword(true)}
              data-testid="change-password-button"
            >
              {t('password.change')}
            </Button>
          </Tooltip>
          <Button
            type="text"
            icon={<LogoutOutlined />}
            style={{ color: '#fff' }}
            loading={logout.isPending}
            onClick={signOut}
            data-testid="logout-button"
          >
            {t('auth.logout')}
          </Button>
        </Flex>
      </Header>
      <Layout>
        <Sider
          width={232}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          theme="light"
          style={{ borderRight: '1px solid #e8ecf1' }}
        >
          <Menu
            mode="inline"
            selectedKeys={[selectedKey]}
            defaultOpenKeys={selectedKey.startsWith('/admin') ? ['admin'] : []}
            items={items}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            data-testid="main-menu"
          />
        </Sider>
        <Content style={{ padding: 20, minWidth: 0 }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 64 }}>
                <Spin size="large" />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      <ChangePasswordModal open={isChangingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
