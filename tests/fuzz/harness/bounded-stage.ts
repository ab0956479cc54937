// Runs fuzzed stages in a worker thread with a watchdog and a V8 heap limit. A synchronous hang
// (catastrophic regex backtracking, an endless loop) cannot be interrupted in-process and would
// freeze the test runner; here it terminates the worker and becomes a failing outcome with the
// input that caused it. A memory blow-up hits `resourceLimits` and is reported the same way.
import { Worker } from 'node:worker_threads';
import type { StageCall, StageOutcome } from './stages.ts';

/** Outcome of one bounded call: the stage's own outcome, or the bound it broke. */
export type BoundedOutcome =
  | (StageOutcome & { ms: number; heapMb: number })
  | { kind: 'hang'; ms: number; stalled: boolean; history: StageCall[] }
  | { kind: 'crashed'; message: string };

export type BoundedRunnerOptions = {
  /** Wall-clock limit per call; far above normal cost, so only a hang or a blow-up reaches it. */
  timeoutMs: number;
  /** V8 old-generation limit of the worker. */
  maxOldGenerationSizeMb: number;
};

export type BoundedRunner = {
  run: (call: StageCall) => Promise<BoundedOutcome>;
  close: () => Promise<void>;
};

type Reply = { id: number; outcome: StageOutcome; ms: number; heapMb: number };
type Message = Reply | { ready: true } | { pong: number };

// How many earlier calls of the same worker a hang report keeps: state left behind by an earlier
// input (a parser instance reused after an error) is a cause a single input cannot reproduce.
const HISTORY = 20;
type Pending = { resolve: (outcome: BoundedOutcome) => void; timer: NodeJS.Timeout };

const workerUrl = new URL('./stage-worker.ts', import.meta.url);

// Node cannot load a .ts worker entry directly; the worker first registers tsx, then imports it.
function bootstrapSource(): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
}

/** Start a bounded runner; one worker, replaced after any hang or crash. */
export function createBoundedRunner(options: BoundedRunnerOptions): BoundedRunner {
  let worker: Worker | null = null;
  let ready: Promise<void> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const pongs = new Map<number, () => void>();
  let history: StageCall[] = [];

  function failAll(outcome: BoundedOutcome): void {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.resolve(outcome);
    }
  }

  function start(): Promise<void> {
    const w = new Worker(bootstrapSource(), {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb },
      stdout: false,
      stderr: false,
    });
    worker = w;
    history = [];
    return new Promise<void>((resolveReady, rejectReady) => {
      w.on('message', (message: Message) => {
        if ('ready' in message) {
          resolveReady();
          return;
        }
        if ('pong' in message) {
          pongs.get(message.pong)?.();
          return;
        }
        const p = pending.get(message.id);
        if (p === undefined) return;
        clearTimeout(p.timer);
        pending.delete(message.id);
        p.resolve({ ...message.outcome, ms: message.ms, heapMb: message.heapMb });
      });
      w.on('error', (error: Error & { code?: string }) => {
        if (worker === w) {
          worker = null;
          ready = null;
        }
        rejectReady(error);
        failAll({ kind: 'crashed', message: `${error.code ?? error.name}: ${error.message}` });
      });
      w.on('exit', (code) => {
        if (worker === w) {
          worker = null;
          ready = null;
        }
        failAll({ kind: 'crashed', message: `worker exited with code ${code}` });
      });
    });
  }

  // Calls run one at a time: a hang then only ever takes its own call down with the worker.
  let queue: Promise<unknown> = Promise.resolve();
  function run(call: StageCall): Promise<BoundedOutcome> {
    const next = queue.then(() => runNow(call));
    queue = next.catch(() => undefined);
    return next;
  }

  async function runNow(call: StageCall): Promise<BoundedOutcome> {
    ready ??= start();
    await ready;
    const w = worker;
    if (w === null) return { kind: 'crashed', message: 'worker not running' };
    const id = nextId++;
    const started = performance.now();
    history.push(call);
    if (history.length > HISTORY) history.shift();
    const callHistory = history.slice(0, -1);
    return new Promise<BoundedOutcome>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        void isResponsive(w).then((stalled) => {
          resolve({ kind: 'hang', ms: performance.now() - started, stalled, history: callHistory });
          // A hung worker is stuck in synchronous code: only terminating it frees the thread.
          if (worker === w) {
            worker = null;
            ready = null;
          }
          void w.terminate();
        });
      }, options.timeoutMs);
      pending.set(id, { resolve, timer });
      w.postMessage({ id, call });
    });
  }

  function isResponsive(w: Worker): Promise<boolean> {
    const ping = nextId++;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        pongs.delete(ping);
        resolve(false);
      }, 1_000);
      pongs.set(ping, () => {
        clearTimeout(timer);
        pongs.delete(ping);
        resolve(true);
      });
      w.postMessage({ ping });
    });
  }

  async function close(): Promise<void> {
    const w = worker;
    worker = null;
    ready = null;
    if (w !== null) await w.terminate();
  }

  return { run, close };
}
