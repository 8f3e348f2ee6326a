import { checkBoolean } from '../../core/errors.js';
import { takeRows } from '../../core/matrix.js';
import type { Matrix } from '../../core/types.js';
import { checkRandomState, type RandomStateLike } from '../../random/RandomState.js';
import { BaseUnderSampler, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy } from '../samplingStrategy.js';
import { rowsByClass } from '../over/assemble.js';

/** Options of `RandomUnderSampler` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface RandomUnderSamplerOptions {
  /** Which classes to under-sample and to how many rows; default `'auto'` (all but the minority). */
  samplingStrategy?: SamplingStrategy;
  /** An integer seed reproduces imbalanced-learn's output for `random_state=seed`. */
  randomState?: RandomStateLike;
  /** Draw with replacement (default false). */
  replacement?: boolean;
}

const KNOWN = ['samplingStrategy', 'randomState', 'replacement'] as const;

/**
 * Random under-sampling: keeps a random subset of each class to under-sample
 * (imbalanced-learn's `RandomUnderSampler`). Output is grouped by class in sorted-label order;
 * a resampled class comes in the order drawn, other classes whole. `sampleIndices` gives the
 * input row of every output row.
 *
 * @example
 * const { X: Xr, y: yr, sampleIndices } = new RandomUnderSampler({ samplingStrategy: 0.5, randomState: 1 }).fitResample(X, y);
 */
export class RandomUnderSampler extends BaseUnderSampler<RandomUnderSamplerOptions> {
  protected override readonly readsXOnly = true;
  constructor(options: RandomUnderSamplerOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    checkBoolean(this.samplerName, 'replacement', this.options.replacement ?? false);
    checkRandomState(this.options.randomState, this.samplerName);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const random = checkRandomState(this.options.randomState, this.samplerName);
    const replacement = this.options.replacement ?? false;
    const byClass = rowsByClass(codes, ctx.counts);
    const total = byClass.reduce((s, rows, c) => s + (ctx.counts[c] === 0 ? 0 : ctx.strategy.get(c) ?? rows.length), 0);
    const keep = new Int32Array(total);
    const outCodes = new Int32Array(total);
    let r = 0;
    for (let c = 0; c < ctx.nClasses; c++) {
      const rows = byClass[c];
      if (rows.length === 0) continue;
      const n = ctx.strategy.get(c);
      if (n === undefined) {
        keep.set(rows, r);
      } else {
        const pick = random.choice(rows.length, n, replacement);
        for (let i = 0; i < n; i++) keep[r + i] = rows[pick[i]];
      }
      const len = n ?? rows.length;
      outCodes.fill(c, r, r + len);
      r += len;
    }
    return { X: takeRows(X, keep), codes: outCodes, sampleIndices: keep };
  }
}
