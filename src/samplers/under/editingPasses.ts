/**
 * Repeated EditedNearestNeighbours passes without a full neighbour search per pass, for
 * RepeatedEditedNearestNeighbours and AllKNN. Each pass gives exactly what
 * `EditedNearestNeighbours` gives on the rows left by the previous pass (same rows, same order,
 * same `sampleIndices`), but a row's neighbour list is searched again only when it can have
 * changed: when one of its listed neighbours was removed, or when equal distances make its list
 * depend on row order (which the grouping by class changes after the first pass).
 * @internal
 */
import { decodeLabels, type EncodedLabels } from '../../core/labels.js';
import { takeRows } from '../../core/matrix.js';
import type { Label, Matrix } from '../../core/types.js';
import { searchNeighbors, type KnnAlgorithm } from '../../neighbors/search.js';
import { classStats, resolveSamplingStrategy } from '../samplingStrategy.js';
import { neighbourhoodAgrees } from './editedNearestNeighbours.js';

/** The ENN passes over one dataset; `current` holds the input rows left, in ENN's output order. */
export class EditingPasses {
  /** Input rows left after the passes so far, grouped as EditedNearestNeighbours orders them. */
  current: Int32Array;
  private readonly width: number;
  /** Cached neighbour lists: input rows (−1 = none) and distances, `width` per input row. */
  private readonly lists: Int32Array;
  private readonly dists: Float64Array;
  private readonly cached: Uint8Array;
  private readonly alive: Uint8Array;

  /**
   * @param maxNeighbors the largest neighbourhood of any pass, the row itself included
   * @param samplingStrategy ENN's `samplingStrategy`, resolved again on the rows left at each pass
   */
  constructor(
    private readonly X: Matrix,
    private readonly codes: Int32Array,
    private readonly classes: Label[],
    private readonly kind: EncodedLabels['kind'],
    private readonly samplingStrategy: unknown,
    private readonly kindSel: 'all' | 'mode',
    maxNeighbors: number,
    private readonly algorithm: KnnAlgorithm = 'auto',
    private readonly owner = 'EditedNearestNeighbours',
  ) {
    const n = X.rows;
    this.current = Int32Array.from({ length: n }, (_, i) => i);
    this.width = maxNeighbors + 1; // one more than used, to see ties at the boundary
    this.lists = new Int32Array(n * this.width).fill(-1);
    this.dists = new Float64Array(n * this.width).fill(Infinity);
    this.cached = new Uint8Array(n);
    this.alive = new Uint8Array(n).fill(1);
  }

  /** Class codes of the classes ENN cleans on the rows left (its strategy, resolved on them). */
  private targets(currentCodes: Int32Array): Uint8Array {
    const stats = classStats({ classes: this.classes, codes: currentCodes });
    const labels = () => decodeLabels(currentCodes, this.classes, this.kind);
    const resolved = resolveSamplingStrategy(this.samplingStrategy, stats, 'clean-sampling', labels, this.owner);
    const out = new Uint8Array(this.classes.length);
    for (const s of resolved.keys()) out[stats.index[s]] = 1;
    return out;
  }

  /**
   * Whether the cached list of `row` equals a fresh search for `size` columns (the row itself
   * included): its first `size` entries are all still present and all distances up to the
   * next column strictly increase, so neither removals nor the order of rows can change it.
   */
  private stillValid(row: number, size: number): boolean {
    if (!this.cached[row]) return false;
    const base = row * this.width;
    for (let j = 0; j < size; j++) {
      const nb = this.lists[base + j];
      if (nb < 0 || !this.alive[nb]) return false;
      if (!(this.dists[base + j] < this.dists[base + j + 1])) return false;
    }
    return true;
  }

  /**
   * One EditedNearestNeighbours pass with `nNeighbors` neighbours (the row itself excluded) on
   * the rows left. Updates `current` and returns ENN's `sampleIndices` for the pass (positions
   * in the previous `current`).
   */
  pass(nNeighbors: number): Int32Array {
    const size = nNeighbors + 1;
    const cur = this.current;
    const m = cur.length;
    if (size > m) throw new RangeError(`Expected n_neighbors <= n_samples, but n_samples = ${m}, n_neighbors = ${size}`);
    const curCodes = cur.map((i) => this.codes[i]);
    const targeted = this.targets(curCodes);
    // search again, on the rows left in their current order, every targeted row whose list may have changed
    const stale: number[] = [];
    for (const row of cur) if (targeted[this.codes[row]] && !this.stillValid(row, size)) stale.push(row);
    if (stale.length > 0) {
      const cols = Math.min(this.width, m);
      const { indices, distances } = searchNeighbors(takeRows(this.X, cur), takeRows(this.X, stale), cols, this.algorithm);
      stale.forEach((row, q) => {
        const base = row * this.width;
        this.lists.fill(-1, base, base + this.width);
        this.dists.fill(Infinity, base, base + this.width);
        for (let j = 0; j < cols; j++) {
          this.lists[base + j] = cur[indices[q * cols + j]];
          this.dists[base + j] = distances[q * cols + j];
        }
        this.cached[row] = 1;
      });
    }
    // ENN's decision and output order: classes in sorted order, current order within a class
    const positions: number[] = [];
    const table = new Int32Array(size);
    for (let c = 0; c < this.classes.length; c++) {
      for (let p = 0; p < m; p++) {
        const row = cur[p];
        if (this.codes[row] !== c) continue;
        if (targeted[c]) {
          table.set(this.lists.subarray(row * this.width, row * this.width + size));
          if (!neighbourhoodAgrees(table, size, this.codes, c, this.classes.length, this.kindSel)[0]) {
            this.alive[row] = 0;
            continue;
          }
        }
        positions.push(p);
      }
    }
    const sampleIndices = Int32Array.from(positions);
    this.current = sampleIndices.map((p) => cur[p]);
    return sampleIndices;
  }
}
