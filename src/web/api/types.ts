/**
 * Types of the HTTP API (docs/API.md). Dates are calendar dates `YYYY-MM-DD`; instants are ISO
 * timestamps. Where the contract leaves a shape open (progress updates, extensions, submissions,
 * import previews), the fields are optional and the pages render what is present.
 */

/** Identifiers are opaque: numbers or strings, always compared and routed as strings. */
export type Id = string | number;

/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

export interface Page<T> {
  items: T[];
  total: number;
}

export const ROLES = ['system_admin', 'leader', 'coordinator', 'reporter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  organizationCode: string;
  organizationName?: string;
}

export interface Me {
  id: Id;
  username: string;
  fullName: string;
  email: string | null;
  isActive: boolean;
  roles: RoleGrant[];
  isSystemAdmin: boolean;
}

export const ORGANIZATION_KINDS = [
  'province',
  'department',
  'agency',
  'commune',
  'ward',
  'enterprise',
  'university',
  'institute',
  'national',
  'steering',
  'government',
  'ministry',
  'ministry_level',
  'government_agency',
  'party',
  'judicial',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export interface Organization {
  id: Id;
  code: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  predecessors: string[];
  kind: OrganizationKind;
  parentCode: string | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  isActive: boolean;
}

export interface OrganizationNode extends Organization {
  children: OrganizationNode[];
}

export interface OrganizationInput {
  code?: string;
  name: string;
  shortName?: string;
  aliases?: string[];
  kind: OrganizationKind;
  parentCode?: string | null;
}

export interface User {
  id: Id;
  username: string;
  fullName: string;
  email: string | null;
  isActive: boolean;
  roles: RoleGrant[];
  lockedUntil: string | null;
  createdAt: string;
}

/** Who did something: the API may give a name or a small object. */
export type Actor = string | { id?: Id; username?: string; fullName?: string; name?: string } | null;

export interface AuditEvent {
  id: Id;
  at: string;
  actor: Actor;
  action: string;
  entity: string;
  entityId: Id | null;
  before: unknown;
  after: unknown;
}

export const DIRECTIVE_KINDS = [
  'resolution',
  'directive',
  'conclusion',
  'decision',
  'plan',
  'action_programme',
  'official_letter',
] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

export interface FileInfo {
  id: Id;
  name: string;
  size: number;
  mimeType: string;
  createdAt: string;
}

export interface Directive {
  id: Id;
  number: string;
  kind: DirectiveKind;
  issuerCode: string;
  issuerName: string;
  issuedOn: IsoDate;
  title: string;
  summary: string | null;
  planEndYear: number | null;
  parentId: Id | null;
  parentNumber: string | null;
  taskCount: number;
  version: number;
}

export interface DirectiveDetail extends Directive {
  children: Directive[];
  files: FileInfo[];
}

export interface DirectiveInput {
  number: string;
  kind: DirectiveKind;
  issuerCode: string;
  issuedOn: IsoDate;
  title: string;
  summary?: string;
  planEndYear?: number;
  parentId?: Id;
}

export const TIMELINESS_VALUES = ['completed_on_time', 'completed_late', 'in_progress', 'overdue', 'no_deadline'] as const;
export type Timeliness = (typeof TIMELINESS_VALUES)[number];

/**
 * What a statistic links to in the task list: one category, `due` (completed + overdue, sent as
 * `timeliness=completed_on_time,completed_late,overdue`) or `due_soon` (sent as `dueSoon=true`).
 */
export type TimelinessFilter = Timeliness | 'due' | 'due_soon';

/** The categories that make up "due" (đã đến hạn). */
export const DUE_TIMELINESS: Timeliness[] = ['completed_on_time', 'completed_late', 'overdue'];

export const TASK_STATES = ['assigned', 'in_progress', 'awaiting_confirmation', 'completed', 'paused', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface TaskRow {
  id: Id;
  title: string;
  directiveId: Id;
  directiveNumber: string;
  group: string | null;
  subgroup: string | null;
  leadCode: string | null;
  leadName: string | null;
  deadline: IsoDate | null;
  originalDeadline: IsoDate | null;
  isContinuous: boolean;
  year: number | null;
  state: TaskState;
  progress: number | null;
  timeliness: Timeliness | null;
  dueSoon: boolean;
  overdueDays: number | null;
  completedOn: IsoDate | null;
  isContainer: boolean;
  parentId: Id | null;
  version: number;
}

export interface TaskPage extends Page<TaskRow> {
  asOf: IsoDate;
}

export interface ProgressUpdate {
  id: Id;
  /** The date the update takes effect. */
  reportedOn?: IsoDate;
  at?: string;
  createdAt?: string;
  actor?: Actor;
  organizationName?: string | null;
  percent: number;
  narrative: string;
  difficulties?: string | null;
  proposals?: string | null;
  files?: FileInfo[];
}

export type DecisionStatus = 'pending' | 'approved' | 'rejected' | 'confirmed' | 'returned' | string;

export interface Extension {
  id: Id;
  requestedDeadline: IsoDate;
  previousDeadline?: IsoDate | null;
  reason: string;
  status: DecisionStatus;
  requestedAt?: string;
  requestedOn?: IsoDate;
  requestedBy?: Actor;
  decidedAt?: string | null;
  decidedOn?: IsoDate | null;
  decidedBy?: Actor;
  decisionReason?: string | null;
}

export interface Submission {
  id: Id;
  submittedOn?: IsoDate;
  at?: string;
  actor?: Actor;
  note?: string | null;
  status: DecisionStatus;
  decidedAt?: string | null;
  decidedBy?: Actor;
  reason?: string | null;
  files?: FileInfo[];
}

export interface TimelineEvent {
  id: Id;
  at: string;
  on: IsoDate | null;
  actor: Actor;
  action: string;
  data: unknown;
}

export interface TaskPermissions {
  canReport: boolean;
  canSubmit?: boolean;
  canConfirm: boolean;
  canRequestExtension?: boolean;
  canDecideExtension: boolean;
  canManage: boolean;
  canCreateSubtask?: boolean;
}

export interface TaskDetail extends TaskRow {
  directiveTitle?: string;
  cancelledOn?: IsoDate | null;
  coordinating: Array<{ code: string; name: string }>;
  /** Notes such as "Các sở, ban, ngành liên quan". */
  coordinationNotes: string[] | string | null;
  expectedOutput: string | null;
  assignedOn: IsoDate | null;
  assigningCode: string | null;
  assigningName: string | null;
  children: TaskRow[];
  updates: ProgressUpdate[];
  extensions: Extension[];
  submissions: Submission[];
  timeline: TimelineEvent[];
  files: FileInfo[];
  permissions: TaskPermissions;
}

export interface TimelinessCounts {
  total: number;
  due: number;
  completedOnTime: number;
  completedLate: number;
  inProgress: number;
  overdue: number;
  noDeadline: number;
  dueSoon: number;
  completionRate: number | null;
  onTimeRate: number | null;
}

export interface OrganizationStatistics extends TimelinessCounts {
  code: string;
  name: string;
  rank: number | null;
}

export interface TaskStatistics extends TimelinessCounts {
  asOf: IsoDate;
  organizations: OrganizationStatistics[];
}

export interface ImportError {
  row: number | null;
  column: string | null;
  header: string | null;
  value: string | null;
  /** The whole message, naming row and column: `Dòng 4, cột "Đơn vị chủ trì": Không tìm thấy …`. */
  message: string;
  /** For an unknown organization name: the closest known names. */
  suggestions: string[];
}

export interface ImportPreviewTask {
  sheetRow: number;
  group: string | null;
  subgroup: string | null;
  title: string;
  leadCode: string;
  leadName: string;
  deadline: IsoDate | null;
  isContinuous: boolean;
  year: number | null;
  completedOn: IsoDate | null;
  coordinating: string[];
  coordinationNotes: string[];
  /** The parent made for a row with several leads or a yearly deadline (not counted). */
  container: boolean;
}

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  /** Tasks created (or that would be). */
  created: number;
  containers: number;
  warnings: string[];
  errors: ImportError[];
  /** The directive the tasks go to; `id` is null on a dry run that would create it. */
  directive: { id: number | null; number: string; title: string; issuedOn: IsoDate; issuerCode: string; created: boolean } | null;
  tasks: ImportPreviewTask[];
}

export interface ImportRequest {
  file: File;
  directive: string;
  directiveTitle?: string;
  issued?: IsoDate;
  planEnd?: number;
  issuer?: string;
  dryRun: boolean;
}
