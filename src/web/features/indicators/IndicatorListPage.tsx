/**
 * The indicator catalogue with each indicator's latest figure for an organization (the province by
 * default) and a period: result, target, progress and status. Filters live in the address bar.
 */
import { ClearOutlined, DownloadOutlined, DownOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Dropdown, Flex, Row, Select, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { exportIndicators, useIndicatorGroups, useIndicators, type IndicatorQuery } from '../../api/indicators';
import { INDICATOR_IMPORT_KINDS, type IndicatorRow } from '../../api/types';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { EmptyState, ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { SearchInput } from '../../components/SearchInput';
import { EMPTY_VALUE, formatNumber, todayInVietnam } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { IndicatorNav } from './IndicatorNav';
import { IndicatorProgress, IndicatorStatusTag, RollupValue } from './IndicatorTags';
import { PROVINCE_CODE, useOrganizationIndex } from './organizations';
import { PeriodPicker } from './PeriodPicker';
import { periodLabel } from './periods';
import { formatTarget } from './values';

const FILTER_KEYS = ['search', 'group', 'org', 'period'] as const;
const DEFAULT_PAGE_SIZE = 20;

function positiveInteger(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export default function IndicatorListPage() {
  const t = useT();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const [isExporting, setExporting] = useState(false);
  const groups = useIndicatorGroups();
  const organizations = useOrganizationIndex();

  const page = positiveInteger(searchParams.get('page'), 1);
  const pageSize = positiveInteger(searchParams.get('pageSize'), DEFAULT_PAGE_SIZE);
  const query = useMemo<IndicatorQuery>(() => {
    const result: IndicatorQuery = { org: PROVINCE_CODE };
    for (const key of FILTER_KEYS) {
      const value = searchParams.get(key);
      if (value) result[key] = value;
    }
    return result;
  }, [searchParams]);

  const indicators = useIndicators(query);
  // The API answers with every matching indicator; the table pages them here.
  const items = indicators.data?.items ?? [];

  const update = (changes: Record<string, string | number | undefined | null>, resetPage = true) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (resetPage) next.delete('page');
    if (next.get('org') === PROVINCE_CODE) next.delete('org');
    if (next.get('pageSize') === String(DEFAULT_PAGE_SIZE)) next.delete('pageSize');
    if (next.get('page') === '1') next.delete('page');
    setSearchParams(next, { replace: true });
  };

  const hasFilters = FILTER_KEYS.some((key) => searchParams.get(key));
  const orgName = organizations.get(query.org ?? PROVINCE_CODE)?.name ?? query.org ?? PROVINCE_CODE;

  const runExport = async () => {
    setExporting(true);
    try {
      await exportIndicators(query, `chi-tieu-${query.org}-${query.period ?? todayInVietnam()}.xlsx`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  /** The indicator's page, for the same organization and the period of the figure shown. */
  const detailLink = (code: string, period?: string | null) => {
    const params = new URLSearchParams();
    if (query.org && query.org !== PROVINCE_CODE) params.set('org', query.org);
    if (query.period || period) params.set('period', (query.period || period) as string);
    const text = params.toString();
    return `/indicators/${encodeURIComponent(code)}${text ? `?${text}` : ''}`;
  };

  return (
    <div data-testid="indicator-list-page">
      <IndicatorNav current="catalogue" />
      <PageTitle
        title={t('indicator.nav.catalogue')}
        subtitle={t('indicator.listSubtitle', { org: orgName })}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => void runExport()} loading={isExporting} data-testid="indicator-export">
              {t('action.exportExcel')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: INDICATOR_IMPORT_KINDS.map((kind) => ({
                  key: kind,
                  label: <span data-testid={`indicator-import-${kind}`}>{t(`indicatorImport.kind.${kind}`)}</span>,
                })),
                onClick: ({ key }) => navigate(`/indicators/import?kind=${key}`),
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="indicator-import-menu">
                {t('action.importExcel')} <DownOutlined />
              </Button>
            </Dropdown>
            <Link to={query.org && query.org !== PROVINCE_CODE ? `/indicators/entry?org=${encodeURIComponent(query.org)}` : '/indicators/entry'}>
              <Button type="primary" icon={<EditOutlined />} data-testid="indicator-entry-link">
                {t('indicator.enterData')}
              </Button>
            </Link>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }} data-testid="indicator-filters">
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} xl={7}>
            <SearchInput
              value={query.search ?? ''}
              onSearch={(value) => update({ search: value })}
              placeholder={t('indicator.searchPlaceholder')}
              testId="indicator-search"
            />
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Select<string>
              value={query.group}
              onChange={(value) => update({ group: value })}
              placeholder={t('indicator.allGroups')}
              allowClear
              loading={groups.isLoading}
              notFoundContent={groups.isError ? t('error.loadFailed') : t('common.noData')}
              options={(groups.data ?? []).map((group) => ({ value: group.code, label: group.name }))}
              popupMatchSelectWidth={false}
              style={{ width: '100%' }}
              data-testid="indicator-filter-group"
            />
          </Col>
          <Col xs={24} md={12} xl={5}>
            <OrganizationTreeSelect
              value={query.org}
              onChange={(value) => update({ org: value ?? PROVINCE_CODE })}
              allowClear={false}
              style={{ width: '100%' }}
              data-testid="indicator-filter-org"
            />
          </Col>
          <Col xs={24} md={12} xl={5}>
            <PeriodPicker
              value={query.period}
              onChange={(value) => update({ period: value })}
              allowClear
              placeholder={t('indicator.latestPeriod')}
              testId="indicator-filter-period"
            />
          </Col>
          <Col xs={24} xl={2} style={{ textAlign: 'right' }}>
            <Tooltip title={t('action.clearFilters')}>
              <Button
                icon={<ClearOutlined />}
                disabled={!hasFilters}
                onClick={() => setSearchParams(new URLSearchParams(), { replace: true })}
                data-testid="indicator-filter-clear"
                aria-label={t('action.clearFilters')}
              />
            </Tooltip>
          </Col>
        </Row>
      </Card>
      <Card size="small">
        {indicators.isError && !indicators.data ? (
          <ErrorState error={indicators.error} onRetry={() => void indicators.refetch()} />
        ) : (
          <Table<IndicatorRow>
            data-testid="indicator-table"
            size="small"
            rowKey="code"
            dataSource={items}
            loading={indicators.isFetching}
            scroll={{ x: 1100 }}
            locale={{ emptyText: indicators.isLoading ? ' ' : <EmptyState description={t('indicator.noIndicators')} /> }}
            onRow={(row) => ({ 'data-testid': `indicator-row-${row.code}` }) as React.HTMLAttributes<HTMLElement>}
            onChange={(pagination) => {
              const nextSize = pagination.pageSize ?? pageSize;
              update({ page: nextSize !== pageSize ? 1 : pagination.current, pageSize: nextSize }, false);
            }}
            pagination={{
              current: page,
              pageSize,
              total: items.length,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (count) => t('indicator.totalCount', { count: formatNumber(count, language, 0) }),
            }}
            columns={[
              {
                title: t('indicator.code'),
                dataIndex: 'code',
                width: 130,
                render: (code: string, row) => (
                  <Link to={detailLink(code, row.latest?.period)}>
                    <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                      {code}
                    </Typography.Text>
                  </Link>
                ),
              },
              {
                title: t('indicator.name'),
                dataIndex: 'name',
                render: (name: string, row) => (
                  <Flex vertical gap={2}>
                    <Link to={detailLink(row.code, row.latest?.period)} data-testid="indicator-name">
                      {name}
                    </Link>
                    {row.groupName ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.groupName}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
              { title: t('indicator.unit'), dataIndex: 'unit', width: 90, render: (unit: string | null) => unit || EMPTY_VALUE },
              {
                title: t('indicator.period'),
                key: 'period',
                width: 120,
                render: (_value, row) => (row.latest?.period ? periodLabel(row.latest.period, language) : EMPTY_VALUE),
              },
              {
                title: t('indicator.actual'),
                key: 'value',
                width: 110,
                align: 'right',
                render: (_value, row) => <RollupValue rollup={row.latest} valueType={row.valueType} reportingKinds={row.reportingKinds} />,
              },
              {
                title: t('indicator.target'),
                key: 'target',
                width: 100,
                align: 'right',
                render: (_value, row) => formatTarget(row.latest?.target, row.latest?.comparator, row.valueType, language),
              },
              {
                title: t('indicator.progress'),
                key: 'progress',
                width: 150,
                render: (_value, row) => <IndicatorProgress progress={row.latest?.progress} status={row.latest?.status} />,
              },
              {
                title: t('indicator.status'),
                key: 'status',
                width: 170,
                render: (_value, row) => <IndicatorStatusTag status={row.latest?.status} rollup={row.latest} />,
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
