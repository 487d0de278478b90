import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { insertDirective, insertExtensions, insertTasks, type TaskInput } from '../helpers/task-factory';
import { testEngines } from '../helpers/test-database';

interface Item {
  id: number;
  title: string;
  leadCode: string | null;
  deadline: string | null;
  timeliness: string | null;
  dueSoon: boolean;
}
interface Page {
  items: Item[];
  total: number;
  totalIsEstimate: boolean;
  nextCursor: string | null;
}

const asOf = '2026-03-15';
const sorts = ['deadline', '-deadline', 'title', '-title', 'lead', '-lead', 'updated', '-updated'] as const;
const invalidCursorMessage = 'Trường "after": con trỏ phân trang không hợp lệ hoặc không khớp với cách sắp xếp. Vui lòng tải lại danh sách từ trang đầu.';

/** Deadline order: by deadline (none last), then by id, both in the same direction. */
function byDeadline(direction: 'asc' | 'desc') {
  const sign = direction === 'asc' ? 1 : -1;
  return (a: { id: number; deadline: string | null }, b: { id: number; deadline: string | null }) => {
    if (a.deadline !== b.deadline) {
      if (a.deadline === null) return 1;
      if (b.deadline === null) return -1;
      return sign * (a.deadline < b.deadline ? -1 : 1);
    }
    return sign * (a.id - b.id);
  };
}

describe.each(testEngines())('task list paging on %s', (engine) => {
  let t: TestApp;
  let coordinator: Session;
  /** The mixed directive: ~40 tasks of several organizations, with ties, extensions and completions. */
  let mixed: { id: number; number: string };

  const get = (url: string) => t.inject({ method: 'GET', url, headers: coordinator.headers });
  const list = async (query: Record<string, string | number>) => {
    const response = await get(`/api/v1/tasks?${new URLSearchParams({ asOf, ...Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)])) })}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };
  /** Every page by key: the rows in order, the totals seen and the number of pages. */
  const walk = async (query: Record<string, string | number>) => {
    const ids: number[] = [];
    const totals = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(after ? { ...query, after } : query);
      ids.push(...page.items.map((item) => item.id));
      totals.add(`${page.total}/${page.totalIsEstimate}`);
      after = page.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(1000);
    } while (after);
    return { ids, totals: [...totals], pages };
  };

  beforeAll(async () => {
    t = await buildTestApp(engine, { today: asOf });
    coordinator = await t.userSession('theodoi', 'coordinator', '25');
    const db = t.testDatabase.database.db;
    mixed = await insertDirective(db, { title: 'Kế hoạch có nhiều loại nhiệm vụ' });
    const leads = ['SKHCN', 'STC', 'SNV', 'VP-UBND', '04792'];
    const deadlines = ['2026-01-31', '2026-03-15', '2026-03-16', '2026-03-17', '2026-06-30', null, '2026-06-30'];
    const titles = ['Số hóa hồ sơ địa chính', 'Số hóa hồ sơ địa chính', 'Đường truyền số liệu chuyên dùng', 'Xây dựng kho dữ liệu 100% số', 'Ứng dụng trí tuệ nhân tạo', 'an toàn thông tin'];
    const inputs: TaskInput[] = Array.from({ length: 42 }, (_, index) => ({
      directiveId: mixed.id,
      lead: leads[index % leads.length],
      title: `${titles[index % titles.length]}${index % 4 === 0 ? '' : ` ${index % 3}`}`,
      originalDeadline: deadlines[index % deadlines.length],
      completedOn: index % 9 === 0 ? '2026-02-10' : index % 11 === 0 ? '2026-03-20' : null,
    }));
    const ids = await insertTasks(db, inputs);
    // A container is never listed; three extensions move deadlines (one after asOf: not in force yet).
    await insertTasks(db, [{ directiveId: mixed.id, lead: null, isContainer: true, title: 'Số hóa tổng hợp', originalDeadline: '2026-01-01' }]);
    await insertExtensions(db, [
      { taskId: ids[0], decidedOn: '2026-01-20', requestedDeadline: '2026-12-31' },
      { taskId: ids[7], decidedOn: '2026-02-01', requestedDeadline: '2026-03-16' },
      { taskId: ids[14], decidedOn: '2026-04-01', requestedDeadline: '2026-09-30' },
    ]);
    // Updated times: ties (one statement) and neighbours a microsecond apart.
    await db.execute(sql`update tasks set updated_at = timestamptz '2026-03-01 10:00:00.000001+07' + (id % 4) * interval '1 microsecond' where directive_id = ${mixed.id}`);
  });
  afterAll(async () => t?.close());

  it('returns every row exactly once, in the order of the single page, for each sort', async () => {
    for (const sort of sorts) {
      const single = await list({ directive: mixed.id, sort, pageSize: 500 });
      expect(single.total).toBe(42);
      expect(single.totalIsEstimate).toBe(false);
      expect(single.nextCursor).toBeNull();
      const byKey = await walk({ directive: mixed.id, sort, pageSize: 5 });
      expect(byKey.ids, sort).toEqual(single.items.map((item) => item.id));
      expect(new Set(byKey.ids).size).toBe(42);
      expect(byKey.totals).toEqual(['42/false']);
      expect(byKey.pages).toBe(9);
      // OFFSET pages agree with the pages by key.
      const byOffset: number[] = [];
      for (let page = 1; page <= 9; page += 1) byOffset.push(...(await list({ directive: mixed.id, sort, pageSize: 5, page })).items.map((item) => item.id));
      expect(byOffset, sort).toEqual(byKey.ids);
      // Equal keys are ordered by id, in the direction of the sort.
      if (sort === 'title' || sort === '-title') {
        for (let index = 1; index < single.items.length; index += 1) {
          const [previous, current] = [single.items[index - 1], single.items[index]];
          if (previous.title === current.title) expect(sort === 'title' ? previous.id < current.id : previous.id > current.id).toBe(true);
        }
      }
    }
    const deadlineOrder = (await list({ directive: mixed.id, sort: 'deadline', pageSize: 500 })).items;
    expect(deadlineOrder.map((item) => item.id)).toEqual([...deadlineOrder].sort(byDeadline('asc')).map((item) => item.id));
    expect(deadlineOrder.at(-1)!.deadline).toBeNull();
    const descending = (await list({ directive: mixed.id, sort: '-deadline', pageSize: 500 })).items;
    expect(descending.map((item) => item.id)).toEqual([...descending].sort(byDeadline('desc')).map((item) => item.id));
    expect(descending.at(-1)!.deadline).toBeNull();
  });

  it('pages by key with filters and the accent-insensitive search', async () => {
    const all = (await list({ directive: mixed.id, pageSize: 500 })).items;
    const cases: { query: Record<string, string>; expected: (item: Item) => boolean }[] = [
      { query: { search: 'so hoa' }, expected: (item) => item.title.startsWith('Số hóa') },
      { query: { search: 'SO HOA', org: 'SKHCN' }, expected: (item) => item.title.startsWith('Số hóa') && item.leadCode === 'SKHCN' },
      { query: { search: 'duong truyen', org: '25' }, expected: (item) => item.title.startsWith('Đường truyền') },
      { query: { search: '100%' }, expected: (item) => item.title.includes('100%') },
      { query: { search: '100%', org: 'STC' }, expected: (item) => item.title.includes('100%') && item.leadCode === 'STC' },
      { query: { search: '_' }, expected: () => false },
      { query: { search: '_', org: 'SNV' }, expected: () => false },
      { query: { timeliness: 'overdue,in_progress' }, expected: (item) => item.timeliness === 'overdue' || item.timeliness === 'in_progress' },
      { query: { timeliness: 'completed_on_time,completed_late' }, expected: (item) => item.timeliness === 'completed_on_time' || item.timeliness === 'completed_late' },
      { query: { timeliness: 'no_deadline' }, expected: (item) => item.timeliness === 'no_deadline' },
      { query: { dueSoon: 'true' }, expected: (item) => item.dueSoon },
      { query: { deadlineFrom: '2026-03-16', deadlineTo: '2026-06-30' }, expected: (item) => item.deadline !== null && item.deadline >= '2026-03-16' && item.deadline <= '2026-06-30' },
      { query: { search: 'ho so', timeliness: 'in_progress', org: 'STC' }, expected: (item) => item.title.startsWith('Số hóa hồ sơ') && item.timeliness === 'in_progress' && item.leadCode === 'STC' },
    ];
    for (const { query, expected } of cases) {
      const wanted = all.filter(expected).sort(byDeadline('asc')).map((item) => item.id);
      const label = JSON.stringify(query);
      expect(wanted.length > 0 || query.search === '_', label).toBe(true);
      const byKey = await walk({ directive: mixed.id, ...query, pageSize: 2 });
      expect(byKey.ids, label).toEqual(wanted);
      expect(byKey.totals, label).toEqual([`${wanted.length}/false`]);
    }
    // Three extensions: in force from their approval; the one approved after asOf not yet.
    const extended = all.filter((item) => item.deadline === '2026-12-31' || item.deadline === '2026-09-30');
    expect(extended.map((item) => item.deadline)).toEqual(['2026-12-31']);
  });

  it('refuses a malformed cursor, or one of another sort, with a Vietnamese 400', async () => {
    const first = await list({ directive: mixed.id, sort: 'title', pageSize: 5 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const bad: [sort: string, after: string][] = [
      ['deadline', 'không-phải-con-trỏ'],
      ['deadline', 'e30'],
      ['deadline', first.nextCursor!], // a cursor of the title sort
      ['deadline', encode(['deadline', '2026-02-30', 5])],
      ['deadline', encode(['deadline', '2026-03-01', 1.5])],
      ['deadline', encode(['deadline', '2026-03-01', -1])],
      ['deadline', encode(['deadline', 20260301, 5])],
      ['deadline', encode(['deadline', '2026-03-01', 5, 'extra'])],
      ['updated', encode(['updated', '2026-03-01T10:00:00Z', 5])],
      ['updated', encode(['updated', '2026-03-01T24:00:00.000000Z', 5])],
      ['updated', encode(['updated', null, 5])],
      ['title', encode(['title', 'a\u0000b', 5])],
    ];
    for (const [sort, after] of bad) {
      const response = await get(`/api/v1/tasks?${new URLSearchParams({ asOf, directive: String(mixed.id), sort, after })}`);
      expect(response.statusCode, `${sort}: ${after}`).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_ERROR', message: invalidCursorMessage });
    }
    // The cursor of the sort it was made for is accepted, and `page` is then ignored.
    const second = await list({ directive: mixed.id, sort: 'title', pageSize: 5, after: first.nextCursor!, page: 7 });
    expect(second.items.map((item) => item.id)).toEqual((await list({ directive: mixed.id, sort: 'title', pageSize: 5, page: 2 })).items.map((item) => item.id));
  });

  describe('beyond 10,000 matches', () => {
    let large: { id: number; number: string };
    /** The expected deadline in force of each task of the large directive. */
    const expected: { id: number; deadline: string | null }[] = [];

    beforeAll(async () => {
      const db = t.testDatabase.database.db;
      large = await insertDirective(db, { title: 'Kế hoạch có hơn mười nghìn nhiệm vụ' });
      const deadlines = ['2026-01-31', '2026-02-28', null, '2026-03-31', '2026-04-30', '2026-12-31'];
      const inputs: TaskInput[] = Array.from({ length: 10_000 }, (_, index) => ({
        directiveId: large.id,
        lead: index % 2 === 0 ? 'STC' : 'SNV',
        title: `Nhiệm vụ lớn ${String(index % 97).padStart(2, '0')}`,
        originalDeadline: deadlines[index % deadlines.length],
      }));
      for (let start = 0; start < inputs.length; start += 2000) {
        const ids = await insertTasks(db, inputs.slice(start, start + 2000));
        ids.forEach((id, offset) => expected.push({ id, deadline: inputs[start + offset].originalDeadline ?? null }));
      }
    });

    it('counts exactly 10,000, then says "more than 10,000" and pages by key through every row', async () => {
      const exact = await list({ directive: large.id, pageSize: 1 });
      expect(exact).toMatchObject({ total: 10_000, totalIsEstimate: false });

      // The 10,001st task, and extensions on a few (one without an original deadline).
      const db = t.testDatabase.database.db;
      const [lastId] = await insertTasks(db, [{ directiveId: large.id, lead: 'STC', title: 'Nhiệm vụ lớn cuối', originalDeadline: '2026-03-31' }]);
      expected.push({ id: lastId, deadline: '2026-03-31' });
      const moved = [expected[0], expected[2], expected[5000], expected[7777]];
      await insertExtensions(db, moved.map((task, index) => ({ taskId: task.id, decidedOn: '2026-03-01', requestedDeadline: `2026-0${index + 3}-1${index}` })));
      moved.forEach((task, index) => (task.deadline = `2026-0${index + 3}-1${index}`));

      const estimated = await list({ directive: large.id, pageSize: 20 });
      expect(estimated).toMatchObject({ total: 10_000, totalIsEstimate: true });
      expect(estimated.nextCursor).toEqual(expect.any(String));

      for (const direction of ['asc', 'desc'] as const) {
        const sort = direction === 'asc' ? 'deadline' : '-deadline';
        const byKey = await walk({ directive: large.id, sort, pageSize: 500 });
        expect(byKey.ids.length).toBe(10_001);
        expect(byKey.ids).toEqual([...expected].sort(byDeadline(direction)).map((task) => task.id));
        expect(byKey.totals).toEqual(['10000/true']);
      }
      const byTitle = await walk({ directive: large.id, sort: 'title', pageSize: 500 });
      expect(new Set(byTitle.ids).size).toBe(10_001);
      // OFFSET pages still work beyond the cap.
      const deep = await list({ directive: large.id, sort: 'deadline', pageSize: 7, page: 1201 });
      expect(deep.items.map((item) => item.id)).toEqual([...expected].sort(byDeadline('asc')).slice(8400, 8407).map((task) => task.id));

      // Filters that bring the matches back under the cap count them exactly again.
      const overdue = expected.filter((task) => task.deadline !== null && task.deadline < asOf);
      const overdueList = await list({ directive: large.id, timeliness: 'overdue', pageSize: 3 });
      expect(overdueList).toMatchObject({ total: overdue.length, totalIsEstimate: false });
      expect(overdueList.items.map((item) => item.id)).toEqual([...overdue].sort(byDeadline('asc')).slice(0, 3).map((task) => task.id));
      const stc = await list({ directive: large.id, org: 'STC', search: 'nhiem vu lon 0', pageSize: 3, sort: '-deadline' });
      expect(stc.totalIsEstimate).toBe(false);
      expect(stc.total).toBeGreaterThan(0);

      // The export reads every match, by key.
      const exported = await get(`/api/v1/tasks/export?directive=${large.id}&asOf=${asOf}`);
      expect(exported.statusCode).toBe(200);
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets[0].rowCount - 3).toBe(10_001);
    });
  });
});
