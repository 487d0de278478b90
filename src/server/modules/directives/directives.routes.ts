import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isoDate, organizationCode, pageQuery, databaseId } from '../../validation';
import { directiveKinds } from './directives.service';
import { fileSchema } from '../files/files.routes';

export const directiveSchema = z.object({
  id: z.number(),
  number: z.string(),
  kind: z.string(),
  issuerCode: z.string(),
  issuerName: z.string(),
  issuedOn: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  planEndYear: z.number().nullable(),
  parentId: z.number().nullable(),
  parentNumber: z.string().nullable(),
  taskCount: z.number(),
  version: z.number(),
});

const directiveDetailSchema = directiveSchema.extend({ children: z.array(directiveSchema), files: z.array(fileSchema) });
const idParams = z.object({ id: databaseId });
const year = z.number().int().min(1945).max(2200);
const editable = {
  number: z.string().trim().min(1).max(100),
  kind: z.enum(directiveKinds),
  issuedOn: isoDate,
  title: z.string().trim().min(1).max(1000),
  summary: z.string().trim().max(10000).nullable(),
  planEndYear: year.nullable(),
  parentId: z.number().int().positive().nullable(),
};

export const directiveRoutes: FastifyPluginAsyncZod = async (app) => {
  const { directives } = app.deps.services;

  app.get(
    '/directives',
    {
      schema: {
        tags: ['directives'],
        summary: 'Danh sách văn bản chỉ đạo',
        querystring: z.object({ search: z.string().trim().max(200).optional(), parent: databaseId.optional(), ...pageQuery }),
        response: { 200: z.object({ items: z.array(directiveSchema), total: z.number() }) },
      },
    },
    async (request) => {
      request.requireActor();
      return directives.list({ search: request.query.search || undefined, parentId: request.query.parent, page: request.query.page, pageSize: request.query.pageSize });
    },
  );

  app.get(
    '/directives/:id',
    {
      schema: {
        tags: ['directives'],
        summary: 'Chi tiết văn bản chỉ đạo',
        params: idParams,
        response: { 200: directiveDetailSchema },
      },
    },
    async (request) => {
      request.requireActor();
      return directives.detail(request.params.id);
    },
  );

  app.post(
    '/directives',
    {
      schema: {
        tags: ['directives'],
        summary: 'Thêm văn bản chỉ đạo',
        body: z.object({
          number: editable.number,
          kind: editable.kind.optional(),
          issuerCode: organizationCode,
          issuedOn: editable.issuedOn,
          title: editable.title,
          summary: editable.summary.optional(),
          planEndYear: editable.planEndYear.optional(),
          parentId: editable.parentId.optional(),
        }),
        response: { 201: directiveSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await directives.create(request.requireActor(), request.body)),
  );

  app.patch(
    '/directives/:id',
    {
      schema: {
        tags: ['directives'],
        summary: 'Sửa văn bản chỉ đạo',
        params: idParams,
        body: z.object({
          version: z.number().int().positive(),
          number: editable.number.optional(),
          kind: editable.kind.optional(),
          issuedOn: editable.issuedOn.optional(),
          title: editable.title.optional(),
          summary: editable.summary.optional(),
          planEndYear: editable.planEndYear.optional(),
          parentId: editable.parentId.optional(),
        }),
        response: { 200: directiveSchema },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      return directives.update(request.requireActor(), request.params.id, version, changes);
    },
  );

  app.post(
    '/directives/:id/files',
    {
      schema: {
        tags: ['directives'],
        summary: 'Đính kèm tệp vào văn bản chỉ đạo (tệp đã tải lên qua /files)',
        params: idParams,
        body: z.object({ fileId: z.number().int().positive() }),
        response: { 200: directiveDetailSchema },
      },
    },
    async (request) => directives.attachFile(request.requireActor(), request.params.id, request.body.fileId),
  );
};
