import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { databaseId, isoDate } from '../../validation';
import type { ReportFile } from './reports.service';

/** An optional text parameter: blank means absent. */
const optionalText = (maxLength: number, description: string) =>
  z
    .string()
    .trim()
    .max(maxLength)
    .optional()
    .transform((value) => value || undefined)
    .describe(description);

const scopeShape = {
  directive: optionalText(200, 'Số, ký hiệu hoặc mã số của văn bản chỉ đạo (gồm cả các văn bản triển khai)'),
  org: optionalText(40, 'Mã cơ quan, đơn vị (gồm cả các đơn vị cấp dưới)'),
  asOf: isoDate.optional().describe('Tính đến ngày (YYYY-MM-DD); mặc định: ngày cuối kỳ, hoặc hôm nay'),
  period: optionalText(10, 'Kỳ báo cáo: 2026, 2026S1, 2026Q1, 2026-03'),
};

const format = z.enum(['docx', 'xlsx']).default('docx').describe('docx (Word) hoặc xlsx (Excel)');

const countsSchema = z.object({
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
});

const taskSchema = z.object({
  id: z.number(),
  directiveId: z.number(),
  directiveNumber: z.string(),
  group: z.string().nullable(),
  subgroup: z.string().nullable(),
  parentId: z.number().nullable(),
  parentIsContainer: z.boolean(),
  title: z.string(),
  leadCode: z.string().nullable(),
  leadName: z.string().nullable(),
  leadKind: z.string().nullable(),
  coordinating: z.array(z.string()),
  expectedOutput: z.string().nullable(),
  deadline: z.string().nullable(),
  isContinuous: z.boolean(),
  year: z.number().nullable(),
  timeliness: z.enum(['completed_on_time', 'completed_late', 'in_progress', 'overdue', 'no_deadline']),
  dueSoon: z.boolean(),
  overdueDays: z.number().nullable(),
  lateDays: z.number().nullable(),
  completedOn: z.string().nullable(),
  progress: z.number(),
  update: z
    .object({ reportedOn: z.string(), percent: z.number(), narrative: z.string(), difficulties: z.string().nullable(), proposals: z.string().nullable() })
    .nullable(),
});

const indicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  group: z.string().nullable(),
  valueType: z.string(),
  period: z.string().nullable(),
  periodLabel: z.string().nullable(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  comparator: z.enum(['gte', 'lte', 'eq']).nullable(),
  progress: z.number().nullable(),
  status: z.string(),
});

const changeSchema = z.object({
  kind: z.enum(['count', 'task_added', 'task_removed', 'task_status', 'task_progress', 'indicator']),
  label: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

const figuresSchema = z.object({
  asOf: z.string(),
  period: z.string().nullable(),
  periodLabel: z.string().nullable(),
  scope: z.object({
    directive: z.string().nullable(),
    org: z.string().nullable(),
    directives: z.array(
      z.object({ id: z.number(), number: z.string(), kind: z.string(), title: z.string(), issuedOn: z.string(), issuerName: z.string(), issuerShortName: z.string().nullable().optional() }),
    ),
    organization: z.object({ code: z.string(), name: z.string() }).nullable(),
  }),
  counts: countsSchema.describe('Mục I: đúng bằng số liệu thống kê (GET /stats/tasks) của cùng phạm vi và ngày'),
  nextPeriod: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  tasks: z.array(taskSchema),
  indicatorOrganization: z.object({ code: z.string(), name: z.string() }).nullable(),
  indicators: z.array(indicatorSchema),
  generatedAt: z.string(),
  changes: z.array(changeSchema).nullable().optional(),
  comparedWith: z.string().nullable().optional(),
});

const text = (max: number) => z.string().max(max);
const sectionsShape = {
  parentAgency: text(300),
  agency: text(300),
  agencyAbbreviation: text(40),
  place: text(100),
  reportDate: isoDate.nullable(),
  subject: text(1000),
  intro: text(20000),
  leadership: text(50000),
  results: text(50000),
  limitations: text(50000),
  priorities: text(50000),
  proposals: text(50000),
  closing: text(5000),
  recipients: text(5000),
  signerAuthority: text(200),
  signerTitle: text(200),
  signerName: text(200),
};
const sectionsSchema = z.object(sectionsShape);

const draftScopeSchema = z.object({ directive: z.string().nullable(), org: z.string().nullable() });

const draftSchema = z.object({
  id: z.number(),
  title: z.string(),
  number: z.string().nullable(),
  scope: draftScopeSchema,
  asOf: z.string(),
  period: z.string().nullable(),
  sections: sectionsSchema,
  figures: figuresSchema,
  changes: z.array(changeSchema).nullable().describe('Những thay đổi so với lần lập trước (sau khi lập lại); null khi chưa lập lại'),
  version: z.number(),
  createdBy: z.number().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  canEdit: z.boolean(),
});

const draftListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      number: z.string().nullable(),
      scope: draftScopeSchema,
      asOf: z.string(),
      period: z.string().nullable(),
      total: z.number(),
      overdue: z.number(),
      version: z.number(),
      updatedAt: z.date(),
      canEdit: z.boolean(),
    }),
  ),
  total: z.number(),
});

const idParams = z.object({ id: databaseId });
const versionBody = z.object({ version: z.number().int().positive() });

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { reports } = app.deps.services;

  const sendFile = (reply: { header(name: string, value: string): unknown; send(payload: Buffer): unknown }, file: ReportFile) => {
    reply.header('content-type', file.contentType);
    reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    return reply.send(file.buffer);
  };

  app.get(
    '/reports/tasks/export',
    {
      schema: {
        tags: ['reports'],
        summary: 'Báo cáo tình hình thực hiện nhiệm vụ (Word theo Nghị định 30/2020 hoặc Excel), lập ngay từ số liệu hiện có',
        querystring: z.object({ ...scopeShape, format }),
      },
    },
    async (request, reply) => {
      const { format: kind, ...query } = request.query;
      return sendFile(reply, await reports.exportReport(request.requireActor(), query, kind));
    },
  );

  app.get(
    '/reports/drafts',
    { schema: { tags: ['reports'], summary: 'Các dự thảo báo cáo trong phạm vi của người dùng', response: { 200: draftListSchema } } },
    async (request) => reports.listDrafts(request.requireActor()),
  );

  app.post(
    '/reports/drafts',
    {
      schema: {
        tags: ['reports'],
        summary: 'Lập báo cáo: tính số liệu và tạo dự thảo với các phần lời văn để biên tập',
        body: z.object(scopeShape),
        response: { 201: draftSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await reports.createDraft(request.requireActor(), request.body)),
  );

  app.get(
    '/reports/drafts/:id',
    { schema: { tags: ['reports'], summary: 'Dự thảo báo cáo', params: idParams, response: { 200: draftSchema } } },
    async (request) => reports.getDraft(request.requireActor(), request.params.id),
  );

  app.patch(
    '/reports/drafts/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'Sửa lời văn, số, ký hiệu của dự thảo (số liệu luôn do hệ thống tính)',
        params: idParams,
        body: versionBody.extend({
          title: z.string().trim().min(1).max(1000).optional(),
          number: z.string().trim().max(40).nullable().optional(),
          sections: sectionsSchema.partial().optional(),
        }),
        response: { 200: draftSchema },
      },
    },
    async (request) => reports.updateDraft(request.requireActor(), request.params.id, request.body),
  );

  app.post(
    '/reports/drafts/:id/regenerate',
    {
      schema: {
        tags: ['reports'],
        summary: 'Tính lại số liệu của dự thảo (cùng phạm vi, cùng ngày) và cho biết những gì đã thay đổi',
        params: idParams,
        body: versionBody,
        response: { 200: draftSchema },
      },
    },
    async (request) => reports.regenerateDraft(request.requireActor(), request.params.id, request.body.version),
  );

  app.delete(
    '/reports/drafts/:id',
    { schema: { tags: ['reports'], summary: 'Xóa dự thảo báo cáo', params: idParams } },
    async (request, reply) => {
      await reports.deleteDraft(request.requireActor(), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/reports/drafts/:id/export',
    {
      schema: {
        tags: ['reports'],
        summary: 'Xuất dự thảo ra Word (Nghị định 30/2020) hoặc Excel',
        params: idParams,
        querystring: z.object({ format }),
      },
    },
    async (request, reply) => sendFile(reply, await reports.exportDraft(request.requireActor(), request.params.id, request.query.format)),
  );
};
