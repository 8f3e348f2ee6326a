/**
 * imbalanced-learn's `OneSidedSelection`: one pass of a k-NN classifier on (minority + seeds),
 * keeping the misclassified rows, then Tomek-link cleaning.
 */
import { checkInteger } from '../../core/errors.js';
import { takeRows } from '../../core/matrix.js';
import type { Matrix } from '../../core/types.js';
import { checkRandomState, type RandomStateLike } from '../../random/RandomState.js';
import { BaseCleaningSampler, type NeighborsLike, type ResampleContext, type ResampleOutput } from '../base.js';
import { rowsByClass } from '../over/assemble.js';
import { classifierOption } from './condensedNearestNeighbour.js';
import { counterMinority, knnPredict } from './prototypeSelection.js';
import { checkCleaningSamplingStrategy, TomekLinks } from './tomekLinks.js';

/** Options of `OneSidedSelection` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface OneSidedSelectionOptions {
  /** Classes to clean: `'auto'` (default, = `'not minority'`), a cleaning name, a list of labels or a function. */
  samplingStrategy?: unknown;
  /** An integer seed reproduces imbalanced-learn's output for `random_state=seed`. */
  randomState?: RandomStateLike;
  /** Neighbours of the k-NN classifier: `null`/omitted = 1, an integer, or an object with `nNeighbors`. */
  nNeighbors?: number | NeighborsLike | null;
  /** Rows of the class drawn (with replacement) to seed the classifier (default 1). */
  nSeedsS?: number;
}

const KNOWN = ['samplingStrategy', 'randomState', 'nNeighbors', 'nSeedsS'] as const;

/**
 * Under-sampling by one-sided selection (imbalanced-learn's `OneSidedSelection`). For each class
 * to clean (sorted labels), `nSeedsS` rows are drawn with replacement (one random stream across
 * classes); a k-NN classifier fitted on all minority rows plus those seeds classifies the other
 * rows of the class once, and the misclassified ones are kept with the seeds. Then `TomekLinks`
 * removes the Tomek links of the cleaned classes. Output: grouped by class in sorted-label order
 * (seeds, then kept rows, for a cleaned class), minus the Tomek links; `sampleIndices` gives the
 * input rows.
 *
 * @example
 * const { X: Xr, y: yr, sampleIndices } = new OneSidedSelection({ randomState: 0 }).fitResample(X, y);
 */
export class OneSidedSelection extends BaseCleaningSampler<OneSidedSelectionOptions> {
  /** Stores the options (validated by `fitResample`). */
  constructor(options: OneSidedSelectionOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    checkCleaningSamplingStrategy(owner, this.samplingStrategyOption);
    classifierOption(owner, this.options.nNeighbors);
    checkInteger(owner, 'nSeedsS', this.options.nSeedsS ?? 1, 1);
    checkRandomState(this.options.randomState, owner);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const { k, algorithm } = classifierOption(this.samplerName, this.options.nNeighbors);
    const nSeeds = this.options.nSeedsS ?? 1;
    const random = checkRandomState(this.options.randomState, this.samplerName);
    const byClass = rowsByClass(codes, ctx.nClasses);
    const minorityRows = byClass[counterMinority(codes, ctx.nClasses)];
    const keep: number[] = [];
    for (let c = 0; c < ctx.nClasses; c++) {
      const rows = byClass[c];
      if (!ctx.strategy.has(c)) {
        for (const i of rows) keep.push(i);
        continue;
      }
      const seedPositions = random.randint(0, rows.length, nSeeds) as Int32Array;
      const seeds = seedPositions.map((p) => rows[p]);
      const fitRows = Int32Array.from([...minorityRows, ...seeds]);
      // the class without its seed positions (np.delete drops each position once)
      const isSeed = new Uint8Array(rows.length);
      for (const p of seedPositions) isSeed[p] = 1;
      const others = rows.filter((_, p) => !isSeed[p]);
      const predicted = knnPredict(takeRows(X, fitRows), fitRows.map((i) => codes[i]), takeRows(X, others), k, ctx.nClasses, algorithm);
      for (const i of seeds) keep.push(i);
      others.forEach((i, q) => { if (predicted[q] !== c) keep.push(i); });
    }
    const selected = Int32Array.from(keep);
    const selectedCodes = selected.map((i) => codes[i]);
    const tomek = new TomekLinks({ samplingStrategy: [...ctx.strategy.keys()].map((c) => ctx.classes[c]) });
    const cleaned = tomek.resampleEncoded(takeRows(X, selected), { classes: ctx.classes, codes: selectedCodes, kind: ctx.kind });
    const sampleIndices = cleaned.sampleIndices!.map((r) => selected[r]);
    return { X: cleaned.X, codes: cleaned.codes, sampleIndices };
  }
}
