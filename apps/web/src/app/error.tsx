'use client';

/** Shown when a page fails on the server (for example the database is unreachable); offers a retry. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p className="notice error">
        This page could not be loaded{error.digest ? ` (reference ${error.digest})` : ''}. The server log has the details.
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </>
  );
}
