import fs from 'node:fs';
import { Command, Option } from 'commander';
import { CliExit, withContext } from './context';
import { AppError } from '../server/errors';
import { INDEX_METHODS, type IndexMethod } from '../domain/composite-index';
import { PEER_KINDS, type IndexImportReport, type PeerKind } from '../server/modules/indices/indices.service';

const scoreFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function formatScore(score: number | null): string {
  return score === null ? '—' : scoreFormat.format(score);
}

/** Prints an import report (JSON or text) and sets exit status 1 when rows had errors. */
function printReport(json: boolean, report: IndexImportReport, extra: Record<string, unknown>, done: string) {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: report.ok, created: report.created, warnings: report.warnings, errors: report.errors, dryRun: report.dryRun, ...extra }, null, 2)}\n`);
  } else {
    for (const warning of report.warnings) console.log(`Cảnh báo: ${warning}`);
    for (const error of report.errors) console.log(error.message);
    console.log(report.ok ? done : `Có ${report.errors.length} lỗi; chưa ghi dữ liệu nào.`);
  }
  if (!report.ok) process.exitCode = 1;
}

/** Reads the file or fails with status 2 (and the JSON error shape when asked). */
function readFile(file: string, fail: (status: number, message: string) => never): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    return fail(2, `Không đọc được tệp "${file}": ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'tệp không tồn tại' : (error as Error).message}.`);
  }
}

function failWith(json: boolean) {
  return (status: number, message: string): never => {
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, created: 0, warnings: [], errors: [{ row: null, column: null, header: null, value: null, message, suggestions: [] }] }, null, 2)}\n`);
    throw new CliExit(status, message);
  };
}

/**
 * `index import-framework|import-data|compute` (contract of issue 9). Exit status: 0 done, 1 rows
 * with errors (nothing written), 2 anything else.
 */
export function registerIndexCommands(program: Command): void {
  const index = program.command('index').description('Chỉ số tổng hợp (PII, DTI…): khung, số liệu, điểm và thứ hạng');

  index
    .command('import-framework')
    .description('Nhập khung chỉ số (Mã | Tên | Cấp | Thuộc | Trọng số | Chiều (Tăng/Giảm) | Điểm tối đa) từ tệp .xlsx — tất cả hoặc không; nhập lại thì thay khung, giữ số liệu')
    .argument('<file>', 'tệp Excel .xlsx')
    .requiredOption('--code <code>', 'mã chỉ số (vd. PII, DTI)')
    .option('--name <text>', 'tên chỉ số (mặc định: tên dòng cấp "Chỉ số")')
    .addOption(new Option('--method <method>', 'phương pháp: minmax (chuẩn hóa min-max, kiểu GII/PII) hoặc points (cộng điểm, kiểu DTI)').choices(INDEX_METHODS as unknown as string[]))
    .addOption(new Option('--peers <kind>', 'nhóm so sánh: province (34 tỉnh, thành phố, mặc định) hoặc commune (các xã, phường)').choices(PEER_KINDS as unknown as string[]))
    .option('--outliers', 'xử lý giá trị ngoại lai theo JRC trước khi chuẩn hóa (minmax)')
    .option('--dry-run', 'chỉ kiểm tra, không ghi')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, options: { code: string; name?: string; method?: IndexMethod; peers?: PeerKind; outliers?: boolean; dryRun?: boolean; json?: boolean }) => {
      const json = Boolean(options.json);
      const fail = failWith(json);
      const buffer = readFile(file, fail);
      await withContext(async ({ services }) => {
        let report;
        try {
          report = await services.indices.importFramework(null, buffer, {
            code: options.code,
            name: options.name,
            method: options.method,
            peerKind: options.peers,
            outlierTreatment: options.outliers ? true : undefined,
            dryRun: Boolean(options.dryRun),
          });
        } catch (error) {
          if (error instanceof AppError) return fail(2, error.message);
          throw error;
        }
        const framework = report.framework;
        printReport(json, report, { framework }, `${report.dryRun ? 'Kiểm tra xong: sẽ ghi' : 'Đã ghi'} khung chỉ số ${options.code} (${report.created} dòng${framework ? `, phương pháp ${framework.method}` : ''}).`);
      });
    });

  index
    .command('import-data')
    .description('Nhập số liệu chỉ số (Mã chỉ tiêu | Đơn vị | Năm | Giá trị) từ tệp .xlsx — tất cả hoặc không; giá trị đã có được thay')
    .argument('<file>', 'tệp Excel .xlsx')
    .requiredOption('--code <code>', 'mã chỉ số (vd. PII)')
    .option('--dry-run', 'chỉ kiểm tra, không ghi')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, options: { code: string; dryRun?: boolean; json?: boolean }) => {
      const json = Boolean(options.json);
      const fail = failWith(json);
      const buffer = readFile(file, fail);
      await withContext(async ({ services }) => {
        let report;
        try {
          report = await services.indices.importData(null, buffer, { code: options.code, dryRun: Boolean(options.dryRun) });
        } catch (error) {
          if (error instanceof AppError) return fail(2, error.message);
          throw error;
        }
        printReport(json, report, {}, `${report.dryRun ? 'Kiểm tra xong: sẽ ghi' : 'Đã ghi'} ${report.created} giá trị của chỉ số ${options.code}.`);
      });
    });

  index
    .command('compute')
    .description('Tính điểm và thứ hạng mọi đơn vị ở mọi cấp của chỉ số cho một năm')
    .requiredOption('--code <code>', 'mã chỉ số (vd. PII)')
    .requiredOption('--year <year>', 'năm (vd. 2025)')
    .option('--json', 'in kết quả dạng JSON: {"code","year","results":[{"org","score","rank","nodes":{"MÃ":{"score","rank"}}}]}')
    .action(async (options: { code: string; year: string; json?: boolean }) => {
      const year = Number(options.year);
      if (!/^\d{4}$/.test(options.year.trim()) || year < 1900 || year > 2200) throw new CliExit(2, `--year "${options.year}" không phải là năm hợp lệ.`);
      await withContext(async ({ services }) => {
        const view = await services.indices.compute({ code: options.code, year });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
          return;
        }
        console.log(`Chỉ số ${view.code}, năm ${view.year}: ${view.results.length} đơn vị có số liệu.`);
        for (const row of view.results) console.log(`${String(row.rank ?? '—').padStart(4)}  ${row.org.padEnd(8)} ${formatScore(row.score).padStart(8)}`);
      });
    });
}
