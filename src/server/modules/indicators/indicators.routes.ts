import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { databaseId, isoDate, organizationCode, pageQuery } from '../../validation';
import { buildSheetWorkbook } from '../../../files/excel-export';
import { valueStatuses } from './indicators.service';

const directions = ['higher', 'lower'] as const;
const valueTypes = ['number', 'percent', 'yes_no'] as const;
const frequencies = ['month', 'quarter', 'year'] as const;
const timeAggregations = ['sum', 'last', 'average'] as const;
const orgAggregations = ['sum', 'average', 'ratio', 'none'] as const;
const comparators = ['gte', 'lte', 'eq'] as const;
const periodCode = z.string().trim().regex(/^\d{4}((S[12])|(Q[1-4])|(-(0[1-9]|1[0-2])))?$/, 'phải là mã kỳ báo cáo (vd. 2026, 2026S1, 2026Q1, 2026-03)');
const indicatorCode = z.string().trim().min(1).max(60);

export const indicatorSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  groupCode: z.string().nullable(),
  groupName: z.string().nullable(),
  direction: z.string(),
  valueType: z.string(),
  frequency: z.string(),
  timeAggregation: z.string(),
  orgAggregation: z.string(),
  numeratorCode: z.string().nullable(),
  denominatorCode: z.string().nullable(),
  reportingKinds: z.array(z.string()),
  ownerCode: z.string().nullable(),
  ownerName: z.string().nullable(),
  sourceDirectiveId: z.number().nullable(),
  sourceDirectiveNumber: z.string().nullable(),
  definition: z.string().nullable(),
  guidance: z.string().nullable(),
  isActive: z.boolean(),
  version: z.number(),
});

export const rollupSchema = z.object({
  code: z.string(),
  org: z.string(),
  orgName: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  entered: z.number().nullable(),
  rollup: z.object({ value: z.number().nullable(), reported: z.number(), expected: z.number() }),
  target: z.number().nullable(),
  comparator: z.enum(comparators).nullable(),
  progress: z.number().nullable(),
  status: z.string(),
  baseline: z.number().nullable(),
});

const editableFields = {
  name: z.string().trim().min(1).max(500),
  unit: z.string().trim().min(1).max(50),
  groupName: z.string().trim().max(200).nullable(),
  direction: z.enum(directions),
  valueType: z.enum(valueTypes),
  frequency: z.enum(frequencies),
  timeAggregation: z.enum(timeAggregations),
  orgAggregation: z.enum(orgAggregations),
  numeratorCode: indicatorCode.nullable(),
  denominatorCode: indicatorCode.nullable(),
  reportingKinds: z.array(z.string().trim().min(1).max(40)).max(20),
  ownerCode: organizationCode.nullable(),
  sourceDirectiveId: databaseId.nullable(),
  definition: z.string().trim().max(10000).nullable(),
  guidance: z.string().trim().max(10000).nullable(),
  isActive: z.boolean(),
};
const createBody = z.object({
  code: indicatorCode.regex(/^[A-Za-z0-9_.-]+$/, 'chỉ gồm chữ cái không dấu, chữ số, "_", "-", "."'),
  name: editableFields.name,
  unit: editableFields.unit,
  direction: editableFields.direction,
  valueType: editableFields.valueType,
  frequency: editableFields.frequency,
  timeAggregation: editableFields.timeAggregation,
  orgAggregation: editableFields.orgAggregation,
  groupName: editableFields.groupName.optional(),
  numeratorCode: editableFields.numeratorCode.optional(),
  denominatorCode: editableFields.denominatorCode.optional(),
  reportingKinds: editableFields.reportingKinds.optional(),
  ownerCode: editableFields.ownerCode.optional(),
  sourceDirectiveId: editableFields.sourceDirectiveId.optional(),
  definition: editableFields.definition.optional(),
  guidance: editableFields.guidance.optional(),
  isActive: editableFields.isActive.optional(),
});
const patchBody = createBody.omit({ code: true }).partial().extend({ version: z.number().int().positive() });

const entrySchema = z.object({
  org: z.object({ code: z.string(), name: z.string() }),
  period: z.string(),
  periodLabel: z.string(),
  locked: z.boolean(),
  lockDate: z.string(),
  items: z.array(
    z.object({
      indicator: z.object({ code: z.string(), name: z.string(), unit: z.string(), valueType: z.string(), guidance: z.string().nullable(), frequency: z.string() }),
      value: z.object({ id: z.number(), value: z.number(), status: z.string(), version: z.number(), note: z.string().nullable(), returnReason: z.string().nullable(), updatedAt: z.date() }).nullable(),
      previousValue: z.number().nullable(),
      target: z.number().nullable(),
      comparator: z.string().nullable(),
      canEdit: z.boolean(),
      canApprove: z.boolean(),
    }),
  ),
});

const statusLabels: Record<string, string> = {
  achieved: 'Đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ không đạt',
  off_track: 'Chậm tiến độ',
  no_data: 'Chưa có số liệu',
};
const comparatorSymbols: Record<string, string> = { gte: '≥', lte: '≤', eq: '=' };

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  const { indicators } = app.deps.services;
  const listQuery = z.object({
    search: z.string().trim().max(200).optional(),
    group: z.string().trim().max(100).optional(),
    org: organizationCode.optional(),
    period: periodCode.optional(),
    asOf: isoDate.optional(),
  });

  app.get('/indicator-groups', { schema: { tags: ['indicators'], summary: 'Nhóm chỉ tiêu', response: { 200: z.array(z.object({ code: z.string(), name: z.string() })) } } }, async (request) => {
    request.requireActor();
    return indicators.groups();
  });

  app.get(
    '/indicators',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Danh mục chỉ tiêu với kết quả mới nhất, chỉ tiêu kế hoạch, tiến độ và đánh giá',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(indicatorSchema.extend({ latest: rollupSchema })), total: z.number() }) },
      },
    },
    async (request) => {
      request.requireActor();
      return indicators.list({ search: request.query.search || undefined, groupCode: request.query.group || undefined, org: request.query.org, period: request.query.period, asOf: request.query.asOf });
    },
  );

  app.get('/indicators/export', { schema: { tags: ['indicators'], summary: 'Xuất Excel danh mục chỉ tiêu', querystring: listQuery } }, async (request, reply) => {
    request.requireActor();
    const { items } = await indicators.list({ search: request.query.search || undefined, groupCode: request.query.group || undefined, org: request.query.org, period: request.query.period, asOf: request.query.asOf });
    const buffer = await buildSheetWorkbook({
      sheetName: 'Chỉ tiêu',
      title: 'DANH MỤC CHỈ TIÊU VÀ KẾT QUẢ THỰC HIỆN',
      columns: [
        { header: 'Mã', width: 18 },
        { header: 'Tên chỉ tiêu', width: 60 },
        { header: 'Đơn vị tính', width: 12 },
        { header: 'Kỳ', width: 10 },
        { header: 'Kết quả thực hiện', width: 14, numFmt: '#,##0.##' },
        { header: 'Chỉ tiêu kế hoạch', width: 14 },
        { header: 'Tiến độ (%)', width: 10, numFmt: '0.0' },
        { header: 'Đánh giá', width: 22 },
      ],
      rows: items.map((item) => [
        item.code,
        item.name,
        item.unit,
        item.latest.period,
        item.latest.value,
        item.latest.target === null ? '' : `${comparatorSymbols[item.latest.comparator ?? 'gte']} ${item.latest.target}`,
        item.latest.progress === null ? null : item.latest.progress * 100,
        statusLabels[item.latest.status] ?? item.latest.status,
      ]),
    });
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', 'attachment; filename="chi-tieu.xlsx"');
    return reply.send(buffer);
  });

  app.get('/indicators/:code', { schema: { tags: ['indicators'], summary: 'Một chỉ tiêu', params: z.object({ code: indicatorCode }), response: { 200: indicatorSchema } } }, async (request) => {
    request.requireActor();
    return indicators.detail(request.params.code);
  });

  app.post(
    '/indicators',
    { schema: { tags: ['indicators'], summary: 'Thêm chỉ tiêu', body: createBody, response: { 201: indicatorSchema } } },
    async (request, reply) => reply.status(201).send(await indicators.create(request.requireActor(), request.body)),
  );

  app.patch(
    '/indicators/:code',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Sửa chỉ tiêu',
        params: z.object({ code: indicatorCode }),
        body: patchBody,
        response: { 200: indicatorSchema },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      return indicators.update(request.requireActor(), request.params.code, version, changes);
    },
  );

  app.get(
    '/indicators/:code/series',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Kết quả thực hiện so với chỉ tiêu kế hoạch theo các kỳ',
        params: z.object({ code: indicatorCode }),
        querystring: z.object({ org: organizationCode.default('25'), kind: z.enum(['month', 'quarter', 'half', 'year']).optional(), from: periodCode.optional(), to: periodCode.optional(), asOf: isoDate.optional() }),
        response: { 200: z.object({ items: z.array(rollupSchema.extend({ label: z.string() })) }) },
      },
    },
    async (request) => {
      request.requireActor();
      return indicators.series({ code: request.params.code, ...request.query });
    },
  );

  const byOrganizationQuery = z.object({ org: organizationCode.default('25'), period: periodCode, asOf: isoDate.optional() });
  app.get(
    '/indicators/:code/by-organization',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Kết quả theo đơn vị trực thuộc (xếp hạng), độ bao phủ báo cáo',
        params: z.object({ code: indicatorCode }),
        querystring: byOrganizationQuery,
        response: { 200: z.object({ parent: rollupSchema, items: z.array(rollupSchema.extend({ rank: z.number().nullable() })) }) },
      },
    },
    async (request) => {
      request.requireActor();
      return indicators.byOrganization({ code: request.params.code, ...request.query });
    },
  );

  app.get(
    '/indicators/:code/by-organization/export',
    { schema: { tags: ['indicators'], summary: 'Xuất Excel kết quả theo đơn vị', params: z.object({ code: indicatorCode }), querystring: byOrganizationQuery } },
    async (request, reply) => {
      request.requireActor();
      const indicator = await indicators.detail(request.params.code);
      const { parent, items } = await indicators.byOrganization({ code: request.params.code, ...request.query });
      const buffer = await buildSheetWorkbook({
        sheetName: 'Theo đơn vị',
        title: `${indicator.name.toUpperCase()} — ${parent.orgName}, kỳ ${parent.period}`,
        columns: [
          { header: 'Hạng', width: 8 },
          { header: 'Mã', width: 10 },
          { header: 'Cơ quan, đơn vị', width: 40 },
          { header: `Kết quả (${indicator.unit})`, width: 16, numFmt: '#,##0.##' },
          { header: 'Đã báo cáo', width: 12 },
          { header: 'Chỉ tiêu kế hoạch', width: 16 },
          { header: 'Đánh giá', width: 22 },
        ],
        rows: items.map((item) => [
          item.rank,
          item.org,
          item.orgName,
          item.value,
          item.rollup.expected ? `${item.rollup.reported}/${item.rollup.expected}` : '',
          item.target === null ? '' : `${comparatorSymbols[item.comparator ?? 'gte']} ${item.target}`,
          statusLabels[item.status] ?? item.status,
        ]),
      });
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="chi-tieu-${indicator.code}-${parent.period}.xlsx"`);
      return reply.send(buffer);
    },
  );

  app.get(
    '/indicator-rollup',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Giá trị của một chỉ tiêu cho một đơn vị và một kỳ (tổng hợp từ cấp dưới), chỉ tiêu kế hoạch, tiến độ, đánh giá',
        querystring: z.object({ code: indicatorCode, org: organizationCode, period: periodCode, asOf: isoDate.optional() }),
        response: { 200: rollupSchema },
      },
    },
    async (request) => {
      request.requireActor();
      return indicators.rollup(request.query);
    },
  );

  app.get(
    '/indicator-targets',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Chỉ tiêu kế hoạch của một đơn vị trong một năm (kể cả phần phân bổ theo quy tắc)',
        querystring: z.object({ indicator: indicatorCode, org: organizationCode.default('25'), year: z.coerce.number().int().min(1900).max(2200) }),
        response: {
          200: z.object({ items: z.array(z.object({ id: z.number().nullable(), indicatorCode: z.string(), orgCode: z.string(), period: z.string(), comparator: z.string(), value: z.number(), derived: z.boolean() })) }),
        },
      },
    },
    async (request) => {
      request.requireActor();
      return indicators.targets({ code: request.query.indicator, org: request.query.org, year: request.query.year });
    },
  );

  app.put(
    '/indicator-targets',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Đặt chỉ tiêu kế hoạch',
        body: z.object({ indicatorCode, orgCode: organizationCode, period: periodCode, comparator: z.enum(comparators), value: z.number().finite() }),
        response: { 200: z.object({ id: z.number(), period: z.string(), comparator: z.string(), value: z.number() }) },
      },
    },
    async (request) => indicators.setTarget(request.requireActor(), request.body),
  );

  app.delete('/indicator-targets/:id', { schema: { tags: ['indicators'], summary: 'Xóa chỉ tiêu kế hoạch', params: z.object({ id: databaseId }), response: { 200: z.object({ ok: z.boolean() }) } } }, async (request) => {
    await indicators.deleteTarget(request.requireActor(), request.params.id);
    return { ok: true };
  });

  app.post(
    '/indicator-targets/breakdown',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Phân bổ chỉ tiêu năm theo quý, tháng (hoặc 6 tháng)',
        body: z.object({ indicatorCode, orgCode: organizationCode, year: z.number().int().min(1900).max(2200), kind: z.enum(['half', 'quarter', 'month']) }),
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), period: z.string(), comparator: z.string(), value: z.number() })) }) },
      },
    },
    async (request) => indicators.breakDownTargets(request.requireActor(), request.body),
  );

  app.get(
    '/data-entry',
    { schema: { tags: ['indicators'], summary: 'Phiếu nhập số liệu của một đơn vị cho một kỳ', querystring: z.object({ org: organizationCode, period: periodCode }), response: { 200: entrySchema } } },
    async (request) => indicators.entry(request.requireActor(), request.query),
  );

  app.post(
    '/data-entry',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Lưu nháp hoặc gửi số liệu (tất cả hoặc không)',
        body: z.object({
          orgCode: organizationCode,
          period: periodCode,
          submit: z.boolean(),
          values: z.array(z.object({ indicatorCode, value: z.number().finite(), note: z.string().trim().max(2000).nullable().optional(), version: z.number().int().positive().optional() })).min(1).max(500),
        }),
        response: { 200: entrySchema },
      },
    },
    async (request) => indicators.saveEntry(request.requireActor(), request.body),
  );

  for (const decision of ['approve', 'return'] as const) {
    app.post(
      `/indicator-values/:id/${decision}`,
      {
        schema: {
          tags: ['indicators'],
          summary: decision === 'approve' ? 'Phê duyệt số liệu' : 'Trả lại số liệu',
          params: z.object({ id: databaseId }),
          body: decision === 'approve' ? z.object({ version: z.number().int().positive() }) : z.object({ version: z.number().int().positive(), reason: z.string().trim().min(1).max(2000) }),
          response: { 200: z.object({ id: z.number(), status: z.string(), version: z.number() }) },
        },
      },
      async (request) => {
        const body = request.body as { version: number; reason?: string };
        return indicators.decideValue(request.requireActor(), request.params.id, { version: body.version, approve: decision === 'approve', reason: body.reason });
      },
    );
  }

  app.get(
    '/indicator-values/:id/revisions',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Lịch sử sửa đổi số liệu',
        params: z.object({ id: databaseId }),
        response: { 200: z.object({ items: z.array(z.object({ at: z.date(), actor: z.string(), action: z.string(), value: z.number(), status: z.string(), reason: z.string().nullable() })) }) },
      },
    },
    async (request) => indicators.revisions(request.requireActor(), request.params.id),
  );

  app.get(
    '/indicator-values',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Số liệu đã nhập (lọc theo chỉ tiêu, đơn vị, kỳ, trạng thái)',
        querystring: z.object({ indicator: indicatorCode.optional(), org: organizationCode.optional(), period: periodCode.optional(), status: z.enum(valueStatuses).optional(), ...pageQuery }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.number(), indicatorCode: z.string(), indicatorName: z.string(), unit: z.string(), orgCode: z.string(), orgName: z.string(), period: z.string(), value: z.number(), status: z.string(), version: z.number(), updatedAt: z.date() }),
            ),
            total: z.number(),
          }),
        },
      },
    },
    async (request) => indicators.listValues(request.requireActor(), request.query),
  );

  app.post(
    '/indicator-values',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Hệ thống khác gửi số liệu (một lô, tất cả hoặc không); được phê duyệt ngay khi người gửi có quyền phê duyệt',
        body: z.object({ values: z.array(z.object({ indicatorCode, orgCode: organizationCode, period: periodCode, value: z.number().finite() })).min(1).max(50000) }),
        response: { 200: z.object({ ok: z.boolean(), written: z.number(), approved: z.number() }) },
      },
    },
    async (request) => ({ ok: true, ...(await app.deps.services.indicatorImports.pushValues(request.requireActor(), request.body.values)) }),
  );

  app.post(
    '/periods/reopen',
    {
      schema: {
        tags: ['indicators'],
        summary: 'Mở lại kỳ đã khóa số liệu cho một đơn vị',
        body: z.object({ orgCode: organizationCode, period: periodCode, until: isoDate.optional(), reason: z.string().trim().min(1).max(2000) }),
        response: { 200: z.object({ orgCode: z.string(), period: z.string(), reopenedUntil: z.string() }) },
      },
    },
    async (request) => indicators.reopen(request.requireActor(), request.body),
  );
};

