// The labelled corpora the clustering eval and the pair-weight training read: AllSides dev, BASIL dev, the
// UCI headline file and the seed texts, label fields split off so the clusterer never sees them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import type { ArticleInput } from '../src/index.ts';
import { readSeeds, shared } from './corpus.ts';

export type Labelled = { article: ArticleInput; gold: string };

export type Corpora = { allsides: Labelled[]; basil: Labelled[]; uci: Labelled[] };

export const CORPUS_NAMES = ['allsides', 'basil', 'uci'] as const;

function readJsonl(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Strips label fields so the clusterer cannot see them. */
function toLabelled(row: Record<string, unknown>): Labelled {
  const str = (k: string): string | null => (typeof row[k] === 'string' ? row[k] : null);
  return {
    article: {
      id: str('id') ?? '',
      title: str('title') ?? '',
      text: str('text'),
      summary: str('summary'),
      url: str('url'),
      outlet: str('outlet'),
      publishedAt: str('published_at'),
    },
    gold: String(row.story),
  };
}

function loadJsonl(file: string): Labelled[] {
  const buf = readFileSync(file);
  return readJsonl((file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8')).map(toLabelled);
}

const PATHS: Record<keyof Corpora, string> = {
  allsides: 'corpus/dev/allsides-dev.jsonl',
  basil: 'corpus/dev/basil-dev.jsonl',
  uci: 'corpus/scale/uci-dev.jsonl.gz',
};

/** The three dev corpora, or null (with the reason printed) when ../shared lacks one. */
export function loadCorpora(): Corpora | null {
  const files = CORPUS_NAMES.map((n) => path.join(shared, PATHS[n]));
  if (!files.every((p) => existsSync(p))) {
    console.log(`shared corpus not found at ${shared} (set PARALLAX_SHARED); nothing to evaluate.`);
    return null;
  }
  const [allsides, basil, uci] = files.map(loadJsonl);
  return { allsides: allsides ?? [], basil: basil ?? [], uci: uci ?? [] };
}

export function loadSeeds(): Labelled[] {
  return (readSeeds() ?? []).map((article) => ({ article, gold: 'seed-story' }));
}

/** Seeded shuffle (mulberry32) so the "random order" number is reproducible. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}

/** In date order (file order within a day), as a stream would see it. */
export function byDate(items: readonly Labelled[]): Labelled[] {
  return [...items].sort((a, b) =>
    (a.article.publishedAt ?? '').localeCompare(b.article.publishedAt ?? ''),
  );
}

/** Two UCI weeks (the first and the fifth by date): a quarter of the file, so a grid stays minutes long. */
export function uciWeeks(uci: readonly Labelled[]): Labelled[][] {
  const days = [...new Set(uci.map((x) => x.article.publishedAt ?? ''))].sort();
  return [days.slice(0, 7), days.slice(28, 35)].map((week) => {
    const set = new Set(week);
    return byDate(uci.filter((x) => set.has(x.article.publishedAt ?? '')));
  });
}
