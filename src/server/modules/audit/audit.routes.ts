import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { canReadAudit } from '../../../domain/policies';
import { forbidden } from '../../errors';
import { pageQuery } from '../../validation';
import { listAuditEvents } from './audit.repository';

const auditEventSchema = z.object({
  id: z.number(),
  at: z.date(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký hệ thống',
        querystring: z.object({ entity: z.string().optional(), entityId: z.string().optional(), ...pageQuery }),
        response: { 200: z.object({ items: z.array(auditEventSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const actor = request.requireActor();
      if (!canReadAudit(actor)) throw forbidden();
      const { items, total } = await listAuditEvents(app.deps.database.db, request.query);
      return { items: items.map((item) => ({ ...item, actor: item.actorName })), total };
    },
  );
};
