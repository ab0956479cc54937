import { toDate } from './format.ts';
import { isDayOnly } from './publication.ts';

export type TimelineInput = { id: string; label: string; time: Date | string | null };
/** `isDayOnly`: only the day is known, so the row is not placed at a made-up midnight (`x` is null). */
type TimelineRow = { id: string; label: string; time: Date | null; x: number | null; isDayOnly: boolean };
export type TimelineLayout = { rows: TimelineRow[]; start: Date | null; end: Date | null; ticks: { x: number; time: Date }[] };

/**
 * Places each item on a horizontal time axis `width` units wide. Undated items and items known
 * only to the day get `x: null` (listed, not plotted); a single instant is drawn in the middle
 * rather than at an edge.
 */
export function layoutTimeline(items: readonly TimelineInput[], width: number, tickCount = 4): TimelineLayout {
  const dated = items
    .map((i) => toDate(i.time))
    .filter((d): d is Date => d !== null && !isDayOnly(d))
    .map((d) => d.getTime());
  if (dated.length === 0) {
    const rows = items.map((i) => {
      const time = toDate(i.time);
      return { id: i.id, label: i.label, time, x: null, isDayOnly: isDayOnly(time) };
    });
    return { rows, start: null, end: null, ticks: [] };
  }
  const min = Math.min(...dated);
  const max = Math.max(...dated);
  const span = max - min;
  const xOf = (t: number) => (span === 0 ? width / 2 : ((t - min) / span) * width);
  const rows = items.map((i) => {
    const time = toDate(i.time);
    const dayOnly = isDayOnly(time);
    return { id: i.id, label: i.label, time, x: time && !dayOnly ? xOf(time.getTime()) : null, isDayOnly: dayOnly };
  });
  const ticks =
    span === 0
      ? [{ x: width / 2, time: new Date(min) }]
      : Array.from({ length: tickCount + 1 }, (_, k) => {
          const t = min + (span * k) / tickCount;
          return { x: xOf(t), time: new Date(t) };
        });
  return { rows, start: new Date(min), end: new Date(max), ticks };
}

/** Counts instants into `bins` equal buckets between the earliest and latest (for sparklines). */
export function binTimes(times: readonly (Date | string | null)[], bins: number): number[] {
  const values = times.map((t) => toDate(t)).filter((d): d is Date => d !== null).map((d) => d.getTime());
  const counts = new Array<number>(bins).fill(0);
  if (values.length === 0 || bins <= 0) return counts;
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  for (const v of values) {
    const index = span === 0 ? Math.floor(bins / 2) : Math.min(bins - 1, Math.floor(((v - min) / span) * bins));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

/** A short axis label: "09:05" within one day, "14 Mar 09:05" across days. */
export function tickLabel(time: Date, start: Date, end: Date): string {
  const hhmm = `${String(time.getUTCHours()).padStart(2, '0')}:${String(time.getUTCMinutes()).padStart(2, '0')}`;
  if (end.getTime() - start.getTime() < 86_400_000) return hhmm;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${time.getUTCDate()} ${months[time.getUTCMonth()] ?? ''} ${hhmm}`;
}
