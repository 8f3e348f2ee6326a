import { formatValue, paramRangeError, paramTypeError } from '../../core/errors.js';
import type { Label, Matrix } from '../../core/types.js';
import { checkRandomState, type RandomStateLike } from '../../random/RandomState.js';
import { BaseOverSampler, type ResampleContext, type ResampleOutput } from '../base.js';
import { matchLabel, pyFloat, pyLabel, pySet, type SamplingStrategy } from '../samplingStrategy.js';
import { rowsByClass, startSynthetic } from './assemble.js';

/** Options of `RandomOverSampler` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface RandomOverSamplerOptions {
  /** Which classes to over-sample and how much; default `'auto'` (all but the majority). */
  samplingStrategy?: SamplingStrategy;
  /** An integer seed reproduces imbalanced-learn's output for `random_state=seed`. */
  randomState?: RandomStateLike;
  /**
   * `null` (default): plain bootstrap (copies of rows). A number >= 0, or a per-class object /
   * `Map` label → factor: smoothed bootstrap, adding Gaussian noise scaled by the factor.
   */
  shrinkage?: number | Map<Label, number> | Record<string, number> | null;
}

const KNOWN = ['samplingStrategy', 'randomState', 'shrinkage'] as const;
const SHRINKAGE_RULE = 'a number >= 0, an object or Map from label to number, or null';

/**
 * Random over-sampling: draws rows of each class to over-sample with replacement and appends
 * them (imbalanced-learn's `RandomOverSampler`). With `shrinkage`, a smoothed bootstrap (ROSE)
 * adds Gaussian noise of bandwidth `shrinkage * (4 / ((d + 2) n))^(1 / (d + 4)) * std(class)`.
 * Output: all input rows, then the new rows class by class; `sampleIndices` = `[0..n-1]` then
 * the bootstrap rows; `origin.base` = `origin.neighbor` = the bootstrap row, `step` = 0.
 *
 * @example
 * const res = new RandomOverSampler({ randomState: 0 }).fitResample(X, y);
 */
export class RandomOverSampler extends BaseOverSampler<RandomOverSamplerOptions> {
  protected override readonly readsXOnly = true;
  /** The per-class shrinkage factors used by the last fit (`null` without shrinkage). */
  shrinkage_: Map<Label, number> | null = null;

  constructor(options: RandomOverSamplerOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const s = this.options.shrinkage;
    if (typeof s === 'number') {
      if (!(s >= 0) || !Number.isFinite(s)) throw paramRangeError(this.samplerName, 'shrinkage', SHRINKAGE_RULE, s);
    } else if (!(s === null || s === undefined || s instanceof Map || (typeof s === 'object' && !Array.isArray(s) && !ArrayBuffer.isView(s)))) {
      throw paramTypeError(this.samplerName, 'shrinkage', SHRINKAGE_RULE, s);
    }
    checkRandomState(this.options.randomState, this.samplerName);
  }

  /** Shrinkage factor per class code to resample, with imbalanced-learn's checks. */
  private shrinkageByCode(ctx: ResampleContext): Map<number, number> | null {
    const s = this.options.shrinkage;
    if (s === null || s === undefined) { this.shrinkage_ = null; return null; }
    const byCode = new Map<number, number>();
    const byLabel = new Map<Label, number>();
    if (typeof s === 'number') {
      for (const code of ctx.strategy.keys()) { byCode.set(code, s); byLabel.set(ctx.classes[code], s); }
    } else {
      const stats = { classes: ctx.classes, counts: [] };
      for (const [key, value] of s instanceof Map ? s.entries() : Object.entries(s)) {
        const { index, label } = matchLabel(key, stats);
        if (typeof value !== 'number') throw new TypeError(`The shrinkage factor of class ${pyLabel(label)} must be a number. Got ${formatValue(value)}.`);
        byLabel.set(label, value);
        if (index >= 0) byCode.set(index, value);
      }
      const missing = [...ctx.strategy.keys()].filter((c) => !byCode.has(c)).map((c) => ctx.classes[c]);
      if (missing.length > 0) {
        throw new RangeError(`\`shrinkage\` should contain a shrinkage factor for each class that will be resampled. The missing classes are: ${pySet(missing)}`);
      }
      for (const [label, value] of byLabel) {
        if (value < 0) throw new RangeError(`The shrinkage factor needs to be >= 0. Got ${pyFloat(value)} for class ${pyLabel(label)}.`);
      }
    }
    this.shrinkage_ = byLabel;
    return byCode;
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const random = checkRandomState(this.options.randomState, this.samplerName);
    const shrinkage = this.shrinkageByCode(ctx);
    const byClass = rowsByClass(codes, ctx.counts, ctx.strategy.keys());
    const { rows: n, cols: d } = X;
    const nNew = [...ctx.strategy.values()].reduce((a, b) => a + b, 0);
    const out = startSynthetic(X, codes, nNew);
    const { data, base } = out.synthetic;
    const src = X.data;
    let at = 0;
    for (const [code, count] of ctx.strategy) {
      const classRows = byClass[code];
      const draw = random.randint(0, classRows.length, count);
      for (let i = 0; i < count; i++) {
        const r = classRows[draw[i]];
        base[at + i] = r;
        for (let j = 0, o = (at + i) * d, s = r * d; j < d; j++) data[o + j] = src[s + j];
      }
      if (shrinkage && count > 0) {
        const h = bandwidth(X, classRows, shrinkage.get(code)!, n);
        const noise = random.standardNormal(count * d);
        for (let i = 0; i < count; i++) {
          for (let j = 0, o = (at + i) * d; j < d; j++) data[o + j] = noise[i * d + j] * h[j] + data[o + j];
        }
      }
      out.codes.fill(code, n + at, n + at + count);
      at += count;
    }
    out.synthetic.neighbor.set(base);
    const sampleIndices = new Int32Array(n + nNew);
    for (let i = 0; i < n; i++) sampleIndices[i] = i;
    sampleIndices.set(base, n);
    return { ...out.output, sampleIndices };
  }
}

/** ROSE bandwidth per feature: `factor * (4 / ((d + 2) * n))^(1 / (d + 4)) * std(X[rows])` (population std). */
function bandwidth(X: Matrix, rows: Int32Array, factor: number, n: number): Float64Array {
  const d = X.cols;
  const mean = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += X.data[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= rows.length;
  const sq = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) { const t = X.data[r * d + j] - mean[j]; sq[j] += t * t; }
  const c = (4 / ((d + 2) * n)) ** (1 / (d + 4));
  return sq.map((s) => factor * c * Math.sqrt(s / rows.length));
}
