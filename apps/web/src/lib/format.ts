/** Formats an instant as a short UTC date-time ("14 Mar 2025, 09:05 UTC") that reads the same on server and client. */
export function formatDateTime(value: Date | string | null | undefined): string {
  const date = toDate(value);
  if (!date) return 'unknown time';
  const day = date.getUTCDate();
  const month = MONTHS[date.getUTCMonth()] ?? '';
  const hh = String(date.getUTCHours()).padStart(2, '0');
  const mm = String(date.getUTCMinutes()).padStart(2, '0');
  return `${day} ${month} ${date.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/** "5 min ago", "3 h ago", "2 days ago" relative to `now`; falls back to the date for old instants. */
export function formatAgo(value: Date | string | null | undefined, now: Date): string {
  const date = toDate(value);
  if (!date) return 'never';
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 0) {
    const ahead = -seconds;
    if (ahead < 60) return 'in under a minute';
    if (ahead < 3600) return `in ${Math.round(ahead / 60)} min`;
    if (ahead < 172_800) return `in ${Math.round(ahead / 3600)} h`;
    return formatDateTime(date);
  }
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h ago`;
  if (seconds < 30 * 86_400) return `${Math.round(seconds / 86_400)} days ago`;
  return formatDateTime(date);
}

/** ISO string for `<time dateTime>`, or undefined. */
export function isoOf(value: Date | string | null | undefined): string | undefined {
  return toDate(value)?.toISOString();
}

/** Parses a date-ish value; invalid dates become null. */
export function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "1st", "2nd", "3rd", "4th"… */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** Plural helper: `plural(3, 'outlet')` -> "3 outlets". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
