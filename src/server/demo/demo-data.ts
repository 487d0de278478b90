import { addDays } from '../../domain/dates';
import type { Actor } from '../../domain/policies';
import { fixedClock, type Clock } from '../clock';
import type { Database } from '../db/client';
import { createServices, type Services } from '../services';
import { buildDemoAppendix } from './demo-appendix';
import { seedDemoIndicators } from './demo-indicators';

/** Password of the demo accounts (printed at start; change them on a real installation). */
export const demoPassword = 'ThucThi@2026';

const demoUsers = [
  { username: 'theodoi', fullName: 'Nguyễn Thị Hà (cán bộ theo dõi, Sở KH&CN)', role: 'coordinator', organizationCode: '25' },
  { username: 'lanhdao', fullName: 'Trần Văn Minh (Phó Chủ tịch UBND tỉnh)', role: 'leader', organizationCode: '25' },
  { username: 'skhcn', fullName: 'Lê Quang Huy (Sở KH&CN)', role: 'reporter', organizationCode: 'SKHCN' },
  { username: 'snv', fullName: 'Phạm Thu Trang (Sở Nội vụ)', role: 'reporter', organizationCode: 'SNV' },
  { username: 'sgddt', fullName: 'Đỗ Minh Tuấn (Sở GD&ĐT)', role: 'reporter', organizationCode: 'SGDDT' },
  { username: 'vpubnd', fullName: 'Hoàng Anh Thư (Văn phòng UBND tỉnh)', role: 'reporter', organizationCode: 'VP-UBND' },
  { username: 'tanhoa', fullName: 'Vũ Đức Long (Phường Tân Hòa)', role: 'reporter', organizationCode: '04792' },
  { username: 'thanhtra', fullName: 'Bùi Thị Lan (Thanh tra tỉnh)', role: 'viewer', organizationCode: '25' },
] as const;

/**
 * Loads the demo data set on the reference organizations: the demo accounts, the task appendix of
 * plan 125/KH-UBND imported through the real import, and some months of work (progress updates,
 * an approved extension, a completion awaiting confirmation, sub-tasks passed down to communes)
 * recorded through the real workflow at their own dates. Returns a one-line summary.
 */
export async function seedDemo(database: Database, services: Services, clock: Clock): Promise<string> {
  const today = clock.today();
  if ((await services.directives.list({ search: '125/KH-UBND', page: 1, pageSize: 1 })).total > 0) return 'đã có từ trước';
  const actors = new Map<string, Actor>();
  for (const user of demoUsers) {
    const existing = await services.users.findByUsername(user.username);
    if (!existing) {
      await services.users.createAsSystem({ username: user.username, fullName: user.fullName, password: demoPassword, roles: [{ role: user.role, organizationCode: user.organizationCode }] });
    }
    actors.set(user.username, await services.users.loadActor(database.db, (await services.users.findByUsername(user.username))!));
  }
  // The plan's year: far enough back that the completions in the appendix have happened.
  const year = Number(addDays(today, -200).slice(0, 4));
  const issuedOn = `${year}-01-15`;
  const at = (date: string) => createServices(database, fixedClock(date < today ? date : today), { sessionDays: 7, dueSoonDays: 3 });
  const result = await services.imports.importTasks(actors.get('theodoi')!, await buildDemoAppendix(year), {
    directive: '125/KH-UBND',
    directiveTitle: 'Kế hoạch thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia',
    issued: issuedOn,
    planEnd: year + 2,
    dryRun: false,
  });
  if (!result.ok) throw new Error(`Demo appendix does not import: ${result.errors.map((error) => error.message).join('; ')}`);
  const directiveId = result.directive!.id!;
  const asActor = (name: string) => actors.get(name)!;
  const find = async (search: string) => {
    const list = await services.tasks.list(asActor('theodoi'), { search, directive: directiveId, page: 1, pageSize: 5, asOf: addDays(today, 3650) });
    const found = list.items.find((item) => !item.isContainer);
    if (!found) throw new Error(`Demo task not found: ${search}`);
    return found;
  };
  const version = async (id: number) => (await services.tasks.detail(asActor('theodoi'), id)).version;

  // Văn phòng UBND: progress in two steps, with difficulties and proposals.
  const procedures = await find('Rà soát, tái cấu trúc quy trình');
  await at(`${year}-05-20`).tasks.postProgress(asActor('vpubnd'), procedures.id, {
    version: await version(procedures.id),
    percent: 40,
    narrative: 'Đã rà soát 620/1.540 thủ tục hành chính; đề xuất tái cấu trúc 180 quy trình.',
    difficulties: 'Một số thủ tục liên thông với bộ, ngành chưa có hướng dẫn tái cấu trúc.',
    proposals: 'Đề nghị UBND tỉnh giao Sở KH&CN hỗ trợ kỹ thuật kết nối Cổng dịch vụ công quốc gia.',
  });
  await at(`${year}-08-25`).tasks.postProgress(asActor('vpubnd'), procedures.id, {
    version: await version(procedures.id),
    percent: 75,
    narrative: 'Đã tái cấu trúc 410 quy trình; 312 dịch vụ công trực tuyến toàn trình.',
    difficulties: 'Hạ tầng một số xã chưa đáp ứng ký số.',
  });

  // Sở Nội vụ: an extension asked in September and approved a week later.
  const training = await find('Đào tạo kỹ năng số');
  await at(`${year}-09-10`).tasks.postProgress(asActor('snv'), training.id, { version: await version(training.id), percent: 50, narrative: 'Đã mở 6/12 lớp bồi dưỡng kỹ năng số.' });
  await at(`${year}-09-20`).tasks.requestExtension(asActor('snv'), training.id, {
    version: await version(training.id),
    requestedDeadline: `${year}-12-15`,
    reason: 'Chờ bố trí kinh phí bổ sung để mở các lớp cho cấp xã.',
  });
  const pending = (await services.tasks.detail(asActor('theodoi'), training.id)).extensions.find((extension) => extension.status === 'pending')!;
  await at(`${year}-09-27`).tasks.decideExtension(asActor('lanhdao'), training.id, pending.id, { version: await version(training.id), approve: true });

  // Sở GD&ĐT: a completion report awaiting confirmation.
  const schools = await find('Chuyển đổi số trong giáo dục');
  await at(`${year}-08-10`).tasks.postProgress(asActor('sgddt'), schools.id, { version: await version(schools.id), percent: 90, narrative: 'Đã hoàn thiện dự thảo kế hoạch.' });
  await at(`${year}-08-20`).tasks.submit(asActor('sgddt'), schools.id, { version: await version(schools.id), note: 'Kế hoạch đã được Giám đốc Sở ký ban hành.' });

  // Sở KH&CN passes part of the data rules down to a ward, and reports on the 2026 report.
  const report = await find('Báo cáo tình hình thực hiện chuyển đổi số');
  await at(`${year}-06-30`).tasks.postProgress(asActor('skhcn'), report.id, {
    version: await version(report.id),
    percent: 50,
    narrative: 'Đã tổng hợp báo cáo 6 tháng đầu năm.',
    proposals: 'Đề nghị các sở, ngành gửi số liệu đúng hạn trước ngày 10 hằng tháng.',
  });
  const rules = await find('Xây dựng Đề án chuyển đổi số');
  const subtaskId = await at(`${year}-03-01`).tasks.create(asActor('skhcn'), {
    directiveId,
    parentId: rules.id,
    title: 'Khảo sát hiện trạng chuyển đổi số cấp xã phục vụ xây dựng Đề án',
    leadCode: '04792',
    deadline: `${year}-05-31`,
  });
  await at(`${year}-04-15`).tasks.postProgress(asActor('tanhoa'), subtaskId, { version: await version(subtaskId), percent: 100, narrative: 'Đã gửi phiếu khảo sát tổng hợp.' });
  const indicatorSummary = await seedDemoIndicators(services, today);
  // S&T projects (issue 8): 91 projects of all levels and stages, their tasks in the statistics.
  await (await import('./demo-projects')).seedDemoProjects(database, services, today);
  const summary = await services.stats.taskStatistics({ asOf: today });
  return `${indicatorSummary}, ${result.created} nhiệm vụ của Kế hoạch 125/KH-UBND (${summary.overdue} quá hạn tính đến hôm nay), ${demoUsers.length} tài khoản mẫu (mật khẩu ${demoPassword})`;
}
