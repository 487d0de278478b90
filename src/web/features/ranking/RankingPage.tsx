/**
 * Ranking of organizations by completion rate over the tasks already due (published figures).
 */
import { InfoCircleOutlined, TrophyFilled } from '@ant-design/icons';
import { Alert, Card, Flex, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTaskStatistics } from '../../api/stats';
import type { OrganizationStatistics, TimelinessFilter } from '../../api/types';
import { AsOfPicker } from '../../components/AsOfPicker';
import { DirectiveSelect } from '../../components/DirectiveSelect';
import { EmptyState, ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { EMPTY_VALUE, formatDate, formatNumber, formatRate, todayInVietnam } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { taskListLink, timelinessParams } from '../tasks/task-links';

const MEDAL_COLORS = ['#d4a017', '#8c8c8c', '#b0683a'];

export default function RankingPage() {
  const t = useT();
  const { language } = useLanguage();
  const [searchParams, setSearchParams] = useSearchParams();
  const asOf = searchParams.get('asOf') || todayInVietnam();
  const directive = searchParams.get('directive') || undefined;
  const stats = useTaskStatistics({ asOf, directive });

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (next.get('asOf') === todayInVietnam()) next.delete('asOf');
    setSearchParams(next, { replace: true });
  };

  const count = (value: number, row: OrganizationStatistics, filter?: TimelinessFilter) =>
    value > 0 ? (
      <Link to={taskListLink({ org: row.code, asOf, directive, ...timelinessParams(filter) })}>{formatNumber(value, language, 0)}</Link>
    ) : (
      formatNumber(value, language, 0)
    );

  return (
    <div data-testid="ranking-page">
      <PageTitle
        title={t('ranking.title')}
        subtitle={t('ranking.subtitle', { date: formatDate(asOf) })}
        extra={
          <>
            <DirectiveSelect
              value={directive}
              onChange={(value) => update({ directive: value })}
              placeholder={t('ranking.allDirectives')}
              style={{ width: 320 }}
              data-testid="ranking-directive"
            />
            <AsOfPicker value={asOf} onChange={(value) => update({ asOf: value })} testId="ranking-as-of" />
          </>
        }
      />
      <Alert type="info" showIcon icon={<InfoCircleOutlined />} title={t('ranking.rule')} style={{ marginBottom: 12 }} />
      <Card size="small">
        {stats.isError && !stats.data ? (
          <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
        ) : (
          <Table<OrganizationStatistics>
            data-testid="ranking-table"
            size="small"
            rowKey="code"
            loading={stats.isFetching}
            dataSource={stats.data?.organizations ?? []}
            pagination={false}
            scroll={{ x: 1000 }}
            locale={{ emptyText: <EmptyState /> }}
            onRow={(row) => ({ 'data-testid': `ranking-row-${row.code}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('ranking.rank'),
                dataIndex: 'rank',
                width: 72,
                align: 'center',
                render: (rank: number | null) =>
                  rank === null || rank === undefined ? (
                    <Typography.Text type="secondary">{EMPTY_VALUE}</Typography.Text>
                  ) : (
                    <Flex align="center" justify="center" gap={4} data-testid="rank">
                      {rank <= 3 ? <TrophyFilled style={{ color: MEDAL_COLORS[rank - 1] }} /> : null}
                      <Typography.Text strong>{formatNumber(rank, language, 0)}</Typography.Text>
                    </Flex>
                  ),
              },
              {
                title: t('organization.organization'),
                dataIndex: 'name',
                render: (name: string, row) => <Link to={taskListLink({ org: row.code, asOf, directive })}>{name}</Link>,
              },
              { title: t('ranking.total'), dataIndex: 'total', width: 90, align: 'right', render: (value: number, row) => count(value, row) },
              { title: t('stats.due'), dataIndex: 'due', width: 100, align: 'right', render: (value: number, row) => count(value, row, 'due') },
              {
                title: t('timeliness.completed_on_time'),
                dataIndex: 'completedOnTime',
                width: 120,
                align: 'right',
                render: (value: number, row) => count(value, row, 'completed_on_time'),
              },
              {
                title: t('timeliness.completed_late'),
                dataIndex: 'completedLate',
                width: 120,
                align: 'right',
                render: (value: number, row) => count(value, row, 'completed_late'),
              },
              {
                title: t('ranking.overdue'),
                dataIndex: 'overdue',
                width: 90,
                align: 'right',
                render: (value: number, row) =>
                  value > 0 ? <Typography.Text type="danger">{count(value, row, 'overdue')}</Typography.Text> : count(value, row, 'overdue'),
              },
              {
                title: t('stats.completionRate'),
                dataIndex: 'completionRate',
                width: 120,
                align: 'right',
                render: (value: number | null) => <Typography.Text strong>{formatRate(value, language)}</Typography.Text>,
              },
              {
                title: t('ranking.onTimeRate'),
                dataIndex: 'onTimeRate',
                width: 120,
                align: 'right',
                render: (value: number | null) => formatRate(value, language),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
