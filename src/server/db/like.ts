/** Escapes `\`, `%` and `_` so that LIKE (whose escape character is `\`) matches text literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** A LIKE pattern for "starts with `prefix`" (a subtree of organization paths). */
export function startsWithPattern(prefix: string): string {
  return `${escapeLike(prefix)}%`;
}

/** A LIKE pattern for "contains `text`". */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
