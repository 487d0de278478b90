/**
 * Scorecards (Kết quả thực hiện theo đơn vị): one organization's page, and the comparison of all
 * organizations of one kind for a period, for the year-end emulation review. Built on the
 * statistics, task and indicator services; the figures per organization are published, the task
 * lists behind them follow the user's scope.
 */
import { compareDates, formatDateVi, type IsoDate } from '../../../domain/dates';
import { formatPeriodCode, formatPeriodVi, parsePeriodCode, periodEnd, previousPeriod, type Period } from '../../../domain/periods';
import type { Actor } from '../../../domain/policies';
import { buildSheetWorkbook } from '../../../files/excel-export';
import type { Clock } from '../../clock';
import type { Database } from '../../db/client';
import { invalid, notFound } from '../../errors';
import { findOrganizationByCode, type OrganizationRow } from '../organizations/organizations.repository';
import { listOrganizationsInSubtree, summarizeColdExecution } from '../overview/overview.repository';
import { trendDates, type OverviewService } from '../overview/overview.service';
import { organizationKindGroups, type OrganizationStatistics, type OrganizationKindGroup, type StatsService } from '../stats/stats.service';
import type { TasksService } from '../tasks/tasks.service';

/** The kinds compared in the comparison table. */
export const comparisonKinds = ['department', 'commune'] as const;
export type ComparisonKind = (typeof comparisonKinds)[number];

const kindLabels: Record<ComparisonKind, { plural: string; title: string }> = {
  department: { plural: 'sở, ban, ngành', title: 'CÁC SỞ, BAN, NGÀNH' },
  commune: { plural: 'xã, phường', title: 'CÁC XÃ, PHƯỜNG' },
};

const OVERDUE_SHOWN = 20;

function figures(row: OrganizationStatistics | undefined) {
  return {
    total: row?.total ?? 0,
    due: row?.due ?? 0,
    completedOnTime: row?.completedOnTime ?? 0,
    completedLate: row?.completedLate ?? 0,
    inProgress: row?.inProgress ?? 0,
    overdue: row?.overdue ?? 0,
    noDeadline: row?.noDeadline ?? 0,
    completionRate: row?.completionRate ?? null,
    onTimeRate: row?.onTimeRate ?? null,
  };
}

function kindGroupOf(kind: string): OrganizationKindGroup | null {
  const entry = Object.entries(organizationKindGroups).find(([, kinds]) => (kinds as readonly string[]).includes(kind));
  return entry ? (entry[0] as OrganizationKindGroup) : null;
}

export function createScorecardsService(
  database: Database,
  clock: Clock,
  options: { coldDays: number; stats: StatsService; tasks: TasksService; overview: OverviewService },
) {
  const db = database.db;

  async function getOrganization(code: string): Promise<OrganizationRow> {
    const organization = await findOrganizationByCode(db, code);
    if (!organization) throw notFound(`cơ quan, đơn vị có mã "${code}"`);
    return organization;
  }

  function parsePeriod(code: string): Period {
    const period = parsePeriodCode(code);
    if (!period) throw invalid(`Trường "period": "${code}" không phải là kỳ báo cáo hợp lệ (vd. 2026, 2026S1, 2026Q2, 2026-06).`);
    return period;
  }

  async function comparison(actor: Actor, query: { kind: ComparisonKind; period?: string; org?: string }) {
    const today = clock.today();
    const period = parsePeriod(query.period ?? today.slice(0, 4));
    const end = periodEnd(period);
    const asOf: IsoDate = compareDates(end, today) <= 0 ? end : today;
    const previousEnd = periodEnd(previousPeriod(period));
    const previousAsOf: IsoDate = compareDates(previousEnd, today) <= 0 ? previousEnd : today;
    const root = await getOrganization(query.org ?? (await options.overview.provinceOf(await getOrganization(await options.overview.defaultOrganizationCode(actor)))).code);
    const [current, before, units, cold] = [
      await options.stats.taskStatistics({ asOf, org: root.code, kind: query.kind }),
      await options.stats.taskStatistics({ asOf: previousAsOf, org: root.code, kind: query.kind }),
      await listOrganizationsInSubtree(db, { path: root.path, kinds: organizationKindGroups[query.kind] }),
      // A count per organization is a published figure: not limited to the user's scope.
      await summarizeColdExecution(db, { asOf, organizationPath: root.path, readableScopes: null, coldDays: options.coldDays, limit: 0, offset: 0 }),
    ];
    const coldById = new Map(cold.coldByOrganization.map((row) => [row.organizationId, row.count]));
    const previousByCode = new Map(before.organizations.map((row) => [row.code, row]));
    const unitByCode = new Map(units.map((unit) => [unit.code, unit]));
    const ordered = [
      ...current.organizations.filter((row) => unitByCode.has(row.code)).map((row) => row.code),
      ...units.filter((unit) => !current.organizations.some((row) => row.code === unit.code)).map((unit) => unit.code),
    ];
    const items = ordered.map((code) => {
      const unit = unitByCode.get(code)!;
      const row = current.organizations.find((item) => item.code === code);
      const previousRate = previousByCode.get(code)?.completionRate ?? null;
      const rate = row?.completionRate ?? null;
      return {
        rank: row?.rank ?? null,
        code,
        name: unit.name,
        kind: unit.kind,
        ...figures(row),
        previousCompletionRate: previousRate,
        completionRateChange: rate !== null && previousRate !== null ? rate - previousRate : null,
        coldTasks: coldById.get(unit.id) ?? 0,
      };
    });
    return {
      kind: query.kind,
      kindLabel: kindLabels[query.kind].plural,
      period: formatPeriodCode(period),
      periodLabel: formatPeriodVi(period),
      asOf,
      previousAsOf,
      coldDays: options.coldDays,
      organization: { code: root.code, name: root.name },
      items,
    };
  }

  return {
    comparison,

    /**
     * The page of one organization as of a date: its tasks by status (its subtree), its rank among
     * organizations of its kind in the province and how it moved over twelve months, its units,
     * its overdue tasks (within the user's scope) and its indicators.
     * @throws AppError NOT_FOUND for an unknown organization.
     */
    async scorecard(actor: Actor, code: string, query: { asOf?: string }) {
      const asOf = query.asOf ?? clock.today();
      const organization = await getOrganization(code);
      const province = await options.overview.provinceOf(organization);
      const kind = kindGroupOf(organization.kind);
      const statistics = await options.stats.taskStatistics({ asOf, org: organization.code });
      const peers = (date: IsoDate) => options.stats.taskStatistics({ asOf: date, org: province.code, ...(kind ? { kind } : {}) });
      const rankHistory = [];
      for (const point of trendDates(asOf)) {
        const ranking = (await peers(point.asOf)).organizations;
        const own = ranking.find((row) => row.code === organization.code);
        rankHistory.push({
          month: point.month,
          asOf: point.asOf,
          rank: own?.rank ?? null,
          ranked: ranking.filter((row) => row.rank !== null).length,
          completionRate: own?.completionRate ?? null,
          onTimeRate: own?.onTimeRate ?? null,
        });
      }
      const current = (await peers(asOf)).organizations;
      const own = current.find((row) => row.code === organization.code);
      const overdue = await options.tasks.list(actor, { asOf, org: organization.code, timeliness: ['overdue'], sort: 'deadline', page: 1, pageSize: OVERDUE_SHOWN, exactTotal: true });
      const { organizations: units, ...totals } = statistics;
      return {
        asOf,
        organization: { code: organization.code, name: organization.name, kind: organization.kind, parentCode: organization.parentCode },
        province,
        peerKind: kind,
        statistics: { ...totals, filter: { asOf, org: organization.code } },
        own: own ? { ...figures(own), rank: own.rank } : null,
        ranked: current.filter((row) => row.rank !== null).length,
        rankHistory,
        units: units.map((row) => ({ code: row.code, name: row.name, rank: row.rank, ...figures(row) })),
        overdue: { total: overdue.total, items: overdue.items, filter: { asOf, org: organization.code, timeliness: 'overdue' } },
        indicators: await options.overview.indicatorCards(organization.code, asOf),
      };
    },

    /** The comparison table as an Excel workbook, ready for the emulation review. */
    async exportComparison(actor: Actor, query: { kind: ComparisonKind; period?: string; org?: string }) {
      const table = await comparison(actor, query);
      const percent = '0.0%';
      const buffer = await buildSheetWorkbook({
        sheetName: 'Kết quả',
        title: `KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA ${kindLabels[table.kind].title} — ${table.periodLabel.toUpperCase()} (tính đến ngày ${formatDateVi(table.asOf)})`,
        columns: [
          { header: 'Xếp hạng', width: 9 },
          { header: 'Mã', width: 10 },
          { header: 'Cơ quan, đơn vị', width: 42 },
          { header: 'Tổng số nhiệm vụ', width: 11 },
          { header: 'Đã đến hạn', width: 10 },
          { header: 'Hoàn thành đúng hạn', width: 12 },
          { header: 'Hoàn thành quá hạn', width: 12 },
          { header: 'Quá hạn chưa hoàn thành', width: 12 },
          { header: 'Đang thực hiện trong hạn', width: 12 },
          { header: 'Không thời hạn (thường xuyên)', width: 12 },
          { header: 'Tỷ lệ hoàn thành', width: 11, numFmt: percent },
          { header: 'Tỷ lệ hoàn thành đúng hạn', width: 12, numFmt: percent },
          { header: `Tỷ lệ hoàn thành đến ${formatDateVi(table.previousAsOf)}`, width: 13, numFmt: percent },
          { header: 'Tăng (+) / giảm (−) tỷ lệ hoàn thành', width: 13, numFmt: '+0.0%;-0.0%;0.0%' },
          { header: `Nhiệm vụ không cập nhật từ ${table.coldDays} ngày`, width: 13 },
        ],
        rows: table.items.map((row) => [
          row.rank,
          row.code,
          row.name,
          row.total,
          row.due,
          row.completedOnTime,
          row.completedLate,
          row.overdue,
          row.inProgress,
          row.noDeadline,
          row.completionRate,
          row.onTimeRate,
          row.previousCompletionRate,
          row.completionRateChange,
          row.coldTasks,
        ]),
      });
      return { buffer, fileName: `ket-qua-thuc-hien-${table.kind === 'department' ? 'so-ban-nganh' : 'xa-phuong'}-${table.period}.xlsx` };
    },
  };
}

export type ScorecardsService = ReturnType<typeof createScorecardsService>;
