import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';

describe.each(testEngines())('task workflow on %s', (engine) => {
  let t: TestApp;
  let coordinator: Session;
  let reporter: Session;
  let otherReporter: Session;
  let leader: Session;
  let directiveId: number;

  const post = (session: Session, url: string, payload: unknown) => t.inject({ method: 'POST', url, headers: session.headers, payload: payload as object });
  const get = (session: Session, url: string) => t.inject({ method: 'GET', url, headers: session.headers });

  beforeAll(async () => {
    t = await buildTestApp(engine, { today: '2026-02-01' });
    coordinator = await t.userSession('theodoi', 'coordinator', '25');
    reporter = await t.userSession('skhcn', 'reporter', 'SKHCN');
    otherReporter = await t.userSession('xa04792', 'reporter', '04792');
    leader = await t.userSession('lanhdao', 'leader', '25');
    const created = await post(coordinator, '/api/v1/directives', { number: '01/KH-UBND', issuerCode: '25', issuedOn: '2026-01-10', title: 'Kế hoạch chuyển đổi số năm 2026', planEndYear: 2026 });
    expect(created.statusCode).toBe(201);
    directiveId = created.json().id;
  });
  afterAll(async () => t?.close());

  async function createTask(deadline: string | null = '2026-03-31', lead = 'SKHCN') {
    const response = await post(coordinator, '/api/v1/tasks', { directiveId, title: `Số hóa hồ sơ ${Math.random()}`, leadCode: lead, deadline, coordinatingCodes: ['STC'] });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: number; version: number };
  }

  it('runs assign → progress → submit → return → submit → confirm, with the completion date of the confirmed report', async () => {
    const task = await createTask();
    let response = await post(reporter, `/api/v1/tasks/${task.id}/updates`, { version: task.version, percent: 40, narrative: 'Đã số hóa 40% hồ sơ', difficulties: 'Thiếu máy quét', proposals: 'Bổ sung kinh phí' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ state: 'in_progress', progress: 40 });
    t.clock.set('2026-03-30');
    response = await post(reporter, `/api/v1/tasks/${task.id}/submit`, { version: response.json().version, note: 'Đã hoàn thành' });
    expect(response.json().state).toBe('awaiting_confirmation');
    t.clock.set('2026-04-02');
    response = await post(coordinator, `/api/v1/tasks/${task.id}/return`, { version: response.json().version, reason: 'Thiếu biên bản nghiệm thu' });
    expect(response.json().state).toBe('in_progress');
    response = await post(reporter, `/api/v1/tasks/${task.id}/submit`, { version: response.json().version, note: 'Bổ sung biên bản' });
    t.clock.set('2026-04-10');
    response = await post(coordinator, `/api/v1/tasks/${task.id}/confirm`, { version: response.json().version });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    // The returned report never counts; the confirmed one was submitted on 2 April, after the deadline.
    expect(detail).toMatchObject({ state: 'completed', completedOn: '2026-04-02', timeliness: 'completed_late', progress: 100 });
    expect(detail.timeline.map((event: { action: string }) => event.action)).toEqual(['create', 'progress', 'submit', 'return', 'submit', 'confirm']);
    const audit = await get(coordinator, `/api/v1/audit?entity=task&entityId=${task.id}`);
    expect(audit.json().total).toBe(6);
    t.clock.set('2026-02-01');
  });

  it('refuses the second of two saves from the same version with the Vietnamese message', async () => {
    const task = await createTask();
    const first = await post(reporter, `/api/v1/tasks/${task.id}/updates`, { version: task.version, percent: 10, narrative: 'Lần 1' });
    expect(first.statusCode).toBe(200);
    const second = await post(reporter, `/api/v1/tasks/${task.id}/updates`, { version: task.version, percent: 20, narrative: 'Lần 2' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'CONFLICT', message: 'Nhiệm vụ đã được người khác cập nhật. Vui lòng tải lại để xem thay đổi mới nhất.' });
    const detail = await get(reporter, `/api/v1/tasks/${task.id}`);
    expect(detail.json().progress).toBe(10);
  });

  it('extends a deadline from its approval date and keeps the original', async () => {
    const task = await createTask('2026-02-10');
    let response = await post(reporter, `/api/v1/tasks/${task.id}/extensions`, { version: task.version, requestedDeadline: '2026-02-05', reason: 'Chờ kinh phí' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('requestedDeadline');
    response = await post(reporter, `/api/v1/tasks/${task.id}/extensions`, { version: task.version, requestedDeadline: '2026-04-30', reason: 'Chờ kinh phí' });
    expect(response.statusCode, response.body).toBe(200);
    const extensionId = response.json().extensions[0].id;
    // A reporter cannot approve; a leader of the assigning side can.
    const refused = await post(reporter, `/api/v1/tasks/${task.id}/extensions/${extensionId}/approve`, { version: response.json().version });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('Bạn không có quyền thực hiện thao tác này.');
    t.clock.set('2026-02-15');
    response = await post(leader, `/api/v1/tasks/${task.id}/extensions/${extensionId}/approve`, { version: response.json().version });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ deadline: '2026-04-30', originalDeadline: '2026-02-10' });
    // Between the old deadline and the approval the task was overdue; after the approval it is in progress.
    expect((await get(leader, `/api/v1/tasks/${task.id}?asOf=2026-02-12`)).json()).toMatchObject({ timeliness: 'overdue', overdueDays: 2 });
    expect((await get(leader, `/api/v1/tasks/${task.id}?asOf=2026-02-15`)).json()).toMatchObject({ timeliness: 'in_progress' });
    t.clock.set('2026-02-01');
  });

  it('pauses, resumes and cancels with a reason; a cancelled task leaves the counts from its date', async () => {
    const task = await createTask();
    let response = await post(coordinator, `/api/v1/tasks/${task.id}/pause`, { version: task.version, reason: 'Chờ chủ trương' });
    expect(response.json().state).toBe('paused');
    response = await post(coordinator, `/api/v1/tasks/${task.id}/resume`, { version: response.json().version, reason: 'Đã có chủ trương' });
    expect(response.json().state).toBe('assigned');
    const missingReason = await post(coordinator, `/api/v1/tasks/${task.id}/cancel`, { version: response.json().version });
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.json().error.message).toContain('reason');
    t.clock.set('2026-02-20');
    response = await post(coordinator, `/api/v1/tasks/${task.id}/cancel`, { version: response.json().version, reason: 'Không còn phù hợp' });
    expect(response.json()).toMatchObject({ state: 'cancelled', cancelledOn: '2026-02-20' });
    const before = await get(coordinator, `/api/v1/tasks?asOf=2026-02-19&search=${encodeURIComponent(response.json().title)}`);
    const after = await get(coordinator, `/api/v1/tasks?asOf=2026-02-20&search=${encodeURIComponent(response.json().title)}`);
    expect(before.json().total).toBe(1);
    expect(after.json().total).toBe(0);
    t.clock.set('2026-02-01');
  });

  it('shows a commune reporter only what concerns the commune', async () => {
    const ours = await createTask('2026-05-31', '04792');
    const theirs = await createTask('2026-05-31', '04795');
    const list = await get(otherReporter, '/api/v1/tasks?pageSize=500');
    const ids = list.json().items.map((item: { id: number }) => item.id);
    expect(ids).toContain(ours.id);
    expect(ids).not.toContain(theirs.id);
    expect((await get(otherReporter, `/api/v1/tasks/${theirs.id}`)).statusCode).toBe(404);
    const write = await post(otherReporter, `/api/v1/tasks/${theirs.id}/updates`, { version: 1, percent: 5, narrative: 'x' });
    expect(write.statusCode).toBe(404);
  });

  it('passes part of a task down to a commune; the parent progress is the mean of its sub-tasks', async () => {
    const parent = await createTask('2026-06-30');
    let response = await post(reporter, '/api/v1/tasks', { directiveId, parentId: parent.id, title: 'Phần việc của xã', leadCode: '04792', deadline: '2026-06-15' });
    expect(response.statusCode, response.body).toBe(201);
    const childA = response.json();
    response = await post(reporter, '/api/v1/tasks', { directiveId, parentId: parent.id, title: 'Phần việc của phường', leadCode: '04795', deadline: '2026-06-15' });
    const childB = response.json();
    expect(childB.assigningCode).toBe('SKHCN');
    await post(otherReporter, `/api/v1/tasks/${childA.id}/updates`, { version: childA.version, percent: 60, narrative: 'Đạt 60%' });
    const detail = (await get(reporter, `/api/v1/tasks/${parent.id}`)).json();
    expect(detail.progress).toBe(30);
    expect(detail.children.map((child: { id: number }) => child.id).sort()).toEqual([childA.id, childB.id].sort());
  });

  it('finds tasks with or without accents and exports the filtered list to Excel', async () => {
    await post(coordinator, '/api/v1/tasks', { directiveId, title: 'Triển khai nền tảng số hóa dữ liệu đất đai', leadCode: 'SNNMT', deadline: '2026-09-30' });
    const plain = await get(coordinator, `/api/v1/tasks?search=${encodeURIComponent('so hoa du lieu')}`);
    const accented = await get(coordinator, `/api/v1/tasks?search=${encodeURIComponent('Số hóa dữ liệu')}`);
    expect(plain.json().items.map((item: { title: string }) => item.title)).toContain('Triển khai nền tảng số hóa dữ liệu đất đai');
    expect(accented.json().total).toBe(plain.json().total);
    const exported = await get(coordinator, `/api/v1/tasks/export?search=${encodeURIComponent('so hoa du lieu')}&asOf=2026-10-05`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(String(sheet.getCell(1, 1).value)).toContain('05/10/2026');
    expect(sheet.getRow(4).getCell(2).value).toBe('Triển khai nền tảng số hóa dữ liệu đất đai');
    expect(sheet.getRow(4).getCell(10).value).toBe('Quá hạn');
  });

  it('rejects bad input with a 4xx naming the field', async () => {
    const response = await post(coordinator, '/api/v1/tasks', { directiveId, title: '', leadCode: 'KHONGCO', deadline: '2026-02-30' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/title|deadline/);
    const unknownLead = await post(coordinator, '/api/v1/tasks', { directiveId, title: 'X', leadCode: 'KHONGCO' });
    expect(unknownLead.statusCode).toBe(400);
    expect(unknownLead.json().error.message).toBe('Trường "leadCode": không tìm thấy cơ quan chủ trì có mã "KHONGCO".');
    const badQuery = await get(coordinator, '/api/v1/tasks?timeliness=late');
    expect(badQuery.statusCode).toBe(400);
  });

  it('accepts evidence by content, not by name', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const upload = (name: string, content: Buffer) => {
      const boundary = '----thucthi';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.inject({ method: 'POST', url: '/api/v1/files', headers: { ...reporter.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    };
    const good = await upload('bien-ban.pdf', pdf);
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().mimeType).toBe('application/pdf');
    const fake = await upload('bao-cao.pdf', Buffer.from('MZ this is not a pdf at all'));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.message).toContain('bao-cao.pdf');
    const task = await createTask();
    const response = await post(reporter, `/api/v1/tasks/${task.id}/submit`, { version: task.version, note: 'Kèm biên bản', fileIds: [good.json().id] });
    expect(response.json().submissions[0].files[0].name).toBe('bien-ban.pdf');
    const download = await get(coordinator, `/api/v1/files/${good.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await get(otherReporter, `/api/v1/files/${good.json().id}`)).statusCode).toBe(403);
  });

  it('attaches the text of a directive, which every user may then read', async () => {
    const boundary = '----thucthi';
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ke-hoach.pdf"\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await t.inject({ method: 'POST', url: '/api/v1/files', headers: { ...coordinator.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const refused = await post(reporter, `/api/v1/directives/${directiveId}/files`, { fileId: uploaded.json().id });
    expect(refused.statusCode).toBe(403);
    const attached = await post(coordinator, `/api/v1/directives/${directiveId}/files`, { fileId: uploaded.json().id });
    expect(attached.statusCode, attached.body).toBe(200);
    expect(attached.json().files.map((file: { name: string }) => file.name)).toEqual(['ke-hoach.pdf']);
    expect((await get(otherReporter, `/api/v1/files/${uploaded.json().id}`)).statusCode).toBe(200);
  });
});
