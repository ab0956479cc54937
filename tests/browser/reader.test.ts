// What a new reader sees (issue 17): the offline demo's pages, and the seed story when ../shared is
// there, in Chromium at phone and desktop widths: no sideways scroll, no console errors or failed
// requests, coverage by lean, feeds that are linked, and axe at every impact level.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { readCorpus } from '@parallax/cli';
import { createDb, setOutletProfiles } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { coreAnalyzer, coreClustererFactory, importArticles, parseOutletsFile } from '@parallax/pipeline';
import { CHROMIUM, CHROMIUM_ARGS, ensureWebBuild, startWebServer } from './harness.ts';
import type { WebServer } from './harness.ts';

const DEMO = path.resolve(import.meta.dirname, '../../apps/cli/demo');
const SEEDS = path.resolve(
  process.env.PARALLAX_SHARED ?? path.resolve(import.meta.dirname, '../../../shared'),
  'corpus/seeds',
);
const AXE = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
// Chromium comes from Debian (apt-get install chromium), not npm: without it the browser suite is
// skipped, as the DATABASE_URL-less scale suite is, rather than failing on a missing binary.
const hasChromium = existsSync(CHROMIUM);

type AxeViolation = { id: string; impact: string | null; nodes: { target: string[] }[] };

describe.skipIf(!hasChromium)('reader pages in Chromium (demo corpus)', () => {
  let db: DbHandle;
  let server: WebServer;
  let browser: Browser;
  const storyIds: string[] = [];
  let seedStoryId: string | null = null;

  /** Opens a page, collecting console errors and failed requests (a favicon 404 included). */
  async function open(url: string, width: number): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${server.url}${url}`, { waitUntil: 'networkidle' });
    return { page, problems };
  }

  async function axeViolations(page: Page): Promise<AxeViolation[]> {
    await page.addScriptTag({ content: readFileSync(AXE, 'utf8') });
    return page.evaluate(async () => {
      const axe = (
        globalThis as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }
      ).axe;
      return (await axe.run(document)).violations;
    });
  }

  const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  beforeAll(async () => {
    ensureWebBuild();
    db = await createDb({ url: 'memory://' });
    const options = { createClusterer: coreClustererFactory(), analyzer: coreAnalyzer };
    await importArticles(db.db, readCorpus(path.join(DEMO, 'corpus.jsonl')), options);
    const profiles = parseOutletsFile(readFileSync(path.join(DEMO, 'outlets.csv'), 'utf8'), 'outlets.csv');
    if (!profiles.ok) throw new Error(profiles.error);
    // The import keys named outlets without a URL by name; the demo file matches them by name.
    const applied = await setOutletProfiles(db.db, profiles.entries);
    expect(applied.missing).toEqual([]);
    if (existsSync(path.join(SEEDS, 'manifest.json'))) await importArticles(db.db, readCorpus(SEEDS), options);
    server = await startWebServer(db);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const { page } = await open('/?window=all', 1280);
    for (const href of await page
      .locator('a[href^="/stories/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      if (!storyIds.includes(href)) storyIds.push(href);
    }
    for (const href of storyIds) {
      if ((await page.goto(`${server.url}${href}`)) && (await page.locator('#article-seed-000').count()) > 0)
        seedStoryId = href;
    }
    await page.close();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('shows every demo story on the default home page, with labelled charts and linked feeds', async () => {
    const { page, problems } = await open('/', 1280);
    const demoStories = (await page.locator('.story-item').count()) - (seedStoryId ? 1 : 0);
    expect(demoStories).toBe(11);
    expect(await page.locator('.spark-title').first().textContent()).toBe('Articles over time');
    const feedLinks = page.locator('link[rel="alternate"][type="application/rss+xml"]');
    expect([
      await feedLinks.first().getAttribute('href'),
      await feedLinks.last().getAttribute('href'),
    ]).toEqual(['/feeds/top', '/feeds/blindspots']);
    await page.getByRole('link', { name: 'RSS' }).first().click();
    expect(page.url()).toMatch(/\/feeds\/top$/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws coverage by lean from the outlets’ ratings, never counting an unrated outlet on a side', async () => {
    let sawUnrated = false;
    for (const href of storyIds) {
      const { page, problems } = await open(href, 1280);
      if (href === seedStoryId) {
        // The seed outlets have no ratings: all unrated, and the bar is one unrated segment.
        expect(await page.locator('.lean-bar span').count()).toBe(1);
        expect(await page.locator('.lean-bar span').getAttribute('class')).toBe('lean-unrated');
      } else {
        const legend = await page.locator('.lean-legend li').allTextContents();
        const counts = Object.fromEntries(
          legend.map((t): [string, number] => {
            const [k = '', v = ''] = t.split(': ');
            return [k, Number(v)];
          }),
        );
        const unratedCards = await page.locator('.card .lean-chip.lean-unrated').count();
        if (unratedCards > 0) sawUnrated = true;
        const rated = (counts.Left ?? 0) + (counts.Centre ?? 0) + (counts.Right ?? 0);
        // Every source is counted once, on its side or as unrated.
        expect(rated + (counts.Unrated ?? 0)).toBeGreaterThan(0);
        expect(await page.locator('.lean-bar span').count()).toBe(
          Object.values(counts).filter((n) => n > 0).length,
        );
      }
      expect(problems).toEqual([]);
      await page.close();
    }
    expect(sawUnrated).toBe(true);
  });

  it('opens each story with a summary built from evidence: shared facts linked to their sentences', async () => {
    let checked = 0;
    for (const story of storyIds) {
      const { page, problems } = await open(story, 1280);
      const summary = page.locator('section[aria-labelledby="summary"]');
      expect(await summary.locator('p').first().textContent()).toMatch(
        /^Covered by \d+ outlets? \(\d+ independent sources?\): /,
      );
      const links = summary.locator('.summary-facts a');
      if ((await links.count()) > 0) {
        const href = (await links.first().getAttribute('href')) ?? '';
        expect(href).toMatch(/^\/stories\/[^/]+\/text\/[^?]+\?h=\d+-\d+/);
        // The fact's wording is a verbatim sentence, and its link highlights that sentence in the text.
        await links.first().click();
        await page.waitForURL(/\/text\//);
        expect(((await page.locator('mark').first().textContent()) ?? '').length).toBeGreaterThan(10);
        checked++;
      }
      expect(problems).toEqual([]);
      await page.close();
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('lists blindspots with their rule: the home filter, the page and the published feed', async () => {
    const { page, problems } = await open('/', 1280);
    await page.getByLabel('Show').selectOption('blindspots');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/show=blindspots/);
    // The ferry story is covered from the centre and the left only (invented demo ratings).
    expect(await page.locator('.story-item h2').allTextContents()).toEqual([
      'Saltvik ferry workers win 6 percent pay deal',
    ]);
    expect(await page.locator('.blindspot-note').first().textContent()).toMatch(
      /^Blindspot for the right: left \d+, centre \d+, right 0/,
    );
    expect(await page.getByText('at least 4 rated independent sources').count()).toBeGreaterThan(0);
    await page.goto(`${server.url}/blindspots`);
    expect(await page.locator('.lead').textContent()).toContain('one side, left or right, has at most 20 %');
    expect(await page.locator('.story-item').count()).toBe(1);
    const feed = await page.evaluate(async () => {
      const response = await fetch('/feeds/blindspots');
      return { type: response.headers.get('content-type') ?? '', body: await response.text() };
    });
    expect(feed.type).toContain('xml');
    expect(feed.body).toContain('<title>Saltvik ferry workers win 6 percent pay deal</title>');
    expect(feed.body).toContain('Blindspot for the right');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fits a 390 px phone without sideways scroll, on every demo story and the seed story', async () => {
    for (const href of ['/', '/feeds', '/blindspots', ...storyIds]) {
      const { page, problems } = await open(href, 390);
      expect({ href, width: await pageWidth(page) }).toEqual({ href, width: 390 });
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('shows every outlet column of the claims matrix on a phone', async () => {
    const href = seedStoryId ?? storyIds[0] ?? '/';
    const { page } = await open(href, 390);
    const table = page.locator('.claims-table').first();
    const [tableWidth, regionWidth] = await table.evaluate((t) => [
      t.scrollWidth,
      t.parentElement?.clientWidth ?? 0,
    ]);
    expect(tableWidth).toBeLessThanOrEqual(regionWidth);
    await page.close();
  });

  it('says when only the day is known and ranks no one first (seed story)', async () => {
    if (seedStoryId === null) return;
    const { page } = await open(seedStoryId, 1280);
    expect(await page.locator('.badge-first').count()).toBe(0);
    expect(await page.locator('#outlets').locator('..').getByText('(day only)').count()).toBeGreaterThan(0);
    const labels = await page.locator('.card .outlet').allTextContents();
    expect(labels.filter((l) => l.startsWith('Unknown outlet')).sort()).toEqual([
      'Unknown outlet A',
      'Unknown outlet B',
    ]);
    await page.close();
  });

  it('has no accessibility violations at any impact on the home, a story, the outlet and subscribe pages', async () => {
    const outletHref = await (async () => {
      const { page } = await open(storyIds[0] ?? '/', 1280);
      const href = await page.locator('.card a.outlet').first().getAttribute('href');
      await page.close();
      return href ?? '/';
    })();
    for (const scheme of ['light', 'dark'] as const) {
      for (const href of [
        '/',
        storyIds[0] ?? '/',
        outletHref,
        '/feeds',
        '/blindspots',
        '/?show=blindspots',
      ]) {
        const { page } = await open(href, 1280);
        await page.emulateMedia({ colorScheme: scheme });
        // Open every <details>, so what they hide is checked too.
        await page.evaluate(() =>
          document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')),
        );
        const violations = await axeViolations(page);
        expect({
          href,
          scheme,
          violations: violations.map(
            (v) => `${v.impact ?? ''} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          ),
        }).toEqual({
          href,
          scheme,
          violations: [],
        });
        await page.close();
      }
    }
  }, 300_000);
});
