import { describe, expect, it } from 'vitest';
import type { Actor } from './policies';
import {
  DEFAULT_COUNCIL_RULES,
  DEFAULT_STAGES,
  addMonthsToDate,
  addYears,
  assessRisk,
  canManageProject,
  canReadProject,
  canReportOnProject,
  checkPayment,
  checkStageTransition,
  conflictOfInterest,
  evaluateCouncil,
  latestCouncil,
  mergeBudgetYears,
  monthEnd,
  normalizePerson,
  stageOn,
  summarizeBudget,
  sumAmounts,
  validateBudgetPlan,
  validateCouncilRule,
  validateStageConfiguration,
  type CouncilMemberInput,
  type CouncilRule,
  type TransitionFacts,
} from './project-lifecycle';

const base: TransitionFacts = {
  stages: DEFAULT_STAGES,
  from: 'proposal',
  to: 'approved_list',
  on: '2026-03-01',
  lastMoveOn: '2026-01-10',
  today: '2026-03-15',
  councils: [],
  documentKinds: ['proposal', 'list_decision'],
  hasContractPeriod: false,
};

const check = (changes: Partial<TransitionFacts>) => checkStageTransition({ ...base, ...changes });
const messageOf = (changes: Partial<TransitionFacts>) => {
  const result = check(changes);
  return result.ok ? null : result.message;
};

describe('stage transitions', () => {
  it('moves forward, and may skip an optional step (the advisory council) but no required one', () => {
    expect(check({})).toEqual({ ok: true });
    expect(messageOf({ to: 'selection', documentKinds: ['proposal', 'application_dossier'] })).toBe(
      'Chưa thực hiện bước bắt buộc "Phê duyệt danh mục"; không thể chuyển thẳng sang bước "Tuyển chọn, giao trực tiếp".',
    );
    expect(messageOf({ from: 'implementation', to: 'settlement', documentKinds: ['settlement_minutes'] })).toBe(
      'Chưa thực hiện bước bắt buộc "Nghiệm thu"; không thể chuyển thẳng sang bước "Thanh lý hợp đồng".',
    );
    expect(messageOf({ from: 'proposal', to: 'contract', documentKinds: ['contract'], hasContractPeriod: true })).toContain(
      '"Phê duyệt danh mục", "Tuyển chọn, giao trực tiếp", "Hội đồng tuyển chọn, giao trực tiếp", "Thẩm định kinh phí", "Phê duyệt nhiệm vụ"',
    );
  });

  it('never goes back, nor stays, nor leaves a stopped project', () => {
    expect(messageOf({ from: 'approved_list', to: 'proposal' })).toBe('Không thể quay lại bước "Đề xuất đặt hàng" (nhiệm vụ đang ở bước "Phê duyệt danh mục").');
    expect(messageOf({ from: 'approved_list', to: 'approved_list' })).toBe('Nhiệm vụ đang ở bước "Phê duyệt danh mục".');
    expect(messageOf({ from: 'stopped' })).toBe('Nhiệm vụ đã dừng thực hiện; không thể chuyển bước.');
    expect(messageOf({ to: 'unknown' })).toBe('Bước "unknown" không có trong quy trình.');
  });

  it('refuses acceptance without a council, and after a council that rated it "Không đạt"', () => {
    const leave = { from: 'acceptance', to: 'settlement', documentKinds: ['final_report', 'settlement_minutes'] };
    expect(messageOf(leave)).toBe('Chưa có kết quả Hội đồng nghiệm thu; không thể chuyển sang bước "Thanh lý hợp đồng".');
    expect(messageOf({ ...leave, councils: [{ kind: 'evaluation', result: 'pass', heldOn: '2026-01-05' }] })).toContain('Chưa có kết quả Hội đồng nghiệm thu');
    expect(messageOf({ ...leave, councils: [{ kind: 'acceptance', result: 'fail', heldOn: '2026-02-01' }] })).toBe(
      'Hội đồng nghiệm thu đánh giá "Không đạt"; không thể chuyển sang bước "Thanh lý hợp đồng".',
    );
    // A second acceptance after a failed one stands.
    const councils = [
      { kind: 'acceptance', result: 'fail' as const, heldOn: '2026-02-01' },
      { kind: 'acceptance', result: 'pass' as const, heldOn: '2026-03-01' },
    ];
    expect(check({ ...leave, councils })).toEqual({ ok: true });
    expect(latestCouncil(councils, 'acceptance')?.result).toBe('pass');
    expect(check({ ...leave, councils: [{ kind: 'acceptance', result: 'excellent', heldOn: '2026-03-01' }] })).toEqual({ ok: true });
  });

  it('needs the selection council before the budget appraisal', () => {
    const leave = { from: 'evaluation', to: 'budget_appraisal', documentKinds: ['appraisal_minutes'] };
    expect(messageOf(leave)).toBe('Chưa có kết quả Hội đồng tuyển chọn, giao trực tiếp; không thể chuyển sang bước "Thẩm định kinh phí".');
    expect(check({ ...leave, councils: [{ kind: 'evaluation', result: 'pass', heldOn: '2026-02-01' }] })).toEqual({ ok: true });
  });

  it("needs the target stage's documents and, for the contract, its period", () => {
    expect(messageOf({ documentKinds: ['proposal'] })).toBe('Bước "Phê duyệt danh mục" cần văn bản: Quyết định phê duyệt danh mục nhiệm vụ.');
    const contract = { from: 'approval', to: 'contract', documentKinds: ['contract'] };
    expect(messageOf(contract)).toBe('Ký hợp đồng cần thời gian thực hiện (tháng bắt đầu và tháng kết thúc).');
    expect(check({ ...contract, hasContractPeriod: true })).toEqual({ ok: true });
  });

  it('dates a move no later than today and no earlier than the previous move', () => {
    expect(messageOf({ on: '2026-03-16' })).toBe('Ngày 16/03/2026 sau ngày hôm nay (15/03/2026).');
    expect(messageOf({ on: '2026-01-09' })).toBe('Ngày 09/01/2026 trước ngày của bước trước (10/01/2026).');
    expect(check({ on: '2026-01-10' })).toEqual({ ok: true });
    expect(check({ on: '2026-03-15' })).toEqual({ ok: true });
  });

  it('tells the stage of a project on a date from its dated moves', () => {
    const moves = [
      { stage: 'proposal', on: '2025-05-01' },
      { stage: 'approved_list', on: '2025-08-01' },
      { stage: 'contract', on: '2025-12-01' },
      { stage: 'implementation', on: '2025-12-01' },
    ];
    expect(stageOn(moves, '2025-04-30')).toBeNull();
    expect(stageOn(moves, '2025-05-01')).toBe('proposal');
    expect(stageOn(moves, '2025-11-30')).toBe('approved_list');
    // Two moves on one day: the one recorded later stands.
    expect(stageOn(moves, '2025-12-01')).toBe('implementation');
  });

  it('validates a stage configuration', () => {
    expect(validateStageConfiguration(DEFAULT_STAGES)).toEqual([]);
    const withoutContract = DEFAULT_STAGES.filter((stage) => stage.code !== 'contract');
    expect(validateStageConfiguration(withoutContract)).toEqual(['Cần có bước "contract" (ký hợp đồng): thời hạn của nhiệm vụ tính từ hợp đồng.']);
    const duplicated = [...DEFAULT_STAGES, { ...DEFAULT_STAGES[0], sortOrder: 999 }];
    expect(validateStageConfiguration(duplicated)).toContain('Mã bước "proposal" bị trùng.');
    const reordered = DEFAULT_STAGES.map((stage) => (stage.code === 'acceptance' ? { ...stage, sortOrder: 75 } : stage));
    expect(validateStageConfiguration(reordered)).toContain('Bước nghiệm thu phải sau bước ký hợp đồng.');
  });
});

describe('councils', () => {
  const rule = DEFAULT_COUNCIL_RULES.acceptance;
  const project = { hostPath: '/25/DHHV/', hostName: 'Trường Đại học Hùng Vương', people: ['PGS.TS. Nguyễn Văn An', 'ThS. Lê Thị Bình'] };
  const member = (name: string, role: CouncilMemberInput['role'], total: [number, number, number, number], organizationPath: string | null = '/25/SKHCN/'): CouncilMemberInput => ({
    name,
    role,
    organizationPath,
    scores: { volume: total[0], quality: total[1], application: total[2], management: total[3] },
  });
  const council = (totals: [number, number, number, number][]) =>
    totals.map((scores, index) => member(`Thành viên ${index + 1}`, index === 0 ? 'chair' : index < 3 ? 'reviewer' : index === 4 ? 'secretary' : 'member', scores));

  it.each([
    // [member scores, mean, result]
    [[[25, 35, 17, 8], [25, 35, 17, 8], [25, 35, 17, 8], [25, 35, 17, 8], [25, 35, 17, 8]], 85, 'excellent'],
    [[[25, 35, 17, 8], [25, 35, 17, 8], [25, 35, 17, 8], [25, 35, 17, 8], [25, 35, 17, 7]], 84.8, 'pass'],
    [[[20, 30, 14, 6], [20, 30, 14, 6], [20, 30, 14, 6], [20, 30, 14, 6], [20, 30, 14, 6]], 70, 'pass'],
    [[[20, 30, 14, 6], [20, 30, 14, 6], [20, 30, 14, 6], [20, 30, 14, 6], [20, 30, 14, 5.5]], 69.9, 'fail'],
    [[[10, 10, 10, 5], [10, 10, 10, 5], [10, 10, 10, 5], [10, 10, 10, 5], [10, 10, 10, 5]], 35, 'fail'],
  ] as const)('mean score and thresholds: %j → %s (%s)', (totals, mean, result) => {
    const evaluation = evaluateCouncil(rule, council(totals as unknown as [number, number, number, number][]), project);
    expect(evaluation).toMatchObject({ ok: true, outcome: { meanScore: mean, result } });
  });

  it('compares the exact mean with the thresholds, never a rounded one', () => {
    // Three members: 70 + 70 + 69.99 → mean 69.996…, which rounds to 70.00 but is below it.
    const three: CouncilRule = { ...rule, minMembers: 3, minReviewers: 0 };
    const members = [member('A', 'chair', [20, 30, 14, 6]), member('B', 'member', [20, 30, 14, 6]), member('C', 'member', [20, 30, 14, 5.99])];
    expect(evaluateCouncil(three, members, project)).toMatchObject({ ok: true, outcome: { meanScore: 70, result: 'fail' } });
  });

  it('refuses a member from the host organization, or one of the project team (conflict of interest)', () => {
    const members = council([[25, 35, 17, 8], [25, 35, 17, 8], [25, 35, 17, 8], [25, 35, 17, 8], [25, 35, 17, 8]]);
    members[3] = member('TS. Hoàng Minh', 'member', [25, 35, 17, 8], '/25/DHHV/KHOA-NN/');
    members[4] = member('Nguyễn Văn An', 'secretary', [25, 35, 17, 8]);
    const evaluation = evaluateCouncil(rule, members, project);
    expect(evaluation.ok).toBe(false);
    expect(evaluation.ok ? [] : evaluation.problems).toEqual([
      'Thành viên "TS. Hoàng Minh" thuộc tổ chức chủ trì (Trường Đại học Hùng Vương): không được tham gia hội đồng (xung đột lợi ích).',
      'Thành viên "Nguyễn Văn An" là chủ nhiệm hoặc thành viên thực hiện nhiệm vụ: không được tham gia hội đồng (xung đột lợi ích).',
    ]);
    expect(conflictOfInterest({ name: 'X', organizationPath: '/25/DHHVX/' }, project)).toBeNull();
    expect(normalizePerson('PGS.TS.  Nguyễn Văn  An')).toBe('nguyễn văn an');
  });

  it('needs enough members, one chair, the reviewers, and every score within its range', () => {
    const members = [member('A', 'member', [31, 35, 17, 8]), member('B', 'member', [25, 35, 17, 8])];
    delete (members[1].scores as Record<string, number>).quality;
    const evaluation = evaluateCouncil(rule, members, project);
    expect(evaluation.ok ? [] : evaluation.problems).toEqual([
      'Hội đồng nghiệm thu cần ít nhất 5 thành viên (có 2).',
      'Hội đồng nghiệm thu cần đúng một Chủ tịch (có 0).',
      'Hội đồng nghiệm thu cần ít nhất 2 Phản biện (có 0).',
      'Thành viên "A": điểm tiêu chí "Số lượng, khối lượng, chủng loại sản phẩm" phải từ 0 đến 30 (đã ghi 31).',
      'Thành viên "B" chưa chấm tiêu chí "Chất lượng, yêu cầu khoa học của sản phẩm".',
    ]);
  });

  it('only passes or fails a council without an "excellent" threshold', () => {
    const evaluation = evaluateCouncil(DEFAULT_COUNCIL_RULES.evaluation, [
      { name: 'A', role: 'chair', organizationPath: null, scores: { objectives: 40, team: 30, products: 30 } },
      { name: 'B', role: 'reviewer', organizationPath: null, scores: { objectives: 40, team: 30, products: 30 } },
      { name: 'C', role: 'reviewer', organizationPath: null, scores: { objectives: 40, team: 30, products: 30 } },
      { name: 'D', role: 'member', organizationPath: null, scores: { objectives: 40, team: 30, products: 30 } },
      { name: 'E', role: 'secretary', organizationPath: null, scores: { objectives: 40, team: 30, products: 30 } },
    ], project);
    expect(evaluation).toMatchObject({ ok: true, outcome: { meanScore: 100, result: 'pass' } });
  });

  it('validates the configured rules', () => {
    for (const configured of Object.values(DEFAULT_COUNCIL_RULES)) expect(validateCouncilRule(configured)).toEqual([]);
    expect(validateCouncilRule({ ...rule, excellentFrom: 60 })).toEqual(['Hội đồng nghiệm thu: ngưỡng "Xuất sắc" phải từ ngưỡng "Đạt" đến 100.']);
  });
});

describe('budget sums', () => {
  const plan = { total: 1200.5, stateByYear: { '2025': 500.2, '2026': 400.3 }, other: 300 };

  it('adds amounts to the thousand đồng, without floating-point drift', () => {
    expect(sumAmounts([0.1, 0.2])).toBe(0.3);
    expect(sumAmounts([500.2, 400.3, 300])).toBe(1200.5);
    expect(validateBudgetPlan(plan)).toEqual([]);
  });

  it('needs the total to be the state budget plus other sources when they are given', () => {
    expect(validateBudgetPlan({ ...plan, total: 1200 })).toEqual([
      'Tổng kinh phí (1.200 triệu đồng) phải bằng kinh phí ngân sách nhà nước (900,5) cộng nguồn khác (300).',
    ]);
    // An estimate without a breakdown stands alone.
    expect(validateBudgetPlan({ total: 800, stateByYear: {}, other: 0 })).toEqual([]);
    expect(validateBudgetPlan({ total: 10, stateByYear: { '25': 10 }, other: -1 })).toEqual(['Kinh phí từ nguồn khác không được âm.', 'Năm ngân sách "25" không hợp lệ.', 'Tổng kinh phí (10 triệu đồng) phải bằng kinh phí ngân sách nhà nước (10) cộng nguồn khác (-1).']);
  });

  it('sums planned against paid by year, as of a date', () => {
    const payments = [
      { paidOn: '2025-03-10', year: 2025, amount: 250.1, source: 'state' as const },
      { paidOn: '2025-10-10', year: 2025, amount: 250.1, source: 'state' as const },
      { paidOn: '2026-02-01', year: 2026, amount: 200, source: 'state' as const },
      { paidOn: '2026-02-01', year: 2026, amount: 100, source: 'other' as const },
    ];
    expect(summarizeBudget(plan, payments)).toEqual({
      total: 1200.5,
      state: 900.5,
      other: 300,
      paid: 800.2,
      paidState: 700.2,
      paidOther: 100,
      remainingState: 200.3,
      disbursementRate: 700.2 / 900.5,
      byYear: [
        { year: 2025, planned: 500.2, paid: 500.2 },
        { year: 2026, planned: 400.3, paid: 200 },
      ],
    });
    expect(summarizeBudget(plan, payments, '2025-12-31')).toMatchObject({ paidState: 500.2, paidOther: 0, byYear: [{ year: 2025, paid: 500.2 }, { year: 2026, paid: 0 }] });
    expect(summarizeBudget({ total: 0, stateByYear: {}, other: 0 }, []).disbursementRate).toBeNull();
    expect(mergeBudgetYears([summarizeBudget(plan, payments), { byYear: [{ year: 2024, planned: 1, paid: 1 }, { year: 2026, planned: 0.1, paid: 0.2 }] }])).toEqual([
      { year: 2024, planned: 1, paid: 1 },
      { year: 2025, planned: 500.2, paid: 500.2 },
      { year: 2026, planned: 400.4, paid: 200.2 },
    ]);
  });

  it('refuses a payment beyond the approved budget of its source', () => {
    const paid = [{ paidOn: '2025-03-10', year: 2025, amount: 900, source: 'state' as const }];
    expect(checkPayment(plan, paid, { paidOn: '2026-01-05', year: 2026, amount: 0.5, source: 'state' }, '2026-03-15')).toBeNull();
    expect(checkPayment(plan, paid, { paidOn: '2026-01-05', year: 2026, amount: 0.501, source: 'state' }, '2026-03-15')).toBe(
      'Tổng kinh phí ngân sách nhà nước đã cấp (900,501 triệu đồng) vượt kinh phí được phê duyệt (900,5 triệu đồng).',
    );
    expect(checkPayment(plan, paid, { paidOn: '2026-01-05', year: 2026, amount: 300, source: 'other' }, '2026-03-15')).toBeNull();
    expect(checkPayment(plan, paid, { paidOn: '2026-01-05', year: 2026, amount: 0, source: 'other' }, '2026-03-15')).toBe('Số tiền cấp phải lớn hơn 0.');
    expect(checkPayment(plan, paid, { paidOn: '2026-03-16', year: 2026, amount: 1, source: 'other' }, '2026-03-15')).toBe('Ngày cấp 16/03/2026 sau ngày hôm nay.');
  });
});

describe('dates and risk', () => {
  it('computes month ends and anniversaries', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2026-12')).toBe('2026-12-31');
    expect(addYears('2024-02-29', 2)).toBe('2026-02-28');
    expect(addYears('2025-06-15', 2)).toBe('2027-06-15');
    expect(addMonthsToDate('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonthsToDate('2025-12-15', -12)).toBe('2024-12-15');
  });

  it('flags a project in progress whose deadline is near or whose six-monthly report is missing', () => {
    const facts = { timeliness: 'in_progress' as const, deadline: '2026-06-30', reachedAcceptance: false, contractOn: '2025-01-15', lastReportOn: '2025-12-20' };
    // 15/04 → 30/06 is 76 days: near; 15/03 → 30/06 is 107 days: not yet.
    expect(assessRisk(facts, '2026-04-15')).toEqual(['deadline_near']);
    expect(assessRisk(facts, '2026-03-15')).toEqual([]);
    expect(assessRisk({ ...facts, reachedAcceptance: true }, '2026-04-15')).toEqual([]);
    // Last report 20/12/2025: the next is due 20/06/2026, with 30 days of grace.
    expect(assessRisk({ ...facts, deadline: '2027-12-31' }, '2026-07-20')).toEqual([]);
    expect(assessRisk({ ...facts, deadline: '2027-12-31' }, '2026-07-21')).toEqual(['report_missing']);
    expect(assessRisk({ ...facts, deadline: '2027-12-31', lastReportOn: null }, '2025-08-15')).toEqual(['report_missing']);
    expect(assessRisk({ ...facts, timeliness: 'overdue' }, '2026-07-21')).toEqual([]);
  });
});

describe('policies', () => {
  const actor = (role: Actor['grants'][number]['role'], path: string): Actor => ({ userId: 1, username: 'u', fullName: 'U', grants: [{ role, organizationId: 1, organizationCode: 'X', path }] });
  const access = { hostPath: '/25/DHHV/', managingPath: '/25/' };

  it('lets coordinators of the managing side manage, host reporters report, anyone concerned read', () => {
    expect(canManageProject(actor('coordinator', '/25/'), access)).toBe(true);
    expect(canManageProject(actor('reporter', '/25/DHHV/'), access)).toBe(false);
    expect(canReportOnProject(actor('reporter', '/25/DHHV/'), access)).toBe(true);
    expect(canReportOnProject(actor('reporter', '/25/SYT/'), access)).toBe(false);
    expect(canReadProject(actor('viewer', '/25/'), access)).toBe(true);
    expect(canReadProject(actor('reporter', '/25/SYT/'), access)).toBe(false);
  });
});
