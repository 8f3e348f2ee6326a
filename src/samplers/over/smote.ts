import { paramRangeError } from '../../core/errors.js';
import { checkRandomState, type RandomState, type RandomStateLike } from '../../random/RandomState.js';
import type { Matrix } from '../../core/types.js';
import { BaseOverSampler, checkNeighborsOption, type NeighborsLike, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy } from '../samplingStrategy.js';
import { rowsByClass, startSynthetic } from './assemble.js';
import { smoteClassInto } from './smoteCore.js';

/** Options of `SMOTE` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface SMOTEOptions {
  /** Which classes to over-sample and how much; default `'auto'` (all but the majority). */
  samplingStrategy?: SamplingStrategy;
  /** An integer seed reproduces imbalanced-learn's output for `random_state=seed`. */
  randomState?: RandomStateLike;
  /**
   * Nearest neighbours used to make new samples (default 5), or a `NearestNeighbors` whose
   * `nNeighbors` counts the sample itself (`new NearestNeighbors({ nNeighbors: 6 })` ≡ 5).
   */
  kNeighbors?: number | NeighborsLike;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

const KNOWN = ['samplingStrategy', 'randomState', 'kNeighbors'] as const;

/**
 * SMOTE (Chawla et al., 2002): for every class to over-sample, new rows are drawn on the
 * segments between a row of the class and one of its `kNeighbors` nearest neighbours in the
 * same class. Output: all input rows, then the new rows class by class (sorted labels);
 * `origin` tells each new row's base row, neighbour row and step.
 *
 * Same seed, same rows as imbalanced-learn 0.10 (which restarts `random_state` for each class).
 *
 * @example
 * const { X: Xr, y: yr, origin } = new SMOTE({ samplingStrategy: 0.5, randomState: 1 }).fitResample(X, y);
 */
export class SMOTE extends BaseOverSampler<SMOTEOptions> {
  protected override readonly readsXOnly = true;
  constructor(options: SMOTEOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const { nNeighbors } = checkNeighborsOption(this.samplerName, 'kNeighbors', this.options.kNeighbors ?? 5);
    if (nNeighbors < 2) throw paramRangeError(this.samplerName, 'kNeighbors', 'an integer >= 1 or a NearestNeighbors with nNeighbors >= 2', this.options.kNeighbors);
    checkRandomState(this.options.randomState, this.samplerName);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const { nNeighbors, algorithm } = checkNeighborsOption(this.samplerName, 'kNeighbors', this.options.kNeighbors ?? 5);
    const byClass = rowsByClass(codes, ctx.counts, ctx.strategy.keys());
    const seed = this.options.randomState;
    // imbalanced-learn calls check_random_state per class: an integer seed restarts the stream,
    // a RandomState (or the unseeded default, numpy's global one) carries on.
    const shared: RandomState | null = typeof seed === 'number' ? null : checkRandomState(seed, this.samplerName);
    const nNew = [...ctx.strategy.values()].reduce((a, b) => a + b, 0);
    const out = startSynthetic(X, codes, nNew);
    let at = 0;
    for (const [code, n] of ctx.strategy) {
      if (n === 0) continue;
      const rows = byClass[code];
      if (nNeighbors > rows.length) {
        throw new RangeError(`Expected n_neighbors <= n_samples,  but n_samples = ${rows.length}, n_neighbors = ${nNeighbors}`);
      }
      const random = shared ?? checkRandomState(seed, this.samplerName);
      smoteClassInto(X, rows, { k: nNeighbors - 1, nNew: n, random, algorithm }, out.synthetic, at);
      out.codes.fill(code, X.rows + at, X.rows + at + n);
      at += n;
    }
    return out.output;
  }
}
