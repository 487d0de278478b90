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
  /** More than `total` (10,000) tasks match: the exact count is not computed. */
  totalIsEstimate?: boolean;
  /** `after` of the next page (paging by key), null on the last page. */
  nextCursor?: string | null;
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

/* ------------------------------------------------------------------------------------------------
 * Indicators (docs/API.md "Indicators"). Periods are codes: `2026`, `2026S1`, `2026Q1`, `2026-03`.
 * ---------------------------------------------------------------------------------------------- */

/** A period code: `2026` (year), `2026S1` (half), `2026Q1` (quarter), `2026-03` (month). */
export type PeriodCode = string;

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const INDICATOR_DIRECTIONS = ['higher', 'lower'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export const INDICATOR_VALUE_TYPES = ['number', 'percent', 'yes_no'] as const;
export type IndicatorValueType = (typeof INDICATOR_VALUE_TYPES)[number];

export const INDICATOR_FREQUENCIES = ['month', 'quarter', 'year'] as const;
export type IndicatorFrequency = (typeof INDICATOR_FREQUENCIES)[number];

export const TIME_AGGREGATIONS = ['sum', 'last', 'average'] as const;
export type TimeAggregation = (typeof TIME_AGGREGATIONS)[number];

export const ORG_AGGREGATIONS = ['sum', 'average', 'ratio', 'none'] as const;
export type OrgAggregation = (typeof ORG_AGGREGATIONS)[number];

export const COMPARATORS = ['gte', 'lte', 'eq'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const VALUE_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

export const INDICATOR_STATUSES = ['achieved', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

export interface IndicatorGroup {
  code: string;
  name: string;
}

export interface Indicator {
  id: Id;
  code: string;
  name: string;
  unit: string | null;
  groupCode: string | null;
  groupName: string | null;
  direction: IndicatorDirection;
  valueType: IndicatorValueType;
  frequency: IndicatorFrequency;
  timeAggregation: TimeAggregation;
  orgAggregation: OrgAggregation;
  numeratorCode: string | null;
  denominatorCode: string | null;
  /** Kinds of organization that enter the indicator (communes and wards by default). */
  reportingKinds: string[];
  ownerCode: string | null;
  ownerName: string | null;
  sourceDirectiveId: Id | null;
  sourceDirectiveNumber: string | null;
  definition: string | null;
  guidance: string | null;
  isActive: boolean;
  version: number;
}

/** The value of an indicator for an organization and a period, with its target and status. */
export interface Rollup {
  code: string;
  org: string;
  orgName: string;
  period: PeriodCode;
  /** `entered` or else the rollup's value. */
  value: number | null;
  /** The approved value entered for exactly that organization and period. */
  entered: number | null;
  /** What the children (or the sub-periods) give; `reported` of `expected` had a value. */
  rollup: { value: number | null; reported: number; expected: number } | null;
  target: number | null;
  comparator: Comparator | null;
  /** 0..1, or null without value or target. */
  progress: number | null;
  status: IndicatorStatus;
  /** The value of the same period one year earlier. */
  baseline: number | null;
}

export interface IndicatorRow extends Indicator {
  latest: Rollup | null;
}

export interface SeriesPoint extends Rollup {
  label?: string;
}

export interface ByOrganizationRow extends Rollup {
  rank: number | null;
}

export interface ByOrganization {
  parent: Rollup;
  items: ByOrganizationRow[];
}

export interface IndicatorTarget {
  /** Absent for a derived target. */
  id?: Id | null;
  indicatorCode: string;
  orgCode: string;
  period: PeriodCode;
  comparator: Comparator;
  value: number;
  /** Computed from the annual target by the breakdown rules (not stored). */
  derived: boolean;
}

export interface TargetInput {
  indicatorCode: string;
  orgCode: string;
  period: PeriodCode;
  comparator: Comparator;
  value: number;
}

export interface EnteredValue {
  id: Id;
  value: number | null;
  status: ValueStatus;
  version: number;
  note: string | null;
  returnReason: string | null;
  updatedAt: string | null;
}

export interface DataEntryItem {
  indicator: {
    code: string;
    name: string;
    unit: string | null;
    valueType: IndicatorValueType;
    guidance: string | null;
    frequency: IndicatorFrequency;
  };
  value: EnteredValue | null;
  previousValue: number | null;
  target: number | null;
  comparator: Comparator | null;
  canEdit: boolean;
  canApprove: boolean;
}

export interface DataEntry {
  org: { code: string; name: string };
  period: PeriodCode;
  periodLabel: string;
  locked: boolean;
  /** The day the period locks (or locked). */
  lockDate: IsoDate | null;
  items: DataEntryItem[];
}

export interface DataEntryInput {
  orgCode: string;
  period: PeriodCode;
  submit: boolean;
  values: Array<{ indicatorCode: string; value: number; note?: string | null; version?: number }>;
}

export interface ValueRevision {
  at: string;
  actor: Actor;
  action: string;
  value: number | null;
  status: ValueStatus | string;
  reason: string | null;
}

export interface IndicatorValueRow {
  id: Id;
  indicatorCode: string;
  indicatorName?: string;
  unit?: string | null;
  orgCode: string;
  orgName: string;
  period: PeriodCode;
  value: number | null;
  status: ValueStatus;
  version: number;
  updatedAt?: string;
}

export const INDICATOR_IMPORT_KINDS = ['indicators', 'indicator-values', 'indicator-targets'] as const;
export type IndicatorImportKind = (typeof INDICATOR_IMPORT_KINDS)[number];

export interface IndicatorImportResult {
  ok: boolean;
  dryRun: boolean;
  created: number;
  warnings: string[];
  errors: ImportError[];
}

// Composite indices (PII, DTI)

export const INDEX_METHODS = ['minmax', 'points'] as const;
export type IndexMethod = (typeof INDEX_METHODS)[number];

export const INDEX_LEVELS = ['index', 'sub_index', 'pillar', 'sub_pillar', 'indicator'] as const;
export type IndexLevel = (typeof INDEX_LEVELS)[number];

export const INDEX_PEER_KINDS = ['province', 'commune'] as const;
export type IndexPeerKind = (typeof INDEX_PEER_KINDS)[number];

export interface IndexFramework {
  code: string;
  name: string;
  method: IndexMethod;
  outlierTreatment: boolean;
  peerKind: IndexPeerKind;
  updatedAt: string;
}

export interface IndexFrameworkRow extends IndexFramework {
  nodeCount: number;
  indicatorCount: number;
}

export interface IndexNode {
  code: string;
  name: string;
  level: IndexLevel;
  parentCode: string | null;
  weight: number;
  direction: IndicatorDirection;
  maxPoints: number | null;
  indicatorCode: string | null;
}

export interface IndexDetail extends IndexFramework {
  nodes: IndexNode[];
  /** Years with data, latest first. */
  years: Array<{ year: number; values: number }>;
}

export interface IndexNodeScore {
  score: number | null;
  rank: number | null;
}

export interface IndexPeerResult {
  org: string;
  orgName: string;
  /** The index: 0..100 (minmax) or 0..1 (points). */
  score: number | null;
  rank: number | null;
  nodes: Record<string, IndexNodeScore>;
}

export interface IndexEfficiency {
  inputCode: string;
  outputCode: string;
  results: Array<{ org: string; orgName: string; ratio: number | null; rank: number | null }>;
}

export interface IndexComparison {
  code: string;
  name: string;
  level: IndexLevel;
  score: number | null;
  rank: number;
  /** Overall rank − node rank: positive when the node ranks better than the index. */
  difference: number;
}

export interface IndexScoreChange {
  score: number | null;
  rank: number | null;
  previousScore: number | null;
  previousRank: number | null;
  scoreChange: number | null;
  /** Previous rank − rank: positive when the rank improved. */
  rankChange: number | null;
}

export interface IndexResults extends IndexFramework {
  year: number;
  org: string | null;
  maxPoints: Record<string, number> | null;
  results: Array<IndexPeerResult & { previousScore: number | null; previousRank: number | null }>;
  efficiency: IndexEfficiency | null;
  threshold: number;
  strengths: IndexComparison[];
  weaknesses: IndexComparison[];
  change: (IndexScoreChange & { previousYear: number; nodes: Array<IndexScoreChange & { code: string; name: string }> }) | null;
  benchmarks: Record<string, { best: number | null; median: number | null }>;
  outliers: Array<{ code: string; kind: 'winsorised' | 'log'; replaced: number; skewness: number; kurtosis: number }>;
  linkedValues: Array<{ code: string; org: string; indicatorCode: string; value: number }>;
}

export interface IndexValueItem extends IndexNode {
  value: number | null;
  source: 'import' | 'indicator' | null;
  peers: number;
  min: number | null;
  max: number | null;
  best: number | null;
}

export interface IndexValues {
  code: string;
  year: number;
  org: string;
  orgName: string;
  items: IndexValueItem[];
}

export interface IndexWhatIfInput {
  year: number;
  org: string;
  /** Indicator code → new value (null removes the value). */
  changes: Record<string, number | null>;
}

export interface IndexWhatIfResult {
  code: string;
  year: number;
  org: string;
  orgName: string;
  changes: Record<string, number | null>;
  before: { score: number | null; rank: number | null; nodes: Record<string, IndexNodeScore> };
  after: { score: number | null; rank: number | null; nodes: Record<string, IndexNodeScore> };
  score: number | null;
  rank: number | null;
  /** Rank before − rank after: positive when the rank improves. */
  rankChange: number | null;
  results: IndexPeerResult[];
  efficiency: IndexEfficiency | null;
}

export interface IndexLever {
  code: string;
  name: string;
  parentCode: string | null;
  direction: IndicatorDirection;
  value: number;
  target: number;
  improvement: number;
  /** improvement / (max − min of the peers' values). */
  relativeEffort: number;
  rank: number;
  newRank: number;
  score: number;
  newScore: number;
}

export interface IndexLevers {
  code: string;
  year: number;
  org: string;
  orgName: string;
  score: number | null;
  rank: number | null;
  peers: number;
  levers: IndexLever[];
}

export interface IndexImportResult extends IndicatorImportResult {
  framework?: IndexFramework | null;
}

export interface IndexFrameworkImportRequest {
  code: string;
  name?: string;
  method: IndexMethod;
  peerKind: IndexPeerKind;
  outlierTreatment: boolean;
  file: File;
  dryRun: boolean;
}

export interface IndexDataImportRequest {
  code: string;
  file: File;
  dryRun: boolean;
}
