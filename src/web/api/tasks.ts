import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiGet, apiPost, type QueryParams } from './client';
import type { Id, TaskDetail, TaskPage } from './types';

const tasksKey = ['tasks'] as const;

/** Filters, sorting and paging of the task list, as sent to the API. */
export interface TaskQuery {
  asOf?: string;
  directive?: string;
  group?: string;
  org?: string;
  /** One category or several, comma-separated (`completed_on_time,completed_late,overdue`). */
  timeliness?: string;
  /** `true`: only the tasks due soon (in progress, deadline within N days). */
  dueSoon?: string;
  /** One state or several, comma-separated. */
  state?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  search?: string;
  parent?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

export function useTasks(query: TaskQuery) {
  return useQuery({
    queryKey: [...tasksKey, 'list', query],
    queryFn: ({ signal }) => apiGet<TaskPage>('/api/v1/tasks', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function taskDetailKey(id: Id) {
  return [...tasksKey, 'detail', String(id)] as const;
}

export function useTask(id: Id, asOf?: string) {
  return useQuery({
    queryKey: [...taskDetailKey(id), asOf ?? ''],
    queryFn: ({ signal }) => apiGet<TaskDetail>(`/api/v1/tasks/${id}`, { asOf }, signal),
  });
}

/** Downloads the Excel export of the tasks matching the same filters as the list. */
export function exportTasks(query: TaskQuery, fallbackName: string): Promise<void> {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return apiDownload('/api/v1/tasks/export', filters as QueryParams, fallbackName);
}

/** One workflow action on a task; every write carries the `version` that was read. */
export type TaskAction =
  | { kind: 'update'; percent: number; narrative: string; difficulties?: string; proposals?: string; fileIds?: Id[] }
  | { kind: 'submit'; note?: string; fileIds?: Id[] }
  | { kind: 'confirm' }
  | { kind: 'return'; reason: string }
  | { kind: 'requestExtension'; requestedDeadline: string; reason: string }
  | { kind: 'approveExtension'; extensionId: Id }
  | { kind: 'rejectExtension'; extensionId: Id; reason: string }
  | { kind: 'pause'; reason: string }
  | { kind: 'resume'; reason: string }
  | { kind: 'cancel'; reason: string };

function actionRequest(taskId: Id, version: number, action: TaskAction): { path: string; body: Record<string, unknown> } {
  const base = `/api/v1/tasks/${taskId}`;
  switch (action.kind) {
    case 'update': {
      const { kind: _kind, ...fields } = action;
      return { path: `${base}/updates`, body: { version, ...fields } };
    }
    case 'submit': {
      const { kind: _kind, ...fields } = action;
      return { path: `${base}/submit`, body: { version, ...fields } };
    }
    case 'confirm':
      return { path: `${base}/confirm`, body: { version } };
    case 'return':
      return { path: `${base}/return`, body: { version, reason: action.reason } };
    case 'requestExtension':
      return {
        path: `${base}/extensions`,
        body: { version, requestedDeadline: action.requestedDeadline, reason: action.reason },
      };
    case 'approveExtension':
      return { path: `${base}/extensions/${action.extensionId}/approve`, body: { version } };
    case 'rejectExtension':
      return { path: `${base}/extensions/${action.extensionId}/reject`, body: { version, reason: action.reason } };
    case 'pause':
    case 'resume':
    case 'cancel':
      return { path: `${base}/${action.kind}`, body: { version, reason: action.reason } };
  }
}

export function useTaskAction(taskId: Id) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, action }: { version: number; action: TaskAction }) => {
      const request = actionRequest(taskId, version, action);
      return apiPost<unknown>(request.path, request.body);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: tasksKey });
      void queryClient.invalidateQueries({ queryKey: ['stats'] });
    },
  });
}
