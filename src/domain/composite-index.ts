/**
 * Composite indices (domain.md, "Composite indices"): PII-style scores by min-max normalisation over
 * the peers, DTI-style scores in points, ranks, what-if simulations, best levers, strengths and
 * weaknesses. Pure: the framework and the values are given, nothing is read or written.
 *
 * Formulas (the contract leaves some open; the choices are stated here and in the functions):
 *
 * `minmax`
 * - An indicator is normalised over the peers that have a value: (x − min) / (max − min) × 100, or
 *   (max − x) / (max − min) × 100 for a lower-is-better ("bad") indicator. When max = min no peer
 *   gets a score for it.
 * - A node's score is the weighted arithmetic mean of its children that have a score, the weights
 *   renormalised over them (Σ wᵢsᵢ / Σ wᵢ); a node whose children have none has no score.
 * - The index (the root) is the plain mean of its sub-indices (their weights are ignored, as in the
 *   GII); an index without sub-indices is the weighted mean of its children like any other node.
 * - Efficiency ratio = output sub-index / input sub-index, when among the root's sub-indices exactly
 *   one is the input and one the output sub-index: its code or name, lower-cased with accents
 *   removed and punctuation turned to spaces, contains the word "input"/"inputs" or "đầu vào" (input),
 *   "output"/"outputs" or "đầu ra" (output). No ratio when the input sub-index is 0 or missing.
 * - Optional outlier treatment (JRC/COIN rule), per indicator, on the raw values of the peers that
 *   have one, before normalisation: when |skewness| > 2 and kurtosis > 3.5, winsorise — replace the
 *   most extreme value on the side of the skew (the highest when the skewness is positive) by the
 *   next value inward, all peers holding it at once, recomputing skewness and kurtosis after each
 *   step — while both thresholds are exceeded and at most five values have been replaced. If the
 *   thresholds are still exceeded then, the original values are log-transformed instead:
 *   x′ = ln((n − 1)(x − min)/(max − min) + 1) for a positive skew, x′ = −ln((n − 1)(max − x)/(max − min) + 1)
 *   for a negative one (order kept; min ↦ 0 and max ↦ ln n, resp. max ↦ 0 and min ↦ −ln n).
 *   Skewness and kurtosis are the bias-corrected sample statistics of Excel's SKEW and KURT (excess
 *   kurtosis): with m the mean, s the sample standard deviation (n − 1), zᵢ = (xᵢ − m)/s,
 *   skewness = n/((n − 1)(n − 2)) Σ zᵢ³ (n ≥ 3), kurtosis = n(n + 1)/((n − 1)(n − 2)(n − 3)) Σ zᵢ⁴
 *   − 3(n − 1)²/((n − 2)(n − 3)) (n ≥ 4). Fewer peers, or s = 0: no treatment.
 *
 * `points`
 * - An indicator's attainment (0..1) for a peer is read from the values of the peers that have one:
 *   when every value lies in [0, 1], the value itself (a ratio, or yes/no as 1/0); otherwise when
 *   every value lies in [0, 100], value / 100 (a percentage); otherwise (x − min)/(max − min) over the
 *   peers (a quantity, scored against the best peer; max = min gives no attainment). For a
 *   lower-is-better indicator the attainment is 1 − that. Points = attainment × the indicator's
 *   maximum points. Weights are not used (the maximum points are the weights).
 * - A peer taking part (it has at least one value in the framework) that lacks a value of an
 *   indicator other peers have earns 0 points for it, as in the DTI.
 * - A node's score is the sum of its children's points; the index is the points of the root
 *   divided by the maximum points of the indicators that could be scored (0..1).
 *
 * Ranks: computed on the unrounded scores, higher first; equal scores share a rank (1, 2, 2, 4);
 * a peer without a score has no rank. Results are ordered by rank, then peer code; only peers that
 * have at least one value appear.
 */

export type IndexMethod = 'minmax' | 'points';
export type IndexLevel = 'index' | 'sub_index' | 'pillar' | 'sub_pillar' | 'indicator';
export type IndexDirection = 'higher' | 'lower';

/** Levels from the top of the tree down. */
export const INDEX_LEVELS: readonly IndexLevel[] = ['index', 'sub_index', 'pillar', 'sub_pillar', 'indicator'];
export const INDEX_METHODS: readonly IndexMethod[] = ['minmax', 'points'];

/** The depth of a level: index 0 … indicator 4. */
export function levelDepth(level: IndexLevel): number {
  return INDEX_LEVELS.indexOf(level);
}

/** A node of a framework tree. */
export interface IndexNode {
  code: string;
  name: string;
  level: IndexLevel;
  /** Null for the root (the index). */
  parentCode: string | null;
  /** Weight among its siblings (minmax); 1 by default, 0.5 for a half-weight indicator. */
  weight: number;
  /** For indicators: higher is better, or lower is better (a "bad"). */
  direction: IndexDirection;
  /** For indicators of a `points` framework: the points a full attainment earns. */
  maxPoints: number | null;
}

/** A framework: its method and its tree (one root of level `index`; indicators are the leaves). */
export interface IndexFramework {
  method: IndexMethod;
  /** Apply the JRC outlier treatment before min-max normalisation (minmax only). */
  outlierTreatment: boolean;
  nodes: readonly IndexNode[];
}

/** Raw values: indicator code → peer (organization code) → value. */
export type IndexValues = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** A peer's score and rank at one node. */
export interface NodeScore {
  score: number | null;
  rank: number | null;
}

export interface PeerResult {
  peer: string;
  /** The index: 0..100 (minmax) or 0..1 (points). */
  score: number | null;
  rank: number | null;
  /** Every node of the framework, the root and the indicators included. */
  nodes: Record<string, NodeScore>;
}

export interface EfficiencyResult {
  inputCode: string;
  outputCode: string;
  peers: { peer: string; ratio: number | null; rank: number | null }[];
}

/** What the outlier treatment did to one indicator. */
export interface OutlierTreatment {
  code: string;
  kind: 'winsorised' | 'log';
  /** Values replaced by winsorisation (0 for a log transformation). */
  replaced: number;
  /** Of the original values. */
  skewness: number;
  kurtosis: number;
}

export interface IndexResult {
  rootCode: string;
  method: IndexMethod;
  /** Ordered by rank (no rank last), then peer code. */
  results: PeerResult[];
  efficiency: EfficiencyResult | null;
  /** Points method: the maximum points of every node over the indicators that could be scored. */
  maxPoints: Record<string, number> | null;
  outliers: OutlierTreatment[];
}

/** Thrown for a framework that breaks the tree rules (the table readers report these to users first). */
export class InvalidFrameworkError extends Error {}

// ---------------------------------------------------------------------------------------------
// The tree

interface TreeNode extends IndexNode {
  children: TreeNode[];
}

interface PreparedFramework {
  method: IndexMethod;
  outlierTreatment: boolean;
  root: TreeNode;
  /** Non-leaf nodes, children before parents. */
  postOrder: TreeNode[];
  /** Leaves of level `indicator`, in tree order. */
  indicators: TreeNode[];
  /** All nodes in tree order (pre-order). */
  ordered: TreeNode[];
  byCode: Map<string, TreeNode>;
  /** True when the root is the plain mean of its sub-indices. */
  plainRoot: boolean;
  efficiency: { inputCode: string; outputCode: string } | null;
}

function simplify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const INPUT_WORDS = /(^| )(inputs?|dau vao)( |$)/;
const OUTPUT_WORDS = /(^| )(outputs?|dau ra)( |$)/;

/** True when a sub-index is named or coded as the input (or output) sub-index; see the module comment. */
export function isInputSubIndex(node: Pick<IndexNode, 'code' | 'name'>): boolean {
  return INPUT_WORDS.test(simplify(node.code)) || INPUT_WORDS.test(simplify(node.name));
}

export function isOutputSubIndex(node: Pick<IndexNode, 'code' | 'name'>): boolean {
  return OUTPUT_WORDS.test(simplify(node.code)) || OUTPUT_WORDS.test(simplify(node.name));
}

function prepare(framework: IndexFramework): PreparedFramework {
  const byCode = new Map<string, TreeNode>();
  for (const node of framework.nodes) {
    if (byCode.has(node.code)) throw new InvalidFrameworkError(`Mã "${node.code}" lặp lại trong khung chỉ số.`);
    byCode.set(node.code, { ...node, children: [] });
  }
  const roots: TreeNode[] = [];
  for (const node of byCode.values()) {
    if (node.parentCode === null) {
      roots.push(node);
      continue;
    }
    const parent = byCode.get(node.parentCode);
    if (!parent) throw new InvalidFrameworkError(`Không tìm thấy cấp trên "${node.parentCode}" của "${node.code}".`);
    parent.children.push(node);
  }
  if (roots.length !== 1) throw new InvalidFrameworkError(`Khung chỉ số cần đúng một gốc (Chỉ số), có ${roots.length}.`);
  const root = roots[0];
  const postOrder: TreeNode[] = [];
  const indicators: TreeNode[] = [];
  const ordered: TreeNode[] = [];
  const seen = new Set<string>();
  const visit = (node: TreeNode) => {
    if (seen.has(node.code)) throw new InvalidFrameworkError(`Khung chỉ số có vòng lặp tại "${node.code}".`);
    seen.add(node.code);
    ordered.push(node);
    if (node.children.length === 0) {
      if (node.level === 'indicator') indicators.push(node);
      return;
    }
    if (node.level === 'indicator') throw new InvalidFrameworkError(`Chỉ tiêu "${node.code}" không được có cấp dưới.`);
    for (const child of node.children) visit(child);
    postOrder.push(node);
  };
  visit(root);
  if (seen.size !== byCode.size) throw new InvalidFrameworkError('Khung chỉ số có nút không nối được tới gốc (vòng lặp).');
  const subIndices = root.children.filter((child) => child.level === 'sub_index');
  const inputs = subIndices.filter((node) => isInputSubIndex(node) && !isOutputSubIndex(node));
  const outputs = subIndices.filter((node) => isOutputSubIndex(node) && !isInputSubIndex(node));
  return {
    method: framework.method,
    outlierTreatment: framework.outlierTreatment && framework.method === 'minmax',
    root,
    postOrder,
    indicators,
    ordered,
    byCode,
    plainRoot: subIndices.length > 0,
    efficiency: inputs.length === 1 && outputs.length === 1 ? { inputCode: inputs[0].code, outputCode: outputs[0].code } : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics and outliers

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function standardScores(values: readonly number[]): number[] | null {
  const n = values.length;
  const m = mean(values);
  const variance = values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (n - 1);
  const s = Math.sqrt(variance);
  if (!(s > 0)) return null;
  return values.map((value) => (value - m) / s);
}

/** Sample skewness as Excel's SKEW; null below 3 values or without spread. */
export function skewness(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 3) return null;
  const z = standardScores(values);
  if (!z) return null;
  return (n / ((n - 1) * (n - 2))) * z.reduce((sum, value) => sum + value ** 3, 0);
}

/** Sample excess kurtosis as Excel's KURT; null below 4 values or without spread. */
export function kurtosis(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 4) return null;
  const z = standardScores(values);
  if (!z) return null;
  const sum = z.reduce((total, value) => total + value ** 4, 0);
  return ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * sum - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
}

/** Thresholds of the outlier treatment. */
export const OUTLIER_RULE = { skewness: 2, kurtosis: 3.5, maxWinsorised: 5 } as const;

function hasOutliers(values: readonly number[]): boolean {
  const skew = skewness(values);
  const kurt = kurtosis(values);
  return skew !== null && kurt !== null && Math.abs(skew) > OUTLIER_RULE.skewness && kurt > OUTLIER_RULE.kurtosis;
}

/**
 * The JRC outlier treatment of one indicator's values (see the module comment): the treated values
 * in the same order, and what was done (null when nothing was).
 */
export function treatOutliers(values: readonly number[]): { values: number[]; treatment: Omit<OutlierTreatment, 'code'> | null } {
  if (!hasOutliers(values)) return { values: [...values], treatment: null };
  const originalSkewness = skewness(values)!;
  const originalKurtosis = kurtosis(values)!;
  const treated = [...values];
  let replaced = 0;
  while (hasOutliers(treated)) {
    const high = skewness(treated)! > 0;
    const extreme = high ? Math.max(...treated) : Math.min(...treated);
    const inward = treated.filter((value) => (high ? value < extreme : value > extreme));
    if (inward.length === 0) break;
    const next = high ? Math.max(...inward) : Math.min(...inward);
    const holders = treated.flatMap((value, index) => (value === extreme ? [index] : []));
    if (replaced + holders.length > OUTLIER_RULE.maxWinsorised) break;
    for (const index of holders) treated[index] = next;
    replaced += holders.length;
  }
  if (!hasOutliers(treated)) {
    return { values: treated, treatment: { kind: 'winsorised', replaced, skewness: originalSkewness, kurtosis: originalKurtosis } };
  }
  const n = values.length;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const logged = values.map((value) =>
    originalSkewness > 0 ? Math.log(((n - 1) * (value - min)) / (max - min) + 1) : -Math.log(((n - 1) * (max - value)) / (max - min) + 1),
  );
  return { values: logged, treatment: { kind: 'log', replaced: 0, skewness: originalSkewness, kurtosis: originalKurtosis } };
}

// ---------------------------------------------------------------------------------------------
// Indicator scores

/**
 * Min-max normalisation of one indicator over the peers that have a value (0..100, mirrored for a
 * lower-is-better indicator); empty when max = min.
 */
export function normaliseMinMax(values: ReadonlyMap<string, number>, direction: IndexDirection): Map<string, number> {
  const scores = new Map<string, number>();
  if (values.size === 0) return scores;
  const all = [...values.values()];
  const min = Math.min(...all);
  const max = Math.max(...all);
  if (max === min) return scores;
  for (const [peer, value] of values) {
    scores.set(peer, direction === 'higher' ? ((value - min) / (max - min)) * 100 : ((max - value) / (max - min)) * 100);
  }
  return scores;
}

/** The attainment rule a points indicator's values call for (see the module comment). */
export function attainmentRule(values: readonly number[]): 'ratio' | 'percent' | 'range' {
  if (values.every((value) => value >= 0 && value <= 1)) return 'ratio';
  if (values.every((value) => value >= 0 && value <= 100)) return 'percent';
  return 'range';
}

/** Attainment (0..1) of one points indicator for each peer that has a value. */
export function attainments(values: ReadonlyMap<string, number>, direction: IndexDirection): Map<string, number> {
  const result = new Map<string, number>();
  if (values.size === 0) return result;
  const all = [...values.values()];
  const rule = attainmentRule(all);
  const min = Math.min(...all);
  const max = Math.max(...all);
  if (rule === 'range' && max === min) return result;
  for (const [peer, value] of values) {
    const attained = rule === 'ratio' ? value : rule === 'percent' ? value / 100 : (value - min) / (max - min);
    result.set(peer, direction === 'higher' ? attained : 1 - attained);
  }
  return result;
}

interface IndicatorScoring {
  scores: Map<string, number>;
  treatment: OutlierTreatment | null;
}

function scoreIndicator(prepared: PreparedFramework, indicator: TreeNode, values: ReadonlyMap<string, number>, participants: readonly string[]): IndicatorScoring {
  if (prepared.method === 'points') {
    const attained = attainments(values, indicator.direction);
    const scores = new Map<string, number>();
    if (attained.size === 0) return { scores, treatment: null };
    const maxPoints = indicator.maxPoints ?? 0;
    for (const peer of participants) scores.set(peer, (attained.get(peer) ?? 0) * maxPoints);
    return { scores, treatment: null };
  }
  if (!prepared.outlierTreatment) return { scores: normaliseMinMax(values, indicator.direction), treatment: null };
  const peers = [...values.keys()];
  const treated = treatOutliers(peers.map((peer) => values.get(peer)!));
  const treatedValues = new Map(peers.map((peer, index) => [peer, treated.values[index]]));
  return {
    scores: normaliseMinMax(treatedValues, indicator.direction),
    treatment: treated.treatment ? { code: indicator.code, ...treated.treatment } : null,
  };
}

const EMPTY = new Map<string, number>();

function participantsOf(prepared: PreparedFramework, values: IndexValues): string[] {
  const peers = new Set<string>();
  for (const indicator of prepared.indicators) for (const peer of values.get(indicator.code)?.keys() ?? []) peers.add(peer);
  return [...peers].sort(comparePeers);
}

function comparePeers(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Aggregation

type ScoreTable = Map<string, Map<string, number | null>>;

/** One node's scores from its children's rows (`rowOf`); the root of a points framework in points, not divided yet. */
function nodeRow(prepared: PreparedFramework, node: TreeNode, participants: readonly string[], rowOf: (code: string) => ReadonlyMap<string, number | null>): Map<string, number | null> {
  const row = new Map<string, number | null>();
  const plain = node === prepared.root && prepared.plainRoot;
  const used = (plain ? node.children.filter((child) => child.level === 'sub_index') : node.children).map((child) => ({ child, scores: rowOf(child.code) }));
  for (const peer of participants) {
    let sum = 0;
    let weights = 0;
    let any = false;
    for (const { child, scores } of used) {
      const score = scores.get(peer);
      if (score === null || score === undefined) continue;
      any = true;
      if (prepared.method === 'points') {
        sum += score;
      } else {
        const weight = plain ? 1 : child.weight;
        sum += weight * score;
        weights += weight;
      }
    }
    if (prepared.method === 'points') row.set(peer, any ? sum : null);
    else row.set(peer, weights > 0 ? sum / weights : null);
  }
  return row;
}

/** Points framework: the root's points divided by the maximum points of the indicators that could be scored. */
function divideRoot(prepared: PreparedFramework, row: Map<string, number | null>, indicatorScores: ReadonlyMap<string, ReadonlyMap<string, number>>): void {
  if (prepared.method !== 'points') return;
  const total = maxPointsOf(prepared, indicatorScores)[prepared.root.code] ?? 0;
  for (const [peer, points] of row) row.set(peer, points === null || total <= 0 ? null : points / total);
}

function indicatorRow(participants: readonly string[], scores: ReadonlyMap<string, number> | undefined): Map<string, number | null> {
  return new Map(participants.map((peer) => [peer, scores?.get(peer) ?? null]));
}

/** Every node's scores, from the indicators' scores (which are kept as given). */
function aggregate(prepared: PreparedFramework, participants: readonly string[], indicatorScores: ReadonlyMap<string, ReadonlyMap<string, number>>): ScoreTable {
  const table: ScoreTable = new Map();
  for (const indicator of prepared.indicators) table.set(indicator.code, indicatorRow(participants, indicatorScores.get(indicator.code)));
  for (const node of prepared.postOrder) table.set(node.code, nodeRow(prepared, node, participants, (code) => table.get(code)!));
  divideRoot(prepared, table.get(prepared.root.code)!, indicatorScores);
  return table;
}

/**
 * The root's scores when one indicator's scores change, recomputing only that indicator's
 * ancestors over `base` (the rows of every other node are unchanged).
 */
function rootWithChange(prepared: PreparedFramework, participants: readonly string[], base: ScoreTable, indicatorScores: ReadonlyMap<string, ReadonlyMap<string, number>>, indicator: TreeNode): Map<string, number | null> {
  const changed = new Map<string, Map<string, number | null>>([[indicator.code, indicatorRow(participants, indicatorScores.get(indicator.code))]]);
  const rowOf = (code: string) => changed.get(code) ?? base.get(code)!;
  let node = indicator;
  while (node.parentCode !== null) {
    node = prepared.byCode.get(node.parentCode)!;
    changed.set(node.code, nodeRow(prepared, node, participants, rowOf));
  }
  const root = changed.get(prepared.root.code)!;
  divideRoot(prepared, root, indicatorScores);
  return root;
}

/** Maximum points of every node over the indicators that could be scored. */
function maxPointsOf(prepared: PreparedFramework, indicatorScores: ReadonlyMap<string, ReadonlyMap<string, number>>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const indicator of prepared.indicators) result[indicator.code] = (indicatorScores.get(indicator.code)?.size ?? 0) > 0 ? (indicator.maxPoints ?? 0) : 0;
  for (const node of prepared.postOrder) result[node.code] = node.children.reduce((sum, child) => sum + (result[child.code] ?? 0), 0);
  return result;
}

/**
 * Ranks: higher first, on the unrounded scores; equal scores share the best rank (1, 2, 2, 4); no
 * score, no rank.
 */
export function rankScores(scores: ReadonlyMap<string, number | null>): Map<string, number | null> {
  const ranked = [...scores].filter((entry): entry is [string, number] => entry[1] !== null).sort((a, b) => b[1] - a[1]);
  const ranks = new Map<string, number | null>();
  let rank = 0;
  ranked.forEach(([peer, score], index) => {
    if (index === 0 || score !== ranked[index - 1][1]) rank = index + 1;
    ranks.set(peer, rank);
  });
  for (const peer of scores.keys()) if (!ranks.has(peer)) ranks.set(peer, null);
  return ranks;
}

/** The overall rank of one peer, without ranking the others. */
function rankOf(scores: ReadonlyMap<string, number | null>, peer: string): number | null {
  const own = scores.get(peer);
  if (own === null || own === undefined) return null;
  let above = 0;
  for (const score of scores.values()) if (score !== null && score > own) above += 1;
  return above + 1;
}

interface Scored {
  prepared: PreparedFramework;
  participants: string[];
  indicatorScores: Map<string, Map<string, number>>;
  outliers: OutlierTreatment[];
}

function scoreIndicators(prepared: PreparedFramework, values: IndexValues): Scored {
  const participants = participantsOf(prepared, values);
  const indicatorScores = new Map<string, Map<string, number>>();
  const outliers: OutlierTreatment[] = [];
  for (const indicator of prepared.indicators) {
    const { scores, treatment } = scoreIndicator(prepared, indicator, values.get(indicator.code) ?? EMPTY, participants);
    indicatorScores.set(indicator.code, scores);
    if (treatment) outliers.push(treatment);
  }
  return { prepared, participants, indicatorScores, outliers };
}

function present(scored: Scored, table: ScoreTable): IndexResult {
  const { prepared, participants } = scored;
  const ranks = new Map<string, Map<string, number | null>>();
  for (const node of prepared.ordered) ranks.set(node.code, rankScores(table.get(node.code)!));
  const results: PeerResult[] = participants.map((peer) => {
    const nodes: Record<string, NodeScore> = {};
    for (const node of prepared.ordered) nodes[node.code] = { score: table.get(node.code)!.get(peer) ?? null, rank: ranks.get(node.code)!.get(peer) ?? null };
    return { peer, score: nodes[prepared.root.code].score, rank: nodes[prepared.root.code].rank, nodes };
  });
  results.sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || comparePeers(a.peer, b.peer));

  let efficiency: EfficiencyResult | null = null;
  if (prepared.efficiency && prepared.method === 'minmax') {
    const { inputCode, outputCode } = prepared.efficiency;
    const ratios = new Map<string, number | null>();
    for (const peer of participants) {
      const input = table.get(inputCode)!.get(peer) ?? null;
      const output = table.get(outputCode)!.get(peer) ?? null;
      ratios.set(peer, input === null || output === null || input === 0 ? null : output / input);
    }
    const ratioRanks = rankScores(ratios);
    efficiency = {
      inputCode,
      outputCode,
      peers: participants
        .map((peer) => ({ peer, ratio: ratios.get(peer) ?? null, rank: ratioRanks.get(peer) ?? null }))
        .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || comparePeers(a.peer, b.peer)),
    };
  }
  return {
    rootCode: prepared.root.code,
    method: prepared.method,
    results,
    efficiency,
    maxPoints: prepared.method === 'points' ? maxPointsOf(prepared, scored.indicatorScores) : null,
    outliers: scored.outliers,
  };
}

/**
 * Scores and ranks every peer at every node for one year's values.
 *
 * @throws InvalidFrameworkError when the nodes do not form one tree with indicators as leaves.
 */
export function computeIndex(framework: IndexFramework, values: IndexValues): IndexResult {
  const scored = scoreIndicators(prepare(framework), values);
  return present(scored, aggregate(scored.prepared, scored.participants, scored.indicatorScores));
}

// ---------------------------------------------------------------------------------------------
// What-if

/** A copy of the values with one peer's values changed (null removes a value). */
export function applyChanges(values: IndexValues, peer: string, changes: Readonly<Record<string, number | null>>): Map<string, Map<string, number>> {
  const copy = new Map<string, Map<string, number>>();
  for (const [code, byPeer] of values) copy.set(code, new Map(byPeer));
  for (const [code, value] of Object.entries(changes)) {
    const byPeer = copy.get(code) ?? new Map<string, number>();
    if (value === null) byPeer.delete(peer);
    else byPeer.set(peer, value);
    copy.set(code, byPeer);
  }
  return copy;
}

/**
 * What-if: the peer's values changed, everything recomputed from scratch (every peer renormalised).
 * Identical to `computeIndex` on the changed values.
 */
export function simulateIndex(framework: IndexFramework, values: IndexValues, peer: string, changes: Readonly<Record<string, number | null>>) {
  const before = computeIndex(framework, values);
  const after = computeIndex(framework, applyChanges(values, peer, changes));
  const find = (result: IndexResult) => result.results.find((row) => row.peer === peer) ?? null;
  return { before, after, peerBefore: find(before), peerAfter: find(after) };
}

// ---------------------------------------------------------------------------------------------
// Best levers

/** The smallest improvement of one indicator that gains the peer at least one overall rank. */
export interface Lever {
  code: string;
  name: string;
  direction: IndexDirection;
  /** The peer's value now. */
  value: number;
  /** The value that gains the rank: at most 10⁻⁴ of the range beyond the exact threshold. */
  target: number;
  /** |target − value|, in the indicator's unit. */
  improvement: number;
  /** improvement / (max − min of the peers' values): the effort relative to the spread. */
  relativeEffort: number;
  rank: number;
  newRank: number;
  score: number;
  newScore: number;
}

/** Rounds away binary noise. */
function tidy(value: number): number {
  return Number.parseFloat(value.toPrecision(15));
}

/**
 * Best levers of a peer: for each indicator where it has a value and some peer has a better one,
 * the smallest improvement of its value that gains at least one overall rank, all peers
 * renormalised. The overall rank only improves as a value improves, so the search is binary: over
 * the values that matter — the other peers' better values, up to the best one (beyond the best
 * value the normalisation itself would change, so the search stops there) — for the first that
 * gains, then bisecting between it and the value before it (to 10⁻¹⁰ of the range); the answer is
 * the nearest multiple of 10⁻⁴ of the indicator's range that still gains (or the next one outward).
 * (With the outlier treatment the monotony can fail at a winsorisation step; the answer then still
 * gains a rank, but may not be the smallest.) Ordered by relative effort = improvement / (max − min of the peers' values), then code.
 * Empty for a peer without a rank or ranked first.
 */
export function findLevers(framework: IndexFramework, values: IndexValues, peer: string): Lever[] {
  const prepared = prepare(framework);
  const base = scoreIndicators(prepared, values);
  const baseTable = aggregate(prepared, base.participants, base.indicatorScores);
  const rootScores = baseTable.get(prepared.root.code)!;
  const rank = rankOf(rootScores, peer);
  const score = rootScores.get(peer) ?? null;
  if (rank === null || score === null || rank === 1) return [];

  const levers: Lever[] = [];
  for (const indicator of prepared.indicators) {
    const byPeer = values.get(indicator.code);
    const own = byPeer?.get(peer);
    if (!byPeer || own === undefined) continue;
    const all = [...byPeer.values()];
    const range = Math.max(...all) - Math.min(...all);
    if (!(range > 0)) continue;
    const sign = indicator.direction === 'higher' ? 1 : -1;
    const candidates = [...new Set(all)].filter((value) => sign * (value - own) > 0).sort((a, b) => sign * (a - b));
    if (candidates.length === 0) continue;

    const evaluate = (value: number) => {
      const changed = new Map(byPeer);
      changed.set(peer, value);
      const scores = new Map(base.indicatorScores);
      scores.set(indicator.code, scoreIndicator(prepared, indicator, changed, base.participants).scores);
      const root = rootWithChange(prepared, base.participants, baseTable, scores, indicator);
      return { rank: rankOf(root, peer), score: root.get(peer) ?? null };
    };
    const gains = (outcome: { rank: number | null }) => outcome.rank !== null && outcome.rank < rank;

    // The rank only improves as the value improves: binary search for the first candidate that gains.
    if (!gains(evaluate(candidates[candidates.length - 1]))) continue;
    let below = -1;
    let first = candidates.length - 1;
    while (first - below > 1) {
      const middle = (below + first) >> 1;
      if (gains(evaluate(candidates[middle]))) first = middle;
      else below = middle;
    }
    let low = first === 0 ? own : candidates[first - 1];
    let high = candidates[first];
    for (let step = 0; step < 100 && Math.abs(high - low) > range * 1e-10; step += 1) {
      const middle: number = (low + high) / 2;
      if (middle === low || middle === high) break;
      if (gains(evaluate(middle))) high = middle;
      else low = middle;
    }
    // A readable answer: the nearest multiple of 10⁻⁴ of the range, or the next one outward.
    let target = high;
    const unit = 10 ** (Math.floor(Math.log10(range)) - 4);
    const nearest = tidy(Math.round(high / unit) * unit);
    const outward = tidy(nearest + sign * unit);
    if (gains(evaluate(nearest))) target = nearest;
    else if (gains(evaluate(outward))) target = outward;
    const outcome = evaluate(target);
    const improvement = Math.abs(target - own);
    levers.push({
      code: indicator.code,
      name: indicator.name,
      direction: indicator.direction,
      value: own,
      target,
      improvement: tidy(improvement),
      relativeEffort: improvement / range,
      rank,
      newRank: outcome.rank!,
      score,
      newScore: outcome.score!,
    });
  }
  return levers.sort((a, b) => a.relativeEffort - b.relativeEffort || comparePeers(a.code, b.code));
}

// ---------------------------------------------------------------------------------------------
// Strengths, weaknesses, benchmarks

export interface NodeComparison {
  code: string;
  name: string;
  level: IndexLevel;
  score: number | null;
  rank: number;
  /** Overall rank − node rank: positive when the node ranks better than the whole index. */
  difference: number;
}

/**
 * Strengths and weaknesses of a peer: the nodes below the root where its rank is at least
 * `threshold` places better (strengths) or worse (weaknesses) than its overall rank. Strengths are
 * ordered by difference (largest first), weaknesses by difference (most negative first), then by
 * the order of the framework.
 */
export function strengthsAndWeaknesses(framework: IndexFramework, result: IndexResult, peer: string, threshold: number): { strengths: NodeComparison[]; weaknesses: NodeComparison[] } {
  const row = result.results.find((item) => item.peer === peer);
  if (!row || row.rank === null) return { strengths: [], weaknesses: [] };
  const overall = row.rank;
  const order = new Map(framework.nodes.map((node, index) => [node.code, index]));
  const comparisons: NodeComparison[] = [];
  for (const node of framework.nodes) {
    if (node.code === result.rootCode) continue;
    const own = row.nodes[node.code];
    if (!own || own.rank === null) continue;
    comparisons.push({ code: node.code, name: node.name, level: node.level, score: own.score, rank: own.rank, difference: overall - own.rank });
  }
  const byOrder = (a: NodeComparison, b: NodeComparison) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0);
  return {
    strengths: comparisons.filter((item) => item.difference >= threshold).sort((a, b) => b.difference - a.difference || byOrder(a, b)),
    weaknesses: comparisons.filter((item) => item.difference <= -threshold).sort((a, b) => a.difference - b.difference || byOrder(a, b)),
  };
}

/** The default strength/weakness threshold: a tenth of the ranked peers, at least 3 places. */
export function defaultThreshold(rankedPeers: number): number {
  return Math.max(3, Math.ceil(rankedPeers / 10));
}

/** The best and the median score of every node over the peers that have one (radar charts). */
export function benchmarks(result: IndexResult): Record<string, { best: number | null; median: number | null }> {
  const output: Record<string, { best: number | null; median: number | null }> = {};
  const codes = result.results[0] ? Object.keys(result.results[0].nodes) : [];
  for (const code of codes) {
    const scores = result.results.map((row) => row.nodes[code]?.score ?? null).filter((score): score is number => score !== null).sort((a, b) => a - b);
    const n = scores.length;
    output[code] = {
      best: n ? scores[n - 1] : null,
      median: n === 0 ? null : n % 2 ? scores[(n - 1) / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2,
    };
  }
  return output;
}
