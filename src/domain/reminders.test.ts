import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { formatPeriodCode } from './periods';
import {
  catchUpDecision,
  dateReminderDueAt,
  datesBetween,
  deliveryOf,
  eventReminderDueAt,
  indicatorPeriodRemindersOn,
  nearestHolders,
  notificationKindOf,
  recipientGroupsOf,
  reminderKey,
  reminderKindOfEvent,
  taskRemindersOn,
  type ReminderTaskFacts,
} from './reminders';

function task(overrides: Partial<ReminderTaskFacts> = {}): ReminderTaskFacts {
  return { assignedOn: '2026-01-10', deadline: '2026-06-30', state: 'in_progress', isContainer: false, completedOn: null, cancelledOn: null, ...overrides };
}

/** Every (date, kind) the task is reminded on between two dates. */
function schedule(facts: ReminderTaskFacts, from: string, to: string): string[] {
  return datesBetween(from, to).flatMap((date) => taskRemindersOn(facts, date).map((kind) => `${date} ${kind}`));
}

describe('taskRemindersOn: the schedule of one task', () => {
  it('reminds 7, 3 and 1 days before, then on the first overdue day and every 7 days', () => {
    expect(schedule(task({ deadline: '2026-06-30' }), '2026-06-01', '2026-07-31')).toEqual([
      '2026-06-23 deadline_7',
      '2026-06-27 deadline_3',
      '2026-06-29 deadline_1',
      '2026-07-01 overdue',
      '2026-07-08 overdue',
      '2026-07-15 overdue',
      '2026-07-22 overdue',
      '2026-07-29 overdue',
    ]);
  });

  it('counts across a month end', () => {
    expect(schedule(task({ deadline: '2026-03-02' }), '2026-02-15', '2026-03-10')).toEqual([
      '2026-02-23 deadline_7',
      '2026-02-27 deadline_3',
      '2026-03-01 deadline_1',
      '2026-03-03 overdue',
      '2026-03-10 overdue',
    ]);
  });

  it('counts the 29th of February in a leap year', () => {
    expect(schedule(task({ deadline: '2028-03-01' }), '2028-02-15', '2028-03-09')).toEqual([
      '2028-02-23 deadline_7',
      '2028-02-27 deadline_3',
      '2028-02-29 deadline_1',
      '2028-03-02 overdue',
      '2028-03-09 overdue',
    ]);
    // A deadline on the leap day itself.
    expect(schedule(task({ assignedOn: '2028-01-01', deadline: '2028-02-29' }), '2028-02-15', '2028-03-08')).toEqual([
      '2028-02-22 deadline_7',
      '2028-02-26 deadline_3',
      '2028-02-28 deadline_1',
      '2028-03-01 overdue',
      '2028-03-08 overdue',
    ]);
    // No 29th in 2027: one day less between the same dates.
    expect(schedule(task({ deadline: '2027-03-01' }), '2027-02-15', '2027-03-02')).toEqual([
      '2027-02-22 deadline_7',
      '2027-02-26 deadline_3',
      '2027-02-28 deadline_1',
      '2027-03-02 overdue',
    ]);
  });

  it('counts across a year end', () => {
    expect(schedule(task({ deadline: '2026-12-31' }), '2026-12-20', '2027-01-08')).toEqual([
      '2026-12-24 deadline_7',
      '2026-12-28 deadline_3',
      '2026-12-30 deadline_1',
      '2027-01-01 overdue',
      '2027-01-08 overdue',
    ]);
  });

  it('sends nothing for paused, cancelled or completed tasks, containers and continuous tasks', () => {
    const dates = ['2026-06-23', '2026-06-27', '2026-06-29', '2026-07-01', '2026-07-08'];
    for (const facts of [
      task({ state: 'paused' }),
      task({ state: 'cancelled', cancelledOn: '2026-05-01' }),
      task({ state: 'completed', completedOn: '2026-06-20' }),
      task({ isContainer: true }),
      task({ deadline: null }),
    ]) {
      expect(dates.flatMap((date) => taskRemindersOn(facts, date))).toEqual([]);
    }
  });

  it('does not remind of a deadline already reported as done, but still of an overdue one', () => {
    const awaiting = task({ state: 'awaiting_confirmation' });
    expect(taskRemindersOn(awaiting, '2026-06-27')).toEqual([]);
    expect(taskRemindersOn(awaiting, '2026-07-01')).toEqual(['overdue']);
  });

  it('reminds nothing before the task was assigned', () => {
    expect(schedule(task({ assignedOn: '2026-06-26', deadline: '2026-06-30' }), '2026-06-20', '2026-06-30')).toEqual(['2026-06-27 deadline_3', '2026-06-29 deadline_1']);
  });

  it('follows the deadline in force after an extension', () => {
    expect(taskRemindersOn(task({ deadline: '2026-09-30' }), '2026-07-01')).toEqual([]);
    expect(taskRemindersOn(task({ deadline: '2026-09-30' }), '2026-09-23')).toEqual(['deadline_7']);
  });
});

describe('kinds and recipients', () => {
  it('maps workflow events to reminders', () => {
    expect(reminderKindOfEvent('import')).toBe('task_assigned');
    expect(reminderKindOfEvent('create')).toBe('task_assigned');
    expect(reminderKindOfEvent('submit')).toBe('completion_submitted');
    expect(reminderKindOfEvent('return')).toBe('completion_returned');
    expect(reminderKindOfEvent('extension_approve')).toBe('extension_approved');
    expect(reminderKindOfEvent('extension_reject')).toBe('extension_rejected');
    expect(reminderKindOfEvent('progress')).toBeNull();
    expect(reminderKindOfEvent('toString')).toBeNull();
  });

  it('sends deadlines and returns to the lead, submissions and extension requests to the assigning side, overdue to both', () => {
    expect(recipientGroupsOf('deadline_3')).toEqual(['lead_reporters']);
    expect(recipientGroupsOf('completion_returned')).toEqual(['lead_reporters']);
    expect(recipientGroupsOf('completion_submitted')).toEqual(['assigning_coordinators']);
    expect(recipientGroupsOf('extension_requested')).toEqual(['assigning_coordinators']);
    expect(recipientGroupsOf('overdue')).toEqual(['lead_reporters', 'assigning_coordinators']);
  });

  it('groups reminder kinds under the preferences users choose', () => {
    expect(notificationKindOf('deadline_7')).toBe('deadline_soon');
    expect(notificationKindOf('deadline_1')).toBe('deadline_soon');
    expect(notificationKindOf('extension_rejected')).toBe('extension_decided');
    expect(notificationKindOf('overdue')).toBe('overdue');
  });

  it('finds the holders of an organization, or of its nearest ancestor that has some', () => {
    const holders = [
      { userId: 1, path: '/25/' },
      { userId: 2, path: '/25/SKHCN/' },
      { userId: 3, path: '/25/SKHCN/' },
      { userId: 2, path: '/25/SKHCN/' },
      { userId: 4, path: '/25/SKH/' },
    ];
    expect(nearestHolders(holders, '/25/SKHCN/')).toEqual([2, 3]);
    expect(nearestHolders(holders, '/25/SKHCN/PHONG/')).toEqual([2, 3]);
    expect(nearestHolders(holders, '/25/04792/')).toEqual([1]);
    expect(nearestHolders(holders, '/26/')).toEqual([]);
  });

  it('keys a reminder by subject, kind, occurrence date and recipient', () => {
    expect(reminderKey({ subject: 'task:12', kind: 'deadline_3', occurrenceOn: '2026-06-27', userId: 5 })).toBe('task:12|deadline_3|2026-06-27|5');
  });
});

describe('catch-up after downtime', () => {
  const at = (iso: string) => new Date(iso);

  it('makes a date reminder due at 07:00 in Vietnam (00:00 UTC), whatever the host timezone', () => {
    expect(dateReminderDueAt('2026-06-27').toISOString()).toBe('2026-06-27T00:00:00.000Z');
    expect(dateReminderDueAt('2028-02-29').toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('makes an event due at the end of its day in Vietnam, or now during that day', () => {
    expect(eventReminderDueAt('2026-06-27', at('2026-06-30T03:00:00Z')).toISOString()).toBe('2026-06-27T17:00:00.000Z');
    expect(eventReminderDueAt('2026-06-27', at('2026-06-27T03:00:00Z')).toISOString()).toBe('2026-06-27T03:00:00.000Z');
  });

  it('sends what fell due in the last 24 hours, skips what fell due earlier during downtime', () => {
    const now = at('2026-06-30T03:00:00Z');
    const previousRun = at('2026-06-26T03:00:00Z');
    expect(catchUpDecision(at('2026-06-30T04:00:00Z'), now, previousRun)).toBe('not_yet');
    expect(catchUpDecision(at('2026-06-30T00:00:00Z'), now, previousRun)).toBe('send');
    expect(catchUpDecision(at('2026-06-29T03:00:00Z'), now, previousRun)).toBe('send');
    expect(catchUpDecision(at('2026-06-29T02:59:59Z'), now, previousRun)).toBe('skip');
    expect(catchUpDecision(at('2026-06-27T00:00:00Z'), now, previousRun)).toBe('skip');
    expect(catchUpDecision(at('2026-06-26T00:00:00Z'), now, previousRun)).toBe('already_handled');
    expect(catchUpDecision(at('2026-06-27T00:00:00Z'), now, null)).toBe('already_handled');
  });
});

describe('indicator periods', () => {
  const codes = (date: string, lockDays = 15) =>
    indicatorPeriodRemindersOn(date, 'month', lockDays).map((reminder) => `${reminder.kind} ${formatPeriodCode(reminder.period)}`);

  it('opens a month for entry on the next day and reminds on its last day before locking', () => {
    expect(codes('2026-04-01')).toEqual(['indicator_period_open 2026-03']);
    expect(codes('2026-04-15')).toEqual(['indicator_period_last_day 2026-03']);
    expect(codes('2026-04-16')).toEqual([]);
    expect(codes('2026-04-02')).toEqual([]);
  });

  it('handles February in leap and common years', () => {
    expect(codes('2028-03-01')).toEqual(['indicator_period_open 2028-02']);
    expect(codes('2028-03-15')).toEqual(['indicator_period_last_day 2028-02']);
    expect(codes('2027-03-15')).toEqual(['indicator_period_last_day 2027-02']);
    // 29 Feb 2028 + 15 days → 15 March; a 30-day lock crosses into April.
    expect(codes('2028-03-30', 30)).toEqual(['indicator_period_last_day 2028-02']);
  });

  it('gives both on the same day when periods lock the day they end', () => {
    expect(codes('2026-04-01', 0)).toEqual(['indicator_period_open 2026-03']);
    expect(codes('2026-03-31', 0)).toEqual(['indicator_period_last_day 2026-03']);
    expect(indicatorPeriodRemindersOn('2027-01-01', 'quarter', 15).map((reminder) => formatPeriodCode(reminder.period))).toEqual(['2026Q4']);
    expect(indicatorPeriodRemindersOn('2027-01-14', 'year', 14).map((reminder) => `${reminder.kind} ${formatPeriodCode(reminder.period)}`)).toEqual(['indicator_period_last_day 2026']);
  });

  it('rejects a negative lock', () => {
    expect(() => indicatorPeriodRemindersOn('2026-04-01', 'month', -1)).toThrow(RangeError);
  });
});

describe('delivery', () => {
  it('mails at once by default, in the digest when preferred, never without SMTP or an address', () => {
    expect(deliveryOf(undefined, { canEmail: true, hasAddress: true })).toEqual({ inApp: true, email: true, digest: false });
    expect(deliveryOf({ inApp: true, email: true, digest: true }, { canEmail: true, hasAddress: true })).toEqual({ inApp: true, email: false, digest: true });
    expect(deliveryOf(undefined, { canEmail: false, hasAddress: true })).toEqual({ inApp: true, email: false, digest: false });
    expect(deliveryOf(undefined, { canEmail: true, hasAddress: false })).toEqual({ inApp: true, email: false, digest: false });
    expect(deliveryOf({ inApp: false, email: false, digest: false }, { canEmail: true, hasAddress: true })).toEqual({ inApp: false, email: false, digest: false });
  });

  it('lists the dates of a window', () => {
    expect(datesBetween('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(datesBetween('2026-03-02', '2026-03-01')).toEqual([]);
    expect(addDays('2026-03-01', 0)).toBe('2026-03-01');
  });
});
