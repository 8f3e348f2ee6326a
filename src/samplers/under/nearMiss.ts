/**
 * imbalanced-learn's `NearMiss` (versions 1, 2 and 3): keeps the rows of each under-sampled class
 * that are closest to (or, for version 3, farthest from) the minority class.
 */
import { checkInteger } from '../../core/errors.js';
import { readF64, withArena } from '../../core/memory.js';
import { takeRows, takeRowsInto } from '../../core/matrix.js';
import { poolForSearch } from '../../parallel/search.js';
import { kernels } from '../../core/wasm.js';
import type { Matrix } from '../../core/types.js';
import type { NearestNeighbors } from '../../neighbors/NearestNeighbors.js';
import { searchNeighbors, type KnnAlgorithm } from '../../neighbors/search.js';
import { BaseUnderSampler, checkNeighborsOption, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy } from '../samplingStrategy.js';
import { rowsByClass } from '../over/assemble.js';
import { counterMinority, tooManyNeighbors, warnUser } from './prototypeSelection.js';

/** Options of `NearMiss` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface NearMissOptions {
  /** Which classes to under-sample and to how many rows; default `'auto'` (all but the minority). */
  samplingStrategy?: SamplingStrategy;
  /** 1 (default): smallest mean distance to the k nearest minority rows; 2: to the k farthest; 3: two-step (see the class). */
  version?: 1 | 2 | 3;
  /**
   * Minority neighbours averaged over (default 3): a number, or a `NearestNeighbors` whose
   * `nNeighbors` is used as is (NearMiss queries other-class rows, so nothing is added).
   */
  nNeighbors?: number | NearestNeighbors;
  /** Version 3 only: neighbours of each minority row kept as candidates (default 3). */
  nNeighborsVer3?: number | NearestNeighbors;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

const KNOWN = ['samplingStrategy', 'version', 'nNeighbors', 'nNeighborsVer3'] as const;

interface FarthestKernel {
  knn_farthest_distances(fit: number, nFit: number, d: number, query: number, nQuery: number, k: number, outDist: number): void;
}

/**
 * For each row of `query`, its `k` largest distances to the rows of `fit`, ascending (`nQuery x k`):
 * the tail of a full nearest-first neighbour table, without building the table.
 */
export function farthestDistances(fit: Matrix, query: Matrix, k: number): Float64Array {
  return withArena((arena) => {
    const fitPtr = arena.f64From(fit.data);
    const queryPtr = arena.f64From(query.data);
    const out = arena.f64(query.rows * k);
    (kernels() as unknown as FarthestKernel).knn_farthest_distances(fitPtr, fit.rows, fit.cols, queryPtr, query.rows, k, out);
    return readF64(out, query.rows * k);
  });
}

/**
 * numpy's pairwise summation (`np.sum` along a contiguous axis) of `n` values starting at `start`:
 * plain for fewer than 8 values, eight partial sums up to 128, recursive halving above.
 */
export function numpyPairwiseSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[start + i];
    return s;
  }
  if (n <= 128) {
    const r = [a[start], a[start + 1], a[start + 2], a[start + 3], a[start + 4], a[start + 5], a[start + 6], a[start + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    let s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) s += a[start + i];
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpyPairwiseSum(a, start, n2) + numpyPairwiseSum(a, start + n2, n - n2);
}

/**
 * imbalanced-learn's `_selection_dist_based`: the criterion of each row is the sum of its last
 * `last` distances (of `width` per row); rows are ordered by it with a stable sort (ascending for
 * `'nearest'`, descending for `'farthest'`, equal criteria keeping row order, as Python's
 * `sorted`), and the first `n` are returned (all of them, with a warning, when fewer exist).
 */
export function selectByDistance(distances: Float64Array, width: number, last: number, n: number, strategy: 'nearest' | 'farthest'): Int32Array {
  const rows = width === 0 ? 0 : distances.length / width;
  const m = Math.min(last, width);
  const criterion = new Float64Array(rows);
  for (let r = 0; r < rows; r++) criterion[r] = numpyPairwiseSum(distances, r * width + width - m, m);
  if (rows < n) {
    warnUser('The number of the samples to be selected is larger than the number of samples available. The balancing ratio cannot be ensure and all samples will be returned.');
  }
  const order = firstCandidates(criterion, Math.min(n, rows), strategy);
  if (strategy === 'nearest') order.sort((a, b) => criterion[a] - criterion[b]);
  else order.sort((a, b) => criterion[b] - criterion[a]);
  return Int32Array.from(order);
}

/**
 * The rows that come first in a stable sort of `criterion` (ascending for `'nearest'`,
 * descending for `'farthest'`), in row order: every row strictly before the n-th value, then the
 * rows equal to it in row order until there are n. Sorting these stably gives the first n rows of
 * the full stable sort, without sorting all rows.
 */
function firstCandidates(criterion: Float64Array, n: number, strategy: 'nearest' | 'farthest'): number[] {
  const rows = criterion.length;
  if (n === 0) return [];
  const sorted = Float64Array.from(criterion).sort();
  const bound = strategy === 'nearest' ? sorted[n - 1] : sorted[rows - n];
  const before = (v: number) => (strategy === 'nearest' ? v < bound : v > bound);
  let strict = 0;
  for (let i = 0; i < rows; i++) if (before(criterion[i])) strict++;
  let ties = n - strict;
  const out: number[] = [];
  for (let i = 0; i < rows; i++) {
    const v = criterion[i];
    if (before(v)) out.push(i);
    else if (v === bound && ties > 0) { out.push(i); ties--; }
  }
  return out;
}

/** Sorted distinct values (`np.unique`). */
function uniqueSorted(values: Int32Array): Int32Array {
  return Int32Array.from(new Set(values)).sort();
}

/**
 * Under-sampling by NearMiss (imbalanced-learn's `NearMiss`). The minority class is the one with
 * the fewest rows, ties going to the first to appear in `y` (as imbalanced-learn's `Counter`).
 * For each class to under-sample:
 * - version 1 keeps the rows with the smallest sum of distances to their `nNeighbors` nearest
 *   minority rows;
 * - version 2 the rows with the smallest sum of distances to their `nNeighbors` FARTHEST
 *   minority rows;
 * - version 3 first keeps, as candidates, the `nNeighborsVer3` nearest class rows of every
 *   minority row, then the candidates with the LARGEST sum of distances to their `nNeighbors`
 *   nearest minority rows (it may return fewer rows than asked, with a warning, as upstream).
 * Output is grouped by class in sorted-label order; a resampled class in selection order (stable
 * sort). Every distance comes from the shared exact search (`searchNeighbors`).
 *
 * @example
 * const { X: Xr, y: yr, sampleIndices } = new NearMiss({ version: 1, nNeighbors: 3 }).fitResample(X, y);
 */
export class NearMiss extends BaseUnderSampler<NearMissOptions> {
  // the output is always a row selection (takeRows): X itself is only read
  protected override readonly readsXOnly = true;
  /** Stores the options (validated by `fitResample`). */
  constructor(options: NearMissOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    checkInteger(owner, 'version', this.options.version ?? 1, 1, 3);
    checkNeighborsOption(owner, 'nNeighbors', this.options.nNeighbors ?? 3, 0);
    checkNeighborsOption(owner, 'nNeighborsVer3', this.options.nNeighborsVer3 ?? 3, 0);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const owner = this.samplerName;
    const version = this.options.version ?? 1;
    const nn = checkNeighborsOption(owner, 'nNeighbors', this.options.nNeighbors ?? 3, 0);
    const nnVer3 = checkNeighborsOption(owner, 'nNeighborsVer3', this.options.nNeighborsVer3 ?? 3, 0);
    const byClass = rowsByClass(codes, ctx.nClasses);
    const minority = takeRows(X, byClass[counterMinority(codes, ctx.nClasses)]);
    const keep: number[] = [];
    for (let c = 0; c < ctx.nClasses; c++) {
      const rows = byClass[c];
      const n = ctx.strategy.get(c);
      if (n === undefined) {
        for (const i of rows) keep.push(i);
        continue;
      }
      const select = (Xc: Matrix) => this.selectClass(Xc, minority, n, version, nn.nNeighbors, nn.algorithm, nnVer3.nNeighbors, nnVer3.algorithm);
      // the class rows go straight into the worker pool's memory when its big search runs there
      // (read in place: no second copy, and no fresh pages to fault in)
      const pool = version === 1 ? poolForSearch(minority.rows, rows.length, X.cols, nn.nNeighbors, nn.algorithm)
        : version === 3 ? poolForSearch(rows.length, minority.rows, X.cols, nnVer3.nNeighbors, nnVer3.algorithm) : null;
      const size = rows.length * X.cols;
      const selected = pool ? pool.withArena((arena) => select(takeRowsInto(X, rows, pool.f64View(arena.f64(size), size)))) : select(takeRows(X, rows));
      for (const r of selected) keep.push(rows[r]);
    }
    const sampleIndices = Int32Array.from(keep);
    return { X: takeRows(X, sampleIndices), codes: sampleIndices.map((i) => codes[i]), sampleIndices };
  }

  /** Positions (within the class) of the rows kept for one class. */
  private selectClass(
    Xc: Matrix, minority: Matrix, n: number, version: number,
    k: number, algorithm: KnnAlgorithm, kVer3: number, algorithmVer3: KnnAlgorithm,
  ): Int32Array {
    const nMin = minority.rows;
    if (version === 1) {
      if (k > nMin) throw tooManyNeighbors(nMin, k);
      const { distances } = searchNeighbors(minority, Xc, k, algorithm);
      return selectByDistance(distances, k, k, n, 'nearest');
    }
    if (version === 2) {
      // the criterion sums the distances to the k FARTHEST minority rows (the last k columns of
      // a full neighbour table, which would be nClass x nMin entries)
      const last = Math.min(k, nMin);
      return selectByDistance(farthestDistances(minority, Xc, last), last, last, n, 'nearest');
    }
    if (kVer3 > Xc.rows) throw tooManyNeighbors(Xc.rows, kVer3);
    const candidates = uniqueSorted(searchNeighbors(Xc, minority, kVer3, algorithmVer3).indices);
    if (k > nMin) throw tooManyNeighbors(nMin, k);
    const { distances } = searchNeighbors(minority, takeRows(Xc, candidates), k, algorithm);
    return selectByDistance(distances, k, k, n, 'farthest').map((r) => candidates[r]);
  }
}
