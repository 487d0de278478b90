import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';
import { migrateDatabase, openDatabase } from '../../src/server/db/client';
import { createServices } from '../../src/server/services';
import { fixedClock } from '../../src/server/clock';

type Cell = string | number | null;

async function workbook(rows: Cell[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function multipart(file: Buffer) {
  const boundary = '----thucthiindices';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="chi-so.xlsx"\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---------------------------------------------------------------------------------------------
// A PII-like framework: PII → input (pillars 1–5) and output (6–7) sub-indices → 7 pillars → 21
// sub-pillars (3 each) → 52 indicators (the first 10 sub-pillars hold 3, the others 2). Every 4th
// indicator is a "bad", every 6th has half weight; indicator 7.3.2 is linked to Thực Thi's KHCN_DN.

interface TestNode {
  code: string;
  name: string;
  level: 'Chỉ số' | 'Chỉ số thành phần' | 'Trụ cột' | 'Nhóm' | 'Chỉ tiêu';
  parent: string | null;
  weight: number;
  bad: boolean;
}

function buildFramework(): TestNode[] {
  const nodes: TestNode[] = [
    { code: 'PII', name: 'Chỉ số đổi mới sáng tạo cấp địa phương', level: 'Chỉ số', parent: null, weight: 1, bad: false },
    { code: 'IN', name: 'Chỉ số phụ đầu vào', level: 'Chỉ số thành phần', parent: 'PII', weight: 1, bad: false },
    { code: 'OUT', name: 'Chỉ số phụ đầu ra', level: 'Chỉ số thành phần', parent: 'PII', weight: 1, bad: false },
  ];
  let subPillar = 0;
  let indicator = 0;
  for (let p = 1; p <= 7; p++) {
    nodes.push({ code: `P${p}`, name: `Trụ cột ${p}`, level: 'Trụ cột', parent: p <= 5 ? 'IN' : 'OUT', weight: 1, bad: false });
    for (let s = 1; s <= 3; s++) {
      subPillar += 1;
      nodes.push({ code: `${p}.${s}`, name: `Nhóm ${p}.${s}`, level: 'Nhóm', parent: `P${p}`, weight: 1, bad: false });
      const count = subPillar <= 10 ? 3 : 2;
      for (let i = 1; i <= count; i++) {
        indicator += 1;
        nodes.push({ code: `${p}.${s}.${i}`, name: `Chỉ tiêu ${p}.${s}.${i}`, level: 'Chỉ tiêu', parent: `${p}.${s}`, weight: indicator % 6 === 0 ? 0.5 : 1, bad: indicator % 4 === 0 });
      }
    }
  }
  return nodes;
}

const FRAMEWORK = buildFramework();
const INDICATORS = FRAMEWORK.filter((node) => node.level === 'Chỉ tiêu');
const LINKED = '7.3.2';

function frameworkRows(): Cell[][] {
  return [
    ['KHUNG CHỈ SỐ ĐỔI MỚI SÁNG TẠO (PII)'],
    ['Mã', 'Tên', 'Cấp', 'Thuộc', 'Trọng số', 'Chiều (Tăng/Giảm)', 'Điểm tối đa', 'Chỉ tiêu Thực Thi'],
    ...FRAMEWORK.map((node) => [
      node.code,
      node.name,
      node.level,
      node.parent,
      node.weight === 1 ? null : '0,5',
      node.level === 'Chỉ tiêu' ? (node.bad ? 'Giảm' : 'Tăng') : null,
      null,
      node.code === LINKED ? 'KHCN_DN' : null,
    ]),
  ];
}

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Data = Map<string, Map<string, number>>;

/** Values per indicator and province, 2 decimals; about 1 in 23 missing; Phú Thọ has no value of the linked indicator. */
function generateData(provinces: string[], seed: number): Data {
  const next = random(seed);
  const strength = new Map(provinces.map((code) => [code, next()]));
  const data: Data = new Map();
  INDICATORS.forEach((node, j) => {
    const byPeer = new Map<string, number>();
    provinces.forEach((code, i) => {
      const noise = next();
      if ((i * 7 + j * 3) % 23 === 0) return;
      if (node.code === LINKED && code === '25') return;
      const quality = 0.6 * strength.get(code)! + 0.4 * noise;
      const value = node.bad ? 100 - 80 * quality : 5 + 90 * quality ** (1 + (j % 3));
      byPeer.set(code, Math.round(value * 100) / 100);
    });
    data.set(node.code, byPeer);
  });
  return data;
}

function dataRows(data: Data, year: number): Cell[][] {
  const rows: Cell[][] = [['Mã chỉ tiêu', 'Đơn vị', 'Năm', 'Giá trị']];
  let n = 0;
  for (const [code, byPeer] of data) {
    for (const [org, value] of byPeer) {
      n += 1;
      // Some values as Vietnamese text with a decimal comma, some years as "Năm 2025".
      rows.push([code, org, n % 9 === 0 ? `Năm ${year}` : year, n % 5 === 0 ? value.toFixed(2).replace('.', ',') : value]);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// An independent computation, level by level, as the GII describes it.

interface Reference {
  scores: Map<string, Map<string, number | null>>;
  ranks: Map<string, Map<string, number | null>>;
}

function computeReference(data: Data, provinces: string[]): Reference {
  const scores = new Map<string, Map<string, number | null>>();
  for (const node of INDICATORS) {
    const byPeer = data.get(node.code) ?? new Map<string, number>();
    const values = [...byPeer.values()];
    const min = Math.min(...values);
    const max = Math.max(...values);
    scores.set(
      node.code,
      new Map(provinces.map((code) => {
        const x = byPeer.get(code);
        if (x === undefined || max === min) return [code, null];
        return [code, node.bad ? ((max - x) / (max - min)) * 100 : ((x - min) / (max - min)) * 100];
      })),
    );
  }
  const average = (code: string, children: TestNode[], weighted: boolean) => {
    scores.set(
      code,
      new Map(provinces.map((province) => {
        let sum = 0;
        let weights = 0;
        for (const child of children) {
          const score = scores.get(child.code)!.get(province);
          if (score === null || score === undefined) continue;
          const weight = weighted ? child.weight : 1;
          sum += weight * score;
          weights += weight;
        }
        return [province, weights ? sum / weights : null];
      })),
    );
  };
  for (const level of ['Nhóm', 'Trụ cột', 'Chỉ số thành phần', 'Chỉ số'] as const) {
    for (const node of FRAMEWORK.filter((item) => item.level === level)) {
      average(node.code, FRAMEWORK.filter((child) => child.parent === node.code), level !== 'Chỉ số');
    }
  }
  const ranks = new Map<string, Map<string, number | null>>();
  for (const [code, byPeer] of scores) {
    ranks.set(
      code,
      new Map(provinces.map((province) => {
        const own = byPeer.get(province);
        if (own === null || own === undefined) return [province, null];
        return [province, 1 + [...byPeer.values()].filter((score) => score !== null && score > own).length];
      })),
    );
  }
  return { scores, ranks };
}

const LINKED_VALUE_2025 = 61.5;

describe.each(testEngines())('composite indices on %s', (engine) => {
  let t: TestApp;
  let coordinator: Session;
  let provinces: string[];
  let data2025: Data;
  let data2024: Data;
  let reference: Reference;

  const importFile = async (kind: string, query: string, rows: Cell[][], session = coordinator) => {
    const { payload, contentType } = multipart(await workbook(rows));
    return t.inject({ method: 'POST', url: `/api/v1/imports/${kind}?${query}`, headers: { ...session.headers, 'content-type': contentType }, payload });
  };

  beforeAll(async () => {
    t = await buildTestApp(engine, { today: '2026-03-15' });
    await t.services.organizations.seedReference({ national: true });
    coordinator = await t.userSession('phantich', 'coordinator', '25');
    provinces = (await t.services.organizations.list({ kind: 'province' })).map((row: { code: string }) => row.code).sort();
    expect(provinces).toHaveLength(34);
    data2025 = generateData(provinces, 2025);
    data2024 = generateData(provinces, 2024);
    // Thực Thi's own indicator, linked to 7.3.2: Phú Thọ's approved 2025 value stands in.
    const definitions = await importFile('indicators', '', [
      ['Mã', 'Tên chỉ tiêu', 'Đơn vị tính', 'Chiều (Tăng/Giảm)', 'Tần suất (Tháng/Quý/Năm)', 'Tổng hợp theo thời gian (Cộng dồn/Cuối kỳ/Trung bình)', 'Tổng hợp theo đơn vị (Cộng/Trung bình/Tỷ lệ/Không)', 'Tử số', 'Mẫu số', 'Đơn vị theo dõi', 'Kiểu giá trị (Số/Phần trăm/Có-Không)', 'Nhóm'],
      ['KHCN_DN', 'Số doanh nghiệp KH&CN', 'doanh nghiệp', 'Tăng', 'Năm', 'Cuối kỳ', 'Không', null, null, 'SKHCN', 'Số', 'KH&CN'],
    ]);
    expect(definitions.statusCode, definitions.body).toBe(200);
    const pushed = await t.inject({ method: 'POST', url: '/api/v1/indicator-values', headers: coordinator.headers, payload: { values: [{ indicatorCode: 'KHCN_DN', orgCode: '25', period: '2025', value: LINKED_VALUE_2025 }] } });
    expect(pushed.statusCode, pushed.body).toBe(200);
    const linked = new Map(data2025.get(LINKED));
    linked.set('25', LINKED_VALUE_2025);
    reference = computeReference(new Map([...data2025, [LINKED, linked]]), provinces);
  });
  afterAll(async () => t?.close());

  it('imports a framework of 7 pillars and 21 sub-pillars and the data of 34 provinces for two years', async () => {
    const framework = await importFile('index-framework', 'code=PII', frameworkRows());
    expect(framework.statusCode, framework.body).toBe(200);
    expect(framework.json()).toMatchObject({ ok: true, created: FRAMEWORK.length, framework: { code: 'PII', name: 'Chỉ số đổi mới sáng tạo cấp địa phương', method: 'minmax', peerKind: 'province' } });
    const detail = (await t.inject({ method: 'GET', url: '/api/v1/indices/PII', headers: coordinator.headers })).json();
    expect(detail.nodes.filter((node: { level: string }) => node.level === 'pillar')).toHaveLength(7);
    expect(detail.nodes.filter((node: { level: string }) => node.level === 'sub_pillar')).toHaveLength(21);
    expect(detail.nodes.filter((node: { level: string }) => node.level === 'indicator')).toHaveLength(52);
    expect(detail.nodes.find((node: { code: string }) => node.code === LINKED).indicatorCode).toBe('KHCN_DN');

    for (const [year, data] of [[2025, data2025], [2024, data2024]] as const) {
      const rows = dataRows(data, year);
      const imported = await importFile('index-data', 'code=PII', rows);
      expect(imported.statusCode, imported.body.slice(0, 400)).toBe(200);
      expect(imported.json()).toMatchObject({ ok: true, created: rows.length - 1 });
    }
    const list = (await t.inject({ method: 'GET', url: '/api/v1/indices', headers: coordinator.headers })).json();
    expect(list.items).toEqual([expect.objectContaining({ code: 'PII', nodeCount: FRAMEWORK.length, indicatorCount: 52 })]);
  });

  it('reproduces the scores and ranks computed independently, at every level', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/indices/PII/results?year=2025', headers: coordinator.headers });
    expect(response.statusCode, response.body.slice(0, 400)).toBe(200);
    const body = response.json();
    expect(body.results).toHaveLength(34);
    expect(body.linkedValues).toEqual([{ code: LINKED, org: '25', indicatorCode: 'KHCN_DN', value: LINKED_VALUE_2025 }]);
    for (const row of body.results as { org: string; score: number; rank: number; nodes: Record<string, { score: number | null; rank: number | null }> }[]) {
      expect(row.rank).toBe(reference.ranks.get('PII')!.get(row.org));
    }
    for (const org of ['25', '01', '79', '96']) {
      const row = body.results.find((item: { org: string }) => item.org === org);
      for (const code of ['PII', 'IN', 'OUT', 'P1', 'P6', '1.2', '2.3', '7.3', '1.1.1', '1.2.1', '1.2.3', LINKED]) {
        const expected = reference.scores.get(code)!.get(org);
        if (expected === null) expect(row.nodes[code].score).toBeNull();
        else expect(row.nodes[code].score, `${org} ${code}`).toBeCloseTo(expected!, 9);
        expect(row.nodes[code].rank, `${org} ${code}`).toBe(reference.ranks.get(code)!.get(org));
      }
      expect(row.score).toBeCloseTo(reference.scores.get('PII')!.get(org)!, 9);
    }
    const own = body.results.find((item: { org: string }) => item.org === '25');
    const ratio = reference.scores.get('OUT')!.get('25')! / reference.scores.get('IN')!.get('25')!;
    expect(body.efficiency.inputCode).toBe('IN');
    expect(body.efficiency.outputCode).toBe('OUT');
    expect(body.efficiency.results.find((item: { org: string }) => item.org === '25').ratio).toBeCloseTo(ratio, 12);

    // Strengths and weaknesses: nodes ranked at least `threshold` above or below the overall rank.
    expect(body.org).toBe('25');
    expect(body.threshold).toBe(4);
    for (const item of body.strengths) expect(own.rank - own.nodes[item.code].rank).toBeGreaterThanOrEqual(4);
    for (const item of body.weaknesses) expect(own.nodes[item.code].rank - own.rank).toBeGreaterThanOrEqual(4);
    const all = Object.entries(own.nodes as Record<string, { rank: number | null }>).filter(([code, node]) => code !== 'PII' && node.rank !== null && Math.abs(node.rank - own.rank) >= 4);
    expect(body.strengths.length + body.weaknesses.length).toBe(all.length);

    // Change since last year: 2024 computed the same way (no Thực Thi value in 2024).
    const previous = computeReference(data2024, provinces);
    expect(body.change).toMatchObject({ previousYear: 2024, rank: own.rank, previousRank: previous.ranks.get('PII')!.get('25') });
    expect(body.change.previousScore).toBeCloseTo(previous.scores.get('PII')!.get('25')!, 9);
    expect(body.change.rankChange).toBe(body.change.previousRank - own.rank);
  });

  it('prints the CLI contract through the service: plain numbers, ordered by rank then code', async () => {
    const view = JSON.parse(JSON.stringify(await t.services.indices.compute({ code: 'PII', year: 2025 })));
    expect(Object.keys(view)).toEqual(['code', 'year', 'results']);
    expect(view.code).toBe('PII');
    expect(view.year).toBe(2025);
    expect(Object.keys(view.results[0])).toEqual(['org', 'score', 'rank', 'nodes']);
    expect(typeof view.results[0].score).toBe('number');
    expect(Object.keys(view.results[0].nodes)).toHaveLength(FRAMEWORK.length);
    const order = [...view.results].sort((a, b) => a.rank - b.rank || (a.org < b.org ? -1 : 1)).map((row) => row.org);
    expect(view.results.map((row: { org: string }) => row.org)).toEqual(order);
  });

  it('moves the rank in a what-if exactly as a recomputation from scratch does', async () => {
    // Phú Thọ reaches the best value of the three indicators of pillar 5's first sub-pillar.
    const changes: Record<string, number> = {};
    for (const code of ['5.1.1', '5.1.2', '3.2.1']) {
      const node = INDICATORS.find((item) => item.code === code)!;
      const values = [...data2025.get(code)!.values()];
      changes[code] = node.bad ? Math.min(...values) : Math.max(...values);
    }
    const response = await t.inject({ method: 'POST', url: '/api/v1/indices/PII/what-if', headers: coordinator.headers, payload: { year: 2025, org: '25', changes } });
    expect(response.statusCode, response.body.slice(0, 400)).toBe(200);
    const whatIf = response.json();

    const changed = new Map([...data2025].map(([code, byPeer]) => [code, new Map(byPeer)]));
    changed.get(LINKED)!.set('25', LINKED_VALUE_2025);
    for (const [code, value] of Object.entries(changes)) changed.get(code)!.set('25', value);
    const recomputed = computeReference(changed, provinces);
    expect(whatIf.before.rank).toBe(reference.ranks.get('PII')!.get('25'));
    expect(whatIf.rank).toBe(recomputed.ranks.get('PII')!.get('25'));
    expect(whatIf.rank).toBeLessThan(whatIf.before.rank);
    expect(whatIf.score).toBeCloseTo(recomputed.scores.get('PII')!.get('25')!, 9);
    for (const row of whatIf.results) expect(row.rank, row.org).toBe(recomputed.ranks.get('PII')!.get(row.org));

    // From scratch through the application: the changed data imported into a second framework.
    expect((await importFile('index-framework', 'code=PIIX&name=Th%E1%BB%AD', frameworkRows())).statusCode).toBe(200);
    expect((await importFile('index-data', 'code=PIIX', dataRows(changed, 2025))).statusCode).toBe(200);
    const scratch = await t.services.indices.compute({ code: 'PIIX', year: 2025 });
    expect(scratch.results.map((row) => [row.org, row.rank])).toEqual(whatIf.results.map((row: { org: string; rank: number }) => [row.org, row.rank]));
    expect(scratch.results.find((row) => row.org === '25')!.score).toBe(whatIf.score);
  });

  it('lists the best levers by relative effort, each gaining a rank as a what-if shows', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/v1/indices/PII/levers?year=2025&org=25', headers: coordinator.headers });
    expect(response.statusCode, response.body.slice(0, 400)).toBe(200);
    const body = response.json();
    expect(body.rank).toBe(reference.ranks.get('PII')!.get('25'));
    expect(body.levers.length).toBeGreaterThan(0);
    const efforts = body.levers.map((lever: { relativeEffort: number }) => lever.relativeEffort);
    expect(efforts).toEqual([...efforts].sort((a, b) => a - b));
    for (const lever of body.levers.slice(0, 3)) {
      expect(lever.newRank).toBeLessThan(body.rank);
      const reached = (await t.inject({ method: 'POST', url: '/api/v1/indices/PII/what-if', headers: coordinator.headers, payload: { year: 2025, org: '25', changes: { [lever.code]: lever.target } } })).json();
      expect(reached.rank).toBe(lever.newRank);
      // A little less than the smallest improvement does not gain the rank.
      const short = lever.value + (lever.target - lever.value) * 0.98;
      const notYet = (await t.inject({ method: 'POST', url: '/api/v1/indices/PII/what-if', headers: coordinator.headers, payload: { year: 2025, org: '25', changes: { [lever.code]: short } } })).json();
      expect(notYet.rank).toBe(body.rank);
    }
  });

  it('refuses a bad framework or data file as a whole, naming rows and columns', async () => {
    const bad = await importFile('index-framework', 'code=PII', [
      ['Mã', 'Tên', 'Cấp', 'Thuộc', 'Trọng số', 'Chiều (Tăng/Giảm)', 'Điểm tối đa'],
      ['PII', 'PII', 'Chỉ số', null, null, null, null],
      ['P1', 'Trụ cột 1', 'Trụ cột', 'P2', null, null, null],
      ['P2', 'Trụ cột 2', 'Trụ cột', 'P1', null, null, null],
      ['X', 'Chỉ tiêu', 'Chỉ tiêu', 'P1', null, null, null],
    ]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.errors.map((error: { row: number; column: string }) => [error.row, error.column])).toEqual([
      [3, 'D'],
      [4, 'D'],
    ]);
    expect((await t.inject({ method: 'GET', url: '/api/v1/indices/PII', headers: coordinator.headers })).json().nodes).toHaveLength(FRAMEWORK.length);

    const data = await importFile('index-data', 'code=PII', [
      ['Mã chỉ tiêu', 'Đơn vị', 'Năm', 'Giá trị'],
      ['1.1.1', '25', 2026, 10],
      ['P1', '25', 2026, 10],
      ['1.1.1', 'SKHCN', 2026, 10],
      ['1.1.2', 'Tỉnh Phú Thọ', 2026, 'mười'],
    ]);
    expect(data.statusCode).toBe(422);
    expect(data.json().error.details.errors.map((error: { row: number; column: string }) => [error.row, error.column])).toEqual([
      [3, 'A'],
      [4, 'B'],
      [5, 'D'],
    ]);
    const detail = (await t.inject({ method: 'GET', url: '/api/v1/indices/PII', headers: coordinator.headers })).json();
    expect(detail.years.map((item: { year: number }) => item.year)).toEqual([2025, 2024]);
  });

  it('scores a DTI-style framework in points', async () => {
    const framework = await importFile('index-framework', 'code=DTI&method=points', [
      ['Mã', 'Tên', 'Cấp', 'Thuộc', 'Trọng số', 'Chiều (Tăng/Giảm)', 'Điểm tối đa'],
      ['DTI', 'Chỉ số chuyển đổi số', 'Chỉ số', null, null, null, null],
      ['G', 'Chính quyền số', 'Trụ cột', 'DTI', null, null, 30],
      ['G1', 'Tỷ lệ dịch vụ công toàn trình', 'Chỉ tiêu', 'G', null, 'Tăng', 10],
      ['G2', 'Tỷ lệ hồ sơ trực tuyến (%)', 'Chỉ tiêu', 'G', null, 'Tăng', 20],
      ['E', 'Kinh tế số', 'Trụ cột', 'DTI', null, null, null],
      ['E1', 'Số ngày xử lý', 'Chỉ tiêu', 'E', null, 'Giảm', 30],
    ]);
    expect(framework.statusCode, framework.body).toBe(200);
    expect(framework.json().framework).toMatchObject({ method: 'points' });
    const data = await importFile('index-data', 'code=DTI', [
      ['Mã chỉ tiêu', 'Đơn vị', 'Năm', 'Giá trị'],
      ['G1', '25', 2025, '0,5'],
      ['G1', '01', 2025, 1],
      ['G1', '79', 2025, 0.2],
      ['G2', '25', 2025, 80],
      ['G2', 'Thành phố Hà Nội', 2025, '40'],
      ['E1', '25', 2025, 100],
      ['E1', '01', 2025, 300],
      ['E1', '79', 2025, 200],
    ]);
    expect(data.statusCode, data.body).toBe(200);
    const results = (await t.inject({ method: 'GET', url: '/api/v1/indices/DTI/results?year=2025', headers: coordinator.headers })).json();
    // Points as worked in the unit test: 25 → 5 + 16 + 30 = 51, 01 → 10 + 8 + 0 = 18, 79 → 2 + 0 + 15 = 17, of 60.
    expect(results.maxPoints).toMatchObject({ DTI: 60, G: 30, E: 30 });
    expect(results.results.map((row: { org: string; rank: number }) => [row.org, row.rank])).toEqual([
      ['25', 1],
      ['01', 2],
      ['79', 3],
    ]);
    expect(results.results.map((row: { score: number }) => row.score)).toEqual([51 / 60, 18 / 60, 17 / 60].map((value) => expect.closeTo(value, 12)));
    expect(results.results[0].nodes.G.score).toBeCloseTo(21, 12);
    expect(results.efficiency).toBeNull();
  });

  it('lets coordinators manage frameworks and any user read them', async () => {
    const reporter = await t.userSession('baocao', 'reporter', '25');
    const refused = await importFile('index-data', 'code=PII', dataRows(data2025, 2025), reporter);
    expect(refused.statusCode).toBe(403);
    const readable = await t.inject({ method: 'GET', url: '/api/v1/indices/PII/results?year=2025&org=01', headers: reporter.headers });
    expect(readable.statusCode).toBe(200);
    expect(readable.json().org).toBe('01');
    const anonymous = await t.inject({ method: 'GET', url: '/api/v1/indices/PII/results?year=2025' });
    expect(anonymous.statusCode).toBe(401);
    const unknown = await t.inject({ method: 'POST', url: '/api/v1/indices/PII/what-if', headers: reporter.headers, payload: { year: 2025, org: '25', changes: { P1: 5, 'KHONG.CO': 1 } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('không có chỉ tiêu "KHONG.CO"');
    const patched = await t.inject({ method: 'PATCH', url: '/api/v1/indices/PIIX', headers: coordinator.headers, payload: { method: 'points' } });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().error.message).toContain('chưa có điểm tối đa');
    const removed = await t.inject({ method: 'DELETE', url: '/api/v1/indices/PIIX', headers: coordinator.headers });
    expect(removed.statusCode).toBe(204);
    expect((await t.inject({ method: 'GET', url: '/api/v1/indices/PIIX', headers: coordinator.headers })).statusCode).toBe(404);
  });
});

/** Runs `thucthi` as a user would, on its own embedded database. */
function thucthi(args: string[], dataDir: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/thucthi.js', ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('thucthi index (CLI, embedded database)', () => {
  let dir: string;
  let dataDir: string;
  let provinces: string[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thucthi-index-'));
    dataDir = path.join(dir, 'data');
    fs.writeFileSync(path.join(dir, 'khung.xlsx'), await workbook(frameworkRows().map((row) => row.slice(0, 7))));
    fs.writeFileSync(path.join(dir, 'loi.xlsx'), await workbook([['Mã chỉ tiêu', 'Đơn vị', 'Năm', 'Giá trị'], ['9.9.9', '25', 2025, 1]]));
    // Prepared in-process (the same service calls as `index import-framework` and `index import-data`)
    // to keep the slow CLI calls to three.
    const database = await openDatabase({ databaseUrl: null, dataDir });
    try {
      await migrateDatabase(database);
      const services = createServices(database, fixedClock('2026-03-15'), { sessionDays: 7, dueSoonDays: 3 });
      await services.organizations.seedReference({ national: true });
      provinces = (await services.organizations.list({ kind: 'province' })).map((row: { code: string }) => row.code).sort();
      const framework = await services.indices.importFramework(null, fs.readFileSync(path.join(dir, 'khung.xlsx')), { code: 'PII' });
      expect(framework.ok).toBe(true);
      const data = await services.indices.importData(null, await workbook(dataRows(generateData(provinces, 7), 2025)), { code: 'PII' });
      expect(data.ok).toBe(true);
    } finally {
      await database.close();
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('computes the contract, refuses a bad data file with exit 1, and re-imports the framework', async () => {
    const computed = await thucthi(['index', 'compute', '--code', 'PII', '--year', '2025', '--json'], dataDir);
    expect(computed.status, computed.stderr).toBe(0);
    const output = JSON.parse(computed.stdout);
    expect(Object.keys(output)).toEqual(['code', 'year', 'results']);
    expect(output).toMatchObject({ code: 'PII', year: 2025 });
    expect(output.results).toHaveLength(34);
    const expected = computeReference(generateData(provinces, 7), provinces);
    for (const row of output.results) {
      expect(Object.keys(row)).toEqual(['org', 'score', 'rank', 'nodes']);
      expect(row.rank).toBe(expected.ranks.get('PII')!.get(row.org));
      expect(row.score).toBeCloseTo(expected.scores.get('PII')!.get(row.org)!, 9);
      expect(row.nodes.P3.rank).toBe(expected.ranks.get('P3')!.get(row.org));
    }

    const refused = await thucthi(['index', 'import-data', path.join(dir, 'loi.xlsx'), '--code', 'PII', '--json'], dataDir);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, created: 0, errors: [expect.objectContaining({ row: 2, column: 'A' })] });

    const framework = await thucthi(['index', 'import-framework', path.join(dir, 'khung.xlsx'), '--code', 'PII', '--name', 'PII 2025', '--json'], dataDir);
    expect(framework.status, framework.stderr).toBe(0);
    expect(JSON.parse(framework.stdout)).toMatchObject({ ok: true, created: FRAMEWORK.length, framework: { code: 'PII', name: 'PII 2025', method: 'minmax' } });
  }, 240_000);
});
