import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';
import { listImportAliases } from '../../src/server/modules/organizations/organizations.repository';

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

interface OrganizationBody {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  predecessors: string[];
  kind: string;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  isActive: boolean;
}
type TreeNode = OrganizationBody & { children: TreeNode[] };

describe.each(testEngines())('organizations on %s', (engine) => {
  let t: TestApp;
  let admin: Session;
  let reporter: Session;
  let coordinator: Session;

  const list = async (query: string, session = admin) => {
    const response = await t.inject({ method: 'GET', url: `/api/v1/organizations${query}`, headers: session.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: OrganizationBody[]; total: number };
  };
  const codesFound = async (search: string) => (await list(`?search=${encodeURIComponent(search)}`)).items.map((item) => item.code);
  const create = (payload: Record<string, unknown>, session = admin) =>
    t.inject({ method: 'POST', url: '/api/v1/organizations', headers: session.headers, payload });
  const patch = (code: string, payload: Record<string, unknown>, session = admin) =>
    t.inject({ method: 'PATCH', url: `/api/v1/organizations/${code}`, headers: session.headers, payload });
  const pathOf = async (code: string) => {
    const row = await t.services.organizations.getByCode(code);
    return { path: row.path, depth: row.depth, parentCode: row.parentCode };
  };
  const audit = async (entityId: string) =>
    (await t.inject({ method: 'GET', url: `/api/v1/audit?entity=organization&entityId=${encodeURIComponent(entityId)}`, headers: admin.headers })).json()
      .items as { actor: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];

  beforeAll(async () => {
    t = await buildTestApp(engine);
    admin = await t.userSession('quantri', 'system_admin', '25');
    reporter = await t.userSession('baocao.tanhoa', 'reporter', '04792');
    coordinator = await t.userSession('dieuphoi.skhcn', 'coordinator', 'SKHCN');
  });
  afterAll(async () => t?.close());

  describe('reading', () => {
    it('serves the tree: province 25 at the root, its departments and its 148 communes and wards below', async () => {
      const response = await t.inject({ method: 'GET', url: '/api/v1/organizations/tree', headers: reporter.headers });
      expect(response.statusCode).toBe(200);
      const roots = response.json() as TreeNode[];
      expect(roots.map((root) => [root.code, root.kind, root.parentCode])).toEqual([['25', 'province', null]]);
      const children = roots[0].children;
      expect(children.filter((child) => child.kind === 'commune' || child.kind === 'ward')).toHaveLength(148);
      expect(children.filter((child) => child.kind === 'department').map((child) => child.code)).toContain('SKHCN');
      expect(children.every((child) => child.parentCode === '25' && child.children.length === 0)).toBe(true);
      // Kind order, then Vietnamese alphabetical order within a kind.
      const kinds = children.map((child) => child.kind);
      expect(kinds.indexOf('commune')).toBeGreaterThan(kinds.lastIndexOf('department'));
      const communes = children.filter((child) => child.kind === 'commune').map((child) => child.name);
      expect(communes).toEqual([...communes].sort(new Intl.Collator('vi').compare));
    });

    it('lists with filters', async () => {
      const communes = await list('?kind=commune');
      const wards = await list('?kind=ward');
      expect(communes.total + wards.total).toBe(148);
      expect(communes.items.every((item) => item.kind === 'commune')).toBe(true);
      expect((await list('?parent=25')).total).toBe(23 - 1 + 148);
      expect((await list('?parent=SKHCN')).total).toBe(0);
      expect((await list('?parent=KHONGCO')).items).toEqual([]);
    });

    it('finds organizations by name accent-insensitively, by short name, alias and code', async () => {
      expect(await codesFound('so khoa hoc')).toEqual(['SKHCN']);
      expect(await codesFound('Sở Khoa học và Công nghệ')).toEqual(['SKHCN']);
      expect(await codesFound('SO KHOA HOC')).toEqual(['SKHCN']);
      expect(await codesFound('da bac')).toEqual(['04831']);
      expect(await codesFound('ĐÀ BẮC')).toEqual(['04831']);
      expect(await codesFound('Sở KH&CN')).toEqual(['SKHCN']);
      expect(await codesFound('so khcn')).toEqual(['SKHCN']);
      expect(await codesFound('04831')).toEqual(['04831']);
      expect(await codesFound('khong co don vi nay')).toEqual([]);
    });

    it('treats search text literally', async () => {
      for (const search of ['%', '_', '\\', "'", 'so%hoc']) expect(await codesFound(search), search).toEqual([]);
    });

    it('answers one organization by code, and 404 for an unknown code', async () => {
      const response = await t.inject({ method: 'GET', url: '/api/v1/organizations/SKHCN', headers: reporter.headers });
      expect(response.json()).toEqual({
        id: expect.any(Number),
        code: 'SKHCN',
        name: 'Sở Khoa học và Công nghệ',
        shortName: 'Sở KH&CN',
        aliases: ['Sở KHCN', 'Sở Khoa học Công nghệ'],
        predecessors: ['Sở Thông tin và Truyền thông'],
        kind: 'department',
        parentCode: '25',
        validFrom: null,
        validTo: null,
        isActive: true,
      });
      expectError(await t.inject({ method: 'GET', url: '/api/v1/organizations/KHONGCO', headers: admin.headers }), 404, 'NOT_FOUND', 'Không tìm thấy cơ quan, đơn vị có mã "KHONGCO".');
    });

    it('requires a session to read', async () => {
      expectError(await t.inject({ method: 'GET', url: '/api/v1/organizations' }), 401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
      expectError(await t.inject({ method: 'GET', url: '/api/v1/organizations/tree' }), 401, 'UNAUTHENTICATED', 'Vui lòng đăng nhập.');
    });

    it('refuses an unknown kind or flag in the query, naming the parameter', async () => {
      const kind = expectError(
        await t.inject({ method: 'GET', url: '/api/v1/organizations?kind=village', headers: admin.headers }),
        400,
        'VALIDATION_ERROR',
        /^Dữ liệu không hợp lệ \(tham số\): Trường "kind": phải là một trong: national, steering, /,
      );
      expect(kind.details).toEqual([{ field: 'kind', message: expect.stringContaining('commune, ward') }]);
      expectError(
        await t.inject({ method: 'GET', url: '/api/v1/organizations?includeInactive=yes', headers: admin.headers }),
        400,
        'VALIDATION_ERROR',
        'Dữ liệu không hợp lệ (tham số): Trường "includeInactive": phải là một trong: true, false',
      );
    });
  });

  describe('writing', () => {
    it('creates an organization (201) under a parent, audited', async () => {
      const response = await create({ code: 'TTUD', name: 'Trung tâm Ứng dụng tiến bộ KH&CN', shortName: 'TTUD', aliases: ['Trung tâm ứng dụng'], kind: 'agency', parentCode: 'SKHCN' });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toEqual({
        id: expect.any(Number),
        code: 'TTUD',
        name: 'Trung tâm Ứng dụng tiến bộ KH&CN',
        shortName: 'TTUD',
        aliases: ['Trung tâm ứng dụng'],
        predecessors: [],
        kind: 'agency',
        parentCode: 'SKHCN',
        validFrom: '2026-03-15',
        validTo: null,
        isActive: true,
      });
      expect(await pathOf('TTUD')).toEqual({ path: '/25/SKHCN/TTUD/', depth: 2, parentCode: 'SKHCN' });
      expect(await codesFound('trung tam ung dung tien bo')).toEqual(['TTUD']);
      const [event] = await audit('TTUD');
      expect(event).toMatchObject({ actor: 'quantri', action: 'organization.create', before: null, after: { code: 'TTUD', name: 'Trung tâm Ứng dụng tiến bộ KH&CN' } });

      const child = await create({ code: 'TTUD-PTN', name: 'Phòng thí nghiệm', kind: 'agency', parentCode: 'TTUD' });
      expect(child.statusCode).toBe(201);
      expect(await pathOf('TTUD-PTN')).toEqual({ path: '/25/SKHCN/TTUD/TTUD-PTN/', depth: 3, parentCode: 'TTUD' });
    });

    it('refuses a duplicate code (409)', async () => {
      expectError(await create({ code: 'SKHCN', name: 'Sở trùng mã', kind: 'department', parentCode: '25' }), 409, 'CONFLICT', 'Mã cơ quan, đơn vị "SKHCN" đã tồn tại.');
      expect((await list('?search=so trung ma')).items).toEqual([]);
    });

    it('refuses a bad kind (400), naming "kind"', async () => {
      const error = expectError(await create({ code: 'SAI-LOAI', name: 'Sai loại', kind: 'village', parentCode: '25' }), 400, 'VALIDATION_ERROR', /^Dữ liệu không hợp lệ \(dữ liệu\): Trường "kind": phải là một trong: /);
      expect((error.details as { field: string }[]).map((detail) => detail.field)).toEqual(['kind']);
    });

    it('refuses an unknown parent (400), naming "parentCode"', async () => {
      expectError(
        await create({ code: 'MO-COI', name: 'Không có cấp trên', kind: 'agency', parentCode: 'KHONGCO' }),
        400,
        'VALIDATION_ERROR',
        'Trường "parentCode": không tìm thấy cơ quan, đơn vị cấp trên có mã "KHONGCO".',
      );
      expectError(await t.inject({ method: 'GET', url: '/api/v1/organizations/MO-COI', headers: admin.headers }), 404, 'NOT_FOUND', 'Không tìm thấy cơ quan, đơn vị có mã "MO-COI".');
    });

    it('refuses a code with spaces or accents (400), naming "code"', async () => {
      expectError(await create({ code: 'Sở mới', name: 'Sở mới', kind: 'department', parentCode: '25' }), 400, 'VALIDATION_ERROR', /^Dữ liệu không hợp lệ \(dữ liệu\): Trường "code": chỉ gồm chữ cái không dấu/);
    });

    it('renames and moves an organization with its subtree, audited', async () => {
      const response = await patch('TTUD', { name: 'Trung tâm Chuyển đổi số', parentCode: 'SNNMT' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ code: 'TTUD', name: 'Trung tâm Chuyển đổi số', parentCode: 'SNNMT', shortName: 'TTUD' });
      expect(await pathOf('TTUD')).toEqual({ path: '/25/SNNMT/TTUD/', depth: 2, parentCode: 'SNNMT' });
      expect(await pathOf('TTUD-PTN')).toEqual({ path: '/25/SNNMT/TTUD/TTUD-PTN/', depth: 3, parentCode: 'TTUD' });

      const tree = (await t.inject({ method: 'GET', url: '/api/v1/organizations/tree', headers: admin.headers })).json() as TreeNode[];
      const snnmt = tree[0].children.find((child) => child.code === 'SNNMT')!;
      expect(snnmt.children.map((child) => child.code)).toEqual(['TTUD']);
      expect(snnmt.children[0].children.map((child) => child.code)).toEqual(['TTUD-PTN']);
      expect(tree[0].children.find((child) => child.code === 'SKHCN')!.children).toEqual([]);

      const [event] = await audit('TTUD');
      expect(event).toMatchObject({
        actor: 'quantri',
        action: 'organization.update',
        before: { name: 'Trung tâm Ứng dụng tiến bộ KH&CN', path: '/25/SKHCN/TTUD/' },
        after: { name: 'Trung tâm Chuyển đổi số', path: '/25/SNNMT/TTUD/' },
      });
    });

    it('moves the right subtree when codes hold LIKE wildcards', async () => {
      expect((await create({ code: 'A_B', name: 'Đơn vị A gạch B', kind: 'agency', parentCode: '25' })).statusCode).toBe(201);
      expect((await create({ code: 'AXB', name: 'Đơn vị AXB', kind: 'agency', parentCode: '25' })).statusCode).toBe(201);
      expect((await create({ code: 'AXB-1', name: 'Đơn vị con của AXB', kind: 'agency', parentCode: 'AXB' })).statusCode).toBe(201);
      expect((await patch('A_B', { parentCode: 'SKHCN' })).statusCode).toBe(200);
      expect(await pathOf('A_B')).toEqual({ path: '/25/SKHCN/A_B/', depth: 2, parentCode: 'SKHCN' });
      expect(await pathOf('AXB')).toEqual({ path: '/25/AXB/', depth: 1, parentCode: '25' });
      expect(await pathOf('AXB-1')).toEqual({ path: '/25/AXB/AXB-1/', depth: 2, parentCode: 'AXB' });
    });

    it('refuses to move an organization under itself or its subtree', async () => {
      const message = 'Trường "parentCode": không thể chuyển cơ quan, đơn vị vào chính cấp dưới của nó.';
      expectError(await patch('TTUD', { parentCode: 'TTUD' }), 400, 'VALIDATION_ERROR', message);
      expectError(await patch('TTUD', { parentCode: 'TTUD-PTN' }), 400, 'VALIDATION_ERROR', message);
      expectError(await patch('TTUD', { parentCode: 'KHONGCO' }), 400, 'VALIDATION_ERROR', 'Trường "parentCode": không tìm thấy cơ quan, đơn vị cấp trên có mã "KHONGCO".');
      expect(await pathOf('TTUD')).toEqual({ path: '/25/SNNMT/TTUD/', depth: 2, parentCode: 'SNNMT' });
      expectError(await patch('KHONGCO', { name: 'X' }), 404, 'NOT_FOUND', 'Không tìm thấy cơ quan, đơn vị có mã "KHONGCO".');
    });

    it('deactivates: hidden from the default list and tree, shown with includeInactive=true', async () => {
      const withChildren = await t.inject({ method: 'POST', url: '/api/v1/organizations/TTUD/deactivate', headers: admin.headers });
      expectError(
        withChildren,
        409,
        'CONFLICT',
        'Cơ quan, đơn vị "TTUD" còn 1 đơn vị trực thuộc đang hoạt động (TTUD-PTN). Vui lòng chuyển hoặc ngừng hoạt động các đơn vị này trước.',
      );
      expect((await t.inject({ method: 'GET', url: '/api/v1/organizations/TTUD', headers: admin.headers })).json().isActive).toBe(true);

      const response = await t.inject({ method: 'POST', url: '/api/v1/organizations/TTUD-PTN/deactivate', headers: admin.headers });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ code: 'TTUD-PTN', isActive: false, validTo: '2026-03-15' });
      expect(await codesFound('phong thi nghiem')).toEqual([]);
      expect((await list('?search=phong%20thi%20nghiem&includeInactive=true')).items.map((item) => [item.code, item.isActive])).toEqual([['TTUD-PTN', false]]);
      const tree = (await t.inject({ method: 'GET', url: '/api/v1/organizations/tree', headers: admin.headers })).json() as TreeNode[];
      const ttud = tree[0].children.find((child) => child.code === 'SNNMT')!.children[0];
      expect(ttud.children).toEqual([]);
      const withInactive = (await t.inject({ method: 'GET', url: '/api/v1/organizations/tree?includeInactive=true', headers: admin.headers })).json() as TreeNode[];
      expect(withInactive[0].children.find((child) => child.code === 'SNNMT')!.children[0].children.map((child) => child.code)).toEqual(['TTUD-PTN']);
      expect((await t.inject({ method: 'GET', url: '/api/v1/organizations/TTUD-PTN', headers: admin.headers })).json().isActive).toBe(false);

      const dated = await t.inject({ method: 'POST', url: '/api/v1/organizations/AXB-1/deactivate', headers: admin.headers, payload: { validTo: '2026-02-30' } });
      expectError(dated, 400, 'VALIDATION_ERROR', 'Dữ liệu không hợp lệ (dữ liệu): Trường "validTo": không phải là ngày hợp lệ');
      const [event] = await audit('TTUD-PTN');
      expect(event).toMatchObject({ actor: 'quantri', action: 'organization.deactivate', before: { isActive: true }, after: { isActive: false } });
    });

    it('keeps active organizations under active ones: no create or move under an inactive parent', async () => {
      const message = 'Trường "parentCode": cơ quan, đơn vị cấp trên "TTUD-PTN" đã ngừng hoạt động.';
      expectError(await create({ code: 'PTN-CON', name: 'Tổ thí nghiệm', kind: 'agency', parentCode: 'TTUD-PTN' }), 400, 'VALIDATION_ERROR', message);
      expectError(await patch('AXB-1', { parentCode: 'TTUD-PTN' }), 400, 'VALIDATION_ERROR', message);
      const deactivated = await t.inject({ method: 'POST', url: '/api/v1/organizations/TTUD/deactivate', headers: admin.headers, payload: { validTo: '2026-03-31' } });
      expect(deactivated.statusCode, deactivated.body).toBe(200);
      expect(deactivated.json()).toMatchObject({ isActive: false, validTo: '2026-03-31' });
    });
  });

  describe('import aliases', () => {
    it('remembers a name for an organization, audited', async () => {
      const response = await t.inject({ method: 'POST', url: '/api/v1/organizations/aliases', headers: admin.headers, payload: { name: 'Sở KH và CN tỉnh', organizationCode: 'SKHCN' } });
      expect(response.statusCode, response.body).toBe(200);
      const { normalizedName } = response.json() as { ok: boolean; normalizedName: string };
      expect(response.json()).toEqual({ ok: true, normalizedName: expect.any(String) });
      const stored = (await listImportAliases(t.testDatabase.database.db)).find((alias) => alias.normalizedName === normalizedName)!;
      const skhcn = await t.services.organizations.getByCode('SKHCN');
      expect(stored).toMatchObject({ name: 'Sở KH và CN tỉnh', organizationId: skhcn.id, groupKey: null });
      const [event] = await audit('SKHCN');
      expect(event).toMatchObject({ actor: 'quantri', action: 'organization.alias', after: { name: 'Sở KH và CN tỉnh', organizationCode: 'SKHCN', group: null } });
    });

    it('lets a coordinator keep an alias, and maps a name to a group', async () => {
      const response = await t.inject({ method: 'POST', url: '/api/v1/organizations/aliases', headers: coordinator.headers, payload: { name: 'Các xã, phường', group: 'communes' } });
      expect(response.statusCode, response.body).toBe(200);
    });

    it('refuses a reporter (403), both or neither target (400), an unknown organization (400)', async () => {
      expectError(
        await t.inject({ method: 'POST', url: '/api/v1/organizations/aliases', headers: reporter.headers, payload: { name: 'Tên khác', organizationCode: '04792' } }),
        403,
        'FORBIDDEN',
        forbiddenMessage,
      );
      const oneOf = 'Vui lòng chọn đúng một cơ quan, đơn vị (organizationCode) hoặc một nhóm (group).';
      expectError(await t.inject({ method: 'POST', url: '/api/v1/organizations/aliases', headers: admin.headers, payload: { name: 'Tên khác' } }), 400, 'VALIDATION_ERROR', oneOf);
      expectError(
        await t.inject({ method: 'POST', url: '/api/v1/organizations/aliases', headers: admin.headers, payload: { name: 'Tên khác', organizationCode: 'SKHCN', group: 'communes' } }),
        400,
        'VALIDATION_ERROR',
        oneOf,
      );
      expectError(
        await t.inject({ method: 'POST', url: '/api/v1/organizations/aliases', headers: admin.headers, payload: { name: 'Tên khác', organizationCode: 'KHONGCO' } }),
        400,
        'VALIDATION_ERROR',
        'Trường "organizationCode": không tìm thấy cơ quan, đơn vị có mã "KHONGCO".',
      );
      expectError(
        await t.inject({ method: 'POST', url: '/api/v1/organizations/aliases', headers: admin.headers, payload: { name: '!!!', organizationCode: 'SKHCN' } }),
        400,
        'VALIDATION_ERROR',
        'Trường "name": tên không có chữ cái hoặc chữ số nào.',
      );
    });
  });

  describe('role scoping', () => {
    it('a reporter of commune 04792 reads organizations but cannot change them or list users (403)', async () => {
      expect((await list('?kind=ward', reporter)).total).toBeGreaterThan(0);
      expectError(await create({ code: 'TU-TAO', name: 'Tự tạo', kind: 'agency', parentCode: '04792' }, reporter), 403, 'FORBIDDEN', forbiddenMessage);
      expectError(await patch('04792', { name: 'Phường đổi tên' }, reporter), 403, 'FORBIDDEN', forbiddenMessage);
      expectError(await t.inject({ method: 'POST', url: '/api/v1/organizations/04831/deactivate', headers: reporter.headers }), 403, 'FORBIDDEN', forbiddenMessage);
      expectError(await t.inject({ method: 'GET', url: '/api/v1/users', headers: reporter.headers }), 403, 'FORBIDDEN', forbiddenMessage);
      expectError(await t.inject({ method: 'GET', url: '/api/v1/audit', headers: reporter.headers }), 403, 'FORBIDDEN', forbiddenMessage);
      const tanHoa = (await t.inject({ method: 'GET', url: '/api/v1/organizations/04792', headers: admin.headers })).json() as OrganizationBody;
      expect(tanHoa.name).toBe('Phường Tân Hòa');
      expect((await t.inject({ method: 'GET', url: '/api/v1/organizations/04831', headers: admin.headers })).json().isActive).toBe(true);
      expectError(await t.inject({ method: 'GET', url: '/api/v1/organizations/TU-TAO', headers: admin.headers }), 404, 'NOT_FOUND', 'Không tìm thấy cơ quan, đơn vị có mã "TU-TAO".');
    });

    it('a coordinator cannot create organizations either (403)', async () => {
      expectError(await create({ code: 'TT-MOI', name: 'Trung tâm mới', kind: 'agency', parentCode: 'SKHCN' }, coordinator), 403, 'FORBIDDEN', forbiddenMessage);
    });
  });
});
