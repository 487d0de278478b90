import { describe, expect, it } from 'vitest';
import {
  attainments,
  benchmarks,
  computeIndex,
  findLevers,
  InvalidFrameworkError,
  isInputSubIndex,
  isOutputSubIndex,
  kurtosis,
  normaliseMinMax,
  rankScores,
  simulateIndex,
  skewness,
  strengthsAndWeaknesses,
  treatOutliers,
  type IndexFramework,
  type IndexNode,
  type IndexResult,
  type IndexValues,
} from './composite-index';

function node(code: string, level: IndexNode['level'], parentCode: string | null, extra: Partial<IndexNode> = {}): IndexNode {
  return { code, name: code, level, parentCode, weight: 1, direction: 'higher', maxPoints: null, ...extra };
}

/** values({ X: { A: 1, B: 2 } }) */
function values(table: Record<string, Record<string, number>>): IndexValues {
  return new Map(Object.entries(table).map(([code, byPeer]) => [code, new Map(Object.entries(byPeer))]));
}

const scoreOf = (result: IndexResult, peer: string, code?: string) => {
  const row = result.results.find((item) => item.peer === peer)!;
  return code ? row.nodes[code].score : row.score;
};
const rankOf = (result: IndexResult, peer: string, code?: string) => {
  const row = result.results.find((item) => item.peer === peer)!;
  return code ? row.nodes[code].rank : row.rank;
};

describe('min-max normalisation', () => {
  it.each([
    { direction: 'higher' as const, expected: { A: 0, B: 25, C: 50, D: 100 } },
    // A "bad": (max − x) / (max − min) × 100.
    { direction: 'lower' as const, expected: { A: 100, B: 75, C: 50, D: 0 } },
  ])('scores 10, 20, 30, 50 over the peers ($direction is better)', ({ direction, expected }) => {
    const scores = normaliseMinMax(new Map([['A', 10], ['B', 20], ['C', 30], ['D', 50]]), direction);
    expect(Object.fromEntries(scores)).toEqual(expected);
  });

  it('gives no score when every peer has the same value', () => {
    expect(normaliseMinMax(new Map([['A', 7], ['B', 7]]), 'higher').size).toBe(0);
  });
});

describe('ranks', () => {
  it.each([
    { scores: { A: 90, B: 80, C: 80, D: 70 }, ranks: { A: 1, B: 2, C: 2, D: 4 } },
    { scores: { A: 50, B: 50, C: 50 }, ranks: { A: 1, B: 1, C: 1 } },
    { scores: { A: 1e-12, B: 0, C: null }, ranks: { A: 1, B: 2, C: null } },
  ])('ranks $scores as $ranks (unrounded, ties share, no score no rank)', ({ scores, ranks }) => {
    expect(Object.fromEntries(rankScores(new Map(Object.entries(scores))))).toEqual(ranks);
  });
});

// Index I → pillars P1 (X1, X2 a bad) and P2 (X3, X4 half weight); peers A, B, C.
const twoPillars: IndexFramework = {
  method: 'minmax',
  outlierTreatment: false,
  nodes: [
    node('I', 'index', null),
    node('P1', 'pillar', 'I'),
    node('X1', 'indicator', 'P1'),
    node('X2', 'indicator', 'P1', { direction: 'lower' }),
    node('P2', 'pillar', 'I'),
    node('X3', 'indicator', 'P2'),
    node('X4', 'indicator', 'P2', { weight: 0.5 }),
    node('X5', 'indicator', 'P2'),
  ],
};
const twoPillarData = {
  X1: { A: 10, B: 20, C: 30 }, // → 0, 50, 100
  X2: { A: 5, B: 1, C: 3 }, // bad, min 1 max 5 → 0, 100, 50
  X3: { A: 100, B: 0, C: 50 }, // → 100, 0, 50
  X4: { A: 0, B: 10, C: 4 }, // → 0, 100, 40 (weight 0.5)
  X5: { A: 7, B: 7, C: 7 }, // max = min: no score, skipped
};

describe('minmax method', () => {
  it('computes bads, half weights and the index as worked by hand', () => {
    const result = computeIndex(twoPillars, values(twoPillarData));
    // P1 = (X1 + X2) / 2; P2 = (X3 + 0.5 X4) / 1.5; I = (P1 + P2) / 2.
    const expected = {
      A: { X2: 0, P1: 0, P2: 100 / 1.5, I: (0 + 100 / 1.5) / 2 },
      B: { X2: 100, P1: 75, P2: 50 / 1.5, I: (75 + 50 / 1.5) / 2 },
      C: { X2: 50, P1: 75, P2: 70 / 1.5, I: (75 + 70 / 1.5) / 2 },
    };
    for (const [peer, scores] of Object.entries(expected)) {
      for (const [code, score] of Object.entries(scores)) expect(scoreOf(result, peer, code), `${peer} ${code}`).toBeCloseTo(score, 10);
      expect(scoreOf(result, peer, 'X5')).toBeNull();
    }
    expect(result.results.map((row) => [row.peer, row.rank])).toEqual([
      ['C', 1],
      ['B', 2],
      ['A', 3],
    ]);
    // B and C tie on P1 (75): both first, A third.
    expect([rankOf(result, 'B', 'P1'), rankOf(result, 'C', 'P1'), rankOf(result, 'A', 'P1')]).toEqual([1, 1, 3]);
    expect(result.efficiency).toBeNull();
  });

  it('skips missing values and renormalises the weights over the children that have a score', () => {
    const data = { ...twoPillarData, X3: { A: 100, C: 50 } }; // B has no X3: now A 100, C 0
    const result = computeIndex(twoPillars, values(data));
    expect(scoreOf(result, 'B', 'X3')).toBeNull();
    expect(scoreOf(result, 'B', 'P2')).toBeCloseTo(100, 10); // X4 alone
    expect(scoreOf(result, 'C', 'P2')).toBeCloseTo((0 + 0.5 * 40) / 1.5, 10);
    expect(scoreOf(result, 'B')).toBeCloseTo((75 + 100) / 2, 10);
    expect(scoreOf(result, 'A')).toBeCloseTo((0 + 100 / 1.5) / 2, 10);
    expect(result.results.map((row) => row.peer)).toEqual(['B', 'C', 'A']);
  });

  it('leaves a peer with no value under a node without a score there, and without a rank when it has no value at all', () => {
    const result = computeIndex(twoPillars, values({ X1: { A: 1, B: 2, D: 3 }, X3: { A: 1, B: 2 } }));
    expect(scoreOf(result, 'D', 'P2')).toBeNull();
    expect(scoreOf(result, 'D')).toBeCloseTo(100 / 1, 10); // P1 only: X1 = 100
    expect(result.results.map((row) => row.peer).sort()).toEqual(['A', 'B', 'D']);
    const none = computeIndex(twoPillars, values({ X5: { A: 1, B: 1 } }));
    expect(none.results.map((row) => [row.peer, row.score, row.rank])).toEqual([
      ['A', null, null],
      ['B', null, null],
    ]);
  });

  it('takes the plain mean of the sub-indices and the efficiency ratio output / input', () => {
    const framework: IndexFramework = {
      method: 'minmax',
      outlierTreatment: false,
      nodes: [
        node('PII', 'index', null),
        node('IN', 'sub_index', 'PII', { name: 'Chỉ số phụ đầu vào', weight: 3 }),
        node('P1', 'pillar', 'IN'),
        node('Y1', 'indicator', 'P1'),
        node('OUT', 'sub_index', 'PII', { name: 'Output sub-index' }),
        node('Y2', 'indicator', 'OUT'),
      ],
    };
    const result = computeIndex(framework, values({ Y1: { A: 0, B: 10, C: 5 }, Y2: { A: 2, B: 0, C: 4 } }));
    // Y1 → 0, 100, 50; Y2 → 50, 0, 100; the sub-index weight 3 is ignored.
    expect([scoreOf(result, 'A'), scoreOf(result, 'B'), scoreOf(result, 'C')]).toEqual([25, 50, 75]);
    expect(result.efficiency).toEqual({
      inputCode: 'IN',
      outputCode: 'OUT',
      peers: [
        { peer: 'C', ratio: 2, rank: 1 },
        { peer: 'B', ratio: 0, rank: 2 },
        { peer: 'A', ratio: null, rank: null }, // input 0
      ],
    });
  });

  it('recognises input and output sub-indices by code or name', () => {
    expect(isInputSubIndex({ code: 'PII_INPUT', name: 'x' })).toBe(true);
    expect(isInputSubIndex({ code: 'A', name: 'Chỉ số phụ Đầu vào' })).toBe(true);
    expect(isOutputSubIndex({ code: 'A', name: 'Chỉ số phụ đầu ra' })).toBe(true);
    expect(isOutputSubIndex({ code: 'OUTPUTS', name: '' })).toBe(true);
    expect(isInputSubIndex({ code: 'INPUTTED', name: 'đầu vàoo' })).toBe(false);
  });

  it('refuses a framework that is not one tree', () => {
    expect(() => computeIndex({ ...twoPillars, nodes: [...twoPillars.nodes, node('J', 'index', null)] }, new Map())).toThrow(InvalidFrameworkError);
    expect(() => computeIndex({ ...twoPillars, nodes: [...twoPillars.nodes, node('Z', 'indicator', 'X1')] }, new Map())).toThrow(InvalidFrameworkError);
  });
});

describe('points method', () => {
  // D → G (G1 a ratio, 10 points; G2 a percentage, 20 points) and E (E1 a quantity, lower is better, 30 points).
  const framework: IndexFramework = {
    method: 'points',
    outlierTreatment: false,
    nodes: [
      node('D', 'index', null),
      node('G', 'pillar', 'D'),
      node('G1', 'indicator', 'G', { maxPoints: 10 }),
      node('G2', 'indicator', 'G', { maxPoints: 20, weight: 0.5 }),
      node('E', 'pillar', 'D'),
      node('E1', 'indicator', 'E', { maxPoints: 30, direction: 'lower' }),
    ],
  };

  it('earns attainment × maximum points, sums them, and divides the index by the maximum', () => {
    const result = computeIndex(
      framework,
      values({
        G1: { A: 0.5, B: 1, C: 0.2 }, // all in 0..1: the value → 5, 10, 2 points
        G2: { A: 80, B: 40 }, // all in 0..100: value / 100 → 16, 8; C has none → 0 (weights unused)
        E1: { A: 100, B: 300, C: 200 }, // a quantity: 1 − (x − 100)/200 → 1, 0, 0.5 → 30, 0, 15 points
      }),
    );
    expect(result.maxPoints).toEqual({ D: 60, G: 30, G1: 10, G2: 20, E: 30, E1: 30 });
    const expected = { A: { G: 21, E: 30, D: 51 / 60 }, B: { G: 18, E: 0, D: 18 / 60 }, C: { G: 2, E: 15, D: 17 / 60 } };
    for (const [peer, scores] of Object.entries(expected)) {
      for (const [code, score] of Object.entries(scores)) expect(scoreOf(result, peer, code), `${peer} ${code}`).toBeCloseTo(score, 12);
    }
    expect(scoreOf(result, 'C', 'G2')).toBe(0);
    expect(result.results.map((row) => [row.peer, row.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 3],
    ]);
  });

  it('reads attainment as a ratio, a percentage or the spread over the peers', () => {
    expect(Object.fromEntries(attainments(new Map([['A', 0], ['B', 1]]), 'higher'))).toEqual({ A: 0, B: 1 });
    expect(Object.fromEntries(attainments(new Map([['A', 25], ['B', 100]]), 'lower'))).toEqual({ A: 0.75, B: 0 });
    expect(Object.fromEntries(attainments(new Map([['A', 150], ['B', 250], ['C', 350]]), 'higher'))).toEqual({ A: 0, B: 0.5, C: 1 });
  });

  it('excludes an indicator no peer has from the maximum', () => {
    const result = computeIndex(framework, values({ G1: { A: 1, B: 0 } }));
    expect(result.maxPoints?.D).toBe(10);
    expect(scoreOf(result, 'A')).toBe(1);
    expect(scoreOf(result, 'A', 'E')).toBeNull();
  });
});

describe('outlier treatment', () => {
  it('computes skewness and kurtosis as Excel SKEW and KURT', () => {
    // 1, 2, 3, 10: mean 4, deviations −3 −2 −1 6, Σd² = 50, s² = 50/3, Σd³ = 180, Σd⁴ = 81 + 16 + 1 + 1296 = 1394.
    const s2 = 50 / 3;
    expect(skewness([1, 2, 3, 10])).toBeCloseTo((4 / (3 * 2)) * (180 / s2 ** 1.5), 12);
    expect(kurtosis([1, 2, 3, 10])).toBeCloseTo(((4 * 5) / (3 * 2 * 1)) * (1394 / s2 ** 2) - (3 * 9) / (2 * 1), 12);
    expect(skewness([1, 1, 1])).toBeNull();
  });

  it('winsorises one outlier to the next value and leaves a regular indicator alone', () => {
    const raw = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100];
    const treated = treatOutliers(raw);
    expect(treated.treatment).toMatchObject({ kind: 'winsorised', replaced: 1 });
    expect(treated.values).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]);
    expect(treatOutliers([1, 2, 3, 4, 5]).treatment).toBeNull();
  });

  it('log-transforms when more than five values would have to be winsorised', () => {
    // 24 values 1 and 6 outliers of increasing size: skewness and kurtosis stay high after five.
    const raw = [...Array(24).fill(1), 2, 5, 20, 80, 300, 1000];
    const treated = treatOutliers(raw);
    expect(treated.treatment?.kind).toBe('log');
    const n = raw.length;
    expect(treated.values[29]).toBeCloseTo(Math.log(n - 1 + 1), 12); // the max ↦ ln n
    expect(treated.values[0]).toBe(0); // the min ↦ 0
    expect(treated.values[24]).toBeCloseTo(Math.log(((n - 1) * 1) / 999 + 1), 12);
  });

  it('normalises the treated values when the framework asks for it', () => {
    const framework: IndexFramework = { method: 'minmax', outlierTreatment: true, nodes: [node('I', 'index', null), node('X', 'indicator', 'I')] };
    const data: Record<string, number> = {};
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100].forEach((value, index) => (data[`P${String(index).padStart(2, '0')}`] = value));
    const result = computeIndex(framework, values({ X: data }));
    // 100 becomes 10: P09 and P10 both score 100, P04 (5) scores (5 − 1) / 9 × 100.
    expect(scoreOf(result, 'P10')).toBe(100);
    expect(scoreOf(result, 'P09')).toBe(100);
    expect(scoreOf(result, 'P04')).toBeCloseTo((4 / 9) * 100, 10);
    expect(result.outliers).toEqual([expect.objectContaining({ code: 'X', kind: 'winsorised', replaced: 1 })]);
  });
});

// I → X (weight 1), Y (weight 0.5); peers A, B, C.
const lever: IndexFramework = {
  method: 'minmax',
  outlierTreatment: false,
  nodes: [node('I', 'index', null), node('X', 'indicator', 'I'), node('Y', 'indicator', 'I', { weight: 0.5 })],
};
const leverData = {
  X: { A: 0, B: 10, C: 5 }, // → 0, 100, 50
  Y: { A: 20, B: 0, C: 8 }, // → 100, 0, 40
};
// I: A (0 + 50)/1.5 = 33.33 (3rd), B 100/1.5 = 66.67 (1st), C (50 + 20)/1.5 = 46.67 (2nd).

describe('what-if', () => {
  it('recomputes everything, every peer renormalised, as a computation from scratch', () => {
    const simulation = simulateIndex(lever, values(leverData), 'B', { X: 4 });
    // X now 0, 4, 5 → 0, 80, 100: A 33.33, B 80/1.5 = 53.33, C 120/1.5 = 80.
    expect(simulation.peerBefore?.rank).toBe(1);
    expect(simulation.peerAfter?.rank).toBe(2);
    expect(simulation.peerAfter?.score).toBeCloseTo(80 / 1.5, 10);
    expect(scoreOf(simulation.after, 'C')).toBeCloseTo(120 / 1.5, 10);
    expect(simulation.after).toEqual(computeIndex(lever, values({ ...leverData, X: { A: 0, B: 4, C: 5 } })));
    expect(simulation.before).toEqual(computeIndex(lever, values(leverData)));
  });
});

describe('best levers', () => {
  it('finds the smallest improvement that gains a rank, ordered by relative effort', () => {
    // C (2nd) reaches B's 100/1.5: on X, (10x + 20)/1.5 ≥ 100/1.5 ⇔ x ≥ 8 (effort 3/10);
    // on Y, (50 + 0.5 × 5y)/1.5 ≥ 100/1.5 ⇔ y ≥ 20 (effort 12/20).
    const levers = findLevers(lever, values(leverData), 'C');
    expect(levers.map((item) => item.code)).toEqual(['X', 'Y']);
    expect(levers[0].target).toBeCloseTo(8, 3);
    expect(levers[0].relativeEffort).toBeCloseTo(0.3, 3);
    expect(levers[0]).toMatchObject({ value: 5, rank: 2, newRank: 1 });
    expect(levers[1]).toMatchObject({ value: 8, target: 20, improvement: 12, relativeEffort: 0.6, newRank: 1 });
  });

  it('follows the renormalisation when the peer holds the minimum', () => {
    // A (3rd) is the minimum of X: raising x ≤ 5 moves the minimum, A keeps 0 and C's X falls to
    // (5 − x)/(10 − x) × 100; C ≤ A ⇔ (5 − x)/(10 − x) × 100 + 20 ≤ 50 ⇔ x ≥ 20/7. A is best on Y.
    const levers = findLevers(lever, values(leverData), 'A');
    expect(levers).toHaveLength(1);
    expect(levers[0].code).toBe('X');
    // 20/7 = 2.857142…, rounded outward to a step of 10⁻⁴ × range (0.001).
    expect(levers[0].target).toBe(2.858);
    expect(levers[0].newRank).toBe(2);
    // The lever is a what-if that moves the rank.
    expect(simulateIndex(lever, values(leverData), 'A', { X: levers[0].target }).peerAfter?.rank).toBe(2);
    expect(simulateIndex(lever, values(leverData), 'A', { X: 2.8 }).peerAfter?.rank).toBe(3);
  });

  it('has nothing for the first peer', () => {
    expect(findLevers(lever, values(leverData), 'B')).toEqual([]);
  });
});

describe('strengths, weaknesses and benchmarks', () => {
  it('lists the nodes ranked far above or below the overall rank', () => {
    const result = computeIndex(twoPillars, values(twoPillarData));
    // A: 3rd overall; 1st on P2 and X3 (strengths by 2), 3rd elsewhere.
    const { strengths, weaknesses } = strengthsAndWeaknesses(twoPillars, result, 'A', 2);
    expect(strengths.map((item) => [item.code, item.rank, item.difference])).toEqual([
      ['P2', 1, 2],
      ['X3', 1, 2],
    ]);
    expect(weaknesses).toEqual([]);
    // C: 1st overall, 2nd on X2, P2, X3 and X4 (framework order within the same difference).
    const c = strengthsAndWeaknesses(twoPillars, result, 'C', 1);
    expect(c.weaknesses.map((item) => [item.code, item.difference])).toEqual([
      ['X2', -1],
      ['P2', -1],
      ['X3', -1],
      ['X4', -1],
    ]);
  });

  it('gives the best and the median of each node', () => {
    const result = computeIndex(twoPillars, values(twoPillarData));
    const marks = benchmarks(result);
    expect(marks.X1).toEqual({ best: 100, median: 50 });
    expect(marks.P1).toEqual({ best: 75, median: 75 });
    expect(marks.X5).toEqual({ best: null, median: null });
  });
});
