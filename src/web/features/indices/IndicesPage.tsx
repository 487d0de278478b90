/**
 * The composite indices (PII, DTI): their frameworks, with the imports of a framework and of the
 * peers' data for those who may manage them.
 */
import { DeleteOutlined, ImportOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { useDeleteIndex, useIndices } from '../../api/indices';
import type { IndexFrameworkRow } from '../../api/types';
import { EmptyState, ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatDateTime, formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { IndexImportModal, type IndexImportKind } from './IndexImportModal';
import { canManageIndices } from './format';

export default function IndicesPage() {
  const t = useT();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = useMe();
  const indices = useIndices();
  const remove = useDeleteIndex();
  const [importing, setImporting] = useState<{ kind: IndexImportKind; code?: string; key: number } | null>(null);
  const canManage = canManageIndices(me.data);
  const items = indices.data?.items ?? [];

  const openImport = (kind: IndexImportKind, code?: string) => setImporting({ kind, code, key: Date.now() });

  const removeIndex = async (code: string) => {
    try {
      await remove.mutateAsync(code);
      void message.success(t('indices.deleted', { code }));
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  const importButtons = canManage ? (
    <>
      <Button icon={<ImportOutlined />} onClick={() => openImport('framework')} data-testid="index-import-framework">
        {t('indices.importFramework')}
      </Button>
      <Tooltip title={items.length === 0 ? t('indices.importFrameworkFirst') : undefined}>
        <Button
          type="primary"
          icon={<UploadOutlined />}
          onClick={() => openImport('data')}
          disabled={items.length === 0}
          data-testid="index-import-data"
        >
          {t('indices.importData')}
        </Button>
      </Tooltip>
    </>
  ) : null;

  return (
    <div data-testid="indices-page">
      <PageTitle title={t('indices.title')} subtitle={t('indices.subtitle')} extra={importButtons} />
      <Card size="small">
        {indices.isError && !indices.data ? (
          <ErrorState error={indices.error} onRetry={() => void indices.refetch()} />
        ) : (
          <Table<IndexFrameworkRow>
            data-testid="indices-table"
            size="small"
            rowKey="code"
            loading={indices.isLoading}
            dataSource={items}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{
              emptyText: indices.isLoading ? ' ' : (
                <EmptyState description={t('indices.empty')}>
                  <Typography.Paragraph type="secondary" style={{ maxWidth: 640, margin: '0 auto 12px' }}>
                    {canManage ? t('indices.emptyHint') : t('indices.emptyHintReader')}
                  </Typography.Paragraph>
                  {canManage ? (
                    <Button type="primary" icon={<ImportOutlined />} onClick={() => openImport('framework')}>
                      {t('indices.importFramework')}
                    </Button>
                  ) : null}
                </EmptyState>
              ),
            }}
            onRow={(row) =>
              ({
                'data-testid': `index-row-${row.code}`,
                style: { cursor: 'pointer' },
                onClick: (event: React.MouseEvent) => {
                  // Buttons and links of the row do their own thing.
                  if ((event.target as HTMLElement).closest('a, button, .ant-popover')) return;
                  navigate(`/indices/${encodeURIComponent(row.code)}`);
                },
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: t('indices.code'),
                dataIndex: 'code',
                width: 90,
                render: (code: string) => (
                  <Link to={`/indices/${encodeURIComponent(code)}`} data-testid="index-link">
                    <Typography.Text code>{code}</Typography.Text>
                  </Link>
                ),
              },
              {
                title: t('indices.name'),
                dataIndex: 'name',
                render: (name: string, row) => <Link to={`/indices/${encodeURIComponent(row.code)}`}>{name}</Link>,
              },
              {
                title: t('indices.method'),
                dataIndex: 'method',
                width: 210,
                render: (_value, row) => (
                  <Flex gap={4} wrap>
                    <Tag color={row.method === 'minmax' ? 'blue' : 'purple'}>{t(`indices.method.${row.method}`)}</Tag>
                    {row.method === 'minmax' && row.outlierTreatment ? <Tag>{t('indices.outliersOn')}</Tag> : null}
                  </Flex>
                ),
              },
              { title: t('indices.peerKind'), dataIndex: 'peerKind', width: 130, render: (_value, row) => t(`indices.peerKind.${row.peerKind}`) },
              {
                title: t('indices.indicatorCount'),
                dataIndex: 'indicatorCount',
                width: 100,
                align: 'right',
                render: (value: number) => formatNumber(value, language, 0),
              },
              { title: t('indices.updatedAt'), dataIndex: 'updatedAt', width: 140, render: (value: string) => formatDateTime(value) },
              ...(canManage
                ? [
                    {
                      title: '',
                      key: 'actions',
                      width: 90,
                      align: 'right' as const,
                      render: (_value: unknown, row: IndexFrameworkRow) => (
                        <Flex gap={4} justify="flex-end">
                          <Tooltip title={t('indices.importDataFor', { code: row.code })}>
                            <Button size="small" icon={<UploadOutlined />} onClick={() => openImport('data', row.code)} data-testid={`index-row-import-${row.code}`} />
                          </Tooltip>
                          <Popconfirm
                            title={t('indices.deleteConfirm', { code: row.code })}
                            description={t('indices.deleteConfirmHint')}
                            okText={t('action.remove')}
                            cancelText={t('action.cancel')}
                            okButtonProps={{ danger: true, loading: remove.isPending }}
                            onConfirm={() => removeIndex(row.code)}
                          >
                            <Tooltip title={t('action.remove')}>
                              <Button size="small" danger icon={<DeleteOutlined />} data-testid={`index-row-delete-${row.code}`} />
                            </Tooltip>
                          </Popconfirm>
                        </Flex>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {importing ? (
        <IndexImportModal
          key={importing.key}
          open
          kind={importing.kind}
          code={importing.code}
          frameworks={items}
          onClose={() => setImporting(null)}
          onImportData={(code) => openImport('data', code)}
        />
      ) : null}
    </div>
  );
}
