/**
 * The reminder scheduler over a simulated fortnight (1–14 March 2026) with a test clock: exactly
 * which reminders were sent, skipped after downtime, sent once by two servers at the same time;
 * e-mail delivered to a real SMTP server (the `smtp-server` package) on 127.0.0.1; the bell and the
 * preferences through the API.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client';
import { createReminderScheduler, type ReminderScheduler } from '../../src/server/modules/notifications/reminder-scheduler';
import { listReminderLog } from '../../src/server/modules/notifications/notifications.repository';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';
import { insertDirective, insertTask } from '../helpers/task-factory';

const appUrl = 'https://thucthi.phutho.gov.vn';

interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** Decodes the words of a MIME header (RFC 2047, UTF-8, B or Q). */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_whole, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const input = text.replace(/=\r?\n/g, '');
  for (let index = 0; index < input.length; index += 1) {
    if (input[index] === '=' && /^[0-9A-F]{2}$/i.test(input.slice(index + 1, index + 3))) {
      bytes.push(parseInt(input.slice(index + 1, index + 3), 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(input[index], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The subject and the plain-text part of a raw message. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const [head] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const subject = decodeHeader(/^Subject: (.*)$/im.exec(headers)?.[1] ?? '');
  const plain = /Content-Type: text\/plain[^\n]*\r?\n(?:[^\r\n]+\r?\n)*?Content-Transfer-Encoding: ([\w-]+)\r?\n\r?\n([\s\S]*?)\r?\n--/i.exec(raw);
  const encoding = plain?.[1].toLowerCase();
  const body = plain?.[2] ?? '';
  const text = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
  return { to, subject, text };
}

describe.each(testEngines())('reminders over a fortnight on %s', (engine) => {
  let t: TestApp;
  let smtp: SMTPServer;
  let smtpUrl: string;
  const received: ReceivedMail[] = [];
  const logs: string[] = [];
  const users: Record<string, number> = {};
  const sessions: Record<string, Session> = {};
  const tasks: Record<string, number> = {};
  let directiveId: number;
  let secondDatabase: Database | null = null;

  const scheduler = (database: Database = t.testDatabase.database, smtpAddress: string | null = smtpUrl): ReminderScheduler =>
    createReminderScheduler({ database, clock: t.clock, config: { smtpUrl: smtpAddress, appUrl, lockDays: 10 }, log: (line) => logs.push(line) });

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((address) => address.address)));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

    t = await buildTestApp(engine, { today: '2026-02-27' });
    const db = t.testDatabase.database.db;
    for (const [name, role, organization, email] of [
      ['skhcn-r', 'reporter', 'SKHCN', 'skhcn@thucthi.test'],
      ['snv-r', 'reporter', 'SNV', 'snv@thucthi.test'],
      ['theodoi-t', 'coordinator', '25', 'theodoi@thucthi.test'],
      ['xa-r', 'reporter', '04792', null],
    ] as const) {
      users[name] = await t.createUser(name, role, organization);
      if (email) await db.execute(sql`update users set email = ${email} where id = ${users[name]}`);
      sessions[name] = await t.login(name);
    }
    directiveId = (await insertDirective(db, { number: '15/KH-UBND', issuedOn: '2026-01-05' })).id;
    tasks.A = await insertTask(db, { directiveId, lead: 'SKHCN', title: 'Xây dựng cơ sở dữ liệu khoa học và công nghệ của tỉnh', originalDeadline: '2026-03-08' });
    tasks.B = await insertTask(db, { directiveId, lead: 'SNV', title: 'Chuẩn hóa quy trình nội bộ', originalDeadline: '2026-02-20' });
    tasks.C = await insertTask(db, { directiveId, lead: 'SKHCN', title: 'Nhiệm vụ tạm dừng', originalDeadline: '2026-03-03' });
    tasks.D = await insertTask(db, { directiveId, lead: 'SKHCN', title: 'Báo cáo sơ kết', originalDeadline: '2026-03-04' });
    tasks.F = await insertTask(db, { directiveId, lead: 'SKHCN', title: 'Đề án trung tâm đổi mới sáng tạo', originalDeadline: '2026-04-30' });
    await db.execute(sql`update tasks set state = 'paused' where id = ${tasks.C}`);
    await db.execute(sql`insert into indicators (code, name, unit, direction, value_type, frequency, time_aggregation, org_aggregation, reporting_kinds)
      values ('DIEM_LOM', 'Số điểm lõm sóng', 'điểm', 'lower', 'number', 'month', 'last', 'sum', '{commune,ward}')`);
  });

  afterAll(async () => {
    await secondDatabase?.close();
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const api = async (name: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const response = await t.inject({ method, url, headers: sessions[name].headers, payload: payload as never });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json() as Record<string, unknown>;
  };
  const version = async (id: number) => (await api('theodoi-t', 'GET', `/api/v1/tasks/${id}`)).version as number;

  it('sends each reminder once, on its day, skips what fell due during downtime, and mails through SMTP', async () => {
    // A user prefers a daily digest of deadline reminders (through the API).
    const saved = await api('snv-r', 'PUT', '/api/v1/notifications/preferences', { items: [{ kind: 'deadline_soon', inApp: true, email: true, digest: true }] });
    expect((saved.items as { kind: string; digest: boolean }[]).find((item) => item.kind === 'deadline_soon')?.digest).toBe(true);
    expect(saved.emailEnabled).toBe(false);

    let first = scheduler();
    const day = async (date: string, work?: () => Promise<void>) => {
      t.clock.set(date);
      await work?.();
      return first.runOnce();
    };

    await day('2026-03-01');
    await day('2026-03-02', async () => {
      await api('skhcn-r', 'POST', `/api/v1/tasks/${tasks.D}/submit`, { version: await version(tasks.D), note: 'Đã hoàn thành' });
    });
    await day('2026-03-03', async () => {
      await api('theodoi-t', 'POST', `/api/v1/tasks/${tasks.D}/confirm`, { version: await version(tasks.D) });
      const created = await api('theodoi-t', 'POST', '/api/v1/tasks', { directiveId, title: 'Triển khai nền tảng số dùng chung', leadCode: 'SNV', deadline: '2026-03-10' });
      tasks.E = created.id as number;
    });
    await day('2026-03-04', async () => {
      await api('snv-r', 'POST', `/api/v1/tasks/${tasks.E}/extensions`, { version: await version(tasks.E), requestedDeadline: '2026-03-20', reason: 'Chờ kinh phí' });
    });
    await day('2026-03-05', async () => {
      const detail = await api('theodoi-t', 'GET', `/api/v1/tasks/${tasks.E}`);
      const extension = (detail.extensions as { id: number; status: string }[]).find((item) => item.status === 'pending')!;
      await api('theodoi-t', 'POST', `/api/v1/tasks/${tasks.E}/extensions/${extension.id}/approve`, { version: detail.version });
      await api('skhcn-r', 'POST', `/api/v1/tasks/${tasks.F}/submit`, { version: await version(tasks.F) });
    });
    await day('2026-03-06', async () => {
      await api('theodoi-t', 'POST', `/api/v1/tasks/${tasks.F}/return`, { version: await version(tasks.F), reason: 'Thiếu quyết định phê duyệt đề án' });
    });
    // The server is down from 6 March 10:00 to 9 March 09:00; a new one starts.
    await first.stop();
    first = scheduler();
    t.clock.set('2026-03-09');
    t.clock.advanceMinutes(-60);
    const restart = await first.runOnce();
    expect(restart.skipped).toBe(3);
    expect(logs.some((line) => line.includes('bỏ qua 3 nhắc việc đến hạn quá 24 giờ'))).toBe(true);

    // 10 March: a second server on the same database runs at the same moment.
    t.clock.set('2026-03-10');
    secondDatabase = engine === 'postgres' ? await openDatabase({ databaseUrl: (t.testDatabase.database.pool as unknown as { options: { connectionString: string } }).options.connectionString, dataDir: null }) : null;
    const second = scheduler(secondDatabase ?? t.testDatabase.database);
    const [one, two] = await Promise.all([first.runOnce(), second.runOnce()]);
    expect(one.delivered + two.delivered).toBe(1);
    // Running again the same day finds nothing new.
    expect((await first.runOnce()).delivered + (await second.runOnce()).delivered).toBe(0);
    for (const date of ['2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14']) await day(date);
    await first.stop();
    await second.stop();

    const log = await listReminderLog(t.testDatabase.database.db, { limit: 1000 });
    const describeRow = (row: (typeof log)[number]) => {
      const task = Object.entries(tasks).find(([, id]) => `task:${id}` === row.subject)?.[0] ?? row.subject;
      const user = Object.entries(users).find(([, id]) => id === row.userId)?.[0] ?? String(row.userId);
      return `${row.occurrenceOn} ${task} ${row.kind} → ${user}: ${row.status}`;
    };
    expect(log.map(describeRow).sort()).toEqual(
      [
        '2026-03-01 A deadline_7 → skhcn-r: sent',
        '2026-03-01 D deadline_3 → skhcn-r: sent',
        '2026-03-01 org:04792:2026-02 indicator_period_open → xa-r: sent',
        '2026-03-02 D completion_submitted → theodoi-t: sent',
        '2026-03-03 D completion_confirmed → skhcn-r: sent',
        '2026-03-03 E task_assigned → snv-r: sent',
        '2026-03-03 E deadline_7 → snv-r: digested',
        '2026-03-03 digest digest → snv-r: sent',
        '2026-03-04 E extension_requested → theodoi-t: sent',
        '2026-03-05 E extension_approved → snv-r: sent',
        '2026-03-05 A deadline_3 → skhcn-r: sent',
        '2026-03-05 F completion_submitted → theodoi-t: sent',
        '2026-03-06 F completion_returned → skhcn-r: sent',
        '2026-03-07 A deadline_1 → skhcn-r: skipped',
        '2026-03-07 B overdue → snv-r: skipped',
        '2026-03-07 B overdue → theodoi-t: skipped',
        '2026-03-09 A overdue → skhcn-r: sent',
        '2026-03-09 A overdue → theodoi-t: sent',
        '2026-03-10 org:04792:2026-02 indicator_period_last_day → xa-r: sent',
        '2026-03-13 E deadline_7 → snv-r: digested',
        '2026-03-13 digest digest → snv-r: sent',
        '2026-03-14 B overdue → snv-r: sent',
        '2026-03-14 B overdue → theodoi-t: sent',
      ].sort(),
    );

    // The mails that reached the SMTP server: one per reminder with an address, digests instead of single deadline mails.
    const mails = received.map((mail) => `${mail.to.join(',')}: ${mail.subject}`);
    expect(mails.sort()).toEqual(
      [
        'skhcn@thucthi.test: [Thực Thi] Nhiệm vụ sắp đến hạn (còn 7 ngày)',
        'skhcn@thucthi.test: [Thực Thi] Nhiệm vụ sắp đến hạn (còn 3 ngày)',
        'theodoi@thucthi.test: [Thực Thi] Nhiệm vụ đã được báo cáo hoàn thành, chờ xác nhận',
        'skhcn@thucthi.test: [Thực Thi] Nhiệm vụ đã được xác nhận hoàn thành',
        'snv@thucthi.test: [Thực Thi] Nhiệm vụ mới được giao',
        'snv@thucthi.test: [Thực Thi] Tổng hợp 1 thông báo ngày 03/03/2026',
        'theodoi@thucthi.test: [Thực Thi] Đề nghị gia hạn nhiệm vụ chờ phê duyệt',
        'snv@thucthi.test: [Thực Thi] Đề nghị gia hạn đã được đồng ý',
        'skhcn@thucthi.test: [Thực Thi] Nhiệm vụ sắp đến hạn (còn 3 ngày)',
        'theodoi@thucthi.test: [Thực Thi] Nhiệm vụ đã được báo cáo hoàn thành, chờ xác nhận',
        'skhcn@thucthi.test: [Thực Thi] Báo cáo hoàn thành bị trả lại',
        'skhcn@thucthi.test: [Thực Thi] Nhiệm vụ quá hạn 1 ngày',
        'theodoi@thucthi.test: [Thực Thi] Nhiệm vụ quá hạn 1 ngày',
        'snv@thucthi.test: [Thực Thi] Tổng hợp 1 thông báo ngày 13/03/2026',
        'snv@thucthi.test: [Thực Thi] Nhiệm vụ quá hạn 22 ngày',
        'theodoi@thucthi.test: [Thực Thi] Nhiệm vụ quá hạn 22 ngày',
      ].sort(),
    );
    const deadlineMail = received.find((mail) => mail.subject.endsWith('(còn 7 ngày)'))!;
    expect(deadlineMail.text).toContain('Kính gửi skhcn-r,');
    expect(deadlineMail.text).toContain('“Xây dựng cơ sở dữ liệu khoa học và công nghệ của tỉnh” (văn bản 15/KH-UBND, cơ quan chủ trì: Sở Khoa học và Công nghệ)');
    expect(deadlineMail.text).toContain('thời hạn hoàn thành ngày 08/03/2026');
    expect(deadlineMail.text).toContain(`Xem chi tiết: ${appUrl}/tasks/${tasks.A}`);
    const returned = received.find((mail) => mail.subject.includes('trả lại'))!;
    expect(returned.text).toContain('Lý do: Thiếu quyết định phê duyệt đề án');
    const digest = received.find((mail) => mail.subject.includes('13/03/2026'))!;
    expect(digest.text).toContain('Nhiệm vụ sắp đến hạn (còn 7 ngày)');
    expect(digest.text).toContain('thời hạn hoàn thành ngày 20/03/2026');
    expect(digest.text).toContain(`${appUrl}/tasks/${tasks.E}`);
  });

  it('shows the notifications in the bell: list, unread count, mark read', async () => {
    const list = await api('skhcn-r', 'GET', '/api/v1/notifications?page=1&pageSize=3');
    expect(list.total).toBe(6);
    expect(list.unread).toBe(6);
    const items = list.items as { id: number; title: string; link: string; kind: string }[];
    expect(items.map((item) => item.kind)).toEqual(['overdue', 'completion_returned', 'deadline_3']);
    expect(items[0]).toMatchObject({ title: 'Nhiệm vụ quá hạn 1 ngày', link: `/tasks/${tasks.A}` });
    expect(await api('skhcn-r', 'POST', `/api/v1/notifications/${items[0].id}/read`)).toEqual({ count: 5 });
    expect(await api('skhcn-r', 'GET', '/api/v1/notifications/unread-count')).toEqual({ count: 5 });
    // Someone else's notification cannot be marked.
    const foreign = await t.inject({ method: 'POST', url: `/api/v1/notifications/${items[1].id}/read`, headers: sessions['snv-r'].headers });
    expect(foreign.statusCode).toBe(404);
    expect((await api('skhcn-r', 'GET', '/api/v1/notifications?unread=true&page=1&pageSize=20')).total).toBe(5);
    expect(await api('skhcn-r', 'POST', '/api/v1/notifications/read-all')).toEqual({ marked: 5, count: 0 });
    const xa = await api('xa-r', 'GET', '/api/v1/notifications?page=1&pageSize=20');
    expect((xa.items as { title: string; link: string }[]).map((item) => item.title)).toEqual([
      'Hôm nay là ngày cuối nhập số liệu tháng 2/2026',
      'Mở kỳ nhập số liệu tháng 2/2026',
    ]);
    expect((xa.items as { link: string }[])[0].link).toBe('/indicators/entry?org=04792&period=2026-02');
  });

  it('says once at start whether e-mail is sent, and stays in-app only without SMTP_URL', async () => {
    logs.length = 0;
    const inApp = scheduler(t.testDatabase.database, null);
    inApp.start();
    await inApp.stop();
    expect(logs[0]).toBe('Nhắc việc: chưa cấu hình SMTP_URL, chỉ gửi thông báo trong ứng dụng (không gửi thư điện tử).');
    logs.length = 0;
    const mailing = scheduler();
    mailing.start();
    await mailing.stop();
    expect(logs[0]).toBe(`Nhắc việc: gửi thông báo trong ứng dụng và thư điện tử qua ${smtpUrl}.`);
    const invalid = await t.inject({ method: 'PUT', url: '/api/v1/notifications/preferences', headers: sessions['snv-r'].headers, payload: { items: [{ kind: 'khong-co', inApp: true, email: true, digest: false }] } });
    expect(invalid.statusCode).toBe(400);
  });
});
