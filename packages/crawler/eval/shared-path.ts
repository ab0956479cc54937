import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of ../shared (overridable with PARALLAX_SHARED), or null with a message printed when missing. */
export function locateShared(what: string): string | null {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const root = process.env.PARALLAX_SHARED ?? path.resolve(repoRoot, '../shared');
  if (!existsSync(path.join(root, what))) {
    console.log(`skipped: ${path.join(root, what)} not found (set PARALLAX_SHARED to the shared data directory)`);
    return null;
  }
  return root;
}
