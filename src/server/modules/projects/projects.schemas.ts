import { z } from 'zod';
import {
  APPLICATION_STATUSES,
  CHANGE_KINDS,
  COUNCIL_KINDS,
  COUNCIL_ROLES,
  PAYMENT_SOURCES,
  PROJECT_FIELDS,
  PROJECT_LEVELS,
  PROJECT_TYPES,
} from '../../../domain/project-lifecycle';
import { databaseId, isoDate, organizationCode, pageQuery } from '../../validation';
import { PROJECT_TIMELINESS } from './projects.service';

/** A comma-separated list in a query string ("province,grassroots"). */
const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) => text.split(',').map((item) => item.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

const csvText = z
  .string()
  .transform((text) => text.split(',').map((item) => item.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(40)).max(50));

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'phải là tháng dạng YYYY-MM');
/** An amount in million đồng. */
export const amount = z.number().min(0).max(1e9);
const text = (max: number) => z.string().trim().max(max);

export const levelSchema = z.enum(PROJECT_LEVELS);
export const typeSchema = z.enum(PROJECT_TYPES);
export const fieldSchema = z.enum(PROJECT_FIELDS);

export const budgetSchema = z.object({
  total: amount,
  stateByYear: z.record(z.string().regex(/^\d{4}$/, 'năm dạng YYYY'), amount),
  other: amount,
});

export const memberSchema = z.object({ name: text(200).min(1), organization: text(300).nullable().optional() });

export const documentSchema = z.object({
  kind: z.string().trim().min(1).max(60),
  number: text(100).nullable().optional(),
  issuedOn: isoDate.nullable().optional(),
  title: text(500).nullable().optional(),
  fileId: z.number().int().positive().nullable().optional(),
});

export const projectFilterQuery = z.object({
  asOf: isoDate.optional(),
  level: csvOf(PROJECT_LEVELS).optional(),
  stage: csvText.optional(),
  field: csvOf(PROJECT_FIELDS).optional(),
  type: csvOf(PROJECT_TYPES).optional(),
  host: organizationCode.optional(),
  directive: databaseId.optional(),
  timeliness: csvOf(PROJECT_TIMELINESS).optional(),
  atRisk: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  search: z.string().trim().max(200).optional(),
  sort: z.enum(['attention', 'code', '-code', 'title', 'deadline', '-deadline', 'host', 'budget']).optional(),
});

export const projectListQuery = projectFilterQuery.extend(pageQuery);

export const projectRowSchema = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  type: z.string(),
  level: z.string(),
  field: z.string(),
  hostCode: z.string(),
  hostName: z.string(),
  hostKind: z.string(),
  principalInvestigator: z.string(),
  directiveId: z.number().nullable(),
  directiveNumber: z.string().nullable(),
  stage: z.string().nullable().describe('Bước (giai đoạn) tại ngày tính; null khi nhiệm vụ chưa có'),
  stageName: z.string().nullable(),
  currentStage: z.string(),
  startMonth: z.string().nullable(),
  endMonth: z.string().nullable(),
  deadline: z.string().nullable().describe('Thời hạn (ngày kết thúc hợp đồng, sau gia hạn) có hiệu lực tại ngày tính'),
  originalDeadline: z.string().nullable(),
  timeliness: z.string().nullable().describe('completed_on_time, completed_late, in_progress, overdue, no_deadline, not_contracted, stopped'),
  overdueDays: z.number().nullable(),
  dueSoon: z.boolean(),
  risks: z.array(z.string()).describe('deadline_near: sắp hết hạn hợp đồng chưa nghiệm thu; report_missing: thiếu báo cáo định kỳ 6 tháng'),
  acceptanceRating: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  budgetTotal: z.number(),
  budgetState: z.number(),
  paid: z.number(),
  disbursementRate: z.number().nullable(),
  taskId: z.number().nullable(),
  version: z.number(),
});

const countEntry = z.object({ code: z.string(), count: z.number() });
const budgetYear = z.object({ year: z.number(), planned: z.number(), paid: z.number() });
const budgetTotals = z.object({
  total: z.number(),
  state: z.number(),
  other: z.number(),
  paid: z.number(),
  paidState: z.number(),
  paidOther: z.number(),
  disbursementRate: z.number().nullable(),
  byYear: z.array(budgetYear),
});

export const portfolioSchema = z.object({
  asOf: z.string(),
  total: z.number(),
  byLevel: z.array(countEntry),
  byStage: z.array(countEntry.extend({ name: z.string() })),
  byField: z.array(countEntry),
  byTimeliness: z.array(countEntry),
  byHost: z.array(
    z.object({ code: z.string(), name: z.string(), kind: z.string(), total: z.number(), overdue: z.number(), inProgress: z.number(), completed: z.number(), atRisk: z.number(), budgetTotal: z.number(), paid: z.number() }),
  ),
  timeliness: z.object({
    total: z.number(),
    due: z.number(),
    completedOnTime: z.number(),
    completedLate: z.number(),
    inProgress: z.number(),
    overdue: z.number(),
    noDeadline: z.number(),
    dueSoon: z.number(),
    completionRate: z.number().nullable(),
    onTimeRate: z.number().nullable(),
  }),
  atRisk: z.number(),
  budget: budgetTotals,
  attention: z.array(projectRowSchema),
});

export const statisticsSchema = z.object({
  asOf: z.string(),
  total: z.number(),
  byLevel: z.record(z.string(), z.number()),
  byStage: z.record(z.string(), z.number()),
  byField: z.record(z.string(), z.number()),
  byTimeliness: z.record(z.string(), z.number()),
  due: z.number(),
  dueSoon: z.number(),
  atRisk: z.number(),
  completionRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  budget: budgetTotals,
});

const requiredDocument = z.object({ kind: z.string(), name: z.string() });
export const stageSchema = z.object({
  code: z.string().trim().min(2).max(40),
  name: z.string().trim().min(1).max(200),
  sortOrder: z.number().int(),
  requiredDocuments: z.array(requiredDocument).max(20),
  requiresCouncil: z.enum(COUNCIL_KINDS).nullable(),
  isOptional: z.boolean(),
});

export const councilRuleSchema = z.object({
  kind: z.enum(COUNCIL_KINDS),
  name: z.string().trim().min(1).max(200),
  criteria: z.array(z.object({ code: z.string().trim().min(1).max(40), name: z.string().trim().min(1).max(300), maxScore: z.number().positive().max(1000) })).min(1).max(30),
  excellentFrom: z.number().min(0).nullable(),
  passFrom: z.number().min(0),
  minMembers: z.number().int().min(1).max(50),
  minReviewers: z.number().int().min(0).max(50),
});

export const configurationSchema = z.object({
  stages: z.array(stageSchema),
  councilRules: z.record(z.string(), councilRuleSchema),
  labels: z.object({
    levels: z.record(z.string(), z.string()),
    types: z.record(z.string(), z.string()),
    fields: z.record(z.string(), z.string()),
    councilKinds: z.record(z.string(), z.string()),
    councilRoles: z.record(z.string(), z.string()),
    councilResults: z.record(z.string(), z.string()),
    documentKinds: z.record(z.string(), z.string()),
    changeKinds: z.record(z.string(), z.string()),
    applicationStatuses: z.record(z.string(), z.string()),
    paymentSources: z.record(z.string(), z.string()),
  }),
});

export const projectDetailSchema = projectRowSchema.extend({
  managingCode: z.string().nullable(),
  members: z.array(z.object({ name: z.string(), organization: z.string().nullable().optional() })),
  objectives: z.string().nullable(),
  expectedProducts: z.string().nullable(),
  directiveTitle: z.string().nullable(),
  currentStageName: z.string(),
  asOf: z.string(),
  task: z
    .object({
      id: z.number(),
      assignedOn: z.string().nullable(),
      originalDeadline: z.string().nullable(),
      deadline: z.string().nullable(),
      completedOn: z.string().nullable(),
      cancelledOn: z.string().nullable(),
      extensionCount: z.number(),
      progress: z.number(),
    })
    .nullable(),
  budget: z.object({
    plan: z.object({ total: z.number(), stateByYear: z.record(z.string(), z.number()), other: z.number() }),
    total: z.number(),
    state: z.number(),
    other: z.number(),
    paid: z.number(),
    paidState: z.number(),
    paidOther: z.number(),
    remainingState: z.number(),
    disbursementRate: z.number().nullable(),
    byYear: z.array(budgetYear),
  }),
  payments: z.array(z.object({ id: z.number(), paidOn: z.string(), year: z.number(), amount: z.number(), source: z.string(), note: z.string().nullable() })),
  documents: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      kindName: z.string(),
      number: z.string().nullable(),
      issuedOn: z.string().nullable(),
      title: z.string().nullable(),
      fileId: z.number().nullable(),
      fileName: z.string().nullable(),
      fileSize: z.number().nullable(),
      createdAt: z.date(),
    }),
  ),
  timeline: z.array(
    z.object({
      id: z.number(),
      on: z.string(),
      at: z.date(),
      stage: z.string(),
      stageName: z.string(),
      action: z.string(),
      documentNumber: z.string().nullable(),
      documentDate: z.string().nullable(),
      note: z.string().nullable(),
      data: z.unknown(),
      actor: z.string(),
    }),
  ),
  stages: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      isOptional: z.boolean(),
      requiresCouncil: z.string().nullable(),
      requiredDocuments: z.array(requiredDocument),
      reachedOn: z.string().nullable(),
      status: z.enum(['done', 'current', 'passed', 'upcoming']),
    }),
  ),
  nextStages: z.array(z.object({ code: z.string(), name: z.string(), isOptional: z.boolean(), requiredDocuments: z.array(requiredDocument) })),
  councils: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      kindName: z.string(),
      heldOn: z.string(),
      meanScore: z.number().nullable(),
      result: z.string().nullable(),
      resultName: z.string().nullable(),
      minutesNumber: z.string().nullable(),
      rule: z.unknown(),
      members: z.array(z.object({ id: z.number(), name: z.string(), role: z.string(), organizationCode: z.string().nullable(), organizationName: z.string().nullable(), scores: z.record(z.string(), z.number()) })),
    }),
  ),
  councilRule: councilRuleSchema.nullable(),
  changes: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      description: z.string(),
      requestedOn: z.string(),
      requestedBy: z.string(),
      requestedEndMonth: z.string().nullable(),
      status: z.enum(['pending', 'approved', 'rejected']),
      decidedOn: z.string().nullable(),
      decisionNumber: z.string().nullable(),
      decisionReason: z.string().nullable(),
    }),
  ),
  applications: z.array(
    z.object({
      id: z.number(),
      projectId: z.number(),
      appliedOn: z.string(),
      organizationCode: z.string().nullable(),
      organizationName: z.string().nullable(),
      description: z.string(),
      followUpUntil: z.string(),
      status: z.string(),
      createdAt: z.date(),
      followingUp: z.boolean(),
    }),
  ),
  permissions: z.object({
    canManage: z.boolean(),
    canAdvance: z.boolean(),
    canRecordCouncil: z.boolean(),
    canAddPayment: z.boolean(),
    canAddDocument: z.boolean(),
    canReport: z.boolean(),
    canInspect: z.boolean(),
    canRequestChange: z.boolean(),
    canDecideChange: z.boolean(),
    canRecordApplication: z.boolean(),
    canStop: z.boolean(),
    canEdit: z.boolean(),
  }),
});

export const applicationRowSchema = z.object({
  id: z.number(),
  projectId: z.number(),
  projectCode: z.string(),
  projectTitle: z.string(),
  hostCode: z.string(),
  hostName: z.string(),
  level: z.string(),
  field: z.string(),
  acceptanceRating: z.string().nullable(),
  appliedOn: z.string(),
  organizationCode: z.string().nullable(),
  organizationName: z.string().nullable(),
  description: z.string(),
  followUpUntil: z.string(),
  status: z.string(),
  followingUp: z.boolean(),
  daysLeft: z.number(),
  createdAt: z.date(),
});

export const applicationsQuery = z.object({
  asOf: isoDate.optional(),
  status: csvOf(APPLICATION_STATUSES).optional(),
  followingUp: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  search: z.string().trim().max(200).optional(),
});

export const createProjectBody = z.object({
  code: z.string().trim().min(1).max(60),
  title: z.string().trim().min(1).max(2000),
  type: typeSchema,
  level: levelSchema,
  field: fieldSchema,
  directiveId: z.number().int().positive().nullable().optional(),
  hostCode: organizationCode,
  principalInvestigator: z.string().trim().min(1).max(200),
  members: z.array(memberSchema).max(100).optional(),
  objectives: text(20000).nullable().optional(),
  expectedProducts: text(20000).nullable().optional(),
  startMonth: month.nullable().optional(),
  endMonth: month.nullable().optional(),
  budget: budgetSchema.optional(),
  proposedOn: isoDate.optional(),
  document: documentSchema.partial({ kind: true }).optional(),
});

export const updateProjectBody = createProjectBody.omit({ code: true, proposedOn: true, document: true }).partial().extend({ version: z.number().int().positive() });

export const advanceBody = z.object({
  version: z.number().int().positive(),
  stage: z.string().trim().min(1).max(40),
  on: isoDate,
  document: documentSchema.nullable().optional(),
  note: text(5000).nullable().optional(),
  startMonth: month.nullable().optional(),
  endMonth: month.nullable().optional(),
  selectionMode: z.enum(['open', 'direct']).nullable().optional(),
});

export const councilBody = z.object({
  version: z.number().int().positive(),
  kind: z.enum(COUNCIL_KINDS),
  heldOn: isoDate,
  minutesNumber: text(100).nullable().optional(),
  minutesFileId: z.number().int().positive().nullable().optional(),
  members: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(200),
        role: z.enum(COUNCIL_ROLES),
        organizationCode: organizationCode.nullable().optional(),
        scores: z.record(z.string(), z.number().min(-1000).max(1000)),
      }),
    )
    .min(1)
    .max(50),
});

export const paymentBody = z.object({
  paidOn: isoDate,
  year: z.number().int().min(1900).max(2200).optional(),
  amount: z.number().positive().max(1e9),
  source: z.enum(PAYMENT_SOURCES),
  note: text(2000).nullable().optional(),
  documentNumber: text(100).nullable().optional(),
});

export const reportBody = z.object({
  kind: z.enum(['progress', 'inspection']),
  on: isoDate,
  period: text(20).nullable().optional(),
  percent: z.number().int().min(0).max(100),
  narrative: z.string().trim().min(1).max(20000),
  difficulties: text(20000).nullable().optional(),
  proposals: text(20000).nullable().optional(),
  documentNumber: text(100).nullable().optional(),
  fileId: z.number().int().positive().nullable().optional(),
});

export const changeBody = z.object({
  kind: z.enum(CHANGE_KINDS),
  description: z.string().trim().min(1).max(5000),
  on: isoDate.optional(),
  endMonth: month.nullable().optional(),
  members: z.array(memberSchema).max(100).nullable().optional(),
  budget: budgetSchema.nullable().optional(),
  objectives: text(20000).nullable().optional(),
  expectedProducts: text(20000).nullable().optional(),
});

export const decisionBody = z.object({
  version: z.number().int().positive(),
  on: isoDate,
  decisionNumber: text(100).nullable().optional(),
  reason: text(5000).nullable().optional(),
});

export const stopBody = z.object({
  version: z.number().int().positive(),
  on: isoDate,
  decisionNumber: text(100).nullable().optional(),
  reason: z.string().trim().min(1).max(5000),
});

export const applicationBody = z.object({
  appliedOn: isoDate,
  organizationCode: organizationCode.nullable().optional(),
  description: z.string().trim().min(1).max(5000),
  followUpUntil: isoDate.nullable().optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
});

export const followUpBody = z.object({ on: isoDate, status: z.enum(APPLICATION_STATUSES), note: z.string().trim().min(1).max(5000) });

export const importResultSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  created: z.number(),
  warnings: z.array(z.string()),
  errors: z.array(z.object({ row: z.number().nullable(), column: z.string().nullable(), header: z.string().nullable(), value: z.string().nullable(), message: z.string(), suggestions: z.array(z.string()) })),
  projects: z.array(
    z.object({
      sheetRow: z.number(),
      code: z.string(),
      title: z.string(),
      level: z.string(),
      field: z.string(),
      hostCode: z.string(),
      hostName: z.string(),
      stage: z.string(),
      stageName: z.string(),
      startMonth: z.string().nullable(),
      endMonth: z.string().nullable(),
      budgetTotal: z.number(),
    }),
  ),
});

export const idParams = z.object({ id: databaseId });
