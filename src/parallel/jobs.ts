/**
 * How many threads a call uses: its own `nJobs`, else the library-wide default set by
 * `setNJobs` (joblib's `parallel_config` idea, so samplers need no option of their own).
 */
import { isNode } from './environment.js';

let defaultJobs = 1;

type NodeOs = typeof import('node:os');
const nodeOs: NodeOs | null = isNode ? await import(/* @vite-ignore */ /* webpackIgnore: true */ ['node', 'os'].join(':')) : null;

/** Logical processors of this machine (at least 1). */
export function cpuCount(): number {
  if (nodeOs) return Math.max(1, typeof nodeOs.availableParallelism === 'function' ? nodeOs.availableParallelism() : nodeOs.cpus().length);
  return Math.max(1, (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1);
}

/**
 * Threads for an `nJobs` value as scikit-learn reads it: `null`/omitted → the default
 * (`setNJobs`, initially 1), `-1` → one per processor, `-2` → all but one, n ≥ 1 → n.
 * @throws TypeError / RangeError for anything else (0, fractions, < -cpus).
 */
export function resolveJobs(nJobs?: number | null, owner = 'nJobs'): number {
  const n = nJobs === undefined || nJobs === null ? defaultJobs : nJobs;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new TypeError(`The 'nJobs' parameter of ${owner} must be an integer (>= 1, or -1 for all processors). Got ${String(n)}.`);
  }
  if (n === 0) throw new RangeError(`The 'nJobs' parameter of ${owner} must be an integer (>= 1, or -1 for all processors). Got 0.`);
  if (n > 0) return n;
  return Math.max(1, cpuCount() + 1 + n);
}

/**
 * Sets the number of threads of every neighbour search that has no `nJobs` of its own (all
 * samplers: SMOTE, TomekLinks, EditedNearestNeighbours, SMOTEENN, ...). `-1` uses every
 * processor; `1` (the initial value) keeps everything on the calling thread.
 * @example
 * setNJobs(2);
 * new SMOTEENN({ randomState: 1 }).fitResample(X, y); // its neighbour queries run on 2 threads
 * setNJobs(1);
 */
export function setNJobs(nJobs: number): void {
  resolveJobs(nJobs, 'setNJobs');
  defaultJobs = nJobs;
}

/** The default set by `setNJobs`. */
export function getNJobs(): number {
  return defaultJobs;
}
