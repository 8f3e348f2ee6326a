/**
 * imbalanced-learn's `AllKNN`: EditedNearestNeighbours with 1, 2, ..., `nNeighbors` neighbours in
 * turn, each pass on what the previous one kept.
 */
import { checkBoolean } from '../../core/errors.js';
import type { Matrix } from '../../core/types.js';
import type { NearestNeighbors } from '../../neighbors/NearestNeighbors.js';
import { BaseCleaningSampler, checkNeighborsOption, type ResampleContext, type ResampleOutput } from '../base.js';
import { takeRows } from '../../core/matrix.js';
import { EditingPasses } from './editingPasses.js';
import { counterMinority } from './prototypeSelection.js';
import { checkRepeatedEnnOptions, compose, countCodes, stoppingChecks } from './repeatedEditedNearestNeighbours.js';

/** Options of `AllKNN` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface AllKNNOptions {
  /** Classes to clean (default `'auto'` = `'not minority'`), re-resolved at every pass. */
  samplingStrategy?: unknown;
  /** Largest neighbourhood (default 3), or a `NearestNeighbors` whose `nNeighbors` counts the row itself. */
  nNeighbors?: number | NearestNeighbors;
  /** `'all'` (default) or `'mode'`, as in `EditedNearestNeighbours`. */
  kindSel?: 'all' | 'mode';
  /** Keep going when a class falls below the minority's starting count (default false). */
  allowMinority?: boolean;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

/**
 * Under-sampling by AllKNN (imbalanced-learn's `AllKNN`): `EditedNearestNeighbours` with 1, 2, …,
 * `nNeighbors` neighbours, each pass on the rows the previous one kept; it stops early when a
 * class disappears or (unless `allowMinority`) a non-minority class has fewer rows than the
 * minority had at the start. Rows are grouped by class in sorted-label order; `sampleIndices`
 * gives their input rows. One neighbour search serves all passes; later passes search again only
 * the rows whose neighbours were removed (see `EditingPasses`), with the same result.
 *
 * @example
 * const { X: Xr, y: yr, sampleIndices } = new AllKNN({ nNeighbors: 3, allowMinority: true }).fitResample(X, y);
 */
export class AllKNN extends BaseCleaningSampler<AllKNNOptions> {
  // the output is always a row selection (takeRows): X itself is only read
  protected override readonly readsXOnly = true;
  /** Stores the options (validated by `fitResample`). */
  constructor(options: AllKNNOptions = {}) {
    super(options, ['samplingStrategy', 'nNeighbors', 'kindSel', 'allowMinority']);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    checkRepeatedEnnOptions(owner, this.options, this.samplingStrategyOption);
    checkBoolean(owner, 'allowMinority', this.options.allowMinority ?? false);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const { nNeighbors } = checkNeighborsOption(this.samplerName, 'nNeighbors', this.options.nNeighbors ?? 3);
    const allowMinority = this.options.allowMinority ?? false;
    // nNeighbors counts the row itself: passes use 1 .. nNeighbors - 1 neighbours
    const passes = new EditingPasses(X, codes, ctx.classes, ctx.kind, this.samplingStrategyOption, this.options.kindSel ?? 'all', Math.max(nNeighbors - 1, 1) + 1);
    const minority = counterMinority(codes, ctx.nClasses);
    const start = countCodes(codes, ctx.nClasses);
    let indices: Int32Array = Int32Array.from({ length: X.rows }, (_, i) => i);
    for (let k = 1; k < nNeighbors; k++) {
      const kept = passes.pass(k);
      const left = passes.current.map((i) => codes[i]);
      const { minorityBecameMajority, classRemoved } = stoppingChecks(start, countCodes(left, ctx.nClasses), minority);
      indices = compose(indices, kept);
      if ((minorityBecameMajority && !allowMinority) || classRemoved) break;
    }
    const rows = passes.current;
    return { X: takeRows(X, rows), codes: rows.map((i) => codes[i]), sampleIndices: indices };
  }
}
