import { pairwiseSum } from '../../metrics/numeric.js';
import { paramRangeError } from '../../core/errors.js';
import { checkRandomState, type RandomStateLike } from '../../random/RandomState.js';
import type { Matrix } from '../../core/types.js';
import { BaseOverSampler, checkNeighborsOption, type NeighborsLike, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy } from '../samplingStrategy.js';
import { appendPending, rowsByClass, type PendingBlock } from './assemble.js';
import { pendingInterpolation, rint } from './generate.js';
import { neighborsOfRows, rowsOf } from './neighborsOf.js';

/** Options of `ADASYN` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface ADASYNOptions {
  /** Which classes to over-sample and how much; default `'auto'` (all but the majority). */
  samplingStrategy?: SamplingStrategy;
  /** An integer seed reproduces imbalanced-learn's output for `random_state=seed`. */
  randomState?: RandomStateLike;
  /**
   * Neighbours used both to weigh the rows and to make new ones (default 5), or a
   * `NearestNeighbors` whose `nNeighbors` counts the row itself.
   */
  nNeighbors?: number | NeighborsLike;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

const KNOWN = ['samplingStrategy', 'randomState', 'nNeighbors'] as const;

/**
 * ADASYN (He et al., 2008): adaptive synthetic sampling. Each row of a class to over-sample
 * gets new rows in proportion to the share of other-class rows among its `nNeighbors` nearest
 * neighbours in the whole data, so hard, border rows get more; the new rows are interpolated
 * towards same-class neighbours as in SMOTE. Output: all input rows, then the new rows class by
 * class (sorted labels), with `origin` giving each new row's base row, neighbour and step.
 *
 * As imbalanced-learn, the number of rows per base row is `rint(r_i * n)` (round half to even),
 * so the number made can differ slightly from the number asked. One random stream serves all
 * classes; an integer seed reproduces imbalanced-learn 0.10 exactly.
 * @throws RangeError when no neighbour of a class belongs to another class (ADASYN is not defined
 * there: use SMOTE), RangeError when rounding leaves nothing to generate.
 * @example
 * const { X: Xr, y: yr } = new ADASYN({ randomState: 0 }).fitResample(X, y);
 */
export class ADASYN extends BaseOverSampler<ADASYNOptions> {
  protected override readonly readsXOnly = true;
  constructor(options: ADASYNOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const { nNeighbors } = checkNeighborsOption(this.samplerName, 'nNeighbors', this.options.nNeighbors ?? 5);
    if (nNeighbors < 2) throw paramRangeError(this.samplerName, 'nNeighbors', 'an integer >= 1 or a NearestNeighbors with nNeighbors >= 2', this.options.nNeighbors);
    checkRandomState(this.options.randomState, this.samplerName);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const { nNeighbors, algorithm } = checkNeighborsOption(this.samplerName, 'nNeighbors', this.options.nNeighbors ?? 5);
    const k = nNeighbors - 1;
    const random = checkRandomState(this.options.randomState, this.samplerName);
    // only the classes to over-sample (the majority class's rows are not needed)
    const byClass = rowsByClass(codes, ctx.counts, ctx.strategy.keys());
    const blocks: PendingBlock[] = [];
    for (const [code, nAsked] of ctx.strategy) {
      if (nAsked === 0) continue;
      const rows = byClass[code];
      if (nNeighbors > X.rows) throw tooFew(X.rows, nNeighbors);
      // weights: the share of other-class rows among each row's neighbours in all of X
      const nnAll = neighborsOfRows(X, rows, k, algorithm);
      const ratio = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        let other = 0;
        for (let j = 0; j < k; j++) if (codes[nnAll[i * k + j]] !== code) other++;
        ratio[i] = other / k;
      }
      const total = pairwiseSum(ratio, 0, ratio.length);
      if (!total) {
        throw new RangeError('Not any neigbours belong to the majority class. This case will induce a NaN case with a division by zero. ADASYN is not suited for this specific dataset. Use SMOTE instead.');
      }
      const perRow = new Int32Array(rows.length);
      let nNew = 0;
      for (let i = 0; i < rows.length; i++) {
        perRow[i] = rint((ratio[i] / total) * nAsked);
        nNew += perRow[i];
      }
      if (!nNew) throw new RangeError('No samples will be generated with the provided ratio settings.');
      // new rows: interpolation towards same-class neighbours, base rows in class order
      if (nNeighbors > rows.length) throw tooFew(rows.length, nNeighbors);
      const Xc = rowsOf(X, rows);
      const nnClass = neighborsOfRows(Xc, null, k, algorithm);
      const cols = random.randint(0, k, nNew) as Int32Array;
      const steps = random.uniform(0, 1, nNew);
      const sample = new Int32Array(nNew);
      for (let i = 0, s = 0; i < rows.length; i++) for (let t = 0; t < perRow[i]; t++, s++) sample[s] = i * k + cols[s];
      blocks.push(pendingInterpolation(code, Xc, rows, Xc, rows, nnClass, k, sample, steps));
    }
    return appendPending(X, codes, blocks);
  }
}

function tooFew(nSamples: number, nNeighbors: number): RangeError {
  return new RangeError(`Expected n_neighbors <= n_samples,  but n_samples = ${nSamples}, n_neighbors = ${nNeighbors}`);
}
