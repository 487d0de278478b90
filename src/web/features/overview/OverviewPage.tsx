/**
 * Tổng quan: what the province's leaders open every morning — task status and rates, their trend
 * over 12 months, key indicators, the ranking (with the user's own unit), overdue tasks by age and
 * the "cold execution" warnings. Every number opens the list that makes it up; the as-of date
 * moves the whole page back in time. One request: GET /api/v1/overview.
 */
import { FireOutlined, TrophyFilled } from '@ant-design/icons';
import { Card, Col, Empty, Flex, List, Row, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useOverview, type Overview, type RankingRow } from '../../api/overview';
import type { TimelinessFilter } from '../../api/types';
import { AsOfPicker } from '../../components/AsOfPicker';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { StatisticsCards } from '../../components/StatisticsCards';
import { TimelinessTag } from '../../components/TaskTags';
import { EMPTY_VALUE, formatDate, formatNumber, formatRate, todayInVietnam } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { taskLink, timelinessParams } from '../tasks/task-links';
import { IndicatorCardsGrid, IndicatorSummary } from './IndicatorCardsGrid';
import { TrendChart } from './lazy-charts';
import { coldTasksLink, dueTasksLink, scorecardLink, tasksLink } from './overview-links';

const TimelinessDonut = lazy(() => import('../../components/TimelinessDonut'));

const MEDAL_COLORS = ['#d4a017', '#8c8c8c', '#b0683a'];
const AGE_COLORS = { up_to_30: '#fa8c16', from_31_to_90: '#d4380d', over_90: '#a8071a' } as const;

function chartFallback() {
  return <Spin style={{ display: 'block', margin: '96px auto' }} />;
}

/** A ranking table whose counts open the organization's tasks; the user's own row is marked. */
function RankingTable({ rows, asOf, ownCodes, testId }: { rows: RankingRow[]; asOf: string; ownCodes: Set<string>; testId: string }) {
  const t = useT();
  const { language } = useLanguage();
  const count = (value: number, row: RankingRow, filter?: TimelinessFilter) =>
    value > 0 ? <Link to={tasksLink({ asOf, org: row.code, ...timelinessParams(filter) })}>{formatNumber(value, language, 0)}</Link> : formatNumber(value, language, 0);
  return (
    <Table<RankingRow>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} /> }}
      rowClassName={(row) => (ownCodes.has(row.code) ? 'ant-table-row-selected' : '')}
      onRow={(row) => ({ 'data-testid': `${testId}-row-${row.code}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('ranking.rank'),
          dataIndex: 'rank',
          width: 64,
          align: 'center',
          render: (rank: number | null) =>
            rank === null ? (
              EMPTY_VALUE
            ) : (
              <Space size={4}>
                {rank <= 3 ? <TrophyFilled style={{ color: MEDAL_COLORS[rank - 1] }} /> : null}
                <Typography.Text strong>{formatNumber(rank, language, 0)}</Typography.Text>
              </Space>
            ),
        },
        {
          title: t('organization.organization'),
          dataIndex: 'name',
          render: (name: string, row) => (
            <Space size={4} wrap>
              <Link to={scorecardLink(row.code, asOf)}>{name}</Link>
              {ownCodes.has(row.code) ? <Tag color="gold">{t('overview.you')}</Tag> : null}
            </Space>
          ),
        },
        { title: t('stats.due'), dataIndex: 'due', width: 80, align: 'right', render: (value: number, row) => count(value, row, 'due') },
        {
          title: t('ranking.overdue'),
          dataIndex: 'overdue',
          width: 80,
          align: 'right',
          render: (value: number, row) => (value > 0 ? <Typography.Text type="danger">{count(value, row, 'overdue')}</Typography.Text> : count(value, row, 'overdue')),
        },
        { title: t('stats.completionRate'), dataIndex: 'completionRate', width: 110, align: 'right', render: (value: number | null) => <Typography.Text strong>{formatRate(value, language)}</Typography.Text> },
        { title: t('ranking.onTimeRate'), dataIndex: 'onTimeRate', width: 110, align: 'right', render: (value: number | null) => formatRate(value, language) },
      ]}
    />
  );
}

function RankingCard({ data }: { data: Overview }) {
  const t = useT();
  const { language } = useLanguage();
  const { ranking, asOf } = data;
  const ownCodes = new Set(ranking.own.map((own) => own.code));
  return (
    <Card
      title={t('overview.rankingTitle')}
      size="small"
      style={{ height: '100%' }}
      extra={<Link to={`/ranking?asOf=${asOf}`}>{t('overview.viewRanking')}</Link>}
      data-testid="overview-ranking"
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('overview.rankingNote', { ranked: formatNumber(ranking.ranked, language, 0), count: formatNumber(ranking.organizations, language, 0) })}
      </Typography.Text>
      {ranking.own.map((own) => (
        <div key={own.code} style={{ marginTop: 8 }} data-testid="overview-ranking-own">
          <Typography.Text strong>
            {own.rank === null
              ? t('overview.rankingOwnNoRank', { name: own.name })
              : t('overview.rankingOwn', { name: own.name, rank: formatNumber(own.rank, language, 0), ranked: formatNumber(ranking.ranked, language, 0) })}
          </Typography.Text>
          <RankingTable rows={own.rows} asOf={asOf} ownCodes={ownCodes} testId="ranking-own" />
        </div>
      ))}
      <Row gutter={[12, 12]} style={{ marginTop: 8 }}>
        <Col xs={24} xxl={12}>
          <Typography.Text strong>{t('overview.rankingTop')}</Typography.Text>
          <RankingTable rows={ranking.top} asOf={asOf} ownCodes={ownCodes} testId="ranking-top" />
        </Col>
        <Col xs={24} xxl={12}>
          <Typography.Text strong>{t('overview.rankingBottom')}</Typography.Text>
          <RankingTable rows={ranking.bottom} asOf={asOf} ownCodes={ownCodes} testId="ranking-bottom" />
        </Col>
      </Row>
    </Card>
  );
}

function OverdueAgeCard({ data }: { data: Overview }) {
  const t = useT();
  const { language } = useLanguage();
  return (
    <Card title={t('overview.overdueAgeTitle')} size="small" style={{ height: '100%' }} data-testid="overdue-by-age">
      <Flex vertical gap={12}>
        {data.overdueByAge.map((bucket) => (
          <Link key={bucket.bucket} to={tasksLink(bucket.filter)} data-testid={`overdue-age-${bucket.bucket}`} aria-label={`${t(`overview.overdueAge.${bucket.bucket}`)}: ${bucket.count}`}>
            <Card size="small" hoverable style={{ borderLeft: `4px solid ${AGE_COLORS[bucket.bucket]}` }}>
              <Typography.Text type="secondary">{t(`overview.overdueAge.${bucket.bucket}`)}</Typography.Text>
              <div style={{ fontSize: 24, fontWeight: 600, color: AGE_COLORS[bucket.bucket] }} data-testid={`overdue-age-${bucket.bucket}-count`}>
                {formatNumber(bucket.count, language, 0)}
              </div>
            </Card>
          </Link>
        ))}
      </Flex>
    </Card>
  );
}

function ColdExecutionCard({ data }: { data: Overview }) {
  const t = useT();
  const { language } = useLanguage();
  const { cold, asOf, organization, coldDays } = data;
  return (
    <Card
      size="small"
      title={
        <Space>
          <FireOutlined style={{ color: '#1677ff' }} />
          {t('overview.coldTitle')}
        </Space>
      }
      data-testid="cold-execution"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Flex justify="space-between" align="baseline" gap={8} wrap>
            <Typography.Text strong>{t('overview.coldTasks', { days: coldDays })}</Typography.Text>
            <Link to={coldTasksLink(organization.code, asOf)} data-testid="cold-tasks-count">
              <Typography.Text style={{ fontSize: 22, fontWeight: 600, color: '#1677ff' }}>{formatNumber(cold.tasks.count, language, 0)}</Typography.Text>
            </Link>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('overview.coldTasksNote')}
          </Typography.Text>
          <List
            size="small"
            dataSource={cold.tasks.items}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noColdTasks', { days: coldDays })} /> }}
            renderItem={(task) => (
              <List.Item key={task.id} extra={<Tag color="blue">{t('overview.daysWithoutUpdate', { days: formatNumber(task.daysWithoutUpdate, language, 0) })}</Tag>}>
                <List.Item.Meta
                  title={
                    <Link to={taskLink(task.id, asOf)} data-testid="cold-task-link">
                      {task.title}
                    </Link>
                  }
                  description={
                    <Space size={4} wrap>
                      <span>{task.leadName}</span>
                      {task.timeliness ? <TimelinessTag timeliness={task.timeliness} overdueDays={task.overdueDays} /> : null}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
          {cold.tasks.count > cold.tasks.items.length ? <Link to={coldTasksLink(organization.code, asOf)}>{t('overview.coldTasksAll', { count: formatNumber(cold.tasks.count, language, 0) })}</Link> : null}
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Typography.Text strong>{t('overview.coldOrganizations')}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('overview.coldOrganizationsNote', { last: formatDate(cold.organizations.lastQuarterEnd), previous: formatDate(cold.organizations.previousQuarterEnd) })}
          </Typography.Text>
          <List
            size="small"
            dataSource={cold.organizations.items}
            data-testid="cold-organizations"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noColdOrganizations')} /> }}
            renderItem={(row) => (
              <List.Item key={row.code}>
                <Flex justify="space-between" style={{ width: '100%' }} gap={8}>
                  <Link to={scorecardLink(row.code, asOf)}>{row.name}</Link>
                  <Tooltip title={`${row.previous.completed}/${row.previous.due} → ${row.last.completed}/${row.last.due}`}>
                    <Link to={dueTasksLink(asOf, row.code)} style={{ whiteSpace: 'nowrap' }}>
                      {formatRate(row.previousRate, language)} → <Typography.Text type="danger">{formatRate(row.lastRate, language)}</Typography.Text>
                    </Link>
                  </Tooltip>
                </Flex>
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} md={12} xl={7}>
          <Typography.Text strong>{t('overview.coldDirectives')}</Typography.Text>
          <List
            size="small"
            dataSource={cold.directives.items}
            data-testid="cold-directives"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noColdDirectives')} /> }}
            renderItem={(row) => (
              <List.Item key={row.id}>
                <Flex vertical style={{ width: '100%' }}>
                  <Link to={`/directives/${row.id}`}>
                    <Typography.Text strong>{row.number}</Typography.Text>
                  </Link>
                  <Typography.Text type="secondary" ellipsis={{ tooltip: row.title }} style={{ fontSize: 12 }}>
                    {row.title}
                  </Typography.Text>
                  <Link to={tasksLink(row.filter)}>
                    {t('overview.coldDirectivesCount', { untouched: formatNumber(row.untouched, language, 0), counted: formatNumber(row.counted, language, 0) })}
                  </Link>
                </Flex>
              </List.Item>
            )}
          />
        </Col>
      </Row>
    </Card>
  );
}

export default function OverviewPage() {
  const t = useT();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const asOf = searchParams.get('asOf') || todayInVietnam();
  const org = searchParams.get('org') || undefined;
  const overview = useOverview({ asOf, org });
  const data = overview.data;

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (next.get('asOf') === todayInVietnam()) next.delete('asOf');
    setSearchParams(next, { replace: true });
  };

  const scope = data ? { asOf: data.asOf, org: data.organization.code } : { asOf, org: org ?? '' };
  const linkFor = (filter: TimelinessFilter | null) => tasksLink(scope, timelinessParams(filter));

  return (
    <div data-testid="overview-page">
      <PageTitle
        title={t('menu.overview')}
        subtitle={data ? t('overview.subtitleOrg', { org: data.organization.name, date: formatDate(data.asOf) }) : t('overview.subtitle', { date: formatDate(asOf) })}
        extra={
          <>
            <OrganizationTreeSelect
              value={data?.organization.code ?? org}
              onChange={(value) => update({ org: value })}
              allowClear={false}
              placeholder={t('overview.scope')}
              style={{ width: 300 }}
              data-testid="overview-org"
            />
            <AsOfPicker value={asOf} onChange={(value) => update({ asOf: value })} />
          </>
        }
      />
      {overview.isLoading ? (
        <LoadingState rows={10} />
      ) : overview.isError && !data ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : data ? (
        <Flex vertical gap={12}>
          <StatisticsCards stats={data.statistics} linkFor={linkFor} rateLink={`/ranking?asOf=${data.asOf}`} loading={overview.isFetching && overview.isPlaceholderData} />
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={10}>
              <Card title={t('overview.chartTitle')} size="small" style={{ height: '100%' }}>
                {data.statistics.completedOnTime + data.statistics.completedLate + data.statistics.inProgress + data.statistics.overdue === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />
                ) : (
                  <Suspense fallback={chartFallback()}>
                    <TimelinessDonut stats={data.statistics} onSelect={(timeliness) => navigate(linkFor(timeliness))} />
                  </Suspense>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('overview.chartNote')}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title={t('overview.trendTitle')} size="small" style={{ height: '100%' }}>
                <Suspense fallback={chartFallback()}>
                  <TrendChart points={data.trend} onSelect={(point) => navigate(dueTasksLink(point.asOf, data.organization.code))} />
                </Suspense>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('overview.trendNote')}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          <Card
            title={t('overview.indicatorsTitle')}
            size="small"
            extra={<Link to={`/indicators?${new URLSearchParams({ org: data.organization.code, asOf: data.asOf })}`}>{t('overview.indicatorsAll')}</Link>}
            data-testid="overview-indicators"
          >
            <IndicatorSummary cards={data.indicators} />
            <div style={{ marginTop: 8 }}>
              <IndicatorCardsGrid cards={data.indicators} org={data.organization.code} asOf={data.asOf} />
            </div>
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={17}>
              <RankingCard data={data} />
            </Col>
            <Col xs={24} xl={7}>
              <OverdueAgeCard data={data} />
            </Col>
          </Row>
          <ColdExecutionCard data={data} />
        </Flex>
      ) : null}
    </div>
  );
}
