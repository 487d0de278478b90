/**
 * Reminders and notifications (domain.md, "Reminders and early warning"). Pure rules: which
 * reminder falls on which date, who receives it, its key, and what to do with it after downtime.
 * No clock, no I/O: the scheduler passes the date and the instant.
 *
 * - Deadline reminders 7, 3 and 1 days before the deadline in force; overdue on the first day after
 *   it and then every 7 days; none for paused, cancelled or completed tasks.
 * - Each reminder has a key (subject, kind, occurrence date, recipient) and is sent at most once.
 * - After downtime, reminders due in the last 24 hours are sent late; older ones are skipped (and
 *   logged by the caller).
 */
import { addDays, compareDates, daysBetween, parseIsoDate, type IsoDate } from './dates';
import { periodEnd, periodOfDate, previousPeriod, type Period, type PeriodKind } from './periods';
import { isWithin } from './policies';

/** Days before the deadline on which a reminder is sent. */
export const DEADLINE_REMINDER_DAYS = [7, 3, 1] as const;
/** An overdue task is reminded on the first day after its deadline, then every this many days. */
export const OVERDUE_REPEAT_DAYS = 7;
/** Reminders due at most this long ago are still sent after downtime; older ones are skipped. */
export const CATCH_UP_HOURS = 24;
/** Reminders tied to a date are due at this hour, Vietnam time (the start of the working day). */
export const REMINDER_HOUR_VIETNAM = 7;

/** The kinds of reminder, as recorded in a reminder's key. */
export type ReminderKind =
  | 'task_assigned'
  | 'deadline_7'
  | 'deadline_3'
  | 'deadline_1'
  | 'overdue'
  | 'completion_submitted'
  | 'completion_returned'
  | 'completion_confirmed'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_rejected'
  | 'indicator_period_open'
  | 'indicator_period_last_day'
  | 'digest';

/** The kinds a user chooses to receive (one preference covers several reminder kinds). */
export const notificationKinds = [
  'task_assigned',
  'deadline_soon',
  'overdue',
  'completion_submitted',
  'completion_returned',
  'completion_confirmed',
  'extension_requested',
  'extension_decided',
  'indicator_period_open',
  'indicator_period_last_day',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** The preference that governs a reminder kind. */
export function notificationKindOf(kind: Exclude<ReminderKind, 'digest'>): NotificationKind {
  switch (kind) {
    case 'deadline_7':
    case 'deadline_3':
    case 'deadline_1':
      return 'deadline_soon';
    case 'extension_approved':
    case 'extension_rejected':
      return 'extension_decided';
    default:
      return kind;
  }
}

/** The task states of the workflow. */
export type TaskState = 'assigned' | 'in_progress' | 'awaiting_confirmation' | 'completed' | 'paused' | 'cancelled';

/** The facts of a task that its date reminders depend on (the current ones, when the reminder goes out). */
export interface ReminderTaskFacts {
  /** The task exists from this date: nothing is reminded before it. */
  assignedOn: IsoDate;
  /** The deadline in force; null for a continuous task (no deadline reminders). */
  deadline: IsoDate | null;
  state: TaskState;
  /** A container has no lead and no deadline of its own: never reminded. */
  isContainer: boolean;
  completedOn: IsoDate | null;
  cancelledOn: IsoDate | null;
}

/**
 * The date reminders of a task that fall on `date`: `deadline_7/3/1` on those days before the
 * deadline (not when the completion is already reported and awaiting confirmation), `overdue` on
 * deadline + 1, + 8, + 15…; none for a paused, cancelled or completed task, a container, a task
 * without deadline, or a date before the task was assigned.
 */
export function taskRemindersOn(task: ReminderTaskFacts, date: IsoDate): ('deadline_7' | 'deadline_3' | 'deadline_1' | 'overdue')[] {
  if (task.isContainer || task.deadline === null || task.completedOn !== null || task.cancelledOn !== null) return [];
  if (task.state === 'paused' || task.state === 'cancelled' || task.state === 'completed') return [];
  if (compareDates(date, task.assignedOn) < 0) return [];
  const daysLeft = daysBetween(date, task.deadline);
  if (daysLeft > 0) {
    if (task.state === 'awaiting_confirmation') return [];
    const match = DEADLINE_REMINDER_DAYS.find((days) => days === daysLeft);
    return match === undefined ? [] : [`deadline_${match}`];
  }
  const overdueDays = -daysLeft;
  return overdueDays >= 1 && (overdueDays - 1) % OVERDUE_REPEAT_DAYS === 0 ? ['overdue'] : [];
}

/** The task-event actions that notify someone, and the reminder each gives. */
const eventKinds: Record<string, ReminderKind> = {
  create: 'task_assigned',
  import: 'task_assigned',
  submit: 'completion_submitted',
  return: 'completion_returned',
  confirm: 'completion_confirmed',
  extension_request: 'extension_requested',
  extension_approve: 'extension_approved',
  extension_reject: 'extension_rejected',
};

/** The reminder a task event gives (`submit` → completion_submitted…), or null. */
export function reminderKindOfEvent(action: string): ReminderKind | null {
  return Object.prototype.hasOwnProperty.call(eventKinds, action) ? eventKinds[action] : null;
}

/** Who receives a reminder about a task. */
export type RecipientGroup = 'lead_reporters' | 'assigning_coordinators';

/**
 * The recipients of a task reminder: the reporters of the lead organization for its deadlines,
 * assignment, returns, confirmations and extension decisions; the coordinators of the assigning
 * organization for submissions and extension requests; both for an overdue task (its deadline has
 * passed for the lead, and the assigning side follows overdue tasks).
 */
export function recipientGroupsOf(kind: ReminderKind): RecipientGroup[] {
  switch (kind) {
    case 'completion_submitted':
    case 'extension_requested':
      return ['assigning_coordinators'];
    case 'overdue':
      return ['lead_reporters', 'assigning_coordinators'];
    default:
      return ['lead_reporters'];
  }
}

/** A role granted to a user on an organization (by path). */
export interface RoleHolder {
  userId: number;
  /** Path of the organization the role is granted on ('/25/SKHCN/'). */
  path: string;
}

/**
 * The holders "of" an organization: those whose grant is on the organization itself, or, when it
 * has none, on its nearest ancestor that has some (a role is valid for the whole subtree; the
 * nearest holders are the ones answerable, so a province-wide coordinator is not told about every
 * commune's task when the commune has its own). Distinct user ids, in ascending order.
 */
export function nearestHolders(holders: readonly RoleHolder[], organizationPath: string): number[] {
  let best: string | null = null;
  for (const holder of holders) {
    if (!isWithin(organizationPath, holder.path)) continue;
    if (best === null || holder.path.length > best.length) best = holder.path;
  }
  if (best === null) return [];
  return [...new Set(holders.filter((holder) => holder.path === best).map((holder) => holder.userId))].sort((a, b) => a - b);
}

/** The key of a reminder: sent at most once per (subject, kind, occurrence date, recipient). */
export function reminderKey(input: { subject: string; kind: ReminderKind; occurrenceOn: IsoDate; userId: number }): string {
  return `${input.subject}|${input.kind}|${input.occurrenceOn}|${input.userId}`;
}

const HOUR = 3_600_000;

/** The instant a date reminder falls due: `date` at 07:00 in Vietnam (UTC+7, no daylight saving). */
export function dateReminderDueAt(date: IsoDate): Date {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day) + (REMINDER_HOUR_VIETNAM - 7) * HOUR);
}

/**
 * The instant a reminder of an event recorded on `date` is considered due: the end of that day in
 * Vietnam (the latest the event can have happened), or `now` when that is still to come. Using
 * the end of the day never skips an event that happened less than 24 hours ago.
 */
export function eventReminderDueAt(date: IsoDate, now: Date): Date {
  const { year, month, day } = parseIsoDate(date);
  const endOfDay = new Date(Date.UTC(year, month - 1, day + 1) - 7 * HOUR);
  return endOfDay.getTime() > now.getTime() ? new Date(now) : endOfDay;
}

/** What the scheduler does with a reminder when it runs at `now`. */
export type CatchUpDecision = 'not_yet' | 'send' | 'skip' | 'already_handled';

/**
 * The decision for a reminder due at `dueAt`, at `now`, the previous run having been at
 * `previousRunAt` (null on the very first run): not yet due; due within the last 24 hours → send
 * (late, after downtime); due earlier but after the previous run → missed during downtime: skip
 * (and log); due before the previous run → that run handled it.
 */
export function catchUpDecision(dueAt: Date, now: Date, previousRunAt: Date | null): CatchUpDecision {
  const due = dueAt.getTime();
  if (due > now.getTime()) return 'not_yet';
  if (due >= now.getTime() - CATCH_UP_HOURS * HOUR) return 'send';
  if (previousRunAt !== null && due > previousRunAt.getTime()) return 'skip';
  return 'already_handled';
}

/**
 * The indicator-period reminders of a frequency that fall on `date`: `indicator_period_open` on
 * the day after a period ends (its values may be entered), and `indicator_period_last_day` on the
 * last day before it locks (the period locks `lockDays` days after it ends).
 */
export function indicatorPeriodRemindersOn(
  date: IsoDate,
  frequency: PeriodKind,
  lockDays: number,
): { kind: 'indicator_period_open' | 'indicator_period_last_day'; period: Period }[] {
  if (!Number.isInteger(lockDays) || lockDays < 0) throw new RangeError(`lockDays must be a non-negative integer, got ${lockDays}`);
  const reminders: { kind: 'indicator_period_open' | 'indicator_period_last_day'; period: Period }[] = [];
  const ended = previousPeriod(periodOfDate(date, frequency));
  if (compareDates(addDays(periodEnd(ended), 1), date) === 0) reminders.push({ kind: 'indicator_period_open', period: ended });
  const closing = periodOfDate(addDays(date, -lockDays), frequency);
  if (compareDates(addDays(periodEnd(closing), lockDays), date) === 0) reminders.push({ kind: 'indicator_period_last_day', period: closing });
  return reminders;
}

/** How a user receives one kind of notification. */
export interface DeliveryPreference {
  inApp: boolean;
  email: boolean;
  /** E-mails of this kind go in one daily digest instead of one mail each. */
  digest: boolean;
}

/** Everything on, one mail each: what a user receives before choosing. */
export const defaultDeliveryPreference: DeliveryPreference = { inApp: true, email: true, digest: false };

/** The channels a reminder goes out on, given the user's preference and what is possible. */
export interface Delivery {
  inApp: boolean;
  /** A mail of its own now. */
  email: boolean;
  /** Queued for the next daily digest. */
  digest: boolean;
}

/**
 * The channels of a reminder: in-app when chosen; by e-mail when chosen, the server can send mail
 * and the user has an address — in the daily digest when the user prefers it, else at once.
 */
export function deliveryOf(preference: DeliveryPreference | undefined, options: { canEmail: boolean; hasAddress: boolean }): Delivery {
  const chosen = preference ?? defaultDeliveryPreference;
  const mail = chosen.email && options.canEmail && options.hasAddress;
  return { inApp: chosen.inApp, email: mail && !chosen.digest, digest: mail && chosen.digest };
}

/** Every date from `from` to `to`, both included (empty when from > to). */
export function datesBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = from; compareDates(date, to) <= 0; date = addDays(date, 1)) dates.push(date);
  return dates;
}
