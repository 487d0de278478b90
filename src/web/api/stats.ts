import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from './client';
import type { TaskStatistics } from './types';

export interface StatisticsQuery {
  asOf?: string;
  /** A directive's number or id. */
  directive?: string;
  org?: string;
}

export function useTaskStatistics(query: StatisticsQuery) {
  return useQuery({
    queryKey: ['stats', 'tasks', query],
    queryFn: ({ signal }) => apiGet<TaskStatistics>('/api/v1/stats/tasks', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}
