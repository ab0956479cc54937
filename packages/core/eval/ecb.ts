// ECB+ dev for the claims eval, the pair-model trainer and cross-validation: the file's rows by
// story, gold links between annotated sentences, and the link score of a set of claims.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ArticleInput, Claim } from '../src/index.ts';
import { STOPWORDS, tokenize } from '../src/index.ts';
import { shared } from './corpus.ts';

export type FileSentence = { start: number; end: number; annotated: boolean; events: string[] };
export type Row = { id: string; title: string; text: string; story: string; sentences: FileSentence[] };

const ecbFile = path.join(shared, 'corpus/dev/ecbplus-dev.jsonl');

/** Stories of ECB+ dev in file order, or null when ../shared has no copy. */
export function readEcbStories(): Map<string, Row[]> | null {
  if (!existsSync(ecbFile)) return null;
  const rows = readFileSync(ecbFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
  const stories = new Map<string, Row[]>();
  for (const r of rows) stories.set(r.story, [...(stories.get(r.story) ?? []), r]);
  return stories;
}

/** Only what an outlet's page gives: no story label, no annotations. */
export function toInput(r: Row): ArticleInput {
  return { id: r.id, title: r.title, text: r.text };
}

/** Same events: the sets overlap by at least half of the smaller (and are not empty). */
export function sameEvents(a: FileSentence, b: FileSentence): boolean {
  if (!a.annotated || !b.annotated || a.events.length === 0 || b.events.length === 0) return false;
  const small = a.events.length <= b.events.length ? a.events : b.events;
  const big = new Set(a.events.length <= b.events.length ? b.events : a.events);
  const shared = small.filter((e) => big.has(e)).length;
  return shared > 0 && shared >= small.length / 2;
}

/**
 * File sentences an evidence span stands for. Offsets are into cleanText, so the span is found by
 * its text in the file (the occurrence nearest its offset); whitespace-normalised as a fallback.
 */
export function mapEvidence(row: Row, ev: { start: number; text: string }): number[] {
  let pos = -1;
  let best = Infinity;
  for (let i = row.text.indexOf(ev.text); i >= 0; i = row.text.indexOf(ev.text, i + 1)) {
    if (Math.abs(i - ev.start) < best) {
      best = Math.abs(i - ev.start);
      pos = i;
    }
  }
  let len = ev.text.length;
  if (pos < 0) {
    const words = ev.text.split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) return [];
    const re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
    const m = re.exec(row.text);
    if (!m) return [];
    pos = m.index;
    len = m[0].length;
  }
  const end = pos + len;
  const out: number[] = [];
  row.sentences.forEach((s, i) => {
    const overlap = Math.min(end, s.end) - Math.max(pos, s.start);
    if (overlap > 0 && (overlap >= (s.end - s.start) / 2 || overlap >= len / 2)) out.push(i);
  });
  return out;
}

export type Counts = {
  earned: number;
  predicted: number;
  gold: number;
  omitted: number;
  falseOmitted: number;
};
export const zero = (): Counts => ({ earned: 0, predicted: 0, gold: 0, omitted: 0, falseOmitted: 0 });
export function add(a: Counts, b: Counts): Counts {
  return {
    earned: a.earned + b.earned,
    predicted: a.predicted + b.predicted,
    gold: a.gold + b.gold,
    omitted: a.omitted + b.omitted,
    falseOmitted: a.falseOmitted + b.falseOmitted,
  };
}

function goldLinks(rows: Row[]): { gold: number; matches: (a: number, s: number, b: number) => number[] } {
  let gold = 0;
  const matches = (a: number, s: number, b: number): number[] => {
    const sa = rows[a]?.sentences[s];
    const rb = rows[b];
    if (!sa || !rb) return [];
    return rb.sentences.flatMap((t, j) => (sameEvents(sa, t) ? [j] : []));
  };
  rows.forEach((ra, a) =>
    ra.sentences.forEach((s, si) => {
      if (!s.annotated) return;
      rows.forEach((_, b) => {
        if (b !== a && matches(a, si, b).length > 0) gold += 1;
      });
    }),
  );
  return { gold, matches };
}

/**
 * Unit: an annotated sentence s of article A and another article B. Gold link: B has a sentence
 * of the same events. Predicted link: a claim holding s has evidence in B; it earns m/k when that
 * evidence names k sentences of B of which m match s. Also counts "omitted" marks and false ones.
 */
export function scoreClaims(rows: Row[], claims: Pick<Claim, 'evidence' | 'omittedBy'>[]): Counts {
  const index = new Map(rows.map((r, i) => [r.id, i]));
  // claim -> article index -> file sentences
  const claimSentences = claims.map((c) => {
    const m = new Map<number, Set<number>>();
    for (const ev of c.evidence) {
      const a = index.get(ev.articleId);
      const row = a === undefined ? undefined : rows[a];
      if (a === undefined || !row) continue;
      const set = m.get(a) ?? new Set<number>();
      for (const s of mapEvidence(row, ev)) set.add(s);
      m.set(a, set);
    }
    return m;
  });
  const { gold, matches } = goldLinks(rows);
  const out = zero();
  out.gold = gold;
  rows.forEach((ra, a) =>
    ra.sentences.forEach((s, si) => {
      if (!s.annotated) return;
      const holding = claimSentences.filter((m) => m.get(a)?.has(si));
      rows.forEach((_, b) => {
        if (b === a) return;
        const k = new Set<number>();
        for (const m of holding) for (const t of m.get(b) ?? []) k.add(t);
        if (k.size === 0) return;
        const good = new Set(matches(a, si, b));
        out.predicted += 1;
        out.earned += [...k].filter((t) => good.has(t)).length / k.size;
      });
    }),
  );
  claims.forEach((c, ci) => {
    const held = claimSentences[ci] ?? new Map<number, Set<number>>();
    const annotated: [number, number][] = [];
    for (const [a, set] of held)
      for (const s of set) if ((rows[a]?.sentences[s]?.events.length ?? 0) > 0) annotated.push([a, s]);
    for (const id of c.omittedBy) {
      const b = index.get(id);
      if (b === undefined || annotated.length === 0) continue;
      out.omitted += 1;
      if (annotated.some(([a, s]) => matches(a, s, b).length > 0)) out.falseOmitted += 1;
    }
  });
  return out;
}

/** Baseline: link s to B's TF-IDF-nearest sentence, always. */
export function baselineStory(rows: Row[]): Counts {
  const bags = rows.map((r) =>
    r.sentences.map((s) => {
      const tf = new Map<string, number>();
      for (const t of tokenize(r.text.slice(s.start, s.end)))
        if (!STOPWORDS.has(t.norm) && t.norm.length > 1) tf.set(t.norm, (tf.get(t.norm) ?? 0) + 1);
      return tf;
    }),
  );
  const df = new Map<string, number>();
  let n = 0;
  for (const doc of bags)
    for (const tf of doc) {
      n += 1;
      for (const k of tf.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    }
  const vecs = bags.map((doc) =>
    doc.map((tf) => {
      const v = new Map<string, number>();
      let norm = 0;
      for (const [k, f] of tf) {
        const w = f * Math.log(n / (df.get(k) ?? 1));
        v.set(k, w);
        norm += w * w;
      }
      return { v, norm: Math.sqrt(norm) };
    }),
  );
  const cos = (x: { v: Map<string, number>; norm: number }, y: { v: Map<string, number>; norm: number }) => {
    if (x.norm === 0 || y.norm === 0) return 0;
    let dot = 0;
    for (const [k, w] of x.v) dot += w * (y.v.get(k) ?? 0);
    return dot / (x.norm * y.norm);
  };
  const { gold, matches } = goldLinks(rows);
  const out = zero();
  out.gold = gold;
  rows.forEach((ra, a) =>
    ra.sentences.forEach((s, si) => {
      if (!s.annotated) return;
      const vs = vecs[a]?.[si];
      if (!vs) return;
      rows.forEach((_, b) => {
        if (b === a) return;
        let best = -1;
        let bestSim = -1;
        (vecs[b] ?? []).forEach((vt, j) => {
          const c = cos(vs, vt);
          if (c > bestSim) {
            bestSim = c;
            best = j;
          }
        });
        if (best < 0) return;
        out.predicted += 1;
        if (matches(a, si, b).includes(best)) out.earned += 1;
      });
    }),
  );
  return out;
}

export function prf(c: Counts): { p: number; r: number; f1: number } {
  const p = c.predicted === 0 ? 0 : c.earned / c.predicted;
  const r = c.gold === 0 ? 0 : c.earned / c.gold;
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}
