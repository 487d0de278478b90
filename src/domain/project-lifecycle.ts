/**
 * S&T projects (nhiệm vụ KH&CN): the vocabulary, the configurable life cycle, council results,
 * budget sums and the risk of a project as of a date. Pure: no I/O, "today" and "asOf" are given.
 *
 * Amounts are in million đồng (triệu đồng), the unit of the Department's budget tables; sums are
 * made in whole thousand đồng so that 0,1 + 0,2 is 0,3.
 */
import { compareDates, daysBetween, isIsoDate, lastDayOfMonth, type IsoDate } from './dates';
import { hasRoleOn, type Actor } from './policies';
import type { Timeliness } from './timeliness';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Management levels (cấp quản lý). */
export const PROJECT_LEVELS = ['national', 'ministry', 'province', 'grassroots'] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];
export const PROJECT_LEVEL_LABELS: Readonly<Record<ProjectLevel, string>> = {
  national: 'Quốc gia',
  ministry: 'Bộ',
  province: 'Tỉnh',
  grassroots: 'Cơ sở',
};

/** Kinds of S&T task. */
export const PROJECT_TYPES = ['research', 'pilot_production', 'scientific_scheme', 'st_project'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];
export const PROJECT_TYPE_LABELS: Readonly<Record<ProjectType, string>> = {
  research: 'Đề tài',
  pilot_production: 'Dự án sản xuất thử nghiệm',
  scientific_scheme: 'Đề án khoa học',
  st_project: 'Dự án KH&CN',
};

/** The six fields of science and technology. */
export const PROJECT_FIELDS = ['natural_sciences', 'engineering_technology', 'medical_health', 'agricultural', 'social_sciences', 'humanities'] as const;
export type ProjectField = (typeof PROJECT_FIELDS)[number];
export const PROJECT_FIELD_LABELS: Readonly<Record<ProjectField, string>> = {
  natural_sciences: 'Khoa học tự nhiên',
  engineering_technology: 'Khoa học kỹ thuật và công nghệ',
  medical_health: 'Khoa học y, dược',
  agricultural: 'Khoa học nông nghiệp',
  social_sciences: 'Khoa học xã hội',
  humanities: 'Khoa học nhân văn',
};

export const COUNCIL_KINDS = ['definition', 'evaluation', 'acceptance'] as const;
export type CouncilKind = (typeof COUNCIL_KINDS)[number];
export const COUNCIL_KIND_LABELS: Readonly<Record<CouncilKind, string>> = {
  definition: 'Hội đồng tư vấn xác định nhiệm vụ',
  evaluation: 'Hội đồng tuyển chọn, giao trực tiếp',
  acceptance: 'Hội đồng nghiệm thu',
};

export const COUNCIL_ROLES = ['chair', 'reviewer', 'member', 'secretary'] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];
export const COUNCIL_ROLE_LABELS: Readonly<Record<CouncilRole, string>> = {
  chair: 'Chủ tịch',
  reviewer: 'Phản biện',
  member: 'Ủy viên',
  secretary: 'Thư ký',
};

export const COUNCIL_RESULTS = ['excellent', 'pass', 'fail'] as const;
export type CouncilResult = (typeof COUNCIL_RESULTS)[number];
export const COUNCIL_RESULT_LABELS: Readonly<Record<CouncilResult, string>> = {
  excellent: 'Xuất sắc',
  pass: 'Đạt',
  fail: 'Không đạt',
};

export const PAYMENT_SOURCES = ['state', 'other'] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];
export const PAYMENT_SOURCE_LABELS: Readonly<Record<PaymentSource, string>> = { state: 'Ngân sách nhà nước', other: 'Nguồn khác' };

/** Kinds of change request during implementation. */
export const CHANGE_KINDS = ['content', 'members', 'budget', 'schedule'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_KIND_LABELS: Readonly<Record<ChangeKind, string>> = {
  content: 'Điều chỉnh nội dung',
  members: 'Thay đổi thành viên',
  budget: 'Điều chỉnh kinh phí',
  schedule: 'Gia hạn thời gian thực hiện',
};

/** The application of results, followed up for two years. */
export const APPLICATION_STATUSES = ['applying', 'applied', 'transferred', 'discontinued'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Readonly<Record<ApplicationStatus, string>> = {
  applying: 'Đang ứng dụng',
  applied: 'Đã ứng dụng hiệu quả',
  transferred: 'Đã chuyển giao',
  discontinued: 'Không tiếp tục ứng dụng',
};
/** Years an application of results is followed up. */
export const APPLICATION_FOLLOW_UP_YEARS = 2;

/** Documents of a project (hồ sơ), by kind; configuration may name more kinds. */
export const DOCUMENT_KIND_LABELS: Readonly<Record<string, string>> = {
  proposal: 'Phiếu đề xuất đặt hàng',
  definition_minutes: 'Biên bản họp Hội đồng tư vấn xác định nhiệm vụ',
  list_decision: 'Quyết định phê duyệt danh mục nhiệm vụ',
  application_dossier: 'Hồ sơ đăng ký tuyển chọn, giao trực tiếp',
  evaluation_minutes: 'Biên bản họp Hội đồng tuyển chọn, giao trực tiếp',
  appraisal_minutes: 'Biên bản thẩm định kinh phí',
  approval_decision: 'Quyết định phê duyệt nhiệm vụ và kinh phí',
  contract: 'Hợp đồng thực hiện nhiệm vụ',
  progress_report: 'Báo cáo định kỳ',
  inspection_minutes: 'Biên bản kiểm tra giữa kỳ',
  change_decision: 'Văn bản chấp thuận điều chỉnh',
  final_report: 'Báo cáo tổng hợp kết quả',
  acceptance_minutes: 'Biên bản họp Hội đồng nghiệm thu',
  settlement_minutes: 'Biên bản thanh lý hợp đồng',
  registration_certificate: 'Giấy chứng nhận đăng ký kết quả',
  application_report: 'Báo cáo ứng dụng kết quả',
  stop_decision: 'Quyết định dừng thực hiện',
  other: 'Văn bản khác',
};

// ---------------------------------------------------------------------------------------------
// The life cycle (configuration)
// ---------------------------------------------------------------------------------------------

/** A document a stage needs, by kind, with its display name. */
export interface RequiredDocument {
  kind: string;
  name: string;
}

/**
 * One step of the life cycle, as configured in `project_stages`. Recording a project's move into
 * the stage needs `requiredDocuments` (given with the move or already on file); leaving the stage
 * needs a council of kind `requiresCouncil` whose result is not "Không đạt". An optional stage may
 * be skipped; a required one never.
 */
export interface StageDefinition {
  code: string;
  name: string;
  sortOrder: number;
  requiredDocuments: RequiredDocument[];
  requiresCouncil: CouncilKind | null;
  isOptional: boolean;
}

/** The stage whose recording signs the contract: the project's task and deadline start here. */
export const CONTRACT_STAGE = 'contract';
/** The stage in which the acceptance council is held. */
export const ACCEPTANCE_STAGE = 'acceptance';
/** Not a configured stage: a project stopped by decision (đình chỉ, chấm dứt) leaves the sequence. */
export const STOPPED_STAGE = 'stopped';
export const STOPPED_STAGE_NAME = 'Dừng thực hiện';

const doc = (kind: string): RequiredDocument => ({ kind, name: DOCUMENT_KIND_LABELS[kind] ?? kind });

/**
 * The sequence in force since the 2025 Law on Science, Technology and Innovation, shipped as the
 * default configuration: proposal → task definition by an advisory council → approved list →
 * open selection or direct assignment → evaluation council → budget appraisal → approval →
 * contract → implementation → acceptance council → contract settlement → registration of results
 * → application and transfer of results.
 */
export const DEFAULT_STAGES: readonly StageDefinition[] = [
  { code: 'proposal', name: 'Đề xuất đặt hàng', sortOrder: 10, requiredDocuments: [doc('proposal')], requiresCouncil: null, isOptional: false },
  { code: 'definition', name: 'Xác định nhiệm vụ (Hội đồng tư vấn)', sortOrder: 20, requiredDocuments: [], requiresCouncil: 'definition', isOptional: true },
  { code: 'approved_list', name: 'Phê duyệt danh mục', sortOrder: 30, requiredDocuments: [doc('list_decision')], requiresCouncil: null, isOptional: false },
  { code: 'selection', name: 'Tuyển chọn, giao trực tiếp', sortOrder: 40, requiredDocuments: [doc('application_dossier')], requiresCouncil: null, isOptional: false },
  { code: 'evaluation', name: 'Hội đồng tuyển chọn, giao trực tiếp', sortOrder: 50, requiredDocuments: [], requiresCouncil: 'evaluation', isOptional: false },
  { code: 'budget_appraisal', name: 'Thẩm định kinh phí', sortOrder: 60, requiredDocuments: [doc('appraisal_minutes')], requiresCouncil: null, isOptional: false },
  { code: 'approval', name: 'Phê duyệt nhiệm vụ', sortOrder: 70, requiredDocuments: [doc('approval_decision')], requiresCouncil: null, isOptional: false },
  { code: 'contract', name: 'Ký hợp đồng', sortOrder: 80, requiredDocuments: [doc('contract')], requiresCouncil: null, isOptional: false },
  { code: 'implementation', name: 'Tổ chức thực hiện', sortOrder: 90, requiredDocuments: [], requiresCouncil: null, isOptional: false },
  { code: 'acceptance', name: 'Nghiệm thu', sortOrder: 100, requiredDocuments: [doc('final_report')], requiresCouncil: 'acceptance', isOptional: false },
  { code: 'settlement', name: 'Thanh lý hợp đồng', sortOrder: 110, requiredDocuments: [doc('settlement_minutes')], requiresCouncil: null, isOptional: false },
  { code: 'registration', name: 'Đăng ký kết quả', sortOrder: 120, requiredDocuments: [doc('registration_certificate')], requiresCouncil: null, isOptional: false },
  { code: 'application', name: 'Ứng dụng, chuyển giao kết quả', sortOrder: 130, requiredDocuments: [], requiresCouncil: null, isOptional: false },
];

/** The stages in their order (by sortOrder, then code). */
export function orderStages(stages: readonly StageDefinition[]): StageDefinition[] {
  return [...stages].sort((a, b) => a.sortOrder - b.sortOrder || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Problems of a stage configuration, as Vietnamese messages (none: usable). Codes are unique and
 * non-empty, the stages `contract` and `acceptance` exist (their behaviour is built in) in that
 * order, councils are of a known kind, and the first stage is required.
 */
export function validateStageConfiguration(stages: readonly StageDefinition[]): string[] {
  const problems: string[] = [];
  const ordered = orderStages(stages);
  const codes = new Set<string>();
  for (const stage of ordered) {
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(stage.code)) problems.push(`Mã bước "${stage.code}" không hợp lệ (chữ thường không dấu, số, dấu gạch dưới).`);
    if (codes.has(stage.code)) problems.push(`Mã bước "${stage.code}" bị trùng.`);
    codes.add(stage.code);
    if (stage.code === STOPPED_STAGE) problems.push(`Mã bước "${STOPPED_STAGE}" dành cho nhiệm vụ dừng thực hiện.`);
    if (!stage.name.trim()) problems.push(`Bước "${stage.code}" chưa có tên.`);
    if (stage.requiresCouncil !== null && !(COUNCIL_KINDS as readonly string[]).includes(stage.requiresCouncil)) {
      problems.push(`Bước "${stage.code}": loại hội đồng "${stage.requiresCouncil}" không hợp lệ.`);
    }
  }
  const contract = ordered.findIndex((stage) => stage.code === CONTRACT_STAGE);
  const acceptance = ordered.findIndex((stage) => stage.code === ACCEPTANCE_STAGE);
  if (contract < 0) problems.push(`Cần có bước "${CONTRACT_STAGE}" (ký hợp đồng): thời hạn của nhiệm vụ tính từ hợp đồng.`);
  if (acceptance < 0) problems.push(`Cần có bước "${ACCEPTANCE_STAGE}" (nghiệm thu).`);
  if (contract >= 0 && acceptance >= 0 && acceptance < contract) problems.push('Bước nghiệm thu phải sau bước ký hợp đồng.');
  if (ordered.length > 0 && ordered[0].isOptional) problems.push(`Bước đầu tiên ("${ordered[0].name}") không được là bước tùy chọn.`);
  if (acceptance >= 0 && ordered[acceptance].requiresCouncil !== 'acceptance') problems.push('Bước nghiệm thu phải có Hội đồng nghiệm thu.');
  return problems;
}

/** The position of a stage in the sequence; −1 when unknown (or stopped). */
export function stageIndex(stages: readonly StageDefinition[], code: string): number {
  return orderStages(stages).findIndex((stage) => stage.code === code);
}

/** Whether `code` is at or after `reference` in the sequence (false for unknown stages). */
export function isAtOrAfter(stages: readonly StageDefinition[], code: string, reference: string): boolean {
  const at = stageIndex(stages, code);
  const ref = stageIndex(stages, reference);
  return at >= 0 && ref >= 0 && at >= ref;
}

/** The name of a stage (the configured one, "Dừng thực hiện", or the code itself). */
export function stageName(stages: readonly StageDefinition[], code: string): string {
  if (code === STOPPED_STAGE) return STOPPED_STAGE_NAME;
  return stages.find((stage) => stage.code === code)?.name ?? code;
}

/** A council on file, as the transition rules need it. */
export interface CouncilFact {
  kind: string;
  result: CouncilResult | null;
  heldOn: IsoDate;
}

/** Everything a move from one stage to another is checked against. */
export interface TransitionFacts {
  stages: readonly StageDefinition[];
  /** The project's current stage. */
  from: string;
  to: string;
  /** The date the move took effect (the decision's or document's date). */
  on: IsoDate;
  /** The date of the project's latest move: a move cannot be dated before it. */
  lastMoveOn: IsoDate | null;
  today: IsoDate;
  councils: readonly CouncilFact[];
  /** Kinds of the documents on file plus the one given with the move. */
  documentKinds: readonly string[];
  /** Start and end months are known (needed to sign the contract). */
  hasContractPeriod: boolean;
}

export type CheckResult = { ok: true } | { ok: false; message: string };

function passes(result: CouncilResult | null): boolean {
  return result === 'pass' || result === 'excellent';
}

/**
 * The latest council of a kind (by date, then by position in the list): the one whose result
 * stands. A failed council followed by a passing one (re-evaluation) passes.
 */
export function latestCouncil<T extends CouncilFact>(councils: readonly T[], kind: string): T | null {
  let latest: T | null = null;
  for (const council of councils) {
    if (council.kind !== kind) continue;
    if (latest === null || compareDates(council.heldOn, latest.heldOn) >= 0) latest = council;
  }
  return latest;
}

/**
 * Checks a move of a project from its current stage to a later one: forward only; every stage
 * skipped is optional; the stage left behind has its council with a result other than "Không
 * đạt" (so no acceptance without an acceptance council); the target's documents are on file;
 * the contract needs the start and end months; the date is not in the future nor before the
 * previous move.
 */
export function checkStageTransition(facts: TransitionFacts): CheckResult {
  const ordered = orderStages(facts.stages);
  const fail = (message: string): CheckResult => ({ ok: false, message });
  if (facts.from === STOPPED_STAGE) return fail('Nhiệm vụ đã dừng thực hiện; không thể chuyển bước.');
  const from = ordered.findIndex((stage) => stage.code === facts.from);
  const to = ordered.findIndex((stage) => stage.code === facts.to);
  if (to < 0) return fail(`Bước "${facts.to}" không có trong quy trình.`);
  if (from < 0) return fail(`Bước hiện tại "${facts.from}" không có trong quy trình; vui lòng kiểm tra cấu hình các bước.`);
  const target = ordered[to];
  if (to === from) return fail(`Nhiệm vụ đang ở bước "${target.name}".`);
  if (to < from) return fail(`Không thể quay lại bước "${target.name}" (nhiệm vụ đang ở bước "${ordered[from].name}").`);
  const skipped = ordered.slice(from + 1, to).filter((stage) => !stage.isOptional);
  if (skipped.length > 0) {
    return fail(`Chưa thực hiện bước bắt buộc ${skipped.map((stage) => `"${stage.name}"`).join(', ')}; không thể chuyển thẳng sang bước "${target.name}".`);
  }
  const current = ordered[from];
  if (current.requiresCouncil) {
    const council = latestCouncil(facts.councils, current.requiresCouncil);
    const councilName = COUNCIL_KIND_LABELS[current.requiresCouncil];
    if (!council) return fail(`Chưa có kết quả ${councilName}; không thể chuyển sang bước "${target.name}".`);
    if (!passes(council.result)) return fail(`${councilName} đánh giá "Không đạt"; không thể chuyển sang bước "${target.name}".`);
  }
  const missing = target.requiredDocuments.filter((required) => !facts.documentKinds.includes(required.kind));
  if (missing.length > 0) {
    return fail(`Bước "${target.name}" cần văn bản: ${missing.map((required) => required.name).join('; ')}.`);
  }
  if (target.code === CONTRACT_STAGE && !facts.hasContractPeriod) {
    return fail('Ký hợp đồng cần thời gian thực hiện (tháng bắt đầu và tháng kết thúc).');
  }
  const dateProblem = checkMoveDate(facts.on, facts.lastMoveOn, facts.today);
  return dateProblem ? fail(dateProblem) : { ok: true };
}

/** A move's date must not be in the future nor before the previous move; null when fine. */
export function checkMoveDate(on: IsoDate, lastMoveOn: IsoDate | null, today: IsoDate): string | null {
  if (compareDates(on, today) > 0) return `Ngày ${formatDate(on)} sau ngày hôm nay (${formatDate(today)}).`;
  if (lastMoveOn && compareDates(on, lastMoveOn) < 0) return `Ngày ${formatDate(on)} trước ngày của bước trước (${formatDate(lastMoveOn)}).`;
  return null;
}

/** A dated move of a project into a stage (the timeline's `stage` events). */
export interface StageMove {
  stage: string;
  on: IsoDate;
}

/**
 * The stage a project was at on `asOf`, as known now: the stage of its latest move dated on or
 * before `asOf` (moves given in the order they were recorded); null when it did not exist yet.
 */
export function stageOn(moves: readonly StageMove[], asOf: IsoDate): string | null {
  let stage: string | null = null;
  let latest: IsoDate | null = null;
  for (const move of moves) {
    if (compareDates(move.on, asOf) > 0) continue;
    if (latest === null || compareDates(move.on, latest) >= 0) {
      latest = move.on;
      stage = move.stage;
    }
  }
  return stage;
}

// ---------------------------------------------------------------------------------------------
// Councils
// ---------------------------------------------------------------------------------------------

export interface CouncilCriterion {
  code: string;
  name: string;
  maxScore: number;
}

/**
 * How a council's result is computed: each member scores every criterion (0..maxScore); a
 * member's score is the sum; the council's mean score is the mean of the members' scores. The
 * result is "Xuất sắc" from `excellentFrom` (when set), "Đạt" from `passFrom`, else "Không đạt".
 */
export interface CouncilRule {
  kind: CouncilKind;
  name: string;
  criteria: CouncilCriterion[];
  excellentFrom: number | null;
  passFrom: number;
  minMembers: number;
  /** Members with the role "Phản biện" the council needs. */
  minReviewers: number;
}

export type CouncilRules = Record<CouncilKind, CouncilRule>;

/** The rules shipped as the default configuration. */
export const DEFAULT_COUNCIL_RULES: CouncilRules = {
  definition: {
    kind: 'definition',
    name: COUNCIL_KIND_LABELS.definition,
    criteria: [
      { code: 'necessity', name: 'Tính cấp thiết', maxScore: 40 },
      { code: 'feasibility', name: 'Tính khả thi', maxScore: 30 },
      { code: 'applicability', name: 'Khả năng ứng dụng tại địa phương', maxScore: 30 },
    ],
    excellentFrom: null,
    passFrom: 70,
    minMembers: 5,
    minReviewers: 2,
  },
  evaluation: {
    kind: 'evaluation',
    name: COUNCIL_KIND_LABELS.evaluation,
    criteria: [
      { code: 'objectives', name: 'Mục tiêu, nội dung, phương pháp', maxScore: 40 },
      { code: 'team', name: 'Năng lực tổ chức chủ trì và chủ nhiệm', maxScore: 30 },
      { code: 'products', name: 'Sản phẩm và khả năng ứng dụng', maxScore: 30 },
    ],
    excellentFrom: null,
    passFrom: 70,
    minMembers: 5,
    minReviewers: 2,
  },
  acceptance: {
    kind: 'acceptance',
    name: COUNCIL_KIND_LABELS.acceptance,
    criteria: [
      { code: 'volume', name: 'Số lượng, khối lượng, chủng loại sản phẩm', maxScore: 30 },
      { code: 'quality', name: 'Chất lượng, yêu cầu khoa học của sản phẩm', maxScore: 40 },
      { code: 'application', name: 'Khả năng ứng dụng, chuyển giao kết quả', maxScore: 20 },
      { code: 'management', name: 'Tổ chức thực hiện, sử dụng kinh phí', maxScore: 10 },
    ],
    excellentFrom: 85,
    passFrom: 70,
    minMembers: 5,
    minReviewers: 2,
  },
};

/** Problems of a council rule, as Vietnamese messages. */
export function validateCouncilRule(rule: CouncilRule): string[] {
  const problems: string[] = [];
  if (rule.criteria.length === 0) problems.push(`${rule.name}: cần ít nhất một tiêu chí chấm điểm.`);
  const codes = new Set<string>();
  for (const criterion of rule.criteria) {
    if (codes.has(criterion.code)) problems.push(`${rule.name}: mã tiêu chí "${criterion.code}" bị trùng.`);
    codes.add(criterion.code);
    if (!(criterion.maxScore > 0)) problems.push(`${rule.name}: điểm tối đa của tiêu chí "${criterion.name}" phải lớn hơn 0.`);
  }
  const maximum = rule.criteria.reduce((sum, criterion) => sum + criterion.maxScore, 0);
  if (rule.passFrom < 0 || rule.passFrom > maximum) problems.push(`${rule.name}: ngưỡng "Đạt" phải từ 0 đến ${maximum}.`);
  if (rule.excellentFrom !== null && (rule.excellentFrom < rule.passFrom || rule.excellentFrom > maximum)) {
    problems.push(`${rule.name}: ngưỡng "Xuất sắc" phải từ ngưỡng "Đạt" đến ${maximum}.`);
  }
  if (!Number.isInteger(rule.minMembers) || rule.minMembers < 1) problems.push(`${rule.name}: số thành viên tối thiểu phải là số nguyên dương.`);
  if (!Number.isInteger(rule.minReviewers) || rule.minReviewers < 0) problems.push(`${rule.name}: số phản biện tối thiểu không hợp lệ.`);
  return problems;
}

/** A member of a council as given: name, role, organization (path, to test conflicts), scores. */
export interface CouncilMemberInput {
  name: string;
  role: CouncilRole;
  /** The organization's path ('/25/DHHV/'), or null when the member's organization is not on file. */
  organizationPath: string | null;
  /** Score per criterion code. */
  scores: Record<string, number>;
}

export interface CouncilOutcome {
  /** The mean of the members' total scores, rounded to two decimals. */
  meanScore: number;
  result: CouncilResult;
  /** Each member's total, in the order given. */
  memberTotals: number[];
}

export type CouncilEvaluation = { ok: true; outcome: CouncilOutcome } | { ok: false; problems: string[] };

const hundredths = (value: number): number => Math.round(value * 100);

/**
 * A member is in conflict of interest when they belong to the host organization (or a unit under
 * it) or are the principal investigator or a member of the project.
 */
export function conflictOfInterest(member: Pick<CouncilMemberInput, 'name' | 'organizationPath'>, project: { hostPath: string; hostName: string; people: readonly string[] }): string | null {
  if (member.organizationPath && member.organizationPath.startsWith(project.hostPath)) {
    return `Thành viên "${member.name}" thuộc tổ chức chủ trì (${project.hostName}): không được tham gia hội đồng (xung đột lợi ích).`;
  }
  const name = normalizePerson(member.name);
  if (project.people.some((person) => normalizePerson(person) === name)) {
    return `Thành viên "${member.name}" là chủ nhiệm hoặc thành viên thực hiện nhiệm vụ: không được tham gia hội đồng (xung đột lợi ích).`;
  }
  return null;
}

/** A person's name for comparison: NFC, lower case, titles ("PGS.TS.", "ThS.") and extra spaces removed. */
export function normalizePerson(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/^((gs|pgs|ts|ths|ks|bs|cn|ncs|tskh)(\.\s*|\s+))+/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Computes a council's result by its rule, after checking it: at least `minMembers` members,
 * exactly one chair, at least `minReviewers` reviewers, no member in conflict of interest, every
 * member scoring every criterion within 0..maxScore. Comparisons with the thresholds are exact (in
 * hundredths of a point, multiplied out), never after rounding the mean.
 */
export function evaluateCouncil(rule: CouncilRule, members: readonly CouncilMemberInput[], project: { hostPath: string; hostName: string; people: readonly string[] }): CouncilEvaluation {
  const problems: string[] = [];
  if (members.length < rule.minMembers) problems.push(`${rule.name} cần ít nhất ${rule.minMembers} thành viên (có ${members.length}).`);
  const chairs = members.filter((member) => member.role === 'chair').length;
  if (chairs !== 1) problems.push(`${rule.name} cần đúng một Chủ tịch (có ${chairs}).`);
  const reviewers = members.filter((member) => member.role === 'reviewer').length;
  if (reviewers < rule.minReviewers) problems.push(`${rule.name} cần ít nhất ${rule.minReviewers} Phản biện (có ${reviewers}).`);
  const seen = new Set<string>();
  for (const member of members) {
    const key = normalizePerson(member.name);
    if (!key) problems.push('Có thành viên chưa ghi họ tên.');
    else if (seen.has(key)) problems.push(`Thành viên "${member.name}" được ghi hai lần.`);
    seen.add(key);
    const conflict = conflictOfInterest(member, project);
    if (conflict) problems.push(conflict);
    for (const criterion of rule.criteria) {
      const score = member.scores[criterion.code];
      if (score === undefined || score === null || Number.isNaN(score)) {
        problems.push(`Thành viên "${member.name}" chưa chấm tiêu chí "${criterion.name}".`);
      } else if (score < 0 || score > criterion.maxScore) {
        problems.push(`Thành viên "${member.name}": điểm tiêu chí "${criterion.name}" phải từ 0 đến ${criterion.maxScore} (đã ghi ${score}).`);
      }
    }
    for (const code of Object.keys(member.scores)) {
      if (!rule.criteria.some((criterion) => criterion.code === code)) problems.push(`Thành viên "${member.name}": tiêu chí "${code}" không có trong quy định chấm điểm.`);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const totals = members.map((member) => rule.criteria.reduce((sum, criterion) => sum + hundredths(member.scores[criterion.code]), 0));
  const sum = totals.reduce((total, value) => total + value, 0);
  const count = members.length;
  const reaches = (threshold: number) => sum >= hundredths(threshold) * count;
  const result: CouncilResult = rule.excellentFrom !== null && reaches(rule.excellentFrom) ? 'excellent' : reaches(rule.passFrom) ? 'pass' : 'fail';
  return {
    ok: true,
    outcome: { meanScore: Math.round(sum / count) / 100, result, memberTotals: totals.map((total) => total / 100) },
  };
}

// ---------------------------------------------------------------------------------------------
// Budget
// ---------------------------------------------------------------------------------------------

/** A project's budget: the total, the state budget by year ('2026' → amount) and other sources. */
export interface BudgetPlan {
  total: number;
  stateByYear: Record<string, number>;
  other: number;
}

export interface PaymentFact {
  paidOn: IsoDate;
  /** The budget year the payment belongs to. */
  year: number;
  amount: number;
  source: PaymentSource;
}

/** Planned (state budget) and paid amounts of one year. */
export interface BudgetYear {
  year: number;
  planned: number;
  paid: number;
}

export interface BudgetSummary {
  total: number;
  state: number;
  other: number;
  paid: number;
  paidState: number;
  paidOther: number;
  /** State budget not yet paid. */
  remainingState: number;
  /** paidState / state; null when there is no state budget. */
  disbursementRate: number | null;
  byYear: BudgetYear[];
}

/** Amounts as whole thousand đồng (the unit is million đồng). */
const thousands = (amount: number): number => Math.round(amount * 1000);
const fromThousands = (value: number): number => value / 1000;

/** The sum of amounts, exact to the thousand đồng. */
export function sumAmounts(amounts: Iterable<number>): number {
  let sum = 0;
  for (const amount of amounts) sum += thousands(amount);
  return fromThousands(sum);
}

/** The state budget planned over all years. */
export function stateBudgetTotal(plan: Pick<BudgetPlan, 'stateByYear'>): number {
  return sumAmounts(Object.values(plan.stateByYear));
}

/**
 * Problems of a budget plan: amounts are not negative, years are years, and when a breakdown is
 * given (state budget by year or other sources) the total is its sum.
 */
export function validateBudgetPlan(plan: BudgetPlan): string[] {
  const problems: string[] = [];
  if (!(plan.total >= 0)) problems.push('Tổng kinh phí không được âm.');
  if (!(plan.other >= 0)) problems.push('Kinh phí từ nguồn khác không được âm.');
  for (const [year, amount] of Object.entries(plan.stateByYear)) {
    if (!/^\d{4}$/.test(year) || Number(year) < 1900 || Number(year) > 2200) problems.push(`Năm ngân sách "${year}" không hợp lệ.`);
    if (!(amount >= 0)) problems.push(`Kinh phí ngân sách nhà nước năm ${year} không được âm.`);
  }
  const state = stateBudgetTotal(plan);
  const hasBreakdown = Object.keys(plan.stateByYear).length > 0 || thousands(plan.other) > 0;
  if (hasBreakdown && thousands(plan.total) !== thousands(state) + thousands(plan.other)) {
    problems.push(
      `Tổng kinh phí (${formatAmount(plan.total)} triệu đồng) phải bằng kinh phí ngân sách nhà nước (${formatAmount(state)}) cộng nguồn khác (${formatAmount(plan.other)}).`,
    );
  }
  return problems;
}

/**
 * The budget as of a date: planned state budget by year against the payments made on or before
 * `asOf` (all payments when `asOf` is omitted), with totals.
 */
export function summarizeBudget(plan: BudgetPlan, payments: readonly PaymentFact[], asOf?: IsoDate): BudgetSummary {
  const counted = asOf ? payments.filter((payment) => compareDates(payment.paidOn, asOf) <= 0) : payments;
  const years = new Map<number, { planned: number; paid: number }>();
  for (const [year, amount] of Object.entries(plan.stateByYear)) {
    const entry = years.get(Number(year)) ?? { planned: 0, paid: 0 };
    entry.planned += thousands(amount);
    years.set(Number(year), entry);
  }
  let paidState = 0;
  let paidOther = 0;
  for (const payment of counted) {
    if (payment.source === 'state') {
      paidState += thousands(payment.amount);
      const entry = years.get(payment.year) ?? { planned: 0, paid: 0 };
      entry.paid += thousands(payment.amount);
      years.set(payment.year, entry);
    } else {
      paidOther += thousands(payment.amount);
    }
  }
  const state = thousands(stateBudgetTotal(plan));
  return {
    total: plan.total,
    state: fromThousands(state),
    other: plan.other,
    paid: fromThousands(paidState + paidOther),
    paidState: fromThousands(paidState),
    paidOther: fromThousands(paidOther),
    remainingState: fromThousands(state - paidState),
    disbursementRate: state === 0 ? null : paidState / state,
    byYear: [...years.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, entry]) => ({ year, planned: fromThousands(entry.planned), paid: fromThousands(entry.paid) })),
  };
}

/** Adds the by-year figures of several summaries (a portfolio). */
export function mergeBudgetYears(summaries: Iterable<Pick<BudgetSummary, 'byYear'>>): BudgetYear[] {
  const years = new Map<number, { planned: number; paid: number }>();
  for (const summary of summaries) {
    for (const row of summary.byYear) {
      const entry = years.get(row.year) ?? { planned: 0, paid: 0 };
      entry.planned += thousands(row.planned);
      entry.paid += thousands(row.paid);
      years.set(row.year, entry);
    }
  }
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, entry]) => ({ year, planned: fromThousands(entry.planned), paid: fromThousands(entry.paid) }));
}

/**
 * Checks a new payment: a positive amount, not dated in the future, and the payments of its
 * source not exceeding what is planned for that source. Null when fine.
 */
export function checkPayment(plan: BudgetPlan, payments: readonly PaymentFact[], payment: PaymentFact, today: IsoDate): string | null {
  if (!(payment.amount > 0)) return 'Số tiền cấp phải lớn hơn 0.';
  if (compareDates(payment.paidOn, today) > 0) return `Ngày cấp ${formatDate(payment.paidOn)} sau ngày hôm nay.`;
  const sameSource = payments.filter((existing) => existing.source === payment.source);
  const paid = thousands(sumAmounts(sameSource.map((existing) => existing.amount)));
  const limit = payment.source === 'state' ? thousands(stateBudgetTotal(plan)) : thousands(plan.other);
  if (paid + thousands(payment.amount) > limit) {
    const label = payment.source === 'state' ? 'ngân sách nhà nước' : 'nguồn khác';
    return `Tổng kinh phí ${label} đã cấp (${formatAmount(fromThousands(paid + thousands(payment.amount)))} triệu đồng) vượt kinh phí được phê duyệt (${formatAmount(fromThousands(limit))} triệu đồng).`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Months, deadlines, risk
// ---------------------------------------------------------------------------------------------

/** Whether a text is a month 'YYYY-MM'. */
export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && Number(value.slice(0, 4)) >= 1900 && Number(value.slice(0, 4)) <= 2200;
}

/** The contract's end date for an end month: its last day. */
export function monthEnd(month: string): IsoDate {
  return lastDayOfMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

/** The first day of a month. */
export function monthStart(month: string): IsoDate {
  return `${month}-01`;
}

/** The month 'YYYY-MM' of a date. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** The same day `years` years later (29 February → 28 February). */
export function addYears(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) + years;
  const candidate = `${String(year).padStart(4, '0')}${date.slice(4)}`;
  return isIsoDate(candidate) ? candidate : `${String(year).padStart(4, '0')}-02-28`;
}

/** Why a project in progress is at risk. */
export type RiskReason = 'deadline_near' | 'report_missing';

export interface RiskOptions {
  /** A deadline within this many days, with no acceptance under way, is near. Default 90. */
  nearDays?: number;
  /** Progress reports are due every this many months. Default 6. */
  reportMonths?: number;
  /** Days of grace after a report falls due. Default 30. */
  graceDays?: number;
}

export interface RiskFacts {
  timeliness: Timeliness | null;
  /** The deadline in force on asOf. */
  deadline: IsoDate | null;
  /** The stage on asOf has reached acceptance (the end is in sight). */
  reachedAcceptance: boolean;
  /** The contract's date (the task exists from it). */
  contractOn: IsoDate | null;
  /** The latest progress report on or before asOf. */
  lastReportOn: IsoDate | null;
}

/**
 * Why a project that is in progress (within its deadline) on `asOf` is at risk: its deadline is
 * near and acceptance has not started, or its six-monthly progress report is missing (no report
 * for `reportMonths` months plus `graceDays` since the last one or the contract). Overdue,
 * completed and pre-contract projects are never "at risk": they are what they are.
 */
export function assessRisk(facts: RiskFacts, asOf: IsoDate, options: RiskOptions = {}): RiskReason[] {
  if (facts.timeliness !== 'in_progress' || !facts.deadline) return [];
  const reasons: RiskReason[] = [];
  const nearDays = options.nearDays ?? 90;
  if (!facts.reachedAcceptance && daysBetween(asOf, facts.deadline) <= nearDays) reasons.push('deadline_near');
  const since = facts.lastReportOn ?? facts.contractOn;
  if (since) {
    const reportDue = addMonthsToDate(since, options.reportMonths ?? 6);
    if (daysBetween(reportDue, asOf) > (options.graceDays ?? 30)) reasons.push('report_missing');
  }
  return reasons;
}

/** The same day `months` months later, clamped to the month's last day. */
export function addMonthsToDate(date: IsoDate, months: number): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = (((month % 12) + 12) % 12) + 1;
  const last = lastDayOfMonth(targetYear, targetMonth);
  const day = Math.min(Number(date.slice(8, 10)), Number(last.slice(8, 10)));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

/** The organizations a project touches, by path: its host and the organization managing it. */
export interface ProjectAccess {
  hostPath: string;
  /** The issuer of its programme (the province by default): the assigning side of its task. */
  managingPath: string;
}

/** Anyone with a role over the host or the managing organization reads a project. */
export function canReadProject(actor: Actor, access: ProjectAccess): boolean {
  const any = ['system_admin', 'leader', 'coordinator', 'reporter', 'viewer'] as const;
  return hasRoleOn(actor, any, access.hostPath) || hasRoleOn(actor, any, access.managingPath);
}

/** Create, move through the stages, record councils, payments, decisions: coordinators of the managing organization. */
export function canManageProject(actor: Actor, access: Pick<ProjectAccess, 'managingPath'>): boolean {
  return hasRoleOn(actor, ['coordinator'], access.managingPath);
}

/** Progress reports, documents and change requests: reporters of the host (and the managers). */
export function canReportOnProject(actor: Actor, access: ProjectAccess): boolean {
  return hasRoleOn(actor, ['reporter'], access.hostPath) || canManageProject(actor, access);
}

// ---------------------------------------------------------------------------------------------
// Formatting for messages
// ---------------------------------------------------------------------------------------------

function formatDate(date: IsoDate): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/** An amount for a message: '1.234,5'. */
export function formatAmount(amount: number): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }).format(amount);
}
