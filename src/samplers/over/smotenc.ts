import { paramRangeError, paramTypeError } from '../../core/errors.js';
import type { Matrix } from '../../core/types.js';
import { checkRandomState, type RandomState, type RandomStateLike } from '../../random/RandomState.js';
import { BaseOverSampler, checkNeighborsOption, type NeighborsLike, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy } from '../samplingStrategy.js';
import { appendSynthetic, rowsByClass, type SyntheticBlock } from './assemble.js';
import { neighborsOfRows } from './neighborsOf.js';
import { smoteInterpolate } from './smoteCore.js';
import { mapIndices } from './generate.js';

/** Options of `SMOTENC` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface SMOTENCOptions {
  /** Categorical columns: their indices, or a boolean mask over the columns. Required. */
  categoricalFeatures: readonly number[] | readonly boolean[];
  /** Which classes to over-sample and how much; default `'auto'` (all but the majority). */
  samplingStrategy?: SamplingStrategy;
  /** An integer seed restarts the stream for every class, as imbalanced-learn. */
  randomState?: RandomStateLike;
  /** Neighbours used to make new rows (default 5), or a `NearestNeighbors` counting the row itself. */
  kNeighbors?: number | NeighborsLike;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

const KNOWN = ['categoricalFeatures', 'samplingStrategy', 'randomState', 'kNeighbors'] as const;

/** The column layout: continuous columns, then each categorical column's sorted categories. @internal */
interface Layout {
  continuous: number[];
  categorical: number[];
  categories: number[][];
}

/**
 * SMOTE-NC (Chawla et al., 2002) for data mixing continuous and categorical columns (categories
 * are numbers, any values). Distances use the continuous columns plus, per categorical column, a
 * one-hot block whose entries are `median(std of the class's continuous columns) / sqrt(2)` — so
 * a category mismatch costs one median standard deviation. New rows interpolate the continuous
 * columns as SMOTE (`origin` refers to them) and take, for each categorical column, the most
 * frequent category among the base row's `kNeighbors` neighbours (ties broken at random as
 * imbalanced-learn: a permutation of the tied pairs).
 *
 * Follows imbalanced-learn >= 0.12 (`/ sqrt(2)` scaling, median std per over-sampled class), which
 * changed results from 0.10 (`/ 2`). Output: input rows, then new rows class by class.
 * @example
 * const res = new SMOTENC({ categoricalFeatures: [2], randomState: 0 }).fitResample(X, y);
 */
export class SMOTENC extends BaseOverSampler<SMOTENCOptions> {
  protected override readonly readsXOnly = true;
  /** `median(std)` of the continuous columns, per over-sampled class code. */
  medianStd_?: Map<number, number>;
  /** Indices of the categorical columns. */
  categoricalFeatures_?: Int32Array;
  /** Indices of the continuous columns. */
  continuousFeatures_?: Int32Array;

  constructor(options: SMOTENCOptions = { categoricalFeatures: [] }) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    const { nNeighbors } = checkNeighborsOption(owner, 'kNeighbors', this.options.kNeighbors ?? 5);
    if (nNeighbors < 2) throw paramRangeError(owner, 'kNeighbors', 'an integer >= 1 or a NearestNeighbors with nNeighbors >= 2', this.options.kNeighbors);
    const cf = this.options.categoricalFeatures;
    if (!Array.isArray(cf)) throw paramTypeError(owner, 'categoricalFeatures', 'an array of column indices or a boolean mask', cf);
    checkRandomState(this.options.randomState, owner);
  }

  private layout(X: Matrix): Layout {
    const owner = this.samplerName;
    const cf = this.options.categoricalFeatures as readonly unknown[];
    let cat: number[];
    if (cf.length > 0 && cf.every((v) => typeof v === 'boolean')) {
      if (cf.length !== X.cols) throw new RangeError(`The boolean mask of 'categoricalFeatures' has ${cf.length} entries but X has ${X.cols} columns.`);
      cat = cf.flatMap((v, i) => (v ? [i] : []));
    } else {
      for (const v of cf) {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < -X.cols || v >= X.cols) {
          throw paramRangeError(owner, 'categoricalFeatures', `column indices in [0, ${X.cols})`, v);
        }
      }
      cat = [...new Set((cf as number[]).map((v) => (v < 0 ? v + X.cols : v)))].sort((a, b) => a - b);
    }
    if (cat.length === X.cols) throw new RangeError('SMOTE-NC is not designed to work only with categorical features. It requires some numerical features.');
    if (cat.length === 0) throw new RangeError('SMOTE-NC is not designed to work only with numerical features. It requires some categorical features.');
    const isCat = new Set(cat);
    const continuous = Array.from({ length: X.cols }, (_, i) => i).filter((i) => !isCat.has(i));
    const categories = cat.map((c) => {
      const s = new Set<number>();
      for (let i = 0; i < X.rows; i++) s.add(X.data[i * X.cols + c]);
      return [...s].sort((a, b) => a - b);
    });
    return { continuous, categorical: cat, categories };
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const owner = this.samplerName;
    const kOpt = checkNeighborsOption(owner, 'kNeighbors', this.options.kNeighbors ?? 5);
    const k = kOpt.nNeighbors - 1;
    const L = this.layout(X);
    this.categoricalFeatures_ = Int32Array.from(L.categorical);
    this.continuousFeatures_ = Int32Array.from(L.continuous);
    this.medianStd_ = new Map();
    const seed = this.options.randomState;
    const shared: RandomState | null = typeof seed === 'number' ? null : checkRandomState(seed, owner);
    const byClass = rowsByClass(codes, ctx.nClasses);
    const blocks: SyntheticBlock[] = [];
    const nCont = L.continuous.length;
    const offsets: number[] = [];
    let width = nCont;
    for (const cats of L.categories) { offsets.push(width); width += cats.length; }
    const catIndex = L.categories.map((cats) => new Map(cats.map((v, i) => [v, i])));
    for (const [code, nNew] of ctx.strategy) {
      if (nNew === 0) continue;
      const rows = byClass[code];
      const nc = rows.length;
      if (kOpt.nNeighbors > nc) throw new RangeError(`Expected n_neighbors <= n_samples,  but n_samples = ${nc}, n_neighbors = ${kOpt.nNeighbors}`);
      const med = medianStd(X, rows, L.continuous);
      this.medianStd_.set(code, med);
      const fill = med / Math.SQRT2;
      // encoded class rows: continuous columns, then the scaled one-hot blocks
      const enc = new Float64Array(nc * width);
      const catCodes = new Int32Array(nc * L.categorical.length);
      for (let r = 0; r < nc; r++) {
        const src = rows[r] * X.cols;
        for (let j = 0; j < nCont; j++) enc[r * width + j] = X.data[src + L.continuous[j]];
        L.categorical.forEach((c, f) => {
          const ci = catIndex[f].get(X.data[src + c])!;
          catCodes[r * L.categorical.length + f] = ci;
          enc[r * width + offsets[f] + ci] = fill;
        });
      }
      const Xe: Matrix = { data: enc, rows: nc, cols: width };
      const nn = neighborsOfRows(Xe, null, k, kOpt.algorithm);
      const random = shared ?? checkRandomState(seed, owner);
      const sample = random.randint(0, nc * k, nNew) as Int32Array;
      const steps = random.uniform(0, 1, nNew);
      const made = smoteInterpolate(enc, width, nn, k, sample, steps);
      // imbalanced-learn draws a fresh generator (integer seed) for the categorical votes
      const voteRandom = shared ?? checkRandomState(seed, owner);
      const chosen = voteCategories(made.base, nn, k, catCodes, L.categories.map((c) => c.length), fill, voteRandom);
      const out = new Float64Array(nNew * X.cols);
      for (let i = 0; i < nNew; i++) {
        for (let j = 0; j < nCont; j++) out[i * X.cols + L.continuous[j]] = made.data[i * width + j];
        L.categorical.forEach((c, f) => { out[i * X.cols + c] = L.categories[f][chosen[f][i]]; });
      }
      blocks.push({ code, data: out, base: mapIndices(made.base, rows), neighbor: mapIndices(made.neighbor, rows), step: steps });
    }
    return appendSynthetic(X, codes, blocks);
  }
}

/** `np.median(np.sqrt(var))` of the continuous columns over `rows` (population variance). */
function medianStd(X: Matrix, rows: Int32Array, continuous: number[]): number {
  const stds = continuous.map((c) => {
    let mean = 0;
    for (const r of rows) mean += X.data[r * X.cols + c];
    mean /= rows.length;
    let v = 0;
    for (const r of rows) v += (X.data[r * X.cols + c] - mean) ** 2;
    return Math.sqrt(v / rows.length);
  }).sort((a, b) => a - b);
  const m = stds.length;
  return m % 2 ? stds[(m - 1) / 2] : (stds[m / 2 - 1] + stds[m / 2]) / 2;
}

/**
 * imbalanced-learn's categorical vote: for each new row and categorical column, the categories
 * with the largest (scaled) count among the base row's k neighbours (`np.isclose` ties); one
 * permutation of all tied (row, category) pairs per column picks each row's winner.
 * @returns per column, the category index of each new row.
 * @internal
 */
export function voteCategories(base: Int32Array, nn: Int32Array, k: number, catCodes: Int32Array, nCategories: number[], fill: number, random: RandomState): Int32Array[] {
  const nF = nCategories.length;
  const n = base.length;
  const unit = fill === 0 ? 1 : fill; // a zero median std: the original one-hot (1s) votes
  return nCategories.map((nCat, f) => {
    const pairs: number[] = [];
    const sums = new Float64Array(nCat);
    for (let i = 0; i < n; i++) {
      sums.fill(0);
      for (let j = 0; j < k; j++) sums[catCodes[nn[base[i] * k + j] * nF + f]] += unit;
      let max = -Infinity;
      for (const s of sums) if (s > max) max = s;
      for (let c = 0; c < nCat; c++) if (Math.abs(sums[c] - max) <= 1e-8 + 1e-5 * Math.abs(max)) pairs.push(i, c);
    }
    const perm = random.permutation(pairs.length / 2);
    const out = new Int32Array(n).fill(-1);
    for (const p of perm) {
      const i = pairs[2 * p];
      if (out[i] === -1) out[i] = pairs[2 * p + 1];
    }
    return out;
  });
}
