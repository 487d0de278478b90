/**
 * One indicator: its definition and attributes, result against target over periods, results by
 * organization for a period, and the plan's targets. Tab, organization and periods live in the
 * address bar.
 */
import { ArrowLeftOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Row, Segmented, Select, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { exportIndicatorByOrganization, useIndicator, useIndicatorByOrganization, useIndicatorSeries } from '../../api/indicators';
import type { ByOrganizationRow, Indicator, PeriodKind, SeriesPoint } from '../../api/types';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { EMPTY_VALUE, formatNumber } from '../../format';
import { isMessageKey, useLanguage, useT } from '../../i18n';
import { IndicatorNav } from './IndicatorNav';
import { IndicatorProgress, IndicatorStatusTag, RollupValue, useCoverageText } from './IndicatorTags';
import { IndicatorTargetsTab } from './IndicatorTargetsTab';
import { PROVINCE_CODE, useOrganizationIndex } from './organizations';
import { PeriodPicker } from './PeriodPicker';
import { kindsFor, parsePeriod, periodContaining, periodLabel, seriesRange, shiftPeriod, yearOptions } from './periods';
import { formatDifference, formatTarget } from './values';

const SeriesChart = lazy(() => import('./IndicatorCharts').then((module) => ({ default: module.SeriesChart })));
const ByOrganizationChart = lazy(() => import('./IndicatorCharts').then((module) => ({ default: module.ByOrganizationChart })));

type DetailTab = 'series' | 'organizations' | 'targets';
const TABS: DetailTab[] = ['series', 'organizations', 'targets'];

function ChartFallback() {
  return <Spin style={{ display: 'block', margin: '96px auto' }} />;
}

/** The period kinds a by-organization view may use for an indicator (its frequency or longer). */
function byOrganizationKinds(indicator: Indicator): PeriodKind[] {
  if (indicator.frequency === 'year') return ['year'];
  if (indicator.frequency === 'quarter') return ['quarter', 'half', 'year'];
  return ['month', 'quarter', 'half', 'year'];
}

function IndicatorInformation({ indicator }: { indicator: Indicator }) {
  const t = useT();
  const organizations = useOrganizationIndex();
  const kindLabel = (kind: string) => {
    const key = `organizationKind.${kind}`;
    return isMessageKey(key) ? t(key) : kind;
  };
  const reportingKinds = indicator.reportingKinds && indicator.reportingKinds.length > 0 ? indicator.reportingKinds : ['commune', 'ward'];
  const indicatorLink = (code: string | null) =>
    code ? (
      <Link to={`/indicators/${encodeURIComponent(code)}`}>
        <Typography.Text code>{code}</Typography.Text>
      </Link>
    ) : (
      EMPTY_VALUE
    );
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="indicator-information">
      <Row gutter={[24, 12]}>
        <Col xs={24} xl={13}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'code', label: t('indicator.code'), children: <Typography.Text code>{indicator.code}</Typography.Text> },
              { key: 'unit', label: t('indicator.unit'), children: indicator.unit || EMPTY_VALUE },
              { key: 'group', label: t('indicator.group'), children: indicator.groupName || EMPTY_VALUE },
              { key: 'valueType', label: t('indicator.valueType'), children: t(`valueType.${indicator.valueType}`) },
              { key: 'direction', label: t('indicator.direction'), children: t(`direction.${indicator.direction}`) },
              { key: 'frequency', label: t('indicator.frequency'), children: t(`frequency.${indicator.frequency}`) },
              { key: 'timeAggregation', label: t('indicator.timeAggregation'), children: t(`timeAggregation.${indicator.timeAggregation}`) },
              { key: 'orgAggregation', label: t('indicator.orgAggregation'), children: t(`orgAggregation.${indicator.orgAggregation}`) },
              ...(indicator.orgAggregation === 'ratio'
                ? [
                    { key: 'numerator', label: t('indicator.numerator'), children: indicatorLink(indicator.numeratorCode) },
                    { key: 'denominator', label: t('indicator.denominator'), children: indicatorLink(indicator.denominatorCode) },
                  ]
                : []),
              {
                key: 'reportingKinds',
                label: t('indicator.reportingKinds'),
                children: reportingKinds
                  .map(kindLabel)
                  .map((label, index) => (index === 0 ? label : label.charAt(0).toLocaleLowerCase('vi') + label.slice(1)))
                  .join(', '),
              },
              {
                key: 'owner',
                label: t('indicator.owner'),
                children: indicator.ownerName || (indicator.ownerCode ? organizations.get(indicator.ownerCode)?.name ?? indicator.ownerCode : EMPTY_VALUE),
              },
              {
                key: 'source',
                label: t('indicator.source'),
                children:
                  indicator.sourceDirectiveId !== null && indicator.sourceDirectiveId !== undefined ? (
                    <Link to={`/directives/${indicator.sourceDirectiveId}`}>{indicator.sourceDirectiveNumber || String(indicator.sourceDirectiveId)}</Link>
                  ) : (
                    indicator.sourceDirectiveNumber || EMPTY_VALUE
                  ),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={11}>
          <Typography.Text strong>{t('indicator.definition')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }} type={indicator.definition ? undefined : 'secondary'} data-testid="indicator-definition">
            {indicator.definition || t('indicator.noDefinition')}
          </Typography.Paragraph>
          <Typography.Text strong>{t('indicator.guidance')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4, marginBottom: 0 }} type={indicator.guidance ? undefined : 'secondary'} data-testid="indicator-guidance">
            {indicator.guidance || t('indicator.noGuidance')}
          </Typography.Paragraph>
        </Col>
      </Row>
    </Card>
  );
}

function SeriesTab({
  indicator,
  org,
  kind,
  year,
  onChange,
}: {
  indicator: Indicator;
  org: string;
  kind: 'month' | 'quarter' | 'year';
  year: number;
  onChange: (changes: Record<string, string | undefined>) => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const coverageText = useCoverageText();
  const range = seriesRange(kind, year);
  const series = useIndicatorSeries(indicator.code, { org, kind, ...range });
  const items = series.data?.items ?? [];
  const hasFigures = items.some((item) => item.value !== null || item.target !== null);
  const kinds = kindsFor(indicator.frequency);

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <OrganizationTreeSelect
          value={org}
          onChange={(value) => onChange({ org: value ?? PROVINCE_CODE })}
          allowClear={false}
          style={{ width: 320 }}
          data-testid="series-org"
        />
        <Segmented<'month' | 'quarter' | 'year'>
          value={kind}
          onChange={(value) => onChange({ kind: value })}
          options={kinds.map((value) => ({ value, label: t(`periodKind.${value}`) }))}
          data-testid="series-kind"
        />
        {kind !== 'year' ? (
          <Select<number>
            value={year}
            onChange={(value) => onChange({ year: String(value) })}
            options={yearOptions().map((value) => ({ value, label: t('period.year', { year: value }) }))}
            style={{ width: 120 }}
            data-testid="series-year"
          />
        ) : null}
      </Flex>
      {series.isError && !series.data ? (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      ) : series.isLoading ? (
        <LoadingState rows={8} />
      ) : (
        <>
          <Card size="small" title={t('indicator.seriesTitle')}>
            {hasFigures ? (
              <Suspense fallback={<ChartFallback />}>
                <SeriesChart items={items} valueType={indicator.valueType} unit={indicator.unit} />
              </Suspense>
            ) : (
              <EmptyState description={t('indicator.noSeries')} />
            )}
          </Card>
          <Card size="small">
            <Table<SeriesPoint>
              data-testid="series-table"
              size="small"
              rowKey="period"
              dataSource={items}
              loading={series.isFetching}
              pagination={false}
              scroll={{ x: 960 }}
              locale={{ emptyText: <EmptyState description={t('indicator.noSeries')} /> }}
              onRow={(row) => ({ 'data-testid': `series-row-${row.period}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('indicator.period'), dataIndex: 'period', width: 170, render: (period: string) => periodLabel(period, language) },
                {
                  title: t('indicator.actual'),
                  key: 'value',
                  width: 130,
                  align: 'right',
                  render: (_value, row) => <RollupValue rollup={row} valueType={indicator.valueType} reportingKinds={indicator.reportingKinds} />,
                },
                {
                  title: t('indicator.target'),
                  key: 'target',
                  width: 130,
                  align: 'right',
                  render: (_value, row) => formatTarget(row.target, row.comparator, indicator.valueType, language),
                },
                {
                  title: t('indicator.baseline'),
                  key: 'baseline',
                  width: 150,
                  align: 'right',
                  render: (_value, row) => formatTarget(row.baseline, null, indicator.valueType, language),
                },
                {
                  title: t('indicator.comparedWithLastYear'),
                  key: 'change',
                  width: 130,
                  align: 'right',
                  render: (_value, row) =>
                    row.value !== null && row.baseline !== null && row.baseline !== undefined && indicator.valueType !== 'yes_no'
                      ? formatDifference(row.value - row.baseline, indicator.valueType, language)
                      : EMPTY_VALUE,
                },
                { title: t('indicator.progress'), key: 'progress', width: 170, render: (_value, row) => <IndicatorProgress progress={row.progress} status={row.status} /> },
                { title: t('indicator.status'), key: 'status', width: 170, render: (_value, row) => <IndicatorStatusTag status={row.status} rollup={row} /> },
                {
                  title: t('indicator.coverage'),
                  key: 'coverage',
                  width: 200,
                  render: (_value, row) => (row.entered !== null && row.entered !== undefined ? t('indicator.enteredShort') : coverageText(row.rollup, indicator.reportingKinds) ?? EMPTY_VALUE),
                },
              ]}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}

function ByOrganizationTab({
  indicator,
  org,
  period,
  onChange,
}: {
  indicator: Indicator;
  org: string;
  period: string;
  onChange: (changes: Record<string, string | undefined>) => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const coverageText = useCoverageText();
  const [isExporting, setExporting] = useState(false);
  const data = useIndicatorByOrganization(indicator.code, { org, period });
  const parent = data.data?.parent;
  const items = data.data?.items ?? [];
  const coverage = coverageText(parent?.rollup, indicator.reportingKinds);
  const enteredBesideRollup =
    parent && parent.entered !== null && parent.entered !== undefined && parent.rollup && parent.rollup.value !== null && parent.rollup.value !== undefined;

  const runExport = async () => {
    setExporting(true);
    try {
      await exportIndicatorByOrganization(indicator.code, { org, period }, `${indicator.code}-${org}-${period}.xlsx`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Flex gap={12} wrap align="center">
          <OrganizationTreeSelect
            value={org}
            onChange={(value) => onChange({ org: value ?? PROVINCE_CODE })}
            allowClear={false}
            style={{ width: 320 }}
            data-testid="by-org-org"
          />
          <PeriodPicker value={period} onChange={(value) => onChange({ period: value })} kinds={byOrganizationKinds(indicator)} testId="by-org-period" />
        </Flex>
        <Button icon={<DownloadOutlined />} onClick={() => void runExport()} loading={isExporting} data-testid="by-org-export">
          {t('action.exportExcel')}
        </Button>
      </Flex>
      {data.isError && !data.data ? (
        <ErrorState error={data.error} onRetry={() => void data.refetch()} />
      ) : data.isLoading || !parent ? (
        <LoadingState rows={8} />
      ) : (
        <>
          <Card size="small" data-testid="by-org-summary">
            <Row gutter={[16, 12]} align="middle">
              <Col xs={24} md={8} lg={5}>
                <Typography.Text type="secondary">{parent.orgName || org}</Typography.Text>
                <div style={{ lineHeight: 1.3 }} data-testid="by-org-parent-value">
                  <RollupValue rollup={parent} valueType={indicator.valueType} reportingKinds={indicator.reportingKinds} style={{ fontSize: 24 }} />
                  {indicator.unit && indicator.valueType === 'number' ? (
                    <Typography.Text type="secondary" style={{ fontSize: 14, marginInlineStart: 6 }}>
                      {indicator.unit}
                    </Typography.Text>
                  ) : null}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {periodLabel(parent.period || period, language)}
                </Typography.Text>
              </Col>
              <Col xs={12} md={8} lg={4}>
                <Typography.Text type="secondary">{t('indicator.target')}</Typography.Text>
                <div style={{ fontSize: 18 }}>{formatTarget(parent.target, parent.comparator, indicator.valueType, language)}</div>
              </Col>
              <Col xs={12} md={8} lg={4}>
                <Typography.Text type="secondary">{t('indicator.comparedWithLastYear')}</Typography.Text>
                <div style={{ fontSize: 18 }}>
                  {parent.value !== null && parent.baseline !== null && parent.baseline !== undefined && indicator.valueType !== 'yes_no'
                    ? formatDifference(parent.value - parent.baseline, indicator.valueType, language)
                    : EMPTY_VALUE}
                </div>
              </Col>
              <Col xs={24} md={12} lg={6}>
                <Typography.Text type="secondary">{t('indicator.progress')}</Typography.Text>
                <Flex gap={8} align="center" wrap>
                  <div style={{ flex: 1, minWidth: 120 }}>
                    <IndicatorProgress progress={parent.progress} status={parent.status} />
                  </div>
                  <IndicatorStatusTag status={parent.status} rollup={parent} />
                </Flex>
              </Col>
              <Col xs={24} md={12} lg={5}>
                {coverage ? (
                  <Tag color="blue" style={{ fontSize: 13, padding: '2px 8px', whiteSpace: 'normal' }} data-testid="by-org-coverage">
                    {coverage}
                  </Tag>
                ) : null}
                {enteredBesideRollup ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }} data-testid="by-org-rollup-beside">
                    {t('indicator.rollupBeside', { value: formatTarget(parent.rollup?.value, null, indicator.valueType, language) })}
                  </Typography.Text>
                ) : null}
              </Col>
            </Row>
          </Card>
          {items.length === 0 ? (
            <Card size="small">
              <EmptyState description={t('indicator.noChildren')} />
            </Card>
          ) : (
            <Row gutter={[12, 12]}>
              <Col xs={24} xl={8}>
                <Card size="small" title={t('indicator.byOrgChart')} style={{ height: '100%' }}>
                  {items.some((item) => item.value !== null && item.value !== undefined) ? (
                    <div style={{ maxHeight: 720, overflowY: 'auto' }}>
                      <Suspense fallback={<ChartFallback />}>
                        <ByOrganizationChart
                          items={items}
                          valueType={indicator.valueType}
                          unit={indicator.unit}
                          onSelect={(code) => onChange({ tab: 'series', org: code })}
                        />
                      </Suspense>
                    </div>
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('indicatorStatus.no_data')} />
                  )}
                </Card>
              </Col>
              <Col xs={24} xl={16}>
                <Card size="small">
                  <Table<ByOrganizationRow>
                    data-testid="by-org-table"
                    size="small"
                    rowKey="org"
                    dataSource={items}
                    loading={data.isFetching}
                    pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                    scroll={{ x: 720 }}
                    onRow={(row) => ({ 'data-testid': `by-org-row-${row.org}` }) as React.HTMLAttributes<HTMLElement>}
                    columns={[
                      {
                        title: t('indicator.rank'),
                        dataIndex: 'rank',
                        width: 56,
                        align: 'center',
                        render: (rank: number | null) => (rank === null || rank === undefined ? EMPTY_VALUE : formatNumber(rank, language, 0)),
                      },
                      {
                        title: t('organization.organization'),
                        dataIndex: 'orgName',
                        render: (name: string, row) => (
                          <Link to={`?tab=series&org=${encodeURIComponent(row.org)}`} data-testid="by-org-name">
                            {name || row.org}
                          </Link>
                        ),
                      },
                      {
                        title: t('indicator.actual'),
                        key: 'value',
                        width: 100,
                        align: 'right',
                        render: (_value, row) => <RollupValue rollup={row} valueType={indicator.valueType} reportingKinds={indicator.reportingKinds} />,
                      },
                      {
                        title: t('indicator.target'),
                        key: 'target',
                        width: 96,
                        align: 'right',
                        render: (_value, row) => formatTarget(row.target, row.comparator, indicator.valueType, language),
                      },
                      { title: t('indicator.progress'), key: 'progress', width: 130, render: (_value, row) => <IndicatorProgress progress={row.progress} status={row.status} /> },
                      { title: t('indicator.status'), key: 'status', width: 170, render: (_value, row) => <IndicatorStatusTag status={row.status} rollup={row} /> },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
          )}
        </>
      )}
    </Flex>
  );
}

export default function IndicatorDetailPage() {
  const t = useT();
  const { code = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const indicator = useIndicator(code);

  const tabParam = searchParams.get('tab') as DetailTab | null;
  const tab: DetailTab = tabParam && TABS.includes(tabParam) ? tabParam : 'series';
  const org = searchParams.get('org') || PROVINCE_CODE;

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (next.get('org') === PROVINCE_CODE) next.delete('org');
    if (next.get('tab') === 'series') next.delete('tab');
    setSearchParams(next, { replace: true });
  };

  const defaults = useMemo(() => {
    const data = indicator.data;
    const kinds = kindsFor(data?.frequency);
    const kindParam = searchParams.get('kind') as 'month' | 'quarter' | 'year' | null;
    const kind = kindParam && kinds.includes(kindParam) ? kindParam : kinds[0];
    const yearParam = Number(searchParams.get('year'));
    const year = Number.isInteger(yearParam) && yearParam >= 2000 ? yearParam : Number(periodContaining('year'));
    const periodParam = searchParams.get('period');
    const allowed = data ? byOrganizationKinds(data) : [];
    const parsed = parsePeriod(periodParam);
    // Without a period in the address: the last complete period of the indicator's frequency.
    const period = parsed && allowed.includes(parsed.kind) ? (periodParam as string) : shiftPeriod(periodContaining(data?.frequency ?? 'year'), -1);
    return { kind, year, period };
  }, [indicator.data, searchParams]);

  if (indicator.isLoading) {
    return (
      <div data-testid="indicator-detail-page">
        <IndicatorNav current="catalogue" />
        <LoadingState rows={10} />
      </div>
    );
  }
  if (indicator.isError || !indicator.data) {
    return (
      <div data-testid="indicator-detail-page">
        <IndicatorNav current="catalogue" />
        <ErrorState error={indicator.error} onRetry={() => void indicator.refetch()} />
        <Flex justify="center">
          <Link to="/indicators" data-testid="indicator-back-to-list">
            <Button icon={<ArrowLeftOutlined />}>{t('indicator.nav.catalogue')}</Button>
          </Link>
        </Flex>
      </div>
    );
  }
  const data = indicator.data;

  return (
    <div data-testid="indicator-detail-page">
      <IndicatorNav current="catalogue" />
      <PageTitle
        title={<span data-testid="indicator-heading">{data.name}</span>}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <Typography.Text code>{data.code}</Typography.Text>
            {data.unit ? <span>{`${t('indicator.unit')}: ${data.unit}`}</span> : null}
            {data.groupName ? <span>· {data.groupName}</span> : null}
            {data.isActive === false ? <Tag>{t('indicator.inactive')}</Tag> : null}
          </Flex>
        }
        extra={
          <>
            <Link to="/indicators">
              <Button icon={<ArrowLeftOutlined />}>{t('action.back')}</Button>
            </Link>
            <Link to={org !== PROVINCE_CODE ? `/indicators/entry?org=${encodeURIComponent(org)}` : '/indicators/entry'}>
              <Button type="primary" icon={<EditOutlined />} data-testid="indicator-entry-link">
                {t('indicator.enterData')}
              </Button>
            </Link>
          </>
        }
      />
      <IndicatorInformation indicator={data} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key })}
          destroyOnHidden
          items={[
            {
              key: 'series',
              label: <span data-testid="indicator-tab-series">{t('indicator.tab.series')}</span>,
              children: <SeriesTab indicator={data} org={org} kind={defaults.kind} year={defaults.year} onChange={update} />,
            },
            {
              key: 'organizations',
              label: <span data-testid="indicator-tab-organizations">{t('indicator.tab.byOrganization')}</span>,
              children: <ByOrganizationTab indicator={data} org={org} period={defaults.period} onChange={update} />,
            },
            {
              key: 'targets',
              label: <span data-testid="indicator-tab-targets">{t('indicator.tab.targets')}</span>,
              children: <IndicatorTargetsTab indicator={data} org={org} onOrgChange={(value) => update({ org: value })} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}

