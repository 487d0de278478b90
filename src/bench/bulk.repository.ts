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
  options: { chunk?: number; returningId?: boolean } = {},
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
    const result = await executor.execute(query);
    if (options.returningId) ids.push(...(result as unknown as { rows: { id: number }[] }).rows.map((row) => row.id));
  }
  return ids;
}

export async function analyze(executor: Executor): Promise<void> {
  await executor.execute(sql`analyze`);
}
