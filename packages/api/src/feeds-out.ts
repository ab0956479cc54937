import { getOutlet, listStories, searchStories } from '@parallax/db';
import type { Database, StorySummary } from '@parallax/db';
import { escapeXml } from '@parallax/crawler';
import { windowStart } from './routers/stories.ts';
import { listBlindspots } from './blindspots.ts';

/** Which stories a published feed carries. */
export type FeedRequest =
  | { kind: 'top' }
  | { kind: 'blindspots' }
  | { kind: 'outlet'; outletId: number }
  | { kind: 'search'; query: string };
export type FeedFormat = 'rss' | 'atom';

export type FeedOutOptions = {
  format: FeedFormat;
  /** Origin of the web app (`https://parallax.example`): item links point at its story pages. */
  baseUrl: string;
  /** The feed's own URL, for `atom:link rel="self"` and the Atom id. */
  selfUrl: string;
  now: Date;
  limit?: number;
};

/** A built feed, or a client error the route handler answers with its status. */
export type FeedOut =
  | { ok: true; xml: string; contentType: string }
  | { ok: false; status: 400 | 404; message: string };

type Item = { id: string; title: string; updated: Date; published: Date | null; summary: string };

/** `rss` or `atom` from a `format` query parameter (default rss); null for anything else. */
export function parseFeedFormat(value: string | null | undefined): FeedFormat | null {
  if (value === null || value === undefined || value === '' || value === 'rss') return 'rss';
  return value === 'atom' ? 'atom' : null;
}

function outletsLine(names: string[], count: number): string {
  const shown = names.slice(0, 6).join(', ');
  const more = names.length > 6 ? ` and ${names.length - 6} more` : '';
  return `${count} ${count === 1 ? 'outlet' : 'outlets'}: ${shown}${more}`;
}

/** Builds the RSS 2.0 or Atom 1.0 feed of top stories, an outlet's stories or a search; each item links to the story page. */
export async function buildStoriesFeed(db: Database, request: FeedRequest, options: FeedOutOptions): Promise<FeedOut> {
  const limit = options.limit ?? 30;
  let title: string;
  let items: Item[];
  switch (request.kind) {
    case 'top': {
      const { since } = await windowStart({ db, now: () => options.now }, '7d');
      const page = await listStories(db, { since, order: 'top', limit });
      title = 'Parallax: top stories';
      items = page.items.map(storyItem);
      break;
    }
    case 'blindspots': {
      const stories = await listBlindspots(db, { since: null, limit });
      title = 'Parallax: blindspots (stories one side barely covers)';
      items = stories.map((story) => {
        const item = storyItem(story);
        const c = story.coverage;
        return { ...item, summary: `Blindspot for the ${story.blindspot} (left ${c.left}, centre ${c.centre}, right ${c.right}, unrated ${c.unrated} independent sources). ${item.summary}` };
      });
      break;
    }
    case 'outlet': {
      const outlet = await getOutlet(db, request.outletId);
      if (!outlet) return { ok: false, status: 404, message: `No outlet with id ${request.outletId}` };
      const page = await listStories(db, { outletId: outlet.id, order: 'latest', limit });
      title = `Parallax: stories covered by ${outlet.name}`;
      items = page.items.map(storyItem);
      break;
    }
    case 'search': {
      const query = request.query.trim();
      if (query === '' || query.length > 200 || query.includes('\u0000')) {
        return { ok: false, status: 400, message: 'q: enter a search of 1 to 200 characters' };
      }
      const page = await searchStories(db, { query, limit, offset: 0 });
      title = `Parallax: search for ${query}`;
      items = page.hits.map((h) => ({
        id: h.id,
        title: h.title,
        updated: h.lastPublishedAt ?? options.now,
        published: h.lastPublishedAt,
        summary: `${h.snippet.text} (${h.outletCount} ${h.outletCount === 1 ? 'outlet' : 'outlets'})`,
      }));
      break;
    }
  }
  const base = options.baseUrl.replace(/\/+$/, '');
  const link = (id: string) => `${base}/stories/${encodeURIComponent(id)}`;
  const updated = items.reduce<Date | null>((max, i) => (max === null || i.updated > max ? i.updated : max), null) ?? options.now;
  const xml =
    options.format === 'rss'
      ? rss({ title, base, selfUrl: options.selfUrl, updated, items, link })
      : atom({ title, base, selfUrl: options.selfUrl, updated, items, link });
  return {
    ok: true,
    xml,
    contentType: options.format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
  };
}

/** A listed story as a feed item: its outlets are the summary. */
function storyItem(story: StorySummary): Item {
  return {
    id: story.id,
    title: story.title,
    updated: story.lastPublishedAt ?? story.updatedAt,
    published: story.firstPublishedAt,
    summary: outletsLine(
      story.outlets.map((o) => o.name),
      story.outletCount,
    ),
  };
}

type Doc = { title: string; base: string; selfUrl: string; updated: Date; items: Item[]; link: (id: string) => string };

function rss(doc: Doc): string {
  const items = doc.items.map((i) =>
    [
      '    <item>',
      `      <title>${escapeXml(i.title)}</title>`,
      `      <link>${escapeXml(doc.link(i.id))}</link>`,
      `      <guid isPermaLink="true">${escapeXml(doc.link(i.id))}</guid>`,
      `      <pubDate>${(i.published ?? i.updated).toUTCString()}</pubDate>`,
      `      <description>${escapeXml(i.summary)}</description>`,
      '    </item>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${escapeXml(doc.title)}</title>`,
    `    <link>${escapeXml(`${doc.base}/`)}</link>`,
    '    <description>Stories from many outlets, and how each outlet framed them.</description>',
    `    <atom:link href="${escapeXml(doc.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    `    <lastBuildDate>${doc.updated.toUTCString()}</lastBuildDate>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

function atom(doc: Doc): string {
  const entries = doc.items.map((i) =>
    [
      '  <entry>',
      `    <title>${escapeXml(i.title)}</title>`,
      `    <id>${escapeXml(doc.link(i.id))}</id>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(doc.link(i.id))}"/>`,
      ...(i.published ? [`    <published>${i.published.toISOString()}</published>`] : []),
      `    <updated>${i.updated.toISOString()}</updated>`,
      `    <summary>${escapeXml(i.summary)}</summary>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${escapeXml(doc.title)}</title>`,
    `  <id>${escapeXml(doc.selfUrl)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(doc.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${doc.base}/`)}"/>`,
    `  <updated>${doc.updated.toISOString()}</updated>`,
    '  <author><name>Parallax</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
