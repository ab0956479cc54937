// Framing benchmark: analyzeStory on a 20-article story of full texts built from the seed texts
// in ../shared (read at run time, never copied). Prints timings; run with `npm run bench:framing`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readSeeds, shared } from '../eval/corpus.ts';
import { analyzeStory } from '../src/index.ts';
import type { ArticleInput } from '../src/index.ts';

const maybeSeeds = readSeeds();
if (!maybeSeeds) {
  console.log(
    `framing-bench: no seed corpus at ${path.join(shared, 'corpus', 'seeds')} (set PARALLAX_SHARED); skipping.`,
  );
  process.exit(0);
}
const seeds: ArticleInput[] = maybeSeeds;

/**
 * 20 full-length articles: the five seeds, then 15 distinct mixtures whose paragraphs come from
 * different seeds in turn (so they share facts and quotes, as real coverage does, without being
 * copies of one seed).
 */
function buildStory(): ArticleInput[] {
  const paragraphs = seeds.map((s) =>
    (s.text ?? '').split(/\n\s*\n|\n(?=\S)/).filter((p) => p.trim().length > 40),
  );
  const out: ArticleInput[] = [...seeds];
  for (let k = 0; k < 15; k += 1) {
    const parts: string[] = [];
    for (let i = 0; i < 24; i += 1) {
      const src = paragraphs[(k + i) % paragraphs.length] ?? [];
      const p = src[(i * 7 + k * 3) % Math.max(1, src.length)];
      if (p) parts.push(p);
    }
    out.push({
      id: `mix-${k}`,
      title: seeds[k % seeds.length]?.title ?? '',
      outlet: `Outlet ${k}`,
      publishedAt: `2025-03-14T${String(k + 6).padStart(2, '0')}:00:00Z`,
      text: parts.join('\n\n'),
    });
  }
  return out;
}

const story = buildStory();
const words = story.reduce((n, a) => n + (a.text ?? '').split(/\s+/).length, 0);
const runs: number[] = [];
const cpu: number[] = [];
let last = analyzeStory(story);
for (let i = 0; i < 12; i += 1) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  last = analyzeStory(story);
  const c1 = process.cpuUsage(c0);
  runs.push(performance.now() - t0);
  // CPU time of this process: less sensitive than wall time to other jobs on a shared machine.
  cpu.push((c1.user + c1.system) / 1000);
}
cpu.sort((a, b) => a - b);
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)] ?? 0;
const seedRuns: number[] = [];
for (let i = 0; i < 12; i += 1) {
  const t0 = performance.now();
  analyzeStory(seeds);
  seedRuns.push(performance.now() - t0);
}
seedRuns.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    bench: 'framing',
    articles: story.length,
    words,
    claims: last.claims.length,
    derived: last.articles.filter((a) => a.derivedFrom).length,
    sources: last.sourceCount,
    ms_median: Math.round(median * 10) / 10,
    cpu_ms_median: Math.round((cpu[Math.floor(cpu.length / 2)] ?? 0) * 10) / 10,
    ms_min: Math.round((runs[0] ?? 0) * 10) / 10,
    ms_max: Math.round((runs[runs.length - 1] ?? 0) * 10) / 10,
    seeds_ms_median: Math.round((seedRuns[Math.floor(seedRuns.length / 2)] ?? 0) * 10) / 10,
  }),
);

// Second number: every AllSides dev story (2–3 differently framed excerpts each) analysed on its
// own. Different outlets' takes on one event must not come out as copies or rewrites.
const allsides = path.join(shared, 'corpus', 'dev', 'allsides-dev.jsonl');
if (existsSync(allsides)) {
  type Row = { id: string; title: string; text?: string; outlet?: string; story: string };
  const rows = readFileSync(allsides, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
  const byStory = new Map<string, ArticleInput[]>();
  // The gold story label only groups the input here; analyzeStory never sees it.
  for (const r of rows)
    byStory.set(r.story, [
      ...(byStory.get(r.story) ?? []),
      { id: r.id, title: r.title, text: r.text, outlet: r.outlet },
    ]);
  let derived = 0;
  let voices = 0;
  const t0 = performance.now();
  for (const articles of byStory.values()) {
    const r = analyzeStory(articles);
    derived += r.articles.filter((a) => a.derivedFrom).length;
    voices += r.articles.reduce((n, a) => n + a.voices.length, 0);
  }
  const ms = performance.now() - t0;
  console.log(
    JSON.stringify({
      bench: 'framing-allsides',
      stories: byStory.size,
      articles: rows.length,
      derived_links: derived,
      voices,
      ms_per_story: Math.round((ms / byStory.size) * 10) / 10,
    }),
  );
}
