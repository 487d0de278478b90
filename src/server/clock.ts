import { todayInVietnam } from '../domain/dates';

/** The only source of "now" for services; tests pass a fixed one. */
export interface Clock {
  now(): Date;
  /** Today's calendar date in Vietnam, 'YYYY-MM-DD'. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => todayInVietnam(new Date()),
};

/** A clock fixed at a date (tests, CLI `--today`). */
export function fixedClock(today: string): Clock {
  return { now: () => new Date(`${today}T03:00:00Z`), today: () => today };
}
