import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiContext, createCaller } from '@parallax/api';
import { createDb, listOutlets } from '@parallax/db';
import type { DbHandle } from '@parallax/db';
import { openScratchPostgres } from '@parallax/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../run.ts';
import { captureIo } from '../test-io.ts';

type Target = {
  name: string;
  dir: string;
  db: string;
  open: () => Promise<DbHandle>;
  done: () => Promise<void>;
};

function pgliteTarget(): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), 'feeds-'));
  const db = path.join(dir, 'db');
  return Promise.resolve({
    name: 'pglite',
    dir,
    db,
    open: () => createDb({ url: db }),
    done: () => Promise.resolve(),
  });
}

async function postgresTarget(serverUrl: string): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), 'feeds-pg-'));
  const scratch = await openScratchPostgres(serverUrl);
  return {
    name: 'postgres',
    dir,
    db: scratch.url,
    open: () => createDb({ url: scratch.url }),
    done: () => scratch.close(),
  };
}

const targets: [string, () => Promise<Target>][] = [['pglite', pgliteTarget]];
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) targets.push(['postgres', () => postgresTarget(serverUrl)]);

describe.each(targets)('subscribing from the CLI and from the admin API (%s)', (_name, makeTarget) => {
  const opened: Target[] = [];
  afterAll(async () => {
    for (const t of opened) await t.done();
  });

  const cli = async (target: Target, args: string[]): Promise<unknown> => {
    const c = captureIo(target.dir);
    const code = await runCli(['feeds', ...args, '--db', target.db], c.io);
    if (code !== 0) throw new Error(`parallax feeds ${args.join(' ')}: exit ${code}: ${c.err()}`);
    return JSON.parse(c.out());
  };
  // The API opens the database only between CLI runs: an embedded one has one holder at a time.
  const api = async <T>(
    target: Target,
    call: (admin: ReturnType<typeof createCaller>) => Promise<T>,
  ): Promise<T> => {
    const handle = await target.open();
    try {
      return await call(
        createCaller(createApiContext({ db: handle.db, adminToken: 't', requestToken: 't' })),
      );
    } finally {
      await handle.close();
    }
  };

  it('finds one outlet per site, named by whoever added it first', async () => {
    const target = await makeTarget();
    opened.push(target);
    writeFileSync(
      path.join(target.dir, 'cli.opml'),
      `<opml version="2.0"><body>
        <outline text="Valley Courier" xmlUrl="http://127.0.0.1:4100/valley/feed.xml"/>
      </body></opml>`,
    );
    await cli(target, ['add', 'https://www.harbour.example/rss', '--outlet', 'Harbour Ledger']);
    await cli(target, ['import', 'cli.opml']);

    await api(target, async (admin) => {
      // The same sites through the admin page: another feed, another port, another spelling.
      const harbour = await admin.feeds.add({
        url: 'https://Harbour.example/world.xml',
        outletName: 'Harbour Renamed',
      });
      expect([harbour.isNew, harbour.feed.outletName, harbour.feed.outletDomain]).toEqual([
        true,
        'Harbour Ledger',
        'harbour.example',
      ]);
      const again = await admin.feeds.add({ url: 'https://www.harbour.example/rss' });
      expect(again.isNew).toBe(false);
      const imported = await admin.feeds.importOpml({
        opml: `<opml version="2.0"><body>
          <outline text="The Valley" xmlUrl="http://localhost:4200/valley/atom.xml" htmlUrl="http://valley.example/"/>
          <outline text="Plain Daily" xmlUrl="https://plain.example/feed"/>
        </body></opml>`,
      });
      expect(imported).toEqual({ added: 2, existing: 0, skipped: [] });
    });

    // And the other way round: an outlet the admin page created, reached again from the CLI.
    await cli(target, ['add', 'https://www.plain.example/other.xml', '--outlet', 'Other Name']);

    const handle = await target.open();
    try {
      const outlets = await listOutlets(handle.db);
      expect(outlets.map((o) => [o.domain, o.name])).toEqual([
        ['harbour.example', 'Harbour Ledger'],
        ['plain.example', 'Plain Daily'],
        ['valley.localhost', 'Valley Courier'],
      ]);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
