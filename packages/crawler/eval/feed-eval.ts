// Scores the feed parser (as `parallax feed` prints it) on ../shared/corpus/dev/feeds: feedparser's
// test cases with its expected values. Rules in that directory's README.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed, toFeedReport } from '../src/index.ts';
import type { FeedReport } from '../src/index.ts';
import { locateShared } from './shared-path.ts';

type Check = { path: string; op: 'eq' | 'contains' | 'date'; value: string };
type Case = { file: string; group: string; checks: Check[] };

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

function lookup(report: FeedReport, p: string): unknown {
  let cur: unknown = report;
  for (const part of p.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    cur = /^\d+$/.test(part) ? (cur as unknown[])[Number(part)] : (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function passes(report: FeedReport, check: Check): boolean {
  const got = lookup(report, check.path);
  if (typeof got !== 'string') return false;
  switch (check.op) {
    case 'eq':
      return norm(got) === norm(check.value);
    case 'contains':
      return norm(got).includes(norm(check.value));
    case 'date':
      return Math.floor(Date.parse(got) / 1000) === Math.floor(Date.parse(check.value) / 1000);
  }
}

const shared = locateShared('corpus/dev/feeds');
if (shared !== null) {
  const dir = path.join(shared, 'corpus/dev/feeds');
  const cases = readFileSync(path.join(dir, 'expect.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Case);
  let checks = 0;
  let passed = 0;
  let lines = 0;
  let crashes = 0;
  const byGroup = new Map<string, { checks: number; passed: number }>();
  const failures: string[] = [];
  for (const c of cases) {
    const body = readFileSync(path.join(dir, 'files', c.file));
    let report: FeedReport;
    try {
      report = toFeedReport(c.file, parseFeed(body, { url: `http://example.org/${c.file}` }));
      lines += 1;
    } catch (e) {
      crashes += 1;
      failures.push(`${c.file}: CRASH ${(e as Error).message}`);
      continue;
    }
    const g = byGroup.get(c.group) ?? { checks: 0, passed: 0 };
    for (const check of c.checks) {
      checks += 1;
      g.checks += 1;
      if (passes(report, check)) {
        passed += 1;
        g.passed += 1;
      } else failures.push(`${c.file}: ${check.path} ${check.op} ${JSON.stringify(check.value).slice(0, 60)} got ${JSON.stringify(lookup(report, check.path))?.slice(0, 60)}`);
    }
    byGroup.set(c.group, g);
  }
  console.log(`feeds: ${cases.length} files, ${lines} lines printed, ${crashes} crashes; checks passed ${passed}/${checks} = ${((100 * passed) / Math.max(1, checks)).toFixed(1)}%`);
  for (const [group, g] of byGroup) console.log(`  ${group}: ${g.passed}/${g.checks}`);
  if (process.env.EVAL_VERBOSE === '1') for (const f of failures) console.log(`  FAIL ${f}`);
}
