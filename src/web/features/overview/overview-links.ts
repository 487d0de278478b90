/**
 * Links of the overview's numbers: every number opens the list that makes it up.
 */
import type { TaskFilterParams } from '../../api/overview';
import { DUE_TIMELINESS } from '../../api/types';

/** `/tasks?…` with the filter of a number (empty values left out). */
export function tasksLink(filter: TaskFilterParams, extra: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) {
    if (value !== undefined && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `/tasks?${text}` : '/tasks';
}

/** The tasks due on a date (completed + overdue), the denominator of the rates. */
export function dueTasksLink(asOf: string, org: string): string {
  return tasksLink({ asOf, org, timeliness: DUE_TIMELINESS.join(',') });
}

/** The scorecard of an organization. */
export function scorecardLink(code: string, asOf?: string): string {
  return asOf ? `/scorecards/${encodeURIComponent(code)}?asOf=${asOf}` : `/scorecards/${encodeURIComponent(code)}`;
}

/** The cold tasks behind the overview's number. */
export function coldTasksLink(org: string, asOf: string): string {
  return `/overview/cold-tasks?${new URLSearchParams({ org, asOf })}`;
}

/** `2026-03` → `3/2026`. */
export function monthLabel(month: string): string {
  const [year, number] = month.split('-');
  return `${Number(number)}/${year}`;
}
