// Web benchmark: home and story pages at 20 concurrent connections, next to a static file served
// by the same server in the same run, on PGlite and (when DATABASE_URL is set) PostgreSQL.
// Run: `npm run bench` in tests, or `npx tsx bench/web-bench.ts [--stories N] [--duration S]`.
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { articles, createDb, feeds, outlets, stories, storyAnalyses } from '@parallax/db';
import type { Database, DbHandle, NewArticle, NewStory } from '@parallax/db';
import { openScratchPostgres } from '@parallax/db/testing';
import { ensureWebBuild, startWebServer } from '../browser/harness.ts';

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p97_5: number; p99: number; average: number };
  non2xx: number;
  errors: number;
};
type AutocannonOptions = { url: string; connections: number; duration: number; requests?: { path: string }[] };
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult> & { on?: unknown };

// autocannon ships no types; this is the slice of its API the bench uses.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values: flags } = parseArgs({
  options: {
    stories: { type: 'string', default: '10000' },
    'articles-per-story': { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
  },
});
const STORY_COUNT = Number(flags.stories);
const PER_STORY = Number(flags['articles-per-story']);
const DURATION = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const OUTLET_COUNT = 40;

const WORDS = 'council harbor vote budget minister river bridge school storm police court market energy water rail plan tax rally union museum'.split(' ');

function sentenceFor(story: number, article: number, k: number): string {
  const w = (n: number) => WORDS[(story * 7 + article * 3 + k * 5 + n) % WORDS.length] ?? 'news';
  return `The ${w(0)} and the ${w(1)} were discussed on day ${k + 1} by officials of town ${story % 97}, who cited the ${w(2)}.`;
}

/** A small, schema-valid analysis per story: cards, claims, one voice and a term per article. */
function syntheticAnalysis(story: number, ids: string[], times: Date[]): unknown {
  const texts = ids.map((_, a) => [0, 1, 2].map((k) => sentenceFor(story, k === 0 ? 0 : a, k)).join(' '));
  const sentence = (a: number, k: number) => {
    const text = texts[a] ?? '';
    const parts = text.split(/(?<=\.) /);
    let start = 0;
    for (let i = 0; i < k; i++) start += (parts[i]?.length ?? 0) + 1;
    const s = parts[k] ?? '';
    return { articleId: ids[a] ?? '', start, end: start + s.length, text: s };
  };
  const claim = { id: `c${story}-0`, text: sentence(0, 0).text, textArticleId: ids[0] ?? '', articleIds: ids, sourceCount: ids.length, status: 'consensus', omittedBy: [], evidence: ids.map((_, a) => ({ ...sentence(a, 0), similarity: 1 })) };
  return {
    version: 1,
    articles: ids.map((id, a) => {
      const lede = sentence(a, 0);
      const q = sentence(a, 1);
      return {
        id,
        outlet: `Outlet ${(story + a) % OUTLET_COUNT}`,
        url: `http://outlet-${(story + a) % OUTLET_COUNT}.example/${id}`,
        headline: `Story ${story} as told by outlet ${(story + a) % OUTLET_COUNT}`,
        lede: lede.text,
        ledeEvidence: lede,
        publishedAt: times[a]?.toISOString() ?? null,
        publicationRank: a + 1,
        wordCount: (texts[a] ?? '').split(' ').length,
        isTruncated: false,
        cleanText: texts[a] ?? '',
        originalPublisher: null,
        derivedFrom: null,
        sourceGroup: [id],
        voices: [{ speaker: `Official ${a % 3}`, speakerKey: `official-${a % 3}`, speakerType: 'person', quotes: 0, indirect: 1, words: 0, isUniqueToOutlet: false, evidence: [{ ...q, kind: 'indirect', speakerMention: 'officials', quote: q.text, quoteStart: q.start, quoteEnd: q.end }] }],
        distinctiveTerms: [{ term: 'officials', zScore: 2, count: 1, otherCount: 0, evidence: [] }],
        lexicon: [],
        headlineCheck: null,
        claimIds: [claim.id],
      };
    }),
    claims: [claim],
    people: [],
    sourceCount: ids.length,
  };
}

/** Bulk-loads the synthetic corpus in batches; returns the story ids. */
async function seed(db: Database, now: Date): Promise<string[]> {
  const outletRows = await db
    .insert(outlets)
    .values(Array.from({ length: OUTLET_COUNT }, (_, i) => ({ name: `Outlet ${i}`, domain: `outlet-${i}.example` })))
    .returning({ id: outlets.id });
  await db.insert(feeds).values(outletRows.map((o, i) => ({ url: `http://outlet-${i}.example/feed`, outletId: o.id })));
  const storyIds: string[] = [];
  const BATCH = 200;
  for (let from = 0; from < STORY_COUNT; from += BATCH) {
    const storyBatch: NewStory[] = [];
    const articleBatch: NewArticle[] = [];
    const analysisBatch: { storyId: string; version: number; inputHash: string; analysis: unknown }[] = [];
    for (let s = from; s < Math.min(STORY_COUNT, from + BATCH); s++) {
      const id = `bench-${s}`;
      storyIds.push(id);
      const base = now.getTime() - s * 60_000;
      const times = Array.from({ length: PER_STORY }, (_, a) => new Date(base - a * 240_000));
      const ids = times.map((_, a) => `bench-${s}-${a}`);
      storyBatch.push({ id, title: `Story ${s} headline`, firstPublishedAt: times.at(-1), lastPublishedAt: times[0], articleCount: PER_STORY, outletCount: Math.min(PER_STORY, OUTLET_COUNT) });
      ids.forEach((articleId, a) => {
        const text = [0, 1, 2].map((k) => sentenceFor(s, k === 0 ? 0 : a, k)).join(' ');
        articleBatch.push({
          id: articleId,
          url: `http://outlet-${(s + a) % OUTLET_COUNT}.example/${articleId}`,
          outletId: outletRows[(s + a) % OUTLET_COUNT]?.id,
          title: `Story ${s} as told by outlet ${(s + a) % OUTLET_COUNT}`,
          publishedAt: times[a],
          text,
          contentHash: `${articleId}-hash`,
          wordCount: text.split(' ').length,
          extractionStatus: 'full' as const,
          storyId: id,
          clusteredAt: now,
        });
      });
      analysisBatch.push({ storyId: id, version: 1, inputHash: 'bench', analysis: syntheticAnalysis(s, ids, times) });
    }
    await db.insert(stories).values(storyBatch);
    await db.insert(articles).values(articleBatch);
    await db.insert(storyAnalyses).values(analysisBatch);
  }
  return storyIds;
}

type Row = { engine: string; target: string; rps: number; p50: number; p95: number; p99: number; non2xx: number; errors: number };

async function measure(url: string, target: string, paths: string[], engine: string): Promise<Row> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests: paths.map((path) => ({ path })) });
  // autocannon reports p97.5 and p99 but no p95; p97.5 is the closest upper bound it gives.
  return { engine, target, rps: Math.round(result.requests.average), p50: result.latency.p50, p95: result.latency.p97_5, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function benchEngine(name: string, open: () => Promise<DbHandle>): Promise<Row[]> {
  const handle = await open();
  const started = Date.now();
  const ids = await seed(handle.db, new Date());
  process.stdout.write(`${name}: seeded ${ids.length} stories, ${ids.length * PER_STORY} articles in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const server = await startWebServer(handle);
  try {
    // Warm up: the first requests compile routes and fill caches; they are not measured.
    for (const p of ['/', '/robots.txt', `/stories/${ids[0] ?? ''}`]) await fetch(`${server.url}${p}`).then((r) => r.text());
    const sample = Array.from({ length: 200 }, (_, i) => `/stories/${ids[(i * 7919) % ids.length] ?? ''}`);
    const rows = [
      await measure(server.url, 'static /robots.txt', ['/robots.txt'], name),
      await measure(server.url, 'home /', ['/'], name),
      await measure(server.url, 'story /stories/<id>', sample, name),
    ];
    return rows;
  } finally {
    await server.close();
    await handle.close();
  }
}

ensureWebBuild();
const rows: Row[] = [];
rows.push(...(await benchEngine('pglite', () => createDb({ url: 'memory://' }))));
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) rows.push(...(await benchEngine('postgres', () => openScratchPostgres(serverUrl))));
else process.stdout.write('DATABASE_URL is not set: PostgreSQL run skipped.\n');

process.stdout.write(`\n${STORY_COUNT} stories, ${STORY_COUNT * PER_STORY} articles; ${CONNECTIONS} connections, ${DURATION} s per target\n`);
process.stdout.write(`${'engine'.padEnd(9)}${'target'.padEnd(22)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p97.5 ms'.padStart(10)}${'p99 ms'.padStart(8)}${'non2xx'.padStart(8)}\n`);
for (const r of rows) {
  process.stdout.write(`${r.engine.padEnd(9)}${r.target.padEnd(22)}${String(r.rps).padStart(8)}${String(r.p50).padStart(8)}${String(r.p95).padStart(10)}${String(r.p99).padStart(8)}${String(r.non2xx + r.errors).padStart(8)}\n`);
}
const story = rows.find((r) => r.engine === 'pglite' && r.target.startsWith('story'));
if (story) process.stdout.write(`story page p97.5 on PGlite: ${story.p95} ms (goal: p95 < 100 ms)\n`);
process.exit(0);
