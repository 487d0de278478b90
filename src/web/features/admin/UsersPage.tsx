import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useDeactivateUser, useUsers } from '../../api/users';
import type { User } from '../../api/types';
import { EmptyState, ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { SearchInput } from '../../components/SearchInput';
import { formatDateTime, formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { compareVietnamese } from '../../text';
import { CreateUserModal, EditUserModal, ResetPasswordModal } from './UserModals';

function isLocked(user: User): boolean {
  return Boolean(user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now());
}

export default function UsersPage() {
  const t = useT();
  const { language } = useLanguage();
  const { modal, message } = App.useApp();
  const [search, setSearch] = useState('');
  const users = useUsers(search);
  const deactivate = useDeactivateUser();
  const [isCreating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const items = useMemo(
    () => [...(users.data?.items ?? [])].sort((left, right) => compareVietnamese(left.username, right.username)),
    [users.data],
  );

  const confirmDeactivate = (user: User) =>
    modal.confirm({
      title: t('user.deactivateTitle', { username: user.username }),
      content: t('user.deactivateText'),
      okText: t('user.deactivate'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      cancelText: t('action.cancel'),
      onOk: async () => {
        try {
          await deactivate.mutateAsync(user.id);
          void message.success(t('user.deactivated', { username: user.username }));
        } catch (error) {
          void message.error(errorMessage(error));
        }
      },
    });

  return (
    <div data-testid="users-page">
      <PageTitle
        title={t('menu.users')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
            {t('user.create')}
          </Button>
        }
      />
      <Card size="small">
        <SearchInput
          value={search}
          onSearch={setSearch}
          placeholder={t('user.searchPlaceholder')}
          style={{ maxWidth: 480, marginBottom: 12 }}
          testId="user-search"
        />
        {users.isError && !users.data ? (
          <ErrorState error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<User>
            data-testid="user-table"
            size="small"
            rowKey={(row) => String(row.id)}
            loading={users.isFetching}
            dataSource={items}
            locale={{ emptyText: <EmptyState /> }}
            scroll={{ x: 1000 }}
            pagination={{ pageSize: 20, showTotal: (count) => t('user.totalCount', { count: formatNumber(count, language, 0) }) }}
            onRow={(row) => ({ 'data-testid': `user-row-${row.username}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('auth.username'), dataIndex: 'username', width: 160, render: (value: string) => <Typography.Text strong>{value}</Typography.Text> },
              {
                title: t('user.fullName'),
                dataIndex: 'fullName',
                width: 200,
                sorter: (left, right) => compareVietnamese(left.fullName, right.fullName),
                render: (value: string, row) => (
                  <Flex vertical>
                    <span>{value}</span>
                    {row.email ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.email}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
              {
                title: t('user.role'),
                key: 'roles',
                render: (_value, row) => (
                  <Flex wrap gap={4}>
                    {row.roles.map((grant, index) => (
                      <Tag key={index} color={grant.role === 'system_admin' ? 'red' : grant.role === 'leader' ? 'gold' : 'blue'}>
                        {t(`role.${grant.role}`)}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
              {
                title: t('user.organization'),
                key: 'organizations',
                width: 240,
                render: (_value, row) => {
                  const names = [...new Set(row.roles.map((grant) => grant.organizationName ?? grant.organizationCode))];
                  return names.length ? names.join('; ') : '—';
                },
              },
              {
                title: t('common.status'),
                key: 'status',
                width: 170,
                render: (_value, row) =>
                  !row.isActive ? (
                    <Tag>{t('user.inactive')}</Tag>
                  ) : isLocked(row) ? (
                    <Tooltip title={t('user.lockedUntil', { time: formatDateTime(row.lockedUntil) })}>
                      <Tag color="orange">{t('user.locked')}</Tag>
                    </Tooltip>
                  ) : (
                    <Tag color="green">{t('user.active')}</Tag>
                  ),
              },
              {
                title: '',
                key: 'actions',
                width: 130,
                fixed: 'right',
                render: (_value, row) => (
                  <Flex gap={4}>
                    <Tooltip title={t('user.edit')}>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(row)} data-testid={`user-edit-${row.username}`} aria-label={t('user.edit')} />
                    </Tooltip>
                    <Tooltip title={t('user.resetPassword')}>
                      <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(row)} data-testid={`user-reset-password-${row.username}`} aria-label={t('user.resetPassword')} />
                    </Tooltip>
                    {row.isActive ? (
                      <Tooltip title={t('user.deactivate')}>
                        <Button size="small" danger icon={<StopOutlined />} onClick={() => confirmDeactivate(row)} data-testid={`user-deactivate-${row.username}`} aria-label={t('user.deactivate')} />
                      </Tooltip>
                    ) : null}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
      <CreateUserModal open={isCreating} onClose={() => setCreating(false)} />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} onDone={() => void message.success(t('user.passwordReset'))} />
    </div>
  );
}
