import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FEED_MAX_BYTES } from '@parallax/crawler';
import type { HttpClient } from '@parallax/crawler';
import { parseHttpUrl, readSubscriptionList } from '@parallax/pipeline';
import type { Subscription } from '@parallax/pipeline';
import { UsageError } from './command.ts';

function readListOrThrow(xml: string, source: string): Subscription[] {
  const list = readSubscriptionList(xml);
  if (!list.ok) throw new UsageError(`${source}: not a valid OPML file (${list.reason})`);
  // The shell refuses a list with a bad outline whole, so nothing is half-imported.
  const [bad] = list.skipped;
  if (bad) throw new UsageError(`${source}: outline ${bad.url}: ${bad.reason}`);
  return list.feeds;
}

/** Reads feeds from OPML files (relative to `cwd`), OPML URLs (`…opml`) or plain feed URLs. */
export async function resolveFeedSources(sources: string[], http: HttpClient, cwd: string): Promise<Subscription[]> {
  const out: Subscription[] = [];
  for (const source of sources) {
    if (/^https?:\/\//i.test(source)) {
      if (/\.opml($|\?)/i.test(source)) {
        const result = await http.get({ url: source, maxBytes: FEED_MAX_BYTES });
        if (!result.ok) throw new UsageError(`${source}: cannot fetch the OPML file (${result.reason})`);
        out.push(...readListOrThrow(result.body.toString('utf8'), source));
      } else {
        if (parseHttpUrl(source) === null) throw new UsageError(`feed ${source}: not a valid URL`);
        out.push({ xmlUrl: source, htmlUrl: null, title: null });
      }
      continue;
    }
    const file = path.resolve(cwd, source);
    if (!existsSync(file)) throw new UsageError(`${source}: no such file (expected an OPML file or a feed URL)`);
    out.push(...readListOrThrow(readFileSync(file, 'utf8'), source));
  }
  return out;
}
