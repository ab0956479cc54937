// EXPLAIN ANALYZE of the home page's story list (listStories, order 'top' and 'latest') on a
// synthetic database: 10,000 stories of 1-12 outlets, 10 articles each, an analysis for 9 in 10.
// Prints the plan and the median time of 20 calls, before and after ANALYZE, on PGlite and (with
// DATABASE_URL) on PostgreSQL.
//   npx tsx bench/home-query-bench.ts            (STORIES=n to change the size)
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import {
  analyzeTables,
  articles,
  createDb,
  listStories,
  outlets,
  rowsOf,
  stories,
  storyAnalyses,
} from '../src/index.ts';
import type { Database, DbHandle, ListStoriesParams, NewArticle, NewStory } from '../src/index.ts';
import { openScratchPostgres } from '../src/testing.ts';

const STORY_COUNT = Number(process.env.STORIES ?? 10_000);
const PER_STORY = 10;
const OUTLETS = 12;
const RUNS = 20;

async function seed(db: Database, now: Date): Promise<void> {
  const outletRows = await db
    .insert(outlets)
    .values(
      Array.from({ length: OUTLETS }, (_, i) => ({ name: `Outlet ${i}`, domain: `outlet-${i}.example` })),
    )
    .returning({ id: outlets.id });
  const BATCH = 200;
  for (let from = 0; from < STORY_COUNT; from += BATCH) {
    const storyBatch: NewStory[] = [];
    const articleBatch: NewArticle[] = [];
    const analysisBatch: { storyId: string; version: number; inputHash: string; analysis: unknown }[] = [];
    for (let s = from; s < Math.min(STORY_COUNT, from + BATCH); s++) {
      const id = `s-${s}`;
      const at = new Date(now.getTime() - s * 60_000);
      // Outlet counts spread the way a live corpus does: most stories small, a few wide.
      const outletCount = 1 + (((s * 7919) % 97) % OUTLETS);
      storyBatch.push({
        id,
        title: `Story ${s}`,
        firstPublishedAt: at,
        lastPublishedAt: at,
        articleCount: PER_STORY,
        outletCount,
      });
      for (let a = 0; a < PER_STORY; a++) {
        articleBatch.push({
          id: `${id}-${a}`,
          url: `http://outlet-${(s + a) % OUTLETS}.example/${id}-${a}`,
          outletId: outletRows[(s + a) % outletCount]?.id,
          title: `Headline ${s} ${a}`,
          publishedAt: new Date(at.getTime() - a * 60_000),
          text: `Body of article ${a} of story ${s}.`,
          contentHash: `${id}-${a}`,
          wordCount: 7,
          extractionStatus: 'full',
          storyId: id,
          clusteredAt: now,
        });
      }
      if (s % 10 !== 0) {
        analysisBatch.push({
          storyId: id,
          version: 1,
          inputHash: 'bench',
          analysis: { summary: 'x'.repeat(2000), s },
        });
      }
    }
    await db.insert(stories).values(storyBatch);
    await db.insert(articles).values(articleBatch);
    await db.insert(storyAnalyses).values(analysisBatch);
  }
}

/** The first statement listStories sends (the page of stories), captured so EXPLAIN sees the real SQL. */
async function storyPageSql(db: Database, params: ListStoriesParams): Promise<SQL> {
  let first: SQL | undefined;
  const spy = new Proxy(db, {
    get(target, key, receiver) {
      if (key !== 'execute') return Reflect.get(target, key, receiver) as unknown;
      return (query: SQL) => {
        first ??= query;
        return target.execute(query);
      };
    },
  });
  await listStories(spy, params);
  if (!first) throw new Error('listStories sent no query');
  return first;
}

async function measure(label: string, db: Database, now: Date): Promise<void> {
  const since = new Date(now.getTime() - 7 * 24 * 3_600_000);
  for (const order of ['top', 'latest'] as const) {
    const params: ListStoriesParams = { since, order, minOutlets: 1, limit: 20 };
    const query = await storyPageSql(db, params);
    const plan = rowsOf<{ 'QUERY PLAN': string }>(await db.execute(sql`explain analyze ${query}`));
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await listStories(db, params);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)] ?? 0;
    process.stdout.write(
      `\n== ${label}, order ${order}: listStories median ${median.toFixed(1)} ms of ${RUNS}\n`,
    );
    process.stdout.write(`${plan.map((r) => r['QUERY PLAN']).join('\n')}\n`);
  }
}

async function run(name: string, open: () => Promise<DbHandle>): Promise<void> {
  const handle = await open();
  try {
    const now = new Date();
    const started = performance.now();
    await seed(handle.db, now);
    process.stdout.write(
      `${name}: seeded ${STORY_COUNT} stories in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    // PostgreSQL's autovacuum may or may not have analysed the fresh tables by now; PGlite never does.
    await measure(`${name} as loaded`, handle.db, now);
    const analyzeStarted = performance.now();
    await analyzeTables(handle.db);
    process.stdout.write(`\n${name}: ANALYZE took ${(performance.now() - analyzeStarted).toFixed(0)} ms\n`);
    await measure(`${name} after ANALYZE`, handle.db, now);
  } finally {
    await handle.close();
  }
}

await run('pglite', () => createDb({ url: 'memory://' }));
if (process.env.DATABASE_URL)
  await run('postgres', () => openScratchPostgres(process.env.DATABASE_URL as string));
