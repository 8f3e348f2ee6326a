/**
 * imbalanced-learn's `EditedNearestNeighbours`: removes the rows of the targeted classes whose
 * neighbourhood disagrees with their class.
 */
import { checkOneOf } from '../../core/errors.js';
import { f64View, readI32, u8View, withArena } from '../../core/memory.js';
import { takeRows } from '../../core/matrix.js';
import type { Matrix } from '../../core/types.js';
import { resolveAlgorithm, searchNeighborsInArena } from '../../neighbors/search.js';
import type { NearestNeighbors } from '../../neighbors/NearestNeighbors.js';
import { BaseCleaningSampler, checkNeighborsOption, type ResampleContext, type ResampleOutput } from '../base.js';
import { checkCleaningSamplingStrategy } from './tomekLinks.js';

/** Options of `EditedNearestNeighbours`. */
export interface EditedNearestNeighboursOptions {
  /**
   * Classes to clean: `'auto'` (default, = `'not minority'`), `'majority'`, `'not minority'`,
   * `'not majority'`, `'all'`, a list of labels, or a function of `y`.
   */
  samplingStrategy?: unknown;
  /**
   * Size of the neighbourhood (default 3): a number of neighbours, or a `NearestNeighbors` whose
   * `nNeighbors` counts the queried row itself (so `new NearestNeighbors({ nNeighbors: 4 })`
   * equals `3`), as in imbalanced-learn.
   */
  nNeighbors?: number | NearestNeighbors;
  /** `'all'` (default): keep a row when all its neighbours share its class; `'mode'`: when the most common neighbour class is its class (ties → smallest label). */
  kindSel?: 'all' | 'mode';
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

/**
 * Whether the neighbours in `neighbors[start + 1 .. start + k - 1]` (column 0, the row itself,
 * is dropped as imbalanced-learn drops it) agree with class `target`: all of them (`'all'`), or
 * their most common class, ties to the smallest class code (`'mode'`, as `scipy.stats.mode`).
 * `votes` is scratch of nClasses counters.
 */
function rowAgrees(
  neighbors: Int32Array, start: number, k: number, codes: Int32Array, target: number, votes: Int32Array, kindSel: 'all' | 'mode',
): boolean {
  if (kindSel === 'all') {
    for (let c = 1; c < k; c++) if (codes[neighbors[start + c]] !== target) return false;
    return true;
  }
  if (k <= 1) return true;
  votes.fill(0);
  for (let c = 1; c < k; c++) votes[codes[neighbors[start + c]]]++;
  let mode = 0;
  for (let c = 1; c < votes.length; c++) if (votes[c] > votes[mode]) mode = c;
  return mode === target;
}

/**
 * For each row of a `k`-column neighbour table, whether its neighbours (columns 1..k-1) agree
 * with `target` (see `EditedNearestNeighbours`'s `kindSel`); 1 = keep.
 */
export function neighbourhoodAgrees(
  neighbors: Int32Array, k: number, codes: Int32Array, target: number, nClasses: number, kindSel: 'all' | 'mode',
): Uint8Array {
  const nQuery = k === 0 ? 0 : neighbors.length / k;
  const keep = new Uint8Array(nQuery);
  const votes = new Int32Array(nClasses);
  for (let q = 0; q < nQuery; q++) keep[q] = rowAgrees(neighbors, q * k, k, codes, target, votes, kindSel) ? 1 : 0;
  return keep;
}

/**
 * Under-samples by editing out rows whose nearest neighbours disagree with their class
 * (imbalanced-learn's `EditedNearestNeighbours`). Each row of a targeted class is queried against
 * all rows (itself included, then dropped, as imbalanced-learn does). Output rows are grouped by
 * class in sorted-label order, original order within a class; `sampleIndices` gives their input
 * positions. Ties in distance go to the smaller row index.
 * @example
 * const { X, y } = new EditedNearestNeighbours({ nNeighbors: 3, kindSel: 'mode' }).fitResample(X0, y0);
 */
export class EditedNearestNeighbours extends BaseCleaningSampler<EditedNearestNeighboursOptions> {
  // the output is always a row selection (takeRows): X itself is only read
  protected override readonly readsXOnly = true;
  /** Stores the options (validated by `fitResample`). */
  constructor(options: EditedNearestNeighboursOptions = {}) {
    super(options, ['samplingStrategy', 'nNeighbors', 'kindSel']);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    checkCleaningSamplingStrategy(owner, this.samplingStrategyOption);
    checkNeighborsOption(owner, 'nNeighbors', this.options.nNeighbors ?? 3);
    checkOneOf(owner, 'kindSel', this.options.kindSel ?? 'all', ['all', 'mode']);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const owner = this.samplerName;
    const { nNeighbors: k, algorithm } = checkNeighborsOption(owner, 'nNeighbors', this.options.nNeighbors ?? 3);
    const kindSel = this.options.kindSel ?? 'all';
    const n = X.rows;
    const d = X.cols;
    if (k > n) throw new RangeError(`Expected n_neighbors <= n_samples, but n_samples = ${n}, n_neighbors = ${k}`);
    const targeted = new Uint8Array(ctx.nClasses);
    for (const c of ctx.strategy.keys()) targeted[c] = 1;
    // rows grouped by class (sorted labels), original order within a class: a stable counting sort
    const start = new Int32Array(ctx.nClasses + 1);
    for (let i = 0; i < n; i++) start[codes[i] + 1]++;
    for (let c = 0; c < ctx.nClasses; c++) start[c + 1] += start[c];
    const byClass = new Int32Array(n);
    const fill = start.slice(0, ctx.nClasses);
    for (let i = 0; i < n; i++) byClass[fill[codes[i]]++] = i;
    let nTargetRows = 0;
    for (let c = 0; c < ctx.nClasses; c++) if (targeted[c]) nTargetRows += start[c + 1] - start[c];
    // One search for every targeted row. The KD-tree queries the fit rows in its own order with a
    // mask (cache-friendly); brute force queries only the targeted rows, grouped by class.
    const method = resolveAlgorithm(algorithm, n, d, k);
    // below half the rows, querying only the targeted ones is cheaper; above, one self query (each pair once)
    const grouped = method === 'brute' && nTargetRows < n / 2;
    const queryRows = new Int32Array(grouped ? nTargetRows : 0);
    if (grouped) {
      let r = 0;
      for (let c = 0; c < ctx.nClasses; c++) if (targeted[c]) for (let p = start[c]; p < start[c + 1]; p++) queryRows[r++] = byClass[p];
    }
    const neighbors = withArena((arena) => {
      const fit = arena.f64From(X.data);
      const nOut = grouped ? nTargetRows : n;
      const query = grouped ? arena.f64(nTargetRows * d) : 0;
      const mask = !grouped && nTargetRows < n ? arena.u8(n) : 0;
      const idx = arena.i32(nOut * k);
      const dist = arena.f64(nOut * k);
      if (grouped) {
        const view = f64View(query, nTargetRows * d);
        queryRows.forEach((i, r) => view.set(X.data.subarray(i * d, i * d + d), r * d));
      } else if (mask !== 0) {
        const view = u8View(mask, n);
        for (let i = 0; i < n; i++) view[i] = targeted[codes[i]];
      }
      searchNeighborsInArena(arena, fit, n, d, query, nOut, k, false, idx, dist, method, mask);
      return readI32(idx, nOut * k);
    });
    // keep[i]: row i survives (rows of classes not cleaned always do)
    const keep = new Uint8Array(n);
    const votes = new Int32Array(ctx.nClasses);
    if (grouped) {
      for (let i = 0; i < n; i++) keep[i] = targeted[codes[i]] ? 0 : 1;
      queryRows.forEach((i, r) => { keep[i] = rowAgrees(neighbors, r * k, k, codes, codes[i], votes, kindSel) ? 1 : 0; });
    } else {
      for (let i = 0; i < n; i++) keep[i] = !targeted[codes[i]] || rowAgrees(neighbors, i * k, k, codes, codes[i], votes, kindSel) ? 1 : 0;
    }
    let nKept = 0;
    for (let i = 0; i < n; i++) nKept += keep[i];
    const sampleIndices = new Int32Array(nKept);
    for (let p = 0, r = 0; p < n; p++) if (keep[byClass[p]]) sampleIndices[r++] = byClass[p];
    return { X: takeRows(X, sampleIndices), codes: sampleIndices.map((i) => codes[i]), sampleIndices };
  }
}
