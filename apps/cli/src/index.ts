// What the end-to-end tests (tests/) reuse of the CLI, so they read corpora and serve the web app
// exactly as `parallax import` and `parallax start` do. The CLI itself runs from bin/parallax.js.
export { readCorpus } from './corpus.ts';
export { startWebServer } from './web-server.ts';
export type { WebServer } from './web-server.ts';
