/**
 * Cold execution ("chính sách nóng, thực thi nguội") and overdue age (domain.md, "Reminders and
 * early warning"). Pure rules: no clock, no I/O; the caller passes the facts as of a date.
 *
 * - An update is a progress update, a submission, or a state change.
 * - A cold task: an in-progress task with no update for N days (30 by default).
 * - A falling organization: its completion rate at the end of the last quarter is below the one
 *   at the end of the quarter before (compared exactly, as fractions).
 * - An untouched directive: more than half of its counted tasks have had no update since they
 *   were assigned.
 */
import { addDays, compareDates, daysBetween, lastDayOfQuarter, parseIsoDate, type IsoDate } from './dates';
import { compareRates } from './ranking';

/** Default number of days without an update after which an in-progress task is cold. */
export const DEFAULT_COLD_DAYS = 30;

/** The workflow situation of a task on the date considered, as far as cold execution cares. */
export type WorkState = 'active' | 'paused' | 'awaiting_confirmation';

/** The facts of one task that cold execution depends on, as known on `asOf`. */
export interface TaskActivityFacts {
  /** The task exists from this date. */
  assignedOn: IsoDate;
  /** A container (the parent an import makes for a multi-lead or yearly row) is never counted. */
  isContainer: boolean;
  /** The confirmed completion date, or null. */
  completedOn: IsoDate | null;
  /** The cancellation date, or null. */
  cancelledOn: IsoDate | null;
  /** The date of the last update (progress update, submission or state change) on or before asOf; null if none. */
  lastUpdateOn: IsoDate | null;
  /** Paused or awaiting confirmation on asOf; otherwise active. */
  workState: WorkState;
}

function assertDays(days: number): void {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`coldDays must be a positive integer, got ${days}`);
}

/** Whether the task is counted on `asOf`: assigned on or before it, not cancelled by then, not a container. */
export function isCountedOn(task: Pick<TaskActivityFacts, 'assignedOn' | 'cancelledOn' | 'isContainer'>, asOf: IsoDate): boolean {
  return !task.isContainer && compareDates(task.assignedOn, asOf) <= 0 && (task.cancelledOn === null || compareDates(task.cancelledOn, asOf) > 0);
}

/** Whether the task's completion took effect on or before `asOf`. */
export function isCompletedBy(task: Pick<TaskActivityFacts, 'completedOn'>, asOf: IsoDate): boolean {
  return task.completedOn !== null && compareDates(task.completedOn, asOf) <= 0;
}

/**
 * The last date anything happened to the task on or before `asOf`: its last update, or else the
 * day it was assigned (an update before the assignment, which cannot happen, is ignored).
 */
export function lastActivityOn(task: Pick<TaskActivityFacts, 'assignedOn' | 'lastUpdateOn'>): IsoDate {
  return task.lastUpdateOn !== null && compareDates(task.lastUpdateOn, task.assignedOn) > 0 ? task.lastUpdateOn : task.assignedOn;
}

/** Days from the last update (or the assignment) to `asOf`. */
export function daysWithoutUpdate(task: Pick<TaskActivityFacts, 'assignedOn' | 'lastUpdateOn'>, asOf: IsoDate): number {
  return daysBetween(lastActivityOn(task), asOf);
}

/**
 * A cold task on `asOf`: counted, not completed by then, neither paused nor awaiting confirmation
 * (the lead organization is expected to act), and with no update for at least `coldDays` days
 * (updated 30 days ago → cold at 30 days; 29 days ago → not yet).
 * @throws RangeError when coldDays is not a positive integer.
 */
export function isColdTask(task: TaskActivityFacts, asOf: IsoDate, coldDays: number = DEFAULT_COLD_DAYS): boolean {
  assertDays(coldDays);
  if (!isCountedOn(task, asOf) || isCompletedBy(task, asOf) || task.workState !== 'active') return false;
  return daysWithoutUpdate(task, asOf) >= coldDays;
}

/**
 * Whether the task has had an update since it was assigned, as known on `asOf`: an update dated
 * on or after the assignment, or a completion by asOf (a completion reported in an import, with no
 * update recorded, still means the task was acted on).
 */
export function hasUpdateSinceAssigned(task: Pick<TaskActivityFacts, 'assignedOn' | 'lastUpdateOn' | 'completedOn'>, asOf: IsoDate): boolean {
  if (isCompletedBy(task, asOf)) return true;
  return task.lastUpdateOn !== null && compareDates(task.lastUpdateOn, task.assignedOn) >= 0 && compareDates(task.lastUpdateOn, asOf) <= 0;
}

/** How many of a directive's counted tasks are untouched, and whether that is more than half. */
export interface DirectiveActivity {
  /** Tasks counted on asOf. */
  counted: number;
  /** Counted tasks with no update since they were assigned. */
  untouched: number;
  /** More than half untouched (untouched × 2 > counted); false when nothing is counted. */
  isCold: boolean;
}

/** Applies the untouched-directive rule to the tasks of one directive. */
export function directiveActivity(tasks: Iterable<TaskActivityFacts>, asOf: IsoDate): DirectiveActivity {
  let counted = 0;
  let untouched = 0;
  for (const task of tasks) {
    if (!isCountedOn(task, asOf)) continue;
    counted += 1;
    if (!hasUpdateSinceAssigned(task, asOf)) untouched += 1;
  }
  return { counted, untouched, isCold: isMostlyUntouched(counted, untouched) };
}

/** More than half of `counted` tasks untouched (untouched × 2 > counted); false when nothing is counted. */
export function isMostlyUntouched(counted: number, untouched: number): boolean {
  return counted > 0 && untouched * 2 > counted;
}

/** Completed and due task counts at one date (completionRate = completed / due). */
export interface CompletionTally {
  completed: number;
  due: number;
}

/**
 * Whether the completion rate fell from `previous` (end of the quarter before) to `last` (end of
 * the last quarter), compared exactly. False when either has nothing due (the rate is null then:
 * there is nothing to compare).
 */
export function isCompletionRateFalling(previous: CompletionTally, last: CompletionTally): boolean {
  if (previous.due === 0 || last.due === 0) return false;
  return compareRates(last.completed, last.due, previous.completed, previous.due) < 0;
}

/**
 * The end of the last quarter that has ended on or before `asOf` (a quarter ends at the end of its
 * last day, so on 30/06 the second quarter counts as ended), and the end of the quarter before it.
 */
export function lastQuarterEnds(asOf: IsoDate): { last: IsoDate; previous: IsoDate } {
  const { year, month } = parseIsoDate(asOf);
  const quarter = Math.ceil(month / 3);
  const currentEnd = lastDayOfQuarter(year, quarter);
  const last = compareDates(currentEnd, asOf) === 0 ? currentEnd : quarterEndBefore(currentEnd);
  return { last, previous: quarterEndBefore(last) };
}

/** The end of the quarter before the one ending on `quarterEnd`. */
function quarterEndBefore(quarterEnd: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(quarterEnd);
  const quarter = Math.ceil(month / 3);
  return quarter === 1 ? lastDayOfQuarter(year - 1, 4) : lastDayOfQuarter(year, quarter - 1);
}

/** The overdue-age groups of the overview: up to 30 days, 31 to 90, more than 90. */
export type OverdueAgeBucket = 'up_to_30' | 'from_31_to_90' | 'over_90';

export const overdueAgeBuckets: readonly { bucket: OverdueAgeBucket; minDays: number; maxDays: number | null }[] = [
  { bucket: 'up_to_30', minDays: 1, maxDays: 30 },
  { bucket: 'from_31_to_90', minDays: 31, maxDays: 90 },
  { bucket: 'over_90', minDays: 91, maxDays: null },
];

/**
 * The group of an overdue task by its overdue days (asOf − deadline, at least 1).
 * @throws RangeError for a task that is not overdue (days < 1 or not an integer).
 */
export function overdueAgeBucketOf(overdueDays: number): OverdueAgeBucket {
  if (!Number.isInteger(overdueDays) || overdueDays < 1) throw new RangeError(`overdueDays must be a positive integer, got ${overdueDays}`);
  return overdueDays <= 30 ? 'up_to_30' : overdueDays <= 90 ? 'from_31_to_90' : 'over_90';
}

/**
 * The deadline range (in force on asOf) of the overdue tasks of a group, for the task list filter:
 * overdue by d days ⇔ deadline = asOf − d, so "31 to 90 days" is asOf − 90 ≤ deadline ≤ asOf − 31.
 */
export function overdueDeadlineRange(asOf: IsoDate, bucket: OverdueAgeBucket): { deadlineFrom: IsoDate | null; deadlineTo: IsoDate } {
  const spec = overdueAgeBuckets.find((item) => item.bucket === bucket)!;
  return {
    deadlineFrom: spec.maxDays === null ? null : addDays(asOf, -spec.maxDays),
    deadlineTo: addDays(asOf, -spec.minDays),
  };
}
