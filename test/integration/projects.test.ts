import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';
import { buildPortfolioReportSection } from '../../src/server/modules/projects/projects.report-section';

/** Five council members from outside the host, with the same scores on every criterion of the acceptance rule. */
function acceptanceCouncil(scores: [number, number, number, number], overrides: Partial<{ name: string; organizationCode: string }>[] = []) {
  const roles = ['chair', 'reviewer', 'reviewer', 'member', 'secretary'] as const;
  const names = ['GS.TS. Phạm Văn Hùng', 'PGS.TS. Đỗ Thị Lan', 'TS. Vũ Minh Quân', 'TS. Hoàng Thu Trang', 'ThS. Bùi Văn Nam'];
  const organizations = ['SKHCN', 'SNNMT', 'SYT', 'SCT', 'SKHCN'];
  return roles.map((role, index) => ({
    name: overrides[index]?.name ?? names[index],
    role,
    organizationCode: overrides[index]?.organizationCode ?? organizations[index],
    scores: { volume: scores[0], quality: scores[1], application: scores[2], management: scores[3] },
  }));
}

function evaluationCouncil() {
  return acceptanceCouncil([0, 0, 0, 0]).map((member) => ({ ...member, scores: { objectives: 32, team: 25, products: 24 } }));
}

describe.each(testEngines())('S&T projects on %s', (engine) => {
  let t: TestApp;
  let coordinator: Session;
  let host: Session;
  let outsider: Session;

  const post = (session: Session, url: string, payload: unknown) => t.inject({ method: 'POST', url, headers: session.headers, payload: payload as object });
  const get = (session: Session, url: string) => t.inject({ method: 'GET', url, headers: session.headers });
  /** Moves the clock (the users hold API tokens, which do not expire like sessions). */
  async function at(date: string) {
    t.clock.set(date);
  }
  async function tokenSession(username: string, role: 'coordinator' | 'reporter', organization: string): Promise<Session> {
    await t.createUser(username, role, organization);
    const { token } = await t.services.users.createToken(null, { name: 'test', username });
    return { cookie: '', csrf: '', headers: { authorization: `Bearer ${token}` } };
  }

  beforeAll(async () => {
    t = await buildTestApp(engine, { today: '2025-01-10' });
    coordinator = await tokenSession('theodoi', 'coordinator', '25');
    host = await tokenSession('dhhv', 'reporter', 'DHHV');
    outsider = await tokenSession('syt', 'reporter', 'SYT');
  });
  afterAll(async () => t?.close());

  /** Moves a project on; returns the detail. */
  async function advance(id: number, stage: string, on: string, extra: Record<string, unknown> = {}) {
    const current = (await get(coordinator, `/api/v1/projects/${id}`)).json();
    const response = await post(coordinator, `/api/v1/projects/${id}/advance`, { version: current.version, stage, on, ...extra });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function propose(code: string, title: string, on: string) {
    await at(on);
    const response = await post(coordinator, '/api/v1/projects', {
      code,
      title,
      type: 'research',
      level: 'province',
      field: 'agricultural',
      hostCode: 'DHHV',
      principalInvestigator: 'TS. Nguyễn Văn An',
      members: [{ name: 'ThS. Lê Thị Bình' }, { name: 'KS. Trần Văn Cường' }],
      objectives: 'Chọn tạo giống chè chất lượng cao',
      expectedProducts: '02 giống chè; quy trình kỹ thuật',
      budget: { total: 1000, stateByYear: { '2025': 500, '2026': 300 }, other: 200 },
      document: { number: '15/PĐX-ĐHHV', issuedOn: on },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: number; version: number; currentStage: string };
  }

  /** Takes a fresh proposal to a signed contract (end month given), through every required step. */
  async function contract(id: number, startOn: string, endMonth: string) {
    let on = startOn;
    const next = (days: number) => {
      const date = new Date(`${on}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() + days);
      on = date.toISOString().slice(0, 10);
      t.clock.set(on);
      return on;
    };
    await advance(id, 'approved_list', next(10), { document: { kind: 'list_decision', number: '120/QĐ-UBND' } });
    await advance(id, 'selection', next(10), { document: { kind: 'application_dossier', number: 'HS-01' }, selectionMode: 'direct' });
    await advance(id, 'evaluation', next(10));
    const current = (await get(coordinator, `/api/v1/projects/${id}`)).json();
    const council = await post(coordinator, `/api/v1/projects/${id}/councils`, { version: current.version, kind: 'evaluation', heldOn: next(1), minutesNumber: 'BB-TC-01', members: evaluationCouncil() });
    expect(council.statusCode, council.body).toBe(200);
    await advance(id, 'budget_appraisal', next(5), { document: { kind: 'appraisal_minutes', number: 'BB-TĐ-01' } });
    await advance(id, 'approval', next(5), { document: { kind: 'approval_decision', number: '300/QĐ-UBND' } });
    return advance(id, 'contract', next(5), { document: { kind: 'contract', number: '12/HĐ-KHCN' }, startMonth: on.slice(0, 7), endMonth });
  }

  it('takes a project from proposal to the application of its results, keeping its task in step', async () => {
    const created = await propose('ĐT.2025.01', 'Nghiên cứu chọn tạo giống chè chất lượng cao phục vụ chế biến chè xanh', '2025-01-10');
    expect(created).toMatchObject({ currentStage: 'proposal', timeliness: 'not_contracted', task: null, nextStages: [{ code: 'definition', isOptional: true }, { code: 'approved_list' }] });
    const id = created.id;

    // No skipping a required step; the host cannot move the project.
    let response = await post(coordinator, `/api/v1/projects/${id}/advance`, { version: created.version, stage: 'evaluation', on: '2025-01-10' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('Chưa thực hiện bước bắt buộc "Phê duyệt danh mục", "Tuyển chọn, giao trực tiếp"; không thể chuyển thẳng sang bước "Hội đồng tuyển chọn, giao trực tiếp".');
    response = await post(host, `/api/v1/projects/${id}/advance`, { version: created.version, stage: 'approved_list', on: '2025-01-10', document: { kind: 'list_decision' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toBe('Bạn không có quyền thực hiện thao tác này.');
    // Another unit does not see it.
    expect((await get(outsider, `/api/v1/projects/${id}`)).statusCode).toBe(404);

    let detail = await contract(id, '2025-01-10', '2026-06');
    expect(detail).toMatchObject({ currentStage: 'contract', timeliness: 'in_progress', deadline: '2026-06-30', directiveNumber: 'CTr-KHCN', task: { assignedOn: '2025-02-25', deadline: '2026-06-30', extensionCount: 0 } });
    const taskId = detail.task.id;
    // The task carries the contract's end date, led by the host, under the province's programme.
    let task = (await get(coordinator, `/api/v1/tasks/${taskId}`)).json();
    expect(task).toMatchObject({ leadCode: 'DHHV', assigningCode: '25', directiveNumber: 'CTr-KHCN', deadline: '2026-06-30', originalDeadline: '2026-06-30', state: 'in_progress', title: 'Nghiên cứu chọn tạo giống chè chất lượng cao phục vụ chế biến chè xanh' });
    // Its workflow runs on the project page only: the tasks pages cannot cancel it behind the project's back.
    const bypass = await t.inject({ method: 'POST', url: `/api/v1/tasks/${taskId}/cancel`, headers: coordinator.headers, payload: { version: task.version, reason: 'Thử hủy' } });
    expect(bypass.statusCode).toBe(409);
    expect(bypass.json().error.message).toContain('Nhiệm vụ KH&CN');

    await at('2025-03-01');
    detail = await advance(id, 'implementation', '2025-03-01');
    // Payments: within the approved budget of each source.
    await at('2025-03-20');
    response = await post(coordinator, `/api/v1/projects/${id}/payments`, { paidOn: '2025-03-20', amount: 300, source: 'state', documentNumber: 'UNC-01' });
    expect(response.statusCode, response.body).toBe(200);
    response = await post(coordinator, `/api/v1/projects/${id}/payments`, { paidOn: '2025-03-20', amount: 500.5, source: 'state' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('Tổng kinh phí ngân sách nhà nước đã cấp (800,5 triệu đồng) vượt kinh phí được phê duyệt (800 triệu đồng).');
    response = await post(coordinator, `/api/v1/projects/${id}/payments`, { paidOn: '2025-03-20', amount: 200, source: 'other' });
    expect(response.json().budget).toMatchObject({ state: 800, paid: 500, paidState: 300, paidOther: 200, remainingState: 500, byYear: [{ year: 2025, planned: 500, paid: 300 }, { year: 2026, planned: 300, paid: 0 }] });

    // The host reports every six months; the report is a progress update of the task.
    await at('2025-09-05');
    response = await post(host, `/api/v1/projects/${id}/reports`, { kind: 'progress', on: '2025-09-05', period: '2025S1', percent: 40, narrative: 'Đã thu thập 120 mẫu giống.' });
    expect(response.statusCode, response.body).toBe(200);
    task = (await get(coordinator, `/api/v1/tasks/${taskId}`)).json();
    expect(task).toMatchObject({ progress: 40 });
    expect(task.updates[0].narrative).toContain('Đã thu thập 120 mẫu giống.');

    // A schedule change approved on 20/05/2026 is an extension of the task from that date.
    await at('2026-05-10');
    response = await post(host, `/api/v1/projects/${id}/changes`, { kind: 'schedule', description: 'Kéo dài thời gian theo dõi vụ thu hoạch', endMonth: '2026-12' });
    expect(response.statusCode, response.body).toBe(200);
    const requestId = response.json().changes[0].id;
    await at('2026-05-20');
    response = await post(coordinator, `/api/v1/projects/${id}/changes/${requestId}/approve`, { version: response.json().version, on: '2026-05-20', decisionNumber: '88/QĐ-SKHCN' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ endMonth: '2026-12', deadline: '2026-12-31', changes: [{ status: 'approved', decidedOn: '2026-05-20' }], task: { originalDeadline: '2026-06-30', deadline: '2026-12-31', extensionCount: 1 } });
    task = (await get(coordinator, `/api/v1/tasks/${taskId}`)).json();
    expect(task.extensions[0]).toMatchObject({ status: 'approved', decidedOn: '2026-05-20', requestedDeadline: '2026-12-31', previousDeadline: '2026-06-30' });

    // Acceptance needs the final report, then a council: no acceptance without it.
    await at('2026-11-20');
    response = await post(coordinator, `/api/v1/projects/${id}/advance`, { version: response.json().version, stage: 'acceptance', on: '2026-11-20' });
    expect(response.json().error.message).toBe('Bước "Nghiệm thu" cần văn bản: Báo cáo tổng hợp kết quả.');
    detail = await advance(id, 'acceptance', '2026-11-20', { document: { kind: 'final_report', number: '25/BC-ĐHHV' } });
    response = await post(coordinator, `/api/v1/projects/${id}/advance`, { version: detail.version, stage: 'settlement', on: '2026-11-25', document: { kind: 'settlement_minutes' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('Chưa có kết quả Hội đồng nghiệm thu; không thể chuyển sang bước "Thanh lý hợp đồng".');

    // A member from the host organization, or the investigator himself, is refused.
    await at('2026-12-10');
    response = await post(coordinator, `/api/v1/projects/${id}/councils`, {
      version: detail.version,
      kind: 'acceptance',
      heldOn: '2026-12-10',
      members: acceptanceCouncil([25, 34, 16, 8], [{}, {}, {}, { name: 'TS. Hà Văn Khoa', organizationCode: 'DHHV' }, { name: 'Nguyễn Văn An' }]),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [
        'Thành viên "TS. Hà Văn Khoa" thuộc tổ chức chủ trì (Trường Đại học Hùng Vương): không được tham gia hội đồng (xung đột lợi ích).',
        'Thành viên "Nguyễn Văn An" là chủ nhiệm hoặc thành viên thực hiện nhiệm vụ: không được tham gia hội đồng (xung đột lợi ích).',
      ],
    });
    response = await post(coordinator, `/api/v1/projects/${id}/councils`, { version: detail.version, kind: 'acceptance', heldOn: '2026-12-10', minutesNumber: '05/BB-HĐNT', members: acceptanceCouncil([25, 34, 16, 8]) });
    expect(response.statusCode, response.body).toBe(200);
    detail = response.json();
    expect(detail.councils.at(-1)).toMatchObject({ kind: 'acceptance', meanScore: 83, result: 'pass', resultName: 'Đạt', members: expect.arrayContaining([expect.objectContaining({ name: 'GS.TS. Phạm Văn Hùng', role: 'chair', organizationCode: 'SKHCN' })]) });
    // Acceptance is the completion of the task, on the council's date: within the extended deadline.
    expect(detail).toMatchObject({ acceptanceRating: 'pass', acceptedOn: '2026-12-10', timeliness: 'completed_on_time', task: { completedOn: '2026-12-10' } });
    task = (await get(coordinator, `/api/v1/tasks/${taskId}`)).json();
    expect(task).toMatchObject({ state: 'completed', completedOn: '2026-12-10', timeliness: 'completed_on_time', progress: 100 });

    await at('2027-01-15');
    detail = await advance(id, 'settlement', '2027-01-15', { document: { kind: 'settlement_minutes', number: '02/BB-TLHĐ' } });
    await at('2027-02-10');
    detail = await advance(id, 'registration', '2027-02-01', { document: { kind: 'registration_certificate', number: '10/2027/GCN' } });
    detail = await advance(id, 'application', '2027-02-10');
    response = await post(host, `/api/v1/projects/${id}/applications`, { appliedOn: '2027-02-10', organizationCode: 'SNNMT', description: 'Chuyển giao 02 giống chè cho các hợp tác xã chè' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().applications[0]).toMatchObject({ organizationCode: 'SNNMT', followUpUntil: '2029-02-10', status: 'applying', followingUp: true });
    expect(response.json().stages.map((stage: { code: string; status: string }) => `${stage.code}:${stage.status}`)).toEqual([
      'proposal:done',
      'definition:passed',
      'approved_list:done',
      'selection:done',
      'evaluation:done',
      'budget_appraisal:done',
      'approval:done',
      'contract:done',
      'implementation:done',
      'acceptance:done',
      'settlement:done',
      'registration:done',
      'application:current',
    ]);
    const register = (await get(coordinator, '/api/v1/projects/applications')).json();
    expect(register.items).toContainEqual(expect.objectContaining({ projectCode: 'ĐT.2025.01', organizationName: 'Sở Nông nghiệp và Môi trường', followingUp: true }));

    // Each step is dated in the timeline and in the audit log.
    const timeline = response.json().timeline.filter((entry: { action: string }) => entry.action === 'stage').map((entry: { stage: string; on: string }) => `${entry.stage}@${entry.on}`);
    expect(timeline).toEqual([
      'proposal@2025-01-10',
      'approved_list@2025-01-20',
      'selection@2025-01-30',
      'evaluation@2025-02-09',
      'budget_appraisal@2025-02-15',
      'approval@2025-02-20',
      'contract@2025-02-25',
      'implementation@2025-03-01',
      'acceptance@2026-11-20',
      'settlement@2027-01-15',
      'registration@2027-02-01',
      'application@2027-02-10',
    ]);
    const audit = (await get(coordinator, `/api/v1/audit?entity=project&entityId=${id}&pageSize=100`)).json();
    expect(audit.items.map((item: { action: string }) => item.action)).toEqual(
      expect.arrayContaining(['project.create', 'project.advance', 'project.council', 'project.payment', 'project.report', 'project.change_request', 'project.change_approve', 'project.application']),
    );
  });

  it('counts a project past its end date without acceptance as overdue, in its statistics and in the task statistics', async () => {
    const created = await propose('ĐT.2025.02', 'Ứng dụng công nghệ số trong quản lý vùng chè', '2025-01-10');
    const detail = await contract(created.id, '2025-01-10', '2025-12');
    await advance(created.id, 'implementation', detail.task.assignedOn);
    await at('2026-02-01');
    const project = (await get(coordinator, `/api/v1/projects/${created.id}?asOf=2026-01-15`)).json();
    expect(project).toMatchObject({ timeliness: 'overdue', overdueDays: 15, deadline: '2025-12-31' });
    expect((await get(coordinator, `/api/v1/projects/${created.id}?asOf=2025-12-31`)).json()).toMatchObject({ timeliness: 'in_progress', dueSoon: true, risks: ['deadline_near', 'report_missing'] });

    const stats = (await get(coordinator, '/api/v1/projects/stats?asOf=2026-01-15')).json();
    expect(stats.byTimeliness.overdue).toBeGreaterThanOrEqual(1);
    expect(stats.byLevel.province).toBe(stats.total);
    expect(Object.values(stats.byTimeliness as Record<string, number>).reduce((sum, count) => sum + count, 0)).toBe(stats.total);

    // The host appears in the task statistics and the ranking with its overdue project.
    const tasks = (await get(coordinator, '/api/v1/stats/tasks?asOf=2026-01-15&org=DHHV')).json();
    expect(tasks.overdue).toBeGreaterThanOrEqual(1);
    expect(tasks.organizations).toContainEqual(expect.objectContaining({ code: 'DHHV' }));
    const portfolio = (await get(coordinator, '/api/v1/projects/portfolio?asOf=2026-01-15')).json();
    expect(portfolio.attention[0]).toMatchObject({ timeliness: 'overdue' });
    expect(portfolio.byHost).toContainEqual(expect.objectContaining({ code: 'DHHV', overdue: expect.any(Number) }));
    // Before the project existed it is not counted.
    expect((await get(coordinator, '/api/v1/projects/stats?asOf=2024-12-31')).json().total).toBe(0);
    // The portfolio section of a periodic report says the same.
    const section = buildPortfolioReportSection(await t.services.projects.portfolio(null, { asOf: '2026-01-15' }));
    expect(section.paragraphs[0]).toContain(`${stats.byTimeliness.overdue} nhiệm vụ quá hạn chưa nghiệm thu`);
    expect(section.paragraphs[2]).toContain('ĐT.2025.02 "Ứng dụng công nghệ số trong quản lý vùng chè" (Trường Đại học Hùng Vương, quá hạn 15 ngày)');
    expect(section.table.rows[0]).toContain('Trường Đại học Hùng Vương');
  });

  it('ships the stages and council rules as configuration, changed only by an administrator', async () => {
    const config = (await get(coordinator, '/api/v1/projects/config')).json();
    expect(config.stages.map((stage: { code: string }) => stage.code)).toEqual([
      'proposal', 'definition', 'approved_list', 'selection', 'evaluation', 'budget_appraisal', 'approval', 'contract', 'implementation', 'acceptance', 'settlement', 'registration', 'application',
    ]);
    expect(config.councilRules.acceptance).toMatchObject({ excellentFrom: 85, passFrom: 70, minMembers: 5 });
    const rules = { ...config.councilRules, acceptance: { ...config.councilRules.acceptance, passFrom: 60 } };
    let response = await t.inject({ method: 'PUT', url: '/api/v1/projects/config/councils', headers: coordinator.headers, payload: { rules } });
    expect(response.statusCode).toBe(403);
    await t.createUser('quantri', 'system_admin', '25');
    const { token } = await t.services.users.createToken(null, { name: 'test', username: 'quantri' });
    const admin = { authorization: `Bearer ${token}` };
    response = await t.inject({ method: 'PUT', url: '/api/v1/projects/config/councils', headers: admin, payload: { rules } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().councilRules.acceptance.passFrom).toBe(60);
    // A stage in use cannot disappear; the contract stage is required.
    const withoutImplementation = config.stages.filter((stage: { code: string }) => stage.code !== 'implementation');
    response = await t.inject({ method: 'PUT', url: '/api/v1/projects/config/stages', headers: admin, payload: { stages: withoutImplementation } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toBe('Không thể bỏ bước đang có nhiệm vụ: implementation.');
    response = await t.inject({ method: 'PUT', url: '/api/v1/projects/config/stages', headers: admin, payload: { stages: config.stages.filter((stage: { code: string }) => stage.code !== 'contract') } });
    expect(response.statusCode).toBe(400);
    response = await t.inject({ method: 'PUT', url: '/api/v1/projects/config/councils', headers: admin, payload: { rules: config.councilRules } });
    expect(response.statusCode).toBe(200);
  });

  it('puts the portfolio in the Word report of the province', async () => {
    const { default: JSZip } = await import('jszip');
    const file = await t.services.reports.exportReport(null, { org: '25', asOf: t.clock.today() }, 'docx');
    const xml = await (await JSZip.loadAsync(file.buffer)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Tình hình thực hiện các nhiệm vụ khoa học và công nghệ');
    expect(xml).toContain('nhiệm vụ khoa học và công nghệ các cấp');
  });

  it('imports a project list all or nothing, and exports the views', async () => {
    await at('2026-03-15');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow(['STT', 'Mã số', 'Tên nhiệm vụ', 'Loại nhiệm vụ', 'Cấp quản lý', 'Lĩnh vực', 'Tổ chức chủ trì', 'Chủ nhiệm nhiệm vụ', 'Thời gian bắt đầu', 'Thời gian kết thúc', 'Tổng kinh phí', 'NSNN năm 2024', 'Đã cấp năm 2024', 'Giai đoạn', 'Ngày ký hợp đồng', 'Ngày nghiệm thu', 'Kết quả nghiệm thu']);
    sheet.addRow([1, 'ĐT.2024.11', 'Đánh giá chất lượng nước sông Lô', 'Đề tài', 'Tỉnh', 'Khoa học tự nhiên', 'Trường Đại học Hùng Vương', 'TS. Lê Văn Hải', '1/2024', '12/2025', 600, 600, 400, 'Đang thực hiện', '15/01/2024']);
    sheet.addRow([2, 'DA.2023.02', 'Sản xuất thử nghiệm chế phẩm sinh học', 'Dự án SXTN', 'Cơ sở', 'Nông nghiệp', 'Viện Không Có', 'KS. Trần Mai', '3/2023', '2/2025', 300, null, null, 'Thanh lý hợp đồng', '10/03/2023']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const send = (dryRun: boolean, content: Buffer) => {
      const boundary = '----thucthi';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\n${dryRun}\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ds.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.inject({ method: 'POST', url: '/api/v1/projects/import', headers: { ...coordinator.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    };
    let response = await send(false, file);
    expect(response.statusCode).toBe(422);
    const errors = response.json().error.details.errors;
    expect(errors.map((error: { row: number; column: string }) => [error.row, error.column])).toEqual([
      [3, 'G'],
      [3, 'P'],
    ]);
    expect(errors[0].suggestions).toHaveLength(3);
    expect((await get(coordinator, '/api/v1/projects?search=s%C3%B4ng%20L%C3%B4')).json().total).toBe(0);

    sheet.getCell('G3').value = 'Sở Nông nghiệp và Môi trường';
    sheet.getCell('P3').value = '20/01/2025';
    sheet.getCell('Q3').value = 'Đạt';
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    response = await send(true, fixed);
    expect(response.json()).toMatchObject({ ok: true, dryRun: true, created: 2 });
    response = await send(false, fixed);
    expect(response.statusCode, response.body).toBe(200);
    const list = (await get(coordinator, '/api/v1/projects?search=song%20lo')).json();
    expect(list.items[0]).toMatchObject({ code: 'ĐT.2024.11', stage: 'implementation', timeliness: 'overdue', deadline: '2025-12-31', paid: 400 });
    const settled = (await get(coordinator, '/api/v1/projects?search=DA.2023.02')).json().items[0];
    expect(settled).toMatchObject({ stage: 'settlement', timeliness: 'completed_on_time', acceptanceRating: 'pass', acceptedOn: '2025-01-20' });

    const exported = await get(coordinator, '/api/v1/projects/export?level=province');
    expect(exported.statusCode).toBe(200);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    const rows: string[] = [];
    read.worksheets[0].eachRow((row) => rows.push(String(row.getCell(2).value ?? '')));
    expect(rows).toContain('ĐT.2024.11');
    expect(rows).not.toContain('DA.2023.02');
    const portfolio = await get(coordinator, '/api/v1/projects/portfolio/export');
    expect(portfolio.statusCode).toBe(200);
    const template = await get(coordinator, '/api/v1/projects/import/template');
    expect(template.statusCode).toBe(200);
  });
});

/** Runs `thucthi` as a user would, on its own embedded database. */
function thucthi(args: string[], dataDir: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/thucthi.js', ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('thucthi projects (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thucthi-projects-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a list (exit 1 with errors, 0 when written) and prints the statistics as of a date', async () => {
    const dataDir = path.join(dir, 'data');
    expect((await thucthi(['seed', 'reference'], dataDir)).status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['Mã số', 'Tên nhiệm vụ', 'Loại nhiệm vụ', 'Cấp quản lý', 'Lĩnh vực', 'Tổ chức chủ trì', 'Chủ nhiệm nhiệm vụ', 'Thời gian bắt đầu', 'Thời gian kết thúc', 'NSNN năm 2024', 'NSNN năm 2025', 'Đã cấp năm 2024', 'Giai đoạn', 'Ngày ký hợp đồng']);
    sheet.addRow(['ĐT.2024.01', 'Đề tài quá hạn', 'Đề tài', 'Tỉnh', 'Y dược', 'Sở Y tế', 'BS. Nguyễn Lan', '1/2024', '12/2024', 300, 200, 250, 'Đang thực hiện', '10/01/2024']);
    sheet.addRow(['ĐTCS.2025.01', 'Đề tài cơ sở', 'Đề tài', 'Cơ sở', 'Xã hội', 'Trường Đại học Hùng Vương', 'ThS. Hà', null, null, null, null, null, 'Đề xuất']);
    const file = path.join(dir, 'ds.xlsx');
    await workbook.xlsx.writeFile(file);
    const broken = path.join(dir, 'loi.xlsx');
    sheet.getCell('M3').value = 'Không rõ';
    await workbook.xlsx.writeFile(broken);

    const failed = await thucthi(['import', 'projects', broken, '--json'], dataDir);
    expect(failed.status).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ ok: false, created: 0, errors: [{ row: 3, column: 'M', header: 'Giai đoạn' }] });
    const dry = await thucthi(['import', 'projects', file, '--dry-run', '--json'], dataDir);
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: true, created: 2, dryRun: true });
    const written = await thucthi(['import', 'projects', file], dataDir);
    expect(written.status, written.stderr).toBe(0);
    expect(written.stdout).toContain('Đã nhập 2 nhiệm vụ KH&CN.');

    const stats = await thucthi(['projects', 'stats', '--as-of', '2025-06-30', '--json'], dataDir);
    expect(stats.status, stats.stderr).toBe(0);
    const figures = JSON.parse(stats.stdout);
    // The proposal was recorded today (the import): on 30/06/2025 only the contract existed.
    expect(figures).toMatchObject({
      asOf: '2025-06-30',
      total: 1,
      byLevel: { national: 0, ministry: 0, province: 1, grassroots: 0 },
      byStage: { implementation: 1, proposal: 0 },
      byTimeliness: { overdue: 1, in_progress: 0, not_contracted: 0 },
      budget: { total: 500, state: 500, other: 0, paid: 250, paidState: 250, byYear: [{ year: 2024, planned: 300, paid: 250 }, { year: 2025, planned: 200, paid: 0 }] },
    });
    const bad = await thucthi(['projects', 'stats', '--as-of', '2025-02-30', '--json'], dataDir);
    expect(bad.status).toBe(2);
  });
});
