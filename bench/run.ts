/**
 * Runs every benchmark suite in bench/ (files named *.bench.ts), or those named on the command
 * line: `npm run bench -- neighbors samplers`. Each suite's default export is an async function
 * that runs its tinybench tables and prints them; `--quick` asks suites for smaller sizes.
 * With several suites, each runs in a Node process of its own: in one process, a suite's timings
 * carried the state earlier suites left (V8's heap and collector, memory), e.g. NearMiss-1 at
 * 50,000 × 20 took 36 ms after three other suites and 20 ms alone.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

if (files.length === 1) {
  console.log(`\n## ${files[0]}\n`);
  const suite = await import(pathToFileURL(join(here, files[0])).href);
  await suite.default({ quick: flags.includes('--quick') });
} else {
  // (process.execArgv carries tsx's loader)
  for (const file of files) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), file, ...flags], { stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  }
}
