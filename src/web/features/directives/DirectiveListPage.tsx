import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { useDirectives } from '../../api/directives';
import type { Directive } from '../../api/types';
import { EmptyState, ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { SearchInput } from '../../components/SearchInput';
import { formatDate, formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { DirectiveFormModal } from './DirectiveFormModal';

const DEFAULT_PAGE_SIZE = 20;

export default function DirectiveListPage() {
  const t = useT();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.get('search') ?? '';
  const page = Number(searchParams.get('page')) || 1;
  const pageSize = Number(searchParams.get('pageSize')) || DEFAULT_PAGE_SIZE;
  const [isCreating, setCreating] = useState(false);
  const directives = useDirectives({ search: search || undefined, page, pageSize });
  const canCreate = (me.data?.roles ?? []).some((grant) => grant.role === 'system_admin' || grant.role === 'coordinator');

  const setParams = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '' || (key === 'page' && value === 1) || (key === 'pageSize' && value === DEFAULT_PAGE_SIZE)) next.delete(key);
      else next.set(key, String(value));
    }
    setSearchParams(next, { replace: true });
  };

  return (
    <div data-testid="directive-list-page">
      <PageTitle
        title={t('menu.directives')}
        subtitle={t('directive.listSubtitle')}
        extra={
          <>
            <Link to="/tasks/import">
              <Button icon={<UploadOutlined />} data-testid="directive-import-link">
                {t('action.importExcel')}
              </Button>
            </Link>
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="directive-create">
                {t('directive.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small">
        <Flex style={{ marginBottom: 12 }}>
          <SearchInput
            value={search}
            onSearch={(value) => setParams({ search: value, page: 1 })}
            placeholder={t('directive.searchPlaceholder')}
            style={{ maxWidth: 520 }}
            testId="directive-search"
          />
        </Flex>
        {directives.isError && !directives.data ? (
          <ErrorState error={directives.error} onRetry={() => void directives.refetch()} />
        ) : (
          <Table<Directive>
            data-testid="directive-table"
            size="small"
            rowKey={(row) => String(row.id)}
            loading={directives.isFetching}
            dataSource={directives.data?.items ?? []}
            locale={{ emptyText: <EmptyState /> }}
            scroll={{ x: 900 }}
            onRow={(row) => ({ onDoubleClick: () => navigate(`/directives/${row.id}`) })}
            pagination={{
              current: page,
              pageSize,
              total: directives.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (count) => t('directive.totalCount', { count: formatNumber(count, language, 0) }),
              onChange: (nextPage, nextPageSize) => setParams({ page: nextPageSize !== pageSize ? 1 : nextPage, pageSize: nextPageSize }),
            }}
            columns={[
              {
                title: t('directive.number'),
                dataIndex: 'number',
                width: 170,
                render: (value: string, row) => (
                  <Link to={`/directives/${row.id}`} data-testid="directive-link">
                    <Typography.Text strong style={{ color: 'inherit' }}>
                      {value}
                    </Typography.Text>
                  </Link>
                ),
              },
              {
                title: t('directive.title'),
                dataIndex: 'title',
                render: (value: string, row) => (
                  <Flex vertical gap={2}>
                    <span>{value}</span>
                    <span>
                      <Tag variant="outlined">{t(`directiveKind.${row.kind}`)}</Tag>
                      {row.parentNumber ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('directive.implements', { number: row.parentNumber })}
                        </Typography.Text>
                      ) : null}
                    </span>
                  </Flex>
                ),
              },
              { title: t('directive.issuer'), dataIndex: 'issuerName', width: 220 },
              { title: t('directive.issuedOn'), dataIndex: 'issuedOn', width: 120, render: (value: string) => formatDate(value) },
              {
                title: t('directive.taskCount'),
                dataIndex: 'taskCount',
                width: 110,
                align: 'right',
                render: (value: number, row) => <Link to={`/tasks?directive=${row.id}`}>{formatNumber(value, language, 0)}</Link>,
              },
            ]}
          />
        )}
      </Card>
      <DirectiveFormModal open={isCreating} onClose={() => setCreating(false)} onSaved={(saved) => navigate(`/directives/${saved.id}`)} />
    </div>
  );
}
