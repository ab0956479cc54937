// fast-check driver for bounded stages: every generated input runs in the bounded worker, and the
// property holds when the stage returned normally with no invariant violation. Prints one summary
// line per property so the suite's output reports how many inputs were fuzzed.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { BoundedOutcome, BoundedRunner } from './bounded-stage.ts';
import type { StageCall } from './stages.ts';

export type FuzzSummary = {
  name: string;
  runs: number;
  slowestMs: number;
  peakHeapMb: number;
  /** Stage-specific counters summed over the runs (entries parsed, failures returned, ...). */
  tallies: Record<string, number>;
};

export type FuzzOptions<T> = {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  toCall: (input: T) => StageCall;
  numRuns: number;
  /** Names the reported bug an input would trigger; such inputs are skipped and counted. */
  knownIssue?: (input: T) => string | null;
  /** Optional extra check on a successful outcome; return a message to fail the run. */
  check?: (input: T, outcome: Extract<BoundedOutcome, { kind: 'ok' }>) => string | null;
};

/** Describe a failing outcome in one line (the failing input is printed by fast-check). */
export function describeFailure(outcome: BoundedOutcome): string | null {
  switch (outcome.kind) {
    case 'ok':
      return outcome.violations.length === 0 ? null : `invariants broken: ${outcome.violations.slice(0, 5).join('; ')}`;
    case 'threw':
      return `threw ${outcome.message}`;
    case 'hang':
      return outcome.stalled
        ? `promise never settled within ${Math.round(outcome.ms)} ms (event loop idle: a stall)`
        : `no answer after ${Math.round(outcome.ms)} ms (busy: a hang)`;
    case 'crashed':
      return `worker crashed: ${outcome.message}`;
  }
}

/** Run one property against the bounded runner; throws fast-check's report on failure. */
export async function fuzzStage<T>(runner: BoundedRunner, options: FuzzOptions<T>): Promise<FuzzSummary> {
  const summary: FuzzSummary = { name: options.name, runs: 0, slowestMs: 0, peakHeapMb: 0, tallies: {} };
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  let shrinking = false;
  let firstHang: BoundedOutcome | null = null;
  const knownSkips = new Map<string, number>();
  const property = fc.asyncProperty(options.arbitrary, async (input) => {
    const known = options.knownIssue?.(input) ?? null;
    if (known !== null) {
      if (!shrinking) knownSkips.set(known, (knownSkips.get(known) ?? 0) + 1);
      fc.pre(false);
    }
    const outcome = await runner.run(options.toCall(input));
    if (!shrinking) {
      summary.runs += 1;
      if (outcome.kind === 'ok' || outcome.kind === 'threw' || outcome.kind === 'hang') {
        summary.slowestMs = Math.max(summary.slowestMs, outcome.ms);
      }
      if (outcome.kind === 'ok') {
        summary.peakHeapMb = Math.max(summary.peakHeapMb, outcome.heapMb);
        for (const [key, value] of Object.entries(outcome.facts)) {
          const add = typeof value === 'number' ? value : value === true ? 1 : 0;
          if (typeof value !== 'string') summary.tallies[key] = (summary.tallies[key] ?? 0) + add;
        }
      }
    }
    const failure = describeFailure(outcome) ?? (outcome.kind === 'ok' && options.check ? options.check(input, outcome) : null);
    if (failure !== null) {
      if (outcome.kind === 'hang' && firstHang === null) firstHang = outcome;
      shrinking = true;
      throw new Error(failure);
    }
  });
  // Shrinking a hang costs one timeout per attempt; the time limit keeps a failing suite bounded too.
  const details = await fc.check(property, { numRuns: options.numRuns, seed, interruptAfterTimeLimit: 30_000 });
  const tallies = Object.entries(summary.tallies)
    .map(([k, v]) => `${k} ${Math.round(v)}`)
    .join(', ');
  console.log(
    `[fuzz] ${options.name}: ${summary.runs} inputs, ${details.failed ? 'FAILED' : '0 failures'}, ` +
      `slowest ${Math.round(summary.slowestMs)} ms, peak heap ${Math.round(summary.peakHeapMb)} MB` +
      (tallies === '' ? '' : `, ${tallies}`) +
      (details.interrupted ? ', interrupted by the time limit' : '') +
      [...knownSkips].map(([issue, n]) => `, ${n} skipped as known issue "${issue}"`).join('') +
      ` (seed ${seed})`,
  );
  if (details.failed) {
    // Counterexamples can be megabytes: keep the whole one in a file and a readable head in the error.
    const dir = path.join(os.tmpdir(), 'parallax-fuzz');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${options.name.replace(/[^\w.-]+/g, '_')}.json`);
    const bytesAsLatin1 = (_k: string, v: unknown): unknown => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v);
    if (firstHang !== null) writeFileSync(file.replace(/\.json$/, '.history.json'), JSON.stringify(firstHang, bytesAsLatin1));
    writeFileSync(file, JSON.stringify(details.counterexample, bytesAsLatin1));
    const report = fc.defaultReportMessage(details) ?? `${options.name} failed`;
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${options.name}: ${cause}\n${report.slice(0, 3000)}\n(full counterexample in ${file})`);
  }
  return summary;
}
