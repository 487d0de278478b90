/**
 * The cold tasks behind the overview's number: in progress, no update for N days or more, within
 * the user's scope; the longest without update first.
 */
import { Card, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useColdTasks, type ColdTask } from '../../api/overview';
import type { TaskState } from '../../api/types';
import { AsOfPicker } from '../../components/AsOfPicker';
import { OrganizationTreeSelect } from '../../components/OrganizationTreeSelect';
import { EmptyState, ErrorState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { TaskStateTag, TimelinessTag } from '../../components/TaskTags';
import { formatDate, formatNumber, todayInVietnam } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { taskLink } from '../tasks/task-links';

const PAGE_SIZE = 20;

export default function ColdTasksPage() {
  const t = useT();
  const { language } = useLanguage();
  const [searchParams, setSearchParams] = useSearchParams();
  const asOf = searchParams.get('asOf') || todayInVietnam();
  const org = searchParams.get('org') || undefined;
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const cold = useColdTasks({ asOf, org, page, pageSize: PAGE_SIZE });
  const data = cold.data;

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearchParams(next, { replace: true });
  };

  return (
    <div data-testid="cold-tasks-page">
      <PageTitle
        title={t('cold.title', { days: data?.coldDays ?? 30 })}
        subtitle={data ? t('cold.subtitle', { org: data.organization.name, date: formatDate(data.asOf) }) : undefined}
        extra={
          <>
            <OrganizationTreeSelect value={data?.organization.code ?? org} onChange={(value) => update({ org: value, page: undefined })} allowClear={false} style={{ width: 300 }} />
            <AsOfPicker value={asOf} onChange={(value) => update({ asOf: value, page: undefined })} />
            <Link to={`/?${new URLSearchParams({ asOf, ...(org ? { org } : {}) })}`}>{t('overview.backToOverview')}</Link>
          </>
        }
      />
      <Card size="small">
        {cold.isError && !data ? (
          <ErrorState error={cold.error} onRetry={() => void cold.refetch()} />
        ) : (
          <Table<ColdTask>
            data-testid="cold-tasks-table"
            size="small"
            rowKey="id"
            loading={cold.isFetching}
            dataSource={data?.items ?? []}
            locale={{ emptyText: <EmptyState /> }}
            scroll={{ x: 1000 }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('task.totalCount', { count: formatNumber(total, language, 0) }),
              onChange: (next) => update({ page: next === 1 ? undefined : String(next) }),
            }}
            columns={[
              {
                title: t('task.title'),
                dataIndex: 'title',
                render: (title: string, row) => (
                  <>
                    <Link to={taskLink(row.id, asOf)}>{title}</Link>
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {row.directiveNumber}
                    </Typography.Text>
                  </>
                ),
              },
              { title: t('task.lead'), dataIndex: 'leadName', width: 220 },
              {
                title: t('task.deadline'),
                dataIndex: 'deadline',
                width: 190,
                render: (deadline: string | null, row) => (
                  <>
                    {formatDate(deadline)} <TimelinessTag timeliness={row.timeliness} overdueDays={row.overdueDays} />
                  </>
                ),
              },
              { title: t('task.state'), dataIndex: 'state', width: 140, render: (state: string) => <TaskStateTag state={state as TaskState} /> },
              {
                title: t('overview.lastUpdate'),
                dataIndex: 'lastUpdateOn',
                width: 150,
                render: (value: string | null) => (value ? formatDate(value) : <Typography.Text type="secondary">{t('overview.neverUpdated')}</Typography.Text>),
              },
              {
                title: t('overview.daysWithoutUpdateColumn'),
                dataIndex: 'daysWithoutUpdate',
                width: 130,
                align: 'right',
                render: (days: number) => <Typography.Text strong>{formatNumber(days, language, 0)}</Typography.Text>,
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
