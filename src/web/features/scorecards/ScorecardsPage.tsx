/**
 * Kết quả thực hiện theo đơn vị: all departments, or all communes and wards, of the province side
 * by side for a period, ranked, with the change since the previous period and the cold tasks —
 * exportable to Excel for the year-end emulation review. Counts open the tasks behind them.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { exportComparison, useComparison, type ComparisonKind, type ComparisonRow } from '../../api/scorecards';
import type { TimelinessFilter } from '../../api/types';
import { EmptyState, ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { EMPTY_VALUE, formatDate, formatNumber, formatRate, todayInVietnam } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { PeriodPicker } from '../indicators/PeriodPicker';
import { coldTasksLink, scorecardLink, tasksLink } from '../overview/overview-links';
import { timelinessParams } from '../tasks/task-links';

export default function ScorecardsPage() {
  const t = useT();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const kind: ComparisonKind = searchParams.get('kind') === 'commune' ? 'commune' : 'department';
  const period = searchParams.get('period') || todayInVietnam().slice(0, 4);
  const comparison = useComparison({ kind, period });
  const data = comparison.data;
  const [isExporting, setExporting] = useState(false);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearchParams(next, { replace: true });
  };

  const asOf = data?.asOf ?? todayInVietnam();
  const count = (value: number, row: ComparisonRow, filter?: TimelinessFilter) =>
    value > 0 ? <Link to={tasksLink({ asOf, org: row.code, ...timelinessParams(filter) })}>{formatNumber(value, language, 0)}</Link> : formatNumber(value, language, 0);

  const download = async () => {
    setExporting(true);
    try {
      await exportComparison({ kind, period });
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div data-testid="scorecards-page">
      <PageTitle
        title={t('scorecard.title')}
        subtitle={data ? t('scorecard.subtitle', { kind: data.kindLabel, period: data.periodLabel, date: formatDate(data.asOf) }) : undefined}
        extra={
          <>
            <Segmented<ComparisonKind>
              value={kind}
              onChange={(value) => update({ kind: value })}
              options={[
                { value: 'department', label: t('scorecard.kind.department') },
                { value: 'commune', label: t('scorecard.kind.commune') },
              ]}
              data-testid="scorecards-kind"
            />
            <PeriodPicker value={period} onChange={(value) => update({ period: value })} kinds={['year', 'half', 'quarter', 'month']} testId="scorecards-period" />
            <Button icon={<DownloadOutlined />} onClick={() => void download()} loading={isExporting} data-testid="scorecards-export">
              {t('action.exportExcel')}
            </Button>
          </>
        }
      />
      <Card size="small">
        {comparison.isError && !data ? (
          <ErrorState error={comparison.error} onRetry={() => void comparison.refetch()} />
        ) : (
          <Table<ComparisonRow>
            data-testid="scorecards-table"
            size="small"
            rowKey="code"
            loading={comparison.isFetching}
            dataSource={data?.items ?? []}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ x: 1300 }}
            locale={{ emptyText: <EmptyState /> }}
            columns={[
              { title: t('scorecard.rank'), dataIndex: 'rank', width: 64, align: 'center', fixed: 'left', render: (rank: number | null) => (rank === null ? EMPTY_VALUE : <Typography.Text strong>{formatNumber(rank, language, 0)}</Typography.Text>) },
              { title: t('organization.organization'), dataIndex: 'name', width: 260, fixed: 'left', render: (name: string, row) => <Link to={scorecardLink(row.code, asOf)}>{name}</Link> },
              { title: t('ranking.total'), dataIndex: 'total', width: 80, align: 'right', render: (value: number, row) => count(value, row) },
              { title: t('stats.due'), dataIndex: 'due', width: 90, align: 'right', render: (value: number, row) => count(value, row, 'due') },
              { title: t('timeliness.completed_on_time'), dataIndex: 'completedOnTime', width: 110, align: 'right', render: (value: number, row) => count(value, row, 'completed_on_time') },
              { title: t('timeliness.completed_late'), dataIndex: 'completedLate', width: 110, align: 'right', render: (value: number, row) => count(value, row, 'completed_late') },
              { title: t('timeliness.overdue'), dataIndex: 'overdue', width: 90, align: 'right', render: (value: number, row) => count(value, row, 'overdue') },
              { title: t('timeliness.in_progress'), dataIndex: 'inProgress', width: 110, align: 'right', render: (value: number, row) => count(value, row, 'in_progress') },
              { title: t('stats.completionRate'), dataIndex: 'completionRate', width: 110, align: 'right', render: (value: number | null) => <Typography.Text strong>{formatRate(value, language)}</Typography.Text> },
              { title: t('ranking.onTimeRate'), dataIndex: 'onTimeRate', width: 110, align: 'right', render: (value: number | null) => formatRate(value, language) },
              {
                title: data ? t('scorecard.previousRate', { date: formatDate(data.previousAsOf) }) : t('scorecard.change'),
                dataIndex: 'previousCompletionRate',
                width: 130,
                align: 'right',
                render: (value: number | null) => formatRate(value, language),
              },
              {
                title: t('scorecard.change'),
                dataIndex: 'completionRateChange',
                width: 100,
                align: 'right',
                render: (value: number | null) =>
                  value === null ? (
                    EMPTY_VALUE
                  ) : (
                    <Typography.Text type={value < 0 ? 'danger' : value > 0 ? 'success' : undefined}>
                      {value > 0 ? '+' : value < 0 ? '−' : ''}
                      {formatRate(Math.abs(value), language)}
                    </Typography.Text>
                  ),
              },
              {
                title: t('scorecard.coldTasks', { days: data?.coldDays ?? 30 }),
                dataIndex: 'coldTasks',
                width: 120,
                align: 'right',
                render: (value: number, row) => (value > 0 ? <Link to={coldTasksLink(row.code, asOf)}>{formatNumber(value, language, 0)}</Link> : formatNumber(value, language, 0)),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
