/**
 * How many threads a call uses: its own `nJobs`, else the library-wide default set by
 * `setNJobs` (joblib's `parallel_config` idea, so samplers need no option of their own), else
 * automatic: every processor under Node for searches big enough to repay the hand-off (as
 * scikit-learn's OpenMP neighbour search uses every core by default), one thread elsewhere.
 */
import { isNode } from './environment.js';

/** null: automatic (see `isAutomaticJobs`). */
let defaultJobs: number | null = null;

type NodeOs = typeof import('node:os');
const nodeOs: NodeOs | null = isNode ? await import(/* @vite-ignore */ /* webpackIgnore: true */ ['node', 'os'].join(':')) : null;

/** Logical processors of this machine (at least 1). */
export function cpuCount(): number {
  if (nodeOs) return Math.max(1, typeof nodeOs.availableParallelism === 'function' ? nodeOs.availableParallelism() : nodeOs.cpus().length);
  return Math.max(1, (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1);
}

/**
 * True when a call's thread count is automatic: no `nJobs` of its own and no `setNJobs`
 * default. Automatic calls use threads only for searches that repay the hand-off.
 */
export function isAutomaticJobs(nJobs?: number | null): boolean {
  return (nJobs === undefined || nJobs === null) && defaultJobs === null;
}

/**
 * Threads for an `nJobs` value as scikit-learn reads it: `null`/omitted → the default
 * (`setNJobs`; when never set, every processor under Node and 1 elsewhere), `-1` → one per
 * processor, `-2` → all but one, n ≥ 1 → n.
 * @throws TypeError / RangeError for anything else (0, fractions, < -cpus).
 */
export function resolveJobs(nJobs?: number | null, owner = 'nJobs'): number {
  if ((nJobs === undefined || nJobs === null) && defaultJobs === null) return isNode ? cpuCount() : 1;
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
 * processor for every search worth splitting; `1` keeps everything on the calling thread;
 * `null` restores the initial automatic choice (under Node, every processor for large searches
 * only; one thread elsewhere). Results never depend on it.
 * @example
 * setNJobs(1);
 * new SMOTEENN({ randomState: 1 }).fitResample(X, y); // all on the calling thread
 * setNJobs(null);
 */
export function setNJobs(nJobs: number | null): void {
  if (nJobs !== null) resolveJobs(nJobs, 'setNJobs');
  defaultJobs = nJobs;
}

/** The default set by `setNJobs` (null: automatic). */
export function getNJobs(): number | null {
  return defaultJobs;
}
