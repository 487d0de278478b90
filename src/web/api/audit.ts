import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from './client';
import type { AuditEvent, Page } from './types';

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  page: number;
  pageSize: number;
}

export function useAuditEvents(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => apiGet<Page<AuditEvent>>('/api/v1/audit', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}
