/**
 * A table of projects as of a date: code, title, level, host, stage, contract end, status (with
 * risks), budget and paid. Titles link to the project page.
 */
import { Table, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../format';
import type { ProjectRow } from './api';
import { LevelTag, ProjectStatusTag, RatingTag, useAmount } from './ProjectTags';
import { useProjectText } from './text';

export function ProjectTable({
  items,
  loading,
  asOf,
  pagination,
  testId = 'project-table',
}: {
  items: ProjectRow[];
  loading?: boolean;
  asOf?: string;
  pagination?: false | TablePaginationConfig;
  testId?: string;
}) {
  const t = useProjectText();
  const amount = useAmount();
  const link = (row: ProjectRow) => `/projects/${row.id}${asOf ? `?asOf=${asOf}` : ''}`;
  return (
    <Table<ProjectRow>
      data-testid={testId}
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={pagination ?? false}
      scroll={{ x: 1400 }}
      onRow={(row) => ({ 'data-testid': `project-row-${row.code}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('column.code'), dataIndex: 'code', width: 120, render: (code: string) => <Typography.Text strong>{code}</Typography.Text> },
        {
          title: t('column.title'),
          key: 'title',
          width: 340,
          render: (_value, row) => (
            <div>
              <Link to={link(row)} data-testid="project-title-link">
                {row.title}
              </Link>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {row.principalInvestigator}
              </Typography.Text>
            </div>
          ),
        },
        { title: t('column.level'), key: 'level', width: 90, render: (_value, row) => <LevelTag level={row.level} /> },
        { title: t('column.host'), dataIndex: 'hostName', width: 190 },
        { title: t('column.stage'), dataIndex: 'stageName', width: 170 },
        { title: t('column.deadline'), key: 'deadline', width: 110, render: (_value, row) => (row.taskId ? formatDate(row.deadline) : '—') },
        {
          title: t('column.status'),
          key: 'status',
          width: 210,
          render: (_value, row) => (
            <>
              <ProjectStatusTag timeliness={row.timeliness} overdueDays={row.overdueDays} risks={row.risks} />
              <RatingTag rating={row.acceptanceRating} />
            </>
          ),
        },
        { title: t('column.budget'), key: 'budget', width: 100, align: 'right', render: (_value, row) => amount(row.budgetTotal) },
        { title: t('column.paid'), key: 'paid', width: 100, align: 'right', render: (_value, row) => amount(row.paid) },
      ]}
    />
  );
}
