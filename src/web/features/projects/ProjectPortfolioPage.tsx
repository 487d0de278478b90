/**
 * The portfolio of S&T projects as of a date: the counts by status, level, stage, field and host,
 * the state budget planned against paid by year, the overdue and at-risk projects first, and the
 * list with its filters (kept in the address bar). Every count filters the list.
 */
import { ClearOutlined, DownloadOutlined, PlusOutlined, ReadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Flex, Row, Select, Spin, Statistic, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { AsOfPicker } from '../../components/AsOfPicker';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { SearchInput } from '../../components/SearchInput';
import { formatDate, formatNumber, formatRate, todayInVietnam } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { PROJECT_FIELDS, PROJECT_LEVELS, PROJECT_TIMELINESS, PROJECT_TYPES, projectApi, usePortfolio, useProjectConfiguration, useProjects, type ProjectQuery } from './api';
import { ProjectFormModal } from './ProjectFormModal';
import { ProjectTable } from './ProjectTable';
import { PROJECT_TIMELINESS_CHART_COLORS, useAmount } from './ProjectTags';
import { useProjectText, type ProjectTextKey } from './text';

const BudgetChart = lazy(() => import('./BudgetChart'));

const FILTER_KEYS = ['level', 'stage', 'field', 'type', 'host', 'timeliness', 'atRisk', 'search'] as const;
const DEFAULT_PAGE_SIZE = 20;

const csv = (value: string | null | undefined) => (value ? value.split(',').filter(Boolean) : []);

export default function ProjectPortfolioPage() {
  const t = useProjectText();
  const common = useT();
  const { language } = useLanguage();
  const amount = useAmount();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  const asOf = searchParams.get('asOf') || todayInVietnam();
  const portfolio = usePortfolio(asOf);
  const config = useProjectConfiguration();
  const query = useMemo<ProjectQuery>(() => {
    const result: ProjectQuery = { asOf, page: Number(searchParams.get('page')) || 1, pageSize: Number(searchParams.get('pageSize')) || DEFAULT_PAGE_SIZE, sort: searchParams.get('sort') || undefined };
    for (const key of FILTER_KEYS) {
      const value = searchParams.get(key);
      if (value) result[key] = value;
    }
    return result;
  }, [searchParams, asOf]);
  const list = useProjects(query);
  const canCreate = Boolean(me.data?.isSystemAdmin || me.data?.roles.some((grant) => grant.role === 'coordinator'));

  const update = (changes: Record<string, string | number | undefined | null>, resetPage = true) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (resetPage) next.delete('page');
    setSearchParams(next, { replace: true });
  };
  /** Shows the list filtered by one count, and scrolls to it. */
  const filterBy = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(asOf === todayInVietnam() ? {} : { asOf });
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value);
    setSearchParams(next, { replace: true });
    setTimeout(() => document.getElementById('project-list')?.scrollIntoView({ behavior: 'smooth' }), 50);
  };
  const hasFilters = FILTER_KEYS.some((key) => searchParams.get(key));

  const run = async (key: string, task: () => Promise<void>) => {
    setExporting(key);
    try {
      await task();
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setExporting(null);
    }
  };

  const data = portfolio.data;
  const count = (code: string) => data?.byTimeliness.find((entry) => entry.code === code)?.count ?? 0;
  const stats = data
    ? [
        { key: 'total', label: t('stat.total'), value: data.total, color: '#0f2a4a', filter: {} },
        { key: 'in-progress', label: t('stat.inProgress'), value: count('in_progress'), color: '#1677ff', filter: { timeliness: 'in_progress' } },
        { key: 'overdue', label: t('stat.overdue'), value: count('overdue'), color: '#cf1322', filter: { timeliness: 'overdue' } },
        { key: 'at-risk', label: t('stat.atRisk'), value: data.atRisk, color: '#d48806', filter: { atRisk: 'true' } },
        { key: 'completed', label: t('stat.completed'), value: count('completed_on_time') + count('completed_late'), color: '#389e0d', filter: { timeliness: 'completed_on_time,completed_late' } },
        { key: 'completed-late', label: t('stat.completedLate'), value: count('completed_late'), color: '#d46b08', filter: { timeliness: 'completed_late' } },
        { key: 'not-contracted', label: t('stat.notContracted'), value: count('not_contracted'), color: '#595959', filter: { timeliness: 'not_contracted' } },
      ]
    : [];

  const countTable = (title: string, testId: string, rows: { code: string; label: string; count: number }[], key: string) => (
    <Card size="small" title={title} style={{ height: '100%' }} data-testid={testId}>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={rows.filter((row) => row.count > 0)}
        columns={[
          {
            title: '',
            dataIndex: 'label',
            render: (label: string, row) => (
              <a onClick={() => filterBy({ [key]: row.code })} data-testid={`${testId}-${row.code}`}>
                {label}
              </a>
            ),
          },
          { title: t('column.count'), dataIndex: 'count', align: 'right', width: 80, render: (value: number) => <span data-testid="count">{formatNumber(value, language, 0)}</span> },
          { title: t('column.rate'), key: 'rate', align: 'right', width: 70, render: (_value, row) => formatRate(data?.total ? row.count / data.total : null, language) },
        ]}
      />
    </Card>
  );

  return (
    <div data-testid="project-portfolio-page">
      <PageTitle
        title={t('title')}
        subtitle={t('subtitle', { date: formatDate(asOf) })}
        extra={
          <>
            <AsOfPicker value={asOf} onChange={(value) => update({ asOf: value === todayInVietnam() ? undefined : value }, false)} testId="project-as-of" />
            <Button icon={<ReadOutlined />} onClick={() => navigate('/projects/applications')} data-testid="project-applications-link">
              {t('tab.applications')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting === 'portfolio'} onClick={() => void run('portfolio', () => projectApi.exportPortfolio(asOf))} data-testid="project-export-portfolio">
              {t('exportPortfolio')}
            </Button>
            {canCreate ? (
              <>
                <Link to="/projects/import">
                  <Button icon={<UploadOutlined />} data-testid="project-import-link">
                    {t('import')}
                  </Button>
                </Link>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-new">
                  {t('new')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {portfolio.isLoading ? (
        <LoadingState rows={8} />
      ) : portfolio.isError || !data ? (
        <ErrorState error={portfolio.error} onRetry={() => void portfolio.refetch()} />
      ) : (
        <>
          <Row gutter={[12, 12]} data-testid="portfolio-stats">
            {stats.map((stat) => (
              <Col key={stat.key} xs={12} sm={8} md={6} xl={3} data-testid={`portfolio-stat-${stat.key}`}>
                <Card size="small" hoverable style={{ height: '100%', borderTop: `3px solid ${stat.color}` }} onClick={() => filterBy(stat.filter)}>
                  <Statistic
                    title={stat.label}
                    value={stat.value}
                    formatter={() => <span data-testid={`portfolio-stat-${stat.key}-value`}>{formatNumber(stat.value, language, 0)}</span>}
                    styles={{ content: { color: stat.color, fontWeight: 600 } }}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={24} md={12} xl={3} data-testid="portfolio-stat-budget">
              <Card size="small" style={{ height: '100%', borderTop: '3px solid #9e1b1b' }}>
                <Statistic title={t('stat.budget')} value={amount(data.budget.total)} formatter={() => amount(data.budget.total)} styles={{ content: { color: '#9e1b1b', fontWeight: 600 } }} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('stat.disbursed', { paid: amount(data.budget.paidState), state: amount(data.budget.state), rate: formatRate(data.budget.disbursementRate, language) })}
                </Typography.Text>
              </Card>
            </Col>
          </Row>

          <Card
            size="small"
            title={t('card.attention')}
            style={{ marginTop: 12 }}
            data-testid="portfolio-attention"
            extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('card.attentionHint')}</Typography.Text>}
          >
            {data.attention.length === 0 ? <EmptyState description={t('card.noAttention')} /> : <ProjectTable items={data.attention} asOf={searchParams.get('asOf') ?? undefined} testId="attention-table" pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }} />}
          </Card>

          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} md={12} xl={6}>
              {countTable(t('card.byLevel'), 'by-level', data.byLevel.map((row) => ({ ...row, label: t(`level.${row.code}` as ProjectTextKey) })), 'level')}
            </Col>
            <Col xs={24} md={12} xl={6}>
              {countTable(t('card.byStage'), 'by-stage', data.byStage.map((row) => ({ ...row, label: row.name })), 'stage')}
            </Col>
            <Col xs={24} md={12} xl={6}>
              {countTable(t('card.byField'), 'by-field', data.byField.map((row) => ({ ...row, label: t(`field.${row.code}` as ProjectTextKey) })), 'field')}
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Card size="small" title={t('filter.timeliness')} style={{ height: '100%' }} data-testid="by-timeliness">
                <Table
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={data.byTimeliness.filter((row) => row.count > 0)}
                  columns={[
                    {
                      title: '',
                      dataIndex: 'code',
                      render: (code: string) => (
                        <a onClick={() => filterBy({ timeliness: code })} style={{ color: PROJECT_TIMELINESS_CHART_COLORS[code as keyof typeof PROJECT_TIMELINESS_CHART_COLORS] }} data-testid={`by-timeliness-${code}`}>
                          {t(`timeliness.${code}` as ProjectTextKey)}
                        </a>
                      ),
                    },
                    { title: t('column.count'), dataIndex: 'count', align: 'right', width: 80, render: (value: number) => <span data-testid="count">{formatNumber(value, language, 0)}</span> },
                  ]}
                />
              </Card>
            </Col>
          </Row>

          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('card.byHost')} style={{ height: '100%' }} data-testid="by-host">
                <Table
                  size="small"
                  rowKey="code"
                  pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
                  dataSource={data.byHost}
                  columns={[
                    { title: t('column.host'), dataIndex: 'name', render: (name: string, row) => <a onClick={() => filterBy({ host: row.code })}>{name}</a> },
                    { title: t('column.total'), dataIndex: 'total', align: 'right', width: 70 },
                    { title: t('timeliness.in_progress'), dataIndex: 'inProgress', align: 'right', width: 90 },
                    { title: t('timeliness.overdue'), dataIndex: 'overdue', align: 'right', width: 80, render: (value: number) => (value ? <Typography.Text type="danger">{value}</Typography.Text> : value) },
                    { title: t('stat.completed'), dataIndex: 'completed', align: 'right', width: 90 },
                    { title: t('column.budget'), dataIndex: 'budgetTotal', align: 'right', width: 100, render: (value: number) => amount(value) },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('card.budget')} style={{ height: '100%' }} data-testid="budget-by-year">
                {data.budget.byYear.length === 0 ? (
                  <EmptyState />
                ) : (
                  <>
                    <Suspense fallback={<Spin style={{ display: 'block', margin: '96px auto' }} />}>
                      <BudgetChart years={data.budget.byYear} />
                    </Suspense>
                    <Table
                      size="small"
                      rowKey="year"
                      pagination={false}
                      dataSource={data.budget.byYear}
                      columns={[
                        { title: t('column.year'), dataIndex: 'year', width: 70 },
                        { title: t('column.planned'), dataIndex: 'planned', align: 'right', render: (value: number) => amount(value) },
                        { title: t('column.paid'), dataIndex: 'paid', align: 'right', render: (value: number) => amount(value) },
                        { title: t('column.rate'), key: 'rate', align: 'right', width: 80, render: (_value, row) => formatRate(row.planned ? row.paid / row.planned : null, language) },
                      ]}
                    />
                  </>
                )}
              </Card>
            </Col>
          </Row>
        </>
      )}

      <Card
        id="project-list"
        size="small"
        style={{ marginTop: 12 }}
        title={`${t('tab.list')} — ${t('filter.count', { count: formatNumber(list.data?.total ?? 0, language, 0) })}`}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting === 'list'} onClick={() => void run('list', () => projectApi.exportList(query, `nhiem-vu-khcn-${asOf}.xlsx`))} data-testid="project-export-list">
            {t('exportList')}
          </Button>
        }
        data-testid="project-list"
      >
        <Row gutter={[8, 8]} style={{ marginBottom: 8 }}>
          <Col xs={24} md={12} xl={8}>
            <SearchInput value={query.search ?? ''} onSearch={(value) => update({ search: value })} placeholder={t('filter.search')} testId="project-search" />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t('filter.level')} style={{ width: '100%' }} value={csv(query.level)} onChange={(values) => update({ level: values.join(',') })} options={PROJECT_LEVELS.map((value) => ({ value, label: t(`level.${value}` as ProjectTextKey) }))} data-testid="project-filter-level" />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Select
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              placeholder={t('filter.stage')}
              style={{ width: '100%' }}
              value={csv(query.stage)}
              onChange={(values) => update({ stage: values.join(',') })}
              options={[...(config.data?.stages ?? []).map((stage) => ({ value: stage.code, label: stage.name })), { value: 'stopped', label: t('timeliness.stopped') }]}
              popupMatchSelectWidth={false}
              data-testid="project-filter-stage"
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t('filter.field')} style={{ width: '100%' }} value={csv(query.field)} onChange={(values) => update({ field: values.join(',') })} options={PROJECT_FIELDS.map((value) => ({ value, label: t(`field.${value}` as ProjectTextKey) }))} popupMatchSelectWidth={false} />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Select mode="multiple" allowClear maxTagCount="responsive" placeholder={t('filter.type')} style={{ width: '100%' }} value={csv(query.type)} onChange={(values) => update({ type: values.join(',') })} options={PROJECT_TYPES.map((value) => ({ value, label: t(`type.${value}` as ProjectTextKey) }))} popupMatchSelectWidth={false} />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <OrganizationTreeSelect value={query.host} onChange={(value) => update({ host: value })} placeholder={t('filter.host')} style={{ width: '100%' }} data-testid="project-filter-host" />
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Select
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              placeholder={t('filter.timeliness')}
              style={{ width: '100%' }}
              value={csv(query.timeliness)}
              onChange={(values) => update({ timeliness: values.join(',') })}
              options={PROJECT_TIMELINESS.map((value) => ({ value, label: t(`timeliness.${value}` as ProjectTextKey) }))}
              data-testid="project-filter-timeliness"
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Checkbox checked={query.atRisk === 'true'} onChange={(event) => update({ atRisk: event.target.checked ? 'true' : undefined })} data-testid="project-filter-at-risk">
              {t('filter.atRisk')}
            </Checkbox>
          </Col>
          <Col xs={12} md={6} xl={4} style={{ textAlign: 'right' }}>
            <Flex justify="flex-end">
              <Button icon={<ClearOutlined />} disabled={!hasFilters} onClick={() => setSearchParams(new URLSearchParams(asOf === todayInVietnam() ? {} : { asOf }), { replace: true })} data-testid="project-filter-clear">
                {common('action.clearFilters')}
              </Button>
            </Flex>
          </Col>
        </Row>
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <ProjectTable
            items={list.data?.items ?? []}
            loading={list.isFetching}
            asOf={searchParams.get('asOf') ?? undefined}
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              onChange: (page, pageSize) => update({ page: page === 1 ? undefined : page, pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : pageSize }, false),
            }}
          />
        )}
      </Card>
      <ProjectFormModal open={creating} onClose={() => setCreating(false)} onSaved={(project) => navigate(`/projects/${project.id}`)} />
    </div>
  );
}
