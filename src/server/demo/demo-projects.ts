/**
 * Demo S&T projects: 91 projects of all levels and stages (the Department "effectively managed 91
 * S&T tasks at all levels" in 2025), dated relative to today and deterministic for a given day.
 * Most are written as an existing list would be imported; a few are taken through the real
 * workflow at their own dates (councils with scores, reports, a schedule change, an application
 * of results), among them an overdue project awaiting its acceptance council.
 */
import { addDays, type IsoDate } from '../../domain/dates';
import type { Actor } from '../../domain/policies';
import type { BudgetPlan, CouncilResult, PaymentFact, ProjectField, ProjectLevel, ProjectType } from '../../domain/project-lifecycle';
import type { PlannedProject } from '../../domain/project-table';
import { fixedClock } from '../clock';
import type { Database } from '../db/client';
import { findOrganizationByCode, insertOrganization } from '../modules/organizations/organizations.repository';
import { createServices, type Services } from '../services';

/** The code of the demo project that is overdue and awaits its acceptance council. */
export function demoAcceptanceProjectCode(today: IsoDate): string {
  return `ĐT.${Number(today.slice(0, 4)) - 2}.07`;
}

const DEMO_HOSTS = [
  { code: 'DHCNVT', name: 'Trường Đại học Công nghiệp Việt Trì', shortName: 'ĐH Công nghiệp Việt Trì', kind: 'university', parent: '25' },
  { code: 'CDYT-PT', name: 'Trường Cao đẳng Y tế Phú Thọ', shortName: 'CĐ Y tế Phú Thọ', kind: 'university', parent: '25' },
  { code: 'NOMAFSI', name: 'Viện Khoa học Kỹ thuật Nông Lâm nghiệp miền núi phía Bắc', shortName: 'Viện KHKT NLN miền núi phía Bắc', kind: 'institute', parent: '25' },
  { code: 'TTNC-CHE', name: 'Trung tâm Nghiên cứu và Phát triển chè', shortName: 'Trung tâm NC&PT chè', kind: 'institute', parent: '25' },
  { code: 'TTUD-KHCN', name: 'Trung tâm Ứng dụng tiến bộ khoa học và công nghệ Phú Thọ', shortName: 'Trung tâm Ứng dụng KH&CN', kind: 'institute', parent: 'SKHCN' },
  { code: 'BVDK-PT', name: 'Bệnh viện Đa khoa tỉnh Phú Thọ', shortName: 'BVĐK tỉnh', kind: 'agency', parent: 'SYT' },
  { code: 'SUPE-LT', name: 'Công ty Cổ phần Supe Phốt phát và Hóa chất Lâm Thao', shortName: 'Supe Lâm Thao', kind: 'enterprise', parent: '25' },
  { code: 'CHE-PB', name: 'Công ty Cổ phần Chè Phú Bền', shortName: 'Chè Phú Bền', kind: 'enterprise', parent: '25' },
] as const;

const HOSTS_BY_FIELD: Record<ProjectField, string[]> = {
  agricultural: ['NOMAFSI', 'TTNC-CHE', 'DHHV', 'CHE-PB', 'SNNMT', 'TTUD-KHCN'],
  engineering_technology: ['DHCNVT', 'SUPE-LT', 'TTUD-KHCN', 'VIETTEL-PT', 'DHHV'],
  medical_health: ['BVDK-PT', 'CDYT-PT', 'SYT'],
  natural_sciences: ['DHHV', 'DHCNVT', 'NOMAFSI'],
  social_sciences: ['DHHV', 'SKHCN', 'SNV'],
  humanities: ['DHHV', 'SVHTTDL'],
};

const TITLES: Record<ProjectField, string[]> = {
  agricultural: [
    'Nghiên cứu chọn tạo giống chè chất lượng cao phục vụ chế biến chè xanh',
    'Xây dựng mô hình trồng bưởi Đoan Hùng theo tiêu chuẩn VietGAP',
    'Ứng dụng công nghệ tưới tiết kiệm nước cho cây chè vùng đồi',
    'Phát triển chuỗi giá trị sản phẩm cá lăng sông Lô',
    'Nghiên cứu quy trình nhân giống lan bản địa bằng nuôi cấy mô',
    'Xây dựng mô hình chăn nuôi gà ri lai an toàn sinh học',
    'Phục tráng giống lúa nếp cái hoa vàng',
    'Ứng dụng chế phẩm sinh học phòng trừ sâu bệnh hại cây có múi',
    'Phát triển vùng nguyên liệu dược liệu dưới tán rừng',
  ],
  engineering_technology: [
    'Xây dựng hệ thống giám sát chất lượng không khí tự động tại khu công nghiệp',
    'Ứng dụng trí tuệ nhân tạo hỗ trợ phân loại hồ sơ hành chính',
    'Nghiên cứu công nghệ sản xuất phân bón nhả chậm',
    'Thiết kế hệ thống điều khiển thông minh cho nhà kính trồng rau',
    'Ứng dụng Internet vạn vật trong giám sát mực nước hồ chứa',
    'Nghiên cứu tái chế tro xỉ nhiệt điện làm vật liệu xây dựng không nung',
    'Xây dựng bản đồ số nông hóa thổ nhưỡng',
  ],
  medical_health: [
    'Ứng dụng kỹ thuật can thiệp mạch vành qua da tại tuyến tỉnh',
    'Nghiên cứu thực trạng và giải pháp phòng chống đái tháo đường ở người cao tuổi',
    'Ứng dụng phẫu thuật nội soi khớp gối',
    'Xây dựng hệ thống hồ sơ sức khỏe điện tử kết nối tuyến xã',
    'Đánh giá hiệu quả chương trình tiêm chủng mở rộng vùng dân tộc thiểu số',
  ],
  natural_sciences: [
    'Đánh giá đa dạng sinh học Vườn quốc gia Xuân Sơn',
    'Nghiên cứu chất lượng nước sông Lô đoạn chảy qua tỉnh',
    'Điều tra tài nguyên nước dưới đất vùng trung du',
    'Nghiên cứu thành phần hóa học một số cây thuốc bản địa',
  ],
  social_sciences: [
    'Giải pháp nâng cao chỉ số đổi mới sáng tạo cấp tỉnh',
    'Nghiên cứu phát triển nguồn nhân lực chất lượng cao phục vụ chuyển đổi số',
    'Đánh giá tác động của việc sắp xếp đơn vị hành chính cấp xã',
    'Giải pháp phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo',
    'Nghiên cứu mô hình hợp tác xã kiểu mới trong sản xuất chè',
  ],
  humanities: [
    'Bảo tồn và phát huy giá trị hát Xoan Phú Thọ',
    'Số hóa di sản tín ngưỡng thờ cúng Hùng Vương',
    'Nghiên cứu lễ hội truyền thống các dân tộc vùng Mường',
    'Sưu tầm, biên dịch văn bản Hán Nôm tại các di tích',
  ],
};

const AREAS = ['', ' (giai đoạn 2)', ' tại các xã vùng đồi', ' vùng Tây Nam của tỉnh', ' tại vùng Mường'];

const INVESTIGATORS = [
  'TS. Nguyễn Văn Hưng', 'PGS.TS. Trần Thị Mai', 'ThS. Lê Quang Vinh', 'TS. Phạm Thu Thảo', 'TS. Hoàng Minh Đức', 'ThS. Đặng Thị Hồng', 'PGS.TS. Vũ Văn Thành',
  'TS. Bùi Thị Ngọc', 'ThS. Ngô Văn Khánh', 'BSCKII. Đỗ Văn Tuấn', 'TS. Đinh Thị Lan Anh', 'KS. Lương Văn Sơn', 'TS. Trịnh Quốc Bảo', 'ThS. Hà Thị Yến',
];
const MEMBERS = ['ThS. Nguyễn Thị Hạnh', 'KS. Trần Văn Đạt', 'CN. Lê Thị Thu', 'ThS. Phạm Văn Long', 'KS. Nguyễn Minh Châu', 'CN. Vũ Thị Hoa', 'ThS. Đào Văn Bình'];

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const monthOf = (date: IsoDate) => date.slice(0, 7);
function addMonths(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
const lastDay = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

type Profile =
  | 'proposal' | 'definition' | 'approved_list' | 'selection' | 'evaluation' | 'budget_appraisal' | 'approval' | 'contract'
  | 'running' | 'near' | 'overdue' | 'extended' | 'silent'
  | 'accepting' | 'accepting_overdue' | 'accepted_on_time' | 'accepted_late'
  | 'settlement' | 'registration' | 'application' | 'stopped';

/** 88 planned projects (the other 3 are made through the workflow): stage and timing of each. */
const PROFILES: Profile[] = [
  ...Array<Profile>(5).fill('proposal'),
  ...Array<Profile>(3).fill('definition'),
  ...Array<Profile>(4).fill('approved_list'),
  ...Array<Profile>(3).fill('selection'),
  ...Array<Profile>(2).fill('evaluation'),
  ...Array<Profile>(2).fill('budget_appraisal'),
  ...Array<Profile>(3).fill('approval'),
  ...Array<Profile>(2).fill('contract'),
  ...Array<Profile>(16).fill('running'),
  ...Array<Profile>(4).fill('near'),
  ...Array<Profile>(6).fill('overdue'),
  ...Array<Profile>(3).fill('extended'),
  ...Array<Profile>(2).fill('silent'),
  ...Array<Profile>(3).fill('accepting'),
  ...Array<Profile>(3).fill('accepting_overdue'),
  ...Array<Profile>(2).fill('accepted_on_time'),
  ...Array<Profile>(1).fill('accepted_late'),
  ...Array<Profile>(7).fill('settlement'),
  ...Array<Profile>(5).fill('registration'),
  ...Array<Profile>(9).fill('application'),
  ...Array<Profile>(3).fill('stopped'),
];

const LEVEL_CYCLE: ProjectLevel[] = ['province', 'grassroots', 'province', 'province', 'ministry', 'province', 'grassroots', 'province', 'national', 'province', 'grassroots', 'province'];
const FIELD_CYCLE: ProjectField[] = ['agricultural', 'engineering_technology', 'medical_health', 'agricultural', 'social_sciences', 'natural_sciences', 'agricultural', 'engineering_technology', 'humanities', 'medical_health'];

function typeFor(level: ProjectLevel, field: ProjectField, index: number): ProjectType {
  if (field === 'agricultural' && index % 3 === 0) return 'pilot_production';
  if (field === 'social_sciences' && index % 2 === 0) return 'scientific_scheme';
  if (level === 'national' && index % 2 === 1) return 'st_project';
  return 'research';
}

function budgetFor(level: ProjectLevel, type: ProjectType, startMonth: string, months: number, next: () => number): BudgetPlan {
  const base = { national: 4500, ministry: 2200, province: 900, grassroots: 180 }[level];
  const total = Math.round(base * (0.6 + next() * 0.9));
  const other = type === 'pilot_production' || type === 'st_project' ? Math.round(total * 0.3) : 0;
  const state = total - other;
  const firstYear = Number(startMonth.slice(0, 4));
  const years = Math.max(1, Math.ceil((Number(startMonth.slice(5, 7)) - 1 + months) / 12));
  const stateByYear: Record<string, number> = {};
  let left = state;
  for (let k = 0; k < years; k++) {
    const share = k === years - 1 ? left : Math.round(state * (k === 0 ? 0.5 : 0.5 / (years - 1)));
    stateByYear[String(firstYear + k)] = share;
    left -= share;
  }
  return { total, stateByYear, other };
}

/** State budget paid year by year up to today: the full plan of past years, part of this one. */
function paymentsFor(budget: BudgetPlan, contractOn: IsoDate, today: IsoDate, fraction: number): PaymentFact[] {
  const payments: PaymentFact[] = [];
  for (const [year, planned] of Object.entries(budget.stateByYear)) {
    const first = `${year}-03-15` < contractOn ? addDays(contractOn, 10) : `${year}-03-15`;
    if (first > today) continue;
    const isPast = `${year}-12-31` < today;
    const amount = Math.round(planned * (isPast ? fraction : fraction * 0.6));
    if (amount > 0) payments.push({ paidOn: first, year: Number(year), amount, source: 'state' });
  }
  return payments;
}

/**
 * Seeds the demo projects (once): the demo hosts, 88 projects written as an imported list and
 * three taken through the workflow. Returns a one-line summary.
 */
export async function seedDemoProjects(database: Database, services: Services, today: IsoDate): Promise<string> {
  if (await services.projects.findIdByCode(demoAcceptanceProjectCode(today))) return 'nhiệm vụ KH&CN đã có từ trước';
  const db = database.db;
  for (const host of DEMO_HOSTS) {
    if (await findOrganizationByCode(db, host.code)) continue;
    const parent = await findOrganizationByCode(db, host.parent);
    if (!parent) continue;
    await insertOrganization(db, { code: host.code, name: host.name, shortName: host.shortName, aliases: [], predecessors: [], kind: host.kind, parentId: parent.id, path: `${parent.path}${host.code}/`, depth: parent.depth + 1, validFrom: null });
  }
  const hostIds = new Map<string, number>();
  for (const code of new Set(Object.values(HOSTS_BY_FIELD).flat())) {
    const found = await findOrganizationByCode(db, code);
    if (found) hostIds.set(code, found.id);
  }
  const user = await services.users.findByUsername('theodoi');
  if (!user) throw new Error('Demo projects need the demo coordinator "theodoi".');
  const actor: Actor = await services.users.loadActor(db, user);
  const next = random(Number(today.replace(/-/g, '')));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const thisMonth = monthOf(today);
  const titleUse = new Map<string, number>();
  const counters = new Map<string, number>();
  const codeFor = (level: ProjectLevel, type: ProjectType, year: number) => {
    const prefix = level === 'national' ? 'ĐTQG' : level === 'ministry' ? 'ĐTB' : level === 'grassroots' ? 'ĐTCS' : type === 'pilot_production' || type === 'st_project' ? 'DA' : type === 'scientific_scheme' ? 'ĐA' : 'ĐT';
    const key = `${prefix}.${year}`;
    const number = (counters.get(key) ?? 0) + 1;
    counters.set(key, number);
    // ĐT.<year-2>.07 is kept for the project made through the workflow.
    if (key === `ĐT.${Number(today.slice(0, 4)) - 2}` && number === 7) return codeFor(level, type, year);
    return `${key}.${String(number).padStart(2, '0')}`;
  };

  const plans: PlannedProject[] = [];
  const reportsFor: { code: string; on: IsoDate; percent: number }[] = [];
  const applicationsFor: { code: string; on: IsoDate; organization: string; description: string }[] = [];
  PROFILES.forEach((profile, index) => {
    const level = LEVEL_CYCLE[index % LEVEL_CYCLE.length];
    const field = FIELD_CYCLE[(index * 7 + Math.floor(index / 10)) % FIELD_CYCLE.length];
    const type = typeFor(level, field, index);
    const hostCode = pick(HOSTS_BY_FIELD[field].filter((code) => hostIds.has(code)));
    const stem = TITLES[field][index % TITLES[field].length];
    const used = titleUse.get(stem) ?? 0;
    titleUse.set(stem, used + 1);
    const title = `${stem}${AREAS[used % AREAS.length]}`;
    const months = level === 'grassroots' ? 12 : 18 + Math.floor(next() * 4) * 6;
    let startMonth: string;
    let contractOn: IsoDate | null = null;
    let endMonth: string;
    let extension: PlannedProject['extension'] = null;
    let acceptance: PlannedProject['acceptance'] = null;
    let stage: string = profile;
    let stageOn: IsoDate = today;
    let stoppedOn: IsoDate | null = null;
    const preContract = ['proposal', 'definition', 'approved_list', 'selection', 'evaluation', 'budget_appraisal', 'approval'].includes(profile);
    if (preContract) {
      startMonth = addMonths(thisMonth, 2 + Math.floor(next() * 6));
      endMonth = addMonths(startMonth, months - 1);
      stageOn = addDays(today, -(5 + Math.floor(next() * 200)));
    } else {
      // The contract date, and the end month, by profile.
      let ago: number;
      switch (profile) {
        case 'contract':
          ago = 0;
          break;
        case 'running':
        case 'silent':
          ago = 3 + Math.floor(next() * Math.max(1, months - 6));
          break;
        case 'near':
          ago = months - 2;
          break;
        case 'overdue':
        case 'accepting_overdue':
          ago = months + 1 + Math.floor(next() * 6);
          break;
        case 'extended':
          ago = months + 1;
          break;
        case 'accepting':
          ago = months - 1;
          break;
        default:
          ago = months + 3 + Math.floor(next() * 24);
      }
      startMonth = addMonths(thisMonth, -ago);
      endMonth = addMonths(startMonth, months - 1);
      contractOn = minDate(`${startMonth}-${String(1 + Math.floor(next() * 20)).padStart(2, '0')}`, today);
      if (profile === 'contract') contractOn = addDays(today, -Math.floor(next() * 10));
      stage = profile === 'contract' ? 'contract' : 'implementation';
      stageOn = contractOn;
      if (profile === 'extended') {
        const approvedOn = minDate(addDays(lastDay(addMonths(endMonth, -1)), -10), today);
        extension = { endMonth: addMonths(endMonth, 9), approvedOn: approvedOn < contractOn ? contractOn : approvedOn };
      }
      const end = lastDay(endMonth);
      const acceptedOn = (late: boolean): IsoDate => minDate(late ? addDays(end, 20 + Math.floor(next() * 60)) : addDays(end, -Math.floor(next() * 40)), addDays(today, -20));
      const rating = (): CouncilResult => (next() < 0.25 ? 'excellent' : 'pass');
      if (profile === 'accepting' || profile === 'accepting_overdue') {
        stage = 'acceptance';
        stageOn = minDate(addDays(end, -15), today);
      }
      if (['accepted_on_time', 'accepted_late', 'settlement', 'registration', 'application'].includes(profile)) {
        const late = profile === 'accepted_late' || next() < 0.3;
        const on = acceptedOn(late);
        acceptance = { on: on < contractOn ? contractOn : on, rating: rating() };
        stage = profile.startsWith('accepted') ? 'acceptance' : profile;
        stageOn = profile.startsWith('accepted') ? acceptance.on : minDate(addDays(acceptance.on, profile === 'settlement' ? 30 : profile === 'registration' ? 60 : 90), today);
        if (profile === 'application') applicationsFor.push({ code: '', on: stageOn, organization: pick(['SNNMT', 'SYT', 'SCT', 'CHE-PB', 'SUPE-LT']), description: `Ứng dụng kết quả: ${title.toLowerCase()}` });
      }
      if (profile === 'stopped') {
        stage = 'stopped';
        stoppedOn = minDate(addDays(contractOn, 120 + Math.floor(next() * 200)), addDays(today, -5));
        stageOn = stoppedOn;
      }
    }
    const budget = budgetFor(level, type, startMonth, months, next);
    const code = codeFor(level, type, Number((contractOn ?? stageOn).slice(0, 4)));
    if (applicationsFor.length && applicationsFor.at(-1)!.code === '') applicationsFor.at(-1)!.code = code;
    const fraction = acceptance ? 1 : profile === 'stopped' ? 0.4 : 0.8;
    const payments = contractOn && profile !== 'contract' ? paymentsFor(budget, contractOn, today, fraction) : [];
    plans.push({
      sheetRow: index + 1,
      code,
      title,
      type,
      level,
      field,
      hostOrganizationId: hostIds.get(hostCode)!,
      principalInvestigator: INVESTIGATORS[index % INVESTIGATORS.length],
      members: [MEMBERS[index % MEMBERS.length], MEMBERS[(index + 3) % MEMBERS.length]],
      directiveId: null,
      objectives: `Mục tiêu: ${title.charAt(0).toLowerCase()}${title.slice(1)}.`,
      expectedProducts: 'Báo cáo tổng hợp kết quả; quy trình kỹ thuật; bài báo khoa học',
      startMonth,
      endMonth,
      budget,
      stage,
      stageOn,
      contract: contractOn ? { number: `${String(index + 1).padStart(2, '0')}/HĐ-KHCN`, signedOn: contractOn } : null,
      extension,
      acceptance,
      stoppedOn,
      payments,
      note: null,
    });
    // Six-monthly reports since the contract, for projects not yet accepted; none for the "silent" ones.
    if (contractOn && (stage === 'implementation' || (stage === 'acceptance' && !acceptance)) && profile !== 'silent') {
      let on = addDays(contractOn, 175 + Math.floor(next() * 20));
      for (let percent = 20; on < addDays(today, -3); percent = Math.min(95, percent + 20 + Math.floor(next() * 10))) {
        reportsFor.push({ code, on, percent });
        on = addDays(on, 178 + Math.floor(next() * 10));
      }
    }
  });

  await services.projects.writePlannedProjects(actor, plans);
  for (const report of reportsFor) {
    const id = (await services.projects.findIdByCode(report.code))!;
    await services.projects.report(actor, id, { kind: 'progress', on: report.on, period: `${report.on.slice(0, 4)}${report.on.slice(5, 7) <= '06' ? 'S1' : 'S2'}`, percent: report.percent, narrative: 'Đã triển khai các nội dung theo tiến độ hợp đồng; thu thập số liệu, xây dựng mô hình.' });
  }
  for (const application of applicationsFor) {
    const id = (await services.projects.findIdByCode(application.code))!;
    await services.projects.recordApplication(actor, id, { appliedOn: application.on, organizationCode: application.organization, description: application.description });
  }

  await seedWorkflowProjects(database, actor, hostIds, today);
  const stats = await services.projects.statistics({ asOf: today });
  return `${stats.total} nhiệm vụ KH&CN (${stats.byTimeliness.overdue} quá hạn)`;
}

/** Three projects taken through the real workflow, each step at its own date. */
async function seedWorkflowProjects(database: Database, actor: Actor, hostIds: Map<string, number>, today: IsoDate) {
  const at = (date: IsoDate) => createServices(database, fixedClock(date < today ? date : today), { sessionDays: 7, dueSoonDays: 3 }).projects;
  const services = at(today);
  const versionOf = (id: number) => services.versionOf(id);
  const year = Number(today.slice(0, 4));
  const council = (kind: 'evaluation' | 'acceptance', level: number) => {
    const roles = ['chair', 'reviewer', 'reviewer', 'member', 'secretary'] as const;
    const people = ['PGS.TS. Nguyễn Hữu Thắng', 'TS. Lê Thị Minh Nguyệt', 'TS. Trần Đình Phúc', 'ThS. Phạm Quốc Toản', 'ThS. Hoàng Thị Vân'];
    const organizations = ['SKHCN', 'SNNMT', 'DHHV', 'SCT', 'SKHCN'];
    return roles.map((role, index) => ({
      name: people[index],
      role,
      organizationCode: organizations[index],
      scores: (kind === 'acceptance'
          ? { volume: Math.min(30, level * 0.3 + (index % 2)), quality: Math.min(40, level * 0.4), application: Math.min(20, level * 0.2), management: Math.min(10, level * 0.1) }
          : { objectives: Math.min(40, level * 0.4), team: Math.min(30, level * 0.3), products: Math.min(30, level * 0.3 - (index % 2)) }) as Record<string, number>,
    }));
  };

  // 1. The overdue project awaiting its acceptance council (the e2e journey records it).
  const start = addMonths(monthOf(today), -26);
  const endMonth = addMonths(monthOf(today), -2);
  const contractOn = `${start}-10`;
  const code = demoAcceptanceProjectCode(today);
  const [overdueId] = await services.writePlannedProjects(actor, [
    {
      sheetRow: 0,
      code,
      title: 'Nghiên cứu sản xuất chế phẩm vi sinh xử lý phụ phẩm chè làm phân bón hữu cơ',
      type: 'research',
      level: 'province',
      field: 'agricultural',
      hostOrganizationId: hostIds.get('DHHV')!,
      principalInvestigator: 'TS. Nguyễn Thị Thu Hương',
      members: ['ThS. Trần Văn Khải', 'KS. Lê Thị Huyền'],
      directiveId: null,
      objectives: 'Tạo chế phẩm vi sinh xử lý nhanh phụ phẩm chè; xây dựng quy trình ủ phân hữu cơ quy mô hộ.',
      expectedProducts: '01 chế phẩm vi sinh; quy trình ủ phân; mô hình 5 ha',
      startMonth: start,
      endMonth,
      budget: { total: 1150, stateByYear: { [start.slice(0, 4)]: 500, [String(Number(start.slice(0, 4)) + 1)]: 450 }, other: 200 },
      stage: 'implementation',
      stageOn: contractOn,
      contract: { number: '07/HĐ-KHCN', signedOn: contractOn },
      extension: null,
      acceptance: null,
      stoppedOn: null,
      payments: [{ paidOn: addDays(contractOn, 15), year: Number(start.slice(0, 4)), amount: 500, source: 'state' }],
      note: null,
    },
  ]);
  const reportOn = addDays(today, -150);
  await at(reportOn).report(actor, overdueId, { kind: 'progress', on: reportOn, period: 'định kỳ', percent: 85, narrative: 'Đã hoàn thành thử nghiệm chế phẩm trên 5 ha; đang viết báo cáo tổng hợp.' });
  const finalOn = addDays(today, -25);
  await at(finalOn).advance(actor, overdueId, { version: await versionOf(overdueId), stage: 'acceptance', on: finalOn, document: { kind: 'final_report', number: '112/BC-ĐHHV' }, note: 'Tổ chức chủ trì nộp hồ sơ đánh giá, nghiệm thu.' });

  // 2. A provincial project through every step, accepted "Xuất sắc", its results applied.
  let on = addDays(today, -1000);
  const step = (days: number) => {
    on = addDays(on, days);
    return on;
  };
  const proposed = await at(on).create(actor, {
    code: `ĐT.${Number(on.slice(0, 4))}.99`,
    title: 'Ứng dụng công nghệ chỉ thị phân tử trong chọn tạo giống bưởi Đoan Hùng không hạt',
    type: 'research',
    level: 'province',
    field: 'agricultural',
    hostCode: 'NOMAFSI',
    principalInvestigator: 'PGS.TS. Đào Văn Lâm',
    members: [{ name: 'ThS. Nguyễn Thị Phương' }, { name: 'KS. Hà Văn Quyết' }],
    objectives: 'Chọn được 01 dòng bưởi Đoan Hùng không hạt bằng chỉ thị phân tử.',
    expectedProducts: '01 dòng bưởi không hạt; quy trình nhân giống',
    budget: { total: 1400, stateByYear: { [String(year - 2)]: 700, [String(year - 1)]: 500 }, other: 200 },
    proposedOn: on,
    document: { number: '21/PĐX-SNNMT' },
  });
  const go = async (stage: string, days: number, extra: Record<string, unknown> = {}) => {
    const date = step(days);
    await at(date).advance(actor, proposed, { version: await versionOf(proposed), stage, on: date, ...extra });
  };
  await go('definition', 20);
  let date = step(3);
  await at(date).recordCouncil(actor, proposed, { version: await versionOf(proposed), kind: 'definition', heldOn: date, minutesNumber: '03/BB-HĐTV', members: council('evaluation', 85).map((member) => ({ ...member, scores: { necessity: 35, feasibility: 26, applicability: 25 } })) });
  await go('approved_list', 20, { document: { kind: 'list_decision', number: '1520/QĐ-UBND' } });
  await go('selection', 30, { document: { kind: 'application_dossier', number: 'HS-15' }, selectionMode: 'open' });
  await go('evaluation', 25);
  date = step(2);
  await at(date).recordCouncil(actor, proposed, { version: await versionOf(proposed), kind: 'evaluation', heldOn: date, minutesNumber: '11/BB-HĐTC', members: council('evaluation', 86) });
  await go('budget_appraisal', 15, { document: { kind: 'appraisal_minutes', number: '11/BB-TĐKP' } });
  await go('approval', 15, { document: { kind: 'approval_decision', number: '2105/QĐ-UBND' } });
  const contractDate = step(10);
  const contractMonth = monthOf(contractDate);
  await at(contractDate).advance(actor, proposed, { version: await versionOf(proposed), stage: 'contract', on: contractDate, document: { kind: 'contract', number: '15/HĐ-KHCN' }, startMonth: contractMonth, endMonth: addMonths(contractMonth, 17) });
  await go('implementation', 0);
  date = step(20);
  await at(date).addPayment(actor, proposed, { paidOn: date, year: Number(date.slice(0, 4)), amount: 500, source: 'state', documentNumber: 'UNC-1520' });
  for (const [days, percent] of [[180, 35], [182, 70]] as const) {
    date = step(days);
    await at(date).report(actor, proposed, { kind: 'progress', on: date, period: 'định kỳ', percent, narrative: `Đã hoàn thành ${percent}% khối lượng: lai tạo, đánh giá dòng.` });
  }
  date = step(40);
  await at(date).report(actor, proposed, { kind: 'inspection', on: date, percent: 75, narrative: 'Kiểm tra giữa kỳ: đúng tiến độ, sản phẩm đạt yêu cầu.', documentNumber: '05/BB-KT' });
  date = step(20);
  await at(date).requestChange(actor, proposed, { kind: 'schedule', description: 'Chờ đánh giá vụ quả thứ hai', on: date, endMonth: addMonths(contractMonth, 20) });
  const request = (await services.detail(actor, proposed)).changes.find((change) => change.status === 'pending')!;
  date = step(10);
  await at(date).decideChange(actor, proposed, request.id, { version: await versionOf(proposed), approve: true, on: date, decisionNumber: '140/QĐ-SKHCN' });
  const acceptanceEnd = addMonths(contractMonth, 20);
  on = addDays(`${acceptanceEnd}-01`, -20);
  await go('acceptance', 0, { document: { kind: 'final_report', number: '09/BC-VKHKT' } });
  date = step(25);
  await at(date).recordCouncil(actor, proposed, { version: await versionOf(proposed), kind: 'acceptance', heldOn: date, minutesNumber: '21/BB-HĐNT', members: council('acceptance', 90) });
  date = step(5);
  await at(date).addPayment(actor, proposed, { paidOn: date, year: Number(date.slice(0, 4)), amount: 700, source: 'state', documentNumber: 'UNC-2210' });
  await at(date).addPayment(actor, proposed, { paidOn: date, year: Number(date.slice(0, 4)), amount: 200, source: 'other' });
  await go('settlement', 30, { document: { kind: 'settlement_minutes', number: '04/BB-TLHĐ' } });
  await go('registration', 20, { document: { kind: 'registration_certificate', number: `${year - 1}/GCN-07` } });
  await go('application', 15);
  date = minDate(step(10), today);
  await at(date).recordApplication(actor, proposed, { appliedOn: date, organizationCode: 'SNNMT', description: 'Chuyển giao quy trình nhân giống bưởi không hạt cho 3 hợp tác xã tại Đoan Hùng' });

  // 3. A project in implementation whose host asks for more time (pending).
  const askOn = addDays(today, -7);
  const runningCode = `ĐT.${year - 1}.98`;
  const [runningId] = await services.writePlannedProjects(actor, [
    {
      sheetRow: 0,
      code: runningCode,
      title: 'Xây dựng nền tảng số quản lý vùng trồng chè gắn mã số vùng trồng',
      type: 'research',
      level: 'province',
      field: 'engineering_technology',
      hostOrganizationId: hostIds.get('DHCNVT')!,
      principalInvestigator: 'TS. Phan Văn Hậu',
      members: ['ThS. Đỗ Thị Quỳnh'],
      directiveId: null,
      objectives: 'Số hóa 100% vùng trồng chè có mã số.',
      expectedProducts: 'Phần mềm; cơ sở dữ liệu vùng trồng',
      startMonth: addMonths(monthOf(today), -15),
      endMonth: addMonths(monthOf(today), 1),
      budget: { total: 850, stateByYear: { [addMonths(monthOf(today), -15).slice(0, 4)]: 850 }, other: 0 },
      stage: 'implementation',
      stageOn: `${addMonths(monthOf(today), -15)}-05`,
      contract: { number: '21/HĐ-KHCN', signedOn: `${addMonths(monthOf(today), -15)}-05` },
      extension: null,
      acceptance: null,
      stoppedOn: null,
      payments: [],
      note: null,
    },
  ]);
  await at(askOn).report(actor, runningId, { kind: 'progress', on: askOn, percent: 60, narrative: 'Đã số hóa 60% vùng trồng.', difficulties: 'Dữ liệu bản đồ nền chậm bàn giao.' });
  await at(askOn).requestChange(actor, runningId, { kind: 'schedule', description: 'Dữ liệu bản đồ nền chậm bàn giao; đề nghị gia hạn 6 tháng', on: askOn, endMonth: addMonths(monthOf(today), 7) });
}
