/**
 * The reports API (GET/POST /api/v1/reports/…): drafts and downloads, through the app's typed
 * client. Types mirror the server's response schemas (src/server/modules/reports/reports.routes.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiDownload, apiGet, apiPatch, apiPost } from '../../api/client';
import type { Id, TimelinessCounts } from '../../api/types';

export type ReportFormat = 'docx' | 'xlsx';
export type ReportTimeliness = 'completed_on_time' | 'completed_late' | 'in_progress' | 'overdue' | 'no_deadline';

/** Scope and date of a report: a directive (id or number) and/or an organization; a date or a period. */
export interface ReportQuery {
  directive?: string;
  org?: string;
  asOf?: string;
  period?: string;
}

export interface ReportTask {
  id: number;
  directiveId: number;
  title: string;
  leadName: string | null;
  deadline: string | null;
  timeliness: ReportTimeliness;
  overdueDays: number | null;
  progress: number;
  parentId: number | null;
  parentIsContainer: boolean;
  update: { reportedOn: string; percent: number; narrative: string; difficulties: string | null; proposals: string | null } | null;
}

export interface ReportIndicator {
  code: string;
  name: string;
  unit: string;
  value: number | null;
  target: number | null;
  status: string;
  periodLabel: string | null;
}

export interface ReportChange {
  kind: 'count' | 'task_added' | 'task_removed' | 'task_status' | 'task_progress' | 'indicator';
  label: string;
  before: string | null;
  after: string | null;
}

export interface ReportFigures {
  asOf: string;
  period: string | null;
  periodLabel: string | null;
  scope: {
    directive: string | null;
    org: string | null;
    directives: { id: number; number: string; title: string }[];
    organization: { code: string; name: string } | null;
  };
  counts: TimelinessCounts;
  nextPeriod: { from: string; to: string; label: string };
  tasks: ReportTask[];
  indicatorOrganization: { code: string; name: string } | null;
  indicators: ReportIndicator[];
  generatedAt: string;
  comparedWith?: string | null;
}

/** The officer's text of a report (one paragraph per line; **bold** and *italic* are kept). */
export interface ReportSections {
  parentAgency: string;
  agency: string;
  agencyAbbreviation: string;
  place: string;
  reportDate: string | null;
  subject: string;
  intro: string;
  leadership: string;
  results: string;
  limitations: string;
  priorities: string;
  proposals: string;
  closing: string;
  recipients: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
}

export interface ReportDraft {
  id: number;
  title: string;
  number: string | null;
  scope: { directive: string | null; org: string | null };
  asOf: string;
  period: string | null;
  sections: ReportSections;
  figures: ReportFigures;
  changes: ReportChange[] | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
}

export interface ReportDraftSummary {
  id: number;
  title: string;
  number: string | null;
  scope: { directive: string | null; org: string | null };
  asOf: string;
  period: string | null;
  total: number;
  overdue: number;
  version: number;
  updatedAt: string;
  canEdit: boolean;
}

const draftsKey = ['reports', 'drafts'] as const;

export function useReportDrafts() {
  return useQuery({
    queryKey: draftsKey,
    queryFn: ({ signal }) => apiGet<{ items: ReportDraftSummary[]; total: number }>('/api/v1/reports/drafts', undefined, signal),
  });
}

export function useReportDraft(id: Id | null) {
  return useQuery({
    queryKey: [...draftsKey, String(id)],
    queryFn: ({ signal }) => apiGet<ReportDraft>(`/api/v1/reports/drafts/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

function useDraftMutation<Input>(request: (input: Input) => Promise<ReportDraft>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (draft) => {
      queryClient.setQueryData([...draftsKey, String(draft.id)], draft);
      void queryClient.invalidateQueries({ queryKey: draftsKey, exact: true });
    },
  });
}

/** "Lập báo cáo": computes the figures and makes a draft. */
export function useCreateReportDraft() {
  return useDraftMutation((query: ReportQuery) => apiPost<ReportDraft>('/api/v1/reports/drafts', query));
}

export function useUpdateReportDraft() {
  return useDraftMutation(({ id, ...body }: { id: Id; version: number; number?: string | null; sections?: Partial<ReportSections> }) =>
    apiPatch<ReportDraft>(`/api/v1/reports/drafts/${id}`, body),
  );
}

/** Computes the figures again (same scope and date) and returns what changed. */
export function useRegenerateReportDraft() {
  return useDraftMutation(({ id, version }: { id: Id; version: number }) => apiPost<ReportDraft>(`/api/v1/reports/drafts/${id}/regenerate`, { version }));
}

export function useDeleteReportDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => apiDelete<void>(`/api/v1/reports/drafts/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: draftsKey }),
  });
}

/** Downloads the report of a scope computed now, without a draft. */
export function downloadReport(query: ReportQuery, format: ReportFormat): Promise<void> {
  return apiDownload('/api/v1/reports/tasks/export', { ...query, format }, `bao-cao.${format}`);
}

/** Downloads a draft as Word or Excel. */
export function downloadDraft(id: Id, format: ReportFormat): Promise<void> {
  return apiDownload(`/api/v1/reports/drafts/${id}/export`, { format }, `bao-cao-${id}.${format}`);
}
