/**
 * A smoke test of the benchmark (issue 7) on its tiny scale: it generates the data, runs every
 * measure with its bound, loads the two endpoints over HTTP and writes the JSON of the contract.
 * The benchmark itself (`npm run bench`) never runs in `npm test`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBenchmark, type BenchReport } from '../../src/bench/run';

const resultNames = ['stats.all', 'stats.province', 'ranking.communes', 'tasks.list', 'indicator.quarter', 'indicator.year', 'overview', 'report.province', 'import.10k'];
const withBound = ['stats.all', 'stats.province', 'ranking.communes', 'tasks.list', 'indicator.quarter', 'indicator.year'];

describe('npm run bench (tiny scale, PGlite)', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'thucthi-bench-test-'));
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('measures every query with its bound, loads the endpoints and writes the report', async () => {
    const out = path.join(directory, 'bench.json');
    const lines: string[] = [];
    const report = await runBenchmark({
      scale: 'tiny',
      engine: 'pglite',
      out,
      runs: 2,
      warmup: 1,
      httpSeconds: 1,
      postgresUrl: 'postgres://unused',
      log: (line) => lines.push(line),
    });
    const written = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchReport;
    expect(written).toEqual(report);
    expect(Object.keys(written)).toEqual(['engine', 'scale', 'machine', 'results', 'http']);
    expect(written).toMatchObject({ engine: 'pglite', scale: 'tiny', machine: { cpus: os.cpus().length } });
    expect(written.results.map((result) => result.name)).toEqual(resultNames);
    for (const result of written.results) {
      expect(Object.keys(result)).toEqual(['name', 'p50Ms', 'p95Ms', 'boundP50Ms', 'ratio']);
      expect(result.p50Ms).toBeGreaterThan(0);
      expect(result.p95Ms).toBeGreaterThanOrEqual(result.p50Ms);
      if (withBound.includes(result.name)) {
        expect(result.boundP50Ms).toBeGreaterThan(0);
        expect(result.ratio).toBeCloseTo(result.p50Ms / result.boundP50Ms!, 1);
      } else {
        expect(result).toMatchObject({ boundP50Ms: null, ratio: null });
      }
    }
    expect(written.http.map((entry) => entry.endpoint)).toEqual(['/api/v1/stats/tasks', '/api/v1/tasks']);
    for (const entry of written.http) {
      expect(entry.rps).toBeGreaterThan(0);
      expect(entry.errors).toBe(0);
    }
    expect(lines.some((line) => line.startsWith('stats.all'))).toBe(true);
  }, 300_000);

  it('refuses the national scale on PGlite with a message', async () => {
    await expect(
      runBenchmark({ scale: 'national', engine: 'pglite', runs: 1, warmup: 0, httpSeconds: 0, postgresUrl: 'postgres://unused', log: () => {} }),
    ).rejects.toThrow('Quy mô toàn quốc không chạy trên PGlite');
  });
});
