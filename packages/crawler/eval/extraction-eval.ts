// Extraction benchmark on ../shared/corpus/dev/extraction: ours vs Readability-on-linkedom with
// block-aware text, same run, same metric. Halves split by page id so tuning on one can be checked on the other.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle, extractMainText } from '../src/index.ts';
import { blockText } from '../src/extractor/block-text.ts';
import { aggregate, scorePage } from './extraction-metric.ts';
import { locateShared } from './shared-path.ts';

type Truth = Record<string, { articleBody: string; url: string }>;

function baseline(html: string): string {
  const { document } = parseHTML(html);
  const parsed = new Readability(document).parse();
  if (parsed?.content === null || parsed?.content === undefined) return '';
  const { document: out } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
  return blockText(out.body);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

const shared = locateShared('corpus/dev/extraction');
if (shared !== null) {
  const dir = path.join(shared, 'corpus/dev/extraction');
  const truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Truth;
  const ids = Object.keys(truth).sort();
  const rows: { id: string; half: 'A' | 'B'; ours: ReturnType<typeof scorePage>; base: ReturnType<typeof scorePage>; tOurs: number; tBase: number; tFull: number }[] = [];
  for (const id of ids) {
    const entry = truth[id];
    if (entry === undefined) continue;
    const html = gunzipSync(readFileSync(path.join(dir, 'html', `${id}.html.gz`))).toString('utf8');
    // Alternate which runs first so warm-up effects do not favour one side.
    let t0 = performance.now();
    const b = baseline(html);
    const tBase = performance.now() - t0;
    t0 = performance.now();
    const o = extractMainText(html, entry.url).text;
    const tOurs = performance.now() - t0;
    // The whole per-page cost the crawler pays: metadata, main text, paywall check, hash.
    t0 = performance.now();
    extractArticle(html, { url: entry.url });
    const tFull = performance.now() - t0;
    rows.push({ id, half: parseInt(id.slice(-1), 16) % 2 === 0 ? 'A' : 'B', ours: scorePage(o, entry.articleBody), base: scorePage(b, entry.articleBody), tOurs, tBase, tFull });
    if (process.env.EVAL_VERBOSE === '1') {
      const so = aggregate([scorePage(o, entry.articleBody)]);
      const sb = aggregate([scorePage(b, entry.articleBody)]);
      console.log(`${id.slice(0, 8)} ours ${so.f1.toFixed(3)} base ${sb.f1.toFixed(3)}`);
    }
  }
  const fmt = (s: { precision: number; recall: number; f1: number }): string =>
    `P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}`;
  console.log(`extraction (${rows.length} pages, metric: \\w+ tokens, 4-gram shingle multisets, P avg over non-empty, R avg over all)`);
  for (const half of ['A', 'B'] as const) {
    const r = rows.filter((x) => x.half === half);
    console.log(`  half ${half} (${r.length} pages${half === 'A' ? ', tuned on' : ', held out'}): ours ${fmt(aggregate(r.map((x) => x.ours)))} | readability ${fmt(aggregate(r.map((x) => x.base)))}`);
  }
  console.log(`  all: ours ${fmt(aggregate(rows.map((x) => x.ours)))} | readability ${fmt(aggregate(rows.map((x) => x.base)))}`);
  const mo = median(rows.map((x) => x.tOurs));
  const mb = median(rows.map((x) => x.tBase));
  const mf = median(rows.map((x) => x.tFull));
  console.log(`  median ms/page: ours ${mo.toFixed(1)} | readability ${mb.toFixed(1)} | ratio ${(mo / mb).toFixed(2)}x (target <= 1.3x)`);
  console.log(`  median ms/page of the full extractArticle (metadata + text + status + hash): ${mf.toFixed(1)} (${(mf / mb).toFixed(2)}x readability)`);
}
