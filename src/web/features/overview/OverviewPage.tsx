import { Card, Col, Empty, Row, Spin, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTaskStatistics } from '../../api/stats';
import type { OrganizationStatistics, TimelinessFilter } from '../../api/types';
import { AsOfPicker } from '../../components/AsOfPicker';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { StatisticsCards } from '../../components/StatisticsCards';
import { formatDate, formatNumber, formatRate, todayInVietnam } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { compareVietnamese } from '../../text';
import { taskListLink, timelinessParams } from '../tasks/task-links';

const TimelinessDonut = lazy(() => import('../../components/TimelinessDonut'));

export default function OverviewPage() {
  const t = useT();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const asOf = searchParams.get('asOf') || todayInVietnam();
  const stats = useTaskStatistics({ asOf });

  const linkFor = (filter: TimelinessFilter | null) => taskListLink({ asOf, ...timelinessParams(filter) });

  const mostOverdue = useMemo(
    () =>
      (stats.data?.organizations ?? [])
        .filter((organization) => organization.overdue > 0)
        .sort((left, right) => right.overdue - left.overdue || compareVietnamese(left.name, right.name))
        .slice(0, 8),
    [stats.data],
  );

  return (
    <div data-testid="overview-page">
      <PageTitle
        title={t('menu.overview')}
        subtitle={t('overview.subtitle', { date: formatDate(asOf) })}
        extra={
          <AsOfPicker
            value={asOf}
            onChange={(value) => setSearchParams(value === todayInVietnam() ? {} : { asOf: value }, { replace: true })}
          />
        }
      />
      {stats.isLoading ? (
        <LoadingState rows={8} />
      ) : stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : stats.data ? (
        <>
          <StatisticsCards stats={stats.data} linkFor={linkFor} rateLink={`/ranking?asOf=${asOf}`} loading={stats.isFetching && stats.isPlaceholderData} />
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} lg={12}>
              <Card title={t('overview.chartTitle')} size="small" style={{ height: '100%' }}>
                {stats.data.completedOnTime + stats.data.completedLate + stats.data.inProgress + stats.data.overdue === 0 ? (
                  <EmptyState />
                ) : (
                  <Suspense fallback={<Spin style={{ display: 'block', margin: '96px auto' }} />}>
                    <TimelinessDonut
                      stats={stats.data}
                      onSelect={(timeliness) => navigate(linkFor(timeliness))}
                    />
                  </Suspense>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('overview.chartNote')}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card
                title={t('overview.mostOverdue')}
                size="small"
                style={{ height: '100%' }}
                extra={<Link to={`/ranking?asOf=${asOf}`}>{t('overview.viewRanking')}</Link>}
              >
                <Table<OrganizationStatistics>
                  size="small"
                  rowKey="code"
                  pagination={false}
                  dataSource={mostOverdue}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.noOverdue')} /> }}
                  columns={[
                    {
                      title: t('organization.organization'),
                      dataIndex: 'name',
                      render: (name: string, row) => <Link to={taskListLink({ asOf, org: row.code, timeliness: 'overdue' })}>{name}</Link>,
                    },
                    {
                      title: t('timeliness.overdue'),
                      dataIndex: 'overdue',
                      align: 'right',
                      width: 90,
                      render: (value: number) => <Typography.Text type="danger">{formatNumber(value, language, 0)}</Typography.Text>,
                    },
                    {
                      title: t('stats.completionRate'),
                      dataIndex: 'completionRate',
                      align: 'right',
                      width: 130,
                      render: (value: number | null) => formatRate(value, language),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </div>
  );
}
