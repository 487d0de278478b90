import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../server/app';
import { fixedClock } from '../server/clock';
import { loadConfig } from '../server/config';
import { migrateDatabase, openDatabase, type Database } from '../server/db/client';
import type { Actor } from '../domain/policies';
import { generate, type Scale } from './generate';

export interface BenchOptions {
  scale: Scale;
  engine: 'pglite' | 'postgres';
  out?: string;
  runs: number;
  warmup: number;
  httpSeconds: number;
  /** PostgreSQL server URL (a database per scale is created on it). */
  postgresUrl: string;
  log: (line: string) => void;
}

export interface BenchResult {
  name: string;
  p50Ms: number;
  p95Ms: number;
  boundP50Ms: number | null;
  ratio: number | null;
}

export interface BenchReport {
  engine: string;
  scale: string;
  machine: { cpus: number; memoryGb: number };
  results: BenchResult[];
  http: { endpoint: string; rps: number; p99Ms: number; errors: number }[];
}

const asOf = '2026-11-26';

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index] * 100) / 100;
}

async function time(runs: number, warmup: number, action: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let index = 0; index < warmup; index += 1) await action();
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = process.hrtime.bigint();
    await action();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function openBenchDatabase(options: BenchOptions): Promise<{ database: Database; dataDir: string | null }> {
  if (options.engine === 'pglite') {
    if (options.scale === 'national') throw new Error('Quy mô toàn quốc không chạy trên PGlite (WebAssembly 32-bit, tối đa 4 GB): dùng --engine postgres.');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thucthi-bench-'));
    return { database: await openDatabase({ databaseUrl: null, dataDir }), dataDir };
  }
  const name = `thucthi_bench_${options.scale}`;
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(options.postgresUrl);
  url.pathname = `/${name}`;
  return { database: await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 16 }), dataDir: null };
}

/** A task table of `rows` rows, as a department would send it. */
async function taskTable(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Phụ lục');
  sheet.addRow(['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn hoàn thành']);
  const leads = ['Sở Khoa học và Công nghệ', 'Sở Tài chính', 'Sở Y tế', 'Sở Nội vụ', 'Sở Công Thương', 'Văn phòng UBND tỉnh'];
  const deadlines = ['30/6/2026', 'Quý IV/2026', 'Tháng 9/2026', 'Năm 2027', 'Thường xuyên'];
  for (let index = 0; index < rows; index += 1) {
    sheet.addRow([index + 1, `Nhiệm vụ nhập thử số ${index + 1}`, leads[index % leads.length], 'Sở Tư pháp', deadlines[index % deadlines.length]]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Runs the benchmark: generates the data when needed, times every query and its bound, loads the HTTP endpoints. */
export async function runBenchmark(options: BenchOptions): Promise<BenchReport> {
  const { database, dataDir } = await openBenchDatabase(options);
  const log = options.log;
  try {
    await migrateDatabase(database);
    const config = loadConfig({ LOG_LEVEL: 'silent', THUCTHI_WEB_DIR: '/nonexistent', HOST: '127.0.0.1' }, process.cwd());
    const app = await buildApp(config, { database, clock: fixedClock(asOf) });
    const services = app.deps.services;
    const [{ count }] = await database.rows<{ count: number }>(sql`select count(*)::int as count from tasks`);
    if (count === 0) {
      log(`Sinh dữ liệu quy mô ${options.scale} trên ${options.engine}…`);
      const summary = await generate(database, services, { scale: options.scale, seed: 1, log });
      log(`Đã sinh dữ liệu trong ${summary.seconds.toFixed(1)} giây.`);
    }
    const provinceCode = '25';
    const rootCode = options.scale === 'national' ? 'VN' : '25';
    const admin = (await services.users.findByUsername('bench')) ?? (await services.users.createAsSystem({ username: 'bench', fullName: 'Benchmark', password: 'bench-password-1', roles: [{ role: 'system_admin', organizationCode: '25' }] }), await services.users.findByUsername('bench'));
    const actor: Actor = await services.users.loadActor(database.db, admin!);
    const results: BenchResult[] = [];
    const measure = async (name: string, action: () => Promise<unknown>, bound?: () => Promise<unknown>, runs = options.runs) => {
      const timing = await time(runs, options.warmup, action);
      const boundTiming = bound ? await time(runs, options.warmup, bound) : null;
      const result: BenchResult = {
        name,
        p50Ms: timing.p50,
        p95Ms: timing.p95,
        boundP50Ms: boundTiming?.p50 ?? null,
        ratio: boundTiming ? Math.round((timing.p50 / Math.max(boundTiming.p50, 0.01)) * 100) / 100 : null,
      };
      results.push(result);
      log(`${name.padEnd(20)} p50 ${String(result.p50Ms).padStart(9)} ms   p95 ${String(result.p95Ms).padStart(9)} ms   bound ${String(result.boundP50Ms ?? '—').padStart(9)} ms   ratio ${result.ratio ?? '—'}`);
    };

    // The bound: the fastest single statement over the base tables that returns the same answer.
    const boundStats = (pathPrefix: string | null) => () =>
      database.rows(sql`
        select t.lead_organization_id,
               count(*) filter (where c and (d is null or t.completed_on <= d)) as on_time,
               count(*) filter (where c and t.completed_on > d) as late,
               count(*) filter (where not c and d >= ${asOf}::date) as in_progress,
               count(*) filter (where not c and d < ${asOf}::date) as overdue,
               count(*) filter (where not c and d is null) as no_deadline
          from (select t.*, coalesce(t.completed_on <= ${asOf}::date, false) as c,
                       case when t.extension_count = 0 then t.original_deadline else coalesce((select e.requested_deadline from task_extensions e where e.task_id = t.id and e.status = 'approved' and e.decided_on <= least(coalesce(t.completed_on, ${asOf}::date), ${asOf}::date) order by e.decided_on desc, e.id desc limit 1), t.original_deadline) end as d
                  from tasks t
                 where not t.is_container and t.lead_organization_id is not null and t.assigned_on <= ${asOf}::date
                   and (t.cancelled_on is null or t.cancelled_on > ${asOf}::date)
                   ${pathPrefix ? sql`and t.lead_organization_id in (select id from organizations where path like ${`${pathPrefix}%`})` : sql``}
                 offset 0) t
         group by t.lead_organization_id`);
    const provincePath = (await services.organizations.getByCode(provinceCode)).path;
    await measure('stats.all', () => services.stats.taskStatistics({ asOf }), boundStats(null));
    await measure('stats.province', () => services.stats.taskStatistics({ asOf, org: provinceCode }), boundStats(provincePath));
    await measure('ranking.communes', () => services.stats.taskStatistics({ asOf, kind: 'commune' }), boundStats(null));
    await measure(
      'tasks.list',
      () => services.tasks.list(actor, { asOf, search: 'so hoa', timeliness: ['overdue', 'in_progress'], org: provinceCode, page: 1, pageSize: 20, sort: 'deadline' }),
      () =>
        database.rows(sql`select t.id, t.title from tasks t join organizations o on o.id = t.lead_organization_id
          where not t.is_container and o.path like ${`${provincePath}%`} and immutable_unaccent(lower(t.title)) like ${'%so hoa%'}
            and t.completed_on is null order by t.deadline limit 20`),
    );
    const indicatorCode = 'CT01';
    const [indicator] = await database.rows<{ id: number }>(sql`select id from indicators where code = ${indicatorCode}`);
    const rootPath = (await services.organizations.getByCode(rootCode)).path;
    const boundIndicator = (periods: string[]) => () =>
      database.rows(sql`select sum(v.value) from indicator_values v join organizations o on o.id = v.organization_id
        where v.indicator_id = ${indicator.id} and v.status = 'approved' and v.period in (${sql.join(periods.map((period) => sql`${period}`), sql`, `)}) and o.path like ${`${rootPath}%`}`);
    await measure('indicator.quarter', () => services.indicators.rollup({ code: indicatorCode, org: rootCode, period: '2026Q2', asOf }), boundIndicator(['2026-04', '2026-05', '2026-06']));
    await measure(
      'indicator.year',
      () => services.indicators.rollup({ code: indicatorCode, org: rootCode, period: '2025', asOf }),
      boundIndicator(Array.from({ length: 12 }, (_, index) => `2025-${String(index + 1).padStart(2, '0')}`)),
    );
    const extra = services as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>> | undefined>;
    if (extra.overview?.overview) await measure('overview', () => extra.overview!.overview(actor, { asOf, org: rootCode }));
    if (extra.reports?.exportReport) await measure('report.province', () => extra.reports!.exportReport(actor, { asOf, org: provinceCode }, 'docx'), undefined, Math.min(options.runs, 10));
    const table = await taskTable(10_000);
    let importRun = 0;
    await measure(
      'import.10k',
      () => services.imports.importTasks(null, table, { directive: `BENCH-${Date.now()}-${(importRun += 1)}`, issued: '2026-01-15', issuer: provinceCode, dryRun: false }),
      undefined,
      Math.min(options.runs, 5),
    );

    // HTTP load on two read endpoints.
    const http: BenchReport['http'] = [];
    if (options.httpSeconds > 0) {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address() as { port: number };
      const token = await services.users.createToken(null, { name: 'bench', username: 'bench' });
      for (const endpoint of [`/api/v1/stats/tasks?asOf=${asOf}&org=${provinceCode}`, `/api/v1/tasks?asOf=${asOf}&org=${provinceCode}&timeliness=overdue&pageSize=20`]) {
        const result = await autocannon({
          url: `http://127.0.0.1:${address.port}${endpoint}`,
          connections: 32,
          duration: options.httpSeconds,
          headers: { authorization: `Bearer ${token.token}` },
        });
        const entry = { endpoint: endpoint.split('?')[0], rps: Math.round(result.requests.average), p99Ms: result.latency.p99, errors: result.errors + result.non2xx };
        http.push(entry);
        log(`HTTP ${entry.endpoint.padEnd(22)} ${entry.rps} req/s   p99 ${entry.p99Ms} ms   lỗi ${entry.errors}`);
      }
    }
    await app.close();
    const report: BenchReport = {
      engine: options.engine,
      scale: options.scale,
      machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 1024 ** 3) },
      results,
      http,
    };
    if (options.out) fs.writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  } finally {
    await database.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
