import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from './client';
import type { Directive, DirectiveDetail, DirectiveInput, Id, Page } from './types';

const directivesKey = ['directives'] as const;

export interface DirectiveQuery {
  search?: string;
  page?: number;
  pageSize?: number;
}

export function useDirectives(query: DirectiveQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...directivesKey, 'list', query],
    queryFn: ({ signal }) => apiGet<Page<Directive>>('/api/v1/directives', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useDirective(id: Id | null | undefined) {
  return useQuery({
    queryKey: [...directivesKey, 'detail', String(id)],
    queryFn: ({ signal }) => apiGet<DirectiveDetail>(`/api/v1/directives/${id}`, undefined, signal),
    enabled: id !== null && id !== undefined && id !== '',
  });
}

export function useCreateDirective() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DirectiveInput) => apiPost<Directive>('/api/v1/directives', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: directivesKey }),
  });
}

export function useUpdateDirective() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...input
    }: Partial<Omit<DirectiveInput, 'summary' | 'planEndYear' | 'parentId'>> & {
      id: Id;
      version: number;
      summary?: string | null;
      planEndYear?: number | null;
      parentId?: Id | null;
    }) =>
      apiPatch<Directive>(`/api/v1/directives/${id}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: directivesKey }),
  });
}
