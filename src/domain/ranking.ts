/**
 * Ranking of organizations by task timeliness (domain.md, "Task timeliness, as of a date", Ranking).
 *
 * Rates are compared exactly, as fractions of integers, by cross-multiplying — never as rounded
 * or floating-point numbers, so 1/3 equals 2/6 and differs from 333/1000.
 */

/** The figures of one organization that its rank depends on. */
export interface RankInput {
  /** Organization code; orders organizations within a tie and those without a due task. */
  code: string;
  completedOnTime: number;
  completedLate: number;
  overdue: number;
  /** completedOnTime + completedLate + overdue. */
  due: number;
}

/** A row with its rank: 1 for the best; equal rows share a rank; null when nothing is due. */
export type Ranked<T> = T & { rank: number | null };

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
}

/**
 * Compares the fractions aNumerator/aDenominator and bNumerator/bDenominator exactly:
 * negative when a < b, 0 when equal, positive when a > b.
 * @throws RangeError unless numerators are non-negative integers and denominators positive integers.
 */
export function compareRates(
  aNumerator: number,
  aDenominator: number,
  bNumerator: number,
  bDenominator: number,
): number {
  assertCount(aNumerator, 'aNumerator');
  assertCount(bNumerator, 'bNumerator');
  assertCount(aDenominator, 'aDenominator');
  assertCount(bDenominator, 'bDenominator');
  if (aDenominator === 0 || bDenominator === 0) throw new RangeError('A rate denominator must be positive');
  // A product of integers is exact in a double while it is a safe integer (the common case, and
  // ranking thousands of organizations compares often); BigInt keeps it exact beyond.
  const product = aNumerator * bDenominator;
  const other = bNumerator * aDenominator;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(other)) return product < other ? -1 : product > other ? 1 : 0;
  const left = BigInt(aNumerator) * BigInt(bDenominator);
  const right = BigInt(bNumerator) * BigInt(aDenominator);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Orders two organizations for ranking: negative when `a` ranks before `b`, 0 when they share a
 * rank, positive when `a` ranks after `b`. An organization with a due task ranks before one
 * without; between two with due tasks: higher completionRate, then higher onTimeRate, then fewer
 * overdue, then more due. Two organizations without a due task compare 0. The code is not
 * considered (it orders a tie for display only).
 */
export function compareForRanking(a: RankInput, b: RankInput): number {
  const aHasDue = a.due > 0;
  const bHasDue = b.due > 0;
  if (!aHasDue || !bHasDue) return aHasDue === bHasDue ? 0 : aHasDue ? -1 : 1;
  return (
    compareRates(b.completedOnTime + b.completedLate, b.due, a.completedOnTime + a.completedLate, a.due) ||
    compareRates(b.completedOnTime, b.due, a.completedOnTime, a.due) ||
    Math.sign(a.overdue - b.overdue) ||
    Math.sign(b.due - a.due)
  );
}

function compareCodes(a: RankInput, b: RankInput): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * Ranks organizations. Those with due > 0 come first, by `compareForRanking`; organizations equal on
 * all four criteria share a rank and the next rank skips (1, 2, 2, 4); within a tie they are ordered
 * by code (plain comparison). Organizations with due = 0 follow, with rank null, ordered by code.
 * Returns new rows (the input is not modified).
 */
export function rankOrganizations<T extends RankInput>(rows: T[]): Ranked<T>[] {
  const withDue = rows.filter((row) => row.due > 0);
  const withoutDue = rows.filter((row) => !(row.due > 0));
  withDue.sort((a, b) => compareForRanking(a, b) || compareCodes(a, b));
  withoutDue.sort(compareCodes);

  const ranked: Ranked<T>[] = [];
  withDue.forEach((row, index) => {
    const previous = ranked[index - 1];
    const rank =
      previous !== undefined && compareForRanking(withDue[index - 1], row) === 0 ? previous.rank : index + 1;
    ranked.push({ ...row, rank });
  });
  for (const row of withoutDue) ranked.push({ ...row, rank: null });
  return ranked;
}
