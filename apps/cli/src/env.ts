import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** The environment variables the CLI reads, validated once; nothing else in the app reads `process.env`. */
const envSchema = z.object({
  /** `postgres://…` to use a PostgreSQL server instead of the embedded database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//i, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Directory of the embedded database (default `.parallax/db`). */
  PARALLAX_DB_DIR: z.string().min(1).optional(),
  /** Port of the web app (default 3000). */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Where the shared corpus lives (default `../shared` next to the repository). */
  PARALLAX_SHARED: z.string().min(1).optional(),
  /** Let the crawler fetch private and loopback addresses (demos and tests; never on a public server). */
  PARALLAX_ALLOW_PRIVATE_NETWORKS: flag,
  /** Memory for rendered story and home pages kept by the web server, in MB of gzip (default 64; 0 turns it off). */
  PARALLAX_PAGE_CACHE_MB: z.coerce.number().min(0).default(64),
  /** The web app `parallax start` serves (default: apps/web next to this CLI in the repository). */
  PARALLAX_WEB_DIR: z.string().min(1).optional(),
  /** Admin token the web app's feed admin requires; passed through to it. */
  PARALLAX_ADMIN_TOKEN: z.string().optional(),
  NO_COLOR: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Validates `source`; a bad value is reported as one line naming the variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue?.path.join('.') ?? 'environment';
  throw new EnvError(`environment variable ${name}: ${issue?.message ?? 'invalid'}`);
}

/** The process environment: the one place the CLI touches `process.env`. */
export function processEnv(): NodeJS.ProcessEnv {
  return process.env;
}

/** A bad environment variable; main prints it on one line and exits 2. */
export class EnvError extends Error {
  override name = 'EnvError';
}
