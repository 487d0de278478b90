import { z } from 'zod';

/** Vietnamese messages for zod issues, set once for the whole process. */
export function configureZodMessages(): void {
  z.config(z.locales.vi());
  const fallback = z.config().localeError;
  z.config({
    customError: (issue) => {
      if (issue.code === 'invalid_type' && issue.input === undefined) return 'bắt buộc, chưa được nhập';
      if (issue.code === 'too_small' && issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? 'không được để trống' : `cần ít nhất ${issue.minimum} ký tự`;
      }
      if (issue.code === 'too_big' && issue.origin === 'string') return `tối đa ${issue.maximum} ký tự`;
      if (issue.code === 'too_small' && issue.origin === 'number') return `phải lớn hơn hoặc bằng ${issue.minimum}`;
      if (issue.code === 'too_big' && issue.origin === 'number') return `phải nhỏ hơn hoặc bằng ${issue.maximum}`;
      if (issue.code === 'invalid_value') return `phải là một trong: ${issue.values.map(String).join(', ')}`;
      return fallback?.(issue);
    },
  });
}

/** A calendar date 'YYYY-MM-DD' that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'phải là ngày dạng YYYY-MM-DD')
  .refine((value) => {
    const [year, month, day] = value.split('-').map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, 'không phải là ngày hợp lệ');

export const organizationCode = z.string().trim().min(1).max(40);
/** A row id in a path or query: a positive PostgreSQL `integer` (larger values would fail in the database). */
export const databaseId = z.coerce.number().int().positive().max(2_147_483_647);
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
};

/** Formats zod issues as one Vietnamese sentence naming each field. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix?: string): string {
  return issues
    .map((issue) => {
      const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return field ? `Trường "${field}": ${issue.message}` : issue.message;
    })
    .join('; ');
}
