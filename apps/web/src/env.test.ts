import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { findRepoRoot, readEnv } from './env.ts';

describe('readEnv', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'parallax-env-'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'root', workspaces: ['apps/*'] }));
  const app = path.join(root, 'apps', 'web');
  mkdirSync(app, { recursive: true });
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'web' }));

  it('resolves the default database directory from the repository root, not the app directory', () => {
    expect(findRepoRoot(app)).toBe(root);
    expect(readEnv({}, app)).toEqual({
      databaseUrl: undefined,
      dbDir: path.join(root, '.parallax/db'),
      adminToken: undefined,
      allowPrivateNetworks: false,
      publicUrl: undefined,
    });
    expect(readEnv({ PARALLAX_DB_DIR: 'data/db', PARALLAX_ADMIN_TOKEN: 's3cret' }, app)).toMatchObject({ dbDir: path.join(root, 'data/db'), adminToken: 's3cret' });
  });

  it('reads PARALLAX_ALLOW_PRIVATE_NETWORKS as a flag, like the CLI', () => {
    expect(readEnv({ PARALLAX_ALLOW_PRIVATE_NETWORKS: '1' }, app).allowPrivateNetworks).toBe(true);
    expect(readEnv({ PARALLAX_ALLOW_PRIVATE_NETWORKS: 'no' }, app).allowPrivateNetworks).toBe(false);
    expect(() => readEnv({ PARALLAX_ALLOW_PRIVATE_NETWORKS: 'maybe' }, app)).toThrow(/PARALLAX_ALLOW_PRIVATE_NETWORKS/);
  });

  it('takes PARALLAX_PUBLIC_URL only as an http(s) URL', () => {
    expect(readEnv({ PARALLAX_PUBLIC_URL: 'https://news.example' }, app).publicUrl).toBe('https://news.example');
    expect(() => readEnv({ PARALLAX_PUBLIC_URL: 'javascript:alert(1)' }, app)).toThrow(/PARALLAX_PUBLIC_URL/);
  });

  it('rejects a DATABASE_URL that is not PostgreSQL with a readable message', () => {
    expect(() => readEnv({ DATABASE_URL: 'mysql://x' }, app)).toThrow(/DATABASE_URL: DATABASE_URL must be a postgres/);
  });
});
