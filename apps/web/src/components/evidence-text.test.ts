import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, it, expect } from 'vitest';
import { EvidenceText } from './evidence-text.tsx';

describe('EvidenceText', () => {
  it('renders markup in article text as text, and marks the evidence span with its anchor', () => {
    const text = 'Officials said <script>alert(1)</script> was <b>fine</b>.';
    const start = text.indexOf('<b>');
    const html = renderToStaticMarkup(createElement(EvidenceText, { text, spans: [{ start, end: start + 11, label: 'claim' }] }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`<mark id="at-${start}" title="claim">&lt;b&gt;fine&lt;/b&gt;</mark>`);
  });
});
