import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoAppendix } from '../../src/server/demo/demo-appendix';

/** Runs `thucthi` as a user would, on its own embedded database. */
function thucthi(args: string[], dataDir: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/thucthi.js', ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('thucthi CLI (embedded database)', () => {
  let dir: string;
  let dataDir: string;
  let appendix: string;
  let broken: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thucthi-cli-'));
    dataDir = path.join(dir, 'data');
    appendix = path.join(dir, 'phu-luc.xlsx');
    fs.writeFileSync(appendix, await buildDemoAppendix(2026));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Thời hạn']);
    sheet.addRow([1, 'Nhiệm vụ tốt', 'Sở Y tế', '30/6/2026']);
    sheet.addRow([2, 'Nhiệm vụ lỗi', 'Sở Không Tồn Tại', 'Quý V/2026']);
    broken = path.join(dir, 'loi.xlsx');
    fs.writeFileSync(broken, Buffer.from(await workbook.xlsx.writeBuffer()));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('seeds the reference organizations idempotently: 1 province, the departments, 148 communes', async () => {
    const first = await thucthi(['seed', 'reference', '--json'], dataDir);
    expect(first.status, first.stderr).toBe(0);
    const again = await thucthi(['seed', 'reference', '--json'], dataDir);
    const counts = Object.fromEntries((JSON.parse(again.stdout).counts as { kind: string; count: number }[]).map((row) => [row.kind, row.count]));
    expect(JSON.parse(again.stdout).created).toBe(0);
    expect(counts.province).toBe(1);
    expect(counts.commune + counts.ward).toBe(148);
  });

  it('imports with --dry-run --json (exit 0, nothing written), then for real, then refuses a second time (exit 2)', async () => {
    const base = ['import', 'tasks', appendix, '--directive', '125/KH-UBND', '--issued', '2026-01-15', '--plan-end', '2028', '--json'];
    const dry = await thucthi([...base, '--dry-run'], dataDir);
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: true, created: 168, errors: [] });
    const written = await thucthi(base, dataDir);
    expect(written.status, written.stderr).toBe(0);
    expect(JSON.parse(written.stdout)).toMatchObject({ ok: true, created: 168 });
    expect(JSON.parse(written.stdout).warnings.length).toBeGreaterThan(0);
    const again = await thucthi(base, dataDir);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('chỉ nhập một lần');
  });

  it('exits 1 with row errors and writes nothing', async () => {
    const result = await thucthi(['import', 'tasks', broken, '--directive', '99/KH-UBND', '--issued', '2026-02-01', '--json'], dataDir);
    expect(result.status).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output).toMatchObject({ ok: false, created: 0 });
    expect(output.errors.map((error: { row: number; column: string }) => [error.row, error.column])).toEqual([
      [3, 'C'],
      [3, 'D'],
    ]);
    expect(output.errors[0].suggestions).toHaveLength(3);
    const stats = await thucthi(['stats', 'tasks', '--as-of', '2026-12-31', '--directive', '99/KH-UBND', '--json'], dataDir);
    expect(stats.status).toBe(2);
  });

  it('exits 2 with a message for an unreadable file or a missing issue date', async () => {
    const missing = await thucthi(['import', 'tasks', path.join(dir, 'khong-co.xlsx'), '--directive', '1/KH', '--issued', '2026-01-01'], dataDir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('khong-co.xlsx');
    const noDate = await thucthi(['import', 'tasks', appendix, '--directive', '77/KH-UBND'], dataDir);
    expect(noDate.status).toBe(2);
    expect(noDate.stderr).toContain('--issued');
  });

  it('prints the statistics contract as JSON', async () => {
    const result = await thucthi(['stats', 'tasks', '--as-of', '2026-07-01', '--org', 'SKHCN', '--json'], dataDir);
    expect(result.status, result.stderr).toBe(0);
    const stats = JSON.parse(result.stdout);
    expect(stats).toEqual({
      asOf: '2026-07-01',
      total: 3,
      due: 2,
      completedOnTime: 1,
      completedLate: 1,
      inProgress: 1,
      overdue: 0,
      noDeadline: 0,
      dueSoon: 0,
      completionRate: 1,
      onTimeRate: 0.5,
      organizations: [
        { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', total: 3, due: 2, completedOnTime: 1, completedLate: 1, inProgress: 1, overdue: 0, noDeadline: 0, dueSoon: 0, completionRate: 1, onTimeRate: 0.5, rank: 1 },
      ],
    });
    const bad = await thucthi(['stats', 'tasks', '--as-of', '2026-13-01', '--json'], dataDir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('2026-13-01');
  });

  it('imports indicators, values and targets (exit 0, 1 on a bad row) and prints the value contract', async () => {
    const write = async (name: string, rows: (string | number | null)[][]) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('Sheet1');
      for (const row of rows) sheet.addRow(row);
      const file = path.join(dir, name);
      fs.writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
      return file;
    };
    const definitions = await write('chi-tieu.xlsx', [
      ['Mã', 'Tên chỉ tiêu', 'Đơn vị tính', 'Chiều (Tăng/Giảm)', 'Tần suất (Tháng/Quý/Năm)', 'Tổng hợp theo thời gian (Cộng dồn/Cuối kỳ/Trung bình)', 'Tổng hợp theo đơn vị (Cộng/Trung bình/Tỷ lệ/Không)', 'Tử số', 'Mẫu số', 'Đơn vị theo dõi'],
      ['LOM', 'Số điểm lõm sóng', 'điểm', 'Giảm', 'Tháng', 'Cuối kỳ', 'Cộng', null, null, 'SKHCN'],
    ]);
    const defined = await thucthi(['import', 'indicators', definitions, '--json'], dataDir);
    expect(defined.status, defined.stderr).toBe(0);
    expect(JSON.parse(defined.stdout)).toMatchObject({ ok: true, created: 1, errors: [] });
    const values = await write('so-lieu.xlsx', [
      ['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Giá trị'],
      ['LOM', '04792', '2026-01', 3],
      ['LOM', '04792', 'Tháng 2/2026', 2],
      ['LOM', 'Xã Đà Bắc', '2026-02', '1,0'],
    ]);
    const bad = await write('so-lieu-loi.xlsx', [
      ['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Giá trị'],
      ['LOM', '04792', '2026Q1', 3],
    ]);
    const refused = await thucthi(['import', 'indicator-values', bad, '--json'], dataDir);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout).errors[0]).toMatchObject({ row: 2, column: 'C' });
    const written = await thucthi(['import', 'indicator-values', values, '--json'], dataDir);
    expect(written.status, written.stderr).toBe(0);
    const targets = await write('chi-tieu-ke-hoach.xlsx', [
      ['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Chỉ tiêu', 'So sánh (≥, ≤, =)'],
      ['LOM', '25', '2026', 0, '≤'],
    ]);
    expect((await thucthi(['import', 'indicator-targets', targets, '--json'], dataDir)).status).toBe(0);
    const value = await thucthi(['indicators', 'value', '--code', 'LOM', '--org', '25', '--period', '2026Q1', '--as-of', '2026-02-15', '--json'], dataDir);
    expect(value.status, value.stderr).toBe(0);
    expect(JSON.parse(value.stdout)).toEqual({
      code: 'LOM',
      org: '25',
      period: '2026Q1',
      value: 3,
      entered: null,
      rollup: { value: 3, reported: 2, expected: 148 },
      target: 0,
      comparator: 'lte',
      progress: 0,
      status: 'off_track',
    });
  });
});
