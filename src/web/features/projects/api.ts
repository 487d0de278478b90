/**
 * The S&T projects API (/api/v1/projects…) through the app's typed client. Types mirror the
 * server's response schemas (src/server/modules/projects/projects.schemas.ts). Amounts are in
 * million đồng.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiGet, apiPatch, apiPost, apiUpload, type QueryParams } from '../../api/client';

export const PROJECT_LEVELS = ['national', 'ministry', 'province', 'grassroots'] as const;
export const PROJECT_TYPES = ['research', 'pilot_production', 'scientific_scheme', 'st_project'] as const;
export const PROJECT_FIELDS = ['natural_sciences', 'engineering_technology', 'medical_health', 'agricultural', 'social_sciences', 'humanities'] as const;
export const PROJECT_TIMELINESS = ['overdue', 'in_progress', 'completed_on_time', 'completed_late', 'not_contracted', 'no_deadline', 'stopped'] as const;
export const COUNCIL_ROLES = ['chair', 'reviewer', 'member', 'secretary'] as const;
export const APPLICATION_STATUSES = ['applying', 'applied', 'transferred', 'discontinued'] as const;
export const CHANGE_KINDS = ['content', 'members', 'budget', 'schedule'] as const;

export type ProjectLevel = (typeof PROJECT_LEVELS)[number];
export type ProjectType = (typeof PROJECT_TYPES)[number];
export type ProjectField = (typeof PROJECT_FIELDS)[number];
export type ProjectTimeliness = (typeof PROJECT_TIMELINESS)[number];
export type CouncilRole = (typeof COUNCIL_ROLES)[number];
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type RiskReason = 'deadline_near' | 'report_missing';

export interface RequiredDocument {
  kind: string;
  name: string;
}

export interface StageDefinition {
  code: string;
  name: string;
  sortOrder: number;
  requiredDocuments: RequiredDocument[];
  requiresCouncil: string | null;
  isOptional: boolean;
}

export interface CouncilRule {
  kind: string;
  name: string;
  criteria: { code: string; name: string; maxScore: number }[];
  excellentFrom: number | null;
  passFrom: number;
  minMembers: number;
  minReviewers: number;
}

export interface ProjectConfiguration {
  stages: StageDefinition[];
  councilRules: Record<string, CouncilRule>;
  labels: Record<'levels' | 'types' | 'fields' | 'councilKinds' | 'councilRoles' | 'councilResults' | 'documentKinds' | 'changeKinds' | 'applicationStatuses' | 'paymentSources', Record<string, string>>;
}

export interface ProjectRow {
  id: number;
  code: string;
  title: string;
  type: ProjectType;
  level: ProjectLevel;
  field: ProjectField;
  hostCode: string;
  hostName: string;
  hostKind: string;
  principalInvestigator: string;
  directiveId: number | null;
  directiveNumber: string | null;
  stage: string | null;
  stageName: string | null;
  currentStage: string;
  startMonth: string | null;
  endMonth: string | null;
  deadline: string | null;
  originalDeadline: string | null;
  timeliness: ProjectTimeliness | null;
  overdueDays: number | null;
  dueSoon: boolean;
  risks: RiskReason[];
  acceptanceRating: string | null;
  acceptedOn: string | null;
  budgetTotal: number;
  budgetState: number;
  paid: number;
  disbursementRate: number | null;
  taskId: number | null;
  version: number;
}

export interface BudgetYear {
  year: number;
  planned: number;
  paid: number;
}

export interface BudgetTotals {
  total: number;
  state: number;
  other: number;
  paid: number;
  paidState: number;
  paidOther: number;
  disbursementRate: number | null;
  byYear: BudgetYear[];
}

export interface Portfolio {
  asOf: string;
  total: number;
  byLevel: { code: string; count: number }[];
  byStage: { code: string; name: string; count: number }[];
  byField: { code: string; count: number }[];
  byTimeliness: { code: string; count: number }[];
  byHost: { code: string; name: string; kind: string; total: number; overdue: number; inProgress: number; completed: number; atRisk: number; budgetTotal: number; paid: number }[];
  timeliness: { total: number; due: number; completedOnTime: number; completedLate: number; inProgress: number; overdue: number; noDeadline: number; dueSoon: number; completionRate: number | null; onTimeRate: number | null };
  atRisk: number;
  budget: BudgetTotals;
  attention: ProjectRow[];
}

export interface CouncilMember {
  id: number;
  name: string;
  role: string;
  organizationCode: string | null;
  organizationName: string | null;
  scores: Record<string, number>;
}

export interface Council {
  id: number;
  kind: string;
  kindName: string;
  heldOn: string;
  meanScore: number | null;
  result: string | null;
  resultName: string | null;
  minutesNumber: string | null;
  rule: unknown;
  members: CouncilMember[];
}

export interface ProjectApplication {
  id: number;
  projectId: number;
  appliedOn: string;
  organizationCode: string | null;
  organizationName: string | null;
  description: string;
  followUpUntil: string;
  status: string;
  createdAt: string;
  followingUp: boolean;
}

export interface ProjectDetail extends ProjectRow {
  managingCode: string | null;
  members: { name: string; organization?: string | null }[];
  objectives: string | null;
  expectedProducts: string | null;
  directiveTitle: string | null;
  currentStageName: string;
  asOf: string;
  task: { id: number; assignedOn: string | null; originalDeadline: string | null; deadline: string | null; completedOn: string | null; cancelledOn: string | null; extensionCount: number; progress: number } | null;
  budget: BudgetTotals & { plan: { total: number; stateByYear: Record<string, number>; other: number }; remainingState: number };
  payments: { id: number; paidOn: string; year: number; amount: number; source: string; note: string | null }[];
  documents: { id: number; kind: string; kindName: string; number: string | null; issuedOn: string | null; title: string | null; fileId: number | null; fileName: string | null; fileSize: number | null; createdAt: string }[];
  timeline: { id: number; on: string; at: string; stage: string; stageName: string; action: string; documentNumber: string | null; documentDate: string | null; note: string | null; data: Record<string, unknown> | null; actor: string }[];
  stages: { code: string; name: string; isOptional: boolean; requiresCouncil: string | null; requiredDocuments: RequiredDocument[]; reachedOn: string | null; status: 'done' | 'current' | 'passed' | 'upcoming' }[];
  nextStages: { code: string; name: string; isOptional: boolean; requiredDocuments: RequiredDocument[] }[];
  councils: Council[];
  councilRule: CouncilRule | null;
  changes: { id: number; kind: ChangeKind; description: string; requestedOn: string; requestedBy: string; requestedEndMonth: string | null; status: 'pending' | 'approved' | 'rejected'; decidedOn: string | null; decisionNumber: string | null; decisionReason: string | null }[];
  applications: ProjectApplication[];
  permissions: {
    canManage: boolean;
    canAdvance: boolean;
    canRecordCouncil: boolean;
    canAddPayment: boolean;
    canAddDocument: boolean;
    canReport: boolean;
    canInspect: boolean;
    canRequestChange: boolean;
    canDecideChange: boolean;
    canRecordApplication: boolean;
    canStop: boolean;
    canEdit: boolean;
  };
}

export interface ApplicationRow extends ProjectApplication {
  projectCode: string;
  projectTitle: string;
  hostCode: string;
  hostName: string;
  level: string;
  field: string;
  acceptanceRating: string | null;
  daysLeft: number;
}

export interface ProjectImportResult {
  ok: boolean;
  dryRun: boolean;
  created: number;
  warnings: string[];
  errors: { row: number | null; column: string | null; header: string | null; value: string | null; message: string; suggestions: string[] }[];
  projects: { sheetRow: number; code: string; title: string; level: string; field: string; hostCode: string; hostName: string; stage: string; stageName: string; startMonth: string | null; endMonth: string | null; budgetTotal: number }[];
}

/** Filters of the project list, as in the address bar and the API (comma-separated lists). */
export interface ProjectQuery {
  asOf?: string;
  level?: string;
  stage?: string;
  field?: string;
  type?: string;
  host?: string;
  timeliness?: string;
  atRisk?: string;
  search?: string;
  sort?: string;
  page?: number;
  pageSize?: number;
}

const projectsKey = ['projects'] as const;

export function useProjectConfiguration() {
  return useQuery({ queryKey: [...projectsKey, 'config'], queryFn: ({ signal }) => apiGet<ProjectConfiguration>('/api/v1/projects/config', undefined, signal), staleTime: 5 * 60_000 });
}

export function usePortfolio(asOf: string) {
  return useQuery({ queryKey: [...projectsKey, 'portfolio', asOf], queryFn: ({ signal }) => apiGet<Portfolio>('/api/v1/projects/portfolio', { asOf }, signal), placeholderData: keepPreviousData });
}

export function useProjects(query: ProjectQuery) {
  return useQuery({
    queryKey: [...projectsKey, 'list', query],
    queryFn: ({ signal }) => apiGet<{ asOf: string; total: number; items: ProjectRow[] }>('/api/v1/projects', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string | undefined, asOf?: string) {
  return useQuery({
    queryKey: [...projectsKey, 'detail', id, asOf ?? ''],
    queryFn: ({ signal }) => apiGet<ProjectDetail>(`/api/v1/projects/${id}`, { asOf }, signal),
    enabled: Boolean(id),
  });
}

export function useApplications(query: { asOf?: string; status?: string; followingUp?: string; search?: string }) {
  return useQuery({
    queryKey: [...projectsKey, 'applications', query],
    queryFn: ({ signal }) => apiGet<{ asOf: string; total: number; items: ApplicationRow[] }>('/api/v1/projects/applications', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Any write on a project: answered with the project as it now stands; every project view is refreshed. */
export function useProjectMutation<T>(run: (input: T) => Promise<ProjectDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: projectsKey });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['stats'] });
    },
  });
}

export const projectApi = {
  create: (body: Record<string, unknown>) => apiPost<ProjectDetail>('/api/v1/projects', body),
  update: (id: number, body: Record<string, unknown>) => apiPatch<ProjectDetail>(`/api/v1/projects/${id}`, body),
  action: (id: number, path: string, body: Record<string, unknown>) => apiPost<ProjectDetail>(`/api/v1/projects/${id}/${path}`, body),
  importFile: (file: File, dryRun: boolean) => {
    const formData = new FormData();
    formData.append('dryRun', String(dryRun));
    formData.append('file', file, file.name);
    return apiUpload<ProjectImportResult>('/api/v1/projects/import', formData);
  },
  exportList: (query: ProjectQuery, fallbackName: string) => {
    const { page: _page, pageSize: _pageSize, ...filters } = query;
    return apiDownload('/api/v1/projects/export', filters as QueryParams, fallbackName);
  },
  exportPortfolio: (asOf: string) => apiDownload('/api/v1/projects/portfolio/export', { asOf }, `tong-hop-nhiem-vu-khcn-${asOf}.xlsx`),
  exportApplications: (query: QueryParams, asOf: string) => apiDownload('/api/v1/projects/applications/export', query, `ung-dung-ket-qua-${asOf}.xlsx`),
  template: () => apiDownload('/api/v1/projects/import/template', undefined, 'mau-danh-sach-nhiem-vu-khcn.xlsx'),
};

export function useImportProjects() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => projectApi.importFile(file, dryRun),
    onSuccess: (_result, { dryRun }) => {
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: projectsKey });
    },
  });
}
