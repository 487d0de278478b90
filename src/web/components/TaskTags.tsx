/**
 * Coloured tags of a task's timeliness (as of a date) and workflow state.
 */
import { Space, Tag, Tooltip } from 'antd';
import type { TaskState, Timeliness } from '../api/types';
import { formatNumber } from '../format';
import { useLanguage, useT } from '../i18n';

export const TIMELINESS_COLORS: Record<Timeliness, string> = {
  completed_on_time: 'green',
  completed_late: 'orange',
  in_progress: 'blue',
  overdue: 'red',
  no_deadline: 'default',
};

/** Chart colours matching the tags. */
export const TIMELINESS_CHART_COLORS: Record<Timeliness, string> = {
  completed_on_time: '#389e0d',
  completed_late: '#fa8c16',
  in_progress: '#1677ff',
  overdue: '#cf1322',
  no_deadline: '#8c8c8c',
};

export function TimelinessTag({
  timeliness,
  overdueDays,
  dueSoon,
}: {
  timeliness: Timeliness | null;
  overdueDays?: number | null;
  dueSoon?: boolean;
}) {
  const t = useT();
  const { language } = useLanguage();
  if (!timeliness) {
    return (
      <Tooltip title={t('task.containerHint')}>
        <Tag variant="outlined">{t('task.container')}</Tag>
      </Tooltip>
    );
  }
  const label =
    timeliness === 'overdue' && overdueDays && overdueDays > 0
      ? t('timeliness.overdueDays', { days: formatNumber(overdueDays, language, 0) })
      : t(`timeliness.${timeliness}`);
  return (
    <Space size={4} wrap>
      <Tag color={TIMELINESS_COLORS[timeliness]} data-testid="timeliness-tag" data-timeliness={timeliness}>
        {label}
      </Tag>
      {dueSoon ? (
        <Tag color="gold" data-testid="due-soon-tag">
          {t('timeliness.due_soon')}
        </Tag>
      ) : null}
    </Space>
  );
}

const STATE_COLORS: Record<TaskState, string> = {
  assigned: 'default',
  in_progress: 'processing',
  awaiting_confirmation: 'purple',
  completed: 'success',
  paused: 'warning',
  cancelled: 'default',
};

export function TaskStateTag({ state }: { state: TaskState }) {
  const t = useT();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-testid="task-state" data-state={state}>
      {t(`taskState.${state}`)}
    </Tag>
  );
}
