/**
 * The bell in the header: the unread count (asked every minute), the latest notifications (a
 * click opens what it is about and marks it read), "mark all read", and the preferences — which
 * kinds the user receives, in the application, by e-mail, or in one daily digest.
 */
import { BellOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Checkbox, Empty, Flex, List, Modal, Popover, Spin, Table, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import {
  useMarkAllRead,
  useMarkRead,
  useNotificationPreferences,
  useNotifications,
  useSaveNotificationPreferences,
  useUnreadCount,
  type NotificationItem,
  type NotificationPreference,
} from '../api/notifications';
import { formatDateTime, formatNumber } from '../format';
import { useLanguage, useT } from '../i18n';

const PAGE_SIZE = 8;

function PreferencesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const preferences = useNotificationPreferences(open);
  const save = useSaveNotificationPreferences();
  const [rows, setRows] = useState<NotificationPreference[]>([]);
  useEffect(() => {
    if (preferences.data) setRows(preferences.data.items);
  }, [preferences.data]);
  const change = (kind: string, field: 'inApp' | 'email' | 'digest', value: boolean) =>
    setRows((current) => current.map((row) => (row.kind === kind ? { ...row, [field]: value, ...(field === 'digest' && value ? { email: true } : {}) } : row)));
  const submit = () =>
    save.mutate(
      rows.map(({ label: _label, ...row }) => row),
      {
        onSuccess: () => {
          message.success(t('notification.saved'));
          onClose();
        },
        onError: (error) => message.error(errorMessage(error)),
      },
    );
  const emailEnabled = preferences.data?.emailEnabled ?? false;
  return (
    <Modal
      open={open}
      title={t('notification.preferencesTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
      data-testid="notification-preferences"
    >
      {preferences.isLoading ? (
        <Spin />
      ) : (
        <>
          {!emailEnabled ? (
            <Alert type="info" showIcon title={t('notification.emailDisabled')} style={{ marginBottom: 12 }} />
          ) : preferences.data?.email ? (
            <Typography.Paragraph type="secondary">{t('notification.emailTo', { email: preferences.data.email })}</Typography.Paragraph>
          ) : (
            <Alert type="warning" showIcon title={t('notification.noEmail')} style={{ marginBottom: 12 }} />
          )}
          <Table<NotificationPreference>
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: t('notification.kind'), dataIndex: 'label' },
              {
                title: t('notification.inApp'),
                dataIndex: 'inApp',
                width: 110,
                align: 'center',
                render: (value: boolean, row) => <Checkbox checked={value} onChange={(event) => change(row.kind, 'inApp', event.target.checked)} aria-label={`${row.label}: ${t('notification.inApp')}`} />,
              },
              {
                title: t('notification.email'),
                dataIndex: 'email',
                width: 110,
                align: 'center',
                render: (value: boolean, row) => (
                  <Checkbox checked={value} disabled={!emailEnabled} onChange={(event) => change(row.kind, 'email', event.target.checked)} aria-label={`${row.label}: ${t('notification.email')}`} />
                ),
              },
              {
                title: t('notification.digest'),
                dataIndex: 'digest',
                width: 130,
                align: 'center',
                render: (value: boolean, row) => (
                  <Checkbox checked={value} disabled={!emailEnabled} onChange={(event) => change(row.kind, 'digest', event.target.checked)} aria-label={`${row.label}: ${t('notification.digest')}`} />
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}

function NotificationList({ open, onOpen, onPreferences }: { open: boolean; onOpen: (item: NotificationItem) => void; onPreferences: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  // Asked when the list is opened (and kept fresh while it is), not on every page.
  const list = useNotifications({ page: 1, pageSize }, open);
  const markAll = useMarkAllRead();
  const items = list.data?.items ?? [];
  return (
    <div style={{ width: 380, maxWidth: '90vw' }} data-testid="notification-list">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notification.title')}</Typography.Text>
        <Flex gap={4}>
          <Button
            size="small"
            type="link"
            disabled={!list.data?.unread}
            loading={markAll.isPending}
            onClick={() => markAll.mutate(undefined, { onError: (error) => message.error(errorMessage(error)) })}
            data-testid="notification-read-all"
          >
            {t('notification.markAllRead')}
          </Button>
          <Tooltip title={t('notification.preferences')}>
            <Button size="small" type="text" icon={<SettingOutlined />} onClick={onPreferences} aria-label={t('notification.preferences')} data-testid="notification-preferences-button" />
          </Tooltip>
        </Flex>
      </Flex>
      <List<NotificationItem>
        size="small"
        loading={list.isLoading}
        dataSource={items}
        style={{ maxHeight: 420, overflowY: 'auto' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notification.empty')} /> }}
        renderItem={(item) => (
          <List.Item
            key={item.id}
            onClick={() => onOpen(item)}
            style={{ cursor: 'pointer', background: item.readAt ? undefined : '#f0f5ff', paddingInline: 8 }}
            data-testid="notification-item"
          >
            <List.Item.Meta
              title={
                <Typography.Text strong={!item.readAt} style={{ fontSize: 13 }}>
                  {item.title}
                </Typography.Text>
              }
              description={
                <>
                  <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 2, fontSize: 12 }}>
                    {item.body}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                    {formatDateTime(item.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {list.data && list.data.total > items.length ? (
        <Button block type="link" size="small" onClick={() => setPageSize((size) => size + PAGE_SIZE)} loading={list.isFetching}>
          {t('notification.showMore')}
        </Button>
      ) : null}
    </div>
  );
}

export function NotificationBell() {
  const t = useT();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const [open, setOpen] = useState(false);
  const [isEditing, setEditing] = useState(false);
  const count = unread.data?.count ?? 0;
  const openItem = (item: NotificationItem) => {
    if (!item.readAt) markRead.mutate(item.id);
    setOpen(false);
    if (item.link) navigate(item.link);
  };
  return (
    <>
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        placement="bottomRight"
        content={
          <NotificationList
            open={open}
            onOpen={openItem}
            onPreferences={() => {
              setOpen(false);
              setEditing(true);
            }}
          />
        }
      >
        <Button
          type="text"
          style={{ color: '#fff' }}
          title={t('notification.bell', { count: formatNumber(count, language, 0) })}
          aria-label={t('notification.bell', { count: formatNumber(count, language, 0) })}
          data-testid="notification-bell"
        >
          <Badge count={count} size="small" offset={[2, -2]} data-testid="notification-count">
            <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
          </Badge>
        </Button>
      </Popover>
      <PreferencesModal open={isEditing} onClose={() => setEditing(false)} />
    </>
  );
}
