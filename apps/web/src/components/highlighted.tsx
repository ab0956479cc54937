import { segmentText } from '../lib/highlight.ts';

/** Plain text with match ranges as `<mark>`: the API returns ranges, never HTML to inject. */
export function Highlighted({ value }: { value: { text: string; highlights: readonly { start: number; end: number }[] } }) {
  const segments = segmentText(value.text, value.highlights.map((h) => ({ ...h, label: 'match' })));
  return (
    <>
      {segments.map((s) => (s.spans.length > 0 ? <mark key={s.start}>{s.text}</mark> : <span key={s.start}>{s.text}</span>))}
    </>
  );
}
