import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';

/** Asserts the error shape `{error:{code,message,details}}` with an exact status, code and message. */
function expectError(response: LightMyRequestResponse, status: number, code: string, message: string | RegExp) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json() as { error: { code: string; message: string; details: unknown } };
  expect(Object.keys(body).sort()).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
  expect(body.error.code).toBe(code);
  if (typeof message === 'string') expect(body.error.message).toBe(message);
  else expect(body.error.message).toMatch(message);
  return body.error;
}

interface AuditItem {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

describe.each(testEngines())('foundation on %s', (engine) => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    admin = await t.userSession('quantri', 'system_admin', '25');
  });
  afterAll(async () => t?.close());

  it('answers health with the engine', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toEqual({ status: 'ok', database: engine });
  });

  it('has the reference organizations: 1 province, its departments and 148 communes', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/organizations', headers: admin.headers });
    const items = response.json().items as { kind: string }[];
    expect(items.filter((item) => item.kind === 'province')).toHaveLength(1);
    expect(items.filter((item) => item.kind === 'commune' || item.kind === 'ward')).toHaveLength(148);
  });

  it('serves the OpenAPI description, listing the login route', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    const document = response.json() as { openapi: string; info: { title: string }; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Thực Thi API');
    expect(document.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
    for (const path of ['/api/v1/me', '/api/v1/users', '/api/v1/organizations', '/api/v1/organizations/tree', '/api/v1/audit', '/api/v1/tokens', '/api/health']) {
      expect(Object.keys(document.paths), path).toContain(path);
    }
  });

  describe('errors', () => {
    const write = (options: Partial<InjectOptions>) => t.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin.headers, ...options } as InjectOptions);

    it('answers an unknown /api path with 404 JSON', async () => {
      expectError(await t.inject({ method: 'GET', url: '/api/v1/khong-co?x=1', headers: admin.headers }), 404, 'NOT_FOUND', 'Không tìm thấy đường dẫn /api/v1/khong-co.');
      expectError(await t.inject({ method: 'GET', url: '/api/khong-co' }), 404, 'NOT_FOUND', 'Không tìm thấy đường dẫn /api/khong-co.');
      expectError(await t.inject({ method: 'DELETE', url: '/api/v1/users', headers: admin.headers }), 404, 'NOT_FOUND', 'Không tìm thấy đường dẫn /api/v1/users.');
    });

    it('answers malformed JSON with 400', async () => {
      const message = 'Dữ liệu gửi lên không phải JSON hợp lệ.';
      expectError(await write({ headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"code": "X", ' }), 400, 'VALIDATION_ERROR', message);
      expectError(
        await t.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{username:"quantri"}' }),
        400,
        'VALIDATION_ERROR',
        message,
      );
      expectError(await write({ headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '' }), 400, 'VALIDATION_ERROR', message);
    });

    it('answers a body that is not an object, or of the wrong types, with 400 naming the fields', async () => {
      expectError(await write({ payload: [1, 2] }), 400, 'VALIDATION_ERROR', /^Dữ liệu không hợp lệ \(dữ liệu\): /);
      expectError(await write({ headers: { ...admin.headers, 'content-type': 'application/json' }, payload: 'null' }), 400, 'VALIDATION_ERROR', /^Dữ liệu không hợp lệ \(dữ liệu\): /);
      const error = expectError(
        await write({ payload: { code: 42, name: ['x'], kind: 'agency', aliases: 'mot-ten' } }),
        400,
        'VALIDATION_ERROR',
        /^Dữ liệu không hợp lệ \(dữ liệu\): Trường "code": .*; Trường "name": .*; Trường "aliases": /,
      );
      expect((error.details as { field: string; message: string }[]).map((detail) => detail.field)).toEqual(['code', 'name', 'aliases']);
      for (const detail of error.details as { message: string }[]) expect(detail.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữđ]/i);
      const roles = expectError(
        await t.inject({ method: 'PUT', url: '/api/v1/users/1/roles', headers: admin.headers, payload: { roles: [{ role: 'reporter' }] } }),
        400,
        'VALIDATION_ERROR',
        'Dữ liệu không hợp lệ (dữ liệu): Trường "roles.0.organizationCode": bắt buộc, chưa được nhập',
      );
      expect(roles.details).toEqual([{ field: 'roles.0.organizationCode', message: 'bắt buộc, chưa được nhập' }]);
    });

    it('answers bad query parameters with 400 naming the parameter', async () => {
      expectError(await t.inject({ method: 'GET', url: '/api/v1/audit?page=abc', headers: admin.headers }), 400, 'VALIDATION_ERROR', /^Dữ liệu không hợp lệ \(tham số\): Trường "page": /);
      expectError(await t.inject({ method: 'GET', url: '/api/v1/audit?pageSize=501', headers: admin.headers }), 400, 'VALIDATION_ERROR', 'Dữ liệu không hợp lệ (tham số): Trường "pageSize": phải nhỏ hơn hoặc bằng 500');
      expectError(await t.inject({ method: 'GET', url: '/api/v1/organizations/tree?includeInactive=1', headers: admin.headers }), 400, 'VALIDATION_ERROR', 'Dữ liệu không hợp lệ (tham số): Trường "includeInactive": phải là một trong: true, false');
      const deep = await t.inject({ method: 'GET', url: '/api/v1/audit?page=999999999', headers: admin.headers });
      expect(deep.statusCode, deep.body).toBe(200);
      expect(deep.json().items).toEqual([]);
    });

    it('answers another content type with 415, and a body over 1 MiB with 413', async () => {
      expectError(await write({ headers: { ...admin.headers, 'content-type': 'application/xml' }, payload: '<code>X</code>' }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'Kiểu nội dung gửi lên không được hỗ trợ.');
      const large = await write({ payload: { code: 'LON', name: 'x'.repeat(1024 * 1024 + 10), kind: 'agency' } });
      expectError(large, 413, 'PAYLOAD_TOO_LARGE', 'Dữ liệu gửi lên quá lớn (tối đa 1 MB).');
    });

    it('refuses U+0000 anywhere, naming the field, and a malformed URL', async () => {
      const body = expectError(
        await write({ payload: { code: 'NUL', name: 'a\u0000b', kind: 'agency', parentCode: '25' } }),
        400,
        'VALIDATION_ERROR',
        'Dữ liệu không hợp lệ (dữ liệu): Trường "name": chứa ký tự không hợp lệ (U+0000)',
      );
      expect(body.details).toEqual([{ field: 'name', message: 'chứa ký tự không hợp lệ (U+0000)' }]);
      expectError(
        await t.inject({ method: 'GET', url: '/api/v1/organizations?search=a%00', headers: admin.headers }),
        400,
        'VALIDATION_ERROR',
        'Dữ liệu không hợp lệ (tham số): Trường "search": chứa ký tự không hợp lệ (U+0000)',
      );
      expectError(await t.inject({ method: 'GET', url: '/api/v1/organizations/%E0%A4%A', headers: admin.headers }), 400, 'VALIDATION_ERROR', 'Đường dẫn không hợp lệ.');
    });

    it('never answers 500 for odd input', async () => {
      const requests: InjectOptions[] = [
        { method: 'GET', url: '/api/v1/organizations/%E0%A4%A', headers: admin.headers },
        { method: 'GET', url: `/api/v1/organizations/${'X'.repeat(41)}`, headers: admin.headers },
        { method: 'GET', url: `/api/v1/organizations?search=${'a'.repeat(201)}`, headers: admin.headers },
        { method: 'GET', url: '/api/v1/organizations?search=%00', headers: admin.headers },
        { method: 'GET', url: '/api/v1/users?search=%00', headers: admin.headers },
        { method: 'GET', url: '/api/v1/audit?entityId=%00', headers: admin.headers },
        { method: 'GET', url: '/api/v1/users/1e3', headers: admin.headers },
        { method: 'DELETE', url: '/api/v1/tokens/99999999999', headers: admin.headers },
        { method: 'POST', url: '/api/v1/organizations', headers: admin.headers, payload: { code: 'NUL', name: 'a\u0000b', kind: 'agency', parentCode: '25' } },
        { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'a\u0000', password: 'b' } },
        { method: 'PATCH', url: '/api/v1/organizations/SKHCN', headers: admin.headers, payload: { parentCode: '' } },
        { method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer ' } },
        { method: 'GET', url: '/api/v1/me', headers: { cookie: 'thucthi_session=%' } },
      ];
      for (const request of requests) {
        const response = await t.inject(request);
        expect(response.statusCode, `${request.method} ${request.url}: ${response.body}`).toBeGreaterThanOrEqual(200);
        expect(response.statusCode, `${request.method} ${request.url}: ${response.body}`).toBeLessThan(500);
        if (response.statusCode >= 400) expect(Object.keys(response.json().error).sort(), `${request.method} ${request.url}: ${response.body}`).toEqual(['code', 'details', 'message']);
      }
    });
  });

  describe('audit', () => {
    const latest = async () => (await t.inject({ method: 'GET', url: '/api/v1/audit?pageSize=1', headers: admin.headers })).json().items[0] as AuditItem;

    it('records every mutation with who, what, before and after', async () => {
      await t.createUser('canbo', 'viewer', '25');
      const userId = (await t.services.users.findByUsername('canbo'))!.id;
      const mutations: [string, InjectOptions, Partial<AuditItem>][] = [
        [
          'create an organization',
          { method: 'POST', url: '/api/v1/organizations', payload: { code: 'KT', name: 'Kiểm tra', kind: 'agency', parentCode: '25' } },
          { action: 'organization.create', entity: 'organization', entityId: 'KT', before: null },
        ],
        [
          'update an organization',
          { method: 'PATCH', url: '/api/v1/organizations/KT', payload: { name: 'Kiểm tra lại' } },
          { action: 'organization.update', entity: 'organization', entityId: 'KT' },
        ],
        [
          'deactivate an organization',
          { method: 'POST', url: '/api/v1/organizations/KT/deactivate', payload: {} },
          { action: 'organization.deactivate', entity: 'organization', entityId: 'KT' },
        ],
        [
          'keep an alias',
          { method: 'POST', url: '/api/v1/organizations/aliases', payload: { name: 'Ban kiểm tra', organizationCode: 'KT' } },
          { action: 'organization.alias', entity: 'organization', entityId: 'KT' },
        ],
        [
          'create a user',
          { method: 'POST', url: '/api/v1/users', payload: { username: 'moi', fullName: 'Mới', password: 'matkhau-moi-1', roles: [] } },
          { action: 'user.create', entity: 'user', before: null },
        ],
        ['update a user', { method: 'PATCH', url: `/api/v1/users/${userId}`, payload: { email: 'canbo@phutho.gov.vn' } }, { action: 'user.update', entity: 'user', entityId: String(userId) }],
        [
          'change roles',
          { method: 'PUT', url: `/api/v1/users/${userId}/roles`, payload: { roles: [{ role: 'leader', organizationCode: 'SKHCN' }] } },
          { action: 'user.roles', entity: 'user', entityId: String(userId) },
        ],
        [
          'reset a password',
          { method: 'POST', url: `/api/v1/users/${userId}/reset-password`, payload: { password: 'matkhau-dat-lai' } },
          { action: 'user.reset_password', entity: 'user', entityId: String(userId) },
        ],
        ['deactivate a user', { method: 'POST', url: `/api/v1/users/${userId}/deactivate` }, { action: 'user.deactivate', entity: 'user', entityId: String(userId) }],
        ['create a token', { method: 'POST', url: '/api/v1/tokens', payload: { name: 'Thử' } }, { action: 'token.create', entity: 'api_token' }],
        [
          'change the own password',
          { method: 'POST', url: '/api/v1/auth/change-password', payload: { currentPassword: 'matkhau-123', newPassword: 'matkhau-456' } },
          { action: 'user.change_password', entity: 'user' },
        ],
      ];
      for (const [name, request, expected] of mutations) {
        const before = await latest();
        const response = await t.inject({ ...request, headers: admin.headers });
        expect(response.statusCode, `${name}: ${response.body}`).toBeLessThan(300);
        const event = await latest();
        expect(event.id, name).toBeGreaterThan(before.id);
        expect(event, name).toMatchObject({ actor: 'quantri', ...expected });
      }
      const revoke = (await latest()).entityId;
      expect((await t.inject({ method: 'DELETE', url: `/api/v1/tokens/${revoke}`, headers: admin.headers })).statusCode).toBe(200);
      expect(await latest()).toMatchObject({ actor: 'quantri', action: 'token.revoke', entity: 'api_token', entityId: revoke });
    });

    it('lists events newest first with paging and filters, shaped as documented', async () => {
      const page = await t.inject({ method: 'GET', url: '/api/v1/audit?entity=organization&entityId=KT&page=1&pageSize=2', headers: admin.headers });
      expect(page.statusCode).toBe(200);
      const body = page.json() as { items: AuditItem[]; total: number };
      expect(body.total).toBe(4);
      expect(body.items.map((item) => item.action)).toEqual(['organization.alias', 'organization.deactivate']);
      expect(Object.keys(body.items[1]).sort()).toEqual(['action', 'actor', 'after', 'at', 'before', 'entity', 'entityId', 'id']);
      expect(body.items[1]).toMatchObject({ before: { name: 'Kiểm tra lại', isActive: true }, after: { name: 'Kiểm tra lại', isActive: false } });
      const second = (await t.inject({ method: 'GET', url: '/api/v1/audit?entity=organization&entityId=KT&page=2&pageSize=2', headers: admin.headers })).json() as { items: AuditItem[] };
      expect(second.items.map((item) => item.action)).toEqual(['organization.update', 'organization.create']);
      expect(second.items[0]).toMatchObject({ before: { name: 'Kiểm tra' }, after: { name: 'Kiểm tra lại' } });
    });

    it('never records a password or its hash', async () => {
      const all = await t.inject({ method: 'GET', url: '/api/v1/audit?pageSize=500', headers: admin.headers });
      expect(all.body).not.toMatch(/argon2|matkhau|passwordHash|tokenHash/);
    });
  });
});
