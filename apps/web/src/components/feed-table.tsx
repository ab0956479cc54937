import type { ReactNode } from 'react';
import type { FeedStatus } from '@parallax/api';
import { formatAgo, formatDateTime, isoOf } from '../lib/format.ts';

const HEALTH_TEXT: Record<FeedStatus['health'], string> = { new: 'New', ok: 'OK', failing: 'Failing', paused: 'Paused' };
const HEALTH_CLASS: Record<FeedStatus['health'], string> = { new: '', ok: 'health-ok', failing: 'health-bad', paused: 'health-paused' };

/** Feed health table: last and next fetch, errors and why a feed is paused. */
export function FeedTable({
  feeds,
  now,
  showOutlet,
  renderActions,
}: {
  feeds: readonly FeedStatus[];
  now: Date;
  showOutlet: boolean;
  renderActions?: (feed: FeedStatus) => ReactNode;
}) {
  if (feeds.length === 0) return <p className="muted">No feeds.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Feeds (scrolls sideways)">
      <table>
        <caption className="visually-hidden">Feeds and their health</caption>
        <thead>
          <tr>
            <th scope="col">Feed</th>
            {showOutlet ? <th scope="col">Outlet</th> : null}
            <th scope="col">Health</th>
            <th scope="col">Last fetch</th>
            <th scope="col">Next fetch</th>
            <th scope="col">Errors</th>
            {renderActions ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {feeds.map((feed) => (
            <tr key={feed.id}>
              <th scope="row" style={{ fontWeight: 400, wordBreak: 'break-all' }}>
                {feed.title ? (
                  <>
                    {feed.title}
                    <br />
                  </>
                ) : null}
                <span className="small">{feed.url}</span>
              </th>
              {showOutlet ? (
                <td>
                  <a href={`/outlets/${feed.outletId}`}>{feed.outletName ?? feed.outletDomain ?? `#${feed.outletId}`}</a>
                </td>
              ) : null}
              <td>
                <span className={HEALTH_CLASS[feed.health]}>{HEALTH_TEXT[feed.health]}</span>
                {feed.pausedReason ? <div className="small">{feed.pausedReason}</div> : null}
              </td>
              <td>
                <time dateTime={isoOf(feed.lastFetchedAt)} title={formatDateTime(feed.lastFetchedAt)}>
                  {formatAgo(feed.lastFetchedAt, now)}
                </time>
                {feed.lastStatus !== null ? <div className="small muted">HTTP {feed.lastStatus}</div> : null}
              </td>
              <td>
                {feed.nextFetchAt ? (
                  <time dateTime={isoOf(feed.nextFetchAt)} title={formatDateTime(feed.nextFetchAt)}>
                    {formatAgo(feed.nextFetchAt, now)}
                  </time>
                ) : (
                  <span className="muted">not scheduled</span>
                )}
                <div className="small muted">every {Math.round(feed.intervalSeconds / 60)} min</div>
              </td>
              <td>
                {feed.errorCount > 0 ? <span className="health-bad">{feed.errorCount} in a row</span> : '0'}
                {feed.lastError ? <div className="small">{feed.lastError}</div> : null}
              </td>
              {renderActions ? <td>{renderActions(feed)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
