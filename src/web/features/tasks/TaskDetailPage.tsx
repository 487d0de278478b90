/**
 * One task: what, who, by when, where it stands as of a date, and its history; the workflow
 * actions the user may take.
 */
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Progress,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTask } from '../../api/tasks';
import type { Extension, ProgressUpdate, Submission, TaskDetail, TimelineEvent } from '../../api/types';
import { actorName } from '../../components/actor';
import { AsOfPicker } from '../../components/AsOfPicker';
import { FileLinks } from '../../components/FileLinks';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { PageTitle } from '../../components/PageTitle';
import { TaskStateTag, TimelinessTag } from '../../components/TaskTags';
import { formatDate, formatDateTime, formatPercent, todayInVietnam } from '../../format';
import { useLanguage, useT, type MessageKey } from '../../i18n';
import { pendingExtension, TaskActions } from './TaskActions';
import { TaskTable } from './TaskTable';
import { timelineActionKey, timelineColor } from './timeline';

const DETAIL_FIELDS_IN_DATA: Array<[string, MessageKey]> = [
  ['percent', 'task.progress'],
  ['reason', 'common.reason'],
  ['note', 'taskAction.note'],
  ['requestedDeadline', 'extension.requestedDeadline'],
  ['deadline', 'task.deadline'],
  ['narrative', 'progress.narrative'],
];

function TimelineData({ data }: { data: unknown }) {
  const t = useT();
  const { language } = useLanguage();
  if (!data || typeof data !== 'object') return null;
  const record = data as Record<string, unknown>;
  const rows = DETAIL_FIELDS_IN_DATA.filter(([key]) => record[key] !== undefined && record[key] !== null && record[key] !== '');
  if (rows.length === 0) return null;
  return (
    <div style={{ marginTop: 2 }}>
      {rows.map(([key, label]) => {
        const value = record[key];
        const text =
          key === 'percent' && typeof value === 'number'
            ? formatPercent(value, language)
            : key.toLowerCase().includes('deadline') && typeof value === 'string'
              ? formatDate(value)
              : String(value);
        return (
          <Typography.Paragraph key={key} type="secondary" style={{ margin: 0, fontSize: 13 }} ellipsis={{ rows: 3, expandable: true }}>
            {t(label)}: {text}
          </Typography.Paragraph>
        );
      })}
    </div>
  );
}

function TimelineTab({ events }: { events: TimelineEvent[] }) {
  const t = useT();
  if (!events || events.length === 0) return <EmptyState />;
  const sorted = [...events].sort((left, right) => String(right.at).localeCompare(String(left.at)));
  return (
    <Timeline
      data-testid="task-timeline"
      titleSpan="18%"
      items={sorted.map((event) => {
        const key = timelineActionKey(event.action);
        const effective = event.on && formatDate(event.on) !== formatDate(event.at) ? t('timeline.effectiveOn', { date: formatDate(event.on) }) : '';
        return {
          key: String(event.id),
          color: timelineColor(event.action),
          title: formatDateTime(event.at),
          content: (
            <div>
              <Typography.Text strong>{key ? t(key) : event.action}</Typography.Text>
              {actorName(event.actor) ? <Typography.Text type="secondary"> — {actorName(event.actor)}</Typography.Text> : null}
              {effective ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {effective}
                </Typography.Text>
              ) : null}
              <TimelineData data={event.data} />
            </div>
          ),
        };
      })}
    />
  );
}

function UpdatesTab({ updates, submissions }: { updates: ProgressUpdate[]; submissions: Submission[] }) {
  const t = useT();
  const { language } = useLanguage();
  const sortedUpdates = [...(updates ?? [])].sort((left, right) =>
    String(right.createdAt ?? right.at ?? right.reportedOn ?? '').localeCompare(String(left.createdAt ?? left.at ?? left.reportedOn ?? '')),
  );
  return (
    <Flex vertical gap={12} data-testid="task-updates">
      {(submissions ?? []).length > 0 ? (
        <Card size="small" title={t('submission.title')}>
          <Table<Submission>
            size="small"
            rowKey={(row) => String(row.id)}
            pagination={false}
            dataSource={submissions}
            columns={[
              { title: t('submission.date'), key: 'date', width: 150, render: (_v, row) => formatDate(row.submittedOn ?? row.at) },
              { title: t('common.actor'), key: 'actor', width: 180, render: (_v, row) => actorName(row.actor) || '—' },
              {
                title: t('taskAction.note'),
                key: 'note',
                render: (_v, row) => (
                  <>
                    {row.note || '—'}
                    <FileLinks files={row.files} />
                  </>
                ),
              },
              {
                title: t('common.status'),
                key: 'status',
                width: 180,
                render: (_v, row) => (
                  <Flex vertical gap={2}>
                    <DecisionTag status={row.status} />
                    {row.reason ? <Typography.Text type="secondary">{row.reason}</Typography.Text> : null}
                  </Flex>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
      {sortedUpdates.length === 0 ? (
        <EmptyState description={t('progress.none')} />
      ) : (
        sortedUpdates.map((update) => (
          <Card
            key={String(update.id)}
            size="small"
            data-testid="progress-update"
            title={
              <Space wrap>
                <span>{update.reportedOn ? formatDate(update.reportedOn) : formatDateTime(update.createdAt ?? update.at)}</span>
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {[actorName(update.actor), update.organizationName].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Space>
            }
            extra={<Progress type="circle" percent={Math.round(update.percent)} size={36} format={() => formatPercent(update.percent, language)} />}
          >
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'narrative', label: t('progress.narrative'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{update.narrative}</span> },
                ...(update.difficulties
                  ? [{ key: 'difficulties', label: t('progress.difficulties'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{update.difficulties}</span> }]
                  : []),
                ...(update.proposals
                  ? [{ key: 'proposals', label: t('progress.proposals'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{update.proposals}</span> }]
                  : []),
                ...(update.files && update.files.length > 0
                  ? [{ key: 'files', label: t('task.evidence'), children: <FileLinks files={update.files} /> }]
                  : []),
              ]}
            />
          </Card>
        ))
      )}
    </Flex>
  );
}

function DecisionTag({ status }: { status: string }) {
  const t = useT();
  const known: Record<string, { color: string; key: MessageKey }> = {
    pending: { color: 'processing', key: 'decision.pending' },
    approved: { color: 'success', key: 'decision.approved' },
    confirmed: { color: 'success', key: 'decision.confirmed' },
    rejected: { color: 'error', key: 'decision.rejected' },
    returned: { color: 'error', key: 'decision.returned' },
  };
  const entry = known[status];
  return <Tag color={entry?.color ?? 'default'}>{entry ? t(entry.key) : status}</Tag>;
}

function ExtensionsTab({ extensions }: { extensions: Extension[] }) {
  const t = useT();
  if (!extensions || extensions.length === 0) return <EmptyState description={t('extension.none')} />;
  return (
    <Table<Extension>
      data-testid="task-extensions"
      size="small"
      rowKey={(row) => String(row.id)}
      pagination={false}
      dataSource={extensions}
      columns={[
        { title: t('extension.requestedOn'), key: 'requestedAt', width: 140, render: (_v, row) => formatDate(row.requestedOn ?? row.requestedAt) },
        { title: t('extension.previousDeadline'), key: 'previous', width: 140, render: (_v, row) => formatDate(row.previousDeadline) },
        { title: t('extension.requestedDeadline'), key: 'requested', width: 150, render: (_v, row) => formatDate(row.requestedDeadline) },
        { title: t('common.reason'), dataIndex: 'reason', render: (value: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span> },
        {
          title: t('common.status'),
          key: 'status',
          width: 200,
          render: (_v, row) => (
            <Flex vertical gap={2}>
              <DecisionTag status={row.status} />
              {row.decidedAt || row.decidedOn ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDate(row.decidedOn ?? row.decidedAt)}
                  {actorName(row.decidedBy) ? ` · ${actorName(row.decidedBy)}` : ''}
                </Typography.Text>
              ) : null}
              {row.decisionReason ? <Typography.Text type="secondary">{row.decisionReason}</Typography.Text> : null}
            </Flex>
          ),
        },
      ]}
    />
  );
}

function FilesTab({ task }: { task: TaskDetail }) {
  const t = useT();
  const all = [
    ...(task.files ?? []),
    ...(task.updates ?? []).flatMap((update) => update.files ?? []),
    ...(task.submissions ?? []).flatMap((submission) => submission.files ?? []),
  ];
  const unique = all.filter((file, index) => all.findIndex((other) => String(other.id) === String(file.id)) === index);
  if (unique.length === 0) return <EmptyState description={t('file.none')} />;
  return (
    <div data-testid="task-files">
      <FileLinks files={unique} showDate />
    </div>
  );
}

export default function TaskDetailPage() {
  const t = useT();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const asOfParam = searchParams.get('asOf') ?? undefined;
  const asOf = asOfParam ?? todayInVietnam();
  const task = useTask(id, asOfParam);

  if (task.isLoading) return <LoadingState rows={10} />;
  if (task.isError || !task.data) return <ErrorState error={task.error} onRetry={() => void task.refetch()} />;
  const data = task.data;
  const pending = pendingExtension(data);
  const notes = Array.isArray(data.coordinationNotes) ? data.coordinationNotes : data.coordinationNotes ? [data.coordinationNotes] : [];
  const extended = data.originalDeadline && data.deadline && data.originalDeadline !== data.deadline;

  return (
    <div data-testid="task-detail-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0, marginBottom: 4 }}>
        {t('action.back')}
      </Button>
      <PageTitle
        title={<span data-testid="task-title">{data.title}</span>}
        subtitle={
          <Space wrap size={4}>
            <Link to={`/directives/${data.directiveId}`}>{data.directiveNumber}</Link>
            {data.group ? <span>· {data.group}</span> : null}
            {data.subgroup ? <span>· {data.subgroup}</span> : null}
          </Space>
        }
        extra={
          <Flex gap={8} wrap data-testid="task-actions">
            <TaskActions task={data} onReload={() => void task.refetch()} />
            <Button icon={<ReloadOutlined />} onClick={() => void task.refetch()} loading={task.isFetching} aria-label={t('action.reload')} />
          </Flex>
        }
      />
      {data.isContainer ? (
        <Alert type="info" showIcon title={t('task.containerHint')} style={{ marginBottom: 12 }} data-testid="container-hint" />
      ) : null}
      {data.state === 'awaiting_confirmation' ? (
        <Alert type="info" showIcon title={t('task.awaitingConfirmationHint')} style={{ marginBottom: 12 }} data-testid="awaiting-confirmation" />
      ) : null}
      {pending ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="pending-extension"
          title={t('extension.pendingTitle', { date: formatDate(pending.requestedDeadline) })}
          description={pending.reason}
        />
      ) : null}
      <Card
        size="small"
        title={t('task.information')}
        extra={
          <AsOfPicker
            value={asOf}
            onChange={(value) => setSearchParams(value === todayInVietnam() ? {} : { asOf: value }, { replace: true })}
            testId="task-as-of"
          />
        }
        style={{ marginBottom: 12 }}
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
          styles={{ label: { width: 190 } }}
          items={[
            {
              key: 'timeliness',
              label: t('task.timelinessAsOf', { date: formatDate(asOf) }),
              children: <TimelinessTag timeliness={data.timeliness} overdueDays={data.overdueDays} dueSoon={data.dueSoon} />,
            },
            { key: 'state', label: t('task.state'), children: <TaskStateTag state={data.state} /> },
            { key: 'assigning', label: t('task.assigning'), children: data.assigningName ?? '—' },
            { key: 'lead', label: t('task.lead'), children: <span data-testid="task-lead">{data.leadName ?? '—'}</span> },
            {
              key: 'coordinating',
              label: t('task.coordinating'),
              span: 2,
              children: (
                <Flex vertical gap={4}>
                  {data.coordinating && data.coordinating.length > 0 ? (
                    <Flex wrap gap={4}>
                      {data.coordinating.map((organization) => (
                        <Tag key={organization.code}>{organization.name}</Tag>
                      ))}
                    </Flex>
                  ) : notes.length === 0 ? (
                    '—'
                  ) : null}
                  {notes.map((note) => (
                    <Typography.Text key={note} type="secondary">
                      {note}
                    </Typography.Text>
                  ))}
                </Flex>
              ),
            },
            { key: 'output', label: t('task.expectedOutput'), span: 2, children: data.expectedOutput || '—' },
            { key: 'assignedOn', label: t('task.assignedOn'), children: formatDate(data.assignedOn) },
            {
              key: 'originalDeadline',
              label: t('task.originalDeadline'),
              children: data.isContinuous ? t('task.continuous') : formatDate(data.originalDeadline ?? data.deadline),
            },
            ...(extended
              ? [{ key: 'deadline', label: t('task.extendedDeadline'), children: <Typography.Text strong>{formatDate(data.deadline)}</Typography.Text> }]
              : []),
            ...(data.completedOn ? [{ key: 'completedOn', label: t('task.completedOn'), children: formatDate(data.completedOn) }] : []),
            {
              key: 'progress',
              label: t('task.progress'),
              span: 2,
              children: (
                <Progress
                  percent={Math.round(data.progress ?? 0)}
                  format={() => formatPercent(data.progress ?? 0, language)}
                  status={data.state === 'completed' ? 'success' : data.timeliness === 'overdue' ? 'exception' : 'active'}
                  style={{ maxWidth: 420, margin: 0 }}
                  data-testid="task-progress"
                />
              ),
            },
          ]}
        />
      </Card>
      {data.children && data.children.length > 0 ? (
        <Card size="small" title={t('task.children', { count: data.children.length })} style={{ marginBottom: 12 }}>
          <TaskTable
            items={data.children}
            total={data.children.length}
            page={1}
            pageSize={Math.max(data.children.length, 10)}
            asOf={asOfParam}
            showDirective={false}
            onChange={() => undefined}
            testId="task-children-table"
          />
        </Card>
      ) : null}
      <Card size="small">
        <Tabs
          data-testid="task-tabs"
          items={[
            { key: 'timeline', label: t('task.tab.timeline'), children: <TimelineTab events={data.timeline} /> },
            {
              key: 'updates',
              label: `${t('task.tab.updates')} (${(data.updates ?? []).length})`,
              children: <UpdatesTab updates={data.updates} submissions={data.submissions} />,
            },
            {
              key: 'extensions',
              label: `${t('task.tab.extensions')} (${(data.extensions ?? []).length})`,
              children: <ExtensionsTab extensions={data.extensions} />,
            },
            { key: 'files', label: t('task.tab.files'), children: <FilesTab task={data} /> },
          ]}
        />
      </Card>
    </div>
  );
}
