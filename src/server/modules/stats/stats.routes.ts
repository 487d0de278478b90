import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDate } from '../../validation';

const countsShape = {
  total: z.number().int().describe('Số nhiệm vụ được tính'),
  due: z.number().int().describe('Đến hạn = hoàn thành + quá hạn chưa hoàn thành'),
  completedOnTime: z.number().int().describe('Hoàn thành đúng hạn'),
  completedLate: z.number().int().describe('Hoàn thành quá hạn'),
  inProgress: z.number().int().describe('Đang thực hiện trong hạn'),
  overdue: z.number().int().describe('Quá hạn chưa hoàn thành'),
  noDeadline: z.number().int().describe('Không thời hạn (thường xuyên)'),
  dueSoon: z.number().int().describe('Sắp đến hạn (thuộc nhóm đang thực hiện trong hạn)'),
  completionRate: z.number().nullable().describe('Tỷ lệ hoàn thành (0..1) trên số đến hạn; null khi không có nhiệm vụ đến hạn'),
  onTimeRate: z.number().nullable().describe('Tỷ lệ hoàn thành đúng hạn (0..1) trên số đến hạn; null khi không có nhiệm vụ đến hạn'),
};

const organizationStatisticsSchema = z.object({
  code: z.string(),
  name: z.string(),
  ...countsShape,
  rank: z.number().int().nullable().describe('Thứ hạng (1, 2, 2, 4…); null khi không có nhiệm vụ đến hạn'),
});

const taskStatisticsSchema = z.object({
  asOf: z.string().describe('Ngày tính (YYYY-MM-DD)'),
  ...countsShape,
  organizations: z.array(organizationStatisticsSchema).describe('Các cơ quan chủ trì, theo thứ hạng'),
});

/** An optional text parameter: blank means absent. */
const optionalText = (maxLength: number, description: string) =>
  z.string().trim().max(maxLength).optional().describe(description);

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { stats } = app.deps.services;
  /** The JSON of each answer the service keeps (they are shared and frozen): serialised once. */
  const serialised = new WeakMap<object, string>();

  app.get(
    '/stats/tasks',
    {
      schema: {
        tags: ['stats'],
        summary: 'Thống kê tình hình thực hiện nhiệm vụ tại một ngày, theo cơ quan chủ trì và xếp hạng',
        querystring: z.object({
          asOf: isoDate.optional().describe('Ngày tính (YYYY-MM-DD); mặc định là hôm nay'),
          directive: optionalText(200, 'Số, ký hiệu hoặc mã số của văn bản chỉ đạo (gồm cả các văn bản triển khai)'),
          org: optionalText(40, 'Mã cơ quan, đơn vị (gồm cả các đơn vị cấp dưới)'),
          kind: z.enum(['department', 'commune', 'province', 'ministry', 'enterprise']).optional().describe('Chỉ các đơn vị cùng loại: department (sở, ban, ngành), commune (xã, phường)…'),
        }),
        response: { 200: taskStatisticsSchema },
      },
    },
    async (request, reply) => {
      // Published figures: every authenticated user sees them, not filtered by scope.
      request.requireActor();
      const { asOf, directive, org, kind } = request.query;
      const answer = await stats.taskStatistics({ asOf, directive: directive || undefined, org: org || undefined, kind });
      let json = serialised.get(answer);
      if (json === undefined) {
        json = JSON.stringify(taskStatisticsSchema.parse(answer));
        serialised.set(answer, json);
      }
      // A string with a JSON content type is sent as it is, not serialised again; the type provider
      // only knows the object form, hence the cast (the string is that object, validated above).
      return reply.type('application/json; charset=utf-8').send(json as unknown as z.infer<typeof taskStatisticsSchema>);
    },
  );
};
