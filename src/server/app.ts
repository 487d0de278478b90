import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Actor } from '../domain/policies';
import type { AppConfig } from './config';
import type { Clock } from './clock';
import type { Database } from './db/client';
import { AppError, messages } from './errors';
import { configureZodMessages, describeIssues } from './validation';
import { createServices, type Services } from './services';
import { authRoutes, sessionCookie, csrfCookie } from './modules/auth/auth.routes';
import { organizationRoutes } from './modules/organizations/organizations.routes';
import { userRoutes } from './modules/users/users.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { healthRoutes } from './modules/health/health.routes';
import { registerApiModules } from './modules/index';

export interface AppDeps {
  config: AppConfig;
  database: Database;
  clock: Clock;
  services: Services;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** How the actor was authenticated: a session cookie needs a CSRF token on writes. */
    authenticatedBy: 'session' | 'token' | null;
    /** The actor, or a 401. */
    requireActor(): Actor;
  }
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Largest request body outside the upload routes (which raise it themselves). */
const defaultBodyLimit = 1024 * 1024;
/** Requests that may be made without a session. */
const publicRoutes = new Set(['/api/v1/auth/login', '/api/health']);

/** Builds the application: error handler → plugins → authentication hook → modules → not-found handler. */
export async function buildApp(config: AppConfig, deps: { database: Database; clock: Clock }): Promise<FastifyInstance> {
  configureZodMessages();
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: true,
    bodyLimit: defaultBodyLimit,
    // Errors raised by the router before any handler: answered in the application's error shape.
    frameworkErrors: (error, _request, reply) => sendFrameworkError(error, reply as unknown as FastifyReply),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const services = createServices(deps.database, deps.clock, config);
  app.decorate('deps', { config, database: deps.database, clock: deps.clock, services });
  app.decorateRequest('actor', null);
  app.decorateRequest('authenticatedBy', null);
  app.decorateRequest('requireActor', function (this: FastifyRequest) {
    if (!this.actor) throw new AppError('UNAUTHENTICATED', messages.unauthenticated);
    return this.actor;
  });

  // Before any plugin or route: a child context keeps the error handler it was registered under.
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error(error);
      return reply.status(error.status).send({ error: { code: error.code, message: error.status >= 500 && error.code === 'INTERNAL' ? messages.internal : error.message, details: error.details ?? null } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext === 'querystring' ? 'tham số' : error.validationContext === 'params' ? 'đường dẫn' : 'dữ liệu';
      const issues = error.validation.map((issue) => ({
        path: issue.instancePath.split('/').filter(Boolean),
        message: issue.message ?? 'không hợp lệ',
      }));
      return reply.status(400).send({
        error: { code: 'VALIDATION_ERROR', message: `Dữ liệu không hợp lệ (${where}): ${describeIssues(issues)}`, details: issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })) },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error(error);
      return reply.status(500).send({ error: { code: 'INTERNAL', message: messages.internal, details: null } });
    }
    const fastifyError = error as { statusCode?: number; code?: string; message: string };
    const status = fastifyError.statusCode ?? 500;
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const megabytes = (request.routeOptions.bodyLimit ?? defaultBodyLimit) / (1024 * 1024);
      return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: `Dữ liệu gửi lên quá lớn (tối đa ${megabytes.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB).`, details: null } });
    }
    if (status === 413 || fastifyError.code === 'FST_REQ_FILE_TOO_LARGE' || fastifyError.code === 'FST_FILES_LIMIT') {
      return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'Tệp hoặc dữ liệu gửi lên quá lớn (tối đa 20 MB mỗi tệp).', details: null } });
    }
    if (status === 429) {
      return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.', details: null } });
    }
    if (status === 415 || fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Kiểu nội dung gửi lên không được hỗ trợ.', details: null } });
    }
    if (status >= 400 && status < 500) {
      const message = fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? 'Dữ liệu gửi lên không phải JSON hợp lệ.'
        : `Yêu cầu không hợp lệ: ${fastifyError.message}`;
      return reply.status(status).send({ error: { code: 'VALIDATION_ERROR', message, details: null } });
    }
    request.log.error(error);
    return reply.status(500).send({ error: { code: 'INTERNAL', message: messages.internal, details: null } });
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Thực Thi API', description: 'Giao, theo dõi, đánh giá thực hiện nhiệm vụ và chỉ tiêu', version: '1' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: sessionCookie },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Authentication: a session cookie or a bearer token; CSRF for cookie-authenticated writes.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const actor = await services.users.authenticateToken(authorization.slice('Bearer '.length).trim());
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Mã truy cập (API token) không hợp lệ hoặc đã bị thu hồi.');
      request.actor = actor;
      request.authenticatedBy = 'token';
      return;
    }
    const sessionToken = request.cookies[sessionCookie];
    if (sessionToken) {
      const session = await services.users.authenticateSession(sessionToken);
      if (session) {
        request.actor = session.actor;
        request.authenticatedBy = 'session';
        const path = request.url.split('?')[0];
        if (stateChanging.has(request.method) && !publicRoutes.has(path)) {
          const header = request.headers['x-csrf-token'];
          if (header !== session.csrfToken || request.cookies[csrfCookie] !== session.csrfToken) {
            throw new AppError('FORBIDDEN', 'Yêu cầu thiếu mã chống giả mạo (CSRF) hợp lệ. Vui lòng tải lại trang và thử lại.');
          }
        }
      }
    }
    const path = request.url.split('?')[0];
    if (!request.actor && stateChanging.has(request.method) && !publicRoutes.has(path)) {
      throw new AppError('UNAUTHENTICATED', messages.unauthenticated);
    }
  });

  // PostgreSQL text cannot hold U+0000: refuse it, naming the field, before it reaches a query.
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [['tham số', request.query], ['đường dẫn', request.params], ['dữ liệu', request.body]] as const) {
      const field = findNulCharacter(value);
      if (field !== null) {
        throw new AppError('VALIDATION_ERROR', `Dữ liệu không hợp lệ (${where}): ${describeIssues([{ path: field, message: 'chứa ký tự không hợp lệ (U+0000)' }])}`, [
          { field: field.join('.'), message: 'chứa ký tự không hợp lệ (U+0000)' },
        ]);
      }
    }
  });

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(
    async (api) => {
      await api.register(authRoutes);
      await api.register(organizationRoutes);
      await api.register(userRoutes);
      await api.register(auditRoutes);
      await registerApiModules(api);
    },
    { prefix: '/api/v1' },
  );

  // The web application (built by `npm run build`), with client-side routes.
  if (fs.existsSync(path.join(config.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.webDir, wildcard: false });
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/') || request.method !== 'GET') {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `Không tìm thấy đường dẫn ${request.url.split('?')[0]}.`, details: null } });
      }
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((request, reply) => {
      reply.status(404).send({ error: { code: 'NOT_FOUND', message: `Không tìm thấy đường dẫn ${request.url.split('?')[0]}.`, details: null } });
    });
  }
  return app;
}

/** Answers an error raised by the router before any handler (a malformed URL…) in the application's shape. */
function sendFrameworkError(error: FastifyError, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const message = error.code === 'FST_ERR_BAD_URL' ? 'Đường dẫn không hợp lệ.' : 'Đường dẫn quá dài.';
    return reply.status(400).send({ error: { code: 'VALIDATION_ERROR', message, details: null } });
  }
  return reply.status(500).send({ error: { code: 'INTERNAL', message: messages.internal, details: null } });
}

/** The path of the first string (or key) holding U+0000 in a parsed request part, or null. */
function findNulCharacter(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32 || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = findNulCharacter(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
