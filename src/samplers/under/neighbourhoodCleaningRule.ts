/**
 * imbalanced-learn's `NeighbourhoodCleaningRule`, as in imbalanced-learn >= 0.12: removes what
 * EditedNearestNeighbours removes, plus the other-class neighbours of misclassified minority rows.
 */
import { checkNumber, checkOneOf, paramTypeError } from '../../core/errors.js';
import { takeRows } from '../../core/matrix.js';
import type { Label, Matrix } from '../../core/types.js';
import { NearestNeighbors } from '../../neighbors/NearestNeighbors.js';
import { searchNeighbors } from '../../neighbors/search.js';
import { BaseCleaningSampler, checkNeighborsOption, type ResampleContext, type ResampleOutput } from '../base.js';
import { rowsByClass } from '../over/assemble.js';
import { cloneEstimator } from '../../pipeline/clone.js';
import { EditedNearestNeighbours } from './editedNearestNeighbours.js';
import { appearanceOrder, counterMinority, neighbourVote, tooManyNeighbors, warnUser } from './prototypeSelection.js';
import { checkCleaningSamplingStrategy } from './tomekLinks.js';

/** An object that cleans data and tells which rows it kept (an `EditedNearestNeighbours`). */
export interface RowSelectingSampler {
  fitResample(X: Matrix, y: unknown): { sampleIndices?: Int32Array };
}

/** Options of `NeighbourhoodCleaningRule` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface NeighbourhoodCleaningRuleOptions {
  /** Classes to clean: `'auto'` (default, = `'not minority'`), a cleaning name, a list of labels or a function. */
  samplingStrategy?: unknown;
  /**
   * The sampler whose removed rows form the first group A1 (a fresh clone is fitted); default
   * (`null`) `new EditedNearestNeighbours({ samplingStrategy, nNeighbors, kindSel: 'mode' })`.
   */
  editedNearestNeighbours?: RowSelectingSampler | null;
  /**
   * Neighbours (default 3) of the k-NN classifier that finds misclassified minority rows, a number
   * or a `NearestNeighbors` (whose `nNeighbors` counts the row itself, so it means one fewer).
   */
  nNeighbors?: number | NearestNeighbors;
  /** Deprecated in imbalanced-learn 0.12 and ignored (a warning says so). */
  kindSel?: 'all' | 'mode';
  /** A class is cleaned of A2 rows only when it has more than `thresholdCleaning` × the minority's rows (default 0.5). */
  thresholdCleaning?: number;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

const KNOWN = ['samplingStrategy', 'editedNearestNeighbours', 'nNeighbors', 'kindSel', 'thresholdCleaning'] as const;

/**
 * Under-sampling by the neighbourhood cleaning rule (imbalanced-learn's
 * `NeighbourhoodCleaningRule`), following imbalanced-learn >= 0.12 (PR #1012), not the 0.10
 * release: the rows removed are A1 ∪ A2, where A1 are the rows `EditedNearestNeighbours`
 * (`kindSel: 'mode'`) removes, and A2 the `nNeighbors` nearest neighbours of every minority row
 * that a `nNeighbors`-NN classifier fitted on all rows misclassifies, restricted to the classes
 * in `classesToClean_`: the targeted classes with more than `thresholdCleaning` × the minority's
 * rows. (0.10 compared with the TOTAL row count and, with its default `kind_sel='all'`, tested
 * the truthiness of neighbour labels; both are fixed upstream.) The minority class is the one
 * with the fewest rows, ties to the first to appear. Kept rows stay in their original order.
 *
 * @example
 * const ncr = new NeighbourhoodCleaningRule({ nNeighbors: 3, thresholdCleaning: 0.5 });
 * const { X: Xr, y: yr, sampleIndices } = ncr.fitResample(X, y);
 * ncr.classesToClean_; // e.g. [0]
 */
export class NeighbourhoodCleaningRule extends BaseCleaningSampler<NeighbourhoodCleaningRuleOptions> {
  /** Classes cleaned of A2 rows by the last `fitResample` (in order of first appearance in `y`). */
  classesToClean_?: Label[];

  /** Stores the options (validated by `fitResample`). */
  constructor(options: NeighbourhoodCleaningRuleOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    checkCleaningSamplingStrategy(owner, this.samplingStrategyOption);
    checkNeighborsOption(owner, 'nNeighbors', this.options.nNeighbors ?? 3);
    if (this.options.kindSel !== undefined) checkOneOf(owner, 'kindSel', this.options.kindSel, ['all', 'mode']);
    checkNumber(owner, 'thresholdCleaning', this.options.thresholdCleaning ?? 0.5, { min: 0, minExclusive: true });
    const enn = this.options.editedNearestNeighbours;
    if (enn !== undefined && enn !== null && typeof (enn as RowSelectingSampler).fitResample !== 'function') {
      throw paramTypeError(owner, 'editedNearestNeighbours', 'an object with a fitResample method or null', enn);
    }
  }

  /** The k of the classifier: an integer as is, a `NearestNeighbors`'s count minus the row itself. */
  private classifierNeighbors(): number {
    const option = this.options.nNeighbors ?? 3;
    return typeof option === 'number' ? option : checkNeighborsOption(this.samplerName, 'nNeighbors', option).nNeighbors - 1;
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    if (this.options.kindSel !== undefined) {
      warnUser("`kindSel` is deprecated in imbalanced-learn 0.12 and has no effect; NeighbourhoodCleaningRule behaves as with 'all'.");
    }
    const n = X.rows;
    const removed = new Uint8Array(n);
    // A1: rows the edited-nearest-neighbours step removes
    const given = this.options.editedNearestNeighbours;
    const enn = given ?? new EditedNearestNeighbours({ samplingStrategy: this.samplingStrategyOption, nNeighbors: this.options.nNeighbors ?? 3, kindSel: 'mode' });
    const keptByEnn = given
      ? cloneEstimator(given).fitResample(X, ctx.labels()).sampleIndices
      : (enn as EditedNearestNeighbours).resampleEncoded(X, { classes: ctx.classes, codes, kind: ctx.kind }).sampleIndices;
    if (!keptByEnn) throw new TypeError(`The 'editedNearestNeighbours' sampler of ${this.samplerName} must return sampleIndices.`);
    removed.fill(1);
    for (const i of keptByEnn) removed[i] = 0;

    // classes to clean of A2 rows
    const counts = new Int32Array(ctx.nClasses);
    for (let i = 0; i < n; i++) counts[codes[i]]++;
    const minority = counterMinority(codes, ctx.nClasses);
    const threshold = this.options.thresholdCleaning ?? 0.5;
    const toClean = appearanceOrder(codes, ctx.nClasses).filter((c) => ctx.strategy.has(c) && counts[c] > counts[minority] * threshold);
    this.classesToClean_ = toClean.map((c) => ctx.classes[c]);
    const cleaned = new Uint8Array(ctx.nClasses);
    for (const c of toClean) cleaned[c] = 1;

    // A2: neighbours of misclassified minority rows; column 0 is the row itself (it is in the fit data)
    const k = this.classifierNeighbors();
    if (k > n) throw tooManyNeighbors(n, k);
    if (k + 1 > n) throw tooManyNeighbors(n, k + 1);
    const minorityRows = rowsByClass(codes, ctx.nClasses)[minority];
    const { indices } = searchNeighbors(X, takeRows(X, minorityRows), k + 1, nearestAlgorithm(this.options.nNeighbors));
    const predicted = neighbourVote(indices, k + 1, k, codes, ctx.nClasses);
    for (let q = 0; q < minorityRows.length; q++) {
      if (predicted[q] === minority) continue;
      for (let c = 1; c <= k; c++) {
        const j = indices[q * (k + 1) + c];
        if (cleaned[codes[j]]) removed[j] = 1;
      }
    }
    let kept = 0;
    for (let i = 0; i < n; i++) kept += removed[i] ? 0 : 1;
    const sampleIndices = new Int32Array(kept);
    for (let i = 0, r = 0; i < n; i++) if (!removed[i]) sampleIndices[r++] = i;
    return { X: takeRows(X, sampleIndices), codes: sampleIndices.map((i) => codes[i]), sampleIndices };
  }
}

/** The search backend a `NearestNeighbors` option asks for. */
function nearestAlgorithm(option: unknown): 'auto' | 'kd_tree' | 'brute' {
  return option instanceof NearestNeighbors ? option.algorithm : 'auto';
}
