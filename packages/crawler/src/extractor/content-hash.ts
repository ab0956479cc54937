import { createHash } from 'node:crypto';

/** Hash of an article's text that ignores case, punctuation and whitespace (dedup across feeds). */
export function contentHash(text: string): string {
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return createHash('sha256').update(tokens.join(' ')).digest('hex').slice(0, 32);
}
