// A tiny feed server for the scale tests: N invented RSS feeds with K items each plus one HTML page
// per item, on 127.0.0.1. It records what the workers did from the outside: how often each feed
// was fetched and whether one feed was ever fetched by two clients at once (in-flight overlap).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeXml } from '@parallax/crawler';

export type FeedServerOptions = {
  feeds: number;
  itemsPerFeed: number;
  /** Distinct invented events; items of the same event should cluster into one story. */
  topics: number;
  /** Delay before each feed response, so overlapping fetches of one feed would be observable. */
  feedDelayMs: number;
};

export type FeedServer = {
  origin: string;
  feedUrls: string[];
  /** Every article page URL the feeds announce: what the database must end up holding. */
  itemUrls: string[];
  feedFetches: Map<string, number>;
  pageFetches: Map<string, number>;
  /** Highest number of simultaneous requests seen for any single feed. */
  maxFeedOverlap: () => number;
  close: () => Promise<void>;
};

const PLACES = ['Harbour', 'Valley', 'Quay', 'Ridge', 'Meadow', 'Forge', 'Mill', 'Lantern', 'Orchard', 'Beacon'];
const THINGS = ['ferry', 'bridge', 'library', 'market', 'school', 'tramline', 'reservoir', 'clinic', 'stadium', 'museum'];
const ACTIONS = ['reopens', 'closes', 'expands', 'is delayed', 'gets funding', 'is inspected', 'changes hours', 'is sold'];

/** Invented event text for one topic: the same facts in every outlet's words. */
function topicText(topic: number, outlet: number): { title: string; body: string } {
  const place = PLACES[topic % PLACES.length] ?? 'Harbour';
  const thing = THINGS[Math.floor(topic / PLACES.length) % THINGS.length] ?? 'ferry';
  const action = ACTIONS[topic % ACTIONS.length] ?? 'reopens';
  const code = `event${topic}x${topic * 7919}`;
  return {
    title: `${place} ${thing} ${action} (${code})`,
    body: [
      `The ${place} ${thing} ${action}, the ${place} council said on Tuesday in a statement about ${code}.`,
      `Officials said the ${thing} decision for ${place} followed a review that began last year.`,
      `"We expect the ${thing} to serve ${place} residents better," said councillor Mara Venn of ${place}.`,
      `Outlet ${outlet} reports that residents of ${place} had asked about the ${thing} for months.`,
    ].join('\n\n'),
  };
}


/** Start the server on a free port of 127.0.0.1. */
export async function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  const feedFetches = new Map<string, number>();
  const pageFetches = new Map<string, number>();
  const inFlight = new Map<string, number>();
  let maxOverlap = 0;
  const item = (feed: number, k: number): { path: string; topic: number } => ({
    path: `/o${feed}/a${k}.html`,
    topic: (feed * options.itemsPerFeed + k) % options.topics,
  });

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const feedMatch = /^\/o(\d+)\/rss\.xml$/.exec(path);
    const pageMatch = /^\/o(\d+)\/a(\d+)\.html$/.exec(path);
    if (feedMatch?.[1] !== undefined && Number(feedMatch[1]) < options.feeds) {
      const feed = Number(feedMatch[1]);
      feedFetches.set(path, (feedFetches.get(path) ?? 0) + 1);
      const now = (inFlight.get(path) ?? 0) + 1;
      inFlight.set(path, now);
      maxOverlap = Math.max(maxOverlap, now);
      const items = Array.from({ length: options.itemsPerFeed }, (_, k) => {
        const { path: itemPath, topic } = item(feed, k);
        const { title, body } = topicText(topic, feed);
        const date = new Date(Date.UTC(2026, 0, 1) + (feed * options.itemsPerFeed + k) * 60_000).toUTCString();
        return `<item><title>${escapeXml(title)}</title><link>${origin}${itemPath}</link><guid>${origin}${itemPath}</guid><pubDate>${date}</pubDate><description>${escapeXml(body.split('\n\n')[0] ?? '')}</description></item>`;
      }).join('');
      const xml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet ${feed}</title><link>${origin}/o${feed}/</link><description>Invented outlet ${feed}</description><ttl>600</ttl>${items}</channel></rss>`;
      setTimeout(() => {
        inFlight.set(path, (inFlight.get(path) ?? 1) - 1);
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': 'max-age=36000' });
        res.end(xml);
      }, options.feedDelayMs);
      return;
    }
    if (pageMatch?.[1] !== undefined && pageMatch[2] !== undefined) {
      pageFetches.set(path, (pageFetches.get(path) ?? 0) + 1);
      const feed = Number(pageMatch[1]);
      const { topic } = item(feed, Number(pageMatch[2]));
      const { title, body } = topicText(topic, feed);
      const paras = body.split('\n\n').map((p) => `<p>${escapeXml(p)}</p>`).join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title></head><body><article><h1>${escapeXml(title)}</h1>${paras}</article></body></html>`);
      return;
    }
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nAllow: /\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const feedUrls = Array.from({ length: options.feeds }, (_, f) => `${origin}/o${f}/rss.xml`);
  const itemUrls = Array.from({ length: options.feeds }, (_, f) =>
    Array.from({ length: options.itemsPerFeed }, (_, k) => `${origin}${item(f, k).path}`),
  ).flat();
  return {
    origin,
    feedUrls,
    itemUrls,
    feedFetches,
    pageFetches,
    maxFeedOverlap: () => maxOverlap,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
