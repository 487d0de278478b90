import { z } from 'zod';
import { isoDate, organizationCode, pageQuery, databaseId } from '../../validation';
import { fileSchema } from '../files/files.routes';
import { taskSorts, taskStates } from './tasks.service';

export const timelinessValues = ['completed_on_time', 'completed_late', 'in_progress', 'overdue', 'no_deadline'] as const;

/** A comma-separated list in a query string ("overdue,in_progress"). */
const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) => text.split(',').map((item) => item.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const taskFilterQuery = z.object({
  asOf: isoDate.optional(),
  directive: databaseId.optional(),
  group: z.string().trim().max(500).optional(),
  org: organizationCode.optional(),
  timeliness: csvOf(timelinessValues).optional(),
  dueSoon: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  state: csvOf(taskStates).optional(),
  deadlineFrom: isoDate.optional(),
  deadlineTo: isoDate.optional(),
  search: z.string().trim().max(200).optional(),
  parent: databaseId.optional(),
  sort: z.enum(taskSorts).optional(),
});

export const taskListQuery = taskFilterQuery.extend({
  ...pageQuery,
  /** Keyset paging: the `nextCursor` of the previous page (then `page` is ignored). */
  after: z.string().trim().min(1).max(8000).optional(),
});

export const taskRowSchema = z.object({
  id: z.number(),
  title: z.string(),
  directiveId: z.number(),
  directiveNumber: z.string(),
  group: z.string().nullable(),
  subgroup: z.string().nullable(),
  leadCode: z.string().nullable(),
  leadName: z.string().nullable(),
  deadline: z.string().nullable(),
  originalDeadline: z.string().nullable(),
  isContinuous: z.boolean(),
  year: z.number().nullable(),
  state: z.string(),
  progress: z.number(),
  timeliness: z.enum(timelinessValues).nullable(),
  dueSoon: z.boolean(),
  overdueDays: z.number().nullable(),
  completedOn: z.string().nullable(),
  isContainer: z.boolean(),
  parentId: z.number().nullable(),
  version: z.number(),
});

const attachedFile = fileSchema;

export const taskDetailSchema = taskRowSchema.extend({
  directiveTitle: z.string(),
  assigningCode: z.string(),
  assigningName: z.string(),
  assignedOn: z.string(),
  cancelledOn: z.string().nullable(),
  coordinating: z.array(z.object({ code: z.string(), name: z.string() })),
  coordinationNotes: z.array(z.string()),
  expectedOutput: z.string().nullable(),
  children: z.array(taskRowSchema),
  updates: z.array(
    z.object({
      id: z.number(),
      percent: z.number(),
      narrative: z.string(),
      difficulties: z.string().nullable(),
      proposals: z.string().nullable(),
      reportedOn: z.string(),
      createdAt: z.date(),
      files: z.array(attachedFile.extend({ progressUpdateId: z.number().nullable(), submissionId: z.number().nullable() })),
    }),
  ),
  extensions: z.array(
    z.object({
      id: z.number(),
      requestedDeadline: z.string(),
      previousDeadline: z.string().nullable(),
      reason: z.string(),
      status: z.string(),
      requestedOn: z.string(),
      decidedOn: z.string().nullable(),
      decisionReason: z.string().nullable(),
    }),
  ),
  submissions: z.array(
    z.object({
      id: z.number(),
      submittedOn: z.string(),
      note: z.string().nullable(),
      status: z.string(),
      decidedOn: z.string().nullable(),
      reason: z.string().nullable(),
      files: z.array(attachedFile.extend({ progressUpdateId: z.number().nullable(), submissionId: z.number().nullable() })),
    }),
  ),
  timeline: z.array(z.object({ id: z.number(), at: z.date(), on: z.string(), actor: z.string(), action: z.string(), data: z.unknown() })),
  files: z.array(attachedFile),
  permissions: z.object({
    canReport: z.boolean(),
    canSubmit: z.boolean(),
    canConfirm: z.boolean(),
    canRequestExtension: z.boolean(),
    canDecideExtension: z.boolean(),
    canManage: z.boolean(),
    canCreateSubtask: z.boolean(),
  }),
});

export const versionBody = { version: z.number().int().positive() };
export const reasonText = z.string().trim().min(1).max(5000);
export const fileIds = z.array(z.number().int().positive()).max(20).optional();
export const idParams = z.object({ id: databaseId });
