import { Command, Option } from 'commander';
import { generate, type Scale } from '../bench/generate';
import { CliExit, withContext } from './context';

/** `generate` (contract of issue 7). */
export function registerBenchCommands(program: Command): void {
  program
    .command('generate')
    .description('Sinh dữ liệu thử nghiệm quy mô tỉnh hoặc toàn quốc (xác định theo --seed)')
    .addOption(new Option('--scale <scale>', 'quy mô').choices(['province', 'national']).default('province'))
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
