import fs from 'node:fs';
import { Command } from 'commander';
import { CliExit, withContext } from './context';
import { isIsoDate } from '../domain/dates';
import { PROJECT_LEVEL_LABELS, type ProjectLevel } from '../domain/project-lifecycle';
import { AppError } from '../server/errors';

function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

function formatAmount(amount: number): string {
  return amount.toLocaleString('vi-VN', { maximumFractionDigits: 3 });
}

const timelinessLabels: Record<string, string> = {
  completed_on_time: 'hoàn thành đúng hạn',
  completed_late: 'hoàn thành quá hạn',
  in_progress: 'đang thực hiện trong hạn',
  overdue: 'quá hạn',
  no_deadline: 'không thời hạn',
  not_contracted: 'chưa ký hợp đồng',
  stopped: 'dừng thực hiện',
};

/** The subcommand `import` (shared with the task commands), created when missing. */
function importCommand(program: Command): Command {
  return program.commands.find((command) => command.name() === 'import') ?? program.command('import').description('Nhập dữ liệu từ Excel');
}

/** `projects stats` and `import projects` (contract of issue 8). */
export function registerProjectCommands(program: Command): void {
  const projects = program.command('projects').description('Nhiệm vụ KH&CN (đề tài, dự án, đề án các cấp)');
  projects
    .command('stats')
    .description('Số nhiệm vụ KH&CN tính đến một ngày theo cấp, giai đoạn và tình trạng; tổng kinh phí')
    .requiredOption('--as-of <date>', 'tính đến ngày YYYY-MM-DD')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (options: { asOf: string; json?: boolean }) => {
      if (!isIsoDate(options.asOf)) throw new CliExit(2, `--as-of "${options.asOf}" không phải là ngày hợp lệ (YYYY-MM-DD).`);
      await withContext(async ({ services }) => {
        const result = await services.projects.statistics({ asOf: options.asOf });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const { stages } = await services.projects.configuration();
        const stageName = (code: string) => stages.find((stage) => stage.code === code)?.name ?? (code === 'stopped' ? 'Dừng thực hiện' : code);
        console.log(`Tính đến ngày ${options.asOf}: ${result.total} nhiệm vụ KH&CN.`);
        console.log(`Theo cấp: ${Object.entries(result.byLevel).map(([level, count]) => `${PROJECT_LEVEL_LABELS[level as ProjectLevel] ?? level} ${count}`).join('; ')}.`);
        console.log('Theo giai đoạn:');
        for (const [stage, count] of Object.entries(result.byStage)) if (count > 0) console.log(`  ${stageName(stage)}: ${count}`);
        console.log(`Theo tình trạng: ${Object.entries(result.byTimeliness).map(([key, count]) => `${timelinessLabels[key] ?? key} ${count}`).join('; ')}; có nguy cơ chậm ${result.atRisk}.`);
        console.log(`Tỷ lệ hoàn thành ${formatRate(result.completionRate)}; tỷ lệ hoàn thành đúng hạn ${formatRate(result.onTimeRate)}.`);
        const budget = result.budget;
        console.log(`Kinh phí (triệu đồng): tổng ${formatAmount(budget.total)}, ngân sách nhà nước ${formatAmount(budget.state)}, nguồn khác ${formatAmount(budget.other)}; đã cấp ${formatAmount(budget.paid)} (NSNN ${formatAmount(budget.paidState)}, tỷ lệ giải ngân ${formatRate(budget.disbursementRate)}).`);
        for (const year of budget.byYear) console.log(`  Năm ${year.year}: kế hoạch ${formatAmount(year.planned)}, đã cấp ${formatAmount(year.paid)}`);
      });
    });

  importCommand(program)
    .command('projects')
    .description('Nhập danh sách nhiệm vụ KH&CN đang quản lý từ tệp .xlsx (mỗi dòng một nhiệm vụ) — tất cả hoặc không')
    .argument('<file>', 'tệp Excel .xlsx')
    .option('--dry-run', 'chỉ kiểm tra, không ghi')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
      const json = Boolean(options.json);
      const fail = (status: number, message: string): never => {
        if (json) process.stdout.write(`${JSON.stringify({ ok: false, created: 0, warnings: [], errors: [{ row: null, column: null, header: null, value: null, message, suggestions: [] }] }, null, 2)}\n`);
        throw new CliExit(status, message);
      };
      let buffer: Buffer;
      try {
        buffer = fs.readFileSync(file);
      } catch (error) {
        return fail(2, `Không đọc được tệp "${file}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'tệp không tồn tại' : (error as Error).message}.`);
      }
      await withContext(async ({ services }) => {
        let result;
        try {
          result = await services.projects.importProjects(null, buffer, { dryRun: Boolean(options.dryRun) });
        } catch (error) {
          if (error instanceof AppError) return fail(2, error.message);
          throw error;
        }
        if (json) {
          process.stdout.write(`${JSON.stringify({ ok: result.ok, created: result.created, warnings: result.warnings, errors: result.errors, dryRun: result.dryRun, projects: result.projects }, null, 2)}\n`);
        } else {
          for (const warning of result.warnings) console.log(`Cảnh báo: ${warning}`);
          for (const error of result.errors) console.log(error.message);
          if (result.ok) console.log(result.dryRun ? `Kiểm tra xong: sẽ nhập ${result.created} nhiệm vụ KH&CN.` : `Đã nhập ${result.created} nhiệm vụ KH&CN.`);
          else console.log(`Có ${result.errors.length} lỗi; chưa nhập nhiệm vụ nào.`);
        }
        if (!result.ok) process.exitCode = 1;
      });
    });
}
