import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// The only module of the web app that reads process.env: everything else takes `env` from here.
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//i, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  PARALLAX_DB_DIR: z.string().min(1).optional(),
  PARALLAX_ADMIN_TOKEN: z.string().min(1).optional(),
  PARALLAX_PUBLIC_URL: z.string().regex(/^https?:\/\/[^/\s]+/i, 'PARALLAX_PUBLIC_URL must be an http:// or https:// URL').optional(),
  /** Let feed discovery fetch private and loopback addresses, as the CLI's variable of the same name does. */
  PARALLAX_ALLOW_PRIVATE_NETWORKS: z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
    .optional()
    .transform((v) => v === '1' || v === 'true' || v === 'yes'),
});

export type WebEnv = {
  databaseUrl: string | undefined;
  /** Absolute directory of the embedded database (used when no DATABASE_URL is set). */
  dbDir: string;
  adminToken: string | undefined;
  /** Feed discovery may fetch private and loopback addresses (local demos and tests only). */
  allowPrivateNetworks: boolean;
  /** The URL readers reach the app at (behind a proxy); published feeds link there. */
  publicUrl: string | undefined;
};

/** The repository root: the nearest ancestor whose package.json declares workspaces (as the CLI does). */
export function findRepoRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
        if (typeof parsed === 'object' && parsed !== null && 'workspaces' in parsed) return dir;
      } catch {
        // An unreadable manifest is not the root; keep walking up.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}

/** Validates the web app's environment variables; throws one readable message when one is malformed. */
export function readEnv(source: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): WebEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`web: invalid environment: ${issues}`);
  }
  const root = findRepoRoot(cwd);
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    dbDir: path.resolve(root, parsed.data.PARALLAX_DB_DIR ?? '.parallax/db'),
    adminToken: parsed.data.PARALLAX_ADMIN_TOKEN,
    allowPrivateNetworks: parsed.data.PARALLAX_ALLOW_PRIVATE_NETWORKS,
    publicUrl: parsed.data.PARALLAX_PUBLIC_URL,
  };
}

let cached: WebEnv | undefined;

/** The process's validated environment, read once. */
export function getEnv(): WebEnv {
  cached ??= readEnv();
  return cached;
}
