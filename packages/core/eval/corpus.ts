// What every eval and benchmark reads from ../shared: where it is, the seed story, and the
// reproducible split of a dev file into two halves (tune on one, report both).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ArticleInput } from '../src/index.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const shared = process.env.PARALLAX_SHARED ?? path.resolve(repoRoot, '../shared');

/** The first half: sha256(key)'s first byte is even. Keyed by story (or article) id, never by order. */
export function isFirstHalf(key: string): boolean {
  return ((createHash('sha256').update(key).digest()[0] ?? 0) & 1) === 0;
}

/** The five seed texts as articles, or null when ../shared has none. */
export function readSeeds(): ArticleInput[] | null {
  const dir = path.join(shared, 'corpus/seeds');
  if (!existsSync(path.join(dir, 'manifest.json'))) return null;
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    articles: {
      id: string;
      file: string;
      outlet: string | null;
      title: string | null;
      published_at: string | null;
    }[];
  };
  return manifest.articles.map((m) => ({
    id: m.id,
    title: m.title ?? '',
    text: readFileSync(path.join(dir, m.file), 'utf8'),
    outlet: m.outlet,
    publishedAt: m.published_at,
  }));
}
