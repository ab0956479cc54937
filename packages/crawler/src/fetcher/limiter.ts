// Politeness: at most `perHost` requests in flight per host, a minimum gap between request starts on
// one host, and a global cap. FIFO per host; hosts are served round-robin so that no host starves.
// Waiters are queued per host, so a pump costs O(hosts waiting), not O(requests waiting).

type HostState = { active: number; nextStartAt: number; minDelayMs: number; queue: ((release: () => void) => void)[] };

export type LimiterOptions = {
  perHost: number;
  global: number;
  minHostDelayMs: number;
  now: () => number;
};

/** A per-host and global concurrency limiter with a minimum delay between starts on one host. */
export type Limiter = {
  acquire: (host: string) => Promise<() => void>;
  /** Push the next allowed start on a host further out (Retry-After, or the real start time). */
  delayHost: (host: string, untilMs: number) => void;
  hostFreeAt: (host: string) => number;
  /** Raise one host's minimum gap (robots.txt Crawl-delay); never below the global setting. */
  setHostDelay: (host: string, delayMs: number) => void;
  hostDelay: (host: string) => number;
};

/** Create a limiter; waiting is done with timers, never busy loops. */
export function createLimiter(options: LimiterOptions): Limiter {
  const hosts = new Map<string, HostState>();
  // Hosts with queued requests, in the order they should be served next.
  const waitingHosts = new Set<string>();
  let globalActive = 0;
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Infinity;

  const stateOf = (host: string): HostState => {
    let s = hosts.get(host);
    if (s === undefined) {
      s = { active: 0, nextStartAt: 0, minDelayMs: options.minHostDelayMs, queue: [] };
      hosts.set(host, s);
    }
    return s;
  };

  const pump = (): void => {
    const now = options.now();
    let earliest = Infinity;
    for (const host of [...waitingHosts]) {
      if (globalActive >= options.global) break;
      const s = stateOf(host);
      if (s.active >= options.perHost) continue;
      if (s.nextStartAt > now) {
        earliest = Math.min(earliest, s.nextStartAt);
        continue;
      }
      const resolve = s.queue.shift();
      if (resolve === undefined) {
        waitingHosts.delete(host);
        continue;
      }
      // Served: move the host to the back of the round.
      waitingHosts.delete(host);
      if (s.queue.length > 0) waitingHosts.add(host);
      s.active += 1;
      s.nextStartAt = now + s.minDelayMs;
      if (s.queue.length > 0 && s.minDelayMs > 0) earliest = Math.min(earliest, s.nextStartAt);
      globalActive += 1;
      let released = false;
      resolve(() => {
        if (released) return;
        released = true;
        s.active -= 1;
        globalActive -= 1;
        pump();
      });
    }
    if (earliest !== Infinity && earliest < timerAt) {
      if (timer !== null) clearTimeout(timer);
      timerAt = earliest;
      timer = setTimeout(
        () => {
          timer = null;
          timerAt = Infinity;
          pump();
        },
        Math.max(1, earliest - now),
      );
    }
  };

  return {
    acquire: (host) =>
      new Promise((resolve) => {
        stateOf(host).queue.push(resolve);
        waitingHosts.add(host);
        pump();
      }),
    delayHost: (host, untilMs) => {
      const s = stateOf(host);
      s.nextStartAt = Math.max(s.nextStartAt, untilMs);
    },
    hostFreeAt: (host) => stateOf(host).nextStartAt,
    setHostDelay: (host, delayMs) => {
      stateOf(host).minDelayMs = Math.max(options.minHostDelayMs, delayMs);
    },
    hostDelay: (host) => stateOf(host).minDelayMs,
  };
}
