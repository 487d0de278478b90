import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from './dates';
import {
  countTimeliness,
  deadlineInForce,
  emptyCounts,
  evaluateTask,
  existsOn,
  isCounted,
  ratesFromCounts,
  summarizeTasks,
  type TaskEvaluation,
  type TaskFacts,
  type Timeliness,
  type TimelinessCounts,
} from './timeliness';

/** A task assigned on 2026-01-01, due 2026-06-30, not completed, not cancelled. */
function makeTask(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return {
    assignedOn: '2026-01-01',
    isContainer: false,
    originalDeadline: '2026-06-30',
    extensions: [],
    completedOn: null,
    cancelledOn: null,
    ...overrides,
  };
}

function evaluation(
  timeliness: Timeliness,
  deadline: IsoDate | null,
  dueSoon = false,
  overdueDays: number | null = null,
): TaskEvaluation {
  return { timeliness, deadline, dueSoon, overdueDays };
}

const extendedTo = (approvedOn: IsoDate, newDeadline: IsoDate) => ({ approvedOn, newDeadline });

describe('evaluateTask: the timeliness table', () => {
  it.each<[string, Partial<TaskFacts>, IsoDate, TaskEvaluation]>([
    ['completed before the deadline → on time', { completedOn: '2026-06-10' }, '2026-07-15', evaluation('completed_on_time', '2026-06-30')],
    ['completed, no deadline → on time', { originalDeadline: null, completedOn: '2026-03-01' }, '2026-07-15', evaluation('completed_on_time', null)],
    ['completed after the deadline → late', { completedOn: '2026-07-01' }, '2026-07-15', evaluation('completed_late', '2026-06-30')],
    ['not completed, deadline ahead → in progress', {}, '2026-06-01', evaluation('in_progress', '2026-06-30')],
    ['not completed, deadline passed → overdue', {}, '2026-07-10', evaluation('overdue', '2026-06-30', false, 10)],
    ['not completed, no deadline → no deadline', { originalDeadline: null }, '2026-06-01', evaluation('no_deadline', null)],
  ])('%s', (_name, overrides, asOf, expected) => {
    expect(evaluateTask(makeTask(overrides), asOf)).toEqual(expected);
  });
});

describe('evaluateTask: boundaries', () => {
  it.each<[string, Partial<TaskFacts>, IsoDate, TaskEvaluation | null]>([
    ['asOf = assignedOn → exists', {}, '2026-01-01', evaluation('in_progress', '2026-06-30')],
    ['asOf = assignedOn − 1 → does not exist', {}, '2025-12-31', null],
    ['completedOn = deadline → on time', { completedOn: '2026-06-30' }, '2026-07-15', evaluation('completed_on_time', '2026-06-30')],
    ['completedOn = deadline + 1 → late', { completedOn: '2026-07-01' }, '2026-07-01', evaluation('completed_late', '2026-06-30')],
    ['completedOn = asOf → completed', { completedOn: '2026-05-05' }, '2026-05-05', evaluation('completed_on_time', '2026-06-30')],
    ['completedOn = asOf + 1, before the deadline → in progress', { completedOn: '2026-05-06' }, '2026-05-05', evaluation('in_progress', '2026-06-30')],
    ['completedOn after asOf, deadline passed → overdue', { completedOn: '2026-07-10' }, '2026-07-05', evaluation('overdue', '2026-06-30', false, 5)],
    ['asOf = deadline → in progress, due soon', {}, '2026-06-30', evaluation('in_progress', '2026-06-30', true)],
    ['asOf = deadline + 1 → overdue by 1 day', {}, '2026-07-01', evaluation('overdue', '2026-06-30', false, 1)],
    ['cancelledOn = asOf → does not exist', { cancelledOn: '2026-05-05' }, '2026-05-05', null],
    ['cancelledOn = asOf + 1 → exists', { cancelledOn: '2026-05-06' }, '2026-05-05', evaluation('in_progress', '2026-06-30')],
    ['cancelledOn = asOf + 1 after the deadline → overdue', { cancelledOn: '2026-07-06' }, '2026-07-05', evaluation('overdue', '2026-06-30', false, 5)],
    ['completed, then cancelled after asOf → completed', { completedOn: '2026-03-01', cancelledOn: '2026-09-01' }, '2026-08-01', evaluation('completed_on_time', '2026-06-30')],
    ['completed, then cancelled on or before asOf → does not exist', { completedOn: '2026-03-01', cancelledOn: '2026-08-01' }, '2026-08-01', null],
    ['overdue for a year', {}, '2027-06-30', evaluation('overdue', '2026-06-30', false, 365)],
    ['no deadline, asOf = assignedOn', { originalDeadline: null }, '2026-01-01', evaluation('no_deadline', null)],
    ['no deadline, far future', { originalDeadline: null }, '2030-01-01', evaluation('no_deadline', null)],
  ])('%s', (_name, overrides, asOf, expected) => {
    expect(evaluateTask(makeTask(overrides), asOf)).toEqual(expected);
  });
});

describe('evaluateTask: deadline extensions', () => {
  // The original deadline is 2026-06-30; every extension here moves it to 2026-08-31.
  it.each<[string, Partial<TaskFacts>, IsoDate, TaskEvaluation]>([
    ['approved before completion → judged by the new deadline', { extensions: [extendedTo('2026-06-15', '2026-08-31')], completedOn: '2026-07-15' }, '2026-08-01', evaluation('completed_on_time', '2026-08-31')],
    ['approved on the completion date → in force on completedOn', { extensions: [extendedTo('2026-07-15', '2026-08-31')], completedOn: '2026-07-15' }, '2026-08-01', evaluation('completed_on_time', '2026-08-31')],
    ['approved the day after completion → late', { extensions: [extendedTo('2026-07-16', '2026-08-31')], completedOn: '2026-07-15' }, '2026-08-01', evaluation('completed_late', '2026-06-30')],
    ['approved after completion, completed on time anyway', { extensions: [extendedTo('2026-07-16', '2026-08-31')], completedOn: '2026-06-20' }, '2026-08-01', evaluation('completed_on_time', '2026-06-30')],
    ['approved before asOf, before the old deadline', { extensions: [extendedTo('2026-06-01', '2026-08-31')] }, '2026-06-15', evaluation('in_progress', '2026-08-31')],
    ['approved before asOf, after the old deadline', { extensions: [extendedTo('2026-07-01', '2026-08-31')] }, '2026-07-10', evaluation('in_progress', '2026-08-31')],
    ['approved on asOf → in force on asOf', { extensions: [extendedTo('2026-07-10', '2026-08-31')] }, '2026-07-10', evaluation('in_progress', '2026-08-31')],
    ['approved the day after asOf → not yet in force', { extensions: [extendedTo('2026-07-11', '2026-08-31')] }, '2026-07-10', evaluation('overdue', '2026-06-30', false, 10)],
    ['approved before asOf, new deadline also passed', { extensions: [extendedTo('2026-07-01', '2026-08-31')] }, '2026-09-03', evaluation('overdue', '2026-08-31', false, 3)],
    ['approved before asOf, due soon against the new deadline', { extensions: [extendedTo('2026-07-01', '2026-08-31')] }, '2026-08-28', evaluation('in_progress', '2026-08-31', true)],
    ['gives a continuous task a deadline', { originalDeadline: null, extensions: [extendedTo('2026-03-01', '2026-08-31')] }, '2026-09-01', evaluation('overdue', '2026-08-31', false, 1)],
  ])('%s', (_name, overrides, asOf, expected) => {
    expect(evaluateTask(makeTask(overrides), asOf)).toEqual(expected);
  });

  // Two extensions: to 2026-07-31 approved 2026-06-20, then to 2026-09-30 approved 2026-08-10.
  const first = extendedTo('2026-06-20', '2026-07-31');
  const second = extendedTo('2026-08-10', '2026-09-30');
  it.each<[string, DeadlineOrder, Partial<TaskFacts>, IsoDate, TaskEvaluation]>([
    ['before both', 'in order', {}, '2026-06-19', evaluation('in_progress', '2026-06-30')],
    ['after the first', 'in order', {}, '2026-06-20', evaluation('in_progress', '2026-07-31')],
    ['overdue between them', 'in order', {}, '2026-08-05', evaluation('overdue', '2026-07-31', false, 5)],
    ['overdue between them', 'reversed', {}, '2026-08-05', evaluation('overdue', '2026-07-31', false, 5)],
    ['after the second', 'in order', {}, '2026-08-10', evaluation('in_progress', '2026-09-30')],
    ['after the second', 'reversed', {}, '2026-08-10', evaluation('in_progress', '2026-09-30')],
    ['completed between them, after the first deadline → late', 'reversed', { completedOn: '2026-08-05' }, '2026-10-01', evaluation('completed_late', '2026-07-31')],
    ['completed on the second approval date → on time', 'reversed', { completedOn: '2026-08-10' }, '2026-10-01', evaluation('completed_on_time', '2026-09-30')],
  ])('two extensions, %s (%s)', (_name, order, overrides, asOf, expected) => {
    const extensions = order === 'in order' ? [first, second] : [second, first];
    expect(evaluateTask(makeTask({ ...overrides, extensions }), asOf)).toEqual(expected);
  });
});

type DeadlineOrder = 'in order' | 'reversed';

describe('deadlineInForce', () => {
  it.each<[string, Pick<TaskFacts, 'originalDeadline' | 'extensions'>, IsoDate, IsoDate | null]>([
    ['no extension', { originalDeadline: '2026-06-30', extensions: [] }, '2026-07-01', '2026-06-30'],
    ['no deadline, no extension', { originalDeadline: null, extensions: [] }, '2026-07-01', null],
    ['extension not yet approved', { originalDeadline: '2026-06-30', extensions: [extendedTo('2026-07-02', '2026-09-30')] }, '2026-07-01', '2026-06-30'],
    ['extension approved that day', { originalDeadline: '2026-06-30', extensions: [extendedTo('2026-07-01', '2026-09-30')] }, '2026-07-01', '2026-09-30'],
    [
      'latest approval wins, whatever the array order',
      { originalDeadline: '2026-06-30', extensions: [extendedTo('2026-08-01', '2026-12-31'), extendedTo('2026-07-01', '2026-09-30')] },
      '2026-09-01',
      '2026-12-31',
    ],
    [
      'a later approval may shorten the deadline',
      { originalDeadline: '2026-06-30', extensions: [extendedTo('2026-05-01', '2026-12-31'), extendedTo('2026-06-01', '2026-09-30')] },
      '2026-06-15',
      '2026-09-30',
    ],
    [
      'same approval date: the later in the array wins',
      { originalDeadline: '2026-06-30', extensions: [extendedTo('2026-07-01', '2026-09-30'), extendedTo('2026-07-01', '2026-08-31')] },
      '2026-07-01',
      '2026-08-31',
    ],
    [
      'same approval date, other array order',
      { originalDeadline: '2026-06-30', extensions: [extendedTo('2026-07-01', '2026-08-31'), extendedTo('2026-07-01', '2026-09-30')] },
      '2026-07-01',
      '2026-09-30',
    ],
    [
      'same approval date tie, an earlier one after them does not win',
      {
        originalDeadline: '2026-06-30',
        extensions: [extendedTo('2026-07-01', '2026-09-30'), extendedTo('2026-07-01', '2026-08-31'), extendedTo('2026-06-01', '2026-07-31')],
      },
      '2026-07-01',
      '2026-08-31',
    ],
  ])('%s', (_name, task, date, expected) => {
    expect(deadlineInForce(task, date)).toBe(expected);
  });
});

describe('dueSoon', () => {
  // The deadline is 2026-06-30.
  it.each<[IsoDate, number | undefined, boolean]>([
    ['2026-06-30', undefined, true],
    ['2026-06-27', undefined, true],
    ['2026-06-26', undefined, false],
    ['2026-06-23', 7, true],
    ['2026-06-22', 7, false],
    ['2026-06-30', 0, true],
    ['2026-06-29', 0, false],
    ['2026-01-01', 180, true],
  ])('asOf %s, N = %s → %s', (asOf, dueSoonDays, expected) => {
    const result = evaluateTask(makeTask(), asOf, dueSoonDays === undefined ? undefined : { dueSoonDays });
    expect(result?.timeliness).toBe('in_progress');
    expect(result?.dueSoon).toBe(expected);
  });

  it.each<[string, Partial<TaskFacts>, IsoDate]>([
    ['overdue', {}, '2026-07-01'],
    ['completed on time near the deadline', { completedOn: '2026-06-29' }, '2026-06-29'],
    ['no deadline', { originalDeadline: null }, '2026-06-29'],
  ])('is never set for a task %s', (_name, overrides, asOf) => {
    expect(evaluateTask(makeTask(overrides), asOf, { dueSoonDays: 1000 })?.dueSoon).toBe(false);
  });

  it.each([[-1], [1.5], [Number.NaN]])('rejects dueSoonDays = %s', (dueSoonDays) => {
    expect(() => evaluateTask(makeTask(), '2026-06-01', { dueSoonDays })).toThrow(RangeError);
    expect(() => summarizeTasks([], '2026-06-01', { dueSoonDays })).toThrow(RangeError);
  });
});

describe('existsOn and isCounted', () => {
  it.each<[string, Partial<TaskFacts>, IsoDate, boolean, boolean]>([
    ['before assignment', {}, '2025-12-31', false, false],
    ['on assignment', {}, '2026-01-01', true, true],
    ['cancelled that day', { cancelledOn: '2026-03-01' }, '2026-03-01', false, false],
    ['cancelled the next day', { cancelledOn: '2026-03-02' }, '2026-03-01', true, true],
    ['container that exists', { isContainer: true }, '2026-03-01', true, false],
    ['container before assignment', { isContainer: true }, '2025-12-31', false, false],
  ])('%s → exists %s, counted %s', (_name, overrides, asOf, exists, counted) => {
    const task = makeTask(overrides);
    expect(existsOn(task, asOf)).toBe(exists);
    expect(isCounted(task, asOf)).toBe(counted);
  });

  it('evaluates a container although it is never counted', () => {
    const container = makeTask({ isContainer: true, originalDeadline: null });
    expect(evaluateTask(container, '2026-03-01')).toEqual(evaluation('no_deadline', null));
    expect(summarizeTasks([container], '2026-03-01')).toEqual(emptyCounts());
  });
});

describe('emptyCounts and ratesFromCounts', () => {
  it('has zero counts and null rates', () => {
    expect(emptyCounts()).toEqual({
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
    });
  });

  it('returns a fresh object each time', () => {
    const counts = emptyCounts();
    counts.total = 5;
    expect(emptyCounts().total).toBe(0);
  });

  it.each<[string, Partial<TimelinessCounts>, number | null, number | null]>([
    ['nothing due', { total: 3, inProgress: 2, noDeadline: 1 }, null, null],
    ['all on time', { total: 2, due: 2, completedOnTime: 2 }, 1, 1],
    ['all overdue', { total: 2, due: 2, overdue: 2 }, 0, 0],
    ['mixed', { total: 5, due: 4, completedOnTime: 1, completedLate: 2, overdue: 1, inProgress: 1 }, 0.75, 0.25],
  ])('%s → completionRate %s, onTimeRate %s', (_name, overrides, completionRate, onTimeRate) => {
    const tallies = { ...emptyCounts(), ...overrides };
    const result = ratesFromCounts(tallies);
    expect(result).toEqual({ ...tallies, completionRate, onTimeRate });
    expect(result).not.toBe(tallies);
  });

  it('replaces stale rates', () => {
    const stale = { ...emptyCounts(), due: 2, completedOnTime: 1, overdue: 1, completionRate: 1, onTimeRate: 1 };
    expect(ratesFromCounts(stale)).toMatchObject({ completionRate: 0.5, onTimeRate: 0.5 });
  });
});

describe('countTimeliness', () => {
  it('counts nothing as rates null, not 0 and not 1', () => {
    expect(countTimeliness([])).toEqual(emptyCounts());
  });

  it('leaves rates null when only in-progress and continuous tasks exist', () => {
    const counts = countTimeliness([evaluation('in_progress', '2026-06-30', true), evaluation('no_deadline', null)]);
    expect(counts).toMatchObject({ total: 2, due: 0, inProgress: 1, dueSoon: 1, noDeadline: 1, completionRate: null, onTimeRate: null });
  });

  it('counts every category, due and the rates', () => {
    const counts = countTimeliness([
      evaluation('completed_on_time', '2026-06-30'),
      evaluation('completed_on_time', null),
      evaluation('completed_late', '2026-06-30'),
      evaluation('overdue', '2026-06-30', false, 3),
      evaluation('overdue', '2026-06-30', false, 1),
      evaluation('in_progress', '2026-07-30'),
      evaluation('in_progress', '2026-07-02', true),
      evaluation('no_deadline', null),
    ]);
    expect(counts).toEqual({
      total: 8,
      due: 5,
      completedOnTime: 2,
      completedLate: 1,
      inProgress: 2,
      overdue: 2,
      noDeadline: 1,
      dueSoon: 1,
      completionRate: 3 / 5,
      onTimeRate: 2 / 5,
    });
  });

  it('accepts any iterable', () => {
    function* generate() {
      yield evaluation('overdue', '2026-06-30', false, 1);
    }
    expect(countTimeliness(generate())).toMatchObject({ total: 1, due: 1, overdue: 1, completionRate: 0, onTimeRate: 0 });
  });
});

describe('summarizeTasks', () => {
  it('gives null rates for no tasks', () => {
    expect(summarizeTasks([], '2026-07-01')).toEqual(emptyCounts());
  });

  it('counts only the tasks counted on asOf', () => {
    const tasks = [
      makeTask({ completedOn: '2026-06-01' }), // on time
      makeTask({ completedOn: '2026-07-01' }), // completed on asOf, late
      makeTask({ completedOn: '2026-07-02' }), // completed after asOf: overdue on asOf
      makeTask({ originalDeadline: '2026-07-03' }), // in progress, due soon
      makeTask({ originalDeadline: '2026-12-31' }), // in progress
      makeTask({ originalDeadline: null }), // continuous
      makeTask({ isContainer: true }), // container: never counted
      makeTask({ assignedOn: '2026-07-02' }), // not yet assigned
      makeTask({ cancelledOn: '2026-07-01' }), // cancelled on asOf
    ];
    expect(summarizeTasks(tasks, '2026-07-01')).toEqual({
      total: 6,
      due: 3,
      completedOnTime: 1,
      completedLate: 1,
      inProgress: 2,
      overdue: 1,
      noDeadline: 1,
      dueSoon: 1,
      completionRate: 2 / 3,
      onTimeRate: 1 / 3,
    });
    expect(summarizeTasks(tasks, '2026-07-01', { dueSoonDays: 200 }).dueSoon).toBe(2);
  });

  // Random tasks whose dates fall in a short window, so that boundaries coincide often.
  const windowStart = '2026-01-01';
  const dayInWindow = fc.integer({ min: 0, max: 60 }).map((offset) => addDays(windowStart, offset));
  const taskFacts: fc.Arbitrary<TaskFacts> = fc.record({
    assignedOn: dayInWindow,
    isContainer: fc.boolean(),
    originalDeadline: fc.option(dayInWindow, { nil: null }),
    extensions: fc.array(fc.record({ approvedOn: dayInWindow, newDeadline: dayInWindow }), { maxLength: 3 }),
    completedOn: fc.option(dayInWindow, { nil: null }),
    cancelledOn: fc.option(dayInWindow, { nil: null, freq: 4 }),
  });

  it('keeps its totals consistent (property)', () => {
    fc.assert(
      fc.property(
        fc.array(taskFacts, { maxLength: 40 }),
        dayInWindow,
        fc.integer({ min: 0, max: 10 }),
        (tasks, asOf, dueSoonDays) => {
          const counts = summarizeTasks(tasks, asOf, { dueSoonDays });
          const { total, due, completedOnTime, completedLate, inProgress, overdue, noDeadline } = counts;
          expect(due).toBe(completedOnTime + completedLate + overdue);
          expect(total).toBe(completedOnTime + completedLate + inProgress + overdue + noDeadline);
          expect(total).toBe(tasks.filter((task) => isCounted(task, asOf)).length);
          expect(counts.dueSoon).toBeLessThanOrEqual(inProgress);
          if (due === 0) {
            expect(counts.completionRate).toBeNull();
            expect(counts.onTimeRate).toBeNull();
          } else {
            expect(counts.completionRate).toBe((completedOnTime + completedLate) / due);
            expect(counts.onTimeRate).toBe(completedOnTime / due);
            expect(counts.onTimeRate).toBeLessThanOrEqual(counts.completionRate ?? Number.NaN);
          }
        },
      ),
    );
  });

  it('evaluates each task consistently (property)', () => {
    fc.assert(
      fc.property(taskFacts, dayInWindow, (task, asOf) => {
        const result = evaluateTask(task, asOf);
        expect(result === null).toBe(!existsOn(task, asOf));
        if (result === null) return;
        expect(result.overdueDays === null).toBe(result.timeliness !== 'overdue');
        if (result.overdueDays !== null) expect(result.overdueDays).toBeGreaterThan(0);
        if (result.dueSoon) expect(result.timeliness).toBe('in_progress');
        if (result.timeliness === 'no_deadline') expect(result.deadline).toBeNull();
        if (['in_progress', 'overdue', 'completed_late'].includes(result.timeliness)) expect(result.deadline).not.toBeNull();
        const isCompleted = task.completedOn !== null && task.completedOn <= asOf;
        expect(result.timeliness.startsWith('completed_')).toBe(isCompleted);
      }),
    );
  });
});
