import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { isIsoDate } from '../domain/dates';
import { AppError } from '../server/errors';
import { CliExit, withContext } from './context';

const formats = ['docx', 'xlsx'] as const;

/**
 * `report tasks` (contract of issue 6):
 * `thucthi report tasks --as-of YYYY-MM-DD [--directive NUMBER] [--org CODE] --format docx|xlsx --out FILE`.
 * Exit 0 when the file is written; 2 with a message for anything else.
 */
export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('Báo cáo');
  report
    .command('tasks')
    .description('Lập báo cáo tình hình thực hiện nhiệm vụ: Word theo thể thức Nghị định 30/2020/NĐ-CP, hoặc Excel')
    .requiredOption('--as-of <date>', 'tính đến ngày YYYY-MM-DD')
    .option('--directive <number>', 'số, ký hiệu văn bản (gồm cả các văn bản triển khai nó)')
    .option('--org <code>', 'mã cơ quan, đơn vị (gồm cả cấp dưới)')
    .requiredOption('--format <format>', 'docx (Word) hoặc xlsx (Excel)')
    .requiredOption('--out <file>', 'tệp kết quả')
    .action(async (options: { asOf: string; directive?: string; org?: string; format: string; out: string }) => {
      if (!isIsoDate(options.asOf)) throw new CliExit(2, `--as-of "${options.asOf}" không phải là ngày hợp lệ (YYYY-MM-DD).`);
      if (!(formats as readonly string[]).includes(options.format)) throw new CliExit(2, `--format "${options.format}" không hợp lệ: chọn docx hoặc xlsx.`);
      const format = options.format as (typeof formats)[number];
      const directory = path.dirname(path.resolve(options.out));
      if (!fs.existsSync(directory)) throw new CliExit(2, `Không ghi được tệp "${options.out}": thư mục "${directory}" không tồn tại.`);
      await withContext(async ({ services }) => {
        let file;
        try {
          file = await services.reports.exportReport(null, { asOf: options.asOf, directive: options.directive, org: options.org }, format);
        } catch (error) {
          if (error instanceof AppError) throw new CliExit(2, error.message);
          throw error;
        }
        try {
          fs.writeFileSync(options.out, file.buffer);
        } catch (error) {
          throw new CliExit(2, `Không ghi được tệp "${options.out}": ${(error as Error).message}`);
        }
        console.log(`Đã ghi báo cáo (${format === 'docx' ? 'Word' : 'Excel'}, tính đến ngày ${options.asOf}) vào ${options.out}.`);
      });
    });
}
