import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages are TypeScript source (no build step); Next compiles them with the app.
  transpilePackages: ['@parallax/api', '@parallax/core', '@parallax/db', '@parallax/crawler', '@parallax/pipeline'],
  // PGlite's WASM and data files and pg's native bits must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'pg'],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
