import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isSystemAdmin, roles } from '../../../domain/policies';

export const sessionCookie = 'thucthi_session';
export const csrfCookie = 'thucthi_csrf';

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  isActive: z.boolean(),
  isSystemAdmin: z.boolean(),
  roles: z.array(z.object({ role: z.enum(roles as unknown as [string, ...string[]]), organizationCode: z.string(), organizationName: z.string() })),
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { users } = app.deps.services;
  const { config } = app.deps;
  const cookieOptions = { path: '/', sameSite: 'lax' as const, secure: config.secureCookies, maxAge: config.sessionDays * 86_400 };

  app.post(
    '/auth/login',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập',
        security: [],
        body: z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const { sessionToken, csrfToken, actor } = await users.login(request.body.username, request.body.password);
      reply.setCookie(sessionCookie, sessionToken, { ...cookieOptions, httpOnly: true });
      reply.setCookie(csrfCookie, csrfToken, { ...cookieOptions, httpOnly: false });
      const view = await users.get(actor, actor.userId);
      return { ...view, isSystemAdmin: isSystemAdmin(actor) };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 200: z.object({ ok: z.boolean() }) } } },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await users.logout(token);
      reply.clearCookie(sessionCookie, { path: '/' });
      reply.clearCookie(csrfCookie, { path: '/' });
      return { ok: true };
    },
  );

  app.post(
    '/auth/change-password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu',
        body: z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1).max(200) }),
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (request) => {
      await users.changePassword(request.requireActor(), request.body.currentPassword, request.body.newPassword);
      return { ok: true };
    },
  );

  app.get('/me', { schema: { tags: ['auth'], summary: 'Người dùng hiện tại', response: { 200: meSchema } } }, async (request) => {
    const actor = request.requireActor();
    const view = await users.get(actor, actor.userId);
    return { ...view, isSystemAdmin: isSystemAdmin(actor) };
  });
};
