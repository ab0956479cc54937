import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { addFeed, createDb, upsertOutlet } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { CHROMIUM, CHROMIUM_ARGS, ensureWebBuild, startWebServer } from './harness.ts';
import type { WebServer } from './harness.ts';
import { seedFixtures } from './fixtures/seed.ts';
import { MERGED_STORY_ID, STORY_ID } from './fixtures/story-fixture.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../screenshots');
const AXE = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
const ADMIN_TOKEN = 'browser-test-token';
// apps/web keeps its shared values (pipeline counts, outlet names) on globalThis under this key.
const SHARED_VALUES_KEY = Symbol.for('parallax.web.sharedValues');
// Chromium comes from Debian (apt-get install chromium), not npm: without it the browser suite is
// skipped, as the DATABASE_URL-less scale suite is, rather than failing on a missing binary.
const hasChromium = existsSync(CHROMIUM);

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe-core in the page and returns the serious and critical violations. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: readFileSync(AXE, 'utf8') });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!hasChromium)('web app in Chromium', () => {
  let db: DbHandle;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  // An invented outlet's site on 127.0.0.1 whose home page advertises its feed: the admin page
  // adds feeds through discovery, so a site URL must lead to the feed.
  let site: http.Server;
  let siteUrl = '';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ensureWebBuild();
    site = http.createServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Newsite</title><link>http://newsite.example/</link><item><title>Ferry timetable changes</title><link>http://newsite.example/ferry</link></item></channel></rss>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><head><title>Newsite</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>Newsite</body></html>');
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    process.env.PARALLAX_ADMIN_TOKEN = ADMIN_TOKEN;
    process.env.PARALLAX_ALLOW_PRIVATE_NETWORKS = '1';
    db = await createDb({ url: 'memory://' });
    await seedFixtures(db.db, new Date());
    server = await startWebServer(db);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  it('goes from the home page to a story and on to an outlet', async () => {
    await page.goto(`${server.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Stories');
    const storyLink = page.getByRole('link', { name: 'Council backs floodwall after stormy debate' });
    await expect(storyLink.count()).resolves.toBe(1);
    await expect(page.getByText('4 outlets').first().isVisible()).resolves.toBe(true);
    await shoot(page, 'home');

    await storyLink.click();
    await page.waitForURL(`**/stories/${STORY_ID}`);
    const cards = page.locator('ol.cards > li');
    await cards.nth(3).waitFor();
    await expect(cards.count()).resolves.toBe(4);
    await expect(page.getByText('Copy of Northgate Herald').count()).resolves.toBe(1);
    await expect(page.getByText('Syndicated from Northgate Herald').count()).resolves.toBe(1);
    // The cost claim is carried by three articles and omitted by the one that does not mention it.
    const costRow = page.locator('#claim-c-cost');
    await expect(costRow.locator('.carried').count()).resolves.toBe(3);
    // The symbol is named for screen readers; the column header (th scope="col") names the outlet.
    const omitted = costRow.getByRole('img', { name: 'omitted' });
    await expect(omitted.count()).resolves.toBe(1);
    await expect(
      omitted.evaluate((el) => {
        const cell = el.closest('td') as HTMLTableCellElement;
        return (cell.closest('table') as HTMLTableElement).tHead?.rows[0]?.cells[cell.cellIndex]?.textContent;
      }),
    ).resolves.toBe('Coastline Daily');
    await expect(costRow.getByRole('link', { name: 'carried: open its sentence' }).count()).resolves.toBe(3);
    await costRow.locator('summary').click();
    await expect(costRow.locator('details ul li').count()).resolves.toBe(3);
    await expect(page.locator('#voice-dana-pruitt').count()).resolves.toBeGreaterThan(0);
    await shoot(page, 'story');

    // A carried cell opens the outlet's own sentence, highlighted in its text.
    await costRow.locator('a.carried').first().click();
    await page.waitForURL(/\/stories\/.+\/text\/a-northgate/);
    await expect(page.locator('mark').first().textContent()).resolves.toBe('The wall will cost 14 million dollars, according to the city treasurer.');
    await shoot(page, 'evidence');

    await page.goto(`${server.url}/stories/${STORY_ID}`);
    await page.locator('#article-a-valley a.outlet').click();
    await page.waitForURL(/\/outlets\/\d+/);
    await expect(page.locator('h1').textContent()).resolves.toContain('Valley Courier');
    await expect(page.getByText('http://valley-courier.example/feed').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Council backs floodwall after stormy debate' }).count()).resolves.toBe(1);
    await shoot(page, 'outlet');
  }, 120_000);

  it('ends the last page of a time window with a link to older stories', async () => {
    await page.goto(`${server.url}/`);
    const older = page.getByRole('link', { name: 'Older stories (all time) →' });
    await expect(older.count()).resolves.toBe(1);
    await older.click();
    await page.waitForURL(/window=all/);
    await expect(page.getByText('All stories').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Older stories (all time) →' }).count()).resolves.toBe(0);
  });

  it('keeps the pipeline progress on the home page current while it is open', async () => {
    // Server-rendered first: the counts are in the HTML, for readers without JavaScript too.
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toMatch(/aria-label="Pipeline progress"[^]*stored/);
    await page.goto(`${server.url}/`);
    const progress = page.getByLabel('Pipeline progress');
    const feedsBefore = Number(/(\d+) feeds?/.exec((await progress.textContent()) ?? '')?.[1]);
    expect(feedsBefore).toBeGreaterThan(0);
    const outlet = await upsertOutlet(db.db, { name: 'Progress Post', domain: 'progress-post.example' });
    await addFeed(db.db, { url: 'http://progress-post.example/feed', outletId: outlet.id });
    // The server shares the counts for 10 s; forget them so the page's next poll sees the new feed.
    (globalThis as { [SHARED_VALUES_KEY]?: Map<string, unknown> })[SHARED_VALUES_KEY]?.clear();
    await progress.getByText(`${feedsBefore + 1} feeds`).waitFor({ timeout: 30_000 });
  }, 40_000);

  it('redirects a merged story id to the surviving story', async () => {
    const response = await page.goto(`${server.url}/stories/${MERGED_STORY_ID}`);
    expect(response?.ok()).toBe(true);
    expect(new URL(page.url()).pathname).toBe(`/stories/${STORY_ID}`);
  });

  it('answers an unknown story with a 404 page', async () => {
    const response = await page.goto(`${server.url}/stories/no-such-story`);
    expect(response?.status()).toBe(404);
  });

  it('searches articles with highlighted snippets', async () => {
    await page.goto(`${server.url}/search`);
    await page.getByRole('searchbox').fill('fishermen');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=fishermen/);
    await expect(page.locator('.results mark').first().textContent()).resolves.toMatch(/fishermen/i);
    await shoot(page, 'search');
  });

  it('adds a feed from the admin page with the token, discovering it from the site URL', async () => {
    await page.goto(`${server.url}/admin/feeds`);
    await expect(page.getByText('paused after 9 consecutive failures').count()).resolves.toBe(1);
    await page.getByLabel('Admin token').fill('wrong-token');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('The admin token is missing or wrong.').waitFor({ timeout: 20_000 });
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByLabel('Feed or site URL').fill(`${siteUrl}/`);
    await page.getByRole('button', { name: 'Add feed' }).click();
    await page.getByText(`Added: ${siteUrl}/feed.xml`).waitFor({ timeout: 20_000 });
    await expect(page.locator('table').getByText(`${siteUrl}/feed.xml`).count()).resolves.toBe(1);
    await shoot(page, 'admin');
    const exported = await page.evaluate(async () => (await fetch('/admin/feeds/export')).text());
    expect(exported).toContain(`xmlUrl="${siteUrl}/feed.xml"`);
  });

  it('has no serious accessibility violations, in light and dark', async () => {
    const paths = ['/', `/stories/${STORY_ID}`, `/stories/${STORY_ID}/text/a-valley?h=0-40#at-0`, '/outlets/1', '/search?q=floodwall', '/admin/feeds'];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const p of paths) {
        await page.goto(`${server.url}${p}`);
        const violations = await seriousViolations(page);
        expect(violations.map((v) => `${scheme} ${p}: ${v.id} ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
    }
    await page.goto(`${server.url}/stories/${STORY_ID}`);
    await shoot(page, 'story-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  }, 180_000);

  it('fits a phone screen without horizontal page scroll', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${server.url}/stories/${STORY_ID}`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shoot(phone, 'story-phone');
    await phone.close();
  });
});
