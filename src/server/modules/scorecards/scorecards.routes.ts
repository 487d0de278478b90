import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDate, organizationCode } from '../../validation';
import { indicatorCardsSchema } from '../overview/overview.routes';
import { taskRowSchema } from '../tasks/tasks.schemas';
import { comparisonKinds } from './scorecards.service';

const rate = z.number().nullable();
const figuresShape = {
  total: z.number().int(),
  due: z.number().int(),
  completedOnTime: z.number().int(),
  completedLate: z.number().int(),
  inProgress: z.number().int(),
  overdue: z.number().int(),
  noDeadline: z.number().int(),
  completionRate: rate,
  onTimeRate: rate,
};
const filter = z.record(z.string(), z.string());

const comparisonQuery = z.object({
  kind: z.enum(comparisonKinds).describe('department: sở, ban, ngành (và cơ quan); commune: xã, phường'),
  period: z
    .string()
    .trim()
    .regex(/^\d{4}((S[12])|(Q[1-4])|(-(0[1-9]|1[0-2])))?$/, 'phải là mã kỳ báo cáo (vd. 2026, 2026S1, 2026Q2, 2026-06)')
    .optional()
    .describe('Kỳ đánh giá; mặc định năm nay. Số liệu tính đến ngày cuối kỳ (hoặc hôm nay nếu kỳ chưa kết thúc)'),
  org: organizationCode.optional().describe('Tỉnh (gốc so sánh); mặc định tỉnh của người dùng'),
});

const comparisonSchema = z.object({
  kind: z.enum(comparisonKinds),
  kindLabel: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  asOf: z.string(),
  previousAsOf: z.string(),
  coldDays: z.number().int(),
  organization: z.object({ code: z.string(), name: z.string() }),
  items: z.array(
    z.object({
      rank: z.number().int().nullable(),
      code: z.string(),
      name: z.string(),
      kind: z.string(),
      ...figuresShape,
      previousCompletionRate: rate,
      completionRateChange: rate,
      coldTasks: z.number().int(),
    }),
  ),
});

const scorecardSchema = z.object({
  asOf: z.string(),
  organization: z.object({ code: z.string(), name: z.string(), kind: z.string(), parentCode: z.string().nullable() }),
  province: z.object({ code: z.string(), name: z.string() }),
  peerKind: z.string().nullable(),
  statistics: z.object({ ...figuresShape, dueSoon: z.number().int(), asOf: z.string(), filter }),
  own: z.object({ ...figuresShape, rank: z.number().int().nullable() }).nullable(),
  ranked: z.number().int(),
  rankHistory: z.array(z.object({ month: z.string(), asOf: z.string(), rank: z.number().int().nullable(), ranked: z.number().int(), completionRate: rate, onTimeRate: rate })),
  units: z.array(z.object({ code: z.string(), name: z.string(), rank: z.number().int().nullable(), ...figuresShape })),
  overdue: z.object({ total: z.number().int(), items: z.array(taskRowSchema), filter }),
  indicators: indicatorCardsSchema,
});

export const scorecardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { scorecards } = app.deps.services;

  app.get(
    '/scorecards',
    {
      schema: {
        tags: ['scorecards'],
        summary: 'Bảng so sánh kết quả thực hiện nhiệm vụ của các sở, ban, ngành hoặc các xã, phường trong một kỳ',
        querystring: comparisonQuery,
        response: { 200: comparisonSchema },
      },
    },
    async (request) => scorecards.comparison(request.requireActor(), request.query),
  );

  app.get(
    '/scorecards/export',
    { schema: { tags: ['scorecards'], summary: 'Xuất Excel bảng so sánh (phục vụ bình xét thi đua)', querystring: comparisonQuery } },
    async (request, reply) => {
      const { buffer, fileName } = await scorecards.exportComparison(request.requireActor(), request.query);
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="${fileName}"`);
      return reply.send(buffer);
    },
  );

  app.get(
    '/scorecards/:code',
    {
      schema: {
        tags: ['scorecards'],
        summary: 'Kết quả thực hiện của một cơ quan, đơn vị: nhiệm vụ theo tình trạng, xếp hạng qua các tháng, nhiệm vụ quá hạn, chỉ tiêu',
        params: z.object({ code: organizationCode }),
        querystring: z.object({ asOf: isoDate.optional() }),
        response: { 200: scorecardSchema },
      },
    },
    async (request) => scorecards.scorecard(request.requireActor(), request.params.code, request.query),
  );
};
