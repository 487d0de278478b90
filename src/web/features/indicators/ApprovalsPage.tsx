/**
 * Values awaiting approval (đã gửi): approve one by one or several at once, or return one with a
 * reason. Filters live in the address bar.
 */
import { CheckOutlined, ClearOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Popconfirm, Row, Select, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { useDecideValue, useIndicators, useIndicatorValues } from '../../api/indicators';
import type { Indicator, IndicatorRow, IndicatorValueRow } from '../../api/types';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { EmptyState, ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { matchesSearch } from '../../text';
import { IndicatorNav } from './IndicatorNav';
import { ValueStatusTag } from './IndicatorTags';
import { PeriodPicker } from './PeriodPicker';
import { periodLabel } from './periods';
import { HistoryLink, ValueDecisionButtons, ValueRevisionsDrawer } from './ValueActions';
import { formatIndicatorValue } from './values';

const FILTER_KEYS = ['indicator', 'org', 'period'] as const;
const DEFAULT_PAGE_SIZE = 50;

function positiveInteger(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** The stable part of a row's test ids: indicator, organization and period. */
function rowKeyOf(row: IndicatorValueRow): string {
  return `${row.indicatorCode}-${row.orgCode}-${row.period}`;
}

export default function ApprovalsPage() {
  const t = useT();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const [selected, setSelected] = useState<string[]>([]);
  const [isApprovingMany, setApprovingMany] = useState(false);
  const [history, setHistory] = useState<{ id: string | number; indicatorName: string; valueType: Indicator['valueType'] } | null>(null);
  const decide = useDecideValue();

  const page = positiveInteger(searchParams.get('page'), 1);
  const pageSize = positiveInteger(searchParams.get('pageSize'), DEFAULT_PAGE_SIZE);
  const filters = useMemo(() => {
    const result: { indicator?: string; org?: string; period?: string } = {};
    for (const key of FILTER_KEYS) {
      const value = searchParams.get(key);
      if (value) result[key] = value;
    }
    return result;
  }, [searchParams]);
  const values = useIndicatorValues({ ...filters, status: 'submitted', page, pageSize });
  const items = useMemo(() => values.data?.items ?? [], [values.data]);
  const total = values.data?.total ?? 0;
  const pagedByServer = items.length < total;

  // The value rows name the indicator by code: its name, unit and type come from the catalogue.
  const catalogue = useIndicators({});
  const indicators = useMemo(() => new Map<string, IndicatorRow>((catalogue.data?.items ?? []).map((indicator) => [indicator.code, indicator])), [catalogue.data]);

  const update = (changes: Record<string, string | number | undefined | null>, resetPage = true) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (resetPage) next.delete('page');
    if (next.get('pageSize') === String(DEFAULT_PAGE_SIZE)) next.delete('pageSize');
    if (next.get('page') === '1') next.delete('page');
    setSelected([]);
    setSearchParams(next, { replace: true });
  };

  const approveSelected = async () => {
    const rows = items.filter((row) => selected.includes(String(row.id)));
    setApprovingMany(true);
    let done = 0;
    const failures: string[] = [];
    for (const row of rows) {
      try {
        await decide.mutateAsync({ kind: 'approve', id: row.id, version: row.version });
        done += 1;
      } catch (error) {
        failures.push(`${row.indicatorName || row.indicatorCode} — ${row.orgName}: ${errorMessage(error)}`);
      }
    }
    setApprovingMany(false);
    setSelected([]);
    if (done > 0) void message.success(t('approval.approvedCount', { count: formatNumber(done, language, 0) }));
    if (failures.length > 0) void message.error({ content: failures.join('\n'), duration: 8 });
  };

  const hasFilters = FILTER_KEYS.some((key) => searchParams.get(key));

  return (
    <div data-testid="approvals-page">
      <IndicatorNav current="approvals" />
      <PageTitle title={t('indicator.nav.approvals')} subtitle={t('approval.subtitle')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[12, 12]} align="middle">
          <Col xs={24} md={12} xl={8}>
            <Select<string>
              value={filters.indicator}
              onChange={(value) => update({ indicator: value })}
              placeholder={t('approval.allIndicators')}
              allowClear
              loading={catalogue.isLoading}
              showSearch={{ filterOption: (input, option) => matchesSearch(input, option?.label as string | undefined) }}
              options={[...indicators.values()].map((indicator) => ({ value: indicator.code, label: `${indicator.code} — ${indicator.name}` }))}
              popupMatchSelectWidth={false}
              style={{ width: '100%' }}
              data-testid="approval-filter-indicator"
            />
          </Col>
          <Col xs={24} md={12} xl={7}>
            <OrganizationTreeSelect value={filters.org} onChange={(value) => update({ org: value })} style={{ width: '100%' }} data-testid="approval-filter-org" />
          </Col>
          <Col xs={24} md={18} xl={7}>
            <PeriodPicker value={filters.period} onChange={(value) => update({ period: value })} allowClear kinds={['month', 'quarter', 'year']} placeholder={t('approval.allPeriods')} testId="approval-filter-period" />
          </Col>
          <Col xs={24} md={6} xl={2} style={{ textAlign: 'right' }}>
            <Tooltip title={t('action.clearFilters')}>
              <Button icon={<ClearOutlined />} disabled={!hasFilters} onClick={() => update({ indicator: undefined, org: undefined, period: undefined })} aria-label={t('action.clearFilters')} data-testid="approval-filter-clear" />
            </Tooltip>
          </Col>
        </Row>
      </Card>
      <Card size="small">
        {values.isError && !values.data ? (
          <ErrorState error={values.error} onRetry={() => void values.refetch()} />
        ) : (
          <>
            <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary">{t('approval.totalCount', { count: formatNumber(total, language, 0) })}</Typography.Text>
              <Popconfirm
                title={t('approval.approveSelectedConfirm', { count: formatNumber(selected.length, language, 0) })}
                okText={t('entry.approve')}
                cancelText={t('action.cancel')}
                onConfirm={() => approveSelected()}
                disabled={selected.length === 0}
              >
                <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} loading={isApprovingMany} data-testid="approval-approve-selected">
                  {t('approval.approveSelected', { count: formatNumber(selected.length, language, 0) })}
                </Button>
              </Popconfirm>
            </Flex>
            <Table<IndicatorValueRow>
              data-testid="approval-table"
              size="small"
              rowKey={(row) => String(row.id)}
              dataSource={items}
              loading={values.isFetching || isApprovingMany}
              scroll={{ x: 1000 }}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
              locale={{ emptyText: values.isLoading ? ' ' : <EmptyState description={t('approval.none')} /> }}
              onRow={(row) => ({ 'data-testid': `approval-row-${rowKeyOf(row)}` }) as React.HTMLAttributes<HTMLElement>}
              onChange={(pagination) => {
                const nextSize = pagination.pageSize ?? pageSize;
                update({ page: nextSize !== pageSize ? 1 : pagination.current, pageSize: nextSize }, false);
              }}
              pagination={{
                current: page,
                pageSize,
                total: pagedByServer ? total : items.length,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100],
                hideOnSinglePage: true,
              }}
              columns={[
                {
                  title: t('indicator.name'),
                  key: 'indicator',
                  render: (_value, row) => (
                    <Flex vertical gap={2}>
                      <Link to={`/indicators/${encodeURIComponent(row.indicatorCode)}`}>{row.indicatorName || indicators.get(row.indicatorCode)?.name || row.indicatorCode}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.indicatorCode}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                {
                  title: t('approval.organization'),
                  dataIndex: 'orgName',
                  width: 220,
                  render: (name: string, row) => name || row.orgCode,
                },
                {
                  title: t('indicator.period'),
                  dataIndex: 'period',
                  width: 150,
                  render: (period: string, row) => (
                    <Link to={`/indicators/entry?org=${encodeURIComponent(row.orgCode)}&period=${encodeURIComponent(period)}`} data-testid="approval-entry-link">
                      {periodLabel(period, language)}
                    </Link>
                  ),
                },
                {
                  title: t('entry.value'),
                  key: 'value',
                  width: 140,
                  align: 'right',
                  render: (_value, row) => {
                    const indicator = indicators.get(row.indicatorCode);
                    const unitText = row.unit ?? indicator?.unit;
                    const unit = unitText && (indicator?.valueType ?? 'number') === 'number' ? ` ${unitText}` : '';
                    return (
                      <Typography.Text strong>
                        {formatIndicatorValue(row.value, indicator?.valueType, language)}
                        {row.value === null ? '' : unit}
                      </Typography.Text>
                    );
                  },
                },
                { title: t('indicator.status'), dataIndex: 'status', width: 120, render: (status: IndicatorValueRow['status']) => <ValueStatusTag status={status} /> },
                {
                  title: '',
                  key: 'actions',
                  width: 260,
                  render: (_value, row) => {
                    const indicator = indicators.get(row.indicatorCode);
                    const name = row.indicatorName || indicator?.name || row.indicatorCode;
                    return (
                      <Flex gap={8} align="center" wrap>
                        <ValueDecisionButtons
                          testSuffix={rowKeyOf(row)}
                          value={{
                            id: row.id,
                            version: row.version,
                            indicatorName: `${name} — ${row.orgName || row.orgCode}`,
                            valueText: formatIndicatorValue(row.value, indicator?.valueType, language),
                          }}
                          onDone={() => setSelected((current) => current.filter((key) => key !== String(row.id)))}
                        />
                        <HistoryLink
                          testId={`approval-history-${rowKeyOf(row)}`}
                          onClick={() => setHistory({ id: row.id, indicatorName: name, valueType: indicator?.valueType ?? 'number' })}
                        />
                      </Flex>
                    );
                  },
                },
              ]}
            />
            {items.length > 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('approval.hint')}
              </Typography.Text>
            ) : null}
          </>
        )}
      </Card>
      <ValueRevisionsDrawer target={history} onClose={() => setHistory(null)} />
    </div>
  );
}
