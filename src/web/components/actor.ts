import type { Actor } from '../api/types';

/** The display name of whoever did something (a name string or a user object). */
export function actorName(actor: Actor | undefined): string {
  if (!actor) return '';
  if (typeof actor === 'string') return actor;
  return actor.fullName || actor.name || actor.username || (actor.id !== undefined ? String(actor.id) : '');
}
