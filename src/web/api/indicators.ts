/**
 * Indicators: the catalogue, values rolled up over time and organizations, targets, data entry
 * and approval (docs/API.md "Indicators").
 */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiGet, apiPost, apiPut, apiRequest, apiUpload, type QueryParams } from './client';
import type {
  ByOrganization,
  DataEntry,
  DataEntryInput,
  Id,
  Indicator,
  IndicatorGroup,
  IndicatorImportKind,
  IndicatorImportResult,
  IndicatorRow,
  IndicatorTarget,
  IndicatorValueRow,
  Page,
  SeriesPoint,
  TargetInput,
  ValueRevision,
} from './types';

const indicatorsKey = ['indicators'] as const;
const targetsKey = ['indicator-targets'] as const;
const valuesKey = ['indicator-values'] as const;
const dataEntryKey = ['data-entry'] as const;

/** Invalidates everything that shows indicator figures (after a value or target changes). */
function invalidateFigures(queryClient: ReturnType<typeof useQueryClient>) {
  void queryClient.invalidateQueries({ queryKey: indicatorsKey });
  void queryClient.invalidateQueries({ queryKey: targetsKey });
  void queryClient.invalidateQueries({ queryKey: valuesKey });
  void queryClient.invalidateQueries({ queryKey: dataEntryKey });
}

export function useIndicatorGroups() {
  return useQuery({
    queryKey: [...indicatorsKey, 'groups'],
    queryFn: ({ signal }) => apiGet<IndicatorGroup[]>('/api/v1/indicator-groups', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** Filters of the indicator list, as sent to the API. */
export interface IndicatorQuery {
  search?: string;
  group?: string;
  org?: string;
  period?: string;
  asOf?: string;
}

/** The catalogue with each indicator's latest figure (all matching indicators: the API does not page it). */
export function useIndicators(query: IndicatorQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...indicatorsKey, 'list', query],
    queryFn: ({ signal }) => apiGet<Page<IndicatorRow>>('/api/v1/indicators', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** Downloads the Excel export of the indicators matching the same filters as the list. */
export function exportIndicators(query: IndicatorQuery, fallbackName: string): Promise<void> {
  return apiDownload('/api/v1/indicators/export', { ...query } as QueryParams, fallbackName);
}

export function useIndicator(code: string) {
  return useQuery({
    queryKey: [...indicatorsKey, 'detail', code],
    queryFn: ({ signal }) => apiGet<Indicator>(`/api/v1/indicators/${encodeURIComponent(code)}`, undefined, signal),
  });
}

export interface SeriesQuery {
  org?: string;
  kind: 'month' | 'quarter' | 'year';
  from?: string;
  to?: string;
  asOf?: string;
}

export function useIndicatorSeries(code: string, query: SeriesQuery) {
  return useQuery({
    queryKey: [...indicatorsKey, 'series', code, query],
    queryFn: ({ signal }) =>
      apiGet<{ items: SeriesPoint[] }>(`/api/v1/indicators/${encodeURIComponent(code)}/series`, { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export interface ByOrganizationQuery {
  org?: string;
  period?: string;
  asOf?: string;
}

export function useIndicatorByOrganization(code: string, query: ByOrganizationQuery) {
  return useQuery({
    queryKey: [...indicatorsKey, 'by-organization', code, query],
    queryFn: ({ signal }) =>
      apiGet<ByOrganization>(`/api/v1/indicators/${encodeURIComponent(code)}/by-organization`, { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function exportIndicatorByOrganization(code: string, query: ByOrganizationQuery, fallbackName: string): Promise<void> {
  return apiDownload(`/api/v1/indicators/${encodeURIComponent(code)}/by-organization/export`, { ...query }, fallbackName);
}

/** The targets of an indicator for an organization, one query per year (2026–2030 side by side). */
export function useIndicatorTargets(indicator: string, org: string | undefined, years: number[]) {
  return useQueries({
    queries: years.map((year) => ({
      queryKey: [...targetsKey, indicator, org ?? '', year],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        apiGet<{ items: IndicatorTarget[] }>('/api/v1/indicator-targets', { indicator, org, year }, signal),
      enabled: Boolean(org),
    })),
  });
}

export function useSaveTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TargetInput) => apiPut<IndicatorTarget>('/api/v1/indicator-targets', input),
    onSuccess: () => invalidateFigures(queryClient),
  });
}

export function useDeleteTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => apiRequest<unknown>('DELETE', `/api/v1/indicator-targets/${encodeURIComponent(String(id))}`),
    onSuccess: () => invalidateFigures(queryClient),
  });
}

export function useBreakdownTargets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { indicatorCode: string; orgCode: string; year: number; kind: 'quarter' | 'month' }) =>
      apiPost<unknown>('/api/v1/indicator-targets/breakdown', input),
    onSuccess: () => invalidateFigures(queryClient),
  });
}

export function dataEntryQueryKey(org: string | undefined, period: string | undefined) {
  return [...dataEntryKey, org ?? '', period ?? ''] as const;
}

export function useDataEntry(org: string | undefined, period: string | undefined) {
  return useQuery({
    queryKey: dataEntryQueryKey(org, period),
    queryFn: ({ signal }) => apiGet<DataEntry>('/api/v1/data-entry', { org, period }, signal),
    enabled: Boolean(org && period),
  });
}

export function useSaveDataEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DataEntryInput) => apiPost<DataEntry>('/api/v1/data-entry', input),
    onSuccess: (answer, input) => {
      queryClient.setQueryData(dataEntryQueryKey(input.orgCode, input.period), answer);
      invalidateFigures(queryClient);
    },
  });
}

export function useIndicatorValues(
  query: { indicator?: string; org?: string; period?: string; status?: string; page?: number; pageSize?: number },
  options: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: [...valuesKey, 'list', query],
    queryFn: ({ signal }) => apiGet<Page<IndicatorValueRow>>('/api/v1/indicator-values', { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** Approves or returns a submitted value; every decision sends the `version` that was read. */
export type ValueDecision = { kind: 'approve'; id: Id; version: number } | { kind: 'return'; id: Id; version: number; reason: string };

export function useDecideValue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: ValueDecision) => {
      const base = `/api/v1/indicator-values/${encodeURIComponent(String(decision.id))}`;
      return decision.kind === 'approve'
        ? apiPost<unknown>(`${base}/approve`, { version: decision.version })
        : apiPost<unknown>(`${base}/return`, { version: decision.version, reason: decision.reason });
    },
    onSettled: () => invalidateFigures(queryClient),
  });
}

export function useValueRevisions(id: Id | null) {
  return useQuery({
    queryKey: [...valuesKey, 'revisions', String(id ?? '')],
    queryFn: ({ signal }) =>
      apiGet<{ items: ValueRevision[] }>(`/api/v1/indicator-values/${encodeURIComponent(String(id))}/revisions`, undefined, signal),
    enabled: id !== null && id !== undefined,
  });
}

/** Checks (dryRun) or imports an indicator workbook: definitions, values or targets. */
export function useImportIndicators() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file, dryRun }: { kind: IndicatorImportKind; file: File; dryRun: boolean }) => {
      const formData = new FormData();
      // The text field first: a streaming multipart parser sees it before the file.
      formData.append('dryRun', String(dryRun));
      formData.append('file', file, file.name);
      return apiUpload<IndicatorImportResult>(`/api/v1/imports/${kind}`, formData);
    },
    onSuccess: (result, request) => {
      if (!request.dryRun && result.ok) invalidateFigures(queryClient);
    },
  });
}
