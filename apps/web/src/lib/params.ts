/** A Next.js search-params object after awaiting. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, or undefined. */
export function firstParam(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

/** One of `allowed`, or `fallback` when the parameter is missing or unknown. */
export function pickParam<T extends string>(params: SearchParams, key: string, allowed: readonly T[], fallback: T): T {
  const value = firstParam(params, key);
  return allowed.find((a) => a === value) ?? fallback;
}

/** A positive integer parameter, or null. */
export function intParam(params: SearchParams, key: string): number | null {
  const value = firstParam(params, key);
  if (value === undefined || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

/** Builds `path?k=v…` from the non-empty entries, for filter and pagination links. */
export function hrefWith(path: string, entries: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * A path segment as the page's id, or null when it is not valid percent-encoding (`%ff`, `%C0%AF`):
 * such an id cannot exist, so the page answers 404 instead of failing on a URIError.
 */
export function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
