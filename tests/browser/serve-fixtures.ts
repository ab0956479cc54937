// Serves the production build on the browser-test fixtures, for looking at the pages by hand:
// `npx tsx browser/serve-fixtures.ts [port]` from tests/, then open the printed URL.
import { createDb } from '@parallax/db';
import { ensureWebBuild, startWebServer } from './harness.ts';
import { seedFixtures } from './fixtures/seed.ts';

ensureWebBuild();
process.env.PARALLAX_ADMIN_TOKEN ??= 'fixture-token';
const db = await createDb({ url: 'memory://' });
await seedFixtures(db.db, new Date());
const server = await startWebServer(db, Number(process.argv[2] ?? 0));
process.stdout.write(`serving fixtures at ${server.url} (admin token: ${process.env.PARALLAX_ADMIN_TOKEN})\n`);
