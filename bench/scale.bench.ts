/**
 * Scale (issue 7): (1) the neighbour query of TomekLinks / EditedNearestNeighbours / SMOTE at
 * 1,000,000 rows on 1 and 2 threads (the speedup of `nJobs: 2`), and (2) SMOTE, TomekLinks,
 * EditedNearestNeighbours and SMOTEENN on 10,000,000 x 2 course-style rows
 * (makeClassification, weights [0.99]): time, peak RSS and WebAssembly memory, each sampler in
 * its own process so peaks do not mix. `--quick`: 1,000,000 rows for part 2.
 * Run: npx tsx bench/run.ts scale [--quick]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  EditedNearestNeighbours, SMOTE, SMOTEENN, TomekLinks, makeClassification, memoryStats,
} from '../src/index.js';
import type { Matrix } from '../src/index.js';
import { readF64, readI32, withArena } from '../src/core/memory.js';
import { searchNeighborsInArena } from '../src/neighbors/search.js';
import { closePool, poolMemoryBytes } from '../src/parallel/pool.js';
import { cpuCount, setNJobs } from '../src/parallel/jobs.js';
import { loadavg } from 'node:os';
import { searchNeighborsInArenaParallel } from '../src/parallel/search.js';
import { timeMs, type SuiteOptions } from './util.js';

/** The samplers of part 2. */
const SAMPLERS = {
  SMOTE: () => new SMOTE({ randomState: 1 }),
  TomekLinks: () => new TomekLinks(),
  EditedNearestNeighbours: () => new EditedNearestNeighbours(),
  SMOTEENN: () => new SMOTEENN({ randomState: 1 }),
} as const;
type SamplerName = keyof typeof SAMPLERS;

/** The course's data shape. */
export function courseData(nSamples: number, nFeatures = 2): { X: Matrix; y: Int32Array } {
  return makeClassification({ nSamples, nFeatures, nRedundant: 0, nInformative: Math.min(2, nFeatures), nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1 });
}

/** One search of the shape a sampler runs, on `jobs` threads; returns the indices (to compare). */
/** One search of the shape a sampler runs, on `jobs` threads; returns the indices (to compare). */
function query(X: Matrix, y: Int32Array, k: number, excludeSelf: boolean, majorityMask: boolean, jobs: number): Int32Array {
  return withArena((arena) => {
    const fit = arena.f64From(X.data);
    const mask = majorityMask ? arena.u8From(y.map((v) => (v === 0 ? 1 : 0))) : 0;
    const idx = arena.i32(X.rows * k);
    const dist = arena.f64(X.rows * k);
    if (jobs > 1) searchNeighborsInArenaParallel(arena, fit, X.rows, X.cols, 0, X.rows, k, excludeSelf, idx, dist, 'auto', mask, jobs);
    else searchNeighborsInArena(arena, fit, X.rows, X.cols, 0, X.rows, k, excludeSelf, idx, dist, 'auto', mask, 1);
    const all = readI32(idx, X.rows * k);
    // rows outside a mask have unspecified output: compare the selected rows only
    return majorityMask ? all.filter((_, i) => y[Math.floor(i / k)] === 0) : all;
  });
}

/** CPU ms of each thread of this process (Linux /proc; empty elsewhere). */
function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync('/proc/self/task')) return out;
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(tid, (Number(fields[11]) + Number(fields[12])) * 10); // utime + stime, 100 ticks/s
  }
  return out;
}

/**
 * CPU time of the busiest thread during `fn` (the critical path when each thread has a core of
 * its own): on a loaded machine wall time mostly measures the other processes, this does not.
 */
function busiestThreadCpuMs(fn: () => unknown): number {
  const before = threadCpuMs();
  fn();
  let most = 0;
  for (const [tid, ms] of threadCpuMs()) most = Math.max(most, ms - (before.get(tid) ?? 0));
  return most;
}

export function querySpeedup(nRows: number): void {
  const { X, y } = courseData(nRows);
  console.log(`kNN query on ${nRows.toLocaleString('en')} x 2 rows (KD-tree build + query; wall: best of 3; ${cpuCount()} processors, load average ${loadavg()[0].toFixed(1)}):`);
  const shapes = [
    { name: 'TomekLinks (k=2, each row with itself)', k: 2, excludeSelf: false, mask: false },
    { name: 'EditedNearestNeighbours (k=4, majority rows)', k: 4, excludeSelf: false, mask: true },
    { name: 'SMOTE (k=6, itself left out)', k: 6, excludeSelf: true, mask: false },
  ];
  for (const s of shapes) {
    const run = (jobs: number) => query(X, y, s.k, s.excludeSelf, s.mask, jobs);
    const one = run(1);
    const two = run(2);
    const same = one.length === two.length && one.every((v, i) => v === two[i]);
    const t1 = timeMs(() => run(1), 3);
    const t2 = timeMs(() => run(2), 3);
    const c1 = busiestThreadCpuMs(() => run(1));
    const c2 = busiestThreadCpuMs(() => run(2));
    const cpu = c2 > 0 ? `   busiest-thread CPU ${c1}/${c2} ms = ${(c1 / c2).toFixed(2)}x` : '';
    console.log(`  ${s.name.padEnd(46)} wall: 1 job ${t1.toFixed(0).padStart(6)} ms, 2 jobs ${t2.toFixed(0).padStart(6)} ms = ${(t1 / t2).toFixed(2)}x${cpu}   identical: ${same}`);
  }
  closePool();
}

/** Child process: one sampler on `rows` rows, prints one JSON line. */
function child(name: SamplerName, rows: number, jobs: number): void {
  const t0 = performance.now();
  const { X, y } = courseData(rows);
  const genMs = performance.now() - t0;
  setNJobs(jobs);
  const t = performance.now();
  const out = SAMPLERS[name]().fitResample(X, y);
  const ms = performance.now() - t;
  console.log(JSON.stringify({
    name, rows, jobs, ms, genMs, outRows: out.X.rows,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    wasmMB: memoryStats().memoryBytes / 2 ** 20,
    poolMB: poolMemoryBytes() / 2 ** 20,
  }));
  closePool();
}

function runChild(name: SamplerName, rows: number, jobs: number): Record<string, number | string> | null {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', name, String(rows), String(jobs)], {
    encoding: 'utf8', maxBuffer: 1 << 24,
  });
  const last = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !last?.startsWith('{')) {
    console.log(`  ${name}: failed (${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')})`);
    return null;
  }
  return JSON.parse(last);
}

/** Runs the scale suite. */
export default async function scale(opts: SuiteOptions): Promise<void> {
  querySpeedup(1_000_000);
  const rows = opts.quick ? 1_000_000 : 10_000_000;
  console.log(`\nSamplers on ${rows.toLocaleString('en')} x 2 rows (makeClassification weights [0.99]); each in its own process:`);
  console.log(`  ${'sampler'.padEnd(24)} ${'jobs'.padStart(4)} ${'time (s)'.padStart(9)} ${'output rows'.padStart(12)} ${'peak RSS (MB)'.padStart(14)} ${'wasm (MB)'.padStart(10)} ${'pool (MB)'.padStart(10)}   input ${(rows * 2 * 8 / 2 ** 20).toFixed(0)} MB of X`);
  for (const name of Object.keys(SAMPLERS) as SamplerName[]) {
    for (const jobs of [1, 2]) {
      const r = runChild(name, rows, jobs);
      if (!r) continue;
      console.log(`  ${name.padEnd(24)} ${String(jobs).padStart(4)} ${(Number(r.ms) / 1000).toFixed(2).padStart(9)} ${String(r.outRows).padStart(12)} ${Number(r.peakRssMB).toFixed(0).padStart(14)} ${Number(r.wasmMB).toFixed(0).padStart(10)} ${Number(r.poolMB).toFixed(0).padStart(10)}`);
    }
  }
}

const argv = process.argv;
if (argv.includes('--child')) {
  const i = argv.indexOf('--child');
  child(argv[i + 1] as SamplerName, Number(argv[i + 2]), Number(argv[i + 3]));
}
