'use server';

import { cookies, headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { forgetSharedValues } from '@parallax/api';
import { ADMIN_COOKIE, errorMessage, getAdminApi } from '../../../server/api.ts';
import { takeUnlockAttempt } from '../../../server/rate-limit.ts';

/** What a form shows after its action ran. */
export type ActionResult = { ok: boolean; message: string } | null;

/** After a feed change the admin page re-renders, and the shared counts and outlet names are read afresh. */
function feedsChanged(): void {
  forgetSharedValues();
  revalidatePath('/admin/feeds');
}

async function currentToken(): Promise<string | undefined> {
  return (await cookies()).get(ADMIN_COOKIE)?.value;
}

async function isHttps(): Promise<boolean> {
  return (await headers()).get('x-forwarded-proto') === 'https';
}

function text(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === 'string' ? value.trim() : '';
}

/** Checks the token against the server's and keeps it in an httpOnly cookie for the session. */
export async function unlockAdmin(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  const token = text(form, 'token');
  if (!token) return { ok: false, message: 'Enter the admin token.' };
  const attempt = takeUnlockAttempt(await headers());
  if (!attempt.ok) return { ok: false, message: `Too many attempts: retry in ${attempt.retryAfterSeconds} s.` };
  try {
    // A cheap admin query proves the token before it is stored.
    await (await getAdminApi(token)).feeds.exportOpml();
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
  (await cookies()).set(ADMIN_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: await isHttps(), path: '/' });
  revalidatePath('/admin/feeds');
  return { ok: true, message: 'Unlocked.' };
}

/** Forgets the admin token. */
export async function lockAdmin(): Promise<void> {
  (await cookies()).delete(ADMIN_COOKIE);
  revalidatePath('/admin/feeds');
}

/** Adds a feed by URL. */
export async function addFeedAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  const url = text(form, 'url');
  const outletName = text(form, 'outletName');
  try {
    const api = await getAdminApi(await currentToken());
    const result = await api.feeds.add({ url, outletName: outletName || undefined });
    feedsChanged();
    const others = result.otherCandidates.length > 0 ? ` The site also offers: ${result.otherCandidates.map((c) => c.url).join(', ')}.` : '';
    return { ok: true, message: `${result.isNew ? 'Added' : 'Already there'}: ${result.feed.url} (${result.feed.outletName ?? 'outlet'}).${others}` };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

/** Imports an OPML subscription list, from a file or pasted text. */
export async function importOpmlAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  const file = form.get('file');
  let opml = text(form, 'opml');
  if (file instanceof File && file.size > 0) {
    if (file.size > 5_000_000) return { ok: false, message: 'The OPML file is larger than 5 MB.' };
    opml = await file.text();
  }
  if (!opml) return { ok: false, message: 'Choose an OPML file or paste its content.' };
  try {
    const api = await getAdminApi(await currentToken());
    const result = await api.feeds.importOpml({ opml });
    feedsChanged();
    const skipped = result.skipped.length > 0 ? ` Skipped ${result.skipped.length}: ${result.skipped.map((s) => `${s.url} (${s.reason})`).join('; ')}.` : '';
    return { ok: true, message: `Imported: ${result.added} added, ${result.existing} already there.${skipped}` };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

/** Applies an outlets file (CSV or JSON: lean, owner, country and where each comes from), from a file or pasted text. */
export async function importOutletsAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  const file = form.get('file');
  let body = text(form, 'outlets');
  let fileName = 'pasted text';
  if (file instanceof File && file.size > 0) {
    if (file.size > 5_000_000) return { ok: false, message: 'The outlets file is larger than 5 MB.' };
    body = await file.text();
    fileName = file.name || 'outlets file';
  }
  if (!body) return { ok: false, message: 'Choose an outlets file (CSV or JSON) or paste its content.' };
  try {
    const api = await getAdminApi(await currentToken());
    const result = await api.outlets.importProfiles({ text: body, fileName });
    feedsChanged();
    const missing = result.missing.length > 0 ? ` Not found (give a domain and a name to create): ${result.missing.join(', ')}.` : '';
    return { ok: result.missing.length === 0, message: `Outlet profiles: ${result.updated} updated, ${result.created} created.${missing}` };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

/** Pauses, resumes or removes one feed (`op` field). */
export async function feedOpAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  const id = Number(text(form, 'id'));
  const op = text(form, 'op');
  try {
    const api = await getAdminApi(await currentToken());
    if (op === 'pause') await api.feeds.pause({ id, reason: 'paused by an admin' });
    else if (op === 'resume') await api.feeds.resume({ id });
    else if (op === 'remove') await api.feeds.remove({ id });
    else return { ok: false, message: `Unknown operation ${op}` };
    feedsChanged();
    return { ok: true, message: 'Done.' };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}
