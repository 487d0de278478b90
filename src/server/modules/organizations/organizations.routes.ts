import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { canManageOrganizations } from '../../../domain/policies';
import { normalizeName } from '../../../domain/names';
import { forbidden, invalid } from '../../errors';
import { isoDate, organizationCode } from '../../validation';
import { organizationKinds } from './organizations.service';
import { upsertImportAlias } from './organizations.repository';
import { insertAuditEvent } from '../audit/audit.repository';

const organizationSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  aliases: z.array(z.string()),
  predecessors: z.array(z.string()),
  kind: z.string(),
  parentCode: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  isActive: z.boolean(),
});

type TreeNode = z.infer<typeof organizationSchema> & { children: TreeNode[] };
const treeNodeSchema: z.ZodType<TreeNode> = organizationSchema.extend({ children: z.lazy(() => z.array(treeNodeSchema)) });

const kindSchema = z.enum(organizationKinds);
const codeParams = z.object({ code: organizationCode });

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { organizations } = app.deps.services;

  app.get(
    '/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Danh sách cơ quan, đơn vị',
        querystring: z.object({
          search: z.string().trim().max(200).optional(),
          kind: kindSchema.optional(),
          parent: organizationCode.optional(),
          includeInactive: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.object({ items: z.array(organizationSchema), total: z.number() }) },
      },
    },
    async (request) => {
      request.requireActor();
      const items = await organizations.list({
        search: request.query.search || undefined,
        kind: request.query.kind,
        parentCode: request.query.parent,
        includeInactive: request.query.includeInactive === 'true',
      });
      return { items, total: items.length };
    },
  );

  app.get(
    '/organizations/tree',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Cây cơ quan, đơn vị',
        querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(treeNodeSchema) },
      },
    },
    async (request) => {
      request.requireActor();
      return organizations.tree(request.query.includeInactive === 'true');
    },
  );

  app.get(
    '/organizations/:code',
    { schema: { tags: ['organizations'], summary: 'Một cơ quan, đơn vị', params: codeParams, response: { 200: organizationSchema } } },
    async (request) => {
      request.requireActor();
      const { presentOrganization } = await import('./organizations.service');
      return presentOrganization(await organizations.getByCode(request.params.code));
    },
  );

  app.post(
    '/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Thêm cơ quan, đơn vị',
        body: z.object({
          code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'chỉ gồm chữ cái không dấu, chữ số, "-", "_" hoặc "."'),
          name: z.string().trim().min(1).max(300),
          shortName: z.string().trim().max(100).nullable().optional(),
          aliases: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
          predecessors: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
          kind: kindSchema,
          parentCode: organizationCode.nullable().optional(),
        }),
        response: { 201: organizationSchema },
      },
    },
    async (request, reply) => {
      const created = await organizations.create(request.requireActor(), request.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/organizations/:code',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Sửa cơ quan, đơn vị',
        params: codeParams,
        body: z.object({
          name: z.string().trim().min(1).max(300).optional(),
          shortName: z.string().trim().max(100).nullable().optional(),
          aliases: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
          predecessors: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
          kind: kindSchema.optional(),
          parentCode: organizationCode.nullable().optional(),
        }),
        response: { 200: organizationSchema },
      },
    },
    async (request) => organizations.update(request.requireActor(), request.params.code, request.body),
  );

  app.post(
    '/organizations/:code/deactivate',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Ngừng hoạt động cơ quan, đơn vị',
        params: codeParams,
        // A POST without a body arrives as null.
        body: z.object({ validTo: isoDate.optional() }).nullish(),
        response: { 200: organizationSchema },
      },
    },
    async (request) => organizations.deactivate(request.requireActor(), request.params.code, request.body?.validTo),
  );

  app.post(
    '/organizations/aliases',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Ghi nhớ một tên gọi khác (dùng khi nhập Excel)',
        body: z.object({
          name: z.string().trim().min(1).max(300),
          organizationCode: organizationCode.optional(),
          group: z.enum(['communes', 'departments', 'ministries', 'provinces', 'ministries_and_provinces']).optional(),
        }),
        response: { 200: z.object({ ok: z.boolean(), normalizedName: z.string() }) },
      },
    },
    async (request) => {
      const actor = request.requireActor();
      const { hasRoleOn } = await import('../../../domain/policies');
      if (!canManageOrganizations(actor) && !actor.grants.some((grant) => hasRoleOn(actor, ['coordinator'], grant.path))) throw forbidden();
      const { name, organizationCode: code, group } = request.body;
      if (!code === !group) throw invalid('Vui lòng chọn đúng một cơ quan, đơn vị (organizationCode) hoặc một nhóm (group).');
      const normalizedName = normalizeName(name);
      if (!normalizedName) throw invalid('Trường "name": tên không có chữ cái hoặc chữ số nào.');
      const organization = code ? await organizations.findByCode(code) : null;
      if (code && !organization) throw invalid(`Trường "organizationCode": không tìm thấy cơ quan, đơn vị có mã "${code}".`);
      await app.deps.database.db.transaction(async (tx) => {
        await upsertImportAlias(tx, { normalizedName, name: name.normalize('NFC'), organizationId: organization?.id ?? null, groupKey: group ?? null, createdBy: actor.userId });
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'organization.alias', entity: 'organization', entityId: organization?.code ?? group ?? null, after: { name, organizationCode: code ?? null, group: group ?? null } });
      });
      return { ok: true, normalizedName };
    },
  );
};
