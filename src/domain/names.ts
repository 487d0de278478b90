/**
 * Normalising Vietnamese names for matching (domain.md, "Normalising names").
 *
 * The normalised form of a text is: Unicode NFC; lower case; the whole word "và" (or "va") → "&";
 * accents removed (đ → d); "uy ban nhan dan" → "ubnd"; only letters, digits and "&" kept; then a
 * leading "ubnd" is ignored. "và" is replaced word by word *before* the accents are stripped, so the
 * "va" inside "Văn" never becomes "&".
 */

/** One word or separator of a text, with its position in the NFC form of the text. */
export interface NameToken {
  /** `word`: letters, digits, marks and "&"; `separator`: `,` `;` or a line break. */
  kind: 'word' | 'separator';
  /** The normalised word ("so", "&", "ubnd"), or the separator character itself. */
  normalized: string;
  /** Start offset (inclusive) in `TokenizedName.source`. */
  start: number;
  /** End offset (exclusive) in `TokenizedName.source`. */
  end: number;
}

/** A text split into normalised tokens that keep their place in the original text. */
export interface TokenizedName {
  /** The text in NFC; token offsets refer to it. */
  source: string;
  tokens: NameToken[];
}

const TOKEN_PATTERN = /[\p{L}\p{N}\p{M}&]+|[,;\n\r\u2028\u2029]/gu;
const COMBINING_MARKS = /\p{M}/gu;
const UBND_WORDS = ['uy', 'ban', 'nhan', 'dan'];

// Memo of normalizeWord: tables and organization lists repeat a few thousand words many times.
// Bounded, so that a long-lived process does not keep every word it ever saw.
const WORD_CACHE_LIMIT = 50_000;
const normalizedWords = new Map<string, string>();

/** Lower-cases one word and removes its accents; the word "và"/"va" becomes "&". */
function normalizeWord(word: string): string {
  const cached = normalizedWords.get(word);
  if (cached !== undefined) return cached;
  const lower = word.toLowerCase();
  const normalized =
    lower === 'va' || lower === 'và'
      ? '&'
      : lower
          .normalize('NFD')
          .replace(COMBINING_MARKS, '')
          .replace(/[đð]/g, 'd')
          .normalize('NFC');
  if (normalizedWords.size >= WORD_CACHE_LIMIT) normalizedWords.clear();
  normalizedWords.set(word, normalized);
  return normalized;
}

/**
 * Splits a text into normalised words and separators (`,`, `;`, line breaks), keeping the offset
 * of each token in the NFC text so that a span of tokens can be reported in its original
 * spelling. Other punctuation and spaces only separate words. The four words "uy ban nhan dan"
 * become one token "ubnd". A leading "ubnd" is kept here (callers decide where it is ignored).
 */
export function tokenizeName(text: string): TokenizedName {
  const source = text.normalize('NFC');
  const raw: NameToken[] = [];
  for (const match of source.matchAll(TOKEN_PATTERN)) {
    const value = match[0];
    const start = match.index ?? 0;
    const end = start + value.length;
    if (/^[,;\n\r\u2028\u2029]$/u.test(value)) {
      raw.push({ kind: 'separator', normalized: value, start, end });
    } else {
      raw.push({ kind: 'word', normalized: normalizeWord(value), start, end });
    }
  }
  const tokens: NameToken[] = [];
  for (let i = 0; i < raw.length; i++) {
    const isUbnd = raw[i].normalized === 'uy' && UBND_WORDS.every((word, k) => raw[i + k]?.kind === 'word' && raw[i + k].normalized === word);
    if (isUbnd) {
      tokens.push({ kind: 'word', normalized: 'ubnd', start: raw[i].start, end: raw[i + 3].end });
      i += 3;
    } else {
      tokens.push(raw[i]);
    }
  }
  return { source, tokens };
}

/** Removes one leading "ubnd" from a normalised text (with or without a space after it). */
export function dropLeadingUbnd(normalized: string): string {
  return normalized.startsWith('ubnd') ? normalized.slice(4).trimStart() : normalized;
}

/**
 * The normalised form of a text with single spaces between its words, e.g.
 * "Sở Văn hóa, Thể thao và Du lịch" → "so van hoa the thao & du lich",
 * "Ủy ban nhân dân tỉnh Phú Thọ" → "tinh phu tho".
 */
export function normalizeWords(text: string): string {
  const words = tokenizeName(text)
    .tokens.filter((token) => token.kind === 'word')
    .map((token) => token.normalized);
  return dropLeadingUbnd(words.join(' '));
}

/**
 * The normalised form of a name (domain.md, "Normalising names"), e.g.
 * "Sở Văn hóa, Thể thao và Du lịch" → "sovanhoathethao&dulich", "UBND tỉnh" → "tinh",
 * "Sở KH&CN" → "sokh&cn".
 */
export function normalizeName(text: string): string {
  return normalizeWords(text).replace(/ /g, '');
}

/**
 * Levenshtein distance between two strings, by code points. With `maxDistance`, the computation
 * stops early and returns `maxDistance + 1` once the distance is known to exceed it.
 */
export function editDistance(a: string, b: string, maxDistance = Number.POSITIVE_INFINITY): number {
  const left = Array.from(a);
  const right = Array.from(b);
  if (Math.abs(left.length - right.length) > maxDistance) return maxDistance + 1;
  if (left.length === 0) return right.length;
  if (right.length === 0) return left.length;
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  let current = new Array<number>(right.length + 1);
  for (let i = 1; i <= left.length; i++) {
    current[0] = i;
    let rowMinimum = current[0];
    for (let j = 1; j <= right.length; j++) {
      const substitution = previous[j - 1] + (left[i - 1] === right[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
      if (current[j] < rowMinimum) rowMinimum = current[j];
    }
    if (rowMinimum > maxDistance) return maxDistance + 1;
    [previous, current] = [current, previous];
  }
  return previous[right.length];
}
