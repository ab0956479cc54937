import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ArticleInput } from '@parallax/core';
import { escapeXml } from '@parallax/crawler';

export type ReplayOutlet = {
  name: string;
  slug: string;
  format: 'rss' | 'atom';
  /** Absolute URL of the outlet's feed on the replay server. */
  feedUrl: string;
  articles: ArticleInput[];
};

export type ReplayServer = {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  outlets: ReplayOutlet[];
  /** Requests served so far, by path (tests assert on politeness and conditional GETs). */
  hits: Map<string, number>;
  close: () => Promise<void>;
};

export type ReplayOptions = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Used for articles without `publishedAt` (default 2026-01-01T00:00:00Z). */
  defaultDate?: Date;
};


function slugify(s: string): string {
  return (
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'x'
  );
}

function paragraphs(text: string): string[] {
  const blocks = text
    .split(/\n\s*\n/)
    .map((b) => b.replace(/\s+/g, ' ').trim())
    .filter((b) => b.length > 0);
  if (blocks.length > 1) return blocks;
  // One long block: break it every few sentences so the page looks like an article.
  const sentences = (blocks[0] ?? '').match(/[^.!?]+[.!?]+["”’)]*\s*|[^.!?]+$/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i += 3)
    out.push(
      sentences
        .slice(i, i + 3)
        .join('')
        .trim(),
    );
  return out.filter((p) => p.length > 0);
}

function dateOf(article: ArticleInput, fallback: Date): Date {
  const d = article.publishedAt ? new Date(article.publishedAt) : null;
  return d && !Number.isNaN(d.getTime()) ? d : fallback;
}

function summaryOf(article: ArticleInput): string {
  const source = article.summary ?? article.text ?? '';
  const flat = source.replace(/\s+/g, ' ').trim();
  return flat.length > 240 ? `${flat.slice(0, flat.lastIndexOf(' ', 240))}…` : flat;
}

/** Groups a corpus by outlet, alternating RSS 2.0 and Atom feeds, with stable slugs. */
export function planReplay(articles: ArticleInput[], origin: string): ReplayOutlet[] {
  const byOutlet = new Map<string, ArticleInput[]>();
  for (const a of articles) {
    const name = a.outlet ?? 'Unknown outlet';
    const list = byOutlet.get(name) ?? [];
    list.push(a);
    byOutlet.set(name, list);
  }
  const used = new Set<string>();
  return [...byOutlet].map(([name, list], i) => {
    let slug = slugify(name);
    while (used.has(slug)) slug = `${slug}-${i}`;
    used.add(slug);
    const format = i % 2 === 0 ? 'rss' : 'atom';
    return {
      name,
      slug,
      format,
      feedUrl: `${origin}/${slug}/${format === 'rss' ? 'rss.xml' : 'atom.xml'}`,
      articles: list,
    };
  });
}

function articlePath(outlet: ReplayOutlet, article: ArticleInput): string {
  return `/${outlet.slug}/${slugify(article.id)}.html`;
}

function rss(outlet: ReplayOutlet, origin: string, fallback: Date): string {
  const items = outlet.articles
    .map((a) => {
      const link = origin + articlePath(outlet, a);
      return `    <item>
      <title>${escapeXml(a.title)}</title>
      <link>${escapeXml(link)}</link>
      <guid isPermaLink="false">${escapeXml(`${outlet.slug}:${a.id}`)}</guid>
      <pubDate>${dateOf(a, fallback).toUTCString()}</pubDate>
      <description>${escapeXml(summaryOf(a))}</description>
    </item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${escapeXml(outlet.name)}</title>
    <link>${escapeXml(`${origin}/${outlet.slug}/`)}</link>
    <description>${escapeXml(`Replayed articles of ${outlet.name}`)}</description>
    <language>en</language>
${items}
  </channel>
</rss>
`;
}

function atom(outlet: ReplayOutlet, origin: string, fallback: Date): string {
  const dates = outlet.articles.map((a) => dateOf(a, fallback).getTime());
  const updated = new Date(dates.length > 0 ? Math.max(...dates) : fallback.getTime()).toISOString();
  const entries = outlet.articles
    .map((a) => {
      const link = origin + articlePath(outlet, a);
      const when = dateOf(a, fallback).toISOString();
      return `  <entry>
    <title>${escapeXml(a.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>
    <id>${escapeXml(`tag:replay.invalid,2026:${outlet.slug}:${a.id}`)}</id>
    <published>${when}</published>
    <updated>${when}</updated>
    <summary>${escapeXml(summaryOf(a))}</summary>
  </entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>${escapeXml(outlet.name)}</title>
  <id>${escapeXml(`tag:replay.invalid,2026:${outlet.slug}`)}</id>
  <link rel="alternate" type="text/html" href="${escapeXml(`${origin}/${outlet.slug}/`)}"/>
  <link rel="self" type="application/atom+xml" href="${escapeXml(outlet.feedUrl)}"/>
  <updated>${updated}</updated>
${entries}
</feed>
`;
}

function page(outlet: ReplayOutlet, article: ArticleInput, origin: string, fallback: Date): string {
  const when = dateOf(article, fallback).toISOString();
  const byline = article.byline ?? `${outlet.name} staff`;
  const body = paragraphs(article.text ?? article.summary ?? '')
    .map((p) => `      <p>${escapeXml(p)}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escapeXml(article.lang ?? 'en')}">
<head>
  <meta charset="utf-8">
  <title>${escapeXml(article.title)} | ${escapeXml(outlet.name)}</title>
  <link rel="canonical" href="${escapeXml(origin + articlePath(outlet, article))}">
  <meta property="og:title" content="${escapeXml(article.title)}">
  <meta property="og:site_name" content="${escapeXml(outlet.name)}">
  <meta property="article:published_time" content="${when}">
  <meta name="author" content="${escapeXml(byline)}">
</head>
<body>
  <header><nav><a href="/${outlet.slug}/">${escapeXml(outlet.name)}</a> · <a href="/">All outlets</a></nav></header>
  <main>
    <article>
      <h1>${escapeXml(article.title)}</h1>
${body}
    </article>
  </main>
  <footer><p>Replayed by Parallax for offline demos and tests.</p></footer>
</body>
</html>
`;
}

function opml(outlets: ReplayOutlet[]): string {
  const lines = outlets.map(
    (o) =>
      `    <outline type="rss" text="${escapeXml(o.name)}" title="${escapeXml(o.name)}" xmlUrl="${escapeXml(o.feedUrl)}"/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Parallax replay</title></head>
  <body>
${lines.join('\n')}
  </body>
</opml>
`;
}

/**
 * Serves a corpus as outlets' RSS/Atom feeds and HTML article pages on 127.0.0.1, with ETags so
 * conditional GETs get 304s: the offline stand-in for the web that demos, tests and benches crawl.
 */
export async function startReplayServer(
  articles: ArticleInput[],
  options: ReplayOptions = {},
): Promise<ReplayServer> {
  const host = options.host ?? '127.0.0.1';
  const fallback = options.defaultDate ?? new Date('2026-01-01T00:00:00Z');
  const hits = new Map<string, number>();
  let routes = new Map<string, { type: string; body: string }>();
  let outlets: ReplayOutlet[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://replay.invalid').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes.get(path) ?? routes.get(`${path.replace(/\/$/, '')}/`);
    if (!route || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(route ? 405 : 404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(route ? 'method not allowed\n' : 'not found\n');
      return;
    }
    const etag = `"${createHash('sha1').update(route.body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': route.type, etag, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;
  outlets = planReplay(articles, origin);
  routes = new Map();
  const index: string[] = [];
  for (const o of outlets) {
    const feedPath = new URL(o.feedUrl).pathname;
    routes.set(feedPath, {
      type: o.format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
      body: o.format === 'rss' ? rss(o, origin, fallback) : atom(o, origin, fallback),
    });
    const links = o.articles.map(
      (a) => `<li><a href="${escapeXml(articlePath(o, a))}">${escapeXml(a.title)}</a></li>`,
    );
    routes.set(`/${o.slug}/`, {
      type: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(o.name)}</title><link rel="alternate" type="${o.format === 'rss' ? 'application/rss+xml' : 'application/atom+xml'}" href="${escapeXml(o.feedUrl)}"></head><body><h1>${escapeXml(o.name)}</h1><ul>${links.join('')}</ul></body></html>\n`,
    });
    for (const a of o.articles)
      routes.set(articlePath(o, a), { type: 'text/html; charset=utf-8', body: page(o, a, origin, fallback) });
    index.push(
      `<li><a href="/${o.slug}/">${escapeXml(o.name)}</a> (<a href="${escapeXml(feedPath)}">${o.format}</a>)</li>`,
    );
  }
  routes.set('/feeds.opml', { type: 'text/x-opml; charset=utf-8', body: opml(outlets) });
  routes.set('/', {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parallax replay</title></head><body><h1>Replayed outlets</h1><p><a href="/feeds.opml">All feeds (OPML)</a></p><ul>${index.join('')}</ul></body></html>\n`,
  });
  routes.set('/robots.txt', { type: 'text/plain; charset=utf-8', body: 'User-agent: *\nAllow: /\n' });
  return {
    origin,
    port,
    outlets,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
