/**
 * The scorecard of one organization: its tasks by status, its rank among the organizations of
 * its kind and how it moved over twelve months, its units, its overdue tasks and its indicators.
 */
import { Card, Col, Empty, Flex, Row, Spin, Statistic, Table, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useScorecard, type Scorecard } from '../../api/scorecards';
import type { TaskRow, TimelinessFilter } from '../../api/types';
import { AsOfPicker } from '../../components/AsOfPicker';
import { ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { StatisticsCards } from '../../components/StatisticsCards';
import { TimelinessTag } from '../../components/TaskTags';
import { EMPTY_VALUE, formatDate, formatNumber, formatRate, todayInVietnam } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { IndicatorCardsGrid, IndicatorSummary } from '../overview/IndicatorCardsGrid';
import { RankChart } from '../overview/lazy-charts';
import { scorecardLink, tasksLink } from '../overview/overview-links';
import { taskLink, timelinessParams } from '../tasks/task-links';

const TimelinessDonut = lazy(() => import('../../components/TimelinessDonut'));

function peerLabel(t: ReturnType<typeof useT>, kind: string | null): string {
  return kind === 'department' ? t('scorecard.peer.department') : kind === 'commune' ? t('scorecard.peer.commune') : t('scorecard.peer.other');
}

function Body({ data }: { data: Scorecard }) {
  const t = useT();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const scope = { asOf: data.asOf, org: data.organization.code };
  const linkFor = (filter: TimelinessFilter | null) => tasksLink(scope, timelinessParams(filter));
  return (
    <Flex vertical gap={12}>
      <StatisticsCards stats={data.statistics} linkFor={linkFor} rateLink={`/scorecards?${new URLSearchParams({ kind: data.peerKind === 'commune' ? 'commune' : 'department' })}`} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('scorecard.rankTitle')} style={{ height: '100%' }} data-testid="scorecard-rank">
            {data.own && data.own.rank !== null ? (
              <Statistic
                value={data.own.rank}
                formatter={() => `${formatNumber(data.own!.rank, language, 0)}/${formatNumber(data.ranked, language, 0)}`}
                styles={{ content: { color: '#9e1b1b', fontWeight: 600 } }}
              />
            ) : (
              <Typography.Text type="secondary">{t('scorecard.noRank')}</Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t('scorecard.rankAmong', { kind: peerLabel(t, data.peerKind), province: data.province.name })}
            </Typography.Text>
            <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
              <RankChart points={data.rankHistory} />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('overview.chartTitle')} style={{ height: '100%' }}>
            {data.statistics.completedOnTime + data.statistics.completedLate + data.statistics.inProgress + data.statistics.overdue === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />
            ) : (
              <Suspense fallback={<Spin style={{ display: 'block', margin: '96px auto' }} />}>
                <TimelinessDonut stats={data.statistics} onSelect={(timeliness) => navigate(linkFor(timeliness))} height={260} />
              </Suspense>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={t('scorecard.overdue', { count: formatNumber(data.overdue.total, language, 0) })}
            extra={<Link to={tasksLink(data.overdue.filter)}>{t('scorecard.viewAll')}</Link>}
            style={{ height: '100%' }}
            data-testid="scorecard-overdue"
          >
            <Table<TaskRow>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.overdue.items}
              scroll={{ y: 300 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noOverdue')} /> }}
              columns={[
                { title: t('task.title'), dataIndex: 'title', render: (title: string, row) => <Link to={taskLink(row.id, data.asOf)}>{title}</Link> },
                { title: t('task.deadline'), dataIndex: 'deadline', width: 130, render: (deadline: string | null, row) => <>{formatDate(deadline)} <TimelinessTag timeliness={row.timeliness} overdueDays={row.overdueDays} /></> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {data.units.length > 1 ? (
        <Card size="small" title={t('scorecard.units')}>
          <Table
            size="small"
            rowKey="code"
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            dataSource={data.units}
            columns={[
              { title: t('ranking.rank'), dataIndex: 'rank', width: 64, align: 'center', render: (rank: number | null) => (rank === null ? EMPTY_VALUE : formatNumber(rank, language, 0)) },
              { title: t('organization.organization'), dataIndex: 'name', render: (name: string, row: Scorecard['units'][number]) => <Link to={scorecardLink(row.code, data.asOf)}>{name}</Link> },
              { title: t('stats.due'), dataIndex: 'due', width: 90, align: 'right', render: (value: number, row: Scorecard['units'][number]) => <Link to={tasksLink({ asOf: data.asOf, org: row.code }, timelinessParams('due'))}>{formatNumber(value, language, 0)}</Link> },
              { title: t('timeliness.overdue'), dataIndex: 'overdue', width: 90, align: 'right', render: (value: number, row: Scorecard['units'][number]) => <Link to={tasksLink({ asOf: data.asOf, org: row.code, timeliness: 'overdue' })}>{formatNumber(value, language, 0)}</Link> },
              { title: t('stats.completionRate'), dataIndex: 'completionRate', width: 110, align: 'right', render: (value: number | null) => formatRate(value, language) },
              { title: t('ranking.onTimeRate'), dataIndex: 'onTimeRate', width: 110, align: 'right', render: (value: number | null) => formatRate(value, language) },
            ]}
          />
        </Card>
      ) : null}
      <Card size="small" title={t('scorecard.indicators')} data-testid="scorecard-indicators">
        <IndicatorSummary cards={data.indicators} />
        <div style={{ marginTop: 8 }}>
          <IndicatorCardsGrid cards={data.indicators} org={data.organization.code} asOf={data.asOf} />
        </div>
      </Card>
    </Flex>
  );
}

export default function ScorecardPage() {
  const t = useT();
  const { code = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const asOf = searchParams.get('asOf') || todayInVietnam();
  const scorecard = useScorecard(code, asOf);
  const data = scorecard.data;
  return (
    <div data-testid="scorecard-page">
      <PageTitle
        title={data?.organization.name ?? code}
        subtitle={t('scorecard.orgSubtitle', { date: formatDate(asOf) })}
        extra={
          <>
            <AsOfPicker value={asOf} onChange={(value) => setSearchParams(value === todayInVietnam() ? {} : { asOf: value }, { replace: true })} />
            <Link to="/scorecards">{t('scorecard.title')}</Link>
          </>
        }
      />
      {scorecard.isLoading ? <LoadingState rows={10} /> : scorecard.isError && !data ? <ErrorState error={scorecard.error} onRetry={() => void scorecard.refetch()} /> : data ? <Body data={data} /> : null}
    </div>
  );
}
