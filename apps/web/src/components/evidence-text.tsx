import { segmentText } from '../lib/highlight.ts';
import type { HighlightSpan } from '../lib/highlight.ts';

/**
 * An article's cleaned text with evidence spans marked. The text is rendered as React text
 * nodes (escaped), never as HTML, so nothing in a crawled page can inject markup or script.
 */
export function EvidenceText({ text, spans }: { text: string; spans: readonly HighlightSpan[] }) {
  const segments = segmentText(text, spans);
  return (
    <div className="article-text">
      {segments.map((segment) =>
        segment.spans.length === 0 ? (
          <span key={segment.start}>{segment.text}</span>
        ) : (
          <mark key={segment.start} id={`at-${segment.start}`} title={segment.spans.map((s) => s.label).join('; ')}>
            {segment.text}
          </mark>
        ),
      )}
    </div>
  );
}
