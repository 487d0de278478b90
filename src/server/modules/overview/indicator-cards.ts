/**
 * The indicator cards of the overview and the scorecards: each indicator's latest value, target,
 * progress and status (indicators.list) and a sparkline (indicators.series) — the indicator
 * service's own figures, never recomputed here.
 *
 * They are slow to compute on a province (a rollup per indicator and period), and change only
 * when indicator data changes, so they are kept per (organization, date) and served from memory
 * while the indicator data is unchanged (a fingerprint of it is read on every request, from
 * primary-key indexes only). A missing or outdated entry is computed in the background: the
 * overview answers at once, saying the cards are pending (or showing the previous ones as stale).
 */
import { formatPeriodCode, parsePeriodCode, previousPeriod, type PeriodKind } from '../../../domain/periods';
import type { Database } from '../../db/client';
import type { IndicatorsService } from '../indicators/indicators.service';
import { readIndicatorFingerprint } from './overview.repository';

/** At most this many cards (the indicators most in need of attention first). */
export const MAX_INDICATOR_CARDS = 12;
const CACHE_ENTRIES = 64;
/** Points of a sparkline by the indicator's frequency. */
const sparklineLength: Record<PeriodKind, number> = { month: 12, quarter: 8, half: 6, year: 5 };
/** Cards are ordered by status, the worst first. */
const statusOrder = ['off_track', 'at_risk', 'on_track', 'achieved', 'no_data'];

export interface IndicatorCard {
  code: string;
  name: string;
  unit: string;
  groupName: string | null;
  direction: string;
  valueType: string;
  frequency: string;
  period: string;
  value: number | null;
  target: number | null;
  comparator: string | null;
  progress: number | null;
  status: string;
  baseline: number | null;
  series: { period: string; label: string; value: number | null }[];
}

export interface IndicatorCards {
  /** ready: current; stale: the previous figures while new ones are computed; pending: being computed; error: the computation failed. */
  status: 'ready' | 'stale' | 'pending' | 'error';
  computedAt: Date | null;
  /** How long the computation took (ms), for the benchmark. */
  computeMs: number | null;
  /** Indicators of the catalogue, and how many are in each status. */
  total: number;
  byStatus: Record<string, number>;
  items: IndicatorCard[];
}

interface Entry {
  fingerprint: string;
  computedAt: Date;
  computeMs: number;
  total: number;
  byStatus: Record<string, number>;
  items: IndicatorCard[];
}

/** Lets timers and I/O (other requests) run before continuing. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function createIndicatorCardCache(database: Database, indicators: IndicatorsService, now: () => Date) {
  const entries = new Map<string, Entry>();
  const running = new Map<string, Promise<void>>();
  const failures = new Map<string, string>();

  async function compute(org: string, asOf: string, fingerprint: string): Promise<void> {
    // PGlite runs each query on this thread and resolves it without leaving the microtask queue:
    // a long chain of queries would hold back every request until it ends. Yield between steps.
    await yieldToEventLoop();
    const started = Date.now();
    const list = await indicators.list({ org, asOf });
    const byStatus: Record<string, number> = Object.fromEntries(statusOrder.map((status) => [status, 0]));
    for (const item of list.items) byStatus[item.latest.status] = (byStatus[item.latest.status] ?? 0) + 1;
    const chosen = list.items
      .filter((item) => item.latest.target !== null || item.latest.value !== null)
      .sort((a, b) => statusOrder.indexOf(a.latest.status) - statusOrder.indexOf(b.latest.status) || a.code.localeCompare(b.code))
      .slice(0, MAX_INDICATOR_CARDS);
    const items: IndicatorCard[] = [];
    for (const item of chosen) {
      const to = parsePeriodCode(item.latest.period);
      let series: IndicatorCard['series'] = [];
      if (to) {
        await yieldToEventLoop();
        let from = to;
        for (let step = 1; step < sparklineLength[to.kind]; step += 1) from = previousPeriod(from);
        const points = await indicators.series({ code: item.code, org, asOf, kind: to.kind, from: formatPeriodCode(from), to: formatPeriodCode(to) });
        series = points.items.map((point) => ({ period: point.period, label: point.label, value: point.value }));
      }
      items.push({
        code: item.code,
        name: item.name,
        unit: item.unit,
        groupName: item.groupName,
        direction: item.direction,
        valueType: item.valueType,
        frequency: item.frequency,
        period: item.latest.period,
        value: item.latest.value,
        target: item.latest.target,
        comparator: item.latest.comparator,
        progress: item.latest.progress,
        status: item.latest.status,
        baseline: item.latest.baseline,
        series,
      });
    }
    const key = `${org}|${asOf}`;
    entries.delete(key);
    entries.set(key, { fingerprint, computedAt: now(), computeMs: Date.now() - started, total: list.items.length, byStatus, items });
    while (entries.size > CACHE_ENTRIES) entries.delete(entries.keys().next().value!);
  }

  function start(org: string, asOf: string, fingerprint: string): Promise<void> {
    const key = `${org}|${asOf}`;
    let promise = running.get(key);
    if (!promise) {
      promise = compute(org, asOf, fingerprint)
        .then(() => {
          failures.delete(key);
        })
        .catch((error: unknown) => {
          failures.set(key, fingerprint);
          throw error;
        })
        .finally(() => running.delete(key));
      running.set(key, promise);
    }
    return promise;
  }

  return {
    /**
     * The cards of an organization on a date: at once from memory when the indicator data is
     * unchanged; otherwise the computation starts in the background and the answer says so.
     */
    async get(org: string, asOf: string): Promise<IndicatorCards> {
      const key = `${org}|${asOf}`;
      const fingerprint = await readIndicatorFingerprint(database.db);
      const entry = entries.get(key);
      if (entry && entry.fingerprint === fingerprint) {
        return { status: 'ready', computedAt: entry.computedAt, computeMs: entry.computeMs, total: entry.total, byStatus: entry.byStatus, items: entry.items };
      }
      if (failures.get(key) === fingerprint && !running.has(key)) {
        failures.delete(key);
        return { status: 'error', computedAt: null, computeMs: null, total: 0, byStatus: {}, items: [] };
      }
      start(org, asOf, fingerprint).catch(() => undefined);
      if (entry) return { status: 'stale', computedAt: entry.computedAt, computeMs: entry.computeMs, total: entry.total, byStatus: entry.byStatus, items: entry.items };
      return { status: 'pending', computedAt: null, computeMs: null, total: 0, byStatus: {}, items: [] };
    },

    /** Computes (or waits for) the cards of an organization on a date, then returns them. */
    async refresh(org: string, asOf: string): Promise<IndicatorCards> {
      const fingerprint = await readIndicatorFingerprint(database.db);
      const entry = entries.get(`${org}|${asOf}`);
      if (!entry || entry.fingerprint !== fingerprint) await start(org, asOf, fingerprint);
      return this.get(org, asOf);
    },
  };
}

export type IndicatorCardCache = ReturnType<typeof createIndicatorCardCache>;
