import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { AdminForms, FeedActions, UnlockForm } from '../../../components/admin-forms.tsx';
import { FeedTable } from '../../../components/feed-table.tsx';
import { plural } from '../../../lib/format.ts';
import { ADMIN_COOKIE, getAdminApi, getApi } from '../../../server/api.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sources', robots: { index: false } };

/** Sources: every outlet feed Parallax reads and its status (public); add / import / export / pause behind the admin token. */
export default async function FeedsAdminPage() {
  const token = (await cookies()).get(ADMIN_COOKIE)?.value;
  const api = await getApi();
  const [health, feeds] = await Promise.all([api.health.check(), api.feeds.list()]);
  // The cookie may hold a token the server no longer accepts (restarted with another one).
  const isUnlocked =
    health.isAdminEnabled &&
    token !== undefined &&
    (await (await getAdminApi(token)).feeds.exportOpml().then(
      () => true,
      () => false,
    ));
  const failing = feeds.filter((f) => f.health === 'failing').length;
  const paused = feeds.filter((f) => f.health === 'paused').length;
  return (
    <>
      <h1>Sources</h1>
      <p className="lead">
        The outlets’ feeds Parallax reads: {plural(feeds.length, 'feed')} · {failing} failing · {paused} paused · {health.counts.feedsDue} due now.
        To follow Parallax itself in a feed reader, see <a href="/feeds">Subscribe</a>.
      </p>
      {!health.isAdminEnabled ? (
        <p className="small muted">
          Adding, importing, exporting or pausing feeds is for the server’s administrator (start it with <code>PARALLAX_ADMIN_TOKEN</code> set).
        </p>
      ) : isUnlocked ? (
        <AdminForms />
      ) : (
        <UnlockForm />
      )}
      <h2>Status of every feed</h2>
      <FeedTable
        feeds={feeds}
        now={health.now}
        showOutlet
        renderActions={isUnlocked ? (feed) => <FeedActions id={feed.id} isEnabled={feed.enabled} /> : undefined}
      />
    </>
  );
}
