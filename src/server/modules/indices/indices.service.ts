import {
  benchmarks,
  computeIndex,
  defaultThreshold,
  findLevers,
  InvalidFrameworkError,
  simulateIndex,
  strengthsAndWeaknesses,
  type IndexDirection,
  type IndexFramework,
  type IndexLevel,
  type IndexMethod,
  type IndexResult,
  type NodeScore,
} from '../../../domain/composite-index';
import { readIndexData, readIndexFramework, type PeerRef, type TableError } from '../../../domain/index-tables';
import { createOrganizationMatcher, type GroupKey, type MatchableOrganization } from '../../../domain/organization-matching';
import type { Actor } from '../../../domain/policies';
import { isSystemAdmin } from '../../../domain/policies';
import { readFirstWorksheetGrid, UnreadableWorkbookError } from '../../../files/excel-grid';
import type { Clock } from '../../clock';
import type { Database, Tx } from '../../db/client';
import { AppError, forbidden, invalid, notFound } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import type { IndicatorsService } from '../indicators/indicators.service';
import { listImportAliases, listOrganizations, type OrganizationRow } from '../organizations/organizations.repository';
import {
  deleteFramework,
  findFrameworkByCode,
  insertFramework,
  listFrameworks,
  listIndicatorCodes,
  listNodes,
  listPeerOrganizations,
  listValueYears,
  listValues,
  replaceNodes,
  updateFramework,
  upsertValues,
  type IndexFrameworkRecord,
  type IndexNodeWithLink,
  type PeerOrganization,
} from './indices.repository';

export type PeerKind = 'province' | 'commune';
export const PEER_KINDS: readonly PeerKind[] = ['province', 'commune'];

/** The organization kinds of each kind of peers. */
const PEER_ORGANIZATION_KINDS: Record<PeerKind, readonly string[]> = { province: ['province'], commune: ['commune', 'ward'] };
const PEER_LABELS: Record<PeerKind, string> = { province: 'tỉnh, thành phố', commune: 'xã, phường' };

/** The province itself: the default organization of results, and where Thực Thi's own indicators are read. */
const HOME_PROVINCE = '25';

const FRAMEWORK_CODE = /^[A-Za-z0-9_.-]{1,30}$/;

export interface IndexImportReport {
  ok: boolean;
  dryRun: boolean;
  /** Rows written (or that would be). */
  created: number;
  warnings: string[];
  errors: TableError[];
}

export interface FrameworkImportOptions {
  code: string;
  name?: string;
  method?: IndexMethod;
  outlierTreatment?: boolean;
  peerKind?: PeerKind;
  dryRun?: boolean;
}

/** The contract of `thucthi index compute --json`. */
export interface ComputeView {
  code: string;
  year: number;
  results: { org: string; score: number | null; rank: number | null; nodes: Record<string, NodeScore> }[];
}

function toMatchable(row: OrganizationRow): MatchableOrganization {
  return { id: row.id, code: row.code, name: row.name, shortName: row.shortName, aliases: row.aliases, predecessors: row.predecessors, kind: row.kind, parentCode: row.parentCode, active: row.isActive };
}

function presentNode(node: IndexNodeWithLink) {
  return {
    code: node.code,
    name: node.name,
    level: node.level as IndexLevel,
    parentCode: node.parentCode,
    weight: node.weight,
    direction: node.direction as IndexDirection,
    maxPoints: node.maxPoints,
    indicatorCode: node.indicatorCode,
  };
}

function presentFramework(framework: IndexFrameworkRecord) {
  return {
    code: framework.code,
    name: framework.name,
    method: framework.method as IndexMethod,
    outlierTreatment: framework.outlierTreatment,
    peerKind: framework.peerKind as PeerKind,
    updatedAt: framework.updatedAt,
  };
}

function toDomain(framework: IndexFrameworkRecord, nodes: IndexNodeWithLink[]): IndexFramework {
  return {
    method: framework.method as IndexMethod,
    outlierTreatment: framework.outlierTreatment,
    nodes: nodes.map((node) => ({
      code: node.code,
      name: node.name,
      level: node.level as IndexLevel,
      parentCode: node.parentCode,
      weight: node.weight,
      direction: node.direction as IndexDirection,
      maxPoints: node.maxPoints,
    })),
  };
}

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw invalid(`Trường "year": "${year}" không phải là năm hợp lệ.`);
  return year;
}

/** Composite indices; the computations are for a given year, so the clock is only passed on (rollups use their own). */
export function createIndicesService(database: Database, _clock: Clock, options: { indicators: IndicatorsService }) {
  const db = database.db;

  function canManage(actor: Actor | null): boolean {
    return actor === null || isSystemAdmin(actor) || actor.grants.some((grant) => grant.role === 'coordinator');
  }

  async function getFramework(code: string): Promise<IndexFrameworkRecord> {
    const framework = await findFrameworkByCode(db, code);
    if (!framework) throw notFound(`chỉ số tổng hợp có mã "${code}"`);
    return framework;
  }

  async function grid(buffer: Buffer) {
    try {
      return await readFirstWorksheetGrid(buffer);
    } catch (error) {
      if (error instanceof UnreadableWorkbookError) throw new AppError('VALIDATION_ERROR', `Không đọc được tệp: ${error.message}.`);
      throw error;
    }
  }

  /** Everything a computation needs: the framework, its tree, its peers. */
  async function load(code: string) {
    const framework = await getFramework(code);
    const nodes = await listNodes(db, framework.id);
    const peers = await listPeerOrganizations(db, PEER_ORGANIZATION_KINDS[framework.peerKind as PeerKind] ?? ['province']);
    return { framework, nodes, domain: toDomain(framework, nodes), peers, peersByCode: new Map(peers.map((peer) => [peer.code, peer])) };
  }

  type Loaded = Awaited<ReturnType<typeof load>>;

  /**
   * One year's values: those imported, then, for indicators linked to a Thực Thi indicator, the
   * approved yearly value of the province itself (or of each commune, for a commune index) where
   * nothing was imported for it. Only peers' values of indicator nodes are kept.
   */
  async function loadYear(loaded: Loaded, year: number) {
    const indicatorCodes = new Set(loaded.nodes.filter((node) => node.level === 'indicator').map((node) => node.code));
    const values = new Map<string, Map<string, number>>();
    for (const row of await listValues(db, loaded.framework.id, [year])) {
      if (!indicatorCodes.has(row.nodeCode) || !loaded.peersByCode.has(row.organizationCode)) continue;
      const byPeer = values.get(row.nodeCode) ?? new Map<string, number>();
      byPeer.set(row.organizationCode, row.value);
      values.set(row.nodeCode, byPeer);
    }
    const linked: { code: string; org: string; indicatorCode: string; value: number }[] = [];
    for (const node of loaded.nodes) {
      if (node.level !== 'indicator' || !node.indicatorCode) continue;
      const byPeer = values.get(node.code) ?? new Map<string, number>();
      const found: { org: string; value: number | null }[] = [];
      try {
        if (loaded.framework.peerKind === 'commune') {
          const { items } = await options.indicators.byOrganization({ code: node.indicatorCode, org: HOME_PROVINCE, period: String(year) });
          found.push(...items.map((item) => ({ org: item.org, value: item.value })));
        } else if (loaded.peersByCode.has(HOME_PROVINCE) && !byPeer.has(HOME_PROVINCE)) {
          const view = await options.indicators.rollup({ code: node.indicatorCode, org: HOME_PROVINCE, period: String(year) });
          found.push({ org: HOME_PROVINCE, value: view.value });
        }
      } catch (error) {
        // A linked indicator that no longer exists, or cannot be read for a year, gives nothing.
        if (!(error instanceof AppError)) throw error;
      }
      for (const item of found) {
        if (item.value === null || byPeer.has(item.org) || !loaded.peersByCode.has(item.org)) continue;
        byPeer.set(item.org, item.value);
        linked.push({ code: node.code, org: item.org, indicatorCode: node.indicatorCode, value: item.value });
      }
      if (byPeer.size > 0) values.set(node.code, byPeer);
    }
    return { values, linked };
  }

  function compute(loaded: Loaded, values: Map<string, Map<string, number>>): IndexResult {
    try {
      return computeIndex(loaded.domain, values);
    } catch (error) {
      if (error instanceof InvalidFrameworkError) throw invalid(`Khung chỉ số "${loaded.framework.code}" không hợp lệ: ${error.message} Vui lòng nhập lại khung.`);
      throw error;
    }
  }

  async function resolveYear(loaded: Loaded, year: number | undefined): Promise<number> {
    if (year !== undefined) return checkYear(year);
    const years = await listValueYears(db, loaded.framework.id);
    if (years.length === 0) throw invalid(`Chỉ số "${loaded.framework.code}" chưa có số liệu. Vui lòng nhập số liệu trước.`);
    return years[0].year;
  }

  function peerOf(loaded: Loaded, org: string): PeerOrganization {
    const peer = loaded.peersByCode.get(org);
    if (!peer) throw invalid(`Trường "org": "${org}" không thuộc nhóm so sánh của chỉ số ${loaded.framework.code} (${PEER_LABELS[loaded.framework.peerKind as PeerKind] ?? 'tỉnh, thành phố'}).`);
    return peer;
  }

  function presentResults(loaded: Loaded, result: IndexResult) {
    return result.results.map((row) => ({ org: row.peer, orgName: loaded.peersByCode.get(row.peer)?.name ?? row.peer, score: row.score, rank: row.rank, nodes: row.nodes }));
  }

  /** The nodes of a framework, with the name, for messages and views. */
  function nodeNames(loaded: Loaded) {
    return new Map(loaded.nodes.map((node) => [node.code, node.name]));
  }

  return {
    /** Frameworks, by code. */
    async list() {
      const rows = await listFrameworks(db);
      return { items: rows.map((row) => ({ ...presentFramework(row), nodeCount: row.nodeCount, indicatorCount: row.indicatorCount })) };
    },

    /** A framework, its tree in order, and the years that have data. */
    async detail(code: string) {
      const framework = await getFramework(code);
      const nodes = await listNodes(db, framework.id);
      const years = await listValueYears(db, framework.id);
      return { ...presentFramework(framework), nodes: nodes.map(presentNode), years };
    },

    /**
     * Imports a framework table: creates the framework, or replaces the tree of an existing one
     * (its values are kept, by node code). Name: `name`, else the existing name, else the root's
     * name; method: `method`, else the existing one, else `minmax`. All or nothing.
     */
    async importFramework(actor: Actor | null, buffer: Buffer, input: FrameworkImportOptions): Promise<IndexImportReport & { framework: ReturnType<typeof presentFramework> | null }> {
      if (!canManage(actor)) throw forbidden();
      if (!FRAMEWORK_CODE.test(input.code)) throw invalid(`Mã chỉ số "${input.code}" không hợp lệ: chỉ gồm chữ cái không dấu, chữ số, "_", "-", "." (tối đa 30 ký tự).`);
      const existing = await findFrameworkByCode(db, input.code);
      const method = input.method ?? (existing?.method as IndexMethod | undefined) ?? 'minmax';
      const indicators = await listIndicatorCodes(db);
      const result = readIndexFramework(await grid(buffer), { method, indicators: new Map(indicators.map((row) => [row.code, row])) });
      const dryRun = Boolean(input.dryRun);
      const report = { ok: result.ok, dryRun, created: result.ok ? result.rows.length : 0, warnings: result.warnings, errors: result.errors, framework: existing ? presentFramework(existing) : null };
      if (!result.ok || dryRun) return report;
      const root = result.rows.find((row) => row.level === 'index')!;
      const saved = await db.transaction(async (tx: Tx) => {
        const values = {
          name: input.name?.trim() || existing?.name || root.name,
          method,
          outlierTreatment: input.outlierTreatment ?? existing?.outlierTreatment ?? false,
          peerKind: input.peerKind ?? (existing?.peerKind as PeerKind | undefined) ?? 'province',
        };
        const framework = existing ? await updateFramework(tx, existing.id, values) : await insertFramework(tx, { code: input.code, ...values });
        await replaceNodes(
          tx,
          framework.id,
          result.rows.map((row) => ({
            code: row.code,
            name: row.name,
            level: row.level,
            parentCode: row.parentCode,
            weight: row.weight,
            direction: row.direction,
            maxPoints: row.maxPoints,
            indicatorId: row.indicatorId,
            sortOrder: row.sortOrder,
          })),
        );
        await insertAuditEvent(tx, {
          actorUserId: actor?.userId ?? null,
          actorName: actor?.username ?? 'system',
          action: 'index.framework_import',
          entity: 'index_framework',
          entityId: framework.id,
          before: existing ? presentFramework(existing) : null,
          after: { ...presentFramework(framework), nodes: result.rows.length },
        });
        return framework;
      });
      return { ...report, framework: presentFramework(saved) };
    },

    /** Imports a data table into an existing framework; values of the same indicator, unit and year are replaced. All or nothing. */
    async importData(actor: Actor | null, buffer: Buffer, input: { code: string; dryRun?: boolean }): Promise<IndexImportReport> {
      if (!canManage(actor)) throw forbidden();
      const framework = await getFramework(input.code);
      const nodes = await listNodes(db, framework.id);
      const peerKind = (framework.peerKind as PeerKind) in PEER_ORGANIZATION_KINDS ? (framework.peerKind as PeerKind) : 'province';
      const organizations = await listOrganizations(db, {});
      const aliases = await listImportAliases(db);
      const matcher = createOrganizationMatcher(organizations.map(toMatchable), {
        extraAliases: aliases.map((alias) => ({ name: alias.name, organizationId: alias.organizationId ?? undefined, group: (alias.groupKey as GroupKey | null) ?? undefined })),
      });
      const result = readIndexData(await grid(buffer), {
        nodes: nodes.map((node) => ({ code: node.code, level: node.level as IndexLevel })),
        matcher,
        organizationsByCode: new Map<string, PeerRef>(organizations.map((row) => [row.code, { id: row.id, code: row.code, name: row.name, kind: row.kind }])),
        peerKinds: PEER_ORGANIZATION_KINDS[peerKind],
        peerLabel: PEER_LABELS[peerKind],
      });
      const dryRun = Boolean(input.dryRun);
      const report = { ok: result.ok, dryRun, created: result.ok ? result.rows.length : 0, warnings: result.warnings, errors: result.errors };
      if (!result.ok || dryRun) return report;
      await db.transaction(async (tx: Tx) => {
        await upsertValues(
          tx,
          framework.id,
          result.rows.map((row) => ({ nodeCode: row.nodeCode, organizationId: row.organizationId, year: row.year, value: row.value })),
        );
        await insertAuditEvent(tx, {
          actorUserId: actor?.userId ?? null,
          actorName: actor?.username ?? 'system',
          action: 'index.data_import',
          entity: 'index_framework',
          entityId: framework.id,
          after: { code: framework.code, values: result.rows.length, years: [...new Set(result.rows.map((row) => row.year))].sort() },
        });
      });
      return report;
    },

    /** Changes a framework's name, method, outlier treatment or peers. */
    async update(actor: Actor, code: string, changes: { name?: string; method?: IndexMethod; outlierTreatment?: boolean; peerKind?: PeerKind }) {
      if (!canManage(actor)) throw forbidden();
      const framework = await getFramework(code);
      if (changes.method === 'points') {
        const missing = (await listNodes(db, framework.id)).filter((node) => node.level === 'indicator' && !(Number(node.maxPoints) > 0));
        if (missing.length > 0) {
          throw invalid(`Không thể tính theo điểm: ${missing.length} chỉ tiêu chưa có điểm tối đa (${missing.slice(0, 5).map((node) => node.code).join(', ')}${missing.length > 5 ? ', …' : ''}). Vui lòng nhập lại khung với cột "Điểm tối đa".`);
        }
      }
      return db.transaction(async (tx: Tx) => {
        const updated = await updateFramework(tx, framework.id, { ...changes, ...(changes.name !== undefined ? { name: changes.name.trim() } : {}) });
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'index.update', entity: 'index_framework', entityId: framework.id, before: presentFramework(framework), after: presentFramework(updated) });
        return presentFramework(updated);
      });
    },

    /** Deletes a framework with its tree and values. */
    async remove(actor: Actor, code: string) {
      if (!canManage(actor)) throw forbidden();
      const framework = await getFramework(code);
      await db.transaction(async (tx: Tx) => {
        await deleteFramework(tx, framework.id);
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'index.delete', entity: 'index_framework', entityId: framework.id, before: presentFramework(framework) });
      });
    },

    /** Scores and ranks of every peer at every node (the contract of `thucthi index compute`). */
    async compute(input: { code: string; year: number }): Promise<ComputeView> {
      const loaded = await load(input.code);
      const year = checkYear(input.year);
      const { values } = await loadYear(loaded, year);
      const result = compute(loaded, values);
      return { code: loaded.framework.code, year, results: result.results.map((row) => ({ org: row.peer, score: row.score, rank: row.rank, nodes: row.nodes })) };
    },

    /**
     * Results of a year: every peer's scores and ranks, the efficiency ratio, the best and median
     * scores of each node, the organization's strengths and weaknesses (nodes ranked at least
     * `threshold` places above or below its overall rank; by default a tenth of the ranked peers,
     * at least 3) and its change since the year before.
     */
    async results(input: { code: string; year?: number; org?: string; threshold?: number }) {
      const loaded = await load(input.code);
      const year = await resolveYear(loaded, input.year);
      const org = input.org ?? (loaded.peersByCode.has(HOME_PROVINCE) ? HOME_PROVINCE : null);
      if (org !== null) peerOf(loaded, org);
      const current = await loadYear(loaded, year);
      const result = compute(loaded, current.values);
      const previous = compute(loaded, (await loadYear(loaded, year - 1)).values);
      const previousByPeer = new Map(previous.results.map((row) => [row.peer, row]));
      const ranked = result.results.filter((row) => row.rank !== null).length;
      const threshold = input.threshold ?? defaultThreshold(ranked);
      const { strengths, weaknesses } = org ? strengthsAndWeaknesses(loaded.domain, result, org, threshold) : { strengths: [], weaknesses: [] };
      const names = nodeNames(loaded);

      const own = org ? result.results.find((row) => row.peer === org) : undefined;
      const before = org ? previousByPeer.get(org) : undefined;
      const change =
        own && before
          ? {
              previousYear: year - 1,
              score: own.score,
              rank: own.rank,
              previousScore: before.score,
              previousRank: before.rank,
              scoreChange: own.score !== null && before.score !== null ? own.score - before.score : null,
              rankChange: own.rank !== null && before.rank !== null ? before.rank - own.rank : null,
              nodes: loaded.nodes.map((node) => {
                const now = own.nodes[node.code] ?? { score: null, rank: null };
                const then = before.nodes[node.code] ?? { score: null, rank: null };
                return {
                  code: node.code,
                  name: node.name,
                  score: now.score,
                  rank: now.rank,
                  previousScore: then.score,
                  previousRank: then.rank,
                  scoreChange: now.score !== null && then.score !== null ? now.score - then.score : null,
                  rankChange: now.rank !== null && then.rank !== null ? then.rank - now.rank : null,
                };
              }),
            }
          : null;

      return {
        ...presentFramework(loaded.framework),
        year,
        org,
        maxPoints: result.maxPoints,
        results: presentResults(loaded, result).map((row) => ({ ...row, previousScore: previousByPeer.get(row.org)?.score ?? null, previousRank: previousByPeer.get(row.org)?.rank ?? null })),
        efficiency: result.efficiency
          ? {
              inputCode: result.efficiency.inputCode,
              outputCode: result.efficiency.outputCode,
              results: result.efficiency.peers.map((row) => ({ org: row.peer, orgName: loaded.peersByCode.get(row.peer)?.name ?? row.peer, ratio: row.ratio, rank: row.rank })),
            }
          : null,
        threshold,
        strengths: strengths.map((item) => ({ ...item, name: names.get(item.code) ?? item.name })),
        weaknesses: weaknesses.map((item) => ({ ...item, name: names.get(item.code) ?? item.name })),
        change,
        benchmarks: benchmarks(result),
        outliers: result.outliers,
        linkedValues: current.linked,
      };
    },

    /** An organization's values of every indicator for a year, with the peers' range (the what-if form). */
    async values(input: { code: string; year?: number; org: string }) {
      const loaded = await load(input.code);
      const year = await resolveYear(loaded, input.year);
      const peer = peerOf(loaded, input.org);
      const { values, linked } = await loadYear(loaded, year);
      const linkedCodes = new Set(linked.filter((item) => item.org === peer.code).map((item) => item.code));
      return {
        code: loaded.framework.code,
        year,
        org: peer.code,
        orgName: peer.name,
        items: loaded.nodes
          .filter((node) => node.level === 'indicator')
          .map((node) => {
            const all = [...(values.get(node.code)?.values() ?? [])];
            const value = values.get(node.code)?.get(peer.code) ?? null;
            const direction = node.direction as IndexDirection;
            return {
              ...presentNode(node),
              value,
              source: value === null ? null : linkedCodes.has(node.code) ? ('indicator' as const) : ('import' as const),
              peers: all.length,
              min: all.length ? Math.min(...all) : null,
              max: all.length ? Math.max(...all) : null,
              best: all.length ? (direction === 'lower' ? Math.min(...all) : Math.max(...all)) : null,
            };
          }),
      };
    },

    /**
     * What-if: the organization's values changed (indicator code → value, null to remove one),
     * everything recomputed with every peer renormalised; nothing is saved.
     */
    async whatIf(input: { code: string; year: number; org: string; changes: Record<string, number | null> }) {
      const loaded = await load(input.code);
      const year = checkYear(input.year);
      const peer = peerOf(loaded, input.org);
      const byUpper = new Map(loaded.nodes.map((node) => [node.code.toUpperCase(), node]));
      const changes: Record<string, number | null> = {};
      const problems: string[] = [];
      for (const [code, value] of Object.entries(input.changes)) {
        const node = byUpper.get(code.trim().toUpperCase());
        if (!node) problems.push(`không có chỉ tiêu "${code}" trong khung chỉ số ${loaded.framework.code}`);
        else if (node.level !== 'indicator') problems.push(`"${node.code}" không phải là chỉ tiêu (được tính từ các chỉ tiêu)`);
        else if (value !== null && !Number.isFinite(value)) problems.push(`giá trị của "${node.code}" không phải là số`);
        else changes[node.code] = value;
      }
      if (problems.length) throw invalid(`Trường "changes": ${problems.join('; ')}.`);
      const { values } = await loadYear(loaded, year);
      let simulation;
      try {
        simulation = simulateIndex(loaded.domain, values, peer.code, changes);
      } catch (error) {
        if (error instanceof InvalidFrameworkError) throw invalid(`Khung chỉ số "${loaded.framework.code}" không hợp lệ: ${error.message}`);
        throw error;
      }
      const summary = (row: typeof simulation.peerBefore) => (row ? { score: row.score, rank: row.rank, nodes: row.nodes } : { score: null, rank: null, nodes: {} });
      const before = summary(simulation.peerBefore);
      const after = summary(simulation.peerAfter);
      return {
        code: loaded.framework.code,
        year,
        org: peer.code,
        orgName: peer.name,
        changes,
        before,
        after,
        rank: after.rank,
        score: after.score,
        rankChange: before.rank !== null && after.rank !== null ? before.rank - after.rank : null,
        results: presentResults(loaded, simulation.after),
        efficiency: simulation.after.efficiency
          ? { inputCode: simulation.after.efficiency.inputCode, outputCode: simulation.after.efficiency.outputCode, results: simulation.after.efficiency.peers.map((row) => ({ org: row.peer, orgName: loaded.peersByCode.get(row.peer)?.name ?? row.peer, ratio: row.ratio, rank: row.rank })) }
          : null,
      };
    },

    /** Best levers of an organization: per indicator, the smallest improvement that gains a rank, by relative effort. */
    async levers(input: { code: string; year?: number; org?: string; limit?: number }) {
      const loaded = await load(input.code);
      const year = await resolveYear(loaded, input.year);
      const peer = peerOf(loaded, input.org ?? HOME_PROVINCE);
      const { values } = await loadYear(loaded, year);
      const result = compute(loaded, values);
      const own = result.results.find((row) => row.peer === peer.code);
      const levers = findLevers(loaded.domain, values, peer.code);
      const parents = new Map(loaded.nodes.map((node) => [node.code, node.parentCode]));
      return {
        code: loaded.framework.code,
        year,
        org: peer.code,
        orgName: peer.name,
        score: own?.score ?? null,
        rank: own?.rank ?? null,
        peers: result.results.filter((row) => row.rank !== null).length,
        levers: levers.slice(0, input.limit ?? levers.length).map((item) => ({ ...item, parentCode: parents.get(item.code) ?? null })),
      };
    },
  };
}

export type IndicesService = ReturnType<typeof createIndicesService>;
