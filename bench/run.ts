/**
 * Runs every benchmark suite in bench/ (files named *.bench.ts), or those named on the command
 * line: `npm run bench -- neighbors samplers`. Each suite's default export is an async function
 * that runs its tinybench tables and prints them; `--quick` asks suites for smaller sizes.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

for (const file of files) {
  console.log(`\n## ${file}\n`);
  const suite = await import(pathToFileURL(join(here, file)).href);
  await suite.default({ quick: process.argv.includes('--quick') });
}
