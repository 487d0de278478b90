import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDate, organizationCode, databaseId } from '../../validation';
import { buildTaskWorkbook } from '../../../files/excel-export';
import { fileIds, idParams, reasonText, taskDetailSchema, taskFilterQuery, taskListQuery, taskRowSchema, versionBody } from './tasks.schemas';

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { tasks } = app.deps.services;
  const detailResponse = { 200: taskDetailSchema };
  const asOfQuery = z.object({ asOf: isoDate.optional() });

  app.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Danh sách nhiệm vụ (lọc, sắp xếp, phân trang; tình trạng tính đến ngày asOf)',
        querystring: taskListQuery,
        response: {
          200: z.object({
            items: z.array(taskRowSchema),
            total: z.number(),
            /** More than `total` (10,000) tasks match: the exact count is not computed. */
            totalIsEstimate: z.boolean(),
            /** The `after` of the next page (keyset paging), null on the last page. */
            nextCursor: z.string().nullable(),
            asOf: z.string(),
          }),
        },
      },
    },
    async (request) => tasks.list(request.requireActor(), request.query),
  );

  app.get(
    '/tasks/export',
    { schema: { tags: ['tasks'], summary: 'Xuất Excel danh sách nhiệm vụ đã lọc', querystring: taskFilterQuery } },
    async (request, reply) => {
      const { items, asOf } = await tasks.listAll(request.requireActor(), request.query);
      const buffer = await buildTaskWorkbook(items, { asOf });
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename="nhiem-vu-${asOf}.xlsx"`);
      return reply.send(buffer);
    },
  );

  app.get(
    '/tasks/:id',
    { schema: { tags: ['tasks'], summary: 'Chi tiết nhiệm vụ', params: idParams, querystring: asOfQuery, response: detailResponse } },
    async (request) => tasks.detail(request.requireActor(), request.params.id, request.query.asOf),
  );

  app.post(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Giao nhiệm vụ (hoặc giao tiếp một phần nhiệm vụ cho cấp dưới: parentId)',
        body: z.object({
          directiveId: z.number().int().positive(),
          title: z.string().trim().min(1).max(2000),
          leadCode: organizationCode,
          deadline: isoDate.nullable().optional(),
          coordinatingCodes: z.array(organizationCode).max(500).optional(),
          expectedOutput: z.string().trim().max(2000).nullable().optional(),
          group: z.string().trim().max(500).nullable().optional(),
          parentId: z.number().int().positive().nullable().optional(),
        }),
        response: { 201: taskDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = request.requireActor();
      const id = await tasks.create(actor, request.body);
      return reply.status(201).send(await tasks.detail(actor, id));
    },
  );

  app.patch(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Sửa nhiệm vụ',
        params: idParams,
        body: z.object({
          ...versionBody,
          title: z.string().trim().min(1).max(2000).optional(),
          expectedOutput: z.string().trim().max(2000).nullable().optional(),
          coordinatingCodes: z.array(organizationCode).max(500).optional(),
          group: z.string().trim().max(500).nullable().optional(),
        }),
        response: detailResponse,
      },
    },
    async (request) => {
      const actor = request.requireActor();
      return tasks.detail(actor, await tasks.update(actor, request.params.id, request.body));
    },
  );

  app.post(
    '/tasks/:id/updates',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Báo cáo tiến độ',
        params: idParams,
        body: z.object({
          ...versionBody,
          percent: z.number().int().min(0).max(100),
          narrative: z.string().trim().min(1).max(20000),
          difficulties: z.string().trim().max(20000).nullable().optional(),
          proposals: z.string().trim().max(20000).nullable().optional(),
          fileIds,
        }),
        response: detailResponse,
      },
    },
    async (request) => {
      const actor = request.requireActor();
      return tasks.detail(actor, await tasks.postProgress(actor, request.params.id, request.body));
    },
  );

  app.post(
    '/tasks/:id/submit',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Báo cáo hoàn thành',
        params: idParams,
        body: z.object({ ...versionBody, note: z.string().trim().max(20000).nullable().optional(), fileIds }),
        response: detailResponse,
      },
    },
    async (request) => {
      const actor = request.requireActor();
      return tasks.detail(actor, await tasks.submit(actor, request.params.id, request.body));
    },
  );

  app.post(
    '/tasks/:id/confirm',
    { schema: { tags: ['tasks'], summary: 'Xác nhận hoàn thành', params: idParams, body: z.object(versionBody), response: detailResponse } },
    async (request) => {
      const actor = request.requireActor();
      return tasks.detail(actor, await tasks.confirm(actor, request.params.id, request.body));
    },
  );

  app.post(
    '/tasks/:id/return',
    { schema: { tags: ['tasks'], summary: 'Trả lại (yêu cầu bổ sung)', params: idParams, body: z.object({ ...versionBody, reason: reasonText }), response: detailResponse } },
    async (request) => {
      const actor = request.requireActor();
      return tasks.detail(actor, await tasks.returnSubmission(actor, request.params.id, request.body));
    },
  );

  app.post(
    '/tasks/:id/extensions',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Đề nghị gia hạn',
        params: idParams,
        body: z.object({ ...versionBody, requestedDeadline: isoDate, reason: reasonText }),
        response: detailResponse,
      },
    },
    async (request) => {
      const actor = request.requireActor();
      return tasks.detail(actor, await tasks.requestExtension(actor, request.params.id, request.body));
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/tasks/:id/extensions/:extensionId/${decision}`,
      {
        schema: {
          tags: ['tasks'],
          summary: decision === 'approve' ? 'Đồng ý gia hạn' : 'Không đồng ý gia hạn',
          params: idParams.extend({ extensionId: databaseId }),
          body: z.object({ ...versionBody, reason: z.string().trim().max(5000).nullable().optional() }),
          response: detailResponse,
        },
      },
      async (request) => {
        const actor = request.requireActor();
        const id = await tasks.decideExtension(actor, request.params.id, request.params.extensionId, { ...request.body, approve: decision === 'approve' });
        return tasks.detail(actor, id);
      },
    );
  }

  for (const action of ['pause', 'resume', 'cancel'] as const) {
    const summaries = { pause: 'Tạm dừng nhiệm vụ', resume: 'Tiếp tục nhiệm vụ', cancel: 'Hủy nhiệm vụ' };
    app.post(
      `/tasks/:id/${action}`,
      { schema: { tags: ['tasks'], summary: summaries[action], params: idParams, body: z.object({ ...versionBody, reason: reasonText }), response: detailResponse } },
      async (request) => {
        const actor = request.requireActor();
        return tasks.detail(actor, await tasks.changeState(actor, request.params.id, action, request.body));
      },
    );
  }
};
