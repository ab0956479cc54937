import type { CommandIo } from './command.ts';

/** How a long command reports: a redrawn bar on a terminal, JSON lines otherwise (logs, pipes, CI). */
export type Reporter = {
  /** Structured event: one JSON line when not on a terminal; ignored on a terminal unless `important`. */
  event: (data: Record<string, unknown>, important?: boolean) => void;
  /** Progress of a phase; `total` null when unknown. */
  progress: (phase: string, done: number, total: number | null, detail?: string) => void;
  /** Ends the current bar line. */
  done: () => void;
  isTty: boolean;
};

/** Creates the reporter for `io`: progress on stderr when it is a TTY, JSON lines on stdout otherwise. */
export function createReporter(io: CommandIo, now: () => number = Date.now): Reporter {
  const isTty = io.stderr.isTTY === true;
  let barOpen = false;
  let lastDraw = 0;
  const started = now();
  const clear = (): void => {
    if (barOpen) io.stderr.write('\r\x1b[2K');
    barOpen = false;
  };
  return {
    isTty,
    event(data, important = false) {
      if (!isTty) {
        io.stdout.write(`${JSON.stringify({ time: new Date(now()).toISOString(), ...data })}\n`);
        return;
      }
      if (important) {
        clear();
        const { type, ...rest } = data;
        io.stderr.write(
          `${String(type)}: ${Object.entries(rest)
            .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
            .join(' ')}\n`,
        );
      }
    },
    progress(phase, done, total, detail) {
      if (!isTty) return;
      const t = now();
      // Redraw at most ~10 times a second: drawing is not free at 160k items.
      if (t - lastDraw < 100 && total !== done) return;
      lastDraw = t;
      const secs = Math.max(0.001, (t - started) / 1000);
      const rate = `${Math.round(done / secs)}/s`;
      let bar = '';
      if (total !== null && total > 0) {
        const width = 28;
        const filled = Math.min(width, Math.round((done / total) * width));
        bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round((done / total) * 100)}% `;
      }
      const count = total === null ? `${done}` : `${done}/${total}`;
      io.stderr.write(`\r\x1b[2K${phase.padEnd(9)} ${bar}${count} ${rate}${detail ? ` ${detail}` : ''}`);
      barOpen = true;
    },
    done() {
      if (barOpen) io.stderr.write('\n');
      barOpen = false;
    },
  };
}
