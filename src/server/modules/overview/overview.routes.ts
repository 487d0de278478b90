import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDate, organizationCode, pageQuery } from '../../validation';
import { timelinessValues } from '../tasks/tasks.schemas';

const rate = z.number().nullable();
const filter = z.record(z.string(), z.string()).describe('Tham số lọc danh sách nhiệm vụ tạo nên con số (GET /api/v1/tasks, trang /tasks)');

const countsShape = {
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

const rankingRow = z.object({ code: z.string(), name: z.string(), rank: z.number().int().nullable(), ...countsShape });

export const indicatorCardsSchema = z.object({
  status: z.enum(['ready', 'stale', 'pending', 'error']).describe('ready: số liệu hiện hành; stale: số liệu trước, đang tính lại; pending: đang tính'),
  computedAt: z.date().nullable(),
  computeMs: z.number().nullable(),
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      groupName: z.string().nullable(),
      direction: z.string(),
      valueType: z.string(),
      frequency: z.string(),
      period: z.string(),
      value: z.number().nullable(),
      target: z.number().nullable(),
      comparator: z.string().nullable(),
      progress: z.number().nullable(),
      status: z.string(),
      baseline: z.number().nullable(),
      series: z.array(z.object({ period: z.string(), label: z.string(), value: z.number().nullable() })),
    }),
  ),
});

export const coldTaskSchema = z.object({
  id: z.number(),
  title: z.string(),
  directiveId: z.number(),
  directiveNumber: z.string(),
  leadCode: z.string(),
  leadName: z.string(),
  state: z.string(),
  progress: z.number(),
  deadline: z.string().nullable(),
  timeliness: z.enum(timelinessValues).nullable(),
  overdueDays: z.number().nullable(),
  assignedOn: z.string(),
  lastUpdateOn: z.string().nullable(),
  daysWithoutUpdate: z.number().int(),
});

const overviewSchema = z.object({
  asOf: z.string(),
  organization: z.object({ code: z.string(), name: z.string(), kind: z.string() }),
  province: z.object({ code: z.string(), name: z.string() }),
  coldDays: z.number().int(),
  statistics: z.object({ ...countsShape, dueSoon: z.number().int(), filter }),
  trend: z.array(
    z.object({
      month: z.string(),
      asOf: z.string(),
      due: z.number().int(),
      completed: z.number().int(),
      completedOnTime: z.number().int(),
      completionRate: rate,
      onTimeRate: rate,
    }),
  ),
  indicators: indicatorCardsSchema,
  ranking: z.object({
    asOf: z.string(),
    provinceCode: z.string(),
    organizations: z.number().int(),
    ranked: z.number().int(),
    top: z.array(rankingRow),
    bottom: z.array(rankingRow),
    own: z.array(z.object({ code: z.string(), name: z.string(), rank: z.number().int().nullable(), rows: z.array(rankingRow) })),
  }),
  overdueByAge: z.array(
    z.object({ bucket: z.string(), minDays: z.number().int(), maxDays: z.number().int().nullable(), count: z.number().int(), filter }),
  ),
  cold: z.object({
    tasks: z.object({ count: z.number().int(), items: z.array(coldTaskSchema), filter }),
    organizations: z.object({
      lastQuarterEnd: z.string(),
      previousQuarterEnd: z.string(),
      items: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          previousRate: rate,
          lastRate: rate,
          previous: z.object({ completed: z.number().int(), due: z.number().int() }),
          last: z.object({ completed: z.number().int(), due: z.number().int() }),
        }),
      ),
    }),
    directives: z.object({
      count: z.number().int(),
      items: z.array(z.object({ id: z.number(), number: z.string(), title: z.string(), counted: z.number().int(), untouched: z.number().int(), filter })),
    }),
  }),
});

const scopeQuery = {
  asOf: isoDate.optional().describe('Tính đến ngày (YYYY-MM-DD); mặc định hôm nay'),
  org: organizationCode.optional().describe('Mã cơ quan, đơn vị (gồm cả cấp dưới); mặc định đơn vị của người dùng'),
};

export const overviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { overview } = app.deps.services;

  app.get(
    '/overview',
    {
      schema: {
        tags: ['overview'],
        summary: 'Tổng quan: tình hình thực hiện nhiệm vụ, xu hướng 12 tháng, chỉ tiêu, xếp hạng, quá hạn theo thời gian, thực thi nguội',
        querystring: z.object(scopeQuery),
        response: { 200: overviewSchema },
      },
    },
    async (request) => overview.overview(request.requireActor(), request.query),
  );

  app.get(
    '/overview/cold-tasks',
    {
      schema: {
        tags: ['overview'],
        summary: 'Nhiệm vụ đang thực hiện nhưng không cập nhật quá số ngày quy định (trong phạm vi của người dùng)',
        querystring: z.object({ ...scopeQuery, ...pageQuery }),
        response: {
          200: z.object({
            asOf: z.string(),
            organization: z.object({ code: z.string(), name: z.string() }),
            coldDays: z.number().int(),
            total: z.number().int(),
            items: z.array(coldTaskSchema),
          }),
        },
      },
    },
    async (request) => overview.coldTasks(request.requireActor(), request.query),
  );
};
