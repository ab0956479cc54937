import { formatDateTime, toDate } from './format.ts';

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * True when only the day of publication is known. Sources that give a bare date (the seeds'
 * manifest, feeds with `<pubDate>` of a date, `published_at: "2025-03-14"`) are stored as
 * midnight UTC to the millisecond; a real timestamp lands on that exact instant about once in
 * 86,400,000, so the page treats it as a date rather than invent a time.
 */
export function isDayOnly(value: Date | string | null | undefined): boolean {
  const date = toDate(value);
  return date !== null && date.getTime() % DAY_MS === 0;
}

/** "14 Mar 2025 (day only)" for a bare date, else the usual date and time. */
export function formatPublished(value: Date | string | null | undefined): string {
  const date = toDate(value);
  if (date === null || !isDayOnly(date)) return formatDateTime(value);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()} (day only)`;
}

/**
 * Order of publication that claims no more than the dates support: an article's rank is
 * 1 + the number of articles certainly published before it (equal instants share a rank), and
 * null when its place cannot be told: undated, or on the same day as an article of which only
 * the day is known (either may have come first).
 */
export function publicationRanks(
  items: readonly { id: string; publishedAt: Date | string | null }[],
): Map<string, number | null> {
  const known = items.map((item) => {
    const date = toDate(item.publishedAt);
    if (date === null) return { id: item.id, time: null, day: null, dayOnly: false };
    const time = date.getTime();
    return { id: item.id, time, day: Math.floor(time / DAY_MS), dayOnly: time % DAY_MS === 0 };
  });
  const ranks = new Map<string, number | null>();
  for (const a of known) {
    if (a.time === null || a.day === null) {
      ranks.set(a.id, null);
      continue;
    }
    let earlier = 0;
    let isAmbiguous = false;
    for (const b of known) {
      if (b === a || b.time === null || b.day === null) continue;
      if (b.day === a.day && (a.dayOnly || b.dayOnly)) isAmbiguous = true;
      else if (b.time < a.time) earlier++;
    }
    ranks.set(a.id, isAmbiguous ? null : earlier + 1);
  }
  return ranks;
}
