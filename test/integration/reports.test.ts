/**
 * Official reports (issue 6): the Word report in the format of Decree 30/2020, Appendix I, the
 * Excel workbook, drafts with their "what changed since", the refusal of a scope the reader may not
 * see, the CLI, and one report through LibreOffice to PDF.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoAppendix } from '../../src/server/demo/demo-appendix';
import type { Actor, Role } from '../../src/domain/policies';
import { createServices, type Services } from '../../src/server/services';
import { dateInWords, formatNumberVi, formatRateVi, mm, textWidthTwips } from '../../src/files/word-report';
import { PROGRESS_HEADERS, REPORT_SHEETS } from '../../src/files/report-workbook';
import { buildTestApp, testClock, type Session, type TestApp } from '../helpers/build-test-app';
import { testEngines } from '../helpers/test-database';

const today = '2026-11-26';
const plan = '125/KH-UBND';

// ---------------------------------------------------------------------------------------------
// Reading a .docx (a zip of XML)
// ---------------------------------------------------------------------------------------------

interface Docx {
  document: string;
  styles: string;
  files: Record<string, string>;
}

async function openDocx(buffer: Buffer): Promise<Docx> {
  const zip = await JSZip.loadAsync(buffer);
  const files: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (name.endsWith('.xml') || name.endsWith('.rels')) files[name] = await zip.file(name)!.async('string');
  return { document: files['word/document.xml'], styles: files['word/styles.xml'], files };
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The text of an XML fragment (its w:t runs). */
function textOf(xml: string): string {
  return unescapeXml([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(''));
}

/** Every paragraph of a fragment with its XML, in order (nested table paragraphs included). */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) => ({ xml: match[0], text: textOf(match[0]) }));
}

/** The top-level tables of the body, in order. */
function tables(xml: string): string[] {
  const result: string[] = [];
  let depth = 0;
  let start = -1;
  const pattern = /<w:tbl>|<\/w:tbl>/g;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    if (match[0] === '<w:tbl>') {
      if (depth === 0) start = match.index;
      depth += 1;
    } else {
      depth -= 1;
      if (depth === 0) result.push(xml.slice(start, match.index + match[0].length));
    }
  }
  return result;
}

function rowsOf(table: string): string[][] {
  return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) => [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => cell[0]));
}

function attribute(xml: string, element: string, name: string): string | null {
  const match = new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml);
  return match ? match[1] : null;
}

/** The paragraph whose text is exactly `text`. */
function paragraphWith(docx: Docx, text: string): { xml: string; text: string } {
  const found = paragraphs(docx.document).find((paragraph) => paragraph.text === text);
  if (!found) throw new Error(`No paragraph "${text}"`);
  return found;
}

function runSize(paragraphXml: string): number {
  return Number(attribute(paragraphXml, 'w:sz', 'w:val'));
}

// ---------------------------------------------------------------------------------------------
// The data: plan 125/KH-UBND imported from a realistic appendix, months of work recorded through
// the real workflow at their own dates, and a few indicators of the province
// ---------------------------------------------------------------------------------------------

const people: [string, Role, string][] = [
  ['theodoi', 'coordinator', '25'],
  ['lanhdao', 'leader', '25'],
  ['thanhtra', 'viewer', '25'],
  ['skhcn', 'reporter', 'SKHCN'],
  ['snv', 'reporter', 'SNV'],
  ['sgddt', 'reporter', 'SGDDT'],
  ['vpubnd', 'reporter', 'VP-UBND'],
  ['tanhoa', 'reporter', '04792'],
];

async function sheet(header: string[], rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const data = book.addWorksheet('Dữ liệu');
  data.addRow(header);
  for (const row of rows) data.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function seedReportData(t: TestApp): Promise<void> {
  const actors = new Map<string, Actor>();
  for (const [username, role, organization] of people) {
    await t.createUser(username, role, organization);
    actors.set(username, await t.services.users.loadActor(t.testDatabase.database.db, (await t.services.users.findByUsername(username))!));
  }
  const as = (username: string) => actors.get(username)!;
  const at = (date: string): Services => createServices(t.testDatabase.database, testClock(date), { sessionDays: 7, dueSoonDays: 3 });
  const imported = await t.services.imports.importTasks(as('theodoi'), await buildDemoAppendix(2026), {
    directive: plan,
    directiveTitle: 'Kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị',
    issued: '2026-01-15',
    planEnd: 2028,
    dryRun: false,
  });
  expect(imported.ok).toBe(true);
  const directive = imported.directive!.id!;
  const find = async (search: string) => {
    const list = await t.services.tasks.list(as('theodoi'), { search, directive, page: 1, pageSize: 5, asOf: '2036-01-01' });
    return list.items.find((item) => !item.isContainer)!.id;
  };
  const version = async (id: number) => (await t.services.tasks.detail(as('theodoi'), id)).version;

  const procedures = await find('Rà soát, tái cấu trúc quy trình');
  await at('2026-05-20').tasks.postProgress(as('vpubnd'), procedures, {
    version: await version(procedures),
    percent: 40,
    narrative: 'Đã rà soát 620/1.540 thủ tục hành chính; đề xuất tái cấu trúc 180 quy trình.',
    difficulties: 'Một số thủ tục liên thông với bộ, ngành chưa có hướng dẫn tái cấu trúc.',
    proposals: 'Đề nghị UBND tỉnh giao Sở KH&CN hỗ trợ kỹ thuật kết nối Cổng dịch vụ công quốc gia.',
  });
  await at('2026-08-25').tasks.postProgress(as('vpubnd'), procedures, {
    version: await version(procedures),
    percent: 75,
    narrative: 'Đã tái cấu trúc 410 quy trình; 312 dịch vụ công trực tuyến toàn trình.',
    difficulties: 'Hạ tầng một số xã chưa đáp ứng ký số.',
  });
  const training = await find('Đào tạo kỹ năng số');
  await at('2026-09-10').tasks.postProgress(as('snv'), training, { version: await version(training), percent: 50, narrative: 'Đã mở 6/12 lớp bồi dưỡng kỹ năng số.' });
  await at('2026-09-20').tasks.requestExtension(as('snv'), training, { version: await version(training), requestedDeadline: '2026-12-15', reason: 'Chờ bố trí kinh phí bổ sung.' });
  const pending = (await t.services.tasks.detail(as('theodoi'), training)).extensions.find((extension) => extension.status === 'pending')!;
  await at('2026-09-27').tasks.decideExtension(as('lanhdao'), training, pending.id, { version: await version(training), approve: true });
  const schools = await find('Chuyển đổi số trong giáo dục');
  await at('2026-08-10').tasks.postProgress(as('sgddt'), schools, { version: await version(schools), percent: 90, narrative: 'Đã hoàn thiện dự thảo kế hoạch.' });
  await at('2026-08-20').tasks.submit(as('sgddt'), schools, { version: await version(schools), note: 'Kế hoạch đã được Giám đốc Sở ký ban hành.' });
  const yearly = await find('Báo cáo tình hình thực hiện chuyển đổi số');
  await at('2026-06-30').tasks.postProgress(as('skhcn'), yearly, {
    version: await version(yearly),
    percent: 50,
    narrative: 'Đã tổng hợp báo cáo 6 tháng đầu năm.',
    proposals: 'Đề nghị các sở, ngành gửi số liệu đúng hạn trước ngày 10 hằng tháng.',
  });
  const rules = await find('Xây dựng Đề án chuyển đổi số');
  const survey = await at('2026-03-01').tasks.create(as('skhcn'), {
    directiveId: directive,
    parentId: rules,
    title: 'Khảo sát hiện trạng chuyển đổi số cấp xã phục vụ xây dựng Đề án',
    leadCode: '04792',
    deadline: '2026-05-31',
  });
  await at('2026-04-15').tasks.postProgress(as('tanhoa'), survey, { version: await version(survey), percent: 100, narrative: 'Đã gửi phiếu khảo sát tổng hợp.' });

  const definitions = [
    ['DVC_TOAN_TRINH', 'Tỷ lệ dịch vụ công trực tuyến toàn trình', '%', 'Tăng', 'Quý', 'Cuối kỳ', 'Không', '', '', 'SKHCN', 'Phần trăm', 'Chuyển đổi số', 'Dịch vụ công trực tuyến toàn trình / tổng số thủ tục'],
    ['DIEM_LOM', 'Số điểm lõm sóng di động', 'điểm', 'Giảm', 'Tháng', 'Cuối kỳ', 'Không', '', '', 'SKHCN', 'Số', 'Chuyển đổi số', 'Điểm chưa có sóng di động'],
    ['NV_KHCN', 'Số nhiệm vụ khoa học và công nghệ các cấp được quản lý', 'nhiệm vụ', 'Tăng', 'Năm', 'Cộng dồn', 'Không', '', '', 'SKHCN', 'Số', 'Khoa học và công nghệ', 'Nhiệm vụ đang thực hiện'],
  ];
  const header = ['Mã', 'Tên chỉ tiêu', 'Đơn vị tính', 'Chiều (Tăng/Giảm)', 'Tần suất (Tháng/Quý/Năm)', 'Tổng hợp theo thời gian (Cộng dồn/Cuối kỳ/Trung bình)', 'Tổng hợp theo đơn vị (Cộng/Trung bình/Tỷ lệ/Không)', 'Tử số', 'Mẫu số', 'Đơn vị theo dõi', 'Kiểu giá trị (Số/Phần trăm/Có-Không)', 'Nhóm', 'Định nghĩa'];
  expect((await t.services.indicatorImports.importDefinitions(null, await sheet(header, definitions), false)).ok).toBe(true);
  const values = [
    ['DVC_TOAN_TRINH', '25', '2026Q1', 96.5],
    ['DVC_TOAN_TRINH', '25', '2026Q2', 98.2],
    ['DVC_TOAN_TRINH', '25', '2026Q3', 99.1],
    ['DIEM_LOM', '25', '2026-10', 15],
    ['NV_KHCN', '25', '2025', 91],
  ];
  expect((await t.services.indicatorImports.importValues(null, await sheet(['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Giá trị'], values), false)).ok).toBe(true);
  const targets = [
    ['DVC_TOAN_TRINH', '25', '2026', 100, '≥'],
    ['DIEM_LOM', '25', '2026', 0, '≤'],
  ];
  expect((await t.services.indicatorImports.importTargets(null, await sheet(['Mã chỉ tiêu', 'Đơn vị', 'Kỳ', 'Chỉ tiêu', 'So sánh (≥, ≤, =)'], targets), false)).ok).toBe(true);
}

// ---------------------------------------------------------------------------------------------
// The pure builder's wording, once
// ---------------------------------------------------------------------------------------------

describe('report wording', () => {
  it('writes dates in words with leading zeros for days below 10 and months 1 and 2, numbers with the decimal comma', () => {
    expect(dateInWords('2026-01-05')).toBe('ngày 05 tháng 01 năm 2026');
    expect(dateInWords('2026-03-15')).toBe('ngày 15 tháng 3 năm 2026');
    expect(dateInWords('2026-02-09')).toBe('ngày 09 tháng 02 năm 2026');
    expect(dateInWords('2026-12-01')).toBe('ngày 01 tháng 12 năm 2026');
    expect(dateInWords('2026-10-31')).toBe('ngày 31 tháng 10 năm 2026');
    expect(formatNumberVi(1234.5)).toBe('1.234,5');
    expect(formatRateVi(5 / 9)).toBe('55,6%');
    expect(formatRateVi(null)).toBe('—');
    expect(mm(210)).toBe(11906);
    expect(mm(297)).toBe(16838);
  });
});

// ---------------------------------------------------------------------------------------------
// Through the API, on every engine
// ---------------------------------------------------------------------------------------------

describe.each(testEngines())('reports on %s', (engine) => {
  let t: TestApp;
  let coordinator: Session;
  let reporter: Session;
  let viewer: Session;

  const get = (session: Session, url: string) => t.inject({ method: 'GET', url, headers: session.headers });
  const statistics = async (query: string) => (await get(coordinator, `/api/v1/stats/tasks?${query}`)).json();
  const exportFile = async (session: Session, query: string) => {
    const response = await get(session, `/api/v1/reports/tasks/export?${query}`);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return response.rawPayload;
  };

  beforeAll(async () => {
    t = await buildTestApp(engine, { today });
    await seedReportData(t);
    coordinator = await t.login('theodoi');
    reporter = await t.login('skhcn');
    viewer = await t.login('thanhtra');
  }, 180_000);
  afterAll(async () => t?.close());

  it('counts in section I exactly what the statistics service counts, for several scopes and dates', async () => {
    const scopes = [`directive=${encodeURIComponent(plan)}`, 'org=SKHCN', `directive=${encodeURIComponent(plan)}&org=25`, 'org=04792'];
    for (const scope of scopes) {
      for (const asOf of ['2026-04-01', '2026-07-01', today]) {
        const created = await t.inject({
          method: 'POST',
          url: '/api/v1/reports/drafts',
          headers: coordinator.headers,
          payload: Object.fromEntries([...new URLSearchParams(`${scope}&asOf=${asOf}`)]),
        });
        expect(created.statusCode, created.body).toBe(201);
        const { figures } = created.json();
        const stats = await statistics(`${scope}&asOf=${asOf}`);
        const { asOf: _asOf, organizations: _organizations, ...counts } = stats;
        expect(figures.counts, `${scope} ${asOf}`).toEqual(counts);
        // The tasks listed are the tasks counted.
        const tally = (wanted: string) => figures.tasks.filter((task: { timeliness: string }) => task.timeliness === wanted).length;
        expect(figures.tasks).toHaveLength(counts.total);
        expect([tally('completed_on_time'), tally('completed_late'), tally('in_progress'), tally('overdue'), tally('no_deadline')]).toEqual([
          counts.completedOnTime,
          counts.completedLate,
          counts.inProgress,
          counts.overdue,
          counts.noDeadline,
        ]);
      }
    }
  });

  it('writes the Word report in the format of Decree 30/2020: page, margins, fonts, header, rules, sections, landscape appendices', async () => {
    const docx = await openDocx(await exportFile(coordinator, `directive=${encodeURIComponent(plan)}&asOf=${today}&format=docx`));
    const { document } = docx;
    expect(document).toBe(document.normalize('NFC'));

    // Three sections: the portrait body, then Phụ lục I and Phụ lục II on landscape pages.
    const sections = [...document.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((match) => match[0]);
    expect(sections).toHaveLength(3);
    const [body, first, second] = sections;
    expect(attribute(body, 'w:pgSz', 'w:w')).toBe('11906');
    expect(attribute(body, 'w:pgSz', 'w:h')).toBe('16838');
    expect(attribute(body, 'w:pgSz', 'w:orient')).toBe('portrait');
    const margin = (section: string, side: string) => Number(attribute(section, 'w:pgMar', `w:${side}`));
    // Top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    expect(margin(body, 'top')).toBe(1134);
    expect(margin(body, 'bottom')).toBe(1134);
    expect(margin(body, 'left')).toBe(1701);
    expect(margin(body, 'right')).toBe(850);
    for (const [side, low, high] of [['top', 20, 25], ['bottom', 20, 25], ['left', 30, 35], ['right', 15, 20]] as const) {
      expect(margin(body, side)).toBeGreaterThanOrEqual(mm(low));
      expect(margin(body, side)).toBeLessThanOrEqual(mm(high));
    }
    for (const appendix of [first, second]) {
      expect(attribute(appendix, 'w:pgSz', 'w:orient')).toBe('landscape');
      expect(attribute(appendix, 'w:pgSz', 'w:w')).toBe('16838');
      expect(attribute(appendix, 'w:pgSz', 'w:h')).toBe('11906');
    }

    // Page numbers at the top centre, not on the first page.
    expect(body).toContain('<w:titlePg/>');
    const headerOf = (section: string, type: string) => {
      const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(section)?.[1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(docx.files['word/_rels/document.xml.rels'])?.[1];
      return docx.files[`word/${target}`];
    };
    expect(headerOf(body, 'default')).toMatch(/PAGE/);
    expect(attribute(headerOf(body, 'default'), 'w:jc', 'w:val')).toBe('center');
    expect(headerOf(body, 'first')).not.toMatch(/PAGE/);
    expect(headerOf(first, 'default')).toMatch(/PAGE/);

    // Times New Roman, body 14 pt.
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(docx.styles)![0];
    expect(attribute(defaults, 'w:rFonts', 'w:ascii')).toBe('Times New Roman');
    expect(attribute(defaults, 'w:rFonts', 'w:hAnsi')).toBe('Times New Roman');
    expect(attribute(defaults, 'w:sz', 'w:val')).toBe('28');
    const fonts = new Set([...document.matchAll(/<w:rFonts w:ascii="([^"]+)"/g)].map((match) => match[1]));
    expect([...fonts]).toEqual(['Times New Roman']);

    // The header: a borderless table of two columns.
    const [header, countsTable] = tables(document);
    expect(attribute(header, 'w:top', 'w:val')).toBe('none');
    const headerRows = rowsOf(header);
    expect(headerRows[0]).toHaveLength(2);
    const [left, right] = headerRows[0];
    expect(paragraphs(left).map((paragraph) => paragraph.text)).toEqual(['ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', '']);
    expect(paragraphs(right).map((paragraph) => paragraph.text)).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '']);
    const [parentAgency, agency, agencyRule] = paragraphs(left);
    const [nation, motto, mottoRule] = paragraphs(right);
    expect(runSize(parentAgency.xml)).toBeGreaterThanOrEqual(24);
    expect(runSize(parentAgency.xml)).toBeLessThanOrEqual(26);
    expect(parentAgency.xml).not.toContain('<w:b/>');
    expect(agency.xml).toContain('<w:b/>');
    expect(runSize(agency.xml)).toBeGreaterThanOrEqual(24);
    expect(runSize(agency.xml)).toBeLessThanOrEqual(26);
    expect(nation.xml).toContain('<w:b/>');
    expect(runSize(nation.xml)).toBeGreaterThanOrEqual(24);
    expect(runSize(nation.xml)).toBeLessThanOrEqual(26);
    expect(motto.xml).toContain('<w:b/>');
    expect(runSize(motto.xml)).toBeGreaterThanOrEqual(26);
    expect(runSize(motto.xml)).toBeLessThanOrEqual(28);
    // The rules: a solid line under the agency 1/3 to 1/2 as long as its name; under the motto as long as it.
    const ruleLength = (rule: string, cell: string) => {
      expect(rule).toMatch(/<w:pBdr><w:top w:val="single"/);
      const width = Number(attribute(cell, 'w:tcW', 'w:w'));
      return width - Number(attribute(rule, 'w:ind', 'w:left')) - Number(attribute(rule, 'w:ind', 'w:right'));
    };
    const agencyText = textWidthTwips('SỞ KHOA HỌC VÀ CÔNG NGHỆ', runSize(agency.xml), true);
    expect(ruleLength(agencyRule.xml, left)).toBeGreaterThanOrEqual(agencyText / 3);
    expect(ruleLength(agencyRule.xml, left)).toBeLessThanOrEqual(agencyText / 2);
    const mottoText = textWidthTwips('Độc lập - Tự do - Hạnh phúc', runSize(motto.xml), true);
    expect(Math.abs(ruleLength(mottoRule.xml, right) - mottoText)).toBeLessThanOrEqual(2);
    // "Số: …/BC-…" and the place and date in italics, the date in words.
    expect(textOf(headerRows[1][0]).replace(/\s+/g, ' ')).toBe('Số: /BC-SKHCN');
    const place = paragraphs(headerRows[1][1])[0];
    expect(place.text).toBe('Phú Thọ, ngày 26 tháng 11 năm 2026');
    expect(place.xml).toContain('<w:i/>');

    // "BÁO CÁO", the subject, the sections; body justified, first line indented, 6 pt apart.
    expect(paragraphWith(docx, 'BÁO CÁO').xml).toContain('<w:b/>');
    expect(attribute(paragraphWith(docx, 'BÁO CÁO').xml, 'w:jc', 'w:val')).toBe('center');
    const texts = paragraphs(document).map((paragraph) => paragraph.text);
    expect(texts).toContain('Tình hình, kết quả thực hiện Kế hoạch số 125/KH-UBND của UBND tỉnh tính đến ngày 26/11/2026');
    const headings = ['I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO', 'II. KẾT QUẢ THỰC HIỆN', 'III. TỒN TẠI, HẠN CHẾ', 'IV. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI', 'V. ĐỀ XUẤT, KIẾN NGHỊ'];
    const positions = headings.map((heading) => texts.indexOf(heading));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const heading of headings) expect(paragraphWith(docx, heading).xml).toContain('<w:b/>');
    const intro = paragraphs(document).find((paragraph) => paragraph.text.startsWith('Thực hiện Kế hoạch số 125/KH-UBND ngày 15/01/2026'))!;
    expect(attribute(intro.xml, 'w:jc', 'w:val')).toBe('both');
    expect(Number(attribute(intro.xml, 'w:ind', 'w:firstLine'))).toBeGreaterThanOrEqual(567);
    expect(Number(attribute(intro.xml, 'w:ind', 'w:firstLine'))).toBeLessThanOrEqual(720);
    expect(Number(attribute(intro.xml, 'w:spacing', 'w:before'))).toBeGreaterThanOrEqual(120);
    expect(runSize(intro.xml)).toBe(28);
    // The results, the overdue tasks with their age, difficulties and proposals from the updates.
    expect(texts.some((text) => text.includes('Rà soát, tái cấu trúc quy trình') && text.includes('Quá hạn 57 ngày') && text.includes('tiến độ 75%'))).toBe(true);
    expect(texts).toContain('Còn 4 nhiệm vụ quá hạn chưa hoàn thành:');
    expect(texts.some((text) => text.includes('Hạ tầng một số xã chưa đáp ứng ký số.'))).toBe(true);
    expect(texts.some((text) => text.includes('Đề nghị các sở, ngành gửi số liệu đúng hạn trước ngày 10 hằng tháng.'))).toBe(true);
    expect(texts).toContain('Nơi nhận:');
    expect(texts).toContain('KT. GIÁM ĐỐC');
    expect(texts).toContain('PHÓ GIÁM ĐỐC');

    // Section I's table holds the statistics service's counts.
    const stats = await statistics(`directive=${encodeURIComponent(plan)}&asOf=${today}`);
    const values = rowsOf(countsTable)[1].map((cell) => textOf(cell));
    expect(values).toEqual([
      ...[stats.total, stats.completedOnTime, stats.completedLate, stats.inProgress, stats.overdue, stats.noDeadline].map(String),
      formatRateVi(stats.completionRate),
      formatRateVi(stats.onTimeRate),
    ]);
    expect(texts).toContain(`Tính đến ngày 26/11/2026, tổng số nhiệm vụ được giao: ${stats.total} nhiệm vụ; trong đó đã đến hạn ${stats.due} nhiệm vụ. Cụ thể:`);

    // The appendices sit in the landscape sections, with their headers and tables.
    const bodyEnd = document.indexOf(body);
    const firstEnd = document.indexOf(first);
    const appendixOne = document.slice(bodyEnd, firstEnd);
    const appendixTwo = document.slice(firstEnd, document.indexOf(second));
    expect(paragraphs(appendixOne).find((paragraph) => paragraph.text)?.text).toBe('Phụ lục I');
    expect(textOf(appendixOne)).toContain('(Kèm theo Báo cáo số');
    expect(textOf(appendixOne)).toContain('/BC-SKHCN ngày 26 tháng 11 năm 2026 của Sở Khoa học và Công nghệ)');
    const taskTable = rowsOf(tables(appendixOne)[0]);
    expect(taskTable[0].map(textOf)).toEqual(['TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Sản phẩm', 'Thời hạn hoàn thành', 'Tình trạng', 'Kết quả thực hiện']);
    expect(tables(appendixOne)[0]).toContain('<w:tblHeader/>');
    expect(taskTable.some((row) => textOf(row[1]) === 'Xóa điểm lõm sóng di động trên địa bàn' && textOf(row[2]) === '148 xã, phường')).toBe(true);
    expect(paragraphs(appendixTwo).find((paragraph) => paragraph.text)?.text).toBe('Phụ lục II');
    const indicatorTable = rowsOf(tables(appendixTwo)[0]);
    expect(indicatorTable[0].map(textOf)).toEqual(['TT', 'Chỉ tiêu', 'Đơn vị tính', 'Chỉ tiêu kế hoạch', 'Kết quả thực hiện', 'Tiến độ', 'Đánh giá']);
    const row = (name: string) => indicatorTable.find((cells) => textOf(cells[1]) === name)!.map(textOf);
    // The latest period with a value, its target, progress against the baseline, and the assessment.
    expect(row('Tỷ lệ dịch vụ công trực tuyến toàn trình').slice(2)).toEqual(['%', '≥ 100', '99,1(Quý III/2026)', '99,1%', 'Có nguy cơ không đạt']);
    expect(row('Số điểm lõm sóng di động').slice(3, 5)).toEqual(['≤ 0', '15(Tháng 10/2026)']);
    expect(row('Số nhiệm vụ khoa học và công nghệ các cấp được quản lý').slice(3)).toEqual(['—', '91(Năm 2025)', '—', 'Chưa giao chỉ tiêu kế hoạch']);
  });

  it('writes the workbook: one sheet per appendix, the national layout, frozen headers, filters, widths', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportFile(coordinator, `directive=${encodeURIComponent(plan)}&asOf=${today}&format=xlsx`)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([REPORT_SHEETS.summary, REPORT_SHEETS.tasks, REPORT_SHEETS.indicators, REPORT_SHEETS.progress]);
    const stats = await statistics(`directive=${encodeURIComponent(plan)}&asOf=${today}`);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getCell('A1').text).toBe('ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ');
      expect(sheet.getCell('A2').text).toBe('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
      const view = sheet.views[0] as { state: string; ySplit: number };
      expect(view.state).toBe('frozen');
      const headerRow = view.ySplit;
      expect(sheet.getRow(headerRow).getCell(1).text).toBe('TT');
      expect(sheet.getRow(headerRow).font?.name ?? sheet.getRow(headerRow).getCell(1).font.name).toBe('Times New Roman');
      expect(sheet.autoFilter).toBeTruthy();
      expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(40);
      const right = sheet.getRow(1).getCell(sheet.getRow(headerRow).cellCount).text;
      expect(right).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    }
    const progress = workbook.getWorksheet(REPORT_SHEETS.progress)!;
    const progressHeader = (progress.views[0] as { ySplit: number }).ySplit;
    expect((progress.getRow(progressHeader).values as unknown[]).slice(1)).toEqual(PROGRESS_HEADERS);
    let numbered = 0;
    progress.eachRow((row, number) => {
      if (number > progressHeader && typeof row.getCell(1).value === 'number') numbered += 1;
    });
    expect(numbered).toBe(stats.total);
    const summary = workbook.getWorksheet(REPORT_SHEETS.summary)!;
    const summaryHeader = (summary.views[0] as { ySplit: number }).ySplit;
    const figure = (label: string) => {
      for (let row = summaryHeader + 1; row <= summary.rowCount; row += 1) if (summary.getRow(row).getCell(2).text === label) return summary.getRow(row).getCell(3).value;
      return undefined;
    };
    expect(figure('Tổng số nhiệm vụ được giao')).toBe(stats.total);
    expect(figure('Hoàn thành đúng hạn')).toBe(stats.completedOnTime);
    expect(figure('Quá hạn chưa hoàn thành')).toBe(stats.overdue);
    const tasks = workbook.getWorksheet(REPORT_SHEETS.tasks)!;
    const tasksHeader = (tasks.views[0] as { ySplit: number }).ySplit;
    expect(tasks.getCell(5, 1).text).toBe('Phụ lục I');
    expect(String(tasks.autoFilter)).toMatch(new RegExp(`^A${tasksHeader}:I\\d+$`));
    expect(tasks.getRow(tasksHeader).getCell(6).text).toBe('Thời hạn hoàn thành');
    const deadlineCell = tasks.getRow(tasksHeader + 2).getCell(6);
    expect(deadlineCell.value).toBeInstanceOf(Date);
    expect(deadlineCell.numFmt).toBe('dd/mm/yyyy');
  });

  it('refuses the report of a scope the user may not see', async () => {
    // A reporter of Sở KH&CN: its own tasks yes; the province's, or the plan issued by the province, no.
    expect((await get(reporter, '/api/v1/reports/tasks/export?org=SKHCN&asOf=2026-11-26&format=docx')).statusCode).toBe(200);
    for (const query of ['org=25', `directive=${encodeURIComponent(plan)}`, 'org=SNV', '']) {
      const response = await get(reporter, `/api/v1/reports/tasks/export?${query}&asOf=2026-11-26&format=docx`);
      expect(response.statusCode, query).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
      const draft = await t.inject({ method: 'POST', url: '/api/v1/reports/drafts', headers: reporter.headers, payload: Object.fromEntries([...new URLSearchParams(query)]) });
      expect(draft.statusCode, query).toBe(403);
    }
    expect((await get(reporter, '/api/v1/reports/tasks/export?org=SKHCN&format=pdf')).statusCode).toBe(400);
    expect((await get(reporter, '/api/v1/reports/tasks/export?org=NOPE&format=docx')).statusCode).toBe(404);
    // An inspection body reads and exports, but does not make drafts.
    expect((await get(viewer, `/api/v1/reports/tasks/export?directive=${encodeURIComponent(plan)}&format=xlsx`)).statusCode).toBe(200);
    const viewerDraft = await t.inject({ method: 'POST', url: '/api/v1/reports/drafts', headers: viewer.headers, payload: { org: 'SKHCN' } });
    expect(viewerDraft.statusCode).toBe(403);
    // A draft of the province is not among the reporter's drafts and cannot be opened by them.
    const province = await t.inject({ method: 'POST', url: '/api/v1/reports/drafts', headers: coordinator.headers, payload: { org: '25', period: '2026Q3' } });
    expect(province.statusCode).toBe(201);
    const mine = await t.inject({ method: 'POST', url: '/api/v1/reports/drafts', headers: reporter.headers, payload: { org: 'SKHCN' } });
    expect(mine.statusCode).toBe(201);
    const list = (await get(reporter, '/api/v1/reports/drafts')).json();
    expect(list.items.map((item: { id: number }) => item.id)).toContain(mine.json().id);
    expect(list.items.map((item: { id: number }) => item.id)).not.toContain(province.json().id);
    expect((await get(reporter, `/api/v1/reports/drafts/${province.json().id}`)).statusCode).toBe(404);
    expect((await get(reporter, `/api/v1/reports/drafts/${province.json().id}/export?format=docx`)).statusCode).toBe(404);
    // The period's report is as of its last day.
    expect(province.json()).toMatchObject({ asOf: '2026-09-30', period: '2026Q3' });
    expect(province.json().figures.periodLabel).toBe('Quý III/2026');
    expect(province.json().figures.nextPeriod).toMatchObject({ from: '2026-10-01', to: '2026-12-31', label: 'Quý IV/2026' });
  });

  it('keeps the officer’s text in a draft, with versions, and says what changed when regenerated', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/v1/reports/drafts', headers: coordinator.headers, payload: { directive: plan, asOf: today } });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft.changes).toBeNull();
    expect(draft.sections.subject).toBe('Tình hình, kết quả thực hiện Kế hoạch số 125/KH-UBND của UBND tỉnh tính đến ngày 26/11/2026');
    const narrative = 'Sở đã tham mưu UBND tỉnh ban hành **3 văn bản** chỉ đạo, đôn đốc.\nTổ chức 2 đoàn kiểm tra tại các sở, ngành.';
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/v1/reports/drafts/${draft.id}`,
      headers: coordinator.headers,
      payload: { version: draft.version, number: '215', sections: { leadership: narrative, signerName: 'Nguyễn Văn Bình' }, figures: { counts: { total: 1 } } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ version: draft.version + 1, number: '215' });
    // The numbers stay computed: nothing the client sends changes them.
    expect(patched.json().figures.counts).toEqual(draft.figures.counts);
    const stale = await t.inject({ method: 'PATCH', url: `/api/v1/reports/drafts/${draft.id}`, headers: coordinator.headers, payload: { version: draft.version, sections: { intro: 'x' } } });
    expect(stale.statusCode).toBe(409);
    const reporterEdit = await t.inject({ method: 'PATCH', url: `/api/v1/reports/drafts/${draft.id}`, headers: reporter.headers, payload: { version: draft.version + 1, sections: { intro: 'x' } } });
    expect(reporterEdit.statusCode).toBe(404);

    const exported = await get(coordinator, `/api/v1/reports/drafts/${draft.id}/export?format=docx`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('wordprocessingml');
    const docx = await openDocx(exported.rawPayload);
    const texts = paragraphs(docx.document).map((paragraph) => paragraph.text);
    expect(texts).toContain('Sở đã tham mưu UBND tỉnh ban hành 3 văn bản chỉ đạo, đôn đốc.');
    expect(paragraphWith(docx, 'Sở đã tham mưu UBND tỉnh ban hành 3 văn bản chỉ đạo, đôn đốc.').xml).toContain('<w:b/>');
    expect(texts).toContain('Tổ chức 2 đoàn kiểm tra tại các sở, ngành.');
    expect(texts).toContain('Nguyễn Văn Bình');
    expect(texts).toContain('Số: 215/BC-SKHCN');
    expect(textOf(docx.document)).toContain('(Kèm theo Báo cáo số 215/BC-SKHCN ngày 26 tháng 11 năm 2026 của Sở Khoa học và Công nghệ)');

    // A fact recorded today that took effect in the past: the completion reported on 20/08 is confirmed.
    const schools = draft.figures.tasks.find((task: { title: string }) => task.title.startsWith('Chuyển đổi số trong giáo dục'));
    expect(schools).toMatchObject({ timeliness: 'overdue' });
    const detail = (await get(coordinator, `/api/v1/tasks/${schools.id}`)).json();
    const confirmed = await t.inject({ method: 'POST', url: `/api/v1/tasks/${schools.id}/confirm`, headers: coordinator.headers, payload: { version: detail.version } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);

    const regenerated = await t.inject({ method: 'POST', url: `/api/v1/reports/drafts/${draft.id}/regenerate`, headers: coordinator.headers, payload: { version: draft.version + 1 } });
    expect(regenerated.statusCode, regenerated.body).toBe(200);
    const after = regenerated.json();
    expect(after.version).toBe(draft.version + 2);
    expect(after.sections.leadership).toBe(narrative);
    expect(after.figures.counts.overdue).toBe(draft.figures.counts.overdue - 1);
    expect(after.figures.counts.completedLate).toBe(draft.figures.counts.completedLate + 1);
    expect(after.changes).toEqual(
      expect.arrayContaining([
        { kind: 'count', label: 'Hoàn thành quá hạn', before: String(draft.figures.counts.completedLate), after: String(draft.figures.counts.completedLate + 1) },
        { kind: 'count', label: 'Quá hạn chưa hoàn thành', before: String(draft.figures.counts.overdue), after: String(draft.figures.counts.overdue - 1) },
        expect.objectContaining({ kind: 'task_status', label: expect.stringContaining('Chuyển đổi số trong giáo dục'), after: expect.stringContaining('Hoàn thành quá hạn, hoàn thành 20/08/2026') }),
      ]),
    );
    expect(after.figures.counts).toEqual((({ asOf: _a, organizations: _o, ...counts }) => counts)(await statistics(`directive=${encodeURIComponent(plan)}&asOf=${today}`)));
    const listed = (await get(coordinator, '/api/v1/reports/drafts')).json();
    expect(listed.items.find((item: { id: number }) => item.id === draft.id)).toMatchObject({ number: '215', canEdit: true, version: draft.version + 2 });

    expect((await t.inject({ method: 'DELETE', url: `/api/v1/reports/drafts/${draft.id}`, headers: coordinator.headers })).statusCode).toBe(204);
    expect((await get(coordinator, `/api/v1/reports/drafts/${draft.id}`)).statusCode).toBe(404);
  });

  const office = (() => {
    const has = (command: string) => {
      try {
        execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    return { soffice: has('soffice'), pdftotext: has('pdftotext'), pdfinfo: has('pdfinfo') };
  })();
  const canConvert = office.soffice && office.pdftotext && office.pdfinfo;
  if (!canConvert && engine === testEngines()[0]) {
    console.log('soffice or pdftotext is missing: the PDF conversion test is skipped (install libreoffice-writer-nogui and poppler-utils).');
  }

  it.skipIf(!canConvert || engine !== testEngines()[0])('survives LibreOffice: PDF pages, header texts, page numbers from page 2, landscape appendices', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'thucthi-report-pdf-'));
    try {
      const docxPath = path.join(directory, 'bao-cao.docx');
      fs.writeFileSync(docxPath, await exportFile(coordinator, `directive=${encodeURIComponent(plan)}&asOf=${today}&format=docx`));
      await new Promise<void>((resolve, reject) =>
        execFile(
          'soffice',
          ['--headless', '--norestore', `-env:UserInstallation=file://${directory}/profile`, '--convert-to', 'pdf', '--outdir', directory, docxPath],
          { env: { ...process.env, HOME: directory }, timeout: 180_000 },
          (error) => (error ? reject(error) : resolve()),
        ),
      );
      const pdf = path.join(directory, 'bao-cao.pdf');
      const info = execFileSync('pdfinfo', ['-f', '1', '-l', '100', pdf]).toString();
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      // The body (the counts, 20 results, 4 overdue tasks, the signature) takes about 4 pages, Phụ lục I
      // about 3 (148 communes' tasks fold into one row), Phụ lục II one.
      expect(pages).toBeGreaterThanOrEqual(6);
      expect(pages).toBeLessThanOrEqual(12);
      const sizes = [...info.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map((match) => ({ page: Number(match[1]), width: Number(match[2]), height: Number(match[3]) }));
      expect(sizes).toHaveLength(pages);
      // A4 portrait first (595 × 842 pt), landscape at the end.
      expect(sizes[0].width).toBeCloseTo(595.3, 0);
      expect(sizes[0].height).toBeCloseTo(841.9, 0);
      expect(sizes[pages - 1].width).toBeCloseTo(841.9, 0);
      const portrait = sizes.filter((size) => size.width < size.height).length;
      expect(sizes.slice(portrait).every((size) => size.width > size.height)).toBe(true);
      expect(portrait).toBeGreaterThanOrEqual(3);
      expect(pages - portrait).toBeGreaterThanOrEqual(2);
      const text = (from: number, to = from) => execFileSync('pdftotext', ['-f', String(from), '-l', String(to), '-layout', pdf, '-']).toString();
      const first = text(1);
      for (const line of ['ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', 'Phú Thọ, ngày 26 tháng 11 năm 2026']) {
        expect(first).toContain(line);
      }
      // No page number on the first page; "2" heads the second.
      expect(first.trim().split('\n')[0]).not.toMatch(/^\s*1\s*$/);
      expect(text(2).trim().split('\n')[0].trim()).toBe('2');
      const appendices = text(portrait + 1, pages);
      expect(appendices).toContain('Phụ lục I');
      expect(appendices).toContain('Phụ lục II');
      expect(text(portrait)).toContain('KT. GIÁM ĐỐC');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  }, 240_000);
});

// ---------------------------------------------------------------------------------------------
// The CLI (automated checks use it)
// ---------------------------------------------------------------------------------------------

function thucthi(args: string[], dataDir: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/thucthi.js', ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('thucthi report tasks (embedded database)', () => {
  let directory: string;
  let dataDir: string;

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'thucthi-report-cli-'));
    dataDir = path.join(directory, 'data');
    const appendix = path.join(directory, 'phu-luc.xlsx');
    fs.writeFileSync(appendix, await buildDemoAppendix(2026));
    expect((await thucthi(['seed', 'reference'], dataDir)).status).toBe(0);
    const imported = await thucthi(['import', 'tasks', appendix, '--directive', plan, '--issued', '2026-01-15', '--plan-end', '2028'], dataDir);
    expect(imported.status, imported.stderr).toBe(0);
  }, 180_000);
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('writes the Word and Excel reports (exit 0) and refuses anything else with a message (exit 2)', async () => {
    const docx = path.join(directory, 'bao-cao.docx');
    const written = await thucthi(['report', 'tasks', '--as-of', '2026-07-01', '--directive', plan, '--format', 'docx', '--out', docx], dataDir);
    expect(written.status, written.stderr).toBe(0);
    expect(written.stdout).toContain(docx);
    const document = (await openDocx(fs.readFileSync(docx))).document;
    expect(textOf(document)).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // As the import test counts for Sở KH&CN on 1 July: 3 tasks, one on time, one late, one in progress.
    const skhcn = path.join(directory, 'skhcn.xlsx');
    const workbookRun = await thucthi(['report', 'tasks', '--as-of', '2026-07-01', '--org', 'SKHCN', '--format', 'xlsx', '--out', skhcn], dataDir);
    expect(workbookRun.status, workbookRun.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(skhcn);
    const summary = workbook.getWorksheet(REPORT_SHEETS.summary)!;
    const values: Record<string, unknown> = {};
    summary.eachRow((row) => (values[row.getCell(2).text] = row.getCell(3).value));
    expect(values).toMatchObject({ 'Tổng số nhiệm vụ được giao': 3, 'Hoàn thành đúng hạn': 1, 'Hoàn thành quá hạn': 1, 'Đang thực hiện trong hạn': 1 });

    const failures: [string[], string][] = [
      [['--as-of', '2026-02-30', '--format', 'docx', '--out', docx], '--as-of'],
      [['--as-of', '2026-07-01', '--format', 'pdf', '--out', docx], '--format'],
      [['--as-of', '2026-07-01', '--directive', '999/KH-XYZ', '--format', 'docx', '--out', docx], 'Không tìm thấy văn bản chỉ đạo "999/KH-XYZ"'],
      [['--as-of', '2026-07-01', '--org', 'NOPE', '--format', 'docx', '--out', docx], 'Không tìm thấy cơ quan, đơn vị có mã "NOPE"'],
      [['--as-of', '2026-07-01', '--format', 'docx', '--out', path.join(directory, 'missing', 'x.docx')], 'không tồn tại'],
      [['--as-of', '2026-07-01', '--format', 'docx'], 'out'],
    ];
    for (const [args, message] of failures) {
      const result = await thucthi(['report', 'tasks', ...args], dataDir);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
  }, 240_000);
});
