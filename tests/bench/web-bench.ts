// Web benchmark (issue 8): requests/s and p95 latency of the home and story pages at 20 concurrent
// connections, next to a static file served by the same server in the same run, on PGlite and
// (when DATABASE_URL is set) PostgreSQL, with 10,000 stories and 100,000 articles.
// Run: `npm run bench` in tests, or `npx tsx bench/web-bench.ts [--stories N] [--duration S] [--connections C]`.
//
// The load generator (autocannon) runs in a child process so it does not share the server's event
// loop or CPU account; p95 is computed exactly from every response's latency (autocannon itself
// reports p97.5 and p99, not p95). Besides req/s and latency, the server's CPU time per request is
// printed: on a shared machine it moves much less with other processes' load than req/s does.
//
// The server is the one `parallax start` runs, page cache included (see @parallax/api
// createPageCache). Home and story pages are each measured twice: rendered on every request (a
// query string, which the pages ignore, keeps them out of the cache) and from the page cache (after
// every sampled story was viewed once), which is what repeat views of an unchanged story cost.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { analyzeStory, STORY_ANALYSIS_VERSION, storyAnalysisSchema } from '@parallax/core';
import type { ArticleInput, StoryAnalysis } from '@parallax/core';
import { articles, createDb, feeds, outlets, stories, storyAnalyses } from '@parallax/db';
import type { Database, DbHandle, NewArticle, NewStory } from '@parallax/db';
import { openScratchPostgres } from '@parallax/db/testing';
import { ensureWebBuild, startWebServer } from '../browser/harness.ts';

const { values: flags } = parseArgs({
  options: {
    stories: { type: 'string', default: '10000' },
    'articles-per-story': { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    /** Which targets to measure, comma-separated: static, home, story (default: all three). */
    targets: { type: 'string', default: 'static,home,story' },
    /** Write the first sampled story page's HTML here (to break a page down by section). */
    'save-page': { type: 'string' },
  },
});
const STORY_COUNT = Number(flags.stories);
const PER_STORY = Number(flags['articles-per-story']);
const DURATION = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const TARGETS = new Set(flags.targets.split(','));
const OUTLET_COUNT = 40;
/** Distinct invented story texts; story s reuses template s % TEMPLATES with its own ids, outlets and times. */
const TEMPLATES = 25;
/** Distinct story ids the story-page run cycles through (spread over the whole table). */
const STORY_SAMPLE = 1000;

// Invented vocabulary: every text below is generated, none is taken from a real article.
const PLACES = ['Norbridge', 'Lake Varen', 'Castelmoor', 'Eastholm', 'Port Alder', 'Riverside', 'Kelton', 'Marsh Hill'];
const SUBJECTS = ['council', 'harbour authority', 'school board', 'transit agency', 'water utility', 'court', 'police service', 'hospital trust'];
const OBJECTS = ['budget', 'bridge', 'rail line', 'tax plan', 'flood barrier', 'housing scheme', 'museum', 'power plant'];
const VERBS = ['approved', 'delayed', 'rejected', 'revised', 'paused', 'expanded'];
const PEOPLE = ['Ana Ruiz', 'Tomas Berg', 'Mira Okafor', 'Leon Varga', 'Ines Holt', 'Pavel Sorin'];
const TONES = ['controversial', 'long-awaited', 'costly', 'modest', 'sweeping', 'disputed', 'chaotic', 'cautious'];
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

/**
 * Ten invented reports of one event: shared facts (consensus and shared claims), quotes from
 * several speakers, outlet-specific wording, and one near-copy of the first report, so the
 * analysis has the shape and size of a real story's.
 */
function templateArticles(k: number, count: number): ArticleInput[] {
  const place = pick(PLACES, k);
  const subject = pick(SUBJECTS, k * 3 + 1);
  const object = pick(OBJECTS, k * 5 + 2);
  const verb = pick(VERBS, k);
  const facts = [
    `The ${subject} of ${place} ${verb} the ${object} on Tuesday after a meeting that lasted into the night.`,
    `The ${object} was first proposed four years ago and has been debated at every session since.`,
    `Officials said the decision affects about ${(k + 3) * 1200} residents of ${place} and the surrounding villages.`,
    `The vote was ${5 + (k % 4)} to ${2 + (k % 3)}, with one member abstaining.`,
    `Work on the ${object} had been expected to start in the spring of next year.`,
    `Opponents gathered outside the building before the meeting and handed in a petition.`,
    `The petition carried more than ${(k + 2) * 900} signatures, according to its organisers.`,
    `A review of the costs is due to be published before the end of the month.`,
    `The regional government has not yet said whether it will contribute funding.`,
    `Local businesses have asked for a clear timetable so that they can plan ahead.`,
    `The ${subject} will meet again in two weeks to discuss the next steps.`,
    `Engineers warned last year that the old ${object} would need repairs within a decade.`,
  ];
  return Array.from({ length: count }, (_, a) => {
    const speaker = pick(PEOPLE, k + a);
    const other = pick(PEOPLE, k + a + 2);
    const tone = pick(TONES, k + a);
    const sentences = [
      `The ${tone} ${object} in ${place} was ${verb} this week, outlet ${a} reports.`,
      ...facts.filter((_, j) => j < 4 || (j + a) % 3 !== 0),
      `"We have listened to everyone and this is the right decision for ${place}," said ${speaker}, who chairs the ${subject}.`,
      `${other} said the process had been rushed and that residents deserved better answers.`,
      `According to ${pick(PEOPLE, k + a + 4)}, the ${object} remains the ${tone} issue of the year.`,
      `Critics called the outcome ${pick(TONES, k + a + 3)}, while supporters described it as overdue.`,
    ];
    return {
      id: `tpl-${a}`,
      title: `${place} ${subject} ${verb} ${tone} ${object}`,
      text: sentences.join(' '),
      outlet: `Outlet ${a}`,
      publishedAt: new Date(Date.UTC(2026, 0, 1, 8, a * 4)).toISOString(),
    };
  }).map((article, a, all) => (a === count - 1 && count > 2 ? { ...article, text: `${all[0]?.text ?? ''} Copyright outlet ${a}.` } : article));
}

type Template = { articles: ArticleInput[]; json: string };

/** Core's real analysis of each template, as JSON with `tpl-` ids to be replaced per story. */
function buildTemplates(): Template[] {
  return Array.from({ length: TEMPLATES }, (_, k) => {
    const input = templateArticles(k, PER_STORY);
    return { articles: input, json: JSON.stringify(analyzeStory(input)) };
  });
}

/** The template's analysis with story s's article ids, outlet names, URLs and publication times. */
function analysisFor(template: Template, s: number, times: Date[]): StoryAnalysis {
  const analysis = JSON.parse(template.json.replaceAll('"tpl-', `"bench-${s}-`)) as StoryAnalysis;
  for (const article of analysis.articles) {
    const a = Number(article.id.slice(article.id.lastIndexOf('-') + 1));
    article.outlet = `Outlet ${(s + a) % OUTLET_COUNT}`;
    article.url = `http://outlet-${(s + a) % OUTLET_COUNT}.example/${article.id}`;
    article.publishedAt = times[a]?.toISOString() ?? null;
  }
  return analysis;
}

/** Bulk-loads the corpus in batches; returns the story ids. */
async function seed(db: Database, now: Date, templates: Template[]): Promise<string[]> {
  const outletRows = await db
    .insert(outlets)
    .values(Array.from({ length: OUTLET_COUNT }, (_, i) => ({ name: `Outlet ${i}`, domain: `outlet-${i}.example` })))
    .returning({ id: outlets.id });
  await db.insert(feeds).values(outletRows.map((o, i) => ({ url: `http://outlet-${i}.example/feed`, outletId: o.id })));
  const storyIds: string[] = [];
  const BATCH = 100;
  for (let from = 0; from < STORY_COUNT; from += BATCH) {
    const storyBatch: NewStory[] = [];
    const articleBatch: NewArticle[] = [];
    const analysisBatch: { storyId: string; version: number; inputHash: string; analysis: unknown }[] = [];
    for (let s = from; s < Math.min(STORY_COUNT, from + BATCH); s++) {
      const id = `bench-${s}`;
      storyIds.push(id);
      const template = templates[s % templates.length] as Template;
      // One story a minute back from now: the default 7-day window holds the newest 10,080.
      const base = now.getTime() - s * 60_000;
      // Articles in publication order, four minutes apart, the newest at the story's time.
      const times = Array.from({ length: PER_STORY }, (_, a) => new Date(base - (PER_STORY - 1 - a) * 240_000));
      storyBatch.push({ id, title: template.articles[0]?.title ?? id, firstPublishedAt: times[0], lastPublishedAt: times.at(-1), articleCount: PER_STORY, outletCount: Math.min(PER_STORY, OUTLET_COUNT) });
      template.articles.forEach((input, a) => {
        const articleId = `bench-${s}-${a}`;
        const text = input.text ?? '';
        articleBatch.push({
          id: articleId,
          url: `http://outlet-${(s + a) % OUTLET_COUNT}.example/${articleId}`,
          outletId: outletRows[(s + a) % OUTLET_COUNT]?.id,
          title: input.title,
          publishedAt: times[a],
          text,
          contentHash: `${articleId}-hash`,
          wordCount: text.split(' ').length,
          extractionStatus: 'full' as const,
          storyId: id,
          clusteredAt: now,
        });
      });
      analysisBatch.push({ storyId: id, version: STORY_ANALYSIS_VERSION, inputHash: 'bench', analysis: analysisFor(template, s, times) });
    }
    await db.insert(stories).values(storyBatch);
    await db.insert(articles).values(articleBatch);
    await db.insert(storyAnalyses).values(analysisBatch);
  }
  return storyIds;
}

type Row = {
  engine: string;
  target: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  bytes: number;
  /** Server process CPU time (user + system) per answered request, the drain request included. */
  cpuMs: number;
  failed: number;
};
type LoadResult = { latencies: number[]; non2xx: number; errors: number; timeouts: number; bytes: number; seconds: number };

// The load generator: autocannon in a child process, so the server's process does only the
// server's work (its CPU time per request is measured) and the two do not share an event loop. It
// reports every response's latency. Paths are handed out round-robin across all connections
// (autocannon's own \`requests\` list would walk every connection through the same sequence, in step,
// so they would all ask for the same story at once).
const LOAD_SCRIPT = `
const { autocannonPath, options, paths } = JSON.parse(process.argv[1]);
const autocannon = require(autocannonPath);
let next = 0;
options.requests = [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }];
const latencies = [];
let bytes = 0;
const started = process.hrtime.bigint();
const instance = autocannon(options, (error, result) => {
  if (error) throw error;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ latencies, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, bytes, seconds }));
});
instance.on('response', (_client, statusCode, resBytes, responseTime) => {
  if (statusCode >= 200 && statusCode < 300) { latencies.push(responseTime); bytes += resBytes; }
});
`;

function runLoad(url: string, paths: string[]): Promise<LoadResult> {
  const autocannonPath = createRequire(import.meta.url).resolve('autocannon');
  const options = { url, connections: CONNECTIONS, duration: DURATION };
  const child = spawn(process.execPath, ['-e', LOAD_SCRIPT, JSON.stringify({ autocannonPath, options, paths })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as LoadResult);
      else reject(new Error(`web-bench: the load generator exited with ${code}`));
    });
  });
}

/**
 * GET with one retry: the server closes idle keep-alive connections after 5 s, and a request sent
 * on one that is just closing fails with ECONNRESET.
 */
async function get(url: string): Promise<{ status: number; text: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url);
      return { status: response.status, text: await response.text() };
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

/** The latency at quantile q (nearest-rank). */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(server: string, target: string, paths: string[], engine: string): Promise<Row> {
  const cpuBefore = process.cpuUsage();
  const result = await runLoad(server, paths);
  // Requests the server had accepted when the run stopped are still being answered; let them
  // finish so the next target starts on an idle server (one more request queues behind them).
  await get(`${server}${paths[0] ?? '/'}`);
  const cpu = process.cpuUsage(cpuBefore);
  const ok = result.latencies.length;
  // A request that timed out (autocannon gives up after 10 s) or failed counts as slower than any
  // answer, so a collapsing page shows as a high percentile rather than as no data.
  const failed = result.non2xx + result.errors + result.timeouts;
  const sorted = [...result.latencies, ...Array<number>(failed).fill(Number.POSITIVE_INFINITY)].sort((a, b) => a - b);
  return {
    engine,
    target,
    rps: ok / result.seconds,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    bytes: ok === 0 ? 0 : result.bytes / ok,
    cpuMs: (cpu.user + cpu.system) / 1000 / (ok + 1),
    failed,
  };
}

async function benchEngine(name: string, open: () => Promise<DbHandle>, templates: Template[]): Promise<Row[]> {
  const handle = await open();
  const started = Date.now();
  const ids = await seed(handle.db, new Date(), templates);
  process.stdout.write(`${name}: seeded ${ids.length} stories, ${ids.length * PER_STORY} articles in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const server = await startWebServer(handle);
  try {
    const sample = Array.from({ length: Math.min(STORY_SAMPLE, ids.length) }, (_, i) => `/stories/${ids[Math.floor((i * ids.length) / Math.min(STORY_SAMPLE, ids.length))] ?? ''}`);
    // Warm up: the first requests load route bundles and fill caches; they are not measured. The
    // story page must show its analysis (a pending page would measure a different, smaller page).
    for (const p of ['/', '/robots.txt', ...sample.slice(0, 20)]) {
      const { status, text: html } = await get(`${server.url}${p}`);
      if (status !== 200) throw new Error(`web-bench: ${p} answered ${status}`);
      if (p.startsWith('/stories/') && !html.includes('id="claims"')) throw new Error(`web-bench: ${p} does not show its analysis`);
      if (p === sample[0] && flags['save-page']) writeFileSync(flags['save-page'], html);
    }
    const rows: Row[] = [];
    if (TARGETS.has('static')) rows.push(await measure(server.url, 'static /robots.txt', ['/robots.txt'], name));
    if (TARGETS.has('home')) {
      rows.push(await measure(server.url, 'home, rendered', ['/?window=7d'], name));
      rows.push(await measure(server.url, 'home, page cache', ['/'], name));
    }
    if (TARGETS.has('story')) {
      rows.push(await measure(server.url, 'story, rendered', sample.map((p) => `${p}?view=bench`), name));
      for (const p of sample) await get(`${server.url}${p}`);
      rows.push(await measure(server.url, 'story, page cache', sample, name));
    }
    const stats = server.cache?.stats();
    if (stats) {
      process.stdout.write(
        `${name}: page cache ${stats.hits} hits, ${stats.misses} misses, ${stats.entries} pages in ${(stats.bytes / 1024 / 1024).toFixed(1)} MB of gzip\n`,
      );
    }
    return rows;
  } finally {
    await server.close();
    await handle.close();
  }
}

ensureWebBuild();
const templates = buildTemplates();
// Fail loudly if core's schema moved on: stored analyses of another version show as "pending".
storyAnalysisSchema.parse(analysisFor(templates[0] as Template, 0, []));
const analysisKb = (templates.reduce((n, t) => n + t.json.length, 0) / templates.length / 1024).toFixed(0);
const rows: Row[] = [];
rows.push(...(await benchEngine('pglite', () => createDb({ url: 'memory://' }), templates)));
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) rows.push(...(await benchEngine('postgres', () => openScratchPostgres(serverUrl), templates)));
else process.stdout.write('DATABASE_URL is not set: PostgreSQL run skipped.\n');

/** Milliseconds for the table; a percentile that falls on a failed request is beyond the 10 s timeout. */
const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(0) : '>10000');
const load = (await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ');
process.stdout.write(
  `\n${STORY_COUNT} stories, ${STORY_COUNT * PER_STORY} articles (analysis JSON ~${analysisKb} KB a story); ${CONNECTIONS} connections, ${DURATION} s per target; load average ${load}\n`,
);
process.stdout.write(`${'engine'.padEnd(9)}${'target'.padEnd(22)}${'req/s'.padStart(8)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'KB/resp'.padStart(9)}${'CPU ms/req'.padStart(12)}${'failed'.padStart(8)}\n`);
for (const r of rows) {
  process.stdout.write(
    `${r.engine.padEnd(9)}${r.target.padEnd(22)}${r.rps.toFixed(0).padStart(8)}${ms(r.p50).padStart(8)}${ms(r.p95).padStart(8)}${ms(r.p99).padStart(8)}${(r.bytes / 1024).toFixed(1).padStart(9)}${r.cpuMs.toFixed(1).padStart(12)}${String(r.failed).padStart(8)}\n`,
  );
}
for (const r of rows.filter((row) => row.target.startsWith('story'))) {
  process.stdout.write(`${r.target} p95 on ${r.engine}: ${ms(r.p95)} ms (goal: < 100 ms)\n`);
}
process.exit(0);
