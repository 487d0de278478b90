import { describe, expect, it } from 'vitest';
import {
  canConfirmTask,
  canDecideExtension,
  canManageDirective,
  canManageOrganizations,
  canManageTask,
  canManageUsers,
  canReadAudit,
  canReadTask,
  canReportOnTask,
  canSubmitForTask,
  hasRoleOn,
  isSystemAdmin,
  isWithin,
  readableScopes,
  type Actor,
  type Role,
  type TaskAccess,
} from './policies';

/** Paths of the Phú Thọ reference tree. */
const province = '/25/';
const skhcn = '/25/SKHCN/';
const skhcnCentre = '/25/SKHCN/TTUD/';
const snnmt = '/25/SNNMT/';
const tanHoa = '/25/04792/';
const daBac = '/25/04831/';

let nextId = 1;
function actor(...grants: [Role, string][]): Actor {
  const userId = nextId++;
  return {
    userId,
    username: `user${userId}`,
    fullName: `Người dùng ${userId}`,
    grants: grants.map(([role, path], index) => ({
      role,
      organizationId: index + 1,
      organizationCode: path.split('/').filter(Boolean).at(-1)!,
      path,
    })),
  };
}

const admin = actor(['system_admin', province]);
/** A system administrator granted on a commune still holds everything. */
const communeAdmin = actor(['system_admin', tanHoa]);
const provinceLeader = actor(['leader', province]);
const provinceCoordinator = actor(['coordinator', province]);
const skhcnLeader = actor(['leader', skhcn]);
const skhcnCoordinator = actor(['coordinator', skhcn]);
const skhcnReporter = actor(['reporter', skhcn]);
const snnmtReporter = actor(['reporter', snnmt]);
const tanHoaReporter = actor(['reporter', tanHoa]);
const daBacReporter = actor(['reporter', daBac]);
const tanHoaCoordinator = actor(['coordinator', tanHoa]);
const provinceViewer = actor(['viewer', province]);
const nobody = actor();

/** Assigned by Sở KH&CN, led by Phường Tân Hòa, with Sở NN&MT coordinating. */
const communeTask: TaskAccess = { assigningPath: skhcn, leadPath: tanHoa, coordinatingPaths: [snnmt] };
/** Assigned by the province to a centre under Sở KH&CN. */
const centreTask: TaskAccess = { assigningPath: province, leadPath: skhcnCentre, coordinatingPaths: [] };
/** A container task with no lead yet. */
const unledTask: TaskAccess = { assigningPath: skhcn, leadPath: null, coordinatingPaths: [] };

describe('isWithin', () => {
  it.each([
    [skhcn, skhcn, true],
    [skhcnCentre, skhcn, true],
    [skhcn, province, true],
    [tanHoa, province, true],
    [province, skhcn, false],
    [tanHoa, daBac, false],
    ['/25/SKHCNX/', skhcn, false],
    // A scope written without its closing slash must not take in a sibling whose code starts the same.
    [skhcn, '/25/SKH', false],
    ['/25/SKH/A/', '/25/SKH', true],
    ['/26/', province, false],
  ])('%s within %s → %s', (path, scope, expected) => {
    expect(isWithin(path, scope)).toBe(expected);
  });
});

describe('isSystemAdmin and hasRoleOn', () => {
  it.each([
    [admin, true],
    [communeAdmin, true],
    [provinceLeader, false],
    [skhcnCoordinator, false],
    [provinceViewer, false],
    [nobody, false],
  ])('isSystemAdmin(%#)', (who, expected) => {
    expect(isSystemAdmin(who)).toBe(expected);
  });

  it.each<[string, Actor, Role[], string | null, boolean]>([
    ['a role on the organization itself', skhcnCoordinator, ['coordinator'], skhcn, true],
    ['a role on an ancestor', skhcnCoordinator, ['coordinator'], skhcnCentre, true],
    ['a province role reaches a commune', provinceLeader, ['leader'], tanHoa, true],
    ['not on the parent', skhcnCoordinator, ['coordinator'], province, false],
    ['not on a sibling', tanHoaReporter, ['reporter'], daBac, false],
    ['not another role', skhcnReporter, ['coordinator', 'leader'], skhcn, false],
    ['one of several wanted roles', skhcnLeader, ['coordinator', 'leader'], skhcn, true],
    ['no path', skhcnCoordinator, ['coordinator'], null, false],
    ['system_admin holds every role everywhere', communeAdmin, ['reporter'], daBac, true],
    ['system_admin even without a path', admin, ['coordinator'], null, true],
    ['no grants', nobody, ['viewer'], province, false],
  ])('%s', (_name, who, wanted, path, expected) => {
    expect(hasRoleOn(who, wanted, path)).toBe(expected);
  });

  it('uses any of several grants', () => {
    const both = actor(['reporter', tanHoa], ['coordinator', skhcn]);
    expect(hasRoleOn(both, ['reporter'], tanHoa)).toBe(true);
    expect(hasRoleOn(both, ['coordinator'], tanHoa)).toBe(false);
    expect(hasRoleOn(both, ['coordinator'], skhcnCentre)).toBe(true);
    expect(hasRoleOn(both, ['reporter'], skhcnCentre)).toBe(false);
  });
});

describe('readableScopes', () => {
  it('is everything (null) for a system administrator', () => {
    expect(readableScopes(admin)).toBeNull();
    expect(readableScopes(communeAdmin)).toBeNull();
  });
  it('is the paths of every grant otherwise', () => {
    expect(readableScopes(provinceViewer)).toEqual([province]);
    expect(readableScopes(actor(['reporter', tanHoa], ['leader', skhcn]))).toEqual([tanHoa, skhcn]);
    expect(readableScopes(nobody)).toEqual([]);
  });
});

describe('administration', () => {
  it.each<[string, Actor, boolean, boolean, boolean]>([
    // name, actor, manage organizations, manage users, read audit
    ['system_admin', admin, true, true, true],
    ['system_admin of a commune', communeAdmin, true, true, true],
    ['province leader', provinceLeader, false, false, true],
    ['province coordinator', provinceCoordinator, false, false, true],
    ['reporter', tanHoaReporter, false, false, false],
    ['viewer', provinceViewer, false, false, false],
    ['no role', nobody, false, false, false],
  ])('%s', (_name, who, organizations, users, audit) => {
    expect(canManageOrganizations(who)).toBe(organizations);
    expect(canManageUsers(who)).toBe(users);
    expect(canReadAudit(who)).toBe(audit);
  });
});

interface TaskExpectation {
  read: boolean;
  report: boolean;
  submit: boolean;
  confirm: boolean;
  decideExtension: boolean;
  manage: boolean;
}
const none: TaskExpectation = { read: false, report: false, submit: false, confirm: false, decideExtension: false, manage: false };
const readOnly: TaskExpectation = { ...none, read: true };
const everything: TaskExpectation = { read: true, report: true, submit: true, confirm: true, decideExtension: true, manage: true };

describe.each<[string, TaskAccess, [string, Actor, TaskExpectation][]]>([
  [
    'a task assigned by Sở KH&CN to Phường Tân Hòa, Sở NN&MT coordinating',
    communeTask,
    [
      ['system_admin', admin, everything],
      ['system_admin granted on another commune', communeAdmin, everything],
      ['leader of the province (above the assigning organization)', provinceLeader, { ...readOnly, decideExtension: true }],
      ['leader of the assigning organization decides extensions but cannot confirm', skhcnLeader, { ...readOnly, decideExtension: true }],
      ['coordinator of the province', provinceCoordinator, { ...readOnly, confirm: true, decideExtension: true, manage: true }],
      ['coordinator of the assigning organization confirms', skhcnCoordinator, { ...readOnly, confirm: true, decideExtension: true, manage: true }],
      ['reporter of the lead commune reports and submits', tanHoaReporter, { ...readOnly, report: true, submit: true }],
      ['reporter of another commune cannot act', daBacReporter, none],
      ['reporter of a coordinating organization reports but does not submit', snnmtReporter, { ...readOnly, report: true }],
      ['reporter of the assigning organization reads only', skhcnReporter, readOnly],
      ['coordinator of the lead commune does not confirm its own task', tanHoaCoordinator, readOnly],
      ['viewer of the province reads only', provinceViewer, readOnly],
      ['no role', nobody, none],
    ],
  ],
  [
    'a task assigned by the province to a centre under Sở KH&CN',
    centreTask,
    [
      ['reporter of Sở KH&CN (the centre is in its subtree)', skhcnReporter, { ...readOnly, report: true, submit: true }],
      ['coordinator of Sở KH&CN does not confirm a province task', skhcnCoordinator, readOnly],
      ['leader of Sở KH&CN does not decide a province task’s extension', skhcnLeader, readOnly],
      ['coordinator of the province confirms', provinceCoordinator, { ...readOnly, confirm: true, decideExtension: true, manage: true }],
      ['reporter of a commune', tanHoaReporter, none],
      ['viewer of the province reads only', provinceViewer, readOnly],
    ],
  ],
  [
    'a task with no lead organization',
    unledTask,
    [
      ['reporter of a commune', tanHoaReporter, none],
      ['reporter of the assigning organization reads but reports on nothing', skhcnReporter, readOnly],
      ['coordinator of the assigning organization', skhcnCoordinator, { ...readOnly, confirm: true, decideExtension: true, manage: true }],
      ['system_admin', admin, everything],
    ],
  ],
])('%s', (_task, task, cases) => {
  it.each(cases)('%s', (_name, who, expected) => {
    expect({
      read: canReadTask(who, task),
      report: canReportOnTask(who, task),
      submit: canSubmitForTask(who, task),
      confirm: canConfirmTask(who, task),
      decideExtension: canDecideExtension(who, task),
      manage: canManageTask(who, task),
    }).toEqual(expected);
  });
});

describe('canManageDirective', () => {
  it.each<[string, Actor, string, boolean]>([
    ['coordinator of the issuer', skhcnCoordinator, skhcn, true],
    ['coordinator above the issuer', provinceCoordinator, skhcn, true],
    ['coordinator below the issuer', skhcnCoordinator, province, false],
    ['coordinator of a sibling', skhcnCoordinator, snnmt, false],
    ['leader of the issuer', skhcnLeader, skhcn, false],
    ['reporter of the issuer', skhcnReporter, skhcn, false],
    ['viewer', provinceViewer, skhcn, false],
    ['system_admin', communeAdmin, province, true],
  ])('%s', (_name, who, issuerPath, expected) => {
    expect(canManageDirective(who, issuerPath)).toBe(expected);
  });
});
