import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
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
import { deleteBenchImports } from './bulk.repository';
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

function summary(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

async function elapsed(action: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Times `action` (and its bound, if any) `runs` times after `warmup` runs, the two in alternation:
 * a burst of load on the machine then lands on both sides, not on one only.
 */
async function time(runs: number, warmup: number, action: () => Promise<unknown>, bound?: () => Promise<unknown>) {
  for (let index = 0; index < warmup; index += 1) {
    await action();
    if (bound) await bound();
  }
  const samples: number[] = [];
  const boundSamples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    samples.push(await elapsed(action));
    if (bound) boundSamples.push(await elapsed(bound));
  }
  return { action: summary(samples), bound: bound ? summary(boundSamples) : null };
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
  return { database: await openDatabase({ databaseUrl: databaseUrlOf(options), dataDir: null, poolSize: 16 }), dataDir: null };
}

/** The URL of the benchmark's database for its scale on the PostgreSQL server. */
function databaseUrlOf(options: BenchOptions): string {
  const url = new URL(options.postgresUrl);
  url.pathname = `/thucthi_bench_${options.scale}`;
  return url.toString();
}

/** Starts `thucthi serve` on a free port against `databaseUrl`; resolves once it listens. */
async function startServerProcess(databaseUrl: string): Promise<{ port: number; stop: () => void }> {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  // The server runs with this process's Node flags (npm run bench passes those of npm start).
  const child = spawn(process.execPath, [...process.execArgv, path.resolve('bin/thucthi.js'), 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', THUCTHI_DEMO: 'false', THUCTHI_WEB_DIR: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Máy chủ thử tải không khởi động sau 60 giây.')), 60_000);
    child.once('exit', (code) => reject(new Error(`Máy chủ thử tải đã dừng (mã ${code}).`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('đang chạy tại')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { port, stop: () => child.kill('SIGTERM') };
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
    const measure = async (name: string, action: () => Promise<unknown>, bound?: () => Promise<unknown>, runs = options.runs, warmup = options.warmup) => {
      const { action: timing, bound: boundTiming } = await time(runs, warmup, action, bound);
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
    // The computation itself, not the answer cache the endpoints use (measured by the HTTP load).
    await measure('stats.all', () => services.stats.computeTaskStatistics({ asOf }), boundStats(null));
    await measure('stats.province', () => services.stats.computeTaskStatistics({ asOf, org: provinceCode }), boundStats(provincePath));
    await measure('ranking.communes', () => services.stats.computeTaskStatistics({ asOf, kind: 'commune' }), boundStats(null));
    await measure(
      'tasks.list',
      () => services.tasks.list(actor, { asOf, search: 'so hoa', timeliness: ['overdue', 'in_progress'], org: provinceCode, page: 1, pageSize: 20, sort: 'deadline' }),
      // The same answer in one statement: the total (exact up to 10,000) and the first 20 rows in
      // deadline order, with every field the list returns. Overdue or in progress = not completed by asOf, with a deadline in force.
      () =>
        database.rows(sql`
          with matched as materialized (
            select t.id, deadline.value as deadline
              from tasks t
             cross join lateral (select case when t.extension_count = 0 then t.original_deadline else coalesce((
                 select e.requested_deadline from task_extensions e
                  where e.task_id = t.id and e.status = 'approved' and e.decided_on <= ${asOf}::date
                  order by e.decided_on desc, e.id desc limit 1), t.original_deadline) end as value offset 0) deadline
             where not t.is_container and t.assigned_on <= ${asOf}::date and (t.cancelled_on is null or t.cancelled_on > ${asOf}::date)
               and (t.completed_on is null or t.completed_on > ${asOf}::date) and deadline.value is not null
               and t.lead_organization_id = any(array(select o.id from organizations o where o.path like ${`${provincePath}%`}))
               and strpos(t.search_title, ${'so hoa'}) > 0
             limit 10001)
          select least(counted.n, 10000) as total, counted.n > 10000 as total_is_estimate, page.id, page.deadline,
                 case when page.deadline < ${asOf}::date then 'overdue' else 'in_progress' end as timeliness,
                 t.title, t.directive_id, d.number as directive_number, t.group_name, t.subgroup_name,
                 lead.code as lead_code, lead.name as lead_name, lead.path as lead_path, assigning.path as assigning_path,
                 t.original_deadline, t.is_continuous, t.is_yearly, t.year, t.state, t.progress, t.completed_on,
                 t.is_container, t.parent_id, t.version, t.assigned_on, t.last_updated_on, t.updated_at
            from (select count(*)::int as n from matched) counted
            left join (select * from matched order by deadline, id limit 20) page on counted.n <= 10000
            left join tasks t on t.id = page.id
            left join directives d on d.id = t.directive_id
            left join organizations assigning on assigning.id = t.assigning_organization_id
            left join organizations lead on lead.id = t.lead_organization_id
           order by page.deadline, page.id`),
    );
    const indicatorCode = 'CT01';
    const [indicator] = await database.rows<{ id: number }>(sql`select id from indicators where code = ${indicatorCode}`);
    const rootPath = (await services.organizations.getByCode(rootCode)).path;
    /**
     * The bound of a rollup: one statement giving every figure of the service's answer (value,
     * entered, the rollup with reported/expected children, target and comparator, progress, status,
     * baseline). Hand-written for CT01 as the catalogue defines it (monthly, summed over time and over
     * organizations, reported by communes and wards) and for these databases, where only communes and
     * wards hold values (so no organization's own values hide its descendants': the root's value is
     * the sum of every value below it, and a child of the root has a value when anything below it has).
     */
    const boundIndicator = (input: { period: string; months: string[]; baseline: string; baselineMonths: string[]; start: string; end: string }) => () => {
      const codes = (list: string[]) => sql.join(list.map((code) => sql`${code}`), sql`, `);
      // Below the top of the tree, reading only the subtree's values is faster.
      const isTop = rootPath.split('/').length === 3;
      // The code of the root's child that an organization's path goes through.
      const childCode = (alias: 'o' | 'd') => sql`split_part(substr(${sql.raw(alias)}.path, ${rootPath.length + 1}), '/', 1)`;
      return database.rows(sql`
        with own as (
          select v.organization_id,
                 sum(v.value) filter (where v.period in (${codes(input.months)})) as value,
                 max(v.value) filter (where v.period = ${input.period}) as entered,
                 sum(v.value) filter (where v.period in (${codes(input.baselineMonths)})) as baseline
            from indicator_values v
           where v.indicator_id = ${indicator.id} and v.status = 'approved'
             and v.period in (${codes([input.period, input.baseline, ...input.months, ...input.baselineMonths])})
             ${isTop ? sql`` : sql`and v.organization_id in (select id from organizations where path like ${`${rootPath}%`})`}
           group by v.organization_id
        ), rolled as (
          select max(own.entered) filter (where o.path = ${rootPath}) as entered,
                 sum(own.value) filter (where o.path <> ${rootPath}) as children,
                 count(distinct ${childCode('o')}) filter (where o.path <> ${rootPath} and own.value is not null) as reported,
                 sum(own.baseline) filter (where o.path <> ${rootPath}) as baseline
            from own join organizations o on o.id = own.organization_id
           where o.is_active and o.path like ${`${rootPath}%`}
        ), facts as (
          select r.entered, coalesce(r.entered, r.children) as value, r.children, r.reported, r.baseline, coalesce(r.baseline, 0) as b, i.direction,
                 (select count(distinct ${childCode('d')}) from organizations d
                   where d.is_active and d.path like ${`${rootPath}%`} and d.path <> ${rootPath} and d.kind = any(i.reporting_kinds)) as expected,
                 t.value as target, t.comparator,
                 least(1, greatest(0, (${asOf}::date - ${input.start}::date + 1)::float8 / (${input.end}::date - ${input.start}::date + 1))) as elapsed
            from rolled r
            join indicators i on i.id = ${indicator.id}
            left join lateral (
              select case when x.period = ${input.period} then x.value else x.value * ${input.months.length} / 12 end as value, x.comparator
                from indicator_targets x
               where x.indicator_id = ${indicator.id} and x.organization_id = (select id from organizations where path = ${rootPath})
                 and x.period in (${input.period}, ${input.period.slice(0, 4)})
               order by x.period = ${input.period} desc limit 1) t on true
        ), judged as (
          select f.*, f.value is not null and f.target is not null
                      and (abs(f.value - f.target) <= 1e-9 * greatest(abs(f.value), abs(f.target))
                           or (f.comparator = 'gte' and f.value > f.target) or (f.comparator = 'lte' and f.value < f.target)) as holds
            from facts f
        ), progressed as (
          select j.*, (case when j.value is null or j.target is null then null
                            when j.target = j.b then case when j.holds then 1 else 0 end
                            when j.direction = 'higher' then least(1, greatest(0, (j.value - j.b) / (j.target - j.b)))
                            else least(1, greatest(0, (j.b - j.value) / (j.b - j.target))) end)::float8 as progress
            from judged j
        )
        select p.value, p.entered, p.children as rollup_value, p.reported, p.expected, p.target, p.comparator, p.progress,
               case when p.progress is null then 'no_data' when p.holds then 'achieved' when p.progress >= p.elapsed then 'on_track'
                    when p.progress >= 0.8 * p.elapsed then 'at_risk' else 'off_track' end as status,
               p.baseline
          from progressed p`);
    };
    const monthsOf = (year: number, first: number, last: number) => Array.from({ length: last - first + 1 }, (_, index) => `${year}-${String(first + index).padStart(2, '0')}`);
    await measure(
      'indicator.quarter',
      () => services.indicators.rollup({ code: indicatorCode, org: rootCode, period: '2026Q2', asOf }),
      boundIndicator({ period: '2026Q2', months: monthsOf(2026, 4, 6), baseline: '2025Q2', baselineMonths: monthsOf(2025, 4, 6), start: '2026-04-01', end: '2026-06-30' }),
    );
    await measure(
      'indicator.year',
      () => services.indicators.rollup({ code: indicatorCode, org: rootCode, period: '2025', asOf }),
      boundIndicator({ period: '2025', months: monthsOf(2025, 1, 12), baseline: '2024', baselineMonths: monthsOf(2024, 1, 12), start: '2025-01-01', end: '2025-12-31' }),
    );
    // The overview a province's leaders open (at either scale: Thực Thi serves a province).
    await measure('overview', () => services.overview.overview(actor, { asOf, org: provinceCode }));
    // A whole Word file is timed fewer times (at national scale the province has ~118,000 tasks).
    await measure('report.province', () => services.reports.exportReport(actor, { asOf, org: provinceCode }, 'docx'), undefined, Math.min(options.runs, options.scale === 'national' ? 3 : 10), Math.min(options.warmup, 1));
    const table = await taskTable(10_000);
    let importRun = 0;
    await measure(
      'import.10k',
      () => services.imports.importTasks(null, table, { directive: `BENCH-${Date.now()}-${(importRun += 1)}`, issued: '2026-01-15', issuer: provinceCode, dryRun: false }),
      undefined,
      Math.min(options.runs, 5),
    );
    log(`Đã xóa ${await deleteBenchImports(database.db)} nhiệm vụ nhập thử.`);

    // HTTP load on two read endpoints: on PostgreSQL against the server as it runs in production
    // (`thucthi serve`, its own process), on PGlite (one process owns the data) in this process.
    const http: BenchReport['http'] = [];
    if (options.httpSeconds > 0) {
      const token = await services.users.createToken(null, { name: 'bench', username: 'bench' });
      const server = options.engine === 'postgres' ? await startServerProcess(databaseUrlOf(options)) : null;
      let port = server?.port;
      if (!server) {
        await app.listen({ port: 0, host: '127.0.0.1' });
        port = (app.server.address() as { port: number }).port;
      }
      try {
        for (const endpoint of [`/api/v1/stats/tasks?asOf=${asOf}&org=${provinceCode}`, `/api/v1/tasks?asOf=${asOf}&org=${provinceCode}&timeliness=overdue&pageSize=20`]) {
          const result = await autocannon({
            url: `http://127.0.0.1:${port}${endpoint}`,
            connections: 32,
            duration: options.httpSeconds,
            headers: { authorization: `Bearer ${token.token}` },
          });
          const entry = { endpoint: endpoint.split('?')[0], rps: Math.round(result.requests.average), p99Ms: result.latency.p99, errors: result.errors + result.non2xx };
          http.push(entry);
          log(`HTTP ${entry.endpoint.padEnd(22)} ${entry.rps} req/s   p99 ${entry.p99Ms} ms   lỗi ${entry.errors}`);
        }
      } finally {
        server?.stop();
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
