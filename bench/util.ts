import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Bench } from 'tinybench';

/** Options every suite receives from bench/run.ts. */
export interface SuiteOptions {
  quick: boolean;
}

/** Mean time in ms of each task of a finished tinybench run. */
export function meanMs(bench: Bench): Map<string, number> {
  const out = new Map<string, number>();
  for (const task of bench.tasks) {
    const r = task.result as { latency?: { mean?: number } } | undefined;
    if (r?.latency?.mean !== undefined) out.set(task.name, r.latency.mean);
  }
  return out;
}

/**
 * Times each task on its own, a tinybench Bench per task, so that its warm-up runs come right
 * before its timed runs: one Bench of many tasks warms them all up first and times each only
 * after the others ran (samplersOver then gave KMeansSMOTE at 50,000 × 20 0.57–0.63 of
 * imbalanced-learn's time; timed each on its own, 0.29–0.50). Returns each task's best time in
 * ms (`minMs`).
 */
export async function bestOfEach(
  tasks: [name: string, fn: () => unknown][], options: { iterations: number; warmupIterations: number; warmupTime: number },
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const [name, fn] of tasks) {
    const bench = new Bench({ ...options, time: 0 });
    bench.add(name, fn);
    await bench.run();
    const best = minMs(bench).get(name);
    if (best !== undefined) out.set(name, best);
  }
  return out;
}

/** Best time in ms of each task of a finished tinybench run (the mean where no minimum is kept). */
export function minMs(bench: Bench): Map<string, number> {
  const out = new Map<string, number>();
  for (const task of bench.tasks) {
    const r = task.result as { latency?: { min?: number; mean?: number } } | undefined;
    const v = r?.latency?.min || r?.latency?.mean;
    if (v !== undefined) out.set(task.name, v);
  }
  return out;
}

/** The Python that has scikit-learn 1.2.1 / imbalanced-learn 0.10 (Debian's python3-imblearn). */
export const referencePython = '/usr/bin/python3';

/**
 * Runs a Python snippet with Debian's scikit-learn / imbalanced-learn and returns what it
 * prints as JSON, or null (with a notice) when that Python or the packages are absent.
 */
export function runPython<T>(code: string): T | null {
  if (!existsSync(referencePython)) {
    console.log('(skipping the imbalanced-learn side: /usr/bin/python3 not found; apt-get install -y python3-imblearn)');
    return null;
  }
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync(referencePython, ['-c', code], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
  if (r.status !== 0) {
    console.log(`(skipping the imbalanced-learn side: ${r.stderr.trim().split('\n').pop()})`);
    return null;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
}

/** Best-of-`repeat` wall time in ms of `fn`. */
export function timeMs(fn: () => unknown, repeat = 3): number {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Warm-up of `warmUp`: at least this many runs and this many milliseconds (at most 50 runs). */
export const WARM_UP = { runs: 5, ms: 1000 } as const;

/**
 * Runs `fn` until it has run at least `WARM_UP.runs` times and for at least `WARM_UP.ms` (at
 * most 50 times): V8 compiles WebAssembly and JavaScript in tiers, in the background, and a long
 * first call stays in the baseline tier to its end, so the first runs measure the compilers, not
 * the steady state that a long-running process (or Python's precompiled code) sees. On this
 * 2-core machine, with both cores busy, InstanceHardnessThreshold took up to 20 runs to settle.
 */
export function warmUp(fn: () => unknown): void {
  const start = performance.now();
  for (let i = 0; i < 50 && (i < WARM_UP.runs || performance.now() - start < WARM_UP.ms); i++) fn();
}

/** Prints a comparison row: ours, theirs and the ratio (ours / theirs; below 1 is faster). */
export function printRatio(name: string, oursMs: number, theirsMs: number | null): void {
  const ratio = theirsMs ? (oursMs / theirsMs).toFixed(3) : 'n/a';
  console.log(`${name.padEnd(44)} ours ${oursMs.toFixed(1).padStart(9)} ms   imblearn/sklearn ${theirsMs === null ? '      n/a' : theirsMs.toFixed(1).padStart(9)} ms   ratio ${ratio}`);
}
