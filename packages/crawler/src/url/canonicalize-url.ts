// Tracking parameters that never change what a page shows (Miniflux's list, plus common ad-click ids).
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', 'yclid', 'igshid', 'twclid',
  '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'rb_clickid', 's_cid', 'vero_conv', 'vero_id',
  'wickedid', 'ref_src', 'cmpid', 'ocid', 'ito', 'ncid', 'sr_share', 'cid_source', 'at_medium', 'at_campaign',
  'taid', 'fb_action_ids', 'fb_action_types', 'fb_ref', 'fb_source', 'ga_source', 'ga_medium', 'ga_campaign',
  '__twitter_impression', 'guccounter', 'guce_referrer', 'guce_referrer_sig',
]);

/** Normalise an article URL: lower-case host, no fragment, no default port, tracking parameters removed. */
export function canonicalizeUrl(input: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  const keep: [string, string][] = [];
  for (const [k, v] of url.searchParams) {
    const key = k.toLowerCase();
    if (key.startsWith('utm_') || key.startsWith('pk_') || key.startsWith('mtm_') || TRACKING_PARAMS.has(key)) continue;
    keep.push([k, v]);
  }
  url.search = '';
  // Sorted so that the same page reached with parameters in another order is one article.
  keep.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [k, v] of keep) url.searchParams.append(k, v);
  return url.href;
}
