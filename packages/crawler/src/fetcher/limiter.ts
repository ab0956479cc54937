// Politeness: at most `perHost` requests in flight per host, a minimum gap between request starts on
// one host, and a global cap. FIFO per host so no feed starves.

type HostState = { active: number; nextStartAt: number };
type Waiter = { host: string; resolve: (release: () => void) => void };

export type LimiterOptions = {
  perHost: number;
  global: number;
  minHostDelayMs: number;
  now: () => number;
};

/** A per-host and global concurrency limiter with a minimum delay between starts on one host. */
export type Limiter = {
  acquire: (host: string) => Promise<() => void>;
  /** Push the next allowed start on a host further out (Retry-After). */
  delayHost: (host: string, untilMs: number) => void;
  hostFreeAt: (host: string) => number;
};

/** Create a limiter; waiting is done with timers, never busy loops. */
export function createLimiter(options: LimiterOptions): Limiter {
  const hosts = new Map<string, HostState>();
  let waiting: Waiter[] = [];
  let globalActive = 0;
  let timer: NodeJS.Timeout | null = null;

  const stateOf = (host: string): HostState => {
    let s = hosts.get(host);
    if (s === undefined) {
      s = { active: 0, nextStartAt: 0 };
      hosts.set(host, s);
    }
    return s;
  };

  const pump = (): void => {
    const now = options.now();
    let earliest = Infinity;
    const still: Waiter[] = [];
    for (const w of waiting) {
      const s = stateOf(w.host);
      if (globalActive >= options.global || s.active >= options.perHost) {
        still.push(w);
        continue;
      }
      if (s.nextStartAt > now) {
        earliest = Math.min(earliest, s.nextStartAt);
        still.push(w);
        continue;
      }
      s.active += 1;
      s.nextStartAt = now + options.minHostDelayMs;
      globalActive += 1;
      let released = false;
      w.resolve(() => {
        if (released) return;
        released = true;
        s.active -= 1;
        globalActive -= 1;
        pump();
      });
    }
    waiting = still;
    if (timer === null && earliest !== Infinity) {
      timer = setTimeout(
        () => {
          timer = null;
          pump();
        },
        Math.max(1, earliest - now),
      );
    }
  };

  return {
    acquire: (host) =>
      new Promise((resolve) => {
        waiting.push({ host, resolve });
        pump();
      }),
    delayHost: (host, untilMs) => {
      const s = stateOf(host);
      s.nextStartAt = Math.max(s.nextStartAt, untilMs);
    },
    hostFreeAt: (host) => stateOf(host).nextStartAt,
  };
}
