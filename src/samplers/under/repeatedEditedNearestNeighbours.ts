/**
 * imbalanced-learn's `RepeatedEditedNearestNeighbours`: EditedNearestNeighbours applied again and
 * again until it removes nothing, a class would fall below the minority count, or `maxIter`.
 */
import { checkInteger, checkOneOf } from '../../core/errors.js';
import type { Matrix } from '../../core/types.js';
import type { NearestNeighbors } from '../../neighbors/NearestNeighbors.js';
import { BaseCleaningSampler, checkNeighborsOption, type ResampleContext, type ResampleOutput } from '../base.js';
import { takeRows } from '../../core/matrix.js';
import { EditingPasses } from './editingPasses.js';
import { checkCleaningSamplingStrategy } from './tomekLinks.js';
import { counterMinority } from './prototypeSelection.js';

/** Options of `RepeatedEditedNearestNeighbours` (imbalanced-learn's parameters, camelCased). */
export interface RepeatedEditedNearestNeighboursOptions {
  /**
   * Classes to clean: `'auto'` (default, = `'not minority'`), `'majority'`, `'not minority'`,
   * `'not majority'`, `'all'`, a list of labels, or a function of `y`. Re-resolved on the data
   * left at every pass, as imbalanced-learn does.
   */
  samplingStrategy?: unknown;
  /** Neighbourhood size (default 3), or a `NearestNeighbors` whose `nNeighbors` counts the row itself. */
  nNeighbors?: number | NearestNeighbors;
  /** Maximum number of ENN passes (default 100). */
  maxIter?: number;
  /** `'all'` (default) or `'mode'`, as in `EditedNearestNeighbours`. */
  kindSel?: 'all' | 'mode';
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

/** Class counts of `codes`. */
export function countCodes(codes: Int32Array, nClasses: number): Int32Array {
  const counts = new Int32Array(nClasses);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  return counts;
}

/**
 * Whether a pass left a non-minority class with fewer rows than the minority had at the start
 * (`b_min_bec_maj`) and whether a class disappeared (`b_remove_maj_class`), as in
 * imbalanced-learn's RENN and AllKNN.
 * @internal
 */
export function stoppingChecks(before: Int32Array, after: Int32Array, minority: number): { minorityBecameMajority: boolean; classRemoved: boolean } {
  let minorityBecameMajority = false;
  let classRemoved = false;
  for (let c = 0; c < before.length; c++) {
    if (before[c] > 0 && after[c] === 0) classRemoved = true;
    if (after[c] > 0 && c !== minority && after[c] < before[minority]) minorityBecameMajority = true;
  }
  return { minorityBecameMajority, classRemoved };
}

/** `a[b[i]]` for every i. */
export function compose(a: Int32Array, b: Int32Array): Int32Array {
  return b.map((i) => a[i]);
}

/** Validates the options the repeated-ENN samplers share, naming `owner`. @internal */
export function checkRepeatedEnnOptions(owner: string, options: { samplingStrategy?: unknown; nNeighbors?: unknown; kindSel?: unknown }, samplingStrategy: unknown): void {
  checkCleaningSamplingStrategy(owner, samplingStrategy);
  checkNeighborsOption(owner, 'nNeighbors', options.nNeighbors ?? 3);
  checkOneOf(owner, 'kindSel', options.kindSel ?? 'all', ['all', 'mode']);
}

/**
 * Under-sampling by repeated editing (imbalanced-learn's `RepeatedEditedNearestNeighbours`):
 * `EditedNearestNeighbours` runs on what the previous pass kept, until a pass removes nothing,
 * a non-minority class has fewer rows than the minority had, a class disappears, or after
 * `maxIter` passes. `nIter_` tells how many passes ran. Passes after the first search again only
 * the rows whose neighbours were removed (see `EditingPasses`), with the same result. Rows are grouped by class in sorted-label
 * order. `sampleIndices` reproduces imbalanced-learn's quirk: when the loop stops because a pass
 * removed nothing, that pass's reordering is applied to `sampleIndices` twice (visible only when
 * it happens on the first pass and `y` is not sorted by class), so `X` may then differ from
 * `X[sampleIndices]` exactly as upstream.
 *
 * @example
 * const renn = new RepeatedEditedNearestNeighbours({ nNeighbors: 3, maxIter: 100 });
 * const { X: Xr, y: yr } = renn.fitResample(X, y);
 * renn.nIter_; // passes run
 */
export class RepeatedEditedNearestNeighbours extends BaseCleaningSampler<RepeatedEditedNearestNeighboursOptions> {
  // the output is always a row selection (takeRows): X itself is only read
  protected override readonly readsXOnly = true;
  /** Number of ENN passes run by the last `fitResample`. */
  nIter_?: number;

  /** Stores the options (validated by `fitResample`). */
  constructor(options: RepeatedEditedNearestNeighboursOptions = {}) {
    super(options, ['samplingStrategy', 'nNeighbors', 'maxIter', 'kindSel']);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    checkRepeatedEnnOptions(owner, this.options, this.samplingStrategyOption);
    checkInteger(owner, 'maxIter', this.options.maxIter ?? 100, 1);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const maxIter = this.options.maxIter ?? 100;
    const { nNeighbors, algorithm } = checkNeighborsOption(this.samplerName, 'nNeighbors', this.options.nNeighbors ?? 3);
    const passes = new EditingPasses(X, codes, ctx.classes, ctx.kind, this.samplingStrategyOption, this.options.kindSel ?? 'all', nNeighbors, algorithm);
    const minority = counterMinority(codes, ctx.nClasses);
    const start = countCodes(codes, ctx.nClasses);
    let indices: Int32Array = Int32Array.from({ length: X.rows }, (_, i) => i);
    let iter = 0;
    for (; iter < maxIter; iter++) {
      const before = passes.current.length;
      const kept = passes.pass(nNeighbors - 1);
      const converged = kept.length === before;
      const left = passes.current.map((i) => codes[i]);
      const { minorityBecameMajority, classRemoved } = stoppingChecks(start, countCodes(left, ctx.nClasses), minority);
      indices = compose(indices, kept);
      if (converged || minorityBecameMajority || classRemoved) {
        // upstream applies the last reordering a second time on convergence
        if (converged) indices = compose(indices, kept);
        break;
      }
    }
    this.nIter_ = Math.min(iter, maxIter - 1) + 1;
    const rows = passes.current;
    return { X: takeRows(X, rows), codes: rows.map((i) => codes[i]), sampleIndices: indices };
  }
}
