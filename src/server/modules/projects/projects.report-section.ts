/**
 * The portfolio section of a periodic report (the Word report of the reports module): the
 * project figures as of a date in the words of an administrative report, and a table by host
 * organization. Pure: the portfolio in, text out; the report builder lays it out.
 */
import type { ProjectsService } from './projects.service';

type Portfolio = Awaited<ReturnType<ProjectsService['portfolio']>>;

export interface PortfolioReportSection {
  title: string;
  paragraphs: string[];
  table: { headers: string[]; rows: string[][] };
}

const number = (value: number) => value.toLocaleString('vi-VN', { maximumFractionDigits: 3 });
const rate = (value: number | null) => (value === null ? '—' : `${(value * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);
const date = (value: string) => `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;

/** The section "Tình hình thực hiện các nhiệm vụ khoa học và công nghệ" of a report as of the portfolio's date. */
export function buildPortfolioReportSection(portfolio: Portfolio, options: { maxOverdue?: number } = {}): PortfolioReportSection {
  const level = (code: string) => portfolio.byLevel.find((entry) => entry.code === code)?.count ?? 0;
  const status = (code: string) => portfolio.byTimeliness.find((entry) => entry.code === code)?.count ?? 0;
  const accepted = status('completed_on_time') + status('completed_late');
  const paragraphs = [
    `Tính đến ngày ${date(portfolio.asOf)}, đang theo dõi ${number(portfolio.total)} nhiệm vụ khoa học và công nghệ các cấp (${number(level('national'))} nhiệm vụ cấp quốc gia, ${number(level('ministry'))} cấp bộ, ${number(level('province'))} cấp tỉnh, ${number(level('grassroots'))} cấp cơ sở). Trong đó: ${number(status('not_contracted'))} nhiệm vụ đang trong quá trình xác định, tuyển chọn, phê duyệt (chưa ký hợp đồng); ${number(status('in_progress'))} nhiệm vụ đang thực hiện trong hạn (${number(portfolio.atRisk)} nhiệm vụ có nguy cơ chậm tiến độ); ${number(status('overdue'))} nhiệm vụ quá hạn chưa nghiệm thu; ${number(accepted)} nhiệm vụ đã nghiệm thu (${number(status('completed_on_time'))} đúng hạn, ${number(status('completed_late'))} quá hạn); ${number(status('stopped'))} nhiệm vụ dừng thực hiện.`,
    `Tổng kinh phí các nhiệm vụ là ${number(portfolio.budget.total)} triệu đồng, trong đó ngân sách nhà nước ${number(portfolio.budget.state)} triệu đồng, nguồn khác ${number(portfolio.budget.other)} triệu đồng; đã cấp ${number(portfolio.budget.paid)} triệu đồng (tỷ lệ giải ngân ngân sách nhà nước ${rate(portfolio.budget.disbursementRate)}).`,
  ];
  const overdue = portfolio.attention.filter((item) => item.timeliness === 'overdue').slice(0, options.maxOverdue ?? 10);
  if (overdue.length > 0) {
    paragraphs.push(
      `Các nhiệm vụ quá hạn chưa nghiệm thu: ${overdue.map((item) => `${item.code} "${item.title}" (${item.hostName}, quá hạn ${number(item.overdueDays ?? 0)} ngày)`).join('; ')}.`,
    );
  }
  return {
    title: 'Tình hình thực hiện các nhiệm vụ khoa học và công nghệ',
    paragraphs,
    table: {
      headers: ['TT', 'Tổ chức chủ trì', 'Tổng số', 'Đang thực hiện trong hạn', 'Quá hạn', 'Đã nghiệm thu', 'Kinh phí (triệu đồng)'],
      rows: portfolio.byHost.map((host, index) => [String(index + 1), host.name, number(host.total), number(host.inProgress), number(host.overdue), number(host.completed), number(host.budgetTotal)]),
    },
  };
}
