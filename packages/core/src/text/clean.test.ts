import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText, cleanTextDetailed } from './clean.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('cleanText', () => {
  it('drops CSS blocks, graphic credits, JavaScript notices and paywall prompts', () => {
    const r = cleanTextDetailed(fixture('css-paywall.txt'), {
      title: 'Tidal bridge vote passes after long night, council says',
    });
    expect(r.text).toBe(
      'The council of Port Elmsley approved the new tidal bridge on Tuesday after a nine-hour session.\n\n' +
        'Mayor Ana R. Delgado said the vote was “a promise kept to the harbor families.”',
    );
    const kinds = new Set(r.removed.map((x) => x.kind));
    for (const k of ['css', 'paywall', 'javascript', 'title', 'byline', 'chrome'] as const)
      expect(kinds).toContain(k);
    expect(r.text).not.toMatch(/[{}]|JavaScript|Subscribe|subscriber/);
  });

  it('drops repeated photo captions, comment widgets, URL trailers and keeps the trailing newsroom as a credit', () => {
    const r = cleanTextDetailed(fixture('captions-trailer.txt'), {
      title: 'Port Elmsley approves tidal bridge',
    });
    expect(r.text).not.toContain('Picture:');
    expect(r.text).not.toMatch(/comment|Original URL|CoastWire|Harbor Ledger/i);
    expect(r.text.startsWith('Council members backed the plan 7-2')).toBe(true);
    const credit = r.removed.find((x) => x.kind === 'credit');
    expect(credit?.text).toBe('The Harbor Ledger');
    expect(r.removed.filter((x) => x.kind === 'caption')).toHaveLength(2);
    // Glued paragraphs get their space back.
    expect(r.text).toContain('the funding. The first piles');
  });

  it('reports the raw offsets of removed lines', () => {
    const raw = fixture('captions-trailer.txt');
    const r = cleanTextDetailed(raw);
    for (const x of r.removed) expect(raw.slice(x.start, x.end).trim()).toBe(x.text);
  });

  it('drops wire layout: site header, byline, separators, assistance and distribution credits, Disqus', () => {
    const r = cleanTextDetailed(fixture('wire-credit.txt'), { title: 'Port Elmsley approves tidal bridge' });
    expect(r.text).toBe(
      'PORT ELMSLEY — The council approved the tidal bridge on Tuesday.\n\n“It took nine hours, but we got there,” Delgado said.',
    );
    expect(r.removed.find((x) => x.kind === 'byline')?.text).toBe('Rita Okafor, Harbor News Service on');
    expect(r.removed.filter((x) => x.kind === 'credit').map((x) => x.text)).toEqual([
      '(With assistance from Sam Lee.)',
      '©2026 Harbor News Service. Visit harbornews.example. Distributed by Coastal Content Agency, LLC.',
    ]);
  });

  it('drops repeated titles, markdown images, breadcrumbs and "No comments"', () => {
    const text = cleanText(fixture('breadcrumb.txt'), {
      title: 'Port Elmsley approves tidal bridge, mayor says',
    });
    expect(text).toBe(
      'The council of Port Elmsley approved the tidal bridge on Tuesday.\n\nMayor Ana Delgado called the vote "a promise kept."',
    );
  });

  it('applies NFKC and removes invisible characters', () => {
    expect(cleanText('Ｆｕｌｌ\u00A0width\u200B text ﬁne.')).toBe('Full width text fine.');
  });

  it('keeps paragraphs and does not touch ordinary prose', () => {
    const prose = 'First paragraph here.\n\nSecond one, with a quote: “Yes.”';
    expect(cleanText(prose)).toBe(prose);
    expect(cleanText('A line that wraps across\nthe middle of it.')).toBe(
      'A line that wraps across the middle of it.',
    );
  });

  it('restores the space at glued sentence ends, once per real glue point', () => {
    expect(cleanText('The leader spoke.The two men met.Officials said this!Then left.')).toBe(
      'The leader spoke. The two men met. Officials said this! Then left.',
    );
    // Chains of dotted abbreviations are not glued sentences: no space after the first word.
    expect(cleanText('We left in Sept.Sept.Sept.Oct. and the U.S.Army stayed.')).toBe(
      'We left in Sept. Sept.Sept.Oct. and the U.S.Army stayed.',
    );
  });

  it('handles a long unbroken lower-case run and a joiner before it', () => {
    const run = 'ab'.repeat(100_000);
    expect(cleanText(`Intro line here.\n${run}.Next one.`)).toBe(`Intro line here.\n\n${run}. Next one.`);
    expect(cleanText(`\u200d${'says'.repeat(50_000)}.`)).toBe(`${'says'.repeat(50_000)}.`);
  });
});
