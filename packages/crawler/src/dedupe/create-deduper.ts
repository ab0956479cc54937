/** What identifies an article across feeds. */
export type ArticleKeys = { canonicalUrl: string | null; guid: string | null; contentHash: string | null };

/** Why an article was seen before. */
export type DuplicateCheck = { isDuplicate: false } | { isDuplicate: true; by: 'url' | 'guid' | 'hash'; firstId: string };

/** In-memory dedup index (the pipeline keeps the durable one in the database with the same keys). */
export type Deduper = { check: (id: string, keys: ArticleKeys) => DuplicateCheck; size: () => number };

// Empty-text hashes would make every failed page a duplicate of every other one.
const EMPTY_HASH_PREFIX = 'e3b0c44298fc1c149afbf4c8996fb924';

/** Dedupe by canonical URL, guid and content hash, across feeds. */
export function createDeduper(): Deduper {
  const byUrl = new Map<string, string>();
  const byGuid = new Map<string, string>();
  const byHash = new Map<string, string>();
  let count = 0;
  return {
    check: (id, keys) => {
      const url = keys.canonicalUrl === null ? undefined : byUrl.get(keys.canonicalUrl);
      if (url !== undefined) return { isDuplicate: true, by: 'url', firstId: url };
      const guid = keys.guid === null ? undefined : byGuid.get(keys.guid);
      if (guid !== undefined) return { isDuplicate: true, by: 'guid', firstId: guid };
      const usableHash = keys.contentHash !== null && !keys.contentHash.startsWith(EMPTY_HASH_PREFIX) ? keys.contentHash : null;
      const hash = usableHash === null ? undefined : byHash.get(usableHash);
      if (hash !== undefined) return { isDuplicate: true, by: 'hash', firstId: hash };
      if (keys.canonicalUrl !== null) byUrl.set(keys.canonicalUrl, id);
      if (keys.guid !== null) byGuid.set(keys.guid, id);
      if (usableHash !== null) byHash.set(usableHash, id);
      count += 1;
      return { isDuplicate: false };
    },
    size: () => count,
  };
}
