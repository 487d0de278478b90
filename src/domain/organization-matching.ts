/**
 * Recognising organizations and groups in the cells of a task table (domain.md, "Organizations"
 * and "Reading a cell"). Pure: the organizations are given, nothing is read or written.
 */
import { dropLeadingUbnd, editDistance, normalizeName, tokenizeName, type NameToken } from './names';

/** An organization as the matcher needs it. */
export interface MatchableOrganization {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  /** Names of abolished bodies merged into this one (2025); matching one of them warns. */
  predecessors: string[];
  /** province, department, agency, commune, ward, ministry, ministry_level, government_agency, … */
  kind: string;
  parentCode: string | null;
  /** Inactive (dissolved) organizations never match. */
  active: boolean;
}

/** The sets of organizations that group phrases name. */
export type GroupKey = 'communes' | 'departments' | 'ministries' | 'provinces' | 'ministries_and_provinces';

/** The group phrases of domain.md; the first phrase of each group is its display name. */
export const GROUP_PHRASES: Readonly<Record<GroupKey, readonly string[]>> = {
  communes: ['UBND các xã, phường', 'Các xã, phường', 'UBND cấp xã'],
  departments: ['Các sở, ban, ngành', 'Các sở, ngành'],
  ministries: ['Các bộ, ngành'],
  provinces: ['Các địa phương', 'Các tỉnh, thành phố'],
  ministries_and_provinces: ['Các bộ, ngành, địa phương'],
};

const GROUP_KINDS: Readonly<Record<GroupKey, readonly string[]>> = {
  communes: ['commune', 'ward'],
  departments: ['department', 'agency'],
  ministries: ['ministry', 'ministry_level', 'government_agency'],
  provinces: ['province'],
  ministries_and_provinces: ['ministry', 'ministry_level', 'government_agency', 'province'],
};

/** A name mapped by a user (kept as an alias): to an organization or to a group. */
export interface ExtraAlias {
  name: string;
  organizationId?: number;
  group?: GroupKey;
}

/** The outcome of matching one name. */
export type NameMatch =
  | { kind: 'organization'; organization: MatchableOrganization; viaPredecessor?: string }
  | { kind: 'group'; group: GroupKey; members: MatchableOrganization[] }
  | { kind: 'ambiguous'; candidates: MatchableOrganization[] }
  | { kind: 'unknown'; suggestions: string[] };

/** An organization read from a cell; `viaPredecessor` is the predecessor name the cell used. */
export interface MatchedOrganization {
  organization: MatchableOrganization;
  viaPredecessor?: string;
}

/** What a cell names. */
export interface CellReading {
  /** Deduplicated, in the order of the cell; groups expanded to their members. */
  organizations: MatchedOrganization[];
  /** Groups named in the cell, deduplicated, in order. */
  groups: GroupKey[];
  /**
   * "Các … liên quan" phrases in their original spelling. In the coordinating column they are
   * coordination notes; in the lead column they are returned so that the caller can reject them
   * (a task needs a definite lead).
   */
  notes: string[];
  /** Pieces that are no known name, in their original spelling, with the closest names. */
  unknown: { text: string; suggestions: string[] }[];
  /** Pieces whose name belongs to several organizations. */
  ambiguous: { text: string; candidates: MatchableOrganization[] }[];
  /** Vietnamese warnings, e.g. a predecessor name mapped to its successor. */
  warnings: string[];
}

/** Which column a cell comes from; notes are only taken out of the coordinating column. */
export type CellColumn = 'lead' | 'coordinating';

/** Matches names and cells against a fixed list of organizations. */
export interface OrganizationMatcher {
  /** Matches a whole text as one name. */
  matchName(text: string): NameMatch;
  /** Reads a lead or coordinating cell (domain.md, "Reading a cell"). */
  readCell(text: string, column: CellColumn): CellReading;
  /** The members of a group (active organizations only), in the order of the organization list. */
  groupMembers(group: GroupKey): MatchableOrganization[];
  /** The three names closest to a text by edit distance on the normalised text. */
  suggest(text: string): string[];
}

/** Options of {@link createOrganizationMatcher}. */
export interface OrganizationMatcherOptions {
  /** Names mapped by users to an organization or a group; they match like aliases. */
  extraAliases?: ExtraAlias[];
}

interface IndexEntry {
  organizations: Map<number, MatchableOrganization>;
  predecessors: Map<number, { organization: MatchableOrganization; name: string }>;
  groups: GroupKey[];
}

interface SuggestionKey {
  key: string;
  length: number;
  display: string;
}

type Resolved =
  | { kind: 'organization'; organization: MatchableOrganization; viaPredecessor?: string }
  | { kind: 'group'; group: GroupKey }
  | { kind: 'ambiguous'; candidates: MatchableOrganization[] };

const SUGGESTION_COUNT = 3;
const collator = new Intl.Collator('vi');

/** The Vietnamese warning for a predecessor name mapped to its successor. */
export function predecessorWarning(predecessor: string, successor: string): string {
  return `"${predecessor}" đã hợp nhất vào "${successor}"; hệ thống dùng "${successor}"`;
}

/**
 * Builds a matcher over the active organizations of `organizations`.
 *
 * Names, short names, aliases and `extraAliases` match directly; predecessor names match only
 * when no active organization bears the name directly, and the match carries `viaPredecessor`.
 * A normalised name that several organizations bear is ambiguous. Group phrases take precedence
 * over organization names.
 */
export function createOrganizationMatcher(
  organizations: MatchableOrganization[],
  options: OrganizationMatcherOptions = {},
): OrganizationMatcher {
  const active = organizations.filter((organization) => organization.active);
  const byId = new Map(active.map((organization) => [organization.id, organization]));
  const index = new Map<string, IndexEntry>();
  const suggestionKeys: SuggestionKey[] = [];
  let longestKey = 0;

  const entryFor = (key: string): IndexEntry => {
    let entry = index.get(key);
    if (!entry) {
      entry = { organizations: new Map(), predecessors: new Map(), groups: [] };
      index.set(key, entry);
    }
    return entry;
  };
  const noteKey = (text: string, display: string): string => {
    const key = normalizeName(text);
    if (key === '') return key;
    longestKey = Math.max(longestKey, key.length);
    suggestionKeys.push({ key, length: Array.from(key).length, display });
    return key;
  };

  for (const organization of active) {
    const direct = [organization.name, organization.shortName ?? '', ...organization.aliases];
    for (const name of direct) {
      const key = noteKey(name, organization.name);
      if (key !== '') entryFor(key).organizations.set(organization.id, organization);
    }
    for (const predecessor of organization.predecessors) {
      const key = noteKey(predecessor, organization.name);
      if (key !== '' && !entryFor(key).predecessors.has(organization.id)) {
        entryFor(key).predecessors.set(organization.id, { organization, name: predecessor });
      }
    }
  }
  for (const group of Object.keys(GROUP_PHRASES) as GroupKey[]) {
    for (const phrase of GROUP_PHRASES[group]) {
      const key = noteKey(phrase, GROUP_PHRASES[group][0]);
      const entry = entryFor(key);
      if (!entry.groups.includes(group)) entry.groups.push(group);
    }
  }
  for (const alias of options.extraAliases ?? []) {
    if (alias.group !== undefined) {
      const key = noteKey(alias.name, GROUP_PHRASES[alias.group][0]);
      if (key !== '' && !entryFor(key).groups.includes(alias.group)) entryFor(key).groups.push(alias.group);
    } else if (alias.organizationId !== undefined) {
      const organization = byId.get(alias.organizationId);
      if (!organization) continue;
      const key = noteKey(alias.name, organization.name);
      if (key !== '') entryFor(key).organizations.set(organization.id, organization);
    }
  }

  const memberCache = new Map<GroupKey, MatchableOrganization[]>();
  const groupMembers = (group: GroupKey): MatchableOrganization[] => {
    let members = memberCache.get(group);
    if (!members) {
      const kinds = GROUP_KINDS[group];
      members = active.filter((organization) => kinds.includes(organization.kind));
      memberCache.set(group, members);
    }
    return members;
  };

  const resolve = (key: string): Resolved | null => {
    const entry = index.get(key);
    if (!entry) return null;
    if (entry.groups.length > 0) return { kind: 'group', group: entry.groups[0] };
    if (entry.organizations.size === 1) {
      return { kind: 'organization', organization: [...entry.organizations.values()][0] };
    }
    if (entry.organizations.size > 1) return { kind: 'ambiguous', candidates: [...entry.organizations.values()] };
    if (entry.predecessors.size === 1) {
      const [{ organization, name }] = [...entry.predecessors.values()];
      return { kind: 'organization', organization, viaPredecessor: name };
    }
    if (entry.predecessors.size > 1) {
      return { kind: 'ambiguous', candidates: [...entry.predecessors.values()].map((p) => p.organization) };
    }
    return null;
  };

  const suggestionCache = new Map<string, string[]>();
  const suggestKey = (key: string): string[] => {
    const cached = suggestionCache.get(key);
    if (cached) return cached;
    const length = Array.from(key).length;
    const best = new Map<string, number>();
    let top: { display: string; distance: number }[] = [];
    const cutoff = (): number =>
      top.length < SUGGESTION_COUNT ? Number.POSITIVE_INFINITY : top[SUGGESTION_COUNT - 1].distance;
    for (const candidate of suggestionKeys) {
      const limit = cutoff();
      if (Math.abs(candidate.length - length) > limit) continue;
      const distance = editDistance(key, candidate.key, limit);
      if (distance > limit) continue;
      const previous = best.get(candidate.display);
      if (previous !== undefined && previous <= distance) continue;
      best.set(candidate.display, distance);
      top = top.filter((item) => item.display !== candidate.display);
      top.push({ display: candidate.display, distance });
      top.sort((a, b) => a.distance - b.distance || collator.compare(a.display, b.display));
      top = top.slice(0, SUGGESTION_COUNT);
    }
    const result = top.map((item) => item.display);
    suggestionCache.set(key, result);
    return result;
  };

  const suggest = (text: string): string[] => {
    const key = normalizeName(text);
    return key === '' ? [] : suggestKey(key);
  };

  const matchName = (text: string): NameMatch => {
    const key = normalizeName(text);
    const resolved = key === '' ? null : resolve(key);
    if (!resolved) return { kind: 'unknown', suggestions: key === '' ? [] : suggestKey(key) };
    if (resolved.kind === 'group') return { ...resolved, members: groupMembers(resolved.group) };
    return resolved;
  };

  // The column does not change the reading: notes are found in both, and a note in the lead
  // column is for the caller to reject (domain.md: a task needs a definite lead).
  // A table repeats the same cells many times (a lead, "Sở Tư pháp" coordinating): each distinct
  // text is read once and every call gets its own copy of the arrays.
  const readings = new Map<string, CellReading>();
  const readCell = (text: string, _column: CellColumn): CellReading => {
    let reading = readings.get(text);
    if (!reading) {
      reading = readCellText(text);
      readings.set(text, reading);
    }
    return {
      organizations: [...reading.organizations],
      groups: [...reading.groups],
      notes: [...reading.notes],
      unknown: [...reading.unknown],
      ambiguous: [...reading.ambiguous],
      warnings: [...reading.warnings],
    };
  };

  const readCellText = (text: string): CellReading => {
    const { source, tokens } = tokenizeName(text);
    const consumed = new Array<boolean>(tokens.length).fill(false);
    type Item =
      | { at: number; kind: 'match'; resolved: Resolved; text: string }
      | { at: number; kind: 'unknown'; text: string; key: string };
    const items: Item[] = [];
    const notes: string[] = [];

    // 1. "Các … liên quan" notes: from a "Các" to the nearest following "liên quan".
    for (const [start, end] of findNotes(tokens)) {
      notes.push(source.slice(tokens[start].start, tokens[end].end));
      for (let k = start; k <= end; k++) consumed[k] = true;
    }

    // 2. Known names and group phrases, as whole words, longest first (leftmost on a tie).
    //    Words are matched across separators, since names may contain commas.
    const runs: number[][] = [];
    let run: number[] = [];
    tokens.forEach((token, position) => {
      if (consumed[position]) {
        if (run.length > 0) runs.push(run);
        run = [];
      } else if (token.kind === 'word') {
        run.push(position);
      }
    });
    if (run.length > 0) runs.push(run);

    const candidates: { first: number; last: number; length: number; resolved: Resolved }[] = [];
    for (const words of runs) {
      for (let i = 0; i < words.length; i++) {
        let joined = '';
        for (let j = i; j < words.length; j++) {
          joined += tokens[words[j]].normalized;
          const key = dropLeadingUbnd(joined);
          if (key.length > longestKey) break; // no known name is longer
          if (key === '') continue;
          const resolved = resolve(key);
          if (resolved) candidates.push({ first: words[i], last: words[j], length: Array.from(key).length, resolved });
        }
      }
    }
    candidates.sort((a, b) => b.length - a.length || a.first - b.first);
    for (const candidate of candidates) {
      let free = true;
      for (let k = candidate.first; k <= candidate.last && free; k++) free = !consumed[k];
      if (!free) continue;
      for (let k = candidate.first; k <= candidate.last; k++) consumed[k] = true;
      items.push({
        at: candidate.first,
        kind: 'match',
        resolved: candidate.resolved,
        text: source.slice(tokens[candidate.first].start, tokens[candidate.last].end),
      });
    }

    // 3. What remains, split at separators and "và"; pieces empty after normalising are ignored.
    let piece: number[] = [];
    const flush = (): void => {
      if (piece.length > 0) {
        const key = dropLeadingUbnd(piece.map((k) => tokens[k].normalized).join(''));
        if (key !== '') {
          items.push({
            at: piece[0],
            kind: 'unknown',
            key,
            text: source.slice(tokens[piece[0]].start, tokens[piece[piece.length - 1]].end),
          });
        }
      }
      piece = [];
    };
    tokens.forEach((token, position) => {
      if (consumed[position] || token.kind === 'separator' || token.normalized === '&') flush();
      else piece.push(position);
    });
    flush();

    items.sort((a, b) => a.at - b.at);
    const reading: CellReading = { organizations: [], groups: [], notes, unknown: [], ambiguous: [], warnings: [] };
    const seen = new Set<number>();
    const addOrganization = (organization: MatchableOrganization, viaPredecessor?: string): void => {
      if (seen.has(organization.id)) return;
      seen.add(organization.id);
      reading.organizations.push(viaPredecessor === undefined ? { organization } : { organization, viaPredecessor });
    };
    for (const item of items) {
      if (item.kind === 'unknown') {
        reading.unknown.push({ text: item.text, suggestions: suggestKey(item.key) });
        continue;
      }
      const { resolved } = item;
      if (resolved.kind === 'group') {
        if (!reading.groups.includes(resolved.group)) reading.groups.push(resolved.group);
        for (const member of groupMembers(resolved.group)) addOrganization(member);
      } else if (resolved.kind === 'ambiguous') {
        reading.ambiguous.push({ text: item.text, candidates: resolved.candidates });
      } else {
        if (resolved.viaPredecessor !== undefined) {
          const warning = predecessorWarning(resolved.viaPredecessor, resolved.organization.name);
          if (!reading.warnings.includes(warning)) reading.warnings.push(warning);
        }
        addOrganization(resolved.organization, resolved.viaPredecessor);
      }
    }
    return reading;
  };

  return { matchName, readCell, groupMembers, suggest };
}

/**
 * Token ranges [first, last] of the "Các … liên quan" phrases: each runs from a word "các" to the
 * nearest following words "liên quan"; the scan goes left to right and resumes after each note.
 */
function findNotes(tokens: NameToken[]): [number, number][] {
  const notes: [number, number][] = [];
  let position = 0;
  while (position < tokens.length) {
    const start = tokens.findIndex((token, k) => k >= position && token.kind === 'word' && token.normalized === 'cac');
    if (start < 0) break;
    let end = -1;
    for (let k = start + 1; k + 1 < tokens.length; k++) {
      if (tokens[k].normalized === 'lien' && tokens[k + 1].normalized === 'quan') {
        end = k + 1;
        break;
      }
    }
    if (end < 0) break;
    notes.push([start, end]);
    position = end + 1;
  }
  return notes;
}
