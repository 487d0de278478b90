import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';

/** Asserts the error shape `{error:{code,message,details}}` with an exact status, code and message. */
function expectError(response: LightMyRequestResponse, status: number, code: string, message: string | RegExp) {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json() as { error: { code: string; message: string; details: unknown } };
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
  expect(body.error.code).toBe(code);
  if (typeof message === 'string') expect(body.error.message).toBe(message);
  else expect(body.error.message).toMatch(message);
  return body.error;
}

const forbiddenMessage = 'Bạn không có quyền thực hiện thao tác này.';

interface UserBody {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  isActive: boolean;
  lockedUntil: string | null;
  createdAt: string;
  roles: { role: string; organizationCode: string; organizationName: string }[];
}

describe.each(testEngines())('users on %s', (engine) => {
  let t: TestApp;
  let admin: Session;
  let reporter: Session;
  let createdId: number;

  const createUser = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    t.inject({ method: 'POST', url: '/api/v1/users', headers, payload });
  const loginStatus = async (username: string, password: string) =>
    (await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })).statusCode;
  const me = (session: Session) => t.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers });
  const auditOf = async (id: number) =>
    (await t.inject({ method: 'GET', url: `/api/v1/audit?entity=user&entityId=${id}`, headers: admin.headers })).json().items as {
      actor: string;
      action: string;
      before: unknown;
      after: unknown;
    }[];

  beforeAll(async () => {
    t = await buildTestApp(engine);
    admin = await t.userSession('quantri', 'system_admin', '25');
    reporter = await t.userSession('baocao.tanhoa', 'reporter', '04792');
  });
  afterAll(async () => t?.close());

  it('lets the administrator create a user with roles (201)', async () => {
    const response = await createUser(admin.headers, {
      username: 'chuyenvien.skhcn',
      fullName: 'Nguyễn Văn Đức',
      email: 'duc@phutho.gov.vn',
      password: 'matkhau-rat-manh',
      roles: [
        { role: 'coordinator', organizationCode: 'SKHCN' },
        { role: 'reporter', organizationCode: '04831' },
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as UserBody;
    expect(body).toEqual({
      id: expect.any(Number),
      username: 'chuyenvien.skhcn',
      fullName: 'Nguyễn Văn Đức',
      email: 'duc@phutho.gov.vn',
      isActive: true,
      lockedUntil: null,
      createdAt: expect.any(String),
      roles: [
        { role: 'coordinator', organizationCode: 'SKHCN', organizationName: 'Sở Khoa học và Công nghệ' },
        { role: 'reporter', organizationCode: '04831', organizationName: 'Xã Đà Bắc' },
      ],
    });
    expect(response.body).not.toMatch(/password|hash/i);
    createdId = body.id;
    const [event] = await auditOf(createdId);
    expect(event).toMatchObject({ actor: 'quantri', action: 'user.create', before: null, after: { username: 'chuyenvien.skhcn' } });
    expect(JSON.stringify(event)).not.toMatch(/argon2|passwordHash/);
    expect(await loginStatus('chuyenvien.skhcn', 'matkhau-rat-manh')).toBe(200);
  });

  it('lists and finds users, accent-insensitively', async () => {
    const all = await t.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers });
    expect(all.statusCode).toBe(200);
    expect((all.json().items as UserBody[]).map((user) => user.username)).toEqual(['baocao.tanhoa', 'chuyenvien.skhcn', 'quantri']);
    expect(all.json().total).toBe(3);
    for (const search of ['nguyen van duc', 'Đức', 'CHUYENVIEN']) {
      const found = await t.inject({ method: 'GET', url: `/api/v1/users?search=${encodeURIComponent(search)}`, headers: admin.headers });
      expect((found.json().items as UserBody[]).map((user) => user.username), search).toEqual(['chuyenvien.skhcn']);
    }
    const one = await t.inject({ method: 'GET', url: `/api/v1/users/${createdId}`, headers: admin.headers });
    expect(one.json()).toMatchObject({ username: 'chuyenvien.skhcn' });
    expectError(await t.inject({ method: 'GET', url: '/api/v1/users/999999', headers: admin.headers }), 404, 'NOT_FOUND', 'Không tìm thấy người dùng có mã 999999.');
  });

  it('treats search text literally', async () => {
    for (const search of ['%', '_', '\\', "'", 'a%b']) {
      const response = await t.inject({ method: 'GET', url: `/api/v1/users?search=${encodeURIComponent(search)}`, headers: admin.headers });
      expect(response.statusCode, `${search}: ${response.body}`).toBe(200);
      expect(response.json().items, search).toEqual([]);
    }
  });

  it('refuses a duplicate username, in any case (409)', async () => {
    for (const username of ['chuyenvien.skhcn', 'ChuyenVien.SKHCN']) {
      const response = await createUser(admin.headers, { username, fullName: 'Trùng', password: 'matkhau-rat-manh', roles: [] });
      expectError(response, 409, 'CONFLICT', `Tên đăng nhập "${username}" đã tồn tại.`);
    }
  });

  it('refuses a short password, naming "password" (400)', async () => {
    const response = await createUser(admin.headers, { username: 'matkhau.ngan', fullName: 'Ngắn', password: '1234567', roles: [] });
    expectError(response, 400, 'VALIDATION_ERROR', 'Trường "password": mật khẩu cần ít nhất 8 ký tự.');
    expect(await loginStatus('matkhau.ngan', '1234567')).toBe(401);
  });

  it('refuses an unknown organization code, naming the field (400)', async () => {
    const response = await createUser(admin.headers, {
      username: 'sai.donvi',
      fullName: 'Sai đơn vị',
      password: 'matkhau-rat-manh',
      roles: [
        { role: 'viewer', organizationCode: '25' },
        { role: 'reporter', organizationCode: 'KHONGCO' },
      ],
    });
    expectError(response, 400, 'VALIDATION_ERROR', 'Trường "roles.1.organizationCode": không tìm thấy cơ quan, đơn vị có mã "KHONGCO".');
    const list = await t.inject({ method: 'GET', url: '/api/v1/users?search=sai.donvi', headers: admin.headers });
    expect(list.json().items).toEqual([]);
  });

  it('names the field of malformed input (400)', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ username: 'a b', fullName: 'X', password: 'matkhau-rat-manh' }, 'username'],
      [{ username: 'hople', fullName: 'X', password: 'matkhau-rat-manh', email: 'khong-phai-email' }, 'email'],
      [{ username: 'hople', fullName: 'X', password: 'matkhau-rat-manh', roles: [{ role: 'chief', organizationCode: '25' }] }, 'roles.0.role'],
      [{ username: 'hople', fullName: 'X', password: 12345678 }, 'password'],
      [{ username: 'hople', password: 'matkhau-rat-manh' }, 'fullName'],
    ];
    for (const [payload, field] of cases) {
      const error = expectError(await createUser(admin.headers, payload), 400, 'VALIDATION_ERROR', new RegExp(`^Dữ liệu không hợp lệ \\(dữ liệu\\): Trường "${field.replace('.', '\\.')}": `));
      expect((error.details as { field: string }[]).map((detail) => detail.field)).toEqual([field]);
    }
  });

  it('refuses user administration to anyone but a system administrator (403)', async () => {
    expectError(await t.inject({ method: 'GET', url: '/api/v1/users', headers: reporter.headers }), 403, 'FORBIDDEN', forbiddenMessage);
    expectError(await createUser(reporter.headers, { username: 'tu.tao', fullName: 'Tự tạo', password: 'matkhau-rat-manh', roles: [{ role: 'system_admin', organizationCode: '25' }] }), 403, 'FORBIDDEN', forbiddenMessage);
    expectError(await t.inject({ method: 'GET', url: `/api/v1/users/${createdId}`, headers: reporter.headers }), 403, 'FORBIDDEN', forbiddenMessage);
    const self = await me(reporter);
    const ownId = self.json().id as number;
    expect((await t.inject({ method: 'GET', url: `/api/v1/users/${ownId}`, headers: reporter.headers })).statusCode).toBe(200);
    const escalate = await t.inject({ method: 'PUT', url: `/api/v1/users/${ownId}/roles`, headers: reporter.headers, payload: { roles: [{ role: 'system_admin', organizationCode: '25' }] } });
    expectError(escalate, 403, 'FORBIDDEN', forbiddenMessage);
    expectError(await t.inject({ method: 'POST', url: `/api/v1/users/${createdId}/reset-password`, headers: reporter.headers, payload: { password: 'chiem-quyen-123' } }), 403, 'FORBIDDEN', forbiddenMessage);
    expectError(await t.inject({ method: 'POST', url: `/api/v1/users/${createdId}/deactivate`, headers: reporter.headers }), 403, 'FORBIDDEN', forbiddenMessage);
    expect((await me(reporter)).json().roles).toEqual([{ role: 'reporter', organizationCode: '04792', organizationName: 'Phường Tân Hòa' }]);
    expect(await loginStatus('tu.tao', 'matkhau-rat-manh')).toBe(401);
    expect(await loginStatus('chuyenvien.skhcn', 'matkhau-rat-manh')).toBe(200);
  });

  it('updates name and email', async () => {
    const response = await t.inject({ method: 'PATCH', url: `/api/v1/users/${createdId}`, headers: admin.headers, payload: { fullName: 'Nguyễn Văn Đức Anh', email: null } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ fullName: 'Nguyễn Văn Đức Anh', email: null });
    const [event] = await auditOf(createdId);
    expect(event).toMatchObject({ actor: 'quantri', action: 'user.update', before: { fullName: 'Nguyễn Văn Đức', email: 'duc@phutho.gov.vn' }, after: { fullName: 'Nguyễn Văn Đức Anh', email: null } });
  });

  it('replaces the roles, which take effect on the next request', async () => {
    const session = await t.login('chuyenvien.skhcn', 'matkhau-rat-manh');
    const response = await t.inject({ method: 'PUT', url: `/api/v1/users/${createdId}/roles`, headers: admin.headers, payload: { roles: [{ role: 'leader', organizationCode: '25' }] } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().roles).toEqual([{ role: 'leader', organizationCode: '25', organizationName: 'Ủy ban nhân dân tỉnh Phú Thọ' }]);
    expect((await me(session)).json().roles).toEqual([{ role: 'leader', organizationCode: '25', organizationName: 'Ủy ban nhân dân tỉnh Phú Thọ' }]);
    const [event] = await auditOf(createdId);
    expect(event).toEqual({
      id: expect.any(Number),
      at: expect.any(String),
      actor: 'quantri',
      action: 'user.roles',
      entity: 'user',
      entityId: String(createdId),
      before: [
        { role: 'coordinator', organizationCode: 'SKHCN', organizationName: 'Sở Khoa học và Công nghệ' },
        { role: 'reporter', organizationCode: '04831', organizationName: 'Xã Đà Bắc' },
      ],
      after: [{ role: 'leader', organizationCode: '25', organizationName: 'Ủy ban nhân dân tỉnh Phú Thọ' }],
    });
    const unknown = await t.inject({ method: 'PUT', url: `/api/v1/users/${createdId}/roles`, headers: admin.headers, payload: { roles: [{ role: 'leader', organizationCode: 'KHONGCO' }] } });
    expectError(unknown, 400, 'VALIDATION_ERROR', 'Trường "roles.0.organizationCode": không tìm thấy cơ quan, đơn vị có mã "KHONGCO".');
    expect((await me(session)).json().roles).toHaveLength(1);
  });

  it('resets a password: the old one and the open sessions stop working, a lock is lifted', async () => {
    const session = await t.login('chuyenvien.skhcn', 'matkhau-rat-manh');
    expectError(await t.inject({ method: 'POST', url: `/api/v1/users/${createdId}/reset-password`, headers: admin.headers, payload: { password: 'ngan' } }), 400, 'VALIDATION_ERROR', 'Trường "password": mật khẩu cần ít nhất 8 ký tự.');
    for (let attempt = 0; attempt < 5; attempt += 1) await loginStatus('chuyenvien.skhcn', 'sai-mat-khau');
    expect(await loginStatus('chuyenvien.skhcn', 'matkhau-rat-manh')).toBe(423);

    const response = await t.inject({ method: 'POST', url: `/api/v1/users/${createdId}/reset-password`, headers: admin.headers, payload: { password: 'matkhau-dat-lai' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    expect((await me(session)).statusCode).toBe(401);
    expect(await loginStatus('chuyenvien.skhcn', 'matkhau-rat-manh')).toBe(401);
    expect(await loginStatus('chuyenvien.skhcn', 'matkhau-dat-lai')).toBe(200);
    expect((await auditOf(createdId)).map((event) => event.action)).toContain('user.reset_password');
  });

  it('deactivates a user: sessions and tokens stop working, login is refused', async () => {
    const session = await t.login('chuyenvien.skhcn', 'matkhau-dat-lai');
    const { token } = await t.services.users.createToken(null, { name: 'CLI', username: 'chuyenvien.skhcn' });
    expect((await t.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);

    const response = await t.inject({ method: 'POST', url: `/api/v1/users/${createdId}/deactivate`, headers: admin.headers });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: createdId, isActive: false });

    expectError(await me(session), 401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
    expect((await t.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expectError(
      await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'chuyenvien.skhcn', password: 'matkhau-dat-lai' } }),
      401,
      'UNAUTHENTICATED',
      'Tên đăng nhập hoặc mật khẩu không đúng.',
    );
    const [event] = await auditOf(createdId);
    expect(event).toMatchObject({ actor: 'quantri', action: 'user.deactivate', after: { isActive: false } });
  });

  it('does not let the administrator deactivate their own account', async () => {
    const ownId = (await me(admin)).json().id as number;
    expectError(await t.inject({ method: 'POST', url: `/api/v1/users/${ownId}/deactivate`, headers: admin.headers }), 400, 'VALIDATION_ERROR', 'Bạn không thể tự ngừng kích hoạt tài khoản của mình.');
    expect((await me(admin)).statusCode).toBe(200);
  });

  it('answers 400, not 500, for an id that is not a valid number', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
      const response = await t.inject({ method: 'GET', url: `/api/v1/users/${id}`, headers: admin.headers });
      expectError(response, 400, 'VALIDATION_ERROR', /^Dữ liệu không hợp lệ \(đường dẫn\): Trường "id": /);
    }
    const missing = await t.inject({ method: 'PATCH', url: '/api/v1/users/424242', headers: admin.headers, payload: { fullName: 'Không có' } });
    expectError(missing, 404, 'NOT_FOUND', 'Không tìm thấy người dùng có mã 424242.');
  });
});
