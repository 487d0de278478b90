import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { roles } from '../../../domain/policies';
import { databaseId, organizationCode } from '../../validation';

const roleSchema = z.enum(roles as unknown as ['system_admin', 'leader', 'coordinator', 'reporter', 'viewer']);
const roleInput = z.object({ role: roleSchema, organizationCode });
const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  isActive: z.boolean(),
  lockedUntil: z.date().nullable(),
  createdAt: z.date(),
  roles: z.array(z.object({ role: roleSchema, organizationCode: z.string(), organizationName: z.string() })),
});
const idParams = z.object({ id: databaseId });
const tokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  userId: z.number(),
  username: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { users } = app.deps.services;

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Danh sách người dùng',
        querystring: z.object({ search: z.string().trim().max(100).optional() }),
        response: { 200: z.object({ items: z.array(userSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const items = await users.list(request.requireActor(), request.query.search || undefined);
      return { items, total: items.length };
    },
  );

  app.get('/users/:id', { schema: { tags: ['users'], summary: 'Một người dùng', params: idParams, response: { 200: userSchema } } }, async (request) =>
    users.get(request.requireActor(), request.params.id),
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Thêm người dùng',
        body: z.object({
          username: z.string().trim().min(3).max(60).regex(/^[A-Za-z0-9_.@-]+$/, 'chỉ gồm chữ cái không dấu, chữ số và các ký tự . _ - @'),
          fullName: z.string().trim().min(1).max(200),
          email: z.email('không phải là địa chỉ email hợp lệ').nullable().optional(),
          password: z.string().min(1).max(200),
          roles: z.array(roleInput).max(50).default([]),
        }),
        response: { 201: userSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(request.requireActor(), request.body)),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Sửa thông tin người dùng',
        params: idParams,
        body: z.object({ fullName: z.string().trim().min(1).max(200).optional(), email: z.email('không phải là địa chỉ email hợp lệ').nullable().optional() }),
        response: { 200: userSchema },
      },
    },
    async (request) => users.update(request.requireActor(), request.params.id, request.body),
  );

  app.put(
    '/users/:id/roles',
    {
      schema: { tags: ['users'], summary: 'Phân quyền', params: idParams, body: z.object({ roles: z.array(roleInput).max(50) }), response: { 200: userSchema } },
    },
    async (request) => users.updateRoles(request.requireActor(), request.params.id, request.body.roles),
  );

  app.post(
    '/users/:id/deactivate',
    { schema: { tags: ['users'], summary: 'Ngừng kích hoạt người dùng', params: idParams, response: { 200: userSchema } } },
    async (request) => users.deactivate(request.requireActor(), request.params.id),
  );

  app.post(
    '/users/:id/reset-password',
    {
      schema: { tags: ['users'], summary: 'Đặt lại mật khẩu', params: idParams, body: z.object({ password: z.string().min(1).max(200) }), response: { 200: z.object({ ok: z.boolean() }) } },
    },
    async (request) => {
      await users.resetPassword(request.requireActor(), request.params.id, request.body.password);
      return { ok: true };
    },
  );

  app.get('/tokens', { schema: { tags: ['tokens'], summary: 'Mã truy cập API', response: { 200: z.object({ items: z.array(tokenSchema) }) } } }, async (request) => ({
    items: await users.listTokens(request.requireActor()),
  }));

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Tạo mã truy cập API (hiện một lần)',
        body: z.object({ name: z.string().trim().min(1).max(100), username: z.string().trim().min(1).optional() }),
        response: { 201: z.object({ id: z.number(), name: z.string(), token: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await users.createToken(request.requireActor(), request.body)),
  );

  app.delete('/tokens/:id', { schema: { tags: ['tokens'], summary: 'Thu hồi mã truy cập', params: idParams, response: { 200: z.object({ ok: z.boolean() }) } } }, async (request) => {
    await users.revokeToken(request.requireActor(), request.params.id);
    return { ok: true };
  });
};
