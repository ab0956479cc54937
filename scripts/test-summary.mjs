// Adds up the vitest JSON reports every workspace wrote during `npm test` and prints one closing
// line, so CI (and people) see the total across packages rather than the last package's count.
import { readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const workspaces = ['packages', 'apps']
  .flatMap((dir) => readdirSync(path.join(root, dir)).map((name) => path.join(root, dir, name)))
  .concat(path.join(root, 'tests'));
const reports = workspaces.map((dir) => path.join(dir, '.vitest-results', 'results.json'));

if (process.argv.includes('--clean')) {
  for (const report of reports) rmSync(report, { force: true });
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const report of reports) {
  if (!existsSync(report)) continue;
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests ?? 0;
  failed += result.numFailedTests ?? 0;
  skipped += (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
  console.log(`  ${path.relative(root, path.dirname(path.dirname(report)))}: ${result.numPassedTests} passed`);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
