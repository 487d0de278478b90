import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testPassword, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';

/** Asserts the error shape `{error:{code,message,details}}` with an exact status, code and message. */
function expectError(response: LightMyRequestResponse, status: number, code: string, message: string | RegExp) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json() as { error: { code: string; message: string; details: unknown } };
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
  expect(body.error.code).toBe(code);
  if (typeof message === 'string') expect(body.error.message).toBe(message);
  else expect(body.error.message).toMatch(message);
  return body.error;
}

const wrongCredentials = 'Tên đăng nhập hoặc mật khẩu không đúng.';
const lockedMessage = 'Tài khoản tạm khóa 15 phút do đăng nhập sai nhiều lần.';
const csrfMessage = 'Yêu cầu thiếu mã chống giả mạo (CSRF) hợp lệ. Vui lòng tải lại trang và thử lại.';
const tokenMessage = 'Mã truy cập (API token) không hợp lệ hoặc đã bị thu hồi.';

let address = 0;
/** A distinct client address per call, so that the login rate limit (per address) is not what a test measures. */
const fromNewAddress = () => `10.0.${Math.floor(++address / 250)}.${address % 250}`;

describe.each(testEngines())('authentication on %s', (engine) => {
  let t: TestApp;
  let admin: Session;

  const login = (username: string, password: string) =>
    t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: fromNewAddress() });
  const me = (headers: Record<string, string>) => t.inject({ method: 'GET', url: '/api/v1/me', headers });
  const organizationExists = async (code: string) =>
    (await t.inject({ method: 'GET', url: `/api/v1/organizations/${code}`, headers: { cookie: admin.cookie } })).statusCode === 200;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    admin = await t.userSession('quantri', 'system_admin', '25');
    await t.createUser('baocao.tanhoa', 'reporter', '04792');
  });
  afterAll(async () => t?.close());

  describe('login', () => {
    it('sets an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie, and answers Me', async () => {
      const response = await login('baocao.tanhoa', testPassword);
      expect(response.statusCode).toBe(200);
      const session = response.cookies.find((cookie) => cookie.name === 'thucthi_session')!;
      const csrf = response.cookies.find((cookie) => cookie.name === 'thucthi_csrf')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: t.app.deps.config.sessionDays * 86_400 });
      expect(session.value).toMatch(/^[\w-]{40,}$/);
      expect(csrf.httpOnly).toBeUndefined();
      expect(csrf).toMatchObject({ sameSite: 'Lax', path: '/' });
      expect(csrf.value).toMatch(/^[\w-]{40,}$/);
      expect(csrf.value).not.toBe(session.value);
      const setCookie = [response.headers['set-cookie']].flat().join('\n');
      expect(setCookie).toMatch(/thucthi_session=[^;]+;.*HttpOnly/);
      expect(setCookie).not.toMatch(/thucthi_csrf=[^;]+;[^\n]*HttpOnly/);
      expect(response.json()).toEqual({
        id: expect.any(Number),
        username: 'baocao.tanhoa',
        fullName: 'baocao.tanhoa',
        email: null,
        isActive: true,
        isSystemAdmin: false,
        roles: [{ role: 'reporter', organizationCode: '04792', organizationName: 'Phường Tân Hòa' }],
      });
    });

    it('accepts the username in another case', async () => {
      expect((await login('BaoCao.TanHoa', testPassword)).statusCode).toBe(200);
    });

    it('answers 401 with one message for a wrong password and for an unknown user', async () => {
      const wrongPassword = await login('baocao.tanhoa', 'sai-mat-khau');
      expectError(wrongPassword, 401, 'UNAUTHENTICATED', wrongCredentials);
      expect(wrongPassword.cookies).toEqual([]);
      expectError(await login('khongtontai', 'sai-mat-khau'), 401, 'UNAUTHENTICATED', wrongCredentials);
    });

    it('names the missing fields', async () => {
      const response = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'quantri' }, remoteAddress: fromNewAddress() });
      const error = expectError(response, 400, 'VALIDATION_ERROR', /Trường "password"/);
      expect(error.details).toEqual([{ field: 'password', message: 'bắt buộc, chưa được nhập' }]);
    });

    it('locks the account for 15 minutes after 5 failures, also for the right password', async () => {
      await t.createUser('khoa.thu', 'viewer', '25');
      try {
        for (let attempt = 1; attempt <= 4; attempt += 1) {
          expectError(await login('khoa.thu', `sai-${attempt}`), 401, 'UNAUTHENTICATED', wrongCredentials);
        }
        expectError(await login('khoa.thu', 'sai-5'), 423, 'LOCKED', lockedMessage);
        expectError(await login('khoa.thu', testPassword), 423, 'LOCKED', lockedMessage);
        t.clock.advanceMinutes(14);
        expectError(await login('khoa.thu', testPassword), 423, 'LOCKED', lockedMessage);

        const listed = await t.inject({ method: 'GET', url: '/api/v1/users?search=khoa.thu', headers: admin.headers });
        expect(listed.json().items[0].lockedUntil).not.toBeNull();

        t.clock.advanceMinutes(2);
        expect((await login('khoa.thu', testPassword)).statusCode).toBe(200);
        // The count starts again: one failure does not lock.
        expectError(await login('khoa.thu', 'sai-6'), 401, 'UNAUTHENTICATED', wrongCredentials);
        expect((await login('khoa.thu', testPassword)).statusCode).toBe(200);
      } finally {
        t.clock.set('2026-03-15');
      }
    });

    it('counts failures made in parallel: a burst of 10 guesses gets 4 × 401, then 423', async () => {
      await t.createUser('tan.cong', 'viewer', '25');
      const responses = await Promise.all(Array.from({ length: 10 }, (_, index) => login('tan.cong', `doan-${index}`)));
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([401, 401, 401, 401, 423, 423, 423, 423, 423, 423]);
      expectError(await login('tan.cong', testPassword), 423, 'LOCKED', lockedMessage);
    });

    it('does not lock an account for failures spread over successes', async () => {
      await t.createUser('quen.matkhau', 'viewer', '25');
      for (let round = 0; round < 2; round += 1) {
        for (let attempt = 0; attempt < 4; attempt += 1) {
          expectError(await login('quen.matkhau', 'sai'), 401, 'UNAUTHENTICATED', wrongCredentials);
        }
        expect((await login('quen.matkhau', testPassword)).statusCode).toBe(200);
      }
    });

    it('writes audit events for logins, failures and the lock', async () => {
      const response = await t.inject({ method: 'GET', url: '/api/v1/audit?entity=user&pageSize=500', headers: admin.headers });
      const actions = (response.json().items as { actor: string; action: string }[]).filter((item) => item.actor === 'khoa.thu').map((item) => item.action);
      expect(actions.filter((action) => action === 'auth.login_failed')).toHaveLength(5);
      expect(actions.filter((action) => action === 'auth.locked')).toHaveLength(1);
      expect(actions.filter((action) => action === 'auth.login')).toHaveLength(2);
    });
  });

  it('limits logins to 20 a minute from one address (429)', async () => {
    const remoteAddress = '10.9.9.9';
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const response = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'khongtontai', password: 'x' }, remoteAddress });
      expect(response.statusCode).toBe(401);
    }
    const limited = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'quantri', password: testPassword }, remoteAddress });
    expectError(limited, 429, 'RATE_LIMITED', 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.');
    expect(limited.cookies).toEqual([]);
  });

  describe('sessions', () => {
    it('GET /me answers the current user, and 401 without a session', async () => {
      const response = await me(admin.headers);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        username: 'quantri',
        isSystemAdmin: true,
        roles: [{ role: 'system_admin', organizationCode: '25', organizationName: 'Ủy ban nhân dân tỉnh Phú Thọ' }],
      });
      expectError(await me({}), 401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
      expectError(await me({ cookie: 'thucthi_session=khong-phai-phien' }), 401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
    });

    it('logout ends the session and clears the cookies', async () => {
      const session = await t.login('baocao.tanhoa');
      expect((await me(session.headers)).statusCode).toBe(200);
      const response = await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ok: true });
      const cleared = response.cookies.filter((cookie) => cookie.value === '');
      expect(cleared.map((cookie) => cookie.name).sort()).toEqual(['thucthi_csrf', 'thucthi_session']);
      expectError(await me(session.headers), 401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
      const audit = await t.inject({ method: 'GET', url: '/api/v1/audit?entity=user&pageSize=1', headers: admin.headers });
      expect(audit.json().items[0]).toMatchObject({ actor: 'baocao.tanhoa', action: 'auth.logout' });
    });

    it('expires a session after the configured number of days', async () => {
      const session = await t.login('baocao.tanhoa');
      try {
        t.clock.advanceMinutes(t.app.deps.config.sessionDays * 24 * 60 - 1);
        expect((await me(session.headers)).statusCode).toBe(200);
        t.clock.advanceMinutes(2);
        expectError(await me(session.headers), 401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
      } finally {
        t.clock.set('2026-03-15');
      }
    });
  });

  describe('change password', () => {
    it('refuses a wrong current password, naming the field', async () => {
      await t.createUser('doi.matkhau', 'viewer', '25');
      const session = await t.login('doi.matkhau');
      const wrong = await t.inject({
        method: 'POST',
        url: '/api/v1/auth/change-password',
        headers: session.headers,
        payload: { currentPassword: 'khong-dung', newPassword: 'matkhau-moi-456' },
      });
      expectError(wrong, 400, 'VALIDATION_ERROR', 'Trường "currentPassword": mật khẩu hiện tại không đúng.');
      const short = await t.inject({
        method: 'POST',
        url: '/api/v1/auth/change-password',
        headers: session.headers,
        payload: { currentPassword: testPassword, newPassword: 'ngan' },
      });
      expectError(short, 400, 'VALIDATION_ERROR', 'Trường "newPassword": mật khẩu cần ít nhất 8 ký tự.');
      expect((await login('doi.matkhau', testPassword)).statusCode).toBe(200);
    });

    it('changes the password', async () => {
      const session = await t.login('doi.matkhau');
      const response = await t.inject({
        method: 'POST',
        url: '/api/v1/auth/change-password',
        headers: session.headers,
        payload: { currentPassword: testPassword, newPassword: 'matkhau-moi-456' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ok: true });
      expectError(await login('doi.matkhau', testPassword), 401, 'UNAUTHENTICATED', wrongCredentials);
      expect((await login('doi.matkhau', 'matkhau-moi-456')).statusCode).toBe(200);
    });
  });

  describe('CSRF', () => {
    const newOrganization = (code: string) => ({ code, name: `Đơn vị thử ${code}`, kind: 'agency', parentCode: '25' });

    it('refuses a cookie-authenticated write without the X-CSRF-Token header, changing nothing', async () => {
      const response = await t.inject({ method: 'POST', url: '/api/v1/organizations', headers: { cookie: admin.cookie }, payload: newOrganization('CSRF-1') });
      expectError(response, 403, 'FORBIDDEN', csrfMessage);
      expect(await organizationExists('CSRF-1')).toBe(false);
    });

    it('refuses a wrong X-CSRF-Token, changing nothing', async () => {
      const response = await t.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        headers: { cookie: admin.cookie, 'x-csrf-token': `${admin.csrf}x` },
        payload: newOrganization('CSRF-2'),
      });
      expectError(response, 403, 'FORBIDDEN', csrfMessage);
      expect(await organizationExists('CSRF-2')).toBe(false);
    });

    it('refuses another session’s CSRF token', async () => {
      const other = await t.login('baocao.tanhoa');
      const response = await t.inject({
        method: 'PATCH',
        url: '/api/v1/organizations/SKHCN',
        headers: { cookie: admin.cookie, 'x-csrf-token': other.csrf },
        payload: { name: 'Sở bị đổi tên' },
      });
      expectError(response, 403, 'FORBIDDEN', csrfMessage);
      const current = await t.inject({ method: 'GET', url: '/api/v1/organizations/SKHCN', headers: admin.headers });
      expect(current.json().name).toBe('Sở Khoa học và Công nghệ');
    });

    it('refuses logout and password change without the token', async () => {
      expectError(await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: admin.cookie } }), 403, 'FORBIDDEN', csrfMessage);
      const change = await t.inject({
        method: 'POST',
        url: '/api/v1/auth/change-password',
        headers: { cookie: admin.cookie },
        payload: { currentPassword: testPassword, newPassword: 'matkhau-moi-456' },
      });
      expectError(change, 403, 'FORBIDDEN', csrfMessage);
      expect((await me(admin.headers)).statusCode).toBe(200);
    });

    it('accepts the write with the right token', async () => {
      const response = await t.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin.headers, payload: newOrganization('CSRF-3') });
      expect(response.statusCode).toBe(201);
      expect(await organizationExists('CSRF-3')).toBe(true);
    });

    it('answers 401 for a write without any session, changing nothing', async () => {
      const response = await t.inject({ method: 'POST', url: '/api/v1/organizations', payload: newOrganization('CSRF-4') });
      expectError(response, 401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
      const stale = await t.inject({ method: 'POST', url: '/api/v1/organizations', headers: { cookie: 'thucthi_session=het-han', 'x-csrf-token': 'x' }, payload: newOrganization('CSRF-4') });
      expectError(stale, 401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
      expect(await organizationExists('CSRF-4')).toBe(false);
    });
  });

  describe('API tokens', () => {
    let tokenId: number;
    let token: string;

    it('creates a token through the API, shown once, that works without CSRF', async () => {
      const response = await t.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin.headers, payload: { name: 'Đồng bộ' } });
      expect(response.statusCode).toBe(201);
      const body = response.json() as { id: number; name: string; token: string };
      expect(body).toEqual({ id: expect.any(Number), name: 'Đồng bộ', token: expect.stringMatching(/^tt_[\w-]{40,}$/) });
      ({ id: tokenId, token } = body);

      const bearer = { authorization: `Bearer ${token}` };
      expect((await me(bearer)).json()).toMatchObject({ username: 'quantri', isSystemAdmin: true });
      const created = await t.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        headers: bearer,
        payload: { code: 'TOKEN-1', name: 'Đơn vị tạo bằng mã truy cập', kind: 'agency', parentCode: '25' },
      });
      expect(created.statusCode).toBe(201);

      const list = await t.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer });
      const listed = (list.json().items as Record<string, unknown>[]).find((item) => item.id === tokenId)!;
      expect(listed).toMatchObject({ name: 'Đồng bộ', username: 'quantri', revokedAt: null });
      expect(listed.lastUsedAt).not.toBeNull();
      expect(Object.keys(listed).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'userId', 'username']);
      expect(list.body).not.toContain(token);
    });

    it('creates a token through the service (CLI) for a user, with that user’s rights', async () => {
      const { token: reporterToken } = await t.services.users.createToken(null, { name: 'CLI', username: 'baocao.tanhoa' });
      const bearer = { authorization: `Bearer ${reporterToken}` };
      expect((await me(bearer)).json()).toMatchObject({ username: 'baocao.tanhoa', isSystemAdmin: false });
      const forbidden = await t.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        headers: bearer,
        payload: { code: 'TOKEN-2', name: 'Không được tạo', kind: 'agency', parentCode: '25' },
      });
      expectError(forbidden, 403, 'FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.');
      expect(await organizationExists('TOKEN-2')).toBe(false);
    });

    it('lets a user create a token for themselves only', async () => {
      const session = await t.login('baocao.tanhoa');
      const own = await t.inject({ method: 'POST', url: '/api/v1/tokens', headers: session.headers, payload: { name: 'Của tôi' } });
      expect(own.statusCode).toBe(201);
      const other = await t.inject({ method: 'POST', url: '/api/v1/tokens', headers: session.headers, payload: { name: 'Của quản trị', username: 'quantri' } });
      expectError(other, 403, 'FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.');
      // The same answer for a user who does not exist: nothing to learn about accounts.
      const nobody = await t.inject({ method: 'POST', url: '/api/v1/tokens', headers: session.headers, payload: { name: 'X', username: 'khongtontai' } });
      expectError(nobody, 403, 'FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.');
      const unknownForAdmin = await t.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin.headers, payload: { name: 'X', username: 'khongtontai' } });
      expectError(unknownForAdmin, 400, 'VALIDATION_ERROR', 'Trường "username": không tìm thấy người dùng "khongtontai".');
      const list = await t.inject({ method: 'GET', url: '/api/v1/tokens', headers: session.headers });
      expect((list.json().items as { username: string }[]).every((item) => item.username === 'baocao.tanhoa')).toBe(true);
      expectError(
        await t.inject({ method: 'DELETE', url: `/api/v1/tokens/${tokenId}`, headers: session.headers }),
        404,
        'NOT_FOUND',
        `Không tìm thấy mã truy cập ${tokenId}.`,
      );
    });

    it('answers 401 for a revoked or unknown token', async () => {
      const revoke = await t.inject({ method: 'DELETE', url: `/api/v1/tokens/${tokenId}`, headers: admin.headers });
      expect(revoke.statusCode).toBe(200);
      expect(revoke.json()).toEqual({ ok: true });
      expectError(await me({ authorization: `Bearer ${token}` }), 401, 'UNAUTHENTICATED', tokenMessage);
      const write = await t.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        headers: { authorization: `Bearer ${token}` },
        payload: { code: 'TOKEN-3', name: 'Sau khi thu hồi', kind: 'agency', parentCode: '25' },
      });
      expectError(write, 401, 'UNAUTHENTICATED', tokenMessage);
      expect(await organizationExists('TOKEN-3')).toBe(false);
      expectError(await me({ authorization: 'Bearer tt_khongtontai' }), 401, 'UNAUTHENTICATED', tokenMessage);
      const list = await t.inject({ method: 'GET', url: '/api/v1/tokens', headers: admin.headers });
      expect((list.json().items as { id: number; revokedAt: string | null }[]).find((item) => item.id === tokenId)!.revokedAt).not.toBeNull();
    });

    it('audits token creation and revocation', async () => {
      const response = await t.inject({ method: 'GET', url: `/api/v1/audit?entity=api_token&entityId=${tokenId}`, headers: admin.headers });
      const items = response.json().items as { actor: string; action: string; after: unknown }[];
      expect(items.map((item) => [item.actor, item.action])).toEqual([
        ['quantri', 'token.revoke'],
        ['quantri', 'token.create'],
      ]);
      expect(items[1].after).toEqual({ name: 'Đồng bộ', userId: expect.any(Number) });
    });
  });
});
