/**
 * The table of tasks (server-side paging and sorting), used by the task list and a directive's page.
 */
import { Flex, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { TablePaginationConfig } from 'antd';
import { Link } from 'react-router';
import type { TaskRow } from '../../api/types';
import { EmptyState } from '../../components/PageState';
import { TaskStateTag, TimelinessTag } from '../../components/TaskTags';
import { formatDate, formatNumber } from '../../format';
import { useLanguage, useT } from '../../i18n';
import { taskLink } from './task-links';

/** Sort keys of the API that a column can sort by. */
type SortField = 'title' | 'lead' | 'deadline';

export interface TaskTableProps {
  items: TaskRow[];
  total: number;
  /** More than `total` match (the API counts up to 10,000): shown as "Hơn 10.000 nhiệm vụ". */
  totalIsEstimate?: boolean;
  page: number;
  pageSize: number;
  /** API sort, e.g. `deadline` or `-title`. */
  sort?: string;
  loading?: boolean;
  asOf?: string | null;
  showDirective?: boolean;
  onChange: (next: { page: number; pageSize: number; sort?: string }) => void;
  testId?: string;
}

function sortOrderOf(sort: string | undefined, field: SortField): 'ascend' | 'descend' | null {
  if (!sort) return null;
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export function TaskTable({
  items,
  total,
  totalIsEstimate = false,
  page,
  pageSize,
  sort,
  loading,
  asOf,
  showDirective = true,
  onChange,
  testId = 'task-table',
}: TaskTableProps) {
  const t = useT();
  const { language } = useLanguage();

  const handleChange = (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<TaskRow> | SorterResult<TaskRow>[]) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = single?.columnKey as SortField | undefined;
    const nextSort = field && single?.order ? (single.order === 'descend' ? `-${field}` : field) : undefined;
    const nextPageSize = pagination.pageSize ?? pageSize;
    const sortChanged = nextSort !== sort || nextPageSize !== pageSize;
    onChange({ page: sortChanged ? 1 : (pagination.current ?? 1), pageSize: nextPageSize, sort: nextSort });
  };

  return (
    <Table<TaskRow>
      data-testid={testId}
      size="small"
      rowKey={(row) => String(row.id)}
      dataSource={items}
      loading={loading}
      onChange={handleChange}
      scroll={{ x: 1000 }}
      locale={{ emptyText: <EmptyState description={t('task.noTasks')} /> }}
      onRow={(row) => ({ 'data-testid': `task-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (count) => t(totalIsEstimate ? 'task.totalCountMore' : 'task.totalCount', { count: formatNumber(count, language, 0) }),
      }}
      columns={[
        {
          title: t('common.ordinal'),
          key: 'ordinal',
          width: 56,
          align: 'center',
          render: (_value, _row, index) => formatNumber((page - 1) * pageSize + index + 1, language, 0),
        },
        {
          title: t('task.title'),
          key: 'title',
          sorter: true,
          sortOrder: sortOrderOf(sort, 'title'),
          render: (_value, row) => (
            <Flex vertical gap={2}>
              <Link to={taskLink(row.id, asOf)} data-testid="task-title-link">
                {row.title}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[showDirective ? row.directiveNumber : null, row.group, row.subgroup].filter(Boolean).join(' · ')}
                {row.isContainer ? (
                  <Tag style={{ marginInlineStart: 6 }} variant="outlined">
                    {t('task.container')}
                  </Tag>
                ) : null}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('task.lead'),
          key: 'lead',
          dataIndex: 'leadName',
          width: 200,
          sorter: true,
          sortOrder: sortOrderOf(sort, 'lead'),
          render: (value: string | null) => value ?? '—',
        },
        {
          title: t('task.deadline'),
          key: 'deadline',
          width: 140,
          sorter: true,
          sortOrder: sortOrderOf(sort, 'deadline'),
          render: (_value, row) => <DeadlineCell row={row} />,
        },
        {
          title: t('task.progress'),
          key: 'progress',
          width: 110,
          render: (_value, row) =>
            row.progress === null || row.progress === undefined ? (
              '—'
            ) : (
              <Progress percent={Math.round(row.progress)} size="small" status={row.state === 'completed' ? 'success' : 'normal'} />
            ),
        },
        {
          title: t('task.state'),
          key: 'state',
          width: 130,
          render: (_value, row) => <TaskStateTag state={row.state} />,
        },
        {
          title: t('task.timeliness'),
          key: 'timeliness',
          width: 190,
          render: (_value, row) => <TimelinessTag timeliness={row.timeliness} overdueDays={row.overdueDays} dueSoon={row.dueSoon} />,
        },
      ]}
    />
  );
}

export function DeadlineCell({ row }: { row: Pick<TaskRow, 'deadline' | 'originalDeadline' | 'isContinuous' | 'year'> }) {
  const t = useT();
  if (row.isContinuous || (!row.deadline && !row.originalDeadline)) {
    return <Typography.Text type="secondary">{t('task.continuous')}</Typography.Text>;
  }
  const extended = row.originalDeadline && row.deadline && row.originalDeadline !== row.deadline;
  return (
    <Flex vertical gap={0}>
      <span>{formatDate(row.deadline)}</span>
      {extended ? (
        <Tooltip title={t('task.originalDeadline')}>
          <Typography.Text type="secondary" delete style={{ fontSize: 12 }}>
            {formatDate(row.originalDeadline)}
          </Typography.Text>
        </Tooltip>
      ) : null}
    </Flex>
  );
}
