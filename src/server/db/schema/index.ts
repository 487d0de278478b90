import { sql } from 'drizzle-orm';
import {

  boolean,
  customType,
  doublePrecision,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  bigserial,
  bigint,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Organizations: one tree from the national level down to communes. `path` is the chain of codes, '/25/SKHCN/'. */
export const organizations = pgTable(
  'organizations',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    predecessors: text('predecessors').array().notNull().default(sql`'{}'::text[]`),
    kind: text('kind').notNull(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    depth: smallint('depth').notNull().default(0),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('organizations_code_key').on(table.code),
    index('organizations_parent_idx').on(table.parentId),
    index('organizations_path_idx').on(sql`${table.path} text_pattern_ops`),
    index('organizations_kind_idx').on(table.kind),
  ],
);

/** Names met in imports and mapped by a user to an organization or a group. */
export const importAliases = pgTable('import_aliases', {
  normalizedName: text('normalized_name').primaryKey(),
  name: text('name').notNull(),
  organizationId: integer('organization_id'),
  groupKey: text('group_key'),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('users_username_key').on(sql`lower(${table.username})`)],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull(),
    role: text('role').notNull(),
    organizationId: integer('organization_id').notNull(),
  },
  (table) => [uniqueIndex('role_grants_key').on(table.userId, table.role, table.organizationId)],
);

/** Sessions: the cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('api_tokens_hash_key').on(table.tokenHash)],
);

/** Append-only audit log: who, when, what, before and after. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (table) => [index('audit_events_entity_idx').on(table.entity, table.entityId)],
);

/** Stored files (evidence, attachments), content kept in the database. */
export const files = pgTable('files', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  size: integer('size').notNull(),
  mimeType: text('mime_type').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
});

/** Directing documents; `parentId` is the directive this one implements. */
export const directives = pgTable(
  'directives',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull(),
    kind: text('kind').notNull(),
    issuerId: integer('issuer_id').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    issueYear: integer('issue_year').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    planEndYear: integer('plan_end_year'),
    parentId: integer('parent_id'),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('directives_identity_key').on(table.number, table.issuerId, table.issueYear),
    index('directives_parent_idx').on(table.parentId),
    index('directives_number_idx').on(table.number),
  ],
);

export const directiveFiles = pgTable(
  'directive_files',
  {
    directiveId: integer('directive_id').notNull(),
    fileId: integer('file_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.directiveId, table.fileId] })],
);

/**
 * Tasks. Timeliness is never stored: it is derived from `assignedOn`, `originalDeadline`, the
 * approved extensions, `completedOn` and `cancelledOn`. `deadline` is the deadline in force now
 * (for sorting and filtering); `extensionCount` says whether the extensions table must be read.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    directiveId: integer('directive_id').notNull(),
    parentId: integer('parent_id'),
    isContainer: boolean('is_container').notNull().default(false),
    leadOrganizationId: integer('lead_organization_id'),
    assigningOrganizationId: integer('assigning_organization_id').notNull(),
    title: text('title').notNull(),
    groupName: text('group_name'),
    subgroupName: text('subgroup_name'),
    coordinationNotes: text('coordination_notes').array().notNull().default(sql`'{}'::text[]`),
    expectedOutput: text('expected_output'),
    originalDeadline: date('original_deadline', { mode: 'string' }),
    deadline: date('deadline', { mode: 'string' }),
    isContinuous: boolean('is_continuous').notNull().default(false),
    isYearly: boolean('is_yearly').notNull().default(false),
    year: integer('year'),
    assignedOn: date('assigned_on', { mode: 'string' }).notNull(),
    state: text('state').notNull().default('assigned'),
    progress: smallint('progress').notNull().default(0),
    completedOn: date('completed_on', { mode: 'string' }),
    cancelledOn: date('cancelled_on', { mode: 'string' }),
    extensionCount: integer('extension_count').notNull().default(0),
    lastUpdatedOn: date('last_updated_on', { mode: 'string' }),
    sheetRow: integer('sheet_row'),
    isImported: boolean('is_imported').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * The title without accents, then lower-case (so that even the C collation of PGlite lowers it),
     * kept by the database: the task list searches it (and its trigram index) without computing
     * unaccent() for every task of an organization.
     */
    searchTitle: text('search_title')
      .notNull()
      .generatedAlwaysAs(sql`lower(immutable_unaccent(title))`),
  },
  (table) => [
    index('tasks_directive_idx').on(table.directiveId),
    index('tasks_lead_idx').on(table.leadOrganizationId),
    index('tasks_parent_idx').on(table.parentId),
    index('tasks_deadline_idx').on(table.deadline),
    index('tasks_title_trgm_idx').using('gin', table.searchTitle.op('gin_trgm_ops')),
    // The task list of more than 10,000 matches in deadline order reads its page by these two.
    index('tasks_list_deadline_idx').on(table.originalDeadline, table.id).where(sql`not is_container`),
    index('tasks_extended_idx').on(table.id).where(sql`extension_count <> 0`),
  ],
);

/**
 * The statistics summary (issue 7), maintained by triggers on `tasks` and `task_extensions`
 * (migration 0005) and exact for any as-of date. Each counted task contributes, per timeliness
 * category, +1 on the day it enters the category and −1 on the day it leaves it
 * (`task_tally_events`); `task_tallies` holds, per lead organization, the running sum of those
 * changes from each day on which one happens: the counts as of any date are the row with the
 * latest `day` on or before it.
 */
export const taskTallyContributions = pgTable(
  'task_tally_contributions',
  {
    taskId: integer('task_id').notNull(),
    organizationId: integer('organization_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    total: integer('total').notNull(),
    completedOnTime: integer('completed_on_time').notNull(),
    completedLate: integer('completed_late').notNull(),
    inProgress: integer('in_progress').notNull(),
    overdue: integer('overdue').notNull(),
    noDeadline: integer('no_deadline').notNull(),
  },
  (table) => [index('task_tally_contributions_task_idx').on(table.taskId)],
);

export const taskTallies = pgTable(
  'task_tallies',
  {
    organizationId: integer('organization_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    total: integer('total').notNull(),
    completedOnTime: integer('completed_on_time').notNull(),
    completedLate: integer('completed_late').notNull(),
    inProgress: integer('in_progress').notNull(),
    overdue: integer('overdue').notNull(),
    noDeadline: integer('no_deadline').notNull(),
  },
  (table) => [primaryKey({ columns: [table.organizationId, table.day] })],
);

/**
 * One row whose `version` changes (in the writing transaction) whenever a committed write can
 * change a statistic: a task's counts, an organization, a directive. A cached statistic is
 * served only while the version it was computed at is still the current one.
 */
export const statisticsVersion = pgTable('statistics_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

export const taskCoordinators = pgTable(
  'task_coordinators',
  {
    taskId: integer('task_id').notNull(),
    organizationId: integer('organization_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.taskId, table.organizationId] }), index('task_coordinators_org_idx').on(table.organizationId)],
);

export const taskProgressUpdates = pgTable(
  'task_progress_updates',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id').notNull(),
    percent: smallint('percent').notNull(),
    narrative: text('narrative').notNull(),
    difficulties: text('difficulties'),
    proposals: text('proposals'),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (table) => [index('task_progress_updates_task_idx').on(table.taskId)],
);

/** Completion reports: pending until confirmed (completion date = `submittedOn`) or returned. */
export const taskSubmissions = pgTable(
  'task_submissions',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id').notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    note: text('note'),
    status: text('status').notNull().default('pending'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: integer('decided_by'),
    reason: text('reason'),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (table) => [index('task_submissions_task_idx').on(table.taskId)],
);

/** Deadline extensions: an approved one takes effect on `decidedOn`. */
export const taskExtensions = pgTable(
  'task_extensions',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id').notNull(),
    requestedDeadline: date('requested_deadline', { mode: 'string' }).notNull(),
    previousDeadline: date('previous_deadline', { mode: 'string' }),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    requestedBy: integer('requested_by'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: integer('decided_by'),
    decisionReason: text('decision_reason'),
    createdAt: createdAt(),
  },
  (table) => [
    index('task_extensions_task_idx').on(table.taskId, table.status, table.decidedOn),
    index('task_extensions_requested_deadline_idx').on(table.requestedDeadline),
  ],
);

/** Evidence files attached to a task, a progress update or a submission. */
export const taskFiles = pgTable(
  'task_files',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id').notNull(),
    fileId: integer('file_id').notNull(),
    progressUpdateId: integer('progress_update_id'),
    submissionId: integer('submission_id'),
  },
  (table) => [index('task_files_task_idx').on(table.taskId)],
);

/** The task's timeline: every step of its workflow. */
export const taskEvents = pgTable(
  'task_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: integer('task_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    on: date('on', { mode: 'string' }).notNull(),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    data: jsonb('data'),
  },
  (table) => [index('task_events_task_idx').on(table.taskId)],
);

/** Key-value settings of the installation (e.g. the demo data marker). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});


/** Groups of indicators (science and technology, innovation, digital transformation; configurable). */
export const indicatorGroups = pgTable('indicator_groups', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** The indicator catalogue (domain.md, "Periods and indicators"). */
export const indicators = pgTable(
  'indicators',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    groupId: integer('group_id'),
    direction: text('direction').notNull(),
    valueType: text('value_type').notNull(),
    frequency: text('frequency').notNull(),
    timeAggregation: text('time_aggregation').notNull(),
    orgAggregation: text('org_aggregation').notNull(),
    numeratorId: integer('numerator_id'),
    denominatorId: integer('denominator_id'),
    reportingKinds: text('reporting_kinds').array().notNull().default(sql`'{commune,ward}'::text[]`),
    ownerOrganizationId: integer('owner_organization_id'),
    sourceDirectiveId: integer('source_directive_id'),
    definition: text('definition'),
    guidance: text('guidance'),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('indicators_code_key').on(table.code)],
);

/** Targets per organization and period, with a comparator (gte, lte, eq). */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: serial('id').primaryKey(),
    indicatorId: integer('indicator_id').notNull(),
    organizationId: integer('organization_id').notNull(),
    period: text('period').notNull(),
    comparator: text('comparator').notNull(),
    value: doublePrecision('value').notNull(),
    createdBy: integer('created_by'),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('indicator_targets_key').on(table.indicatorId, table.organizationId, table.period)],
);

/** Values entered once per organization, indicator and period: draft → submitted → approved (or returned). */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: serial('id').primaryKey(),
    indicatorId: integer('indicator_id').notNull(),
    organizationId: integer('organization_id').notNull(),
    period: text('period').notNull(),
    value: doublePrecision('value').notNull(),
    status: text('status').notNull().default('draft'),
    note: text('note'),
    returnReason: text('return_reason'),
    enteredBy: integer('entered_by'),
    approvedBy: integer('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('indicator_values_key').on(table.indicatorId, table.organizationId, table.period),
    // Rollups read the approved values of one indicator for a few periods, index only (value included).
    index('indicator_values_approved_idx').on(table.indicatorId, table.period, table.organizationId, table.value).where(sql`status = 'approved'`),
  ],
);

/** Every revision of a value: who, when, what. */
export const indicatorValueRevisions = pgTable(
  'indicator_value_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    valueId: integer('value_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    value: doublePrecision('value').notNull(),
    status: text('status').notNull(),
    reason: text('reason'),
  },
  (table) => [index('indicator_value_revisions_value_idx').on(table.valueId)],
);

export const indicatorValueFiles = pgTable(
  'indicator_value_files',
  {
    valueId: integer('value_id').notNull(),
    fileId: integer('file_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.valueId, table.fileId] })],
);

/** A locked period reopened for an organization until a date. */
export const periodReopenings = pgTable(
  'period_reopenings',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id').notNull(),
    period: text('period').notNull(),
    reopenedUntil: date('reopened_until', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (table) => [index('period_reopenings_key').on(table.organizationId, table.period)],
);

/** In-app notifications of a user. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (table) => [index('notifications_user_idx').on(table.userId, table.readAt)],
);

/**
 * Every reminder sent, keyed by (subject, kind, occurrence date, recipient): inserting the key in
 * the sending transaction makes a reminder go out at most once, across restarts and servers.
 */
export const reminderLog = pgTable('reminder_log', {
  key: text('key').primaryKey(),
  kind: text('kind').notNull(),
  subject: text('subject').notNull(),
  occurrenceOn: date('occurrence_on', { mode: 'string' }).notNull(),
  userId: integer('user_id').notNull(),
  channel: text('channel').notNull(),
  status: text('status').notNull(),
  detail: text('detail'),
  createdAt: createdAt(),
});

/** Which notifications a user receives, and how. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: integer('user_id').notNull(),
    kind: text('kind').notNull(),
    inApp: boolean('in_app').notNull().default(true),
    email: boolean('email').notNull().default(true),
    digest: boolean('digest').notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);

/** Report drafts: generated sections the officer may edit, with the figures they were made with. */
export const reportDrafts = pgTable('report_drafts', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  number: text('number'),
  scope: jsonb('scope').notNull(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  period: text('period'),
  sections: jsonb('sections').notNull(),
  figures: jsonb('figures').notNull(),
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Composite-index frameworks (PII-, DTI-style). */
export const indexFrameworks = pgTable('index_frameworks', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  method: text('method').notNull(),
  outlierTreatment: boolean('outlier_treatment').notNull().default(false),
  peerKind: text('peer_kind').notNull().default('province'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The tree of a framework: index → sub-indices → pillars → sub-pillars → indicators. */
export const indexNodes = pgTable(
  'index_nodes',
  {
    id: serial('id').primaryKey(),
    frameworkId: integer('framework_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    parentCode: text('parent_code'),
    weight: doublePrecision('weight').notNull().default(1),
    direction: text('direction').notNull().default('higher'),
    maxPoints: doublePrecision('max_points'),
    indicatorId: integer('indicator_id'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (table) => [uniqueIndex('index_nodes_key').on(table.frameworkId, table.code)],
);

/** Values per peer, indicator node and year. */
export const indexValues = pgTable(
  'index_values',
  {
    id: serial('id').primaryKey(),
    frameworkId: integer('framework_id').notNull(),
    nodeCode: text('node_code').notNull(),
    organizationId: integer('organization_id').notNull(),
    year: integer('year').notNull(),
    value: doublePrecision('value').notNull(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('index_values_key').on(table.frameworkId, table.nodeCode, table.organizationId, table.year)],
);

/** The configurable life cycle of S&T projects: stages in order and the documents each requires. */
export const projectStages = pgTable('project_stages', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull(),
  requiredDocuments: jsonb('required_documents').notNull().default(sql`'[]'::jsonb`),
  requiresCouncil: text('requires_council'),
  isOptional: boolean('is_optional').notNull().default(false),
});

/** S&T projects (nhiệm vụ KH&CN). `taskId` is the task that carries the contract's deadline in the timeliness engine. */
export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    type: text('type').notNull(),
    level: text('level').notNull(),
    field: text('field').notNull(),
    directiveId: integer('directive_id'),
    hostOrganizationId: integer('host_organization_id').notNull(),
    principalInvestigator: text('principal_investigator').notNull(),
    members: jsonb('members').notNull().default(sql`'[]'::jsonb`),
    objectives: text('objectives'),
    expectedProducts: text('expected_products'),
    startMonth: text('start_month'),
    endMonth: text('end_month'),
    budgetTotal: doublePrecision('budget_total').notNull().default(0),
    budgetState: jsonb('budget_state').notNull().default(sql`'{}'::jsonb`),
    budgetOther: doublePrecision('budget_other').notNull().default(0),
    stage: text('stage').notNull(),
    taskId: integer('task_id'),
    acceptanceRating: text('acceptance_rating'),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('projects_code_key').on(table.code), index('projects_host_idx').on(table.hostOrganizationId), index('projects_stage_idx').on(table.stage)],
);

/** Every dated step of a project's life, with its decision or document. */
export const projectEvents = pgTable(
  'project_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id').notNull(),
    stage: text('stage').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    action: text('action').notNull(),
    documentNumber: text('document_number'),
    documentDate: date('document_date', { mode: 'string' }),
    note: text('note'),
    data: jsonb('data'),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('project_events_project_idx').on(table.projectId)],
);

export const projectDocuments = pgTable(
  'project_documents',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull(),
    kind: text('kind').notNull(),
    number: text('number'),
    issuedOn: date('issued_on', { mode: 'string' }),
    title: text('title'),
    fileId: integer('file_id'),
    createdAt: createdAt(),
  },
  (table) => [index('project_documents_project_idx').on(table.projectId)],
);

export const projectPayments = pgTable(
  'project_payments',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    year: integer('year').notNull(),
    amount: doublePrecision('amount').notNull(),
    source: text('source').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (table) => [index('project_payments_project_idx').on(table.projectId)],
);

export const projectCouncils = pgTable(
  'project_councils',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull(),
    kind: text('kind').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    rule: jsonb('rule').notNull(),
    meanScore: doublePrecision('mean_score'),
    result: text('result'),
    minutesNumber: text('minutes_number'),
    minutesFileId: integer('minutes_file_id'),
    createdAt: createdAt(),
  },
  (table) => [index('project_councils_project_idx').on(table.projectId)],
);

export const projectCouncilMembers = pgTable('project_council_members', {
  id: serial('id').primaryKey(),
  councilId: integer('council_id').notNull(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  organizationId: integer('organization_id'),
});

export const projectCouncilScores = pgTable('project_council_scores', {
  id: serial('id').primaryKey(),
  councilId: integer('council_id').notNull(),
  memberId: integer('member_id').notNull(),
  criterion: text('criterion').notNull(),
  score: doublePrecision('score').notNull(),
});

/** The application and transfer of a project's results, followed up for two years. */
export const projectApplications = pgTable('project_applications', {
  id: serial('id').primaryKey(),
  projectId: integer('project_id').notNull(),
  appliedOn: date('applied_on', { mode: 'string' }).notNull(),
  organizationId: integer('organization_id'),
  description: text('description').notNull(),
  followUpUntil: date('follow_up_until', { mode: 'string' }).notNull(),
  status: text('status').notNull().default('applying'),
  createdAt: createdAt(),
});
