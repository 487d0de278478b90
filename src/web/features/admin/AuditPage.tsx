import { Card, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { useAuditEvents } from '../../api/audit';
import type { AuditEvent } from '../../api/types';
import { actorName } from '../../components/actor';
import { EmptyState, ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { SearchInput } from '../../components/SearchInput';
import { formatDateTime, formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';

function JsonBlock({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12, background: '#f7f8fa', padding: 8, borderRadius: 4 }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export default function AuditPage() {
  const t = useT();
  const { language } = useLanguage();
  const [entity, setEntity] = useState('');
  const [entityId, setEntityId] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const events = useAuditEvents({ entity: entity || undefined, entityId: entityId || undefined, ...paging });

  return (
    <div data-testid="audit-page">
      <PageTitle title={t('menu.audit')} subtitle={t('audit.subtitle')} />
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <SearchInput
            value={entity}
            placeholder={t('audit.entity')}
            onSearch={(value) => {
              setEntity(value);
              setPaging((current) => ({ ...current, page: 1 }));
            }}
            style={{ width: 220 }}
            testId="audit-entity"
          />
          <SearchInput
            value={entityId}
            placeholder={t('audit.entityId')}
            onSearch={(value) => {
              setEntityId(value);
              setPaging((current) => ({ ...current, page: 1 }));
            }}
            style={{ width: 220 }}
            testId="audit-entity-id"
          />
        </Flex>
        {events.isError && !events.data ? (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <Table<AuditEvent>
            data-testid="audit-table"
            size="small"
            rowKey={(row) => String(row.id)}
            loading={events.isFetching}
            dataSource={events.data?.items ?? []}
            locale={{ emptyText: <EmptyState /> }}
            scroll={{ x: 900 }}
            expandable={{
              expandedRowRender: (row) => (
                <Flex gap={12} wrap>
                  <div style={{ flex: 1, minWidth: 280 }}>
                    <Typography.Text type="secondary">{t('audit.before')}</Typography.Text>
                    <JsonBlock value={row.before} />
                  </div>
                  <div style={{ flex: 1, minWidth: 280 }}>
                    <Typography.Text type="secondary">{t('audit.after')}</Typography.Text>
                    <JsonBlock value={row.after} />
                  </div>
                </Flex>
              ),
              rowExpandable: (row) => row.before != null || row.after != null,
            }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: events.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (count) => t('audit.totalCount', { count: formatNumber(count, language, 0) }),
              onChange: (page, pageSize) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }),
            }}
            columns={[
              { title: t('audit.at'), dataIndex: 'at', width: 150, render: (value: string) => formatDateTime(value) },
              { title: t('audit.actor'), dataIndex: 'actor', width: 180, render: (value: AuditEvent['actor']) => actorName(value) || '—' },
              { title: t('audit.action'), dataIndex: 'action', width: 200, render: (value: string) => <Typography.Text code>{value}</Typography.Text> },
              { title: t('audit.entity'), dataIndex: 'entity', width: 140 },
              { title: t('audit.entityId'), dataIndex: 'entityId', render: (value: unknown) => (value === null || value === undefined ? '—' : String(value)) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
