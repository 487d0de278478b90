/**
 * Composite indices (PII, DTI): frameworks, results by year, the indicator values of one
 * organization, what-if simulations, best levers and the two Excel imports (docs/API.md "Indices").
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, apiPost, apiRequest } from './client';
import type {
  IndexDataImportRequest,
  IndexDetail,
  IndexFramework,
  IndexFrameworkImportRequest,
  IndexFrameworkRow,
  IndexImportResult,
  IndexLevers,
  IndexMethod,
  IndexPeerKind,
  IndexResults,
  IndexValues,
  IndexWhatIfInput,
  IndexWhatIfResult,
} from './types';

const indicesKey = ['indices'] as const;

function indexPath(code: string, suffix = ''): string {
  return `/api/v1/indices/${encodeURIComponent(code)}${suffix}`;
}

export function useIndices() {
  return useQuery({
    queryKey: [...indicesKey, 'list'],
    queryFn: ({ signal }) => apiGet<{ items: IndexFrameworkRow[] }>('/api/v1/indices', undefined, signal),
  });
}

/** A framework: its tree in order and the years that have data (latest first). */
export function useIndex(code: string) {
  return useQuery({
    queryKey: [...indicesKey, 'detail', code],
    queryFn: ({ signal }) => apiGet<IndexDetail>(indexPath(code), undefined, signal),
    enabled: Boolean(code),
  });
}

export interface IndexQuery {
  year?: number;
  org?: string;
}

/** Every peer's scores and ranks for a year, with the organization's strengths, weaknesses and change. */
export function useIndexResults(code: string, query: IndexQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...indicesKey, 'results', code, query],
    queryFn: ({ signal }) => apiGet<IndexResults>(indexPath(code, '/results'), { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled: Boolean(code) && (options.enabled ?? true),
  });
}

/** The organization's value of every indicator for a year, with the peers' range (the what-if form). */
export function useIndexValues(code: string, query: IndexQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...indicesKey, 'values', code, query],
    queryFn: ({ signal }) => apiGet<IndexValues>(indexPath(code, '/values'), { ...query }, signal),
    enabled: Boolean(code && query.org) && (options.enabled ?? true),
  });
}

/** Per indicator, the smallest improvement that gains the organization a rank, by relative effort. */
export function useIndexLevers(code: string, query: IndexQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...indicesKey, 'levers', code, query],
    queryFn: ({ signal }) => apiGet<IndexLevers>(indexPath(code, '/levers'), { ...query }, signal),
    enabled: Boolean(code && query.org) && (options.enabled ?? true),
    staleTime: 60_000,
  });
}

/** Recomputes everything with some of the organization's values changed; nothing is saved. */
export function useIndexWhatIf(code: string) {
  return useMutation({
    mutationFn: (input: IndexWhatIfInput) => apiPost<IndexWhatIfResult>(indexPath(code, '/what-if'), input),
  });
}

export function useUpdateIndex(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: { name?: string; method?: IndexMethod; outlierTreatment?: boolean; peerKind?: IndexPeerKind }) =>
      apiPatch<IndexFramework>(indexPath(code), changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: indicesKey }),
  });
}

export function useDeleteIndex() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => apiDelete<void>(indexPath(code)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: indicesKey }),
  });
}

/** Checks (dryRun) or imports a framework table (Mã | Tên | Cấp | Thuộc | Trọng số | Chiều | Điểm tối đa). */
export function useImportIndexFramework() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: IndexFrameworkImportRequest) => {
      const formData = new FormData();
      // The text field first: a streaming multipart parser sees it before the file.
      formData.append('dryRun', String(request.dryRun));
      formData.append('file', request.file, request.file.name);
      return apiRequest<IndexImportResult>('POST', '/api/v1/imports/index-framework', {
        query: {
          code: request.code,
          name: request.name,
          method: request.method,
          peerKind: request.peerKind,
          outlierTreatment: request.method === 'minmax' ? request.outlierTreatment : undefined,
        },
        formData,
      });
    },
    onSuccess: (result, request) => {
      if (!request.dryRun && result.ok) void queryClient.invalidateQueries({ queryKey: indicesKey });
    },
  });
}

/** Checks (dryRun) or imports the peers' values of a framework (Mã chỉ tiêu | Đơn vị | Năm | Giá trị). */
export function useImportIndexData() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: IndexDataImportRequest) => {
      const formData = new FormData();
      formData.append('dryRun', String(request.dryRun));
      formData.append('file', request.file, request.file.name);
      return apiRequest<IndexImportResult>('POST', '/api/v1/imports/index-data', { query: { code: request.code }, formData });
    },
    onSuccess: (result, request) => {
      if (!request.dryRun && result.ok) void queryClient.invalidateQueries({ queryKey: indicesKey });
    },
  });
}
