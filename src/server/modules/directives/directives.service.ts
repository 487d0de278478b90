import type { Actor } from '../../../domain/policies';
import { canManageDirective } from '../../../domain/policies';
import type { Clock } from '../../clock';
import type { Database, Executor } from '../../db/client';
import { AppError, forbidden, invalid, messages, notFound } from '../../errors';
import { insertAuditEvent } from '../audit/audit.repository';
import { findOrganizationByCode } from '../organizations/organizations.repository';
import { findFileOwners } from '../files/files.repository';
import {
  attachDirectiveFile,
  listDirectiveFiles,
  findDirective,
  findDirectivesByNumber,
  insertDirective,
  listChildDirectives,
  listDirectives,
  updateDirective,
  type DirectiveRow,
} from './directives.repository';

export const directiveKinds = ['resolution', 'directive', 'conclusion', 'decision', 'plan', 'action_programme', 'official_letter'] as const;
export type DirectiveKind = (typeof directiveKinds)[number];

/** Guesses the kind from the number and symbol: "57-NQ/TW" is a resolution, "125/KH-UBND" a plan. */
export function kindFromNumber(number: string): DirectiveKind {
  const symbol = number.toUpperCase();
  if (/\bNQ\b|-NQ|NQ-/.test(symbol)) return 'resolution';
  if (/\bCT\b|-CT|CT-/.test(symbol)) return 'directive';
  if (/\bKL\b|-KL|KL-/.test(symbol)) return 'conclusion';
  if (/\bQĐ\b|-QĐ|QĐ-|\bQD\b|-QD|QD-/.test(symbol)) return 'decision';
  if (/\bCTR\b|-CTR|CTR-|CTHĐ/.test(symbol)) return 'action_programme';
  if (/\bCV\b|-CV|CV-/.test(symbol)) return 'official_letter';
  return 'plan';
}

export interface DirectiveInput {
  number: string;
  kind?: DirectiveKind;
  issuerCode: string;
  issuedOn: string;
  title: string;
  summary?: string | null;
  planEndYear?: number | null;
  parentId?: number | null;
}

export function presentDirective(row: DirectiveRow) {
  const { issuerPath: _path, issuerId: _issuer, issueYear: _year, ...view } = row;
  return view;
}

export function createDirectivesService(database: Database, _clock: Clock) {
  const db = database.db;

  async function getDirective(id: number, executor: Executor = db): Promise<DirectiveRow> {
    const row = await findDirective(executor, id);
    if (!row) throw notFound(`văn bản chỉ đạo có mã ${id}`);
    return row;
  }

  function checkPlanEnd(input: { issuedOn: string; planEndYear?: number | null }) {
    if (input.planEndYear != null && input.planEndYear < Number(input.issuedOn.slice(0, 4))) {
      throw invalid(`Trường "planEndYear": năm kết thúc kế hoạch (${input.planEndYear}) không được trước năm ban hành.`);
    }
  }

  /** Creates a directive; an existing one with the same number, issuer and issue year is a conflict. */
  async function createDirective(actor: Actor | null, input: DirectiveInput, executor: Executor) {
    const issuer = await findOrganizationByCode(executor, input.issuerCode);
    if (!issuer) throw invalid(`Trường "issuerCode": không tìm thấy cơ quan ban hành có mã "${input.issuerCode}".`);
    if (actor && !canManageDirective(actor, issuer.path)) throw forbidden();
    checkPlanEnd(input);
    const issueYear = Number(input.issuedOn.slice(0, 4));
    if ((await findDirectivesByNumber(executor, input.number, issuer.id, issueYear)).length) {
      throw new AppError('CONFLICT', `Văn bản "${input.number}" của ${issuer.name} năm ${issueYear} đã có trong hệ thống.`);
    }
    if (input.parentId != null) await getDirective(input.parentId, executor);
    const created = await insertDirective(executor, {
      number: input.number.trim(),
      kind: input.kind ?? kindFromNumber(input.number),
      issuerId: issuer.id,
      issuedOn: input.issuedOn,
      issueYear,
      title: input.title.normalize('NFC'),
      summary: input.summary?.normalize('NFC') ?? null,
      planEndYear: input.planEndYear ?? null,
      parentId: input.parentId ?? null,
      createdBy: actor?.userId ?? null,
    });
    await insertAuditEvent(executor, { actorUserId: actor?.userId ?? null, actorName: actor?.username ?? 'system', action: 'directive.create', entity: 'directive', entityId: created.id, after: created });
    return getDirective(created.id, executor);
  }

  return {
    getDirective,
    createDirective,

    async list(filter: { search?: string; parentId?: number; page: number; pageSize: number }) {
      const { items, total } = await listDirectives(db, filter);
      return { items: items.map(presentDirective), total };
    },

    async detail(id: number) {
      const row = await getDirective(id);
      const children = await listChildDirectives(db, id);
      return { ...presentDirective(row), children: children.map(presentDirective), files: await listDirectiveFiles(db, id) };
    },

    async create(actor: Actor, input: DirectiveInput) {
      return presentDirective(await db.transaction((tx) => createDirective(actor, input, tx)));
    },

    /** Attaches an uploaded file (the text of the directive, its appendix) to the directive. */
    async attachFile(actor: Actor, id: number, fileId: number) {
      await db.transaction(async (tx) => {
        const directive = await getDirective(id, tx);
        if (!canManageDirective(actor, directive.issuerPath)) throw forbidden();
        const [file] = await findFileOwners(tx, [fileId]);
        if (!file) throw invalid(`Trường "fileId": không tìm thấy tệp có mã ${fileId}.`);
        if (file.createdBy !== actor.userId) throw invalid(`Trường "fileId": tệp ${fileId} không do bạn tải lên.`);
        await attachDirectiveFile(tx, id, fileId);
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'directive.attach_file', entity: 'directive', entityId: id, after: { fileId } });
      });
      return this.detail(id);
    },

    async update(actor: Actor, id: number, version: number, input: Partial<Omit<DirectiveInput, 'issuerCode'>>) {
      return db.transaction(async (tx) => {
        const before = await getDirective(id, tx);
        if (!canManageDirective(actor, before.issuerPath)) throw forbidden();
        const issuedOn = input.issuedOn ?? before.issuedOn;
        checkPlanEnd({ issuedOn, planEndYear: input.planEndYear === undefined ? before.planEndYear : input.planEndYear });
        if (input.parentId != null) {
          if (input.parentId === id) throw invalid('Trường "parentId": văn bản không thể triển khai chính nó.');
          await getDirective(input.parentId, tx);
        }
        const changed = await updateDirective(tx, id, version, {
          ...(input.number !== undefined ? { number: input.number.trim() } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(input.issuedOn !== undefined ? { issuedOn: input.issuedOn, issueYear: Number(input.issuedOn.slice(0, 4)) } : {}),
          ...(input.title !== undefined ? { title: input.title.normalize('NFC') } : {}),
          ...(input.summary !== undefined ? { summary: input.summary?.normalize('NFC') ?? null } : {}),
          ...(input.planEndYear !== undefined ? { planEndYear: input.planEndYear } : {}),
          ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
        });
        if (!changed) throw new AppError('CONFLICT', messages.staleVersionGeneric);
        const after = await getDirective(id, tx);
        await insertAuditEvent(tx, { actorUserId: actor.userId, actorName: actor.username, action: 'directive.update', entity: 'directive', entityId: id, before, after });
        return presentDirective(after);
      });
    },
  };
}

export type DirectivesService = ReturnType<typeof createDirectivesService>;
