/** A span of a text to highlight, by character offsets (`text.slice(start, end)`). */
export type HighlightSpan = {
  start: number;
  end: number;
  /** What the span is evidence of (shown to the reader and used for styling). */
  label: string;
};

/** A run of text that is either plain or covered by one or more spans. */
export type TextSegment = {
  text: string;
  start: number;
  end: number;
  spans: HighlightSpan[];
};

/**
 * Splits `text` into segments at every span boundary, so overlapping spans can be rendered as
 * nested-free marks. Out-of-range or empty spans are dropped rather than trusted: offsets come
 * from stored analyses and the text may have changed since.
 */
export function segmentText(text: string, spans: readonly HighlightSpan[]): TextSegment[] {
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= text.length);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? text.length;
    if (end <= start) continue;
    const covering = valid.filter((s) => s.start <= start && s.end >= end);
    const previous = segments.at(-1);
    // Merge neighbours with the same covering spans so plain text stays one text node.
    if (previous && sameSpans(previous.spans, covering)) {
      previous.text += text.slice(start, end);
      previous.end = end;
    } else {
      segments.push({ text: text.slice(start, end), start, end, spans: covering });
    }
  }
  return segments;
}

function sameSpans(a: readonly HighlightSpan[], b: readonly HighlightSpan[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** Parses `start-end` pairs from a query parameter (`?h=10-42&h=80-95`), ignoring malformed ones. */
export function parseSpanParam(value: string | string[] | undefined, label: string): HighlightSpan[] {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const spans: HighlightSpan[] = [];
  for (const raw of values.flatMap((v) => v.split(','))) {
    const match = /^(\d{1,9})-(\d{1,9})$/.exec(raw.trim());
    if (!match) continue;
    const start = Number(match[1]);
    const end = Number(match[2]);
    if (end > start) spans.push({ start, end, label });
  }
  return spans.slice(0, 50);
}

/** The evidence URL of a span: the article text view with the span highlighted and scrolled to. */
export function evidenceHref(storyId: string, articleId: string, spans: readonly { start: number; end: number }[]): string {
  const params = spans.map((s) => `h=${s.start}-${s.end}`).join('&');
  const first = spans[0];
  const anchor = first ? `#at-${first.start}` : '';
  return `/stories/${encodeURIComponent(storyId)}/text/${encodeURIComponent(articleId)}${params ? `?${params}` : ''}${anchor}`;
}
