import { Command, Option } from 'commander';
import { generate, type Scale } from '../bench/generate';
import { CliExit, withContext } from './context';

/** `generate` (contract of issue 7). */
export function registerBenchCommands(program: Command): void {
  program
    .command('generate')
    .description('Sinh dữ liệu thử nghiệm quy mô tỉnh hoặc toàn quốc (xác định theo --seed)')
    .addOption(new Option('--scale <scale>', 'quy mô (tiny: thử nhanh)').choices(['province', 'national', 'tiny']).default('province'))
    .option('--seed <n>', 'hạt giống sinh số ngẫu nhiên', '1')
    .action(async (options: { scale: Scale; seed: string }) => {
      const seed = Number(options.seed);
      if (!Number.isInteger(seed)) throw new CliExit(2, `--seed "${options.seed}" phải là số nguyên.`);
      await withContext(async ({ database, services }) => {
        if (options.scale === 'national' && database.kind === 'pglite') {
          throw new CliExit(2, 'Quy mô toàn quốc cần PostgreSQL (PGlite là WebAssembly 32-bit, tối đa 4 GB): vui lòng đặt DATABASE_URL.');
        }
        const summary = await generate(database, services, { scale: options.scale, seed, log: (line) => console.log(line) });
        console.log(`Đã sinh dữ liệu (${summary.seconds.toFixed(1)} giây): ${summary.tasks} nhiệm vụ, ${summary.progressUpdates} báo cáo tiến độ, ${summary.indicatorValues} số liệu chỉ tiêu, ${summary.organizations} cơ quan, đơn vị.`);
      });
    });
}

/** `bench` (npm run bench -- …). */
export function registerBenchRunCommand(program: Command): void {
  program
    .command('bench')
    .description('Đo hiệu năng: thống kê, xếp hạng, danh sách, chỉ tiêu, tổng quan, nhập Excel, báo cáo, tải HTTP')
    .addOption(new Option('--scale <scale>', 'quy mô (tiny: thử nhanh)').choices(['province', 'national', 'tiny']).default('province'))
    .addOption(new Option('--engine <engine>', 'cơ sở dữ liệu').choices(['pglite', 'postgres']).default('pglite'))
    .option('--out <file>', 'ghi kết quả JSON')
    .option('--runs <n>', 'số lần đo mỗi phép (ít nhất 30 cho số liệu chính thức)', '30')
    .option('--warmup <n>', 'số lần chạy làm nóng', '3')
    .option('--http-seconds <n>', 'thời gian tải HTTP mỗi điểm cuối (giây)', '30')
    .action(async (options: { scale: Scale; engine: 'pglite' | 'postgres'; out?: string; runs: string; warmup: string; httpSeconds: string }) => {
      const { runBenchmark } = await import('../bench/run');
      const report = await runBenchmark({
        scale: options.scale,
        engine: options.engine,
        out: options.out,
        runs: Number(options.runs),
        warmup: Number(options.warmup),
        httpSeconds: Number(options.httpSeconds),
        postgresUrl: process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
        log: (line) => console.log(line),
      });
      console.log(`Xong: ${report.results.length} phép đo, ${report.http.length} điểm cuối HTTP.`);
    });
}
