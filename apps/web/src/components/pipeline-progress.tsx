'use client';

import { useQuery } from '@tanstack/react-query';
import { formatAgo, formatDateTime, isoOf, plural } from '../lib/format.ts';
import { useTRPC } from './trpc-provider.tsx';

/** How often an open home page asks for fresh counts (the server shares them for 10 s). */
const PROGRESS_POLL_MS = 10_000;

/**
 * The pipeline's progress (articles, stories, feeds, last crawl), kept current while the page is
 * open. It starts from the server's `health.check` (hydrated), so it renders at once and without
 * JavaScript, then polls the API.
 */
export function PipelineProgress() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.health.check.queryOptions(undefined, { refetchInterval: PROGRESS_POLL_MS }));
  if (!data) return null;
  const { counts, now } = data;
  return (
    <p className="status-bar" aria-label="Pipeline progress">
      <span>{plural(counts.articles, 'article')} stored</span>
      <span>
        {plural(counts.stories, 'story', 'stories')} ({counts.storiesAnalysed.toLocaleString('en-US')} analysed)
      </span>
      <span>
        {plural(counts.feeds, 'feed')}
        {counts.feedsFailing > 0 ? `, ${counts.feedsFailing.toLocaleString('en-US')} failing` : ''}
      </span>
      <span>
        last crawl:{' '}
        <time dateTime={isoOf(counts.lastFetchAt)} title={formatDateTime(counts.lastFetchAt)}>
          {formatAgo(counts.lastFetchAt, now)}
        </time>
      </span>
      {counts.unclustered > 0 ? <span>{plural(counts.unclustered, 'article')} waiting to be grouped</span> : null}
    </p>
  );
}
