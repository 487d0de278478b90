/**
 * The leadership overview (Tổng quan): one answer with everything the screen shows, each number
 * with the task-list filter that makes it up. Built on the statistics, task, and indicator
 * services (their rules, never a copy) and on the cold-execution rules of src/domain.
 *
 * Visibility (domain.md): counts and rankings per organization are published to every user; the
 * tasks behind them (the overdue-age counts, cold tasks, untouched directives, which are lists or
 * counts of tasks) only within the user's scope, like the task list they click through to.
 */
import { lastDayOfMonth, parseIsoDate, type IsoDate } from '../../../domain/dates';
import {
  daysWithoutUpdate,
  isCompletionRateFalling,
  isMostlyUntouched,
  lastQuarterEnds,
  overdueAgeBuckets,
  overdueDeadlineRange,
} from '../../../domain/cold-execution';
import { isSystemAdmin, readableScopes, type Actor } from '../../../domain/policies';
import { evaluateTask } from '../../../domain/timeliness';
import type { Clock } from '../../clock';
import type { Database } from '../../db/client';
import { notFound } from '../../errors';
import type { IndicatorsService } from '../indicators/indicators.service';
import { findOrganizationByCode, type OrganizationRow } from '../organizations/organizations.repository';
import type { OrganizationStatistics, StatsService, TaskStatistics } from '../stats/stats.service';
import type { TasksService } from '../tasks/tasks.service';
import { createIndicatorCardCache } from './indicator-cards';
import {
  findRootOrganizationCode,
  listDirectiveTree,
  listOrganizationsByCodes,
  summarizeColdExecution,
  type ColdTaskRow,
} from './overview.repository';

export interface OverviewServiceOptions {
  /** An in-progress task with no update for this many days is cold. */
  coldDays: number;
  stats: StatsService;
  tasks: TasksService;
  indicators: IndicatorsService;
}

/** The task-list parameters of a number (the same names in GET /api/v1/tasks and the web /tasks). */
export type TaskFilter = Record<string, string>;

/** Ranking rows shown around the top, the bottom and the user's own organization. */
const RANKING_EDGE = 5;
const NEIGHBOURS = 5;
const COLD_TASKS_SHOWN = 10;
const DIRECTIVES_SHOWN = 10;

/** The month ends of the twelve months up to `asOf` (the last point is asOf itself). */
export function trendDates(asOf: IsoDate): { month: string; asOf: IsoDate }[] {
  const { year, month } = parseIsoDate(asOf);
  const points: { month: string; asOf: IsoDate }[] = [];
  for (let back = 11; back >= 0; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    const pointYear = Math.floor(index / 12);
    const pointMonth = (index % 12) + 1;
    points.push({ month: `${pointYear}-${String(pointMonth).padStart(2, '0')}`, asOf: back === 0 ? asOf : lastDayOfMonth(pointYear, pointMonth) });
  }
  return points;
}

function rankingRow(row: OrganizationStatistics) {
  return {
    code: row.code,
    name: row.name,
    rank: row.rank,
    total: row.total,
    due: row.due,
    completedOnTime: row.completedOnTime,
    completedLate: row.completedLate,
    inProgress: row.inProgress,
    overdue: row.overdue,
    noDeadline: row.noDeadline,
    completionRate: row.completionRate,
    onTimeRate: row.onTimeRate,
  };
}

function drop(row: { previousRate: number | null; lastRate: number | null }): number {
  return (row.previousRate ?? 0) - (row.lastRate ?? 0);
}

function counts(statistics: TaskStatistics) {
  const { total, due, completedOnTime, completedLate, inProgress, overdue, noDeadline, dueSoon, completionRate, onTimeRate } = statistics;
  return { total, due, completedOnTime, completedLate, inProgress, overdue, noDeadline, dueSoon, completionRate, onTimeRate };
}

export function createOverviewService(database: Database, clock: Clock, options: OverviewServiceOptions) {
  const db = database.db;
  const indicatorCards = createIndicatorCardCache(database, options.indicators, () => clock.now());

  /** The organization an overview opens on: the user's own (the highest one if several), else the root. */
  async function defaultOrganizationCode(actor: Actor): Promise<string> {
    const grants = [...actor.grants].sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path));
    if (grants.length > 0 && !isSystemAdmin(actor)) return grants[0].organizationCode;
    const root = await findRootOrganizationCode(db);
    return grants[0]?.organizationCode ?? root ?? '25';
  }

  async function getOrganization(code: string): Promise<OrganizationRow> {
    const organization = await findOrganizationByCode(db, code);
    if (!organization) throw notFound(`cơ quan, đơn vị có mã "${code}"`);
    return organization;
  }

  /** The province an organization belongs to (its ranking is the province's), or its root. */
  async function provinceOf(organization: OrganizationRow): Promise<{ code: string; name: string }> {
    if (organization.kind === 'province') return { code: organization.code, name: organization.name };
    const codes = organization.path.split('/').filter(Boolean);
    const chain = await listOrganizationsByCodes(db, codes);
    const province = chain.filter((row) => row.kind === 'province').sort((a, b) => b.path.length - a.path.length)[0];
    const root = chain.find((row) => row.code === codes[0]);
    return province ?? root ?? { code: organization.code, name: organization.name };
  }

  async function resolve(actor: Actor, query: { asOf?: string; org?: string }) {
    const asOf = query.asOf ?? clock.today();
    const organization = await getOrganization(query.org ?? (await defaultOrganizationCode(actor)));
    return { asOf, organization };
  }

  function presentColdTask(row: ColdTaskRow, asOf: IsoDate) {
    const evaluation = evaluateTask(
      { assignedOn: row.assignedOn, isContainer: false, originalDeadline: row.deadline, extensions: [], completedOn: row.completedOn, cancelledOn: row.cancelledOn },
      asOf,
    );
    return {
      id: row.id,
      title: row.title,
      directiveId: row.directiveId,
      directiveNumber: row.directiveNumber,
      leadCode: row.leadCode,
      leadName: row.leadName,
      state: row.state,
      progress: row.progress,
      deadline: row.deadline,
      timeliness: evaluation?.timeliness ?? null,
      overdueDays: evaluation?.overdueDays ?? null,
      assignedOn: row.assignedOn,
      lastUpdateOn: row.lastUpdateOn,
      daysWithoutUpdate: daysWithoutUpdate(row, asOf),
    };
  }

  return {
    defaultOrganizationCode,
    provinceOf,

    /** The indicator cards of an organization on a date (from memory; computed in the background). */
    indicatorCards(org: string, asOf: string) {
      return indicatorCards.get(org, asOf);
    },

    /** Computes the indicator cards now and waits for them (warming, tests). */
    refreshIndicatorCards(org: string, asOf: string) {
      return indicatorCards.refresh(org, asOf);
    },

    /**
     * Everything the overview shows for an organization's subtree as of a date.
     * @throws AppError NOT_FOUND for an unknown organization.
     */
    async overview(actor: Actor, query: { asOf?: string; org?: string }) {
      const { asOf, organization } = await resolve(actor, query);
      const org = organization.code;
      const province = await provinceOf(organization);
      const statisticsAt = new Map<string, Promise<TaskStatistics>>();
      const statsAt = (date: IsoDate, scope = org) => {
        const key = `${scope}|${date}`;
        let found = statisticsAt.get(key);
        if (!found) {
          found = options.stats.taskStatistics({ asOf: date, org: scope });
          statisticsAt.set(key, found);
        }
        return found;
      };
      const scopes = readableScopes(actor);

      const statistics = await statsAt(asOf);
      const trend = [];
      for (const point of trendDates(asOf)) {
        const figures = await statsAt(point.asOf);
        trend.push({
          month: point.month,
          asOf: point.asOf,
          due: figures.due,
          completed: figures.completedOnTime + figures.completedLate,
          completedOnTime: figures.completedOnTime,
          completionRate: figures.completionRate,
          onTimeRate: figures.onTimeRate,
        });
      }

      // The province's ranking (published), top and bottom, and the user's own organizations.
      const ranking = (await statsAt(asOf, province.code)).organizations;
      const ranked = ranking.filter((row) => row.rank !== null);
      const ownCodes = [...new Set(actor.grants.map((grant) => grant.organizationCode))];
      const own = ownCodes.flatMap((code) => {
        const index = ranking.findIndex((row) => row.code === code);
        if (index < 0) return [];
        return [{ code, name: ranking[index].name, rank: ranking[index].rank, rows: ranking.slice(Math.max(0, index - NEIGHBOURS), index + NEIGHBOURS + 1).map(rankingRow) }];
      });

      // Overdue tasks by overdue age: the very task lists the numbers lead to, counted (one statement).
      const ranges = overdueAgeBuckets.map((spec) => overdueDeadlineRange(asOf, spec.bucket));
      const overdueCounts = await options.tasks.countByDeadlineRanges(
        actor,
        { asOf, org, timeliness: ['overdue'] },
        ranges.map((range) => ({ from: range.deadlineFrom, to: range.deadlineTo })),
      );
      const overdueByAge = overdueAgeBuckets.map((spec, index) => {
        const filter: TaskFilter = { asOf, org, timeliness: 'overdue', deadlineTo: ranges[index].deadlineTo };
        if (ranges[index].deadlineFrom) filter.deadlineFrom = ranges[index].deadlineFrom!;
        return { bucket: spec.bucket, minDays: spec.minDays, maxDays: spec.maxDays, count: overdueCounts[index], filter };
      });

      // Cold execution: tasks without update, falling organizations, untouched directives.
      const cold = await summarizeColdExecution(db, { asOf, organizationPath: organization.path, readableScopes: scopes, coldDays: options.coldDays, limit: COLD_TASKS_SHOWN, offset: 0 });
      const quarters = lastQuarterEnds(asOf);
      const [lastQuarter, previousQuarter] = [await statsAt(quarters.last), await statsAt(quarters.previous)];
      const previousByCode = new Map(previousQuarter.organizations.map((row) => [row.code, row]));
      const falling = lastQuarter.organizations
        .flatMap((row) => {
          const before = previousByCode.get(row.code);
          if (!before) return [];
          const last = { completed: row.completedOnTime + row.completedLate, due: row.due };
          const previous = { completed: before.completedOnTime + before.completedLate, due: before.due };
          if (!isCompletionRateFalling(previous, last)) return [];
          return [{ code: row.code, name: row.name, previousRate: before.completionRate, lastRate: row.completionRate, previous, last }];
        })
        // The largest fall first (display order only; the rule compared the rates exactly).
        .sort((a, b) => drop(b) - drop(a) || a.code.localeCompare(b.code));

      // A directive counts its own tasks and those of the directives implementing it (as its list does).
      const tree = await listDirectiveTree(db);
      const parentOf = new Map(tree.map((row) => [row.id, row.parentId]));
      const totals = new Map<number, { counted: number; untouched: number }>();
      for (const row of cold.directives) {
        const seen = new Set<number>();
        for (let id: number | null | undefined = row.directiveId; id != null && !seen.has(id); id = parentOf.get(id)) {
          seen.add(id);
          const total = totals.get(id) ?? { counted: 0, untouched: 0 };
          total.counted += row.counted;
          total.untouched += row.untouched;
          totals.set(id, total);
        }
      }
      const directives = tree
        .filter((row) => {
          const total = totals.get(row.id);
          return total !== undefined && isMostlyUntouched(total.counted, total.untouched);
        })
        .map((row) => ({ id: row.id, number: row.number, title: row.title, ...totals.get(row.id)!, filter: { asOf, org, directive: String(row.id) } as TaskFilter }))
        .sort((a, b) => b.untouched * a.counted - a.untouched * b.counted || b.counted - a.counted || a.number.localeCompare(b.number));

      return {
        asOf,
        organization: { code: organization.code, name: organization.name, kind: organization.kind },
        province,
        coldDays: options.coldDays,
        statistics: { ...counts(statistics), filter: { asOf, org } as TaskFilter },
        trend,
        indicators: await indicatorCards.get(org, asOf),
        ranking: {
          asOf,
          provinceCode: province.code,
          organizations: ranking.length,
          ranked: ranked.length,
          top: ranked.slice(0, RANKING_EDGE).map(rankingRow),
          bottom: ranked.length > RANKING_EDGE ? ranked.slice(-Math.min(RANKING_EDGE, ranked.length - RANKING_EDGE)).map(rankingRow) : [],
          own,
        },
        overdueByAge,
        cold: {
          tasks: { count: cold.coldCount, items: cold.coldTasks.map((row) => presentColdTask(row, asOf)), filter: { asOf, org } as TaskFilter },
          organizations: { lastQuarterEnd: quarters.last, previousQuarterEnd: quarters.previous, items: falling },
          directives: { count: directives.length, items: directives.slice(0, DIRECTIVES_SHOWN) },
        },
      };
    },

    /** One page of the cold tasks behind the overview's number (within the user's scope). */
    async coldTasks(actor: Actor, query: { asOf?: string; org?: string; page: number; pageSize: number }) {
      const { asOf, organization } = await resolve(actor, query);
      const cold = await summarizeColdExecution(db, {
        asOf,
        organizationPath: organization.path,
        readableScopes: readableScopes(actor),
        coldDays: options.coldDays,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return {
        asOf,
        organization: { code: organization.code, name: organization.name },
        coldDays: options.coldDays,
        total: cold.coldCount,
        items: cold.coldTasks.map((row) => presentColdTask(row, asOf)),
      };
    },
  };
}

export type OverviewService = ReturnType<typeof createOverviewService>;

