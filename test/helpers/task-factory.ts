/**
 * Test factories for directives, tasks and deadline extensions, inserted directly with drizzle
 * (no workflow, no audit): for tests of what is computed from the stored facts.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../src/server/db/client';
import { directives, taskCoordinators, taskExtensions, tasks } from '../../src/server/db/schema/index';

let sequence = 0;
/** A number unique in this test process, for directive numbers and titles. */
export function nextSequence(): number {
  sequence += 1;
  return sequence;
}

/** The id of an organization, by code (as an SQL sub-select, so no lookup round trip). */
function organizationIdOf(code: string) {
  return sql<number>`(select id from organizations where code = ${code})`;
}

export interface DirectiveInput {
  /** Number and symbol; default a unique 'T<n>-KH/UBND'. */
  number?: string;
  /** Issuer organization code; default '25'. */
  issuerCode?: string;
  /** Default '2026-01-05'. */
  issuedOn?: string;
  /** Id of the directive this one implements. */
  parentId?: number | null;
  kind?: string;
  title?: string;
}

/** Inserts a directive and returns its id and number. */
export async function insertDirective(db: Executor, input: DirectiveInput = {}): Promise<{ id: number; number: string }> {
  const serial = nextSequence();
  const issuedOn = input.issuedOn ?? '2026-01-05';
  const [row] = await db
    .insert(directives)
    .values({
      number: input.number ?? `T${serial}-KH/UBND`,
      kind: input.kind ?? 'plan',
      issuerId: organizationIdOf(input.issuerCode ?? '25'),
      issuedOn,
      issueYear: Number(issuedOn.slice(0, 4)),
      title: input.title ?? `Kế hoạch thử nghiệm số ${serial}`,
      parentId: input.parentId ?? null,
    })
    .returning({ id: directives.id, number: directives.number });
  return row;
}

export interface TaskInput {
  directiveId: number;
  /** Lead organization code; null for a container. Default 'SKHCN'. */
  lead?: string | null;
  /** Assigning organization code; default '25'. */
  assigning?: string;
  title?: string;
  /** Default '2026-01-10'. */
  assignedOn?: string;
  /** Null = continuous (no deadline). Default '2026-06-30'. */
  originalDeadline?: string | null;
  completedOn?: string | null;
  cancelledOn?: string | null;
  isContainer?: boolean;
  parentId?: number | null;
  /** Coordinating organization codes. */
  coordinating?: string[];
}

function taskValues(input: TaskInput) {
  const originalDeadline = input.originalDeadline === undefined ? '2026-06-30' : input.originalDeadline;
  const completedOn = input.completedOn ?? null;
  const cancelledOn = input.cancelledOn ?? null;
  const lead = input.lead === undefined ? 'SKHCN' : input.lead;
  return {
    directiveId: input.directiveId,
    parentId: input.parentId ?? null,
    isContainer: input.isContainer ?? false,
    leadOrganizationId: lead === null ? null : organizationIdOf(lead),
    assigningOrganizationId: organizationIdOf(input.assigning ?? '25'),
    title: input.title ?? `Nhiệm vụ thử nghiệm ${nextSequence()}`,
    originalDeadline,
    deadline: originalDeadline,
    isContinuous: originalDeadline === null,
    assignedOn: input.assignedOn ?? '2026-01-10',
    state: cancelledOn ? 'cancelled' : completedOn ? 'completed' : 'assigned',
    progress: completedOn ? 100 : 0,
    completedOn,
    cancelledOn,
  };
}

/** Inserts one task (and its coordinating organizations) and returns its id. */
export async function insertTask(db: Executor, input: TaskInput): Promise<number> {
  return (await insertTasks(db, [input]))[0];
}

/** Inserts tasks in one statement (and their coordinating organizations); returns their ids in order. */
export async function insertTasks(db: Executor, inputs: TaskInput[]): Promise<number[]> {
  if (inputs.length === 0) return [];
  const rows = await db.insert(tasks).values(inputs.map(taskValues)).returning({ id: tasks.id });
  const ids = rows.map((row) => row.id);
  const coordinators = inputs.flatMap((input, index) =>
    (input.coordinating ?? []).map((code) => ({ taskId: ids[index], organizationId: organizationIdOf(code) })),
  );
  if (coordinators.length > 0) await db.insert(taskCoordinators).values(coordinators);
  return ids;
}

export interface ExtensionInput {
  /** The approval (or rejection) date; an approved extension takes effect on it. */
  decidedOn: string;
  /** The new deadline asked for. */
  requestedDeadline: string;
  /** Default: `decidedOn`. */
  requestedOn?: string;
  /** Default 'approved'. */
  status?: 'approved' | 'rejected' | 'pending';
}

/**
 * Inserts deadline extensions in one statement, in order (ids increase), and keeps each task's
 * `extension_count` (approved ones) and `deadline` (the one in force after the latest approval) in step.
 */
export async function insertExtensions(db: Executor, inputs: (ExtensionInput & { taskId: number })[]): Promise<void> {
  if (inputs.length === 0) return;
  await db.insert(taskExtensions).values(
    inputs.map((input) => ({
      taskId: input.taskId,
      requestedDeadline: input.requestedDeadline,
      reason: 'Cần thêm thời gian',
      status: input.status ?? 'approved',
      requestedOn: input.requestedOn ?? input.decidedOn,
      decidedOn: (input.status ?? 'approved') === 'pending' ? null : input.decidedOn,
    })),
  );
  const taskIds = [...new Set(inputs.map((input) => input.taskId))];
  await db
    .update(tasks)
    .set({
      extensionCount: sql`(select count(*)::int from task_extensions e where e.task_id = tasks.id and e.status = 'approved')`,
      deadline: sql`coalesce((select e.requested_deadline from task_extensions e where e.task_id = tasks.id and e.status = 'approved'
                               order by e.decided_on desc, e.id desc limit 1), tasks.original_deadline)`,
    })
    .where(inArray(tasks.id, taskIds));
}

/** Inserts one approved extension: from `decidedOn`, the deadline is `requestedDeadline`. */
export async function approveExtension(db: Executor, taskId: number, decidedOn: string, requestedDeadline: string): Promise<void> {
  await insertExtensions(db, [{ taskId, decidedOn, requestedDeadline }]);
}
