import fs from 'node:fs';
import { Command } from 'commander';
import { CliExit, withContext } from './context';
import { ImportRefusedError } from '../server/modules/imports/imports.service';
import { AppError } from '../server/errors';
import { isIsoDate } from '../domain/dates';

function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

/** `import tasks` and `stats tasks` (contract of issue 3). */
export function registerTaskCommands(program: Command): void {
  const importCommand = program.command('import').description('Nhập dữ liệu từ Excel');
  importCommand
    .command('tasks')
    .description('Nhập bảng nhiệm vụ (phụ lục kế hoạch) từ tệp .xlsx — tất cả hoặc không')
    .argument('<file>', 'tệp Excel .xlsx')
    .requiredOption('--directive <number>', 'số, ký hiệu văn bản (vd. 125/KH-UBND)')
    .option('--directive-title <text>', 'trích yếu (khi tạo văn bản mới)')
    .option('--issued <date>', 'ngày ban hành YYYY-MM-DD (bắt buộc khi văn bản chưa có)')
    .option('--plan-end <year>', 'năm kết thúc kế hoạch (cho nhiệm vụ hằng năm)')
    .option('--issuer <code>', 'mã cơ quan ban hành (mặc định 25: UBND tỉnh)')
    .option('--dry-run', 'chỉ kiểm tra, không ghi')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, options: { directive: string; directiveTitle?: string; issued?: string; planEnd?: string; issuer?: string; dryRun?: boolean; json?: boolean }) => {
      const json = Boolean(options.json);
      const fail = (status: number, message: string): never => {
        if (json) process.stdout.write(`${JSON.stringify({ ok: false, created: 0, warnings: [], errors: [{ row: null, column: null, header: null, value: null, message, suggestions: [] }] }, null, 2)}\n`);
        throw new CliExit(status, message);
      };
      if (options.issued !== undefined && !isIsoDate(options.issued)) fail(2, `--issued "${options.issued}" không phải là ngày hợp lệ (YYYY-MM-DD).`);
      const planEnd = options.planEnd === undefined ? undefined : Number(options.planEnd);
      if (planEnd !== undefined && (!Number.isInteger(planEnd) || planEnd < 1945 || planEnd > 2200)) fail(2, `--plan-end "${options.planEnd}" không phải là năm hợp lệ.`);
      let buffer: Buffer;
      try {
        buffer = fs.readFileSync(file);
      } catch (error) {
        return fail(2, `Không đọc được tệp "${file}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'tệp không tồn tại' : (error as Error).message}.`);
      }
      await withContext(async ({ services }) => {
        let result;
        try {
          result = await services.imports.importTasks(null, buffer, {
            directive: options.directive,
            directiveTitle: options.directiveTitle,
            issued: options.issued,
            planEnd,
            issuer: options.issuer,
            dryRun: Boolean(options.dryRun),
          });
        } catch (error) {
          if (error instanceof ImportRefusedError || error instanceof AppError) return fail(2, error.message);
          throw error;
        }
        if (json) {
          process.stdout.write(`${JSON.stringify({ ok: result.ok, created: result.created, warnings: result.warnings, errors: result.errors, dryRun: result.dryRun, containers: result.containers, directive: result.directive }, null, 2)}\n`);
        } else {
          for (const warning of result.warnings) console.log(`Cảnh báo: ${warning}`);
          for (const error of result.errors) {
            console.log(`${error.message}${error.suggestions.length && !error.message.includes('Có phải') ? ` Có phải: ${error.suggestions.join('; ')}?` : ''}`);
          }
          if (result.ok) {
            console.log(result.dryRun ? `Kiểm tra xong: sẽ nhập ${result.created} nhiệm vụ vào văn bản ${result.directive?.number}.` : `Đã nhập ${result.created} nhiệm vụ vào văn bản ${result.directive?.number}.`);
          } else {
            console.log(`Có ${result.errors.length} lỗi; chưa nhập nhiệm vụ nào.`);
          }
        }
        if (!result.ok) process.exitCode = 1;
      });
    });

  const stats = program.command('stats').description('Thống kê');
  stats
    .command('tasks')
    .description('Thống kê tình hình thực hiện nhiệm vụ tính đến một ngày, và xếp hạng cơ quan, đơn vị')
    .requiredOption('--as-of <date>', 'tính đến ngày YYYY-MM-DD')
    .option('--directive <number>', 'số, ký hiệu văn bản (gồm cả các văn bản triển khai nó)')
    .option('--org <code>', 'mã cơ quan, đơn vị (gồm cả cấp dưới)')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (options: { asOf: string; directive?: string; org?: string; json?: boolean }) => {
      if (!isIsoDate(options.asOf)) throw new CliExit(2, `--as-of "${options.asOf}" không phải là ngày hợp lệ (YYYY-MM-DD).`);
      await withContext(async ({ services }) => {
        const result = await services.stats.taskStatistics({ asOf: options.asOf, directive: options.directive, org: options.org });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        console.log(`Tính đến ngày ${options.asOf}: ${result.total} nhiệm vụ; đã đến hạn ${result.due}; hoàn thành đúng hạn ${result.completedOnTime}, hoàn thành quá hạn ${result.completedLate}, đang thực hiện trong hạn ${result.inProgress} (sắp đến hạn ${result.dueSoon}), quá hạn ${result.overdue}, thường xuyên ${result.noDeadline}.`);
        console.log(`Tỷ lệ hoàn thành ${formatRate(result.completionRate)}; tỷ lệ hoàn thành đúng hạn ${formatRate(result.onTimeRate)}.`);
        for (const organization of result.organizations) {
          console.log(`${String(organization.rank ?? '—').padStart(4)}  ${organization.code.padEnd(12)} ${formatRate(organization.completionRate).padStart(7)} ${formatRate(organization.onTimeRate).padStart(7)}  quá hạn ${organization.overdue}/${organization.due}  ${organization.name}`);
        }
      });
    });
}

/** `import indicators|indicator-values|indicator-targets` and `indicators value` (contract of issue 4). */
export function registerIndicatorCommands(program: Command): void {
  const importCommand = program.commands.find((command) => command.name() === 'import')!;
  const kinds = {
    indicators: { description: 'Nhập danh mục chỉ tiêu từ tệp .xlsx', method: 'importDefinitions' },
    'indicator-values': { description: 'Nhập số liệu chỉ tiêu từ tệp .xlsx (được phê duyệt khi nhập)', method: 'importValues' },
    'indicator-targets': { description: 'Nhập chỉ tiêu kế hoạch từ tệp .xlsx', method: 'importTargets' },
  } as const;
  for (const [kind, { description, method }] of Object.entries(kinds)) {
    importCommand
      .command(kind)
      .description(`${description} — tất cả hoặc không`)
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
          let report;
          try {
            report = await services.indicatorImports[method](null, buffer, Boolean(options.dryRun));
          } catch (error) {
            if (error instanceof AppError) return fail(2, error.message);
            throw error;
          }
          if (json) {
            process.stdout.write(`${JSON.stringify({ ok: report.ok, created: report.created, warnings: report.warnings, errors: report.errors, dryRun: report.dryRun }, null, 2)}\n`);
          } else {
            for (const warning of report.warnings) console.log(`Cảnh báo: ${warning}`);
            for (const error of report.errors) console.log(error.message);
            console.log(report.ok ? `${report.dryRun ? 'Kiểm tra xong: sẽ ghi' : 'Đã ghi'} ${report.created} dòng.` : `Có ${report.errors.length} lỗi; chưa ghi dữ liệu nào.`);
          }
          if (!report.ok) process.exitCode = 1;
        });
      });
  }

  program
    .command('indicators')
    .description('Chỉ tiêu')
    .command('value')
    .description('Giá trị của một chỉ tiêu cho một đơn vị và một kỳ: giá trị nhập, tổng hợp từ cấp dưới, chỉ tiêu kế hoạch, tiến độ, đánh giá')
    .requiredOption('--code <code>', 'mã chỉ tiêu')
    .requiredOption('--org <code>', 'mã cơ quan, đơn vị')
    .requiredOption('--period <period>', 'kỳ: 2026, 2026S1, 2026Q1, 2026-03')
    .option('--as-of <date>', 'tính đến ngày YYYY-MM-DD (mặc định hôm nay)')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (options: { code: string; org: string; period: string; asOf?: string; json?: boolean }) => {
      if (options.asOf !== undefined && !isIsoDate(options.asOf)) throw new CliExit(2, `--as-of "${options.asOf}" không phải là ngày hợp lệ (YYYY-MM-DD).`);
      await withContext(async ({ services }) => {
        const view = await services.indicators.rollup({ code: options.code, org: options.org, period: options.period, asOf: options.asOf });
        const result = { code: view.code, org: view.org, period: view.period, value: view.value, entered: view.entered, rollup: view.rollup, target: view.target, comparator: view.comparator, progress: view.progress, status: view.status };
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        console.log(`${view.code} — ${view.orgName}, kỳ ${view.period}: ${view.value ?? 'chưa có số liệu'} (nhập trực tiếp: ${view.entered ?? '—'}; tổng hợp: ${view.rollup.value ?? '—'}, ${view.rollup.reported}/${view.rollup.expected} đã báo cáo)`);
        console.log(`Chỉ tiêu kế hoạch: ${view.target ?? '—'}; tiến độ: ${formatRate(view.progress)}; đánh giá: ${view.status}`);
      });
    });
}
