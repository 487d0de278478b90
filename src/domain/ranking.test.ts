import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareForRanking, compareRates, rankOrganizations, type RankInput } from './ranking';

/** An organization's figures; due is derived as completedOnTime + completedLate + overdue. */
function org(code: string, completedOnTime: number, completedLate: number, overdue: number): RankInput {
  return { code, completedOnTime, completedLate, overdue, due: completedOnTime + completedLate + overdue };
}

const MAX = Number.MAX_SAFE_INTEGER;

describe('compareRates', () => {
  it.each<[string, [number, number, number, number], number]>([
    ['1/3 = 2/6', [1, 3, 2, 6], 0],
    ['333/1000 < 1/3', [333, 1000, 1, 3], -1],
    ['1/3 > 333/1000', [1, 3, 333, 1000], 1],
    ['334/1000 > 1/3', [334, 1000, 1, 3], 1],
    ['0/5 = 0/1', [0, 5, 0, 1], 0],
    ['5/5 = 1/1', [5, 5, 1, 1], 0],
    ['2/3 < 3/4', [2, 3, 3, 4], -1],
    ['3/4 > 2/3', [3, 4, 2, 3], 1],
    // Both round to the same double (1); only exact arithmetic tells them apart.
    ['MAX/(MAX−1) < (MAX−1)/(MAX−2)', [MAX, MAX - 1, MAX - 1, MAX - 2], -1],
    ['MAX/MAX = 1/1', [MAX, MAX, 1, 1], 0],
  ])('%s', (_name, [aNumerator, aDenominator, bNumerator, bDenominator], expected) => {
    expect(Math.sign(compareRates(aNumerator, aDenominator, bNumerator, bDenominator))).toBe(expected);
  });

  it.each<[string, [number, number, number, number]]>([
    ['a zero denominator', [1, 0, 1, 2]],
    ['a negative numerator', [-1, 2, 1, 2]],
    ['a fraction', [1.5, 2, 1, 2]],
    ['NaN', [Number.NaN, 2, 1, 2]],
    ['an unsafe integer', [MAX + 1, MAX + 1, 1, 2]],
  ])('rejects %s', (_name, [aNumerator, aDenominator, bNumerator, bDenominator]) => {
    expect(() => compareRates(aNumerator, aDenominator, bNumerator, bDenominator)).toThrow(RangeError);
  });

  it('agrees with the order of exact fractions (property)', () => {
    const count = fc.integer({ min: 0, max: 1000 });
    const positive = fc.integer({ min: 1, max: 1000 });
    fc.assert(
      fc.property(count, positive, count, positive, (aNumerator, aDenominator, bNumerator, bDenominator) => {
        const result = compareRates(aNumerator, aDenominator, bNumerator, bDenominator);
        expect(result).toBe(-compareRates(bNumerator, bDenominator, aNumerator, aDenominator) || 0);
        expect(compareRates(aNumerator * 7, aDenominator * 7, aNumerator, aDenominator)).toBe(0);
      }),
    );
  });
});

describe('compareForRanking', () => {
  it.each<[string, RankInput, RankInput, number]>([
    ['higher completionRate first', org('A', 1, 1, 0), org('B', 2, 0, 1), -1],
    ['lower completionRate after, despite more on time', org('A', 2, 0, 1), org('B', 1, 1, 0), 1],
    ['equal completionRate: higher onTimeRate first', org('A', 2, 0, 1), org('B', 1, 1, 1), -1],
    ['equal rates (1/3 = 2/6): fewer overdue first', org('A', 1, 0, 2), org('B', 2, 0, 4), -1],
    ['equal rates, equal overdue (none): more due first', org('A', 2, 0, 0), org('B', 5, 0, 0), 1],
    ['equal rates (1/2 = 2/4 on time), no overdue: more due first', org('A', 2, 2, 0), org('B', 1, 1, 0), -1],
    ['333/1000 ranks after 1/3', org('A', 333, 0, 667), org('B', 1, 0, 2), 1],
    // Rounded to 33% both would tie and the overdue tiebreak would wrongly favour B.
    ['334/1000 ranks before 1/3', org('A', 334, 0, 666), org('B', 1, 0, 2), -1],
    ['equal on all four, codes differ: same rank', org('A', 1, 1, 1), org('B', 1, 1, 1), 0],
    ['a due organization before one with nothing due', org('Z', 0, 0, 5), org('A', 0, 0, 0), -1],
    ['nothing due after a due organization', org('A', 0, 0, 0), org('Z', 0, 0, 5), 1],
    ['nothing due on either side', org('A', 0, 0, 0), org('B', 0, 0, 0), 0],
  ])('%s', (_name, a, b, expected) => {
    expect(Math.sign(compareForRanking(a, b))).toBe(expected);
    expect(Math.sign(compareForRanking(b, a))).toBe(-expected || 0);
  });
});

describe('rankOrganizations', () => {
  type Row = RankInput & { name: string };
  const row = (code: string, completedOnTime: number, completedLate: number, overdue: number): Row => ({
    ...org(code, completedOnTime, completedLate, overdue),
    name: `Đơn vị ${code}`,
  });
  const ranks = (rows: RankInput[]) => rankOrganizations(rows).map(({ code, rank }) => [code, rank]);

  it('ranks nothing for no organization', () => {
    expect(rankOrganizations([])).toEqual([]);
  });

  it.each<[string, RankInput[], [string, number | null][]]>([
    [
      'a tie shares a rank and the next rank skips (1, 2, 2, 4); the tie is ordered by code',
      [org('D', 2, 0, 2), org('C', 3, 0, 1), org('A', 4, 0, 0), org('B', 3, 0, 1)],
      [['A', 1], ['B', 2], ['C', 2], ['D', 4]],
    ],
    [
      'a tie of three at the top (1, 1, 1, 4)',
      [org('X', 1, 0, 0), org('Y', 0, 0, 1), org('W', 1, 0, 0), org('V', 1, 0, 0)],
      [['V', 1], ['W', 1], ['X', 1], ['Y', 4]],
    ],
    ['all tied', [org('C', 1, 1, 1), org('A', 1, 1, 1), org('B', 1, 1, 1)], [['A', 1], ['B', 1], ['C', 1]]],
    [
      'equal fractions (on time 2/4 = 1/2): more due first, equal rows share a rank',
      [org('B', 1, 1, 0), org('A', 2, 2, 0), org('C', 2, 2, 0)],
      [['A', 1], ['C', 1], ['B', 3]],
    ],
    ['333/1000 after 1/3', [org('A', 333, 0, 667), org('B', 1, 0, 2)], [['B', 1], ['A', 2]]],
    ['onTimeRate breaks a completionRate tie', [org('A', 1, 1, 1), org('B', 2, 0, 1)], [['B', 1], ['A', 2]]],
    ['fewer overdue breaks a rates tie', [org('A', 2, 0, 4), org('B', 1, 0, 2)], [['B', 1], ['A', 2]]],
    ['more due breaks the remaining tie', [org('A', 2, 0, 0), org('B', 5, 0, 0)], [['B', 1], ['A', 2]]],
    [
      'organizations with nothing due come last, rank null, by code',
      [org('Z', 0, 0, 0), org('M', 0, 0, 1), org('B', 0, 0, 0), org('N', 1, 0, 0)],
      [['N', 1], ['M', 2], ['B', null], ['Z', null]],
    ],
    ['only organizations with nothing due', [org('B', 0, 0, 0), org('A', 0, 0, 0)], [['A', null], ['B', null]]],
    [
      'codes compare plainly (digits, then upper case, then lower case)',
      [org('b', 1, 0, 0), org('SKHCN', 1, 0, 0), org('25', 1, 0, 0), org('04792', 1, 0, 0), org('C', 1, 0, 0)],
      [['04792', 1], ['25', 1], ['C', 1], ['SKHCN', 1], ['b', 1]],
    ],
  ])('%s', (_name, rows, expected) => {
    expect(ranks(rows)).toEqual(expected);
  });

  it('keeps the other fields of each row and does not modify the input', () => {
    const rows = [row('B', 1, 0, 0), row('A', 0, 0, 0)];
    const snapshot = structuredClone(rows);
    const result = rankOrganizations(rows);
    expect(result).toEqual([
      { ...snapshot[0], rank: 1 },
      { ...snapshot[1], rank: null },
    ]);
    expect(result[0].name).toBe('Đơn vị B');
    expect(rows).toEqual(snapshot);
  });

  it('gives each organization 1 + the number that rank strictly before it (property)', () => {
    const count = fc.integer({ min: 0, max: 4 });
    const rows = fc
      .uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), count, count, count), {
        selector: ([code]) => code,
        maxLength: 12,
      })
      .map((tuples) => tuples.map(([code, onTime, late, overdue]) => org(code, onTime, late, overdue)));
    fc.assert(
      fc.property(rows, (input) => {
        const result = rankOrganizations(input);
        expect(result).toHaveLength(input.length);
        result.forEach((ranked, index) => {
          if (ranked.due === 0) {
            expect(ranked.rank).toBeNull();
          } else {
            const better = input.filter((other) => other.due > 0 && compareForRanking(other, ranked) < 0).length;
            expect(ranked.rank).toBe(better + 1);
          }
          const next = result[index + 1];
          if (next !== undefined) {
            const order = compareForRanking(ranked, next);
            expect(order).toBeLessThanOrEqual(0);
            if (order === 0) expect(ranked.code < next.code).toBe(true);
          }
        });
      }),
    );
  });
});
