/**
 * imbalanced-learn's `EditedNearestNeighbours`: removes the rows of the targeted classes whose
 * neighbourhood disagrees with their class.
 */
import { checkOneOf } from '../../core/errors.js';
import { f64View, readI32, withArena } from '../../core/memory.js';
import { takeRows } from '../../core/matrix.js';
import type { Matrix } from '../../core/types.js';
import { searchNeighborsInArena } from '../../neighbors/search.js';
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
}

/**
 * For each queried row, whether its neighbours (columns 1..k-1 of `neighbors`, column 0 being the
 * row itself as imbalanced-learn drops it) agree with `target`: all of them (`'all'`), or their
 * most common class, ties to the smallest class code (`'mode'`, as `scipy.stats.mode`).
 */
export function neighbourhoodAgrees(
  neighbors: Int32Array, k: number, codes: Int32Array, target: number, nClasses: number, kindSel: 'all' | 'mode',
): Uint8Array {
  const nQuery = k === 0 ? 0 : neighbors.length / k;
  const keep = new Uint8Array(nQuery);
  const votes = new Int32Array(nClasses);
  for (let q = 0; q < nQuery; q++) {
    const row = q * k;
    if (kindSel === 'all') {
      let all = 1;
      for (let c = 1; c < k; c++) if (codes[neighbors[row + c]] !== target) { all = 0; break; }
      keep[q] = all;
    } else {
      votes.fill(0);
      for (let c = 1; c < k; c++) votes[codes[neighbors[row + c]]]++;
      let mode = 0;
      for (let c = 1; c < nClasses; c++) if (votes[c] > votes[mode]) mode = c;
      keep[q] = k <= 1 || mode === target ? 1 : 0;
    }
  }
  return keep;
}

/** Rows `rows` of a row-major `k`-column index table. */
function gatherRows(table: Int32Array, rows: readonly number[], k: number): Int32Array {
  const out = new Int32Array(rows.length * k);
  rows.forEach((i, r) => out.set(table.subarray(i * k, i * k + k), r * k));
  return out;
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
    // rows of each class, in original order
    const byClass: number[][] = Array.from({ length: ctx.nClasses }, () => []);
    for (let i = 0; i < n; i++) byClass[codes[i]].push(i);
    const targets = [...ctx.strategy.keys()];
    const nTargetRows = targets.reduce((s, c) => s + byClass[c].length, 0);
    // one search for every targeted row; the fit rows themselves when all classes are targeted
    const neighbors = withArena((arena) => {
      const fit = arena.f64From(X.data);
      const query = nTargetRows < n ? arena.f64(nTargetRows * d) : 0;
      const idx = arena.i32(nTargetRows * k);
      const dist = arena.f64(nTargetRows * k);
      if (query !== 0) {
        const view = f64View(query, nTargetRows * d);
        let r = 0;
        for (const c of targets) for (const i of byClass[c]) view.set(X.data.subarray(i * d, i * d + d), (r++) * d);
      }
      searchNeighborsInArena(arena, fit, n, d, query, nTargetRows, k, false, idx, dist, algorithm);
      return readI32(idx, nTargetRows * k);
    });
    const kept: number[] = [];
    let offset = 0;
    for (let c = 0; c < ctx.nClasses; c++) {
      const rows = byClass[c];
      if (!ctx.strategy.has(c)) {
        for (const i of rows) kept.push(i);
        continue;
      }
      // with the fit rows as queries, the results are in original row order, not grouped by class
      const block = nTargetRows < n
        ? neighbors.subarray(offset * k, (offset + rows.length) * k)
        : gatherRows(neighbors, rows, k);
      offset += rows.length;
      const agree = neighbourhoodAgrees(block, k, codes, c, ctx.nClasses, kindSel);
      rows.forEach((i, r) => { if (agree[r]) kept.push(i); });
    }
    const sampleIndices = Int32Array.from(kept);
    return { X: takeRows(X, sampleIndices), codes: sampleIndices.map((i) => codes[i]), sampleIndices };
  }
}
