/**
 * Task timeliness as of a date (domain.md, "Task timeliness, as of a date").
 *
 * "As of a date" means the state of the work on that date, as known now: every fact carries the
 * date it took effect, and exactly the facts that took effect on or before `asOf` apply.
 * Timeliness is derived here, never stored.
 */
import { compareDates, daysBetween, type IsoDate } from './dates';

/** The five timeliness categories; every task that exists on a date is in exactly one. */
export type Timeliness = 'completed_on_time' | 'completed_late' | 'in_progress' | 'overdue' | 'no_deadline';

/** An approved deadline extension (gia hạn); rejected or pending requests are not facts. */
export interface DeadlineExtensionFact {
  /** The approval date: the extension is in force from this date. */
  approvedOn: IsoDate;
  /** The deadline in force from `approvedOn`. */
  newDeadline: IsoDate;
}

/** The dated facts of one task that decide its timeliness. */
export interface TaskFacts {
  /** The task exists from this date. */
  assignedOn: IsoDate;
  /** A container (the parent an import makes for a multi-lead or yearly row) is never counted. */
  isContainer: boolean;
  /** The deadline as assigned; null for a continuous task (thường xuyên), which has none. */
  originalDeadline: IsoDate | null;
  /** Approved extensions only, in any order. */
  extensions: DeadlineExtensionFact[];
  /** The date of the confirmed completion report (confirming later does not move it); null if none. */
  completedOn: IsoDate | null;
  /** The cancellation date: from this date the task does not exist; null if not cancelled. */
  cancelledOn: IsoDate | null;
}

/** Options of the evaluation. */
export interface EvaluateOptions {
  /** An in-progress task is due soon when its deadline is at most this many days after asOf; default 3. */
  dueSoonDays?: number;
}

/** The timeliness of one task as of a date. */
export interface TaskEvaluation {
  timeliness: Timeliness;
  /**
   * The deadline that decided the timeliness: the one in force on `completedOn` for a task completed
   * by asOf, otherwise the one in force on asOf; null when there is none.
   */
  deadline: IsoDate | null;
  /** In progress with the deadline at most N days after asOf (a subset of in_progress). */
  dueSoon: boolean;
  /** asOf − deadline, in days, for an overdue task; null otherwise. */
  overdueDays: number | null;
}

/** Counts of tasks by timeliness, with the rates derived from them. */
export interface TimelinessCounts {
  /** All evaluated tasks: the sum of the five categories. */
  total: number;
  /** completedOnTime + completedLate + overdue. */
  due: number;
  completedOnTime: number;
  completedLate: number;
  inProgress: number;
  overdue: number;
  noDeadline: number;
  /** In-progress tasks due soon (included in inProgress, not a sixth category). */
  dueSoon: number;
  /** (completedOnTime + completedLate) / due; null when due = 0. */
  completionRate: number | null;
  /** completedOnTime / due; null when due = 0. */
  onTimeRate: number | null;
}

/** TimelinessCounts without the derived rates, as an SQL query or a running tally produces them. */
export type TimelinessTallies = Omit<TimelinessCounts, 'completionRate' | 'onTimeRate'>;

const DEFAULT_DUE_SOON_DAYS = 3;

/**
 * The deadline in force on `date`: the new deadline of the approved extension with the latest
 * `approvedOn` on or before `date` (on equal approval dates, the later one in `task.extensions`
 * wins); without one, the original deadline (null for a continuous task).
 */
export function deadlineInForce(
  task: Pick<TaskFacts, 'originalDeadline' | 'extensions'>,
  date: IsoDate,
): IsoDate | null {
  let latest: DeadlineExtensionFact | null = null;
  for (const extension of task.extensions) {
    if (compareDates(extension.approvedOn, date) > 0) continue;
    if (latest === null || compareDates(extension.approvedOn, latest.approvedOn) >= 0) {
      latest = extension;
    }
  }
  return latest === null ? task.originalDeadline : latest.newDeadline;
}

/** Whether the task exists on `asOf`: assigned on or before it and not cancelled on or before it. */
export function existsOn(task: Pick<TaskFacts, 'assignedOn' | 'cancelledOn'>, asOf: IsoDate): boolean {
  return (
    compareDates(task.assignedOn, asOf) <= 0 && (task.cancelledOn === null || compareDates(task.cancelledOn, asOf) > 0)
  );
}

/** Whether the task counts in statistics on `asOf`: it exists then and is not a container. */
export function isCounted(task: Pick<TaskFacts, 'assignedOn' | 'cancelledOn' | 'isContainer'>, asOf: IsoDate): boolean {
  return existsOn(task, asOf) && !task.isContainer;
}

function resolveDueSoonDays(options: EvaluateOptions | undefined): number {
  const dueSoonDays = options?.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
  if (!Number.isInteger(dueSoonDays) || dueSoonDays < 0) {
    throw new RangeError(`dueSoonDays must be a non-negative integer, got ${dueSoonDays}`);
  }
  return dueSoonDays;
}

function evaluateExistingTask(task: TaskFacts, asOf: IsoDate, dueSoonDays: number): TaskEvaluation {
  if (task.completedOn !== null && compareDates(task.completedOn, asOf) <= 0) {
    // An extension approved after the completion does not change the completion's timeliness.
    const deadline = deadlineInForce(task, task.completedOn);
    const isOnTime = deadline === null || compareDates(task.completedOn, deadline) <= 0;
    return {
      timeliness: isOnTime ? 'completed_on_time' : 'completed_late',
      deadline,
      dueSoon: false,
      overdueDays: null,
    };
  }
  const deadline = deadlineInForce(task, asOf);
  if (deadline === null) {
    return { timeliness: 'no_deadline', deadline, dueSoon: false, overdueDays: null };
  }
  if (compareDates(deadline, asOf) >= 0) {
    return { timeliness: 'in_progress', deadline, dueSoon: daysBetween(asOf, deadline) <= dueSoonDays, overdueDays: null };
  }
  return { timeliness: 'overdue', deadline, dueSoon: false, overdueDays: daysBetween(deadline, asOf) };
}

/**
 * The timeliness of a task as of `asOf`, or null when the task does not exist on `asOf`.
 * Containers are evaluated too: counting excludes them, not evaluation.
 * @throws RangeError when `options.dueSoonDays` is not a non-negative integer.
 */
export function evaluateTask(task: TaskFacts, asOf: IsoDate, options?: EvaluateOptions): TaskEvaluation | null {
  const dueSoonDays = resolveDueSoonDays(options);
  return existsOn(task, asOf) ? evaluateExistingTask(task, asOf, dueSoonDays) : null;
}

/** Counts that are all zero, with null rates (nothing is due). */
export function emptyCounts(): TimelinessCounts {
  return {
    total: 0,
    due: 0,
    completedOnTime: 0,
    completedLate: 0,
    inProgress: 0,
    overdue: 0,
    noDeadline: 0,
    dueSoon: 0,
    completionRate: null,
    onTimeRate: null,
  };
}

/**
 * A copy of `counts` with completionRate = (completedOnTime + completedLate) / due and
 * onTimeRate = completedOnTime / due, both null when due = 0 (not 0, not 1).
 * The rates are for display; compare rates exactly with `compareRates` (ranking) instead.
 */
export function ratesFromCounts(counts: TimelinessTallies): TimelinessCounts {
  const { due } = counts;
  return {
    ...counts,
    completionRate: due === 0 ? null : (counts.completedOnTime + counts.completedLate) / due,
    onTimeRate: due === 0 ? null : counts.completedOnTime / due,
  };
}

/** Counts evaluations by timeliness, with due, dueSoon and the rates. */
export function countTimeliness(evaluations: Iterable<TaskEvaluation>): TimelinessCounts {
  const counts: TimelinessTallies = emptyCounts();
  for (const evaluation of evaluations) {
    counts.total += 1;
    switch (evaluation.timeliness) {
      case 'completed_on_time':
        counts.completedOnTime += 1;
        break;
      case 'completed_late':
        counts.completedLate += 1;
        break;
      case 'in_progress':
        counts.inProgress += 1;
        if (evaluation.dueSoon) counts.dueSoon += 1;
        break;
      case 'overdue':
        counts.overdue += 1;
        break;
      case 'no_deadline':
        counts.noDeadline += 1;
        break;
    }
  }
  counts.due = counts.completedOnTime + counts.completedLate + counts.overdue;
  return ratesFromCounts(counts);
}

/**
 * Counts the tasks counted on `asOf` (existing and not containers) by timeliness.
 * @throws RangeError when `options.dueSoonDays` is not a non-negative integer.
 */
export function summarizeTasks(tasks: Iterable<TaskFacts>, asOf: IsoDate, options?: EvaluateOptions): TimelinessCounts {
  const dueSoonDays = resolveDueSoonDays(options);
  const evaluations: TaskEvaluation[] = [];
  for (const task of tasks) {
    if (isCounted(task, asOf)) evaluations.push(evaluateExistingTask(task, asOf, dueSoonDays));
  }
  return countTimeliness(evaluations);
}
