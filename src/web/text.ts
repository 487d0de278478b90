/**
 * Vietnamese text helpers: accent-insensitive matching and Vietnamese ordering.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Folds text for accent-insensitive comparison: NFC input, lower case, diacritics removed,
 * `đ`/`Đ` mapped to `d` (NFD does not decompose them), runs of white space collapsed.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of `query` occurs, accent-insensitively, in one of `fields`. */
export function matchesSearch(query: string, ...fields: Array<string | null | undefined>): boolean {
  const words = foldVietnamese(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fields.filter(Boolean).map((field) => foldVietnamese(field as string)).join(' | ');
  return words.every((word) => haystack.includes(word));
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Compares two strings in Vietnamese alphabetical order (a, ă, â, b, c, d, đ, …). */
export function compareVietnamese(left: string | null | undefined, right: string | null | undefined): number {
  return collator.compare(left ?? '', right ?? '');
}
