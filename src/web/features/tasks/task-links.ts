import { DUE_TIMELINESS, type TimelinessFilter } from '../../api/types';

/** The task-list address for a set of filters (empty values left out), e.g. `/tasks?timeliness=overdue&asOf=…`. */
export function taskListLink(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `/tasks?${text}` : '/tasks';
}

/** The address of a task, keeping the as-of date when one was chosen. */
export function taskLink(id: string | number, asOf?: string | null): string {
  return asOf ? `/tasks/${id}?asOf=${asOf}` : `/tasks/${id}`;
}

/**
 * The task-list parameters of a statistic: one category (`timeliness=overdue`), the due tasks
 * (`timeliness=completed_on_time,completed_late,overdue`) or the tasks due soon (`dueSoon=true`).
 */
export function timelinessParams(filter: TimelinessFilter | null | undefined): { timeliness?: string; dueSoon?: string } {
  if (!filter) return {};
  if (filter === 'due') return { timeliness: DUE_TIMELINESS.join(',') };
  if (filter === 'due_soon') return { dueSoon: 'true' };
  return { timeliness: filter };
}
