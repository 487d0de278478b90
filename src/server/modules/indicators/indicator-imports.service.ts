import { createOrganizationMatcher, type GroupKey, type MatchableOrganization } from '../../../domain/organization-matching';
import {
  readIndicatorDefinitions,
  readIndicatorTargets,
  readIndicatorValues,
  type IndicatorCatalogEntry,
  type TableError,
} from '../../../domain/indicator-tables';
import type { Actor } from '../../../domain/policies';
import { hasRoleOn, isSystemAdmin } from '../../../domain/policies';
import { parsePeriodCode } from '../../../domain/periods';
import { validateValue, type ValueType } from '../../../domain/indicators';
import { readFirstWorksheetGrid, UnreadableWorkbookError } from '../../../files/excel-grid';
import type { Clock } from '../../clock';
import type { Database, Tx } from '../../db/client';
import { AppError, forbidden, invalid } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import { listImportAliases, listOrganizations, type OrganizationRow } from '../organizations/organizations.repository';
import { ensureIndicatorGroup, findIndicatorByCode, insertIndicator, listIndicators, updateIndicatorVersioned, upsertTarget } from './indicators.repository';
import { groupCodeOf, type IndicatorsService } from './indicators.service';

export interface IndicatorImportReport {
  ok: boolean;
  dryRun: boolean;
  /** Rows written (or that would be). */
  created: number;
  warnings: string[];
  errors: TableError[];
}

function toMatchable(row: OrganizationRow): MatchableOrganization {
  return { id: row.id, code: row.code, name: row.name, shortName: row.shortName, aliases: row.aliases, predecessors: row.predecessors, kind: row.kind, parentCode: row.parentCode, active: row.isActive };
}

export function createIndicatorImportsService(database: Database, _clock: Clock, options: { indicators: IndicatorsService }) {
  const db = database.db;

  async function grid(buffer: Buffer) {
    try {
      return await readFirstWorksheetGrid(buffer);
    } catch (error) {
      if (error instanceof UnreadableWorkbookError) throw new AppError('VALIDATION_ERROR', error.message);
      throw error;
    }
  }

  async function context() {
    const organizations = await listOrganizations(db, {});
    const aliases = await listImportAliases(db);
    const matcher = createOrganizationMatcher(organizations.map(toMatchable), {
      extraAliases: aliases.map((alias) => ({ name: alias.name, organizationId: alias.organizationId ?? undefined, group: (alias.groupKey as GroupKey | null) ?? undefined })),
    });
    const catalogRows = await listIndicators(db, { includeInactive: true });
    const catalog = new Map<string, IndicatorCatalogEntry>(
      catalogRows.map((row) => [
        row.code,
        { id: row.id, code: row.code, frequency: row.frequency as IndicatorCatalogEntry['frequency'], valueType: row.valueType as IndicatorCatalogEntry['valueType'], orgAggregation: row.orgAggregation as IndicatorCatalogEntry['orgAggregation'], direction: row.direction as IndicatorCatalogEntry['direction'] },
      ]),
    );
    return { organizations, matcher, catalog, catalogRows, organizationsByCode: new Map(organizations.map((row) => [row.code, { id: row.id, code: row.code, name: row.name }])) };
  }

  function canManageCatalog(actor: Actor | null) {
    return actor === null || isSystemAdmin(actor) || actor.grants.some((grant) => grant.role === 'coordinator');
  }

  return {
    /** Definitions: new codes are created, existing ones updated; all or nothing. */
    async importDefinitions(actor: Actor | null, buffer: Buffer, dryRun: boolean): Promise<IndicatorImportReport> {
      if (!canManageCatalog(actor)) throw forbidden();
      const { matcher, catalog, organizations, organizationsByCode } = await context();
      const result = readIndicatorDefinitions(await grid(buffer), { matcher, existingCodes: catalog, organizationsByCode });
      const report = { ok: result.ok, dryRun, created: result.ok ? result.rows.length : 0, warnings: result.warnings, errors: result.errors };
      if (!result.ok || dryRun) return report;
      const byId = new Map(organizations.map((row) => [row.id, row]));
      if (actor && !isSystemAdmin(actor)) {
        for (const row of result.rows) {
          const owner = row.ownerOrganizationId ? byId.get(row.ownerOrganizationId) : null;
          if (!owner || !hasRoleOn(actor, ['coordinator'], owner.path)) throw forbidden();
        }
      }
      await db.transaction(async (tx: Tx) => {
        // Plain indicators first, so that ratios can name numerators and denominators of the same file.
        const ordered = [...result.rows].sort((a, b) => Number(a.orgAggregation === 'ratio') - Number(b.orgAggregation === 'ratio'));
        for (const row of ordered) {
          const groupId = row.groupName ? await ensureIndicatorGroup(tx, { code: groupCodeOf(row.groupName), name: row.groupName }) : null;
          const numerator = row.numeratorCode ? await findIndicatorByCode(tx, row.numeratorCode) : null;
          const denominator = row.denominatorCode ? await findIndicatorByCode(tx, row.denominatorCode) : null;
          const values = {
            name: row.name,
            unit: row.unit ?? '',
            groupId,
            direction: row.direction,
            valueType: row.valueType,
            frequency: row.frequency,
            timeAggregation: row.timeAggregation,
            orgAggregation: row.orgAggregation,
            numeratorId: numerator?.id ?? null,
            denominatorId: denominator?.id ?? null,
            // Measured where it is entered: `none` at the province, the others by communes and wards.
            reportingKinds: row.orgAggregation === 'none' ? ['province'] : ['commune', 'ward'],
            ownerOrganizationId: row.ownerOrganizationId,
            definition: row.definition,
          };
          const existing = await findIndicatorByCode(tx, row.code);
          if (existing) await updateIndicatorVersioned(tx, existing.id, existing.version, values);
          else await insertIndicator(tx, { code: row.code, ...values });
        }
        await insertAuditEvent(tx, { actorUserId: actor?.userId ?? null, actorName: actor?.username ?? 'system', action: 'indicator.import', entity: 'indicator', entityId: null, after: { codes: result.rows.map((row) => row.code) } });
      });
      return report;
    },

    /** Values: approved when the importer may approve them (and always from the CLI); all or nothing. */
    async importValues(actor: Actor | null, buffer: Buffer, dryRun: boolean): Promise<IndicatorImportReport> {
      const { matcher, catalog, organizationsByCode } = await context();
      const result = readIndicatorValues(await grid(buffer), { matcher, organizationsByCode, catalog });
      const report = { ok: result.ok, dryRun, created: result.ok ? result.rows.length : 0, warnings: result.warnings, errors: result.errors };
      if (!result.ok || dryRun) return report;
      await options.indicators.writeValues(actor, result.rows.map((row) => ({ indicatorId: row.indicatorId, organizationId: row.organizationId, period: row.period, value: row.value })));
      return report;
    },

    async importTargets(actor: Actor | null, buffer: Buffer, dryRun: boolean): Promise<IndicatorImportReport> {
      const { matcher, catalog, organizationsByCode, catalogRows } = await context();
      const result = readIndicatorTargets(await grid(buffer), { matcher, organizationsByCode, catalog });
      const report = { ok: result.ok, dryRun, created: result.ok ? result.rows.length : 0, warnings: result.warnings, errors: result.errors };
      if (!result.ok || dryRun) return report;
      if (actor && !isSystemAdmin(actor)) {
        for (const row of result.rows) {
          const indicator = catalogRows.find((item) => item.id === row.indicatorId);
          if (!indicator?.ownerPath || !hasRoleOn(actor, ['coordinator'], indicator.ownerPath)) throw forbidden();
        }
      }
      await db.transaction(async (tx: Tx) => {
        for (const row of result.rows) {
          await upsertTarget(tx, { indicatorId: row.indicatorId, organizationId: row.organizationId, period: row.period, comparator: row.comparator, value: row.value, createdBy: actor?.userId ?? null });
        }
        await insertAuditEvent(tx, { actorUserId: actor?.userId ?? null, actorName: actor?.username ?? 'system', action: 'indicator.target_import', entity: 'indicator', entityId: null, after: { count: result.rows.length } });
      });
      return report;
    },

    /** A batch pushed by another system through the API: every row checked, then all written or none. */
    async pushValues(actor: Actor, values: { indicatorCode: string; orgCode: string; period: string; value: number }[]) {
      const { catalog, organizationsByCode } = await context();
      const problems: { index: number; field: string; message: string }[] = [];
      const seen = new Set<string>();
      const rows = values.flatMap((item, index) => {
        const indicator = catalog.get(item.indicatorCode);
        const organization = organizationsByCode.get(item.orgCode);
        const period = parsePeriodCode(item.period);
        if (!indicator) problems.push({ index, field: 'indicatorCode', message: `không tìm thấy chỉ tiêu "${item.indicatorCode}"` });
        if (!organization) problems.push({ index, field: 'orgCode', message: `không tìm thấy cơ quan, đơn vị "${item.orgCode}"` });
        if (!period) problems.push({ index, field: 'period', message: `"${item.period}" không phải là kỳ báo cáo hợp lệ` });
        if (!indicator || !organization || !period) return [];
        if (indicator.orgAggregation === 'ratio') problems.push({ index, field: 'indicatorCode', message: `chỉ tiêu ${indicator.code} tính theo tỷ lệ, không nhập trực tiếp` });
        if (period.kind !== indicator.frequency) problems.push({ index, field: 'period', message: `kỳ ${item.period} không đúng tần suất của chỉ tiêu ${indicator.code} (${indicator.frequency})` });
        const problem = validateValue(indicator.valueType as ValueType, item.value);
        if (problem) problems.push({ index, field: 'value', message: problem });
        const key = `${indicator.id}/${organization.id}/${item.period}`;
        if (seen.has(key)) problems.push({ index, field: 'period', message: `trùng số liệu của ${indicator.code}, ${organization.code}, kỳ ${item.period} trong cùng lô` });
        seen.add(key);
        return [{ indicatorId: indicator.id, organizationId: organization.id, period: item.period, value: item.value }];
      });
      if (problems.length) {
        throw invalid(
          `Lô số liệu có ${problems.length} lỗi; chưa ghi số liệu nào. ${problems.slice(0, 10).map((problem) => `Dòng ${problem.index + 1}, trường "${problem.field}": ${problem.message}.`).join(' ')}`,
          problems,
        );
      }
      return options.indicators.writeValues(actor, rows);
    },
  };
}

export type IndicatorImportsService = ReturnType<typeof createIndicatorImportsService>;
