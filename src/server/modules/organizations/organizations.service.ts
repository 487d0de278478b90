import type { Actor } from '../../../domain/policies';
import { canManageOrganizations } from '../../../domain/policies';
import type { Database, Executor } from '../../db/client';
import { AppError, forbidden, invalid, notFound } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import type { ReferenceOrganization } from './reference-data';
import { nationalReference, nationalRootCode, provinceReference } from './reference-data';
import {
  countOrganizationsByKind,
  findOrganizationByCode,
  insertOrganization,
  listActiveChildCodes,
  listOrganizations,
  movePaths,
  updateOrganization,
  type OrganizationFilter,
  type OrganizationRow,
} from './organizations.repository';
import type { Clock } from '../../clock';

export const organizationKinds = [
  'national',
  'steering',
  'government',
  'ministry',
  'ministry_level',
  'government_agency',
  'party',
  'judicial',
  'province',
  'department',
  'agency',
  'enterprise',
  'university',
  'institute',
  'commune',
  'ward',
] as const;

export interface OrganizationView {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  predecessors: string[];
  kind: string;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  isActive: boolean;
}

export interface OrganizationTreeNode extends OrganizationView {
  children: OrganizationTreeNode[];
}

export function presentOrganization(row: OrganizationRow): OrganizationView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    aliases: row.aliases,
    predecessors: row.predecessors,
    kind: row.kind,
    parentCode: row.parentCode,
    validFrom: row.validFrom,
    validTo: row.validTo,
    isActive: row.isActive,
  };
}

const collator = new Intl.Collator('vi');
const kindOrder = new Map<string, number>(organizationKinds.map((kind, index) => [kind, index]));

/** Builds the tree from a flat list; children in kind order, then by Vietnamese name. */
export function buildOrganizationTree(rows: OrganizationRow[]): OrganizationTreeNode[] {
  const nodes = new Map<string, OrganizationTreeNode>();
  for (const row of rows) nodes.set(row.code, { ...presentOrganization(row), children: [] });
  const roots: OrganizationTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentCode ? nodes.get(node.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrganizationTreeNode[]) => {
    list.sort((a, b) => (kindOrder.get(a.kind) ?? 99) - (kindOrder.get(b.kind) ?? 99) || collator.compare(a.name, b.name));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

export interface OrganizationInput {
  code: string;
  name: string;
  shortName?: string | null;
  aliases?: string[];
  predecessors?: string[];
  kind: string;
  parentCode?: string | null;
}

export function createOrganizationsService(database: Database, clock: Clock) {
  const db = database.db;

  async function getByCode(code: string, executor: Executor = db): Promise<OrganizationRow> {
    const row = await findOrganizationByCode(executor, code);
    if (!row) throw notFound(`cơ quan, đơn vị có mã "${code}"`);
    return row;
  }

  async function resolveParent(executor: Executor, parentCode: string | null | undefined) {
    if (!parentCode) return null;
    const parent = await findOrganizationByCode(executor, parentCode);
    if (!parent) throw invalid(`Trường "parentCode": không tìm thấy cơ quan, đơn vị cấp trên có mã "${parentCode}".`);
    // An active organization always sits under an active one (the tree hides inactive ones).
    if (!parent.isActive) throw invalid(`Trường "parentCode": cơ quan, đơn vị cấp trên "${parentCode}" đã ngừng hoạt động.`);
    return parent;
  }

  return {
    getByCode,

    /** The organization with this code, or null. */
    async findByCode(code: string, executor: Executor = db): Promise<OrganizationRow | null> {
      return findOrganizationByCode(executor, code);
    },

    async list(filter: OrganizationFilter) {
      return (await listOrganizations(db, filter)).map(presentOrganization);
    },

    async tree(includeInactive = false) {
      return buildOrganizationTree(await listOrganizations(db, { includeInactive }));
    },

    async create(actor: Actor, input: OrganizationInput) {
      if (!canManageOrganizations(actor)) throw forbidden();
      return db.transaction(async (tx) => {
        if (await findOrganizationByCode(tx, input.code)) {
          throw new AppError('CONFLICT', `Mã cơ quan, đơn vị "${input.code}" đã tồn tại.`);
        }
        const parent = await resolveParent(tx, input.parentCode);
        const created = await insertOrganization(tx, {
          code: input.code,
          name: input.name.normalize('NFC'),
          shortName: input.shortName?.normalize('NFC') ?? null,
          aliases: (input.aliases ?? []).map((alias) => alias.normalize('NFC')),
          predecessors: (input.predecessors ?? []).map((name) => name.normalize('NFC')),
          kind: input.kind,
          parentId: parent?.id ?? null,
          path: `${parent?.path ?? '/'}${input.code}/`,
          depth: (parent?.depth ?? -1) + 1,
          validFrom: clock.today(),
        });
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'organization.create', entity: 'organization', entityId: created.code, after: created });
        return presentOrganization((await findOrganizationByCode(tx, created.code))!);
      });
    },

    async update(actor: Actor, code: string, input: Partial<Omit<OrganizationInput, 'code'>>) {
      if (!canManageOrganizations(actor)) throw forbidden();
      return db.transaction(async (tx) => {
        const before = await getByCode(code, tx);
        const changes: Parameters<typeof updateOrganization>[2] = {};
        if (input.name !== undefined) changes.name = input.name.normalize('NFC');
        if (input.shortName !== undefined) changes.shortName = input.shortName?.normalize('NFC') ?? null;
        if (input.aliases !== undefined) changes.aliases = input.aliases.map((alias) => alias.normalize('NFC'));
        if (input.predecessors !== undefined) changes.predecessors = input.predecessors.map((name) => name.normalize('NFC'));
        if (input.kind !== undefined) changes.kind = input.kind;
        if (input.parentCode !== undefined && input.parentCode !== before.parentCode) {
          const parent = await resolveParent(tx, input.parentCode);
          if (parent && parent.path.startsWith(before.path)) {
            throw invalid(`Trường "parentCode": không thể chuyển cơ quan, đơn vị vào chính cấp dưới của nó.`);
          }
          const newPath = `${parent?.path ?? '/'}${before.code}/`;
          changes.parentId = parent?.id ?? null;
          await movePaths(tx, before.path, newPath);
        }
        await updateOrganization(tx, before.id, changes);
        const after = await getByCode(code, tx);
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'organization.update', entity: 'organization', entityId: code, before, after });
        return presentOrganization(after);
      });
    },

    async deactivate(actor: Actor, code: string, validTo?: string) {
      if (!canManageOrganizations(actor)) throw forbidden();
      return db.transaction(async (tx) => {
        const before = await getByCode(code, tx);
        const activeChildren = await listActiveChildCodes(tx, before.id);
        if (activeChildren.length > 0) {
          throw new AppError(
            'CONFLICT',
            `Cơ quan, đơn vị "${code}" còn ${activeChildren.length.toLocaleString('vi-VN')} đơn vị trực thuộc đang hoạt động (${activeChildren.slice(0, 5).join(', ')}${activeChildren.length > 5 ? ', …' : ''}). Vui lòng chuyển hoặc ngừng hoạt động các đơn vị này trước.`,
          );
        }
        await updateOrganization(tx, before.id, { isActive: false, validTo: validTo ?? clock.today() });
        const after = await getByCode(code, tx);
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'organization.deactivate', entity: 'organization', entityId: code, before, after });
        return presentOrganization(after);
      });
    },

    /**
     * Loads the reference organizations idempotently: missing ones are created, existing ones keep
     * their code and are refreshed. With `national`, the national level is added above the province.
     */
    async seedReference(options: { national: boolean }, executor: Executor = db) {
      const list: ReferenceOrganization[] = options.national ? [...nationalReference(), ...provinceReference()] : provinceReference();
      const run = async (tx: Executor) => {
        let created = 0;
        for (const item of list) {
          const existing = await findOrganizationByCode(tx, item.code);
          const parent = item.parentCode ? await findOrganizationByCode(tx, item.parentCode) : null;
          const path = `${parent?.path ?? '/'}${item.code}/`;
          if (!existing) {
            await insertOrganization(tx, {
              code: item.code,
              name: item.name,
              shortName: item.shortName,
              aliases: item.aliases,
              predecessors: item.predecessors,
              kind: item.kind,
              parentId: parent?.id ?? null,
              path,
              depth: (parent?.depth ?? -1) + 1,
              validFrom: null,
            });
            created += 1;
            continue;
          }
          // Phú Thọ has no parent in a provincial deployment; the national level adopts it.
          if (existing.parentCode !== (parent?.code ?? null) && (parent || !options.national)) {
            if (parent) {
              await movePaths(tx, existing.path, path);
              await updateOrganization(tx, existing.id, { parentId: parent.id });
            }
          }
        }
        await insertAuditEvent(tx, { actorUserId: null, actorName: 'system', action: options.national ? 'organization.seed_national' : 'organization.seed_reference', entity: 'organization', entityId: null, after: { created } });
        return { created, counts: await countOrganizationsByKind(tx) };
      };
      return executor === db ? db.transaction(run) : run(executor);
    },
  };
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
export { nationalRootCode };
