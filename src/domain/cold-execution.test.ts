import { describe, expect, it } from 'vitest';
import {
  daysWithoutUpdate,
  directiveActivity,
  hasUpdateSinceAssigned,
  isColdTask,
  isCompletionRateFalling,
  lastActivityOn,
  lastQuarterEnds,
  overdueAgeBucketOf,
  overdueDeadlineRange,
  type TaskActivityFacts,
} from './cold-execution';

function task(overrides: Partial<TaskActivityFacts> = {}): TaskActivityFacts {
  return { assignedOn: '2026-01-10', isContainer: false, completedOn: null, cancelledOn: null, lastUpdateOn: null, workState: 'active', ...overrides };
}

describe('cold tasks: in progress with no update for N days', () => {
  it.each<[string, Partial<TaskActivityFacts>, string, number, boolean]>([
    ['updated exactly 30 days ago', { lastUpdateOn: '2026-05-31' }, '2026-06-30', 30, true],
    ['updated 29 days ago', { lastUpdateOn: '2026-06-01' }, '2026-06-30', 30, false],
    ['never updated, assigned 30 days ago', { assignedOn: '2026-05-31' }, '2026-06-30', 30, true],
    ['never updated, assigned 29 days ago', { assignedOn: '2026-06-01' }, '2026-06-30', 30, false],
    ['an update after asOf does not count', { lastUpdateOn: '2026-05-01' }, '2026-06-30', 30, true],
    ['a shorter threshold', { lastUpdateOn: '2026-06-20' }, '2026-06-30', 10, true],
    ['across February of a leap year', { lastUpdateOn: '2028-02-01' }, '2028-03-02', 30, true],
    ['across February of a common year', { lastUpdateOn: '2027-02-01' }, '2027-03-02', 30, false],
    ['completed by asOf', { completedOn: '2026-03-01' }, '2026-06-30', 30, false],
    ['completed after asOf is still in progress then', { completedOn: '2026-07-15' }, '2026-06-30', 30, true],
    ['paused', { workState: 'paused' }, '2026-06-30', 30, false],
    ['awaiting confirmation', { workState: 'awaiting_confirmation' }, '2026-06-30', 30, false],
    ['cancelled by asOf', { cancelledOn: '2026-06-01' }, '2026-06-30', 30, false],
    ['cancelled after asOf', { cancelledOn: '2026-07-01' }, '2026-06-30', 30, true],
    ['a container', { isContainer: true }, '2026-06-30', 30, false],
    ['not yet assigned', { assignedOn: '2026-07-01' }, '2026-06-30', 30, false],
  ])('%s', (_name, overrides, asOf, days, expected) => {
    // "An update after asOf" is modelled by the caller passing the last update on or before asOf.
    expect(isColdTask(task(overrides), asOf, days)).toBe(expected);
  });

  it('counts the days from the last update, or from the assignment', () => {
    expect(daysWithoutUpdate(task({ lastUpdateOn: '2026-02-28' }), '2026-03-01')).toBe(1);
    expect(daysWithoutUpdate(task({ assignedOn: '2028-02-28' }), '2028-03-01')).toBe(2);
    expect(lastActivityOn(task({ assignedOn: '2026-02-01', lastUpdateOn: '2026-01-15' }))).toBe('2026-02-01');
  });

  it('rejects a threshold that is not a positive whole number of days', () => {
    expect(() => isColdTask(task(), '2026-06-30', 0)).toThrow(RangeError);
    expect(() => isColdTask(task(), '2026-06-30', 1.5)).toThrow(RangeError);
  });
});

describe('untouched directives: more than half of the counted tasks not updated since assigned', () => {
  const touched = task({ lastUpdateOn: '2026-02-01' });
  const untouched = task();

  it.each<[string, TaskActivityFacts[], { counted: number; untouched: number; isCold: boolean }]>([
    ['2 of 3 untouched', [touched, untouched, untouched], { counted: 3, untouched: 2, isCold: true }],
    ['exactly half is not more than half', [touched, untouched], { counted: 2, untouched: 1, isCold: false }],
    ['all touched', [touched, touched], { counted: 2, untouched: 0, isCold: false }],
    ['nothing counted', [], { counted: 0, untouched: 0, isCold: false }],
    ['completed tasks were acted on', [task({ completedOn: '2026-02-01' }), untouched, task({ completedOn: '2026-03-01' })], { counted: 3, untouched: 1, isCold: false }],
    ['containers and cancelled tasks are not counted', [task({ isContainer: true }), task({ cancelledOn: '2026-02-01' }), untouched], { counted: 1, untouched: 1, isCold: true }],
  ])('%s', (_name, tasks, expected) => {
    expect(directiveActivity(tasks, '2026-06-30')).toEqual(expected);
  });

  it('looks only at what was known on asOf', () => {
    expect(hasUpdateSinceAssigned(task({ lastUpdateOn: '2026-07-01' }), '2026-06-30')).toBe(false);
    expect(hasUpdateSinceAssigned(task({ completedOn: '2026-07-01' }), '2026-06-30')).toBe(false);
    expect(hasUpdateSinceAssigned(task({ lastUpdateOn: '2026-01-10' }), '2026-06-30')).toBe(true);
  });
});

describe('falling completion rate, last quarter against the one before', () => {
  it.each<[string, [number, number], [number, number], boolean]>([
    ['fell from 3/4 to 2/3', [3, 4], [2, 3], true],
    ['rose from 2/3 to 3/4', [2, 3], [3, 4], false],
    ['same rate as fractions (1/2 = 3/6)', [1, 2], [3, 6], false],
    ['333/1000 is below 1/3, exactly', [1, 3], [333, 1000], true],
    ['nothing due before: no rate to compare', [0, 0], [0, 5], false],
    ['nothing due now: no rate to compare', [2, 4], [0, 0], false],
  ])('%s', (_name, [previousCompleted, previousDue], [lastCompleted, lastDue], expected) => {
    expect(isCompletionRateFalling({ completed: previousCompleted, due: previousDue }, { completed: lastCompleted, due: lastDue })).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['2026-06-30', '2026-06-30', '2026-03-31'],
    ['2026-06-29', '2026-03-31', '2025-12-31'],
    ['2026-07-15', '2026-06-30', '2026-03-31'],
    ['2026-01-01', '2025-12-31', '2025-09-30'],
    ['2028-03-31', '2028-03-31', '2027-12-31'],
    ['2028-02-29', '2027-12-31', '2027-09-30'],
  ])('quarters ended by %s: %s and %s', (asOf, last, previous) => {
    expect(lastQuarterEnds(asOf)).toEqual({ last, previous });
  });
});

describe('overdue age', () => {
  it.each<[number, string]>([
    [1, 'up_to_30'],
    [30, 'up_to_30'],
    [31, 'from_31_to_90'],
    [90, 'from_31_to_90'],
    [91, 'over_90'],
    [1000, 'over_90'],
  ])('%i days overdue → %s', (days, bucket) => {
    expect(overdueAgeBucketOf(days)).toBe(bucket);
  });

  it('rejects a task that is not overdue', () => {
    expect(() => overdueAgeBucketOf(0)).toThrow(RangeError);
  });

  it('turns a group into the deadline range of the task list, across month ends and leap days', () => {
    expect(overdueDeadlineRange('2026-06-30', 'up_to_30')).toEqual({ deadlineFrom: '2026-05-31', deadlineTo: '2026-06-29' });
    expect(overdueDeadlineRange('2026-06-30', 'from_31_to_90')).toEqual({ deadlineFrom: '2026-04-01', deadlineTo: '2026-05-30' });
    expect(overdueDeadlineRange('2026-06-30', 'over_90')).toEqual({ deadlineFrom: null, deadlineTo: '2026-03-31' });
    expect(overdueDeadlineRange('2028-03-01', 'up_to_30')).toEqual({ deadlineFrom: '2028-01-31', deadlineTo: '2028-02-29' });
  });
});
