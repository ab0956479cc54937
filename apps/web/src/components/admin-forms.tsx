'use client';

import { useActionState } from 'react';
import type { ActionResult } from '../app/admin/feeds/actions.ts';
import { addFeedAction, feedOpAction, importOpmlAction, importOutletsAction, lockAdmin, unlockAdmin } from '../app/admin/feeds/actions.ts';

function Result({ state }: { state: ActionResult }) {
  if (state === null) return <p role="status" className="small" />;
  return (
    <p role={state.ok ? 'status' : 'alert'} className={`small ${state.ok ? 'health-ok' : 'health-bad'}`}>
      {state.message}
    </p>
  );
}

/** Token form: the token goes to the server once and lives in an httpOnly cookie, never in page script. */
export function UnlockForm() {
  const [state, action, isPending] = useActionState(unlockAdmin, null);
  return (
    <form action={action} className="form-row" aria-label="Unlock administration">
      <label>
        Admin token
        <input type="password" name="token" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={isPending}>
        Unlock
      </button>
      <Result state={state} />
    </form>
  );
}

/** Add, import and export forms, shown once unlocked. */
export function AdminForms() {
  const [addState, addAction, isAdding] = useActionState(addFeedAction, null);
  const [importState, importAction, isImporting] = useActionState(importOpmlAction, null);
  const [outletsState, outletsAction, isImportingOutlets] = useActionState(importOutletsAction, null);
  return (
    <div className="grid-2">
      <section aria-labelledby="add-feed">
        <h2 id="add-feed">Add a feed</h2>
        <form action={addAction}>
          <div className="form-row">
            <label>
              Feed or site URL
              <input type="url" name="url" required placeholder="https://example.com/feed.xml" />
            </label>
            <label>
              Outlet name (optional)
              <input type="text" name="outletName" maxLength={200} />
            </label>
            <button type="submit" disabled={isAdding}>
              Add feed
            </button>
          </div>
          <Result state={addState} />
        </form>
      </section>
      <section aria-labelledby="import-feeds">
        <h2 id="import-feeds">Import and export</h2>
        <form action={importAction}>
          <div className="form-row">
            <label>
              OPML file
              <input type="file" name="file" accept=".opml,.xml,text/xml,text/x-opml,application/xml" />
            </label>
            <button type="submit" disabled={isImporting}>
              Import
            </button>
          </div>
          <details>
            <summary className="small">or paste OPML</summary>
            <label className="small">
              OPML text
              <textarea name="opml" />
            </label>
          </details>
          <Result state={importState} />
        </form>
        <p>
          <a className="button" href="/admin/feeds/export" download>
            Export all feeds (OPML)
          </a>
        </p>
        <h3 id="outlet-profiles">Outlet profiles</h3>
        <p className="small muted">
          Lean, owner and country, each with where it comes from, as CSV or JSON with the columns domain, name, country, lean (left,
          centre-left, centre, centre-right, right, or empty: unrated), lean_source, owner, owner_source, notes. OPML outlines may carry
          the same as attributes. Parallax never rates an outlet itself.
        </p>
        <form action={outletsAction} aria-labelledby="outlet-profiles">
          <div className="form-row">
            <label>
              Outlets file
              <input type="file" name="file" accept=".csv,.json,text/csv,application/json" />
            </label>
            <button type="submit" disabled={isImportingOutlets}>
              Import profiles
            </button>
          </div>
          <details>
            <summary className="small">or paste CSV / JSON</summary>
            <label className="small">
              Outlets file text
              <textarea name="outlets" />
            </label>
          </details>
          <Result state={outletsState} />
        </form>
        <p>
          <a className="button" href="/admin/outlets/export?format=csv" download>
            Export profiles (CSV)
          </a>{' '}
          <a className="button" href="/admin/outlets/export?format=json" download>
            Export profiles (JSON)
          </a>
        </p>
        <form action={lockAdmin}>
          <button type="submit" className="secondary">
            Lock administration
          </button>
        </form>
      </section>
    </div>
  );
}

/** Pause / resume / remove buttons of one feed row. */
export function FeedActions({ id, isEnabled }: { id: number; isEnabled: boolean }) {
  const [state, action, isPending] = useActionState(feedOpAction, null);
  return (
    <form action={action} className="small" style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" name="op" value={isEnabled ? 'pause' : 'resume'} className="secondary" disabled={isPending}>
        {isEnabled ? 'Pause' : 'Resume'}
      </button>
      <button type="submit" name="op" value="remove" className="secondary" disabled={isPending}>
        Remove
      </button>
      {state && !state.ok ? <span role="alert" className="health-bad">{state.message}</span> : null}
    </form>
  );
}
