import { paramRangeError } from '../../core/errors.js';
import type { Matrix } from '../../core/types.js';
import { checkRandomState, type RandomState, type RandomStateLike } from '../../random/RandomState.js';
import { BaseOverSampler, checkNeighborsOption, type NeighborsLike, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy } from '../samplingStrategy.js';
import { appendSynthetic, rowsByClass, type SyntheticBlock } from './assemble.js';

/** Options of `SMOTEN` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface SMOTENOptions {
  /** Which classes to over-sample and how much; default `'auto'` (all but the majority). */
  samplingStrategy?: SamplingStrategy;
  /** An integer seed restarts the stream for every class, as imbalanced-learn. */
  randomState?: RandomStateLike;
  /** Neighbours voting for each new row (default 5, plus the row itself), or a `NearestNeighbors`. */
  kNeighbors?: number | NeighborsLike;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

const KNOWN = ['samplingStrategy', 'randomState', 'kNeighbors'] as const;

/**
 * The value difference metric of imbalanced-learn (`ValueDifferenceMetric`, k = 1, r = 2) on
 * ordinal-encoded data: `d(a, b) = sum_f (sum_c |P(c | a_f) - P(c | b_f)|)^2`, where
 * `P(c | v)` is the share of class c among the rows whose column f equals v.
 */
export class ValueDifferenceMetric {
  /** `proba[f][v * nClasses + c] = P(class c | column f = category v)`. */
  readonly proba: Float64Array[];
  readonly nClasses: number;

  /** Learns the class shares from category codes (`n x d`, codes `0..nCategories[f]-1`). */
  constructor(codes: Int32Array, nFeatures: number, nCategories: number[], classCodes: Int32Array, nClasses: number) {
    const n = classCodes.length;
    this.nClasses = nClasses;
    this.proba = nCategories.map((nCat, f) => {
      const p = new Float64Array(nCat * nClasses);
      for (let i = 0; i < n; i++) p[codes[i * nFeatures + f] * nClasses + classCodes[i]]++;
      for (let v = 0; v < nCat; v++) {
        let s = 0;
        for (let c = 0; c < nClasses; c++) s += p[v * nClasses + c];
        for (let c = 0; c < nClasses; c++) p[v * nClasses + c] = s > 0 ? p[v * nClasses + c] / s : 0;
      }
      return p;
    });
  }

  /** The distance between two rows of category codes. */
  distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
    let total = 0;
    const K = this.nClasses;
    for (let f = 0; f < this.proba.length; f++) {
      const p = this.proba[f];
      let l1 = 0;
      for (let c = 0; c < K; c++) l1 += Math.abs(p[a[f] * K + c] - p[b[f] * K + c]);
      total += l1 * l1;
    }
    return total;
  }

  /**
   * Pairwise distances of `n` rows of codes (`n x d`). Per column, the squared L1 distances
   * between the categories present are tabled once (at most `n x n` of them), then added up.
   */
  pairwise(codes: Int32Array, n: number): Float64Array {
    const d = this.proba.length;
    const K = this.nClasses;
    const out = new Float64Array(n * n);
    const local = new Int32Array(n);
    for (let f = 0; f < d; f++) {
      const p = this.proba[f];
      // the categories of this column present in the rows, numbered in order of appearance
      const ids = new Map<number, number>();
      const present: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = codes[i * d + f];
        let id = ids.get(v);
        if (id === undefined) { id = present.length; ids.set(v, id); present.push(v); }
        local[i] = id;
      }
      const u = present.length;
      const table = new Float64Array(u * u);
      for (let a = 0; a < u; a++) {
        for (let b = 0; b < u; b++) {
          let l1 = 0;
          for (let c = 0; c < K; c++) l1 += Math.abs(p[present[a] * K + c] - p[present[b] * K + c]);
          table[a * u + b] = l1 * l1;
        }
      }
      for (let i = 0; i < n; i++) {
        const row = local[i] * u;
        const o = i * n;
        for (let j = 0; j < n; j++) out[o + j] += table[row + local[j]];
      }
    }
    return out;
  }
}

/**
 * SMOTE-N (Chawla et al., 2002) for purely categorical data (categories are numbers, any values):
 * rows are compared with the value difference metric; each new row picks a random row of the
 * class and takes, column by column, the most frequent category among that row and its
 * `kNeighbors` nearest rows (ties: the smallest category, as `scipy.stats.mode`).
 *
 * As imbalanced-learn: `choice(nClassRows, n)` per class (an integer seed restarts the stream),
 * neighbours from the precomputed distance matrix with the row itself included. Rows at equal
 * distance are ordered by index (scikit-learn's order among exact ties is unspecified).
 * `origin.base` is the row drawn, `origin.neighbor` its nearest other row, `origin.step` 0.
 * @example
 * const res = new SMOTEN({ randomState: 0 }).fitResample([[0, 1], [1, 1], [0, 0], [1, 0], [1, 1]], [0, 0, 0, 1, 1]);
 */
export class SMOTEN extends BaseOverSampler<SMOTENOptions> {
  protected override readonly readsXOnly = true;
  /** The metric fitted by the last `fitResample`. */
  vdm_?: ValueDifferenceMetric;
  /** Sorted categories of each column. */
  categories_?: number[][];

  constructor(options: SMOTENOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    const { nNeighbors } = checkNeighborsOption(owner, 'kNeighbors', this.options.kNeighbors ?? 5);
    if (nNeighbors < 2) throw paramRangeError(owner, 'kNeighbors', 'an integer >= 1 or a NearestNeighbors with nNeighbors >= 2', this.options.kNeighbors);
    checkRandomState(this.options.randomState, owner);
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const owner = this.samplerName;
    const { nNeighbors } = checkNeighborsOption(owner, 'kNeighbors', this.options.kNeighbors ?? 5);
    const { rows: n, cols: d } = X;
    // ordinal encoding (sorted categories per column, as OrdinalEncoder)
    const categories: number[][] = [];
    const enc = new Int32Array(n * d);
    for (let f = 0; f < d; f++) {
      const s = new Set<number>();
      for (let i = 0; i < n; i++) s.add(X.data[i * d + f]);
      const cats = [...s].sort((a, b) => a - b);
      const index = new Map(cats.map((v, i) => [v, i]));
      for (let i = 0; i < n; i++) enc[i * d + f] = index.get(X.data[i * d + f])!;
      categories.push(cats);
    }
    this.categories_ = categories;
    const vdm = new ValueDifferenceMetric(enc, d, categories.map((c) => c.length), codes, ctx.nClasses);
    this.vdm_ = vdm;
    const seed = this.options.randomState;
    const shared: RandomState | null = typeof seed === 'number' ? null : checkRandomState(seed, owner);
    const byClass = rowsByClass(codes, ctx.nClasses);
    const blocks: SyntheticBlock[] = [];
    for (const [code, nNew] of ctx.strategy) {
      if (nNew === 0) continue;
      const rows = byClass[code];
      const nc = rows.length;
      if (nNeighbors > nc) throw new RangeError(`Expected n_neighbors <= n_samples,  but n_samples = ${nc}, n_neighbors = ${nNeighbors}`);
      const cls = new Int32Array(nc * d);
      for (let r = 0; r < nc; r++) cls.set(enc.subarray(rows[r] * d, rows[r] * d + d), r * d);
      const nn = nearestPrecomputed(vdm.pairwise(cls, nc), nc, nNeighbors);
      const random = shared ?? checkRandomState(seed, owner);
      const picks = random.randint(0, nc, nNew) as Int32Array;
      const data = new Float64Array(nNew * d);
      const group = new Int32Array(nNeighbors);
      for (let i = 0; i < nNew; i++) {
        const base = picks[i] * nNeighbors;
        for (let f = 0; f < d; f++) {
          // scipy.stats.mode of the group's codes: most frequent, ties to the smallest
          for (let j = 0; j < nNeighbors; j++) group[j] = cls[nn[base + j] * d + f];
          group.sort();
          let best = group[0];
          let bestRun = 0;
          for (let j = 0; j < nNeighbors;) {
            let e = j;
            while (e < nNeighbors && group[e] === group[j]) e++;
            if (e - j > bestRun) { bestRun = e - j; best = group[j]; }
            j = e;
          }
          data[i * d + f] = categories[f][best];
        }
      }
      const baseRows = Int32Array.from(picks, (p) => rows[p]);
      const neighborRows = Int32Array.from(picks, (p) => {
        for (let j = 0; j < nNeighbors; j++) if (nn[p * nNeighbors + j] !== p) return rows[nn[p * nNeighbors + j]];
        return rows[p];
      });
      blocks.push({ code, data, base: baseRows, neighbor: neighborRows, step: new Float64Array(nNew) });
    }
    return appendSynthetic(X, codes, blocks);
  }
}

/**
 * The `k` smallest entries of each row of an `n x n` precomputed distance matrix (the row itself
 * included), nearest first, equal distances by smaller index. @internal
 */
export function nearestPrecomputed(dist: Float64Array, n: number, k: number): Int32Array {
  const out = new Int32Array(n * k);
  for (let i = 0; i < n; i++) {
    const row = dist.subarray(i * n, i * n + n);
    // partial selection: keep the k best in a small sorted buffer
    let filled = 0;
    for (let j = 0; j < n; j++) {
      const v = row[j];
      if (filled === k && v >= row[out[i * k + k - 1]]) continue;
      let p = filled < k ? filled++ : k - 1;
      while (p > 0 && row[out[i * k + p - 1]] > v) { out[i * k + p] = out[i * k + p - 1]; p--; }
      out[i * k + p] = j;
    }
  }
  return out;
}
