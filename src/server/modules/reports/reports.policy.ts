/**
 * Who may read and write the report of a scope. A report lists tasks and their results, so the
 * scope must lie within what the reader may see (domain.md, Roles): the organization of the scope
 * inside one of the reader's grants, or, for a directive, its issuer inside one. A report of no
 * scope (every task) is for the system administrator. Pure functions: no I/O.
 */
import { hasRoleOn, isSystemAdmin, isWithin, readableScopes, type Actor, type Role } from '../../../domain/policies';

/** The organizations a report's scope hangs on, by path. */
export interface ReportScopePaths {
  /** The organization of the scope ('/25/SKHCN/'), or null when the scope has none. */
  organizationPath: string | null;
  /** The issuers of the directives the scope names (one per directive with that number). */
  issuerPaths: string[];
}

function scopeHolds(scope: ReportScopePaths, holds: (path: string) => boolean): boolean {
  if (scope.organizationPath !== null && holds(scope.organizationPath)) return true;
  return scope.issuerPaths.length > 0 && scope.issuerPaths.every(holds);
}

/** Reading (making, exporting) the report of a scope: any role over its organization or its directive's issuer. */
export function canReadReportScope(actor: Actor, scope: ReportScopePaths): boolean {
  const scopes = readableScopes(actor);
  if (scopes === null) return true;
  return scopeHolds(scope, (path) => scopes.some((grant) => isWithin(path, grant)));
}

const writers: readonly Role[] = ['leader', 'coordinator', 'reporter'];

/** Saving and editing drafts: a role other than viewer (inspection bodies read only) over the scope. */
export function canWriteReportScope(actor: Actor, scope: ReportScopePaths): boolean {
  if (isSystemAdmin(actor)) return true;
  return scopeHolds(scope, (path) => hasRoleOn(actor, writers, path));
}
