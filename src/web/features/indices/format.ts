/**
 * Display helpers of the composite-index pages: scores with two decimals (`41,10`, `0,71`), ranks
 * `15/34`, rank changes `↑ 2 bậc`, and who may import or change a framework.
 */
import type { IndexLevel, IndexNode, Me } from '../../api/types';
import { EMPTY_VALUE, formatNumber } from '../../format';
import { translate, type Language } from '../../i18n';

const scoreFormats = new Map<Language, Intl.NumberFormat>();

/** A score with exactly two decimals: `41,10` in Vietnamese, `41.10` in English; null gives "—". */
export function formatScore(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY_VALUE;
  let format = scoreFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language === 'en' ? 'en-US' : 'vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    scoreFormats.set(language, format);
  }
  return format.format(value);
}

/** A score change with its sign: `+1,25`, `−0,40`, `0,00`. */
export function formatScoreChange(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined || Number.isNaN(value)) return EMPTY_VALUE;
  const text = formatScore(Math.abs(value), language);
  // No sign on a change that rounds to zero.
  const sign = text === formatScore(0, language) ? '' : value > 0 ? '+' : '−';
  return `${sign}${text}`;
}

/** A rank among the ranked peers: `15/34`, or `15` when the count is unknown. */
export function formatRank(rank: number | null | undefined, of: number | null | undefined, language: Language): string {
  if (rank === null || rank === undefined) return EMPTY_VALUE;
  const text = formatNumber(rank, language, 0);
  return of ? `${text}/${formatNumber(of, language, 0)}` : text;
}

/** A rank change (previous rank − rank, positive when better): `↑ 2 bậc`, `↓ 1 bậc`, `Giữ nguyên`. */
export function formatRankChange(change: number | null | undefined, language: Language): string {
  if (change === null || change === undefined) return EMPTY_VALUE;
  if (change === 0) return translate(language, 'indices.rankSame');
  const count = formatNumber(Math.abs(change), language, 0);
  return change > 0 ? translate(language, 'indices.rankUp', { count }) : translate(language, 'indices.rankDown', { count });
}

/** The colour of a change: green when better, red when worse. */
export function changeColor(change: number | null | undefined): string | undefined {
  if (change === null || change === undefined || change === 0) return undefined;
  return change > 0 ? '#389e0d' : '#cf1322';
}

export function levelLabel(level: IndexLevel, language: Language): string {
  return translate(language, `indices.level.${level}`);
}

/** Whether the user may import and change frameworks (coordinators and administrators; the server decides). */
export function canManageIndices(me: Me | undefined): boolean {
  if (!me) return false;
  return me.isSystemAdmin || me.roles.some((grant) => grant.role === 'coordinator' || grant.role === 'system_admin');
}

/** The nodes shown on the radar and the rank chart: the pillars, else the root's children. */
export function chartNodes(nodes: IndexNode[]): IndexNode[] {
  const pillars = nodes.filter((node) => node.level === 'pillar');
  if (pillars.length >= 3) return pillars;
  const root = nodes.find((node) => node.parentCode === null);
  const children = nodes.filter((node) => node.parentCode === root?.code && node.level !== 'indicator');
  if (children.length >= 3) return children;
  return pillars.length > 0 ? pillars : nodes.filter((node) => node.level !== 'index' && node.level !== 'indicator');
}

