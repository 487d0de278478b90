import { sql } from 'drizzle-orm';
import type { Executor } from '../server/db/client';

export type ColumnType = 'int' | 'text' | 'date' | 'bool' | 'float' | 'text[]';

/**
 * Inserts many rows with one `insert … select * from unnest($1::type[], …)` statement per chunk:
 * a multi-row insert whose size does not depend on the number of rows (no parameter limit).
 */
export async function bulkInsert(
  executor: Executor,
  table: string,
  columns: readonly { name: string; type: ColumnType }[],
  rows: unknown[][],
  options: {
    chunk?: number;
    returningId?: boolean;
    /** Leave the statistics summary to `rebuildTaskTallies` (tasks and extensions only). */
    deferTallies?: boolean;
  } = {},
): Promise<number[]> {
  const chunk = options.chunk ?? 20_000;
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const arrays = columns.map((column, index) => {
      const values = part.map((row) => row[index]);
      if (column.type === 'text[]') {
        // unnest flattens arrays of arrays: pass each as a Postgres array literal instead.
        return sql`${sql.param(values.map((value) => `{${(value as string[]).map((item) => `"${item.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`))}::text[]`;
      }
      return sql`${sql.param(values)}::${sql.raw(column.type === 'int' ? 'int' : column.type === 'float' ? 'float8' : column.type)}[]`;
    });
    const selectList = columns.map((column, index) => (column.type === 'text[]' ? sql.raw(`c${index}::text[]`) : sql.raw(`c${index}`)));
    const query = sql`insert into ${sql.raw(table)} (${sql.raw(columns.map((column) => `"${column.name}"`).join(', '))})
      select ${sql.join(selectList, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(columns.map((_, index) => `c${index}`).join(', '))})
      ${options.returningId ? sql`returning id` : sql``}`;
    const result = options.deferTallies
      ? await executor.transaction(async (tx) => {
          await tx.execute(sql`select set_config('thucthi.defer_tallies', 'on', true)`);
          return tx.execute(query);
        })
      : await executor.execute(query);
    if (options.returningId) ids.push(...(result as unknown as { rows: { id: number }[] }).rows.map((row) => row.id));
  }
  return ids;
}

/** Rebuilds the statistics summary from the tasks (after loads made with `deferTallies`). */
export async function rebuildTaskTallies(executor: Executor): Promise<void> {
  await executor.execute(sql`select rebuild_task_tallies()`);
}

/** Refreshes the planner statistics; on PostgreSQL also the visibility map (index-only scans). */
export async function analyze(executor: Executor, kind: 'pglite' | 'postgres'): Promise<void> {
  await executor.execute(kind === 'postgres' ? sql`vacuum analyze` : sql`analyze`);
}

/**
 * Drops the secondary indexes of `tables` (those that back no constraint) and returns a function
 * that builds them again: a bulk load is faster into bare tables, and an index built once over
 * all the rows is better packed than one grown row by row.
 */
export async function dropSecondaryIndexes(executor: Executor, tables: readonly string[]): Promise<() => Promise<void>> {
  const result = (await executor.execute(sql`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
     where t.relname in (${sql.join(tables.map((table) => sql`${table}`), sql`, `)})
       and t.relnamespace = 'public'::regnamespace
       and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`)) as unknown as { rows: { name: string; definition: string }[] };
  for (const index of result.rows) await executor.execute(sql.raw(`drop index "${index.name}"`));
  return async () => {
    for (const index of result.rows) await executor.execute(sql.raw(index.definition));
  };
}

/**
 * Deletes what the benchmark's imports wrote (directives numbered BENCH-…), so that runs repeat on
 * the same data; then vacuums the tables it touched (a server without autovacuum would otherwise
 * read the dead rows in every later scan).
 */
export async function deleteBenchImports(executor: Executor): Promise<number> {
  const deleted = await executor.transaction(async (tx) => {
    const imported = sql`(select t.id from tasks t join directives d on d.id = t.directive_id where d.number like 'BENCH-%')`;
    await tx.execute(sql`delete from task_events where task_id in ${imported}`);
    await tx.execute(sql`delete from task_coordinators where task_id in ${imported}`);
    const result = (await tx.execute(sql`delete from tasks where id in ${imported}`)) as unknown as { rowCount?: number; affectedRows?: number };
    await tx.execute(sql`delete from directives where number like 'BENCH-%'`);
    return Number(result.rowCount ?? result.affectedRows ?? 0);
  });
  // VACUUM cannot run inside a transaction.
  await executor.execute(sql`vacuum analyze tasks, task_events, task_coordinators, directives, task_tallies, task_tally_contributions`);
  return deleted;
}
