import type { IsoDate } from '../../../domain/dates';
import { rankOrganizations } from '../../../domain/ranking';
import { ratesFromCounts, type TimelinessCounts, type TimelinessTallies } from '../../../domain/timeliness';
import type { Clock } from '../../clock';
import type { Database } from '../../db/client';
import { AppError } from '../../errors';
import { findOrganizationByCode } from '../organizations/organizations.repository';
import { listDirectiveSubtreeIds } from '../directives/directives.repository';
import {
  countTasksByLeadOrganization,
  findDirectiveIdsByNumber,
  readStatisticsVersion,
  type LeadOrganizationTaskCounts,
} from './stats.repository';

/** How many answers the statistics cache keeps (the whole country's is about 1 MB). */
const CACHE_ENTRIES = 64;

/** What `taskStatistics` counts. */
export interface TaskStatisticsQuery {
  /** The date the timeliness is evaluated on; default: today in Vietnam. */
  asOf?: IsoDate;
  /** A directive's number and symbol ('57-NQ/TW') or id: its tasks and those of the directives implementing it. */
  directive?: string;
  /** An organization code: the tasks led by it or by an organization in its subtree. */
  org?: string;
  /** Only organizations of one kind (the ranking of departments, or of communes and wards). */
  kind?: OrganizationKindGroup;
}

/** Kinds compared together: departments with agencies, communes with wards. */
export const organizationKindGroups = {
  department: ['department', 'agency'],
  commune: ['commune', 'ward'],
  province: ['province'],
  ministry: ['ministry', 'ministry_level', 'government_agency'],
  enterprise: ['enterprise'],
} as const;
export type OrganizationKindGroup = keyof typeof organizationKindGroups;

/** The figures of one lead organization, with its rank (null when nothing is due). */
export interface OrganizationStatistics extends TimelinessCounts {
  code: string;
  name: string;
  rank: number | null;
}

/** Task timeliness as of a date: totals over the scope, and per lead organization, ranked. */
export interface TaskStatistics extends TimelinessCounts {
  asOf: IsoDate;
  organizations: OrganizationStatistics[];
}

export interface StatsServiceOptions {
  /** An in-progress task is due soon when its deadline is at most this many days after asOf. */
  dueSoonDays: number;
}

function talliesOf(row: LeadOrganizationTaskCounts): TimelinessTallies {
  return {
    total: row.total,
    due: row.completedOnTime + row.completedLate + row.overdue,
    completedOnTime: row.completedOnTime,
    completedLate: row.completedLate,
    inProgress: row.inProgress,
    overdue: row.overdue,
    noDeadline: row.noDeadline,
    dueSoon: row.dueSoon,
  };
}

function sumTallies(rows: TimelinessTallies[]): TimelinessTallies {
  const sum: TimelinessTallies = { total: 0, due: 0, completedOnTime: 0, completedLate: 0, inProgress: 0, overdue: 0, noDeadline: 0, dueSoon: 0 };
  for (const row of rows) {
    for (const key of Object.keys(sum) as (keyof TimelinessTallies)[]) sum[key] += row[key];
  }
  return sum;
}

/** Counts in the field order of the response. */
function presentCounts(counts: TimelinessCounts): TimelinessCounts {
  return {
    total: counts.total,
    due: counts.due,
    completedOnTime: counts.completedOnTime,
    completedLate: counts.completedLate,
    inProgress: counts.inProgress,
    overdue: counts.overdue,
    noDeadline: counts.noDeadline,
    dueSoon: counts.dueSoon,
    completionRate: counts.completionRate,
    onTimeRate: counts.onTimeRate,
  };
}

/**
 * Task statistics (domain.md, "Task timeliness, as of a date"). The figures are published: they
 * are not filtered by the caller's scope.
 */
export function createStatsService(database: Database, clock: Clock, options: StatsServiceOptions) {
  const db = database.db;
  /** Answers by query, with the statistics version they were computed at; oldest first. */
  const cache = new Map<string, { version: number; value: TaskStatistics }>();

  const service = {
    /**
     * `computeTaskStatistics`, served from memory while the statistics version read before it is
     * still the current one: any committed write that can change the figures — by this process or
     * another — changes the version, so a cached answer is never stale. One small query per call.
     */
    async taskStatistics(query: TaskStatisticsQuery = {}): Promise<TaskStatistics> {
      const asOf = query.asOf ?? clock.today();
      const key = JSON.stringify([asOf, query.directive ?? null, query.org ?? null, query.kind ?? null]);
      const version = await readStatisticsVersion(db);
      const cached = cache.get(key);
      if (cached && cached.version === version) return cached.value;
      const value = await service.computeTaskStatistics({ ...query, asOf });
      // Shared by every caller from now on: frozen, so that none can change another's answer.
      for (const row of value.organizations) Object.freeze(row);
      Object.freeze(value.organizations);
      Object.freeze(value);
      cache.delete(key);
      cache.set(key, { version, value });
      if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
      return value;
    },

    /**
     * Counts the tasks in scope by timeliness as of `query.asOf`: totals over the scope, and for
     * each organization that leads a counted task in scope, the tasks it leads itself, ranked.
     * Scope = tasks whose lead is `query.org` or in its subtree, and whose directive is
     * `query.directive` or implements it (at any depth); no filter = every task.
     * @throws AppError NOT_FOUND for an unknown directive or organization.
     */
    async computeTaskStatistics(query: TaskStatisticsQuery = {}): Promise<TaskStatistics> {
      const asOf = query.asOf ?? clock.today();
      let directiveIds: number[] | undefined;
      if (query.directive !== undefined) {
        const roots = await findDirectiveIdsByNumber(db, query.directive);
        if (roots.length === 0) throw new AppError('NOT_FOUND', `Không tìm thấy văn bản chỉ đạo "${query.directive}".`);
        directiveIds = await listDirectiveSubtreeIds(db, roots);
      }
      let organizationPath: string | undefined;
      if (query.org !== undefined) {
        const organization = await findOrganizationByCode(db, query.org);
        if (!organization) throw new AppError('NOT_FOUND', `Không tìm thấy cơ quan, đơn vị có mã "${query.org}".`);
        organizationPath = organization.path;
      }

      const kinds: readonly string[] | undefined = query.kind ? organizationKindGroups[query.kind] : undefined;
      const rows = await countTasksByLeadOrganization(db, { asOf, dueSoonDays: options.dueSoonDays, directiveIds, organizationPath, kinds });
      const tallies = rows.map(talliesOf);
      const ranked = rankOrganizations(
        rows.map((row, index) => ({ code: row.code, name: row.name, ...presentCounts(ratesFromCounts(tallies[index])) })),
      );
      return {
        asOf,
        ...presentCounts(ratesFromCounts(sumTallies(tallies))),
        organizations: ranked.map((row) => ({ code: row.code, name: row.name, ...presentCounts(row), rank: row.rank })),
      };
    },
  };
  return service;
}

export type StatsService = ReturnType<typeof createStatsService>;
