// Crawl throughput against a local server: FEEDS feeds x ITEMS items on HOSTS loopback addresses
// (127.0.0.1 .. 127.0.0.HOSTS), politeness on. The server runs in a worker thread so its CPU does
// not count against the crawler's. Prints numbers; asserts nothing.
import { Worker } from 'node:worker_threads';
import { canonicalizeUrl, createDeduper, createHttpClient, fetchArticle, fetchFeed } from '../src/index.ts';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 1000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 20);
const HOSTS = Number(process.env.BENCH_HOSTS ?? 50);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 100);
const GLOBAL = Number(process.env.BENCH_GLOBAL ?? 32);
// Every entry of every feed is parsed and deduplicated; article pages are fetched and extracted for
// the first PAGES entries of each feed (all 20 by default: about 2 minutes on 2 cores).
const PAGES = Number(process.env.BENCH_PAGES_PER_FEED ?? 20);

// Invented content: feeds and pages are generated from the path, nothing is read from disk.
const serverSource = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { hosts, items } = workerData;
const words = 'harbour ferry council budget river bridge market school winter harvest road station museum'.split(' ');
const sentence = (seed, n) => { let s = []; for (let i = 0; i < n; i++) s.push(words[(seed * 7 + i * 3) % words.length]); return s.join(' ') + '.'; };
const servers = [];
let ready = 0;
for (let h = 1; h <= hosts; h++) {
  const host = '127.0.0.' + h;
  const server = http.createServer((req, res) => {
    const url = req.url || '/';
    if (url === '/robots.txt') { res.writeHead(200, {'content-type': 'text/plain'}); res.end('User-agent: *\\nDisallow: /private/\\n'); return; }
    let m = /^\\/feed\\/(\\d+)$/.exec(url);
    if (m) {
      const f = Number(m[1]);
      let xml = '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ' + f + '</title><link>http://' + host + '/</link>';
      for (let i = 0; i < items; i++) {
        const id = f * items + i;
        xml += '<item><title>Story ' + id + '</title><link>http://' + host + ':' + req.socket.localPort + '/a/' + id + '</link><guid>g' + id + '</guid>'
          + '<pubDate>' + new Date(Date.UTC(2026, 2, 10, 12) - i * 3600e3).toUTCString() + '</pubDate><description>' + sentence(id, 12) + '</description></item>';
      }
      res.writeHead(200, {'content-type': 'application/rss+xml', etag: '"f' + f + '"'});
      res.end(xml + '</channel></rss>');
      return;
    }
    m = /^\\/a\\/(\\d+)$/.exec(url);
    if (m) {
      const id = Number(m[1]);
      let body = '<!doctype html><html lang="en"><head><title>Story ' + id + '</title><meta property="og:site_name" content="Host ' + h + '"></head><body><nav><a href="/">Home</a></nav><article><h1>Story ' + id + '</h1>';
      for (let p = 0; p < 6; p++) body += '<p>' + sentence(id + p, 25) + ' ' + sentence(id * 3 + p, 20) + ' Item ' + id + ' paragraph ' + p + '.</p>';
      res.writeHead(200, {'content-type': 'text/html; charset=utf-8'});
      res.end(body + '</article><footer>footer</footer></body></html>');
      return;
    }
    res.writeHead(404); res.end();
  });
  server.listen(0, host, () => { servers.push([host, server.address().port]); if (++ready === hosts) parentPort.postMessage(servers); });
}
`;

const worker = new Worker(serverSource, { eval: true, workerData: { hosts: HOSTS, items: ITEMS } });
const addresses = await new Promise<[string, number][]>((resolve) => worker.once('message', (m: [string, number][]) => resolve(m)));
const portOf = new Map(addresses);

const startsByHost = new Map<string, number[]>();
const http = createHttpClient({
  allowPrivateNetworks: true,
  perHostConcurrency: 1,
  minHostDelayMs: DELAY_MS,
  globalConcurrency: GLOBAL,
  onRequestStart: (host, at) => {
    const list = startsByHost.get(host) ?? [];
    list.push(at);
    startsByHost.set(host, list);
  },
});

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 50);

const dedupe = createDeduper();
const pageDedupe = createDeduper();
let entriesSeen = 0;
const status = new Map<string, number>();
let feedsOk = 0;
let feedsFailed = 0;
let articles = 0;
let articleFailures = 0;
let feedsDoneAt = 0;
const t0 = performance.now();

async function crawlFeed(f: number): Promise<void> {
  const host = `127.0.0.${(f % HOSTS) + 1}`;
  const res = await fetchFeed(http, { url: `http://${host}:${portOf.get(host) ?? 0}/feed/${f}` });
  if (!res.ok || res.kind !== 'fetched') {
    feedsFailed += 1;
    return;
  }
  feedsOk += 1;
  feedsDoneAt = Math.max(feedsDoneAt, performance.now());
  entriesSeen += res.feed.entries.length;
  for (const e of res.feed.entries) dedupe.check(`${f}:${e.guid}`, { canonicalUrl: null, guid: e.guid, contentHash: null });
  await Promise.all(
    res.feed.entries.slice(0, PAGES).map(async (e) => {
      const a = await fetchArticle(http, { url: e.link ?? '', feedSummary: e.summary });
      if (!a.ok) {
        articleFailures += 1;
        return;
      }
      articles += 1;
      status.set(a.status, (status.get(a.status) ?? 0) + 1);
      // Keyed as the pipeline keys an article: the canonicalized URL.
      const url = canonicalizeUrl(a.url) ?? a.url;
      pageDedupe.check(url, { canonicalUrl: url, guid: null, contentHash: a.contentHash });
    }),
  );
}

console.log(`crawl bench: ${FEEDS} feeds x ${ITEMS} items on ${HOSTS} hosts, pages fetched for ${PAGES} items per feed, per-host concurrency 1, min delay ${DELAY_MS} ms, global ${GLOBAL}`);
await Promise.all(Array.from({ length: FEEDS }, (_, f) => crawlFeed(f)));
const elapsed = (performance.now() - t0) / 1000;
clearInterval(sampler);
http.close();
await worker.terminate();

// Politeness: each host gets its requests at most every DELAY_MS, so a host's work takes at least
// (requests - 1) x DELAY_MS. How close the crawl gets to that bound says how much the delay, not
// the crawler, sets the pace.
let minGap = Infinity;
let gapSum = 0;
let gapCount = 0;
let worstBound = 0;
for (const starts of startsByHost.values()) {
  starts.sort((a, b) => a - b);
  for (let i = 1; i < starts.length; i++) {
    const gap = (starts[i] ?? 0) - (starts[i - 1] ?? 0);
    minGap = Math.min(minGap, gap);
    gapSum += gap;
    gapCount += 1;
  }
  worstBound = Math.max(worstBound, ((starts.length - 1) * DELAY_MS) / 1000);
}
const requests = [...startsByHost.values()].reduce((s, l) => s + l.length, 0);
console.log(`  elapsed ${elapsed.toFixed(1)} s, ${requests} requests (feeds, robots.txt, pages)`);
console.log(`  feeds: ${feedsOk} ok, ${feedsFailed} failed, ${(feedsOk / ((feedsDoneAt - t0) / 1000)).toFixed(1)} feeds/s (to last feed fetched), ${(feedsOk / elapsed).toFixed(1)} feeds/s overall`);
console.log(`  entries: ${entriesSeen} parsed, ${dedupe.size()} unique by guid, ${(entriesSeen / elapsed).toFixed(0)} entries/s`);
console.log(`  articles: ${articles} pages fetched and extracted (${[...status].map(([k, v]) => `${k} ${v}`).join(', ')}), ${articleFailures} failed, ${pageDedupe.size()} unique, ${(articles / elapsed).toFixed(1)} articles/s`);
console.log(`  peak memory: rss ${(peakRss / 1048576).toFixed(0)} MB, heap ${(peakHeap / 1048576).toFixed(0)} MB`);
console.log(`  per-host gap between request starts: min ${minGap.toFixed(1)} ms, mean ${(gapSum / Math.max(1, gapCount)).toFixed(1)} ms (bound ${DELAY_MS} ms)`);
console.log(`  politeness bound (busiest host: requests x delay) ${worstBound.toFixed(1)} s vs elapsed ${elapsed.toFixed(1)} s: the delay sets ${((100 * worstBound) / elapsed).toFixed(0)}% of the crawl time`);
