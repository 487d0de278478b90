import { sql } from 'drizzle-orm';
import { addDays, lastDayOfMonth } from '../domain/dates';
import type { Database } from '../server/db/client';
import { provinceCommuneCounts } from '../server/modules/organizations/reference-data';
import type { Services } from '../server/services';
import { analyze, bulkInsert, dropSecondaryIndexes, rebuildTaskTallies, type ColumnType } from './bulk.repository';

/** `tiny` is the smoke test's: the province's shape with 2 % of its tasks and 5 indicators. */
export type Scale = 'province' | 'national' | 'tiny';

const directiveColumns: readonly { name: string; type: ColumnType }[] = [
  { name: 'number', type: 'text' },
  { name: 'kind', type: 'text' },
  { name: 'issuer_id', type: 'int' },
  { name: 'issued_on', type: 'date' },
  { name: 'issue_year', type: 'int' },
  { name: 'title', type: 'text' },
  { name: 'plan_end_year', type: 'int' },
  { name: 'parent_id', type: 'int' },
];

/** A deterministic pseudo-random sequence (mulberry32). */
export function randomSequence(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(items: T[]) => items[Math.floor(next() * items.length)] };
}

const words = ['Triển khai', 'Xây dựng', 'Hoàn thiện', 'Số hóa', 'Nâng cấp', 'Đánh giá', 'Tổ chức', 'Phát triển', 'Ứng dụng', 'Rà soát'];
const objects = ['hệ thống thông tin', 'cơ sở dữ liệu', 'dịch vụ công trực tuyến', 'hạ tầng số', 'nền tảng dùng chung', 'kỹ năng số', 'đề án', 'kế hoạch', 'chính sách hỗ trợ', 'mô hình thí điểm'];
const domains = ['y tế', 'giáo dục', 'nông nghiệp', 'đất đai', 'giao thông', 'du lịch', 'thương mại điện tử', 'an toàn thông tin', 'khởi nghiệp sáng tạo', 'khoa học và công nghệ'];

export interface GenerateSummary {
  scale: Scale;
  organizations: number;
  directives: number;
  tasks: number;
  progressUpdates: number;
  indicatorValues: number;
  seconds: number;
}

/**
 * Fills a database with realistic data, deterministic for a seed: organizations (the 34
 * provinces and their communes, ~25 departments each), a directive tree (central → provincial →
 * department plans), tasks with deadlines over 2025–2027 (group tasks split across communes,
 * yearly tasks, completions on time and late, overdue ones, extensions, cancellations), ~3 progress
 * updates per task, 50 monthly commune indicators over 3 years, and targets. Bulk inserts only.
 */
export async function generate(database: Database, services: Services, options: { scale: Scale; seed: number; log?: (line: string) => void }): Promise<GenerateSummary> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const random = randomSequence(options.seed);
  const db = database.db;
  // Indexes are built after the load (the summary's triggers are deferred to one rebuild too).
  const rebuildIndexes = await dropSecondaryIndexes(db, ['tasks', 'task_extensions', 'task_progress_updates', 'task_coordinators', 'indicator_values', 'indicator_targets']);
  await services.organizations.seedReference({ national: true });
  const counts = provinceCommuneCounts();
  const provinces = options.scale === 'national' ? counts : counts.filter((row) => row.code === '25');

  // Departments up to 25 per province, communes up to the reference count (Phú Thọ's are real).
  const existing = await database.rows<{ id: number; code: string; path: string; kind: string; parent_id: number | null }>(sql`select id, code, path, kind, parent_id from organizations`);
  const byCode = new Map(existing.map((row) => [row.code, row]));
  const newOrganizations: unknown[][] = [];
  let syntheticCommune = 90000;
  for (const province of provinces) {
    const parent = byCode.get(province.code)!;
    const departments = existing.filter((row) => row.parent_id === parent.id && ['department', 'agency'].includes(row.kind)).length;
    for (let index = departments + 1; index <= 25; index += 1) {
      const code = `${province.code}-S${String(index).padStart(2, '0')}`;
      newOrganizations.push([code, `Sở, ngành số ${index} (${province.name})`, 'department', parent.id, `${parent.path}${code}/`, parent.path.split('/').length - 1]);
    }
    const communes = existing.filter((row) => row.parent_id === parent.id && ['commune', 'ward'].includes(row.kind)).length;
    for (let index = communes + 1; index <= province.communeCount; index += 1) {
      syntheticCommune += 1;
      const code = String(syntheticCommune);
      newOrganizations.push([code, `Xã ${index} (${province.name})`, 'commune', parent.id, `${parent.path}${code}/`, parent.path.split('/').length - 1]);
    }
  }
  await bulkInsert(
    db,
    'organizations',
    [
      { name: 'code', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'kind', type: 'text' },
      { name: 'parent_id', type: 'int' },
      { name: 'path', type: 'text' },
      { name: 'depth', type: 'int' },
    ],
    newOrganizations,
  );
  const organizations = await database.rows<{ id: number; code: string; path: string; kind: string; parent_id: number | null }>(sql`select id, code, path, kind, parent_id from organizations`);
  log(`Cơ quan, đơn vị: ${organizations.length}`);

  // Directives: one central resolution, per province an action programme and department plans.
  const government = organizations.find((row) => row.code === 'CP')!;
  const [central] = await bulkInsert(
    db,
    'directives',
    directiveColumns,
    [['03/NQ-CP', 'resolution', government.id, '2025-01-09', 2025, 'Chương trình hành động thực hiện Nghị quyết 57-NQ/TW', 2027, null]],
    { returningId: true },
  );
  const taskColumns = [
    { name: 'directive_id', type: 'int' },
    { name: 'parent_id', type: 'int' },
    { name: 'is_container', type: 'bool' },
    { name: 'lead_organization_id', type: 'int' },
    { name: 'assigning_organization_id', type: 'int' },
    { name: 'title', type: 'text' },
    { name: 'group_name', type: 'text' },
    { name: 'original_deadline', type: 'date' },
    { name: 'deadline', type: 'date' },
    { name: 'is_continuous', type: 'bool' },
    { name: 'is_yearly', type: 'bool' },
    { name: 'year', type: 'int' },
    { name: 'assigned_on', type: 'date' },
    { name: 'state', type: 'text' },
    { name: 'progress', type: 'int' },
    { name: 'completed_on', type: 'date' },
    { name: 'cancelled_on', type: 'date' },
    { name: 'extension_count', type: 'int' },
    { name: 'last_updated_on', type: 'date' },
    { name: 'is_imported', type: 'bool' },
  ] as const;
  const today = '2026-11-26';
  let taskCount = 0;
  let updateCount = 0;
  let directiveCount = 1;
  const scaleFactor = options.scale === 'national' ? 1 : options.scale === 'province' ? 0.12 : 0.02;

  /** One task's facts, random but realistic. */
  const facts = (assignedOn: string, fixedDeadline?: string) => {
    const continuous = !fixedDeadline && random.next() < 0.04;
    const deadline = continuous ? null : (fixedDeadline ?? lastDayOfMonth(random.int(2025, 2027), random.int(1, 12)));
    const effectiveAssigned = deadline && deadline < assignedOn ? addDays(deadline, -30) : assignedOn;
    let completedOn: string | null = null;
    if (deadline) {
      const due = deadline < today;
      if (random.next() < (due ? 0.72 : 0.2)) {
        const offset = random.next() < 0.8 ? -random.int(0, 40) : random.int(1, 60);
        completedOn = addDays(deadline, offset);
        if (completedOn > today) completedOn = today;
        if (completedOn < effectiveAssigned) completedOn = effectiveAssigned;
      }
    }
    const cancelledOn = !completedOn && random.next() < 0.01 ? addDays(effectiveAssigned, random.int(10, 200)) : null;
    const extended = !completedOn && deadline && random.next() < 0.07;
    return { deadline, continuous, assignedOn: effectiveAssigned, completedOn, cancelledOn: cancelledOn && cancelledOn <= today ? cancelledOn : null, extended };
  };
  const title = () => `${random.pick(words)} ${random.pick(objects)} ${random.pick(domains)}`;

  for (const province of provinces) {
    const provinceRow = organizations.find((row) => row.code === province.code)!;
    const departments = organizations.filter((row) => row.parent_id === provinceRow.id && ['department', 'agency'].includes(row.kind));
    const communes = organizations.filter((row) => row.parent_id === provinceRow.id && ['commune', 'ward'].includes(row.kind));
    const issued = `2025-0${random.int(2, 6)}-${String(random.int(10, 28))}`;
    const directiveRows: unknown[][] = [[`${random.int(10, 300)}/CTr-UBND`, 'action_programme', provinceRow.id, issued, 2025, `Chương trình hành động của UBND ${province.name}`, 2027, central]];
    const [programme] = await bulkInsert(
      db,
      'directives',
      directiveColumns,
      directiveRows,
      { returningId: true },
    );
    const planDepartments = departments.slice(0, 8);
    const plans = await bulkInsert(
      db,
      'directives',
      directiveColumns,
      planDepartments.map((department, index) => [`${index + 1}/KH-${department.code}`, 'plan', department.id, addDays(issued, 30), 2025, `Kế hoạch triển khai của ${department.code}`, 2027, programme]),
      { returningId: true },
    );
    directiveCount += 1 + plans.length;

    // Containers first (group tasks across communes and yearly tasks), then every counted task.
    const containerRows: unknown[][] = [];
    const containerSpecs: { kind: 'communes' | 'yearly'; lead?: number; assigning: number; directive: number; assignedOn: string; title: string }[] = [];
    const groupCount = Math.round(100 * scaleFactor);
    for (let index = 0; index < groupCount; index += 1) {
      containerSpecs.push({ kind: 'communes', assigning: provinceRow.id, directive: programme, assignedOn: issued, title: title() });
    }
    const yearlyCount = Math.round(1000 * scaleFactor);
    for (let index = 0; index < yearlyCount; index += 1) {
      containerSpecs.push({ kind: 'yearly', lead: random.pick(departments).id, assigning: provinceRow.id, directive: programme, assignedOn: issued, title: title() });
    }
    for (const spec of containerSpecs) {
      containerRows.push([spec.directive, null, true, null, spec.assigning, spec.title, 'Nhiệm vụ chung', null, null, false, spec.kind === 'yearly', null, spec.assignedOn, 'assigned', 0, null, null, 0, null, true]);
    }
    const containerIds = await bulkInsert(db, 'tasks', taskColumns, containerRows, { returningId: true, deferTallies: true });
    const rows: unknown[][] = [];
    const push = (directive: number, parent: number | null, lead: number, assigning: number, text: string, group: string, fact: ReturnType<typeof facts>, yearly: number | null) => {
      const state = fact.cancelledOn ? 'cancelled' : fact.completedOn ? 'completed' : random.next() < 0.5 ? 'in_progress' : 'assigned';
      rows.push([
        directive,
        parent,
        false,
        lead,
        assigning,
        text,
        group,
        fact.deadline,
        fact.deadline,
        fact.continuous,
        yearly !== null,
        yearly,
        fact.assignedOn,
        state,
        fact.completedOn ? 100 : random.int(0, 90),
        fact.completedOn,
        fact.cancelledOn,
        0,
        fact.completedOn ?? (state === 'in_progress' ? addDays(today, -random.int(0, 90)) : null),
        true,
      ]);
    };
    containerSpecs.forEach((spec, index) => {
      const parent = containerIds[index];
      if (spec.kind === 'communes') {
        const deadline = lastDayOfMonth(random.int(2025, 2027), random.int(1, 12));
        for (const commune of communes) push(spec.directive, parent, commune.id, spec.assigning, spec.title, 'Nhiệm vụ giao cấp xã', facts(spec.assignedOn, deadline), null);
      } else {
        for (const year of [2025, 2026, 2027]) {
          const assigned = year === 2025 ? spec.assignedOn : `${year}-01-01`;
          push(spec.directive, parent, spec.lead!, spec.assigning, spec.title, 'Nhiệm vụ hằng năm', facts(assigned, `${year}-12-31`), year);
        }
      }
    });
    const perDepartment = Math.round(400 * scaleFactor);
    for (const department of departments) {
      for (let index = 0; index < perDepartment; index += 1) push(programme, null, department.id, provinceRow.id, title(), 'Nhiệm vụ của sở, ngành', facts(issued), null);
    }
    plans.forEach((plan, index) => {
      const owner = planDepartments[index];
      const perCommune = options.scale === 'national' ? 9 : 2;
      for (const commune of communes) for (let count = 0; count < perCommune; count += 1) push(plan, null, commune.id, owner.id, title(), 'Nhiệm vụ sở giao xã', facts(addDays(issued, 30)), null);
    });
    const taskIds = await bulkInsert(db, 'tasks', taskColumns, rows, { returningId: true, deferTallies: true });
    taskCount += rows.length;

    // Extensions of some tasks, and ~3 progress updates per task.
    const extensionRows: unknown[][] = [];
    const extendedIds: number[] = [];
    const updates: unknown[][] = [];
    rows.forEach((row, index) => {
      const deadline = row[7] as string | null;
      const assignedOn = row[12] as string;
      if (deadline && !row[15] && random.next() < 0.07) {
        const newDeadline = lastDayOfMonth(Number(deadline.slice(0, 4)) + (random.next() < 0.5 ? 0 : 1), random.int(1, 12));
        if (newDeadline > deadline) {
          const decided = addDays(deadline, -random.int(1, 20));
          if (decided >= assignedOn && decided <= today) {
            extensionRows.push([taskIds[index], newDeadline, deadline, 'Chờ bố trí kinh phí', 'approved', addDays(decided, -5), decided]);
            extendedIds.push(taskIds[index]);
          }
        }
      }
      const count = random.int(1, 5);
      for (let update = 0; update < count; update += 1) {
        const reported = addDays(assignedOn, random.int(1, 300));
        if (reported > today) continue;
        updates.push([taskIds[index], Math.min(100, (update + 1) * 25), 'Đã triển khai theo kế hoạch', random.next() < 0.2 ? 'Thiếu kinh phí, nhân lực' : null, random.next() < 0.15 ? 'Đề nghị bổ sung kinh phí' : null, reported]);
      }
    });
    await bulkInsert(
      db,
      'task_extensions',
      [
        { name: 'task_id', type: 'int' },
        { name: 'requested_deadline', type: 'date' },
        { name: 'previous_deadline', type: 'date' },
        { name: 'reason', type: 'text' },
        { name: 'status', type: 'text' },
        { name: 'requested_on', type: 'date' },
        { name: 'decided_on', type: 'date' },
      ],
      extensionRows,
      { deferTallies: true },
    );
    if (extendedIds.length) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('thucthi.defer_tallies', 'on', true)`);
        await tx.execute(sql`update tasks t set extension_count = 1, deadline = e.requested_deadline from task_extensions e where e.task_id = t.id and t.id = any(${sql.param(extendedIds)}::int[])`);
      });
    }
    await bulkInsert(
      db,
      'task_progress_updates',
      [
        { name: 'task_id', type: 'int' },
        { name: 'percent', type: 'int' },
        { name: 'narrative', type: 'text' },
        { name: 'difficulties', type: 'text' },
        { name: 'proposals', type: 'text' },
        { name: 'reported_on', type: 'date' },
      ],
      updates,
    );
    updateCount += updates.length;
    if (options.scale === 'national') log(`${province.name}: ${rows.length} nhiệm vụ`);
  }
  log(`Nhiệm vụ: ${taskCount}; báo cáo tiến độ: ${updateCount}`);

  // 50 monthly commune indicators over 2025–2027 and yearly targets of each province.
  const aggregations: [string, string, string][] = [
    ['sum', 'sum', 'number'],
    ['last', 'sum', 'number'],
    ['average', 'average', 'percent'],
  ];
  const indicatorRows = Array.from({ length: options.scale === 'tiny' ? 5 : 50 }, (_, index) => {
    const [time, org, type] = aggregations[index % 3];
    return [`CT${String(index + 1).padStart(2, '0')}`, `Chỉ tiêu thử nghiệm số ${index + 1}`, type === 'percent' ? '%' : 'đơn vị', index % 7 === 0 ? 'lower' : 'higher', type, 'month', time, org, ['commune', 'ward']];
  });
  const indicatorIds = await bulkInsert(
    db,
    'indicators',
    [
      { name: 'code', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'unit', type: 'text' },
      { name: 'direction', type: 'text' },
      { name: 'value_type', type: 'text' },
      { name: 'frequency', type: 'text' },
      { name: 'time_aggregation', type: 'text' },
      { name: 'org_aggregation', type: 'text' },
      { name: 'reporting_kinds', type: 'text[]' },
    ],
    indicatorRows,
    { returningId: true },
  );
  const communes = organizations.filter((row) => (row.kind === 'commune' || row.kind === 'ward') && provinces.some((province) => row.path.startsWith(`/VN/${province.code}/`)));
  // The 36 months up to October 2026.
  const months: string[] = [];
  for (let offset = 35; offset >= 0; offset -= 1) {
    const total = 2026 * 12 + 9 - offset;
    months.push(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`);
  }
  let valueCount = 0;
  for (const [index, indicatorId] of indicatorIds.entries()) {
    const percent = indicatorRows[index][4] === 'percent';
    const values: unknown[][] = [];
    for (const commune of communes) {
      const base = random.int(10, 500);
      for (const month of months) {
        values.push([indicatorId, commune.id, month, percent ? random.int(40, 100) : base + random.int(0, 50), 'approved']);
      }
    }
    await bulkInsert(
      db,
      'indicator_values',
      [
        { name: 'indicator_id', type: 'int' },
        { name: 'organization_id', type: 'int' },
        { name: 'period', type: 'text' },
        { name: 'value', type: 'float' },
        { name: 'status', type: 'text' },
      ],
      values,
      { chunk: 50_000 },
    );
    valueCount += values.length;
    const targets = provinces.map((province) => [indicatorId, organizations.find((row) => row.code === province.code)!.id, '2026', percent ? 80 : 1000, indicatorRows[index][3] === 'lower' ? 'lte' : 'gte']);
    await bulkInsert(
      db,
      'indicator_targets',
      [
        { name: 'indicator_id', type: 'int' },
        { name: 'organization_id', type: 'int' },
        { name: 'period', type: 'text' },
        { name: 'value', type: 'float' },
        { name: 'comparator', type: 'text' },
      ],
      targets,
    );
  }
  log(`Số liệu chỉ tiêu: ${valueCount}`);
  log('Tạo chỉ mục và bảng tổng hợp…');
  await rebuildIndexes();
  await rebuildTaskTallies(db);
  await analyze(db, database.kind);
  return {
    scale: options.scale,
    organizations: organizations.length,
    directives: directiveCount,
    tasks: taskCount,
    progressUpdates: updateCount,
    indicatorValues: valueCount,
    seconds: (Date.now() - started) / 1000,
  };
}
