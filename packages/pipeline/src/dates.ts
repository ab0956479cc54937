// The two places a date changes shape in the pipeline. The crawler and the JSON Lines files give
// ISO 8601 strings, the database keeps a Date (timestamptz), core reads ISO strings again
// (`ArticleInput.publishedAt`) and works in epoch milliseconds inside. Nothing converts a date elsewhere.

/** An ISO 8601 string (a crawled entry or page, an imported article) as the Date the database keeps; null when absent or unreadable. */
export function toStoredDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A stored Date as the ISO 8601 string core reads. */
export function toCoreDate(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
