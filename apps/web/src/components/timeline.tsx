import { formatDateTime, isoOf, toDate } from '../lib/format.ts';
import { formatPublished } from '../lib/publication.ts';
import { binTimes, layoutTimeline, tickLabel } from '../lib/timeline.ts';
import type { TimelineInput } from '../lib/timeline.ts';

const LABEL_WIDTH = 150;
const PLOT_WIDTH = 460;
const ROW = 20;

/** A strip plot: one row per article, a dot at its publication time. Server-rendered SVG, no script. */
export function PublicationTimeline({ items, firstIds, caption }: { items: TimelineInput[]; firstIds: ReadonlySet<string>; caption: string }) {
  const layout = layoutTimeline(items, PLOT_WIDTH);
  const { start, end } = layout;
  if (!start || !end) {
    const days = [...new Set(layout.rows.flatMap((r) => (r.isDayOnly && r.time ? [formatPublished(r.time)] : [])))];
    return (
      <p className="muted">
        {days.length > 0
          ? `Only the day of publication is known for these articles (${days.join(', ')}), so they are not placed in order.`
          : 'No publication times are known for these articles.'}
      </p>
    );
  }
  const height = layout.rows.length * ROW + 34;
  const width = LABEL_WIDTH + PLOT_WIDTH + 40;
  const summary = `${caption}: ${layout.rows.length} articles from ${formatDateTime(start)} to ${formatDateTime(end)}.`;
  return (
    <figure className="timeline" style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={summary}>
        {layout.ticks.map((tick) => (
          <g key={tick.time.getTime()}>
            <line className="axis" x1={LABEL_WIDTH + tick.x} x2={LABEL_WIDTH + tick.x} y1={4} y2={height - 22} />
            <text x={LABEL_WIDTH + tick.x} y={height - 6} textAnchor="middle">
              {tickLabel(tick.time, start, end)}
            </text>
          </g>
        ))}
        {layout.rows.map((row, i) => (
          <g key={row.id}>
            <text x={LABEL_WIDTH - 8} y={i * ROW + 18} textAnchor="end">
              {row.label.length > 22 ? `${row.label.slice(0, 21)}…` : row.label}
            </text>
            {row.x === null ? (
              <text x={LABEL_WIDTH + 4} y={i * ROW + 18}>
                {row.isDayOnly && row.time ? `${formatPublished(row.time)}, time not given` : 'no date'}
              </text>
            ) : (
              <circle className={firstIds.has(row.id) ? 'dot first' : 'dot'} cx={LABEL_WIDTH + row.x} cy={i * ROW + 14} r={5}>
                <title>{`${row.label}: ${formatDateTime(row.time)}`}</title>
              </circle>
            )}
          </g>
        ))}
      </svg>
      <figcaption className="small muted">
        {caption}, UTC. Green marks the first to publish. From <time dateTime={isoOf(start)}>{formatDateTime(start)}</time> to{' '}
        <time dateTime={isoOf(end)}>{formatDateTime(end)}</time>.
      </figcaption>
    </figure>
  );
}

/**
 * A small histogram of publication times for a story list row, with its axis named in text
 * (first and last publication) so the bars read as "articles over time", not decoration.
 */
export function Sparkline({ times }: { times: readonly (Date | string | null)[] }) {
  const bins = binTimes(times, 12);
  const max = Math.max(1, ...bins);
  const barWidth = 14;
  const dated = times.map((t) => toDate(t)).filter((d): d is Date => d !== null);
  const first = dated.length > 0 ? new Date(Math.min(...dated.map((d) => d.getTime()))) : null;
  const last = dated.length > 0 ? new Date(Math.max(...dated.map((d) => d.getTime()))) : null;
  return (
    <figure className="spark">
      <figcaption className="spark-title">Articles over time</figcaption>
      <svg viewBox={`0 0 ${bins.length * (barWidth + 2)} 40`} width={bins.length * (barWidth + 2)} height={40} aria-hidden="true">
        <line className="base" x1={0} x2={bins.length * (barWidth + 2)} y1={39.5} y2={39.5} />
        {bins.map((count, i) => {
          const h = count === 0 ? 0 : Math.max(3, (count / max) * 36);
          return <rect key={i} className="bar" x={i * (barWidth + 2)} y={39 - h} width={barWidth} height={h} rx={2} />;
        })}
      </svg>
      <div className="spark-axis">
        {first && last ? (
          <>
            <span>{shortDate(first)}</span>
            {last.getTime() > first.getTime() ? <span>{shortDate(last)}</span> : null}
          </>
        ) : (
          <span>no publication times</span>
        )}
      </div>
    </figure>
  );
}

/** "14 Mar" (or "14 Mar 09:05" when the time is known): short enough for the axis of a small chart. */
function shortDate(date: Date): string {
  const full = formatPublished(date);
  return full.replace(/ \d{4}(,| \(day only\))?/, '').replace(' UTC', '');
}
