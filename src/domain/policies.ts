/**
 * Authorization rules of domain.md (Roles): a role is granted on an organization and is valid for
 * its whole subtree. Organizations are identified here by their `path` ('/25/SKHCN/'), so "in the
 * subtree of" is a prefix test. Pure functions: no I/O.
 */
export type Role = 'system_admin' | 'leader' | 'coordinator' | 'reporter' | 'viewer';
export const roles: readonly Role[] = ['system_admin', 'leader', 'coordinator', 'reporter', 'viewer'];

export interface Grant {
  role: Role;
  organizationId: number;
  organizationCode: string;
  /** Path of the organization the role is granted on. */
  path: string;
}

export interface Actor {
  userId: number;
  username: string;
  fullName: string;
  grants: Grant[];
}

/** The organizations a task touches, by path. */
export interface TaskAccess {
  leadPath: string | null;
  assigningPath: string;
  coordinatingPaths: string[];
}

/**
 * True when `path` is `scopePath` or lies below it. Paths end with '/'; a scope given without it is
 * closed first, so '/25/SKH' never takes in '/25/SKHCN/'.
 */
export function isWithin(path: string, scopePath: string): boolean {
  const scope = scopePath.endsWith('/') ? scopePath : `${scopePath}/`;
  return path.startsWith(scope);
}

export function isSystemAdmin(actor: Actor): boolean {
  return actor.grants.some((grant) => grant.role === 'system_admin');
}

/** True when the actor holds one of `wanted` on `path` or an ancestor of it (system_admin holds all). */
export function hasRoleOn(actor: Actor, wanted: readonly Role[], path: string | null): boolean {
  if (isSystemAdmin(actor)) return true;
  if (path === null) return false;
  return actor.grants.some((grant) => wanted.includes(grant.role) && isWithin(path, grant.path));
}

/** Paths whose subtrees the actor may read; null means everything. */
export function readableScopes(actor: Actor): string[] | null {
  if (isSystemAdmin(actor)) return null;
  return actor.grants.map((grant) => grant.path);
}

const anyRole: readonly Role[] = roles;

export function canManageOrganizations(actor: Actor): boolean {
  return isSystemAdmin(actor);
}

export function canManageUsers(actor: Actor): boolean {
  return isSystemAdmin(actor);
}

export function canReadAudit(actor: Actor): boolean {
  return isSystemAdmin(actor) || actor.grants.some((grant) => grant.role === 'leader' || grant.role === 'coordinator');
}

/** A task is visible to anyone with a role over its lead, its assigning or a coordinating organization. */
export function canReadTask(actor: Actor, task: TaskAccess): boolean {
  return (
    hasRoleOn(actor, anyRole, task.leadPath) ||
    hasRoleOn(actor, anyRole, task.assigningPath) ||
    task.coordinatingPaths.some((path) => hasRoleOn(actor, anyRole, path))
  );
}

/** Progress updates, completion reports and extension requests: reporters of the lead or a coordinating organization. */
export function canReportOnTask(actor: Actor, task: TaskAccess): boolean {
  return hasRoleOn(actor, ['reporter'], task.leadPath) || task.coordinatingPaths.some((path) => hasRoleOn(actor, ['reporter'], path));
}

/** Only the lead organization's reporters submit completion and ask for extensions. */
export function canSubmitForTask(actor: Actor, task: TaskAccess): boolean {
  return hasRoleOn(actor, ['reporter'], task.leadPath);
}

/** Confirm or return a completion report: coordinators of the assigning organization. */
export function canConfirmTask(actor: Actor, task: TaskAccess): boolean {
  return hasRoleOn(actor, ['coordinator'], task.assigningPath);
}

/** Approve or reject an extension: coordinators and leaders of the assigning organization. */
export function canDecideExtension(actor: Actor, task: TaskAccess): boolean {
  return hasRoleOn(actor, ['coordinator', 'leader'], task.assigningPath);
}

/** Create, edit, pause, resume, cancel: coordinators of the assigning organization. */
export function canManageTask(actor: Actor, task: Pick<TaskAccess, 'assigningPath'>): boolean {
  return hasRoleOn(actor, ['coordinator'], task.assigningPath);
}

/** Create and edit directives issued by an organization in scope (or import their tasks). */
export function canManageDirective(actor: Actor, issuerPath: string): boolean {
  return hasRoleOn(actor, ['coordinator'], issuerPath);
}
