import { Command, CommanderError, Option } from 'commander';
import { roles, type Role } from '../domain/policies';
import { loadConfig } from '../server/config';
import { prepareDatabase } from '../server/bootstrap';
import { seedDemo } from '../server/demo/demo-data';
import { startServer } from '../server/start';
import { CliExit, describeCliError, withContext } from './context';
import { registerIndicatorCommands, registerTaskCommands } from './task-commands';
import { registerProjectCommands } from './project-commands';
import { registerReportCommands } from './report-commands';
import { registerBenchCommands, registerBenchRunCommand } from './bench-commands';
import { registerIndexCommands } from './index-commands';

const kindLabels: Record<string, string> = {
  national: 'cấp quốc gia',
  province: 'tỉnh, thành phố',
  department: 'sở, ban, ngành',
  agency: 'cơ quan',
  enterprise: 'doanh nghiệp',
  commune: 'xã',
  ward: 'phường',
  ministry: 'bộ',
  ministry_level: 'cơ quan ngang bộ',
  government_agency: 'cơ quan thuộc Chính phủ',
  government: 'Chính phủ',
  steering: 'ban chỉ đạo',
  party: 'cơ quan Đảng',
  judicial: 'cơ quan tư pháp',
};

function print(json: boolean, value: unknown, text: string) {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

/** Commander's own messages (wrong options and arguments), in Vietnamese; others unchanged. */
const commanderMessages: [RegExp, (...parts: string[]) => string][] = [
  [/^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\.$/, (option, value, choices) => `Lỗi: tùy chọn ${option}: giá trị "${value}" không hợp lệ; chọn một trong: ${choices}.`],
  [/^error: required option '([^']+)' not specified$/, (option) => `Lỗi: thiếu tùy chọn bắt buộc ${option}.`],
  [/^error: option '([^']+)' argument missing$/, (option) => `Lỗi: tùy chọn ${option} cần một giá trị.`],
  [/^error: missing required argument '([^']+)'$/, (name) => `Lỗi: thiếu tham số bắt buộc <${name}>.`],
  [/^error: unknown option '([^']+)'$/, (option) => `Lỗi: không có tùy chọn ${option}.`],
  [/^error: unknown command '([^']+)'$/, (name) => `Lỗi: không có lệnh "${name}".`],
  [/^error: too many arguments(.*)$/, (rest) => `Lỗi: thừa tham số${rest.replace(/^ for '([^']+)'/, ' cho lệnh "$1"').replace(/\. Expected (\d+) arguments? but got (\d+)\.$/, ': cần $1, nhận $2')}.`],
];

export function commanderMessageVi(text: string): string {
  const [line, ...rest] = text.split('\n');
  const suggestion = rest.join('\n').replace(/\(Did you mean (.+)\?\)/, '(Có phải ý bạn là $1?)');
  for (const [pattern, translate] of commanderMessages) {
    const match = pattern.exec(line);
    if (match) return `${translate(...match.slice(1))}\n${suggestion}`;
  }
  return text;
}

/** Builds the `thucthi` program. */
export function buildProgram(): Command {
  const program = new Command('thucthi')
    .description('Thực Thi — giao, theo dõi, đánh giá thực hiện nhiệm vụ và chỉ tiêu')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(commanderMessageVi(text)) })
    .exitOverride();

  program
    .command('serve')
    .description('Chạy máy chủ web (mặc định http://localhost:3000)')
    .action(async () => {
      const config = loadConfig(process.env, process.cwd());
      await startServer(config);
    });

  program
    .command('migrate')
    .description('Cập nhật cấu trúc cơ sở dữ liệu (migrations)')
    .action(() => withContext(async () => console.log('Đã cập nhật cấu trúc cơ sở dữ liệu.')));

  const seed = program.command('seed').description('Nạp dữ liệu tham chiếu hoặc dữ liệu mẫu');
  seed
    .command('reference')
    .description('Nạp tỉnh Phú Thọ, các sở, ngành và 148 xã, phường (lặp lại không tạo trùng)')
    .option('--national', 'thêm cấp quốc gia: các bộ, ngành trung ương và 34 tỉnh, thành phố')
    .option('--json', 'in kết quả dạng JSON')
    .action((options: { national?: boolean; json?: boolean }) =>
      withContext(async ({ services }) => {
        const { created, counts } = await services.organizations.seedReference({ national: Boolean(options.national) });
        const lines = counts.map((row) => `  ${kindLabels[row.kind] ?? row.kind} (${row.kind}): ${row.count}`);
        print(Boolean(options.json), { created, counts }, `Đã nạp dữ liệu tham chiếu (${created} đơn vị mới). Hiện có:\n${lines.join('\n')}`);
      }),
    );
  seed
    .command('demo')
    .description('Nạp bộ dữ liệu mẫu (văn bản, nhiệm vụ) trên dữ liệu tham chiếu')
    .action(() =>
      withContext(async ({ database, services, clock }) => {
        await services.organizations.seedReference({ national: false });
        console.log(`Đã nạp dữ liệu mẫu: ${await seedDemo(database, services, clock)}.`);
      }),
    );

  program
    .command('init')
    .description('Chuẩn bị cơ sở dữ liệu như khi khởi động lần đầu (migrations, dữ liệu tham chiếu, mẫu, tài khoản admin)')
    .action(() =>
      withContext(async ({ config, database, services, clock }) => {
        await prepareDatabase(database, config, services, clock, (line) => console.log(line));
      }),
    );

  const organizations = program.command('organizations').alias('org').description('Cơ quan, đơn vị');
  organizations
    .command('list')
    .description('Liệt kê cơ quan, đơn vị')
    .option('--kind <kind>', 'lọc theo loại (province, department, commune, ward, …)')
    .option('--search <text>', 'tìm theo tên, không phân biệt dấu')
    .option('--json', 'in kết quả dạng JSON')
    .action((options: { kind?: string; search?: string; json?: boolean }) =>
      withContext(async ({ services }) => {
        const items = await services.organizations.list({ kind: options.kind, search: options.search });
        print(Boolean(options.json), items, items.map((item) => `${item.code}\t${item.kind}\t${item.name}`).join('\n') + `\n(${items.length} cơ quan, đơn vị)`);
      }),
    );

  const user = program.command('user').description('Người dùng');
  user
    .command('create')
    .description('Tạo người dùng')
    .requiredOption('--username <username>', 'tên đăng nhập')
    .requiredOption('--password <password>', 'mật khẩu (ít nhất 8 ký tự)')
    .addOption(new Option('--role <role>', 'vai trò').choices(roles as unknown as string[]).makeOptionMandatory())
    .requiredOption('--org <code>', 'mã cơ quan, đơn vị được giao vai trò')
    .option('--full-name <name>', 'họ và tên')
    .option('--email <email>', 'email')
    .action((options: { username: string; password: string; role: Role; org: string; fullName?: string; email?: string }) =>
      withContext(async ({ services }) => {
        const created = await services.users.createAsSystem({
          username: options.username,
          fullName: options.fullName ?? options.username,
          email: options.email ?? null,
          password: options.password,
          roles: [{ role: options.role, organizationCode: options.org }],
        });
        console.log(`Đã tạo người dùng "${created.username}" (mã ${created.id}) với vai trò ${options.role} tại ${options.org}.`);
      }),
    );
  user
    .command('reset-password')
    .description('Đặt lại mật khẩu')
    .requiredOption('--username <username>', 'tên đăng nhập')
    .requiredOption('--password <password>', 'mật khẩu mới (ít nhất 8 ký tự)')
    .action((options: { username: string; password: string }) =>
      withContext(async ({ services }) => {
        const found = await services.users.findByUsername(options.username);
        if (!found) throw new CliExit(2, `Không tìm thấy người dùng "${options.username}".`);
        await services.users.resetPassword(null, found.id, options.password);
        console.log(`Đã đặt lại mật khẩu cho "${found.username}" và mở khóa tài khoản.`);
      }),
    );

  program
    .command('token')
    .description('Mã truy cập API')
    .command('create')
    .description('Tạo mã truy cập API cho một người dùng và in ra (chỉ một lần)')
    .requiredOption('--username <username>', 'tên đăng nhập')
    .option('--name <name>', 'tên gợi nhớ', 'cli')
    .action((options: { username: string; name: string }) =>
      withContext(async ({ services }) => {
        const token = await services.users.createToken(null, { name: options.name, username: options.username });
        console.log(token.token);
      }),
    );

  registerTaskCommands(program);
  registerIndicatorCommands(program);
  registerProjectCommands(program);
  registerReportCommands(program);
  registerBenchCommands(program);
  registerBenchRunCommand(program);
  registerIndexCommands(program);
  return program;
}

/** Runs the program and exits with its status. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    const { status, message } = describeCliError(error);
    process.stderr.write(`${message}\n`);
    process.exitCode = status;
  }
}
