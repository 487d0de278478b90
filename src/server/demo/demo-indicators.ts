import ExcelJS from 'exceljs';
import { formatPeriodCode, periodOfDate, previousPeriod, type Period } from '../../domain/periods';
import { readReferenceTable } from '../modules/organizations/reference-data';
import type { Services } from '../services';

const groupOf: Record<string, string> = {
  KTS_GRDP: 'Chuyển đổi số',
  DVCTT_TOAN_TRINH: 'Chuyển đổi số',
  PHU_5G_TT_XA: 'Chuyển đổi số',
  PHU_5G_KCN: 'Chuyển đổi số',
  DIEM_LOM_SONG: 'Chuyển đổi số',
  CBCC_KY_NANG_SO: 'Chuyển đổi số',
  DTI: 'Chuyển đổi số',
  NV_KHCN: 'Khoa học và công nghệ',
  PII_DIEM: 'Đổi mới sáng tạo',
  PII_HANG: 'Đổi mới sáng tạo',
  TANG_TRUONG_GRDP: 'Phát triển kinh tế - xã hội',
};

const words = {
  direction: { higher: 'Tăng', lower: 'Giảm' },
  frequency: { month: 'Tháng', quarter: 'Quý', year: 'Năm' },
  time: { sum: 'Cộng dồn', last: 'Cuối kỳ', average: 'Trung bình' },
  org: { sum: 'Cộng', average: 'Trung bình', ratio: 'Tỷ lệ', none: 'Không' },
  type: { number: 'Số', percent: 'Phần trăm', yes_no: 'Có-Không' },
} as const;

/** 2026 targets of the province, from the seed's goals. */
const targets2026: [string, '≥' | '≤', number][] = [
  ['KTS_GRDP', '≥', 25],
  ['DVCTT_TOAN_TRINH', '≥', 100],
  ['PHU_5G_TT_XA', '≥', 100],
  ['PHU_5G_KCN', '≥', 100],
  ['DIEM_LOM_SONG', '≤', 0],
  ['NV_KHCN', '≥', 95],
  ['PII_DIEM', '≥', 43],
  ['PII_HANG', '≤', 12],
  ['CBCC_KY_NANG_SO', '≥', 95],
  ['DTI', '≥', 0.75],
  ['TANG_TRUONG_GRDP', '≥', 10],
  ['TY_LE_HO_CAP_QUANG', '≥', 90],
];

async function workbook(header: string[], rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Dữ liệu');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function throwIfFailed(what: string, report: { ok: boolean; errors: { message: string }[] }) {
  if (!report.ok) throw new Error(`Demo ${what} do not import: ${report.errors.map((error) => error.message).join('; ')}`);
}

/**
 * The seed's indicators (2025 results, 2026 targets) through the real imports, monthly dead-spot
 * counts of the communes and quarterly fibre figures (a ratio) up to last month. Returns a summary.
 */
export async function seedDemoIndicators(services: Services, today: string): Promise<string> {
  const reference = readReferenceTable('indicators-2025.tsv');
  const definitions: (string | number)[][] = reference.map((row) => [
    row.code,
    row.name,
    row.unit,
    words.direction[row.direction as 'higher'],
    words.frequency[row.frequency as 'year'],
    words.time[row.time_aggregation as 'last'],
    words.org[row.org_aggregation as 'none'],
    '',
    '',
    'SKHCN',
    words.type[row.value_type as 'number'],
    groupOf[row.code] ?? 'Chuyển đổi số',
    row.note,
  ]);
  definitions.push(
    ['HO_CAP_QUANG', 'Số hộ gia đình có kết nối Internet cáp quang', 'hộ', 'Tăng', 'Quý', 'Cuối kỳ', 'Cộng', '', '', 'SKHCN', 'Số', 'Chuyển đổi số', 'Hộ gia đình có ít nhất một thuê bao cáp quang băng rộng cố định'],
    ['TONG_SO_HO', 'Tổng số hộ gia đình', 'hộ', 'Tăng', 'Quý', 'Cuối kỳ', 'Cộng', '', '', 'SKHCN', 'Số', 'Chuyển đổi số', 'Tổng số hộ gia đình trên địa bàn'],
    ['TY_LE_HO_CAP_QUANG', 'Tỷ lệ hộ gia đình có kết nối Internet cáp quang', '%', 'Tăng', 'Quý', 'Cuối kỳ', 'Tỷ lệ', 'HO_CAP_QUANG', 'TONG_SO_HO', 'SKHCN', 'Phần trăm', 'Chuyển đổi số', 'Số hộ có cáp quang / tổng số hộ × 100'],
  );
  const header = [
    'Mã',
    'Tên chỉ tiêu',
    'Đơn vị tính',
    'Chiều (Tăng/Giảm)',
    'Tần suất (Tháng/Quý/Năm)',
    'Tổng hợp theo thời gian (Cộng dồn/Cuối kỳ/Trung bình)',
    'Tổng hợp theo đơn vị (Cộng/Trung bình/Tỷ lệ/Không)',
    'Tử số',
    'Mẫu số',
    'Đơn vị theo dõi',
    'Kiểu giá trị (Số/Phần trăm/Có-Không)',
    'Nhóm',
    'Định nghĩa',
  ];
  throwIfFailed('indicators', await services.indicatorImports.importDefinitions(null, await workbook(header, definitions), false));

  const year = Number(today.slice(0, 4));
  const lastYear = year - 1;
  const values: (string | number)[][] = [];
  for (const row of reference) {
    if (!row.value_2025) continue;
    const period = row.frequency === 'quarter' ? `${lastYear}Q4` : String(lastYear);
    values.push([row.code, '25', period, Number(row.value_2025)]);
  }
  // Online public services and 5G by quarter this year, up to the last finished quarter.
  const lastQuarter = previousPeriod(periodOfDate(today, 'quarter'));
  for (let index = 1; index <= 4; index += 1) {
    const quarter: Period = { kind: 'quarter', year, index };
    if (formatPeriodCode(quarter) > formatPeriodCode(lastQuarter)) break;
    values.push(['DVCTT_TOAN_TRINH', '25', formatPeriodCode(quarter), [96.5, 98.2, 99.1, 100][index - 1]]);
    values.push(['PHU_5G_TT_XA', '25', formatPeriodCode(quarter), [92, 96.6, 98.6, 100][index - 1]]);
  }
  throwIfFailed('values', await services.indicatorImports.importValues(null, await workbook(['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Giá trị'], values), false));

  // Communes: dead spots every month since January last year; households and fibre every quarter.
  const communes = readReferenceTable('phu-tho-communes.tsv');
  const organizations = await services.organizations.list({});
  const idOf = new Map(organizations.map((organization) => [organization.code, organization.id]));
  const [deadSpots, fibre, households] = await Promise.all(['DIEM_LOM_SONG', 'HO_CAP_QUANG', 'TONG_SO_HO'].map((code) => services.indicators.getIndicator(code)));
  const next = random(2026);
  const lastMonth = formatPeriodCode(previousPeriod(periodOfDate(today, 'month')));
  const rows: { indicatorId: number; organizationId: number; period: string; value: number }[] = [];
  for (const commune of communes) {
    const organizationId = idOf.get(commune.code)!;
    const spots = next() < 0.3 ? 1 + Math.floor(next() * 5) : 0;
    const homes = 1500 + Math.floor(next() * 4500);
    const reportsLate = next() < 0.15;
    for (let month = 1; month <= 24; month += 1) {
      const period = formatPeriodCode({ kind: 'month', year: lastYear + Math.floor((month - 1) / 12), index: ((month - 1) % 12) + 1 });
      if (period > lastMonth || (reportsLate && period === lastMonth)) break;
      rows.push({ indicatorId: deadSpots.id, organizationId, period, value: Math.max(0, spots - Math.floor(month / 6)) });
    }
    for (let quarter = 1; quarter <= 4; quarter += 1) {
      const period = formatPeriodCode({ kind: 'quarter', year, index: quarter });
      if (period > formatPeriodCode(lastQuarter) || (reportsLate && quarter > 1)) break;
      rows.push({ indicatorId: households.id, organizationId, period, value: homes });
      rows.push({ indicatorId: fibre.id, organizationId, period, value: Math.round(homes * Math.min(0.98, 0.7 + 0.06 * quarter + next() * 0.1)) });
    }
  }
  await services.indicators.writeValues(null, rows);

  const targetRows: (string | number)[][] = targets2026.map(([code, comparator, value]) => [code, '25', String(year), value, comparator]);
  throwIfFailed(
    'targets',
    await services.indicatorImports.importTargets(null, await workbook(['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Chỉ tiêu', 'So sánh (≥, ≤, =)'], targetRows), false),
  );
  return `${definitions.length} chỉ tiêu, ${values.length + rows.length} số liệu`;
}
