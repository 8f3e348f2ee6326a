import { paramRangeError, paramTypeError } from '../../core/errors.js';
import { withArena } from '../../core/memory.js';
import type { Label, Matrix, MatrixLike } from '../../core/types.js';
import { checkRandomState, type RandomState, type RandomStateLike } from '../../random/RandomState.js';
import { clusterKernels } from '../../cluster/kernels.js';
import { MiniBatchKMeans } from '../../cluster/MiniBatchKMeans.js';
import { BaseOverSampler, checkNeighborsOption, type NeighborsLike, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy } from '../samplingStrategy.js';
import { appendPending, type PendingBlock } from './assemble.js';
import { drawSamples, pendingInterpolation } from './generate.js';
import { neighborsOfRows, rowsOf } from './neighborsOf.js';

/** What KMeansSMOTE needs of a clustering model: `nClusters` and `fitPredict` (like `KMeans`). */
export interface ClustererLike {
  nClusters: number;
  fitPredict(X: MatrixLike): ArrayLike<number>;
}

/** Options of `KMeansSMOTE` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface KMeansSMOTEOptions {
  /** Which classes to over-sample and how much; default `'auto'` (all but the majority). */
  samplingStrategy?: SamplingStrategy;
  /** Seed or `RandomState`, also given to the default `MiniBatchKMeans`. */
  randomState?: RandomStateLike;
  /** Neighbours used to make new rows (default 2), or a `NearestNeighbors` counting the row itself. */
  kNeighbors?: number | NeighborsLike;
  /** A number of clusters for a `MiniBatchKMeans`, or a clustering model (default `MiniBatchKMeans()`, 8 clusters). */
  kmeansEstimator?: number | ClustererLike;
  /** Least share of the class in a cluster to over-sample it; `'auto'` (default) = n / total asked / 2. */
  clusterBalanceThreshold?: number | 'auto';
  /** Exponent of the mean distance in the cluster sparsity; `'auto'` (default) = 0.16 * log_1.6(n)^1.8. */
  densityExponent?: number | 'auto';
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

const KNOWN = ['samplingStrategy', 'randomState', 'kNeighbors', 'kmeansEstimator', 'clusterBalanceThreshold', 'densityExponent'] as const;

/**
 * KMeans-SMOTE (Douzas et al., 2018): cluster the whole data with k-means, keep the clusters
 * where the class to over-sample is at least `clusterBalanceThreshold` of the rows (and has
 * more rows than `kNeighbors`), and share the new rows between them in proportion to their
 * sparsity (`meanDistance ^ densityExponent / nClassRows`): sparse clusters get more. Inside
 * each cluster new rows are made by SMOTE between rows of the class.
 *
 * As imbalanced-learn, each cluster gets `ceil(n * weight)` rows (the total can exceed the
 * number asked) and an integer `randomState` restarts the SMOTE draws in every cluster.
 * @throws RangeError when no cluster qualifies for a class ("No clusters found with sufficient samples
 * of class ...").
 * @example
 * const res = new KMeansSMOTE({ kmeansEstimator: 10, clusterBalanceThreshold: 0.1, randomState: 0 }).fitResample(X, y);
 */
export class KMeansSMOTE extends BaseOverSampler<KMeansSMOTEOptions> {
  /** The clustering model used by the last `fitResample`. */
  kmeansEstimator_?: ClustererLike;
  /**
   * Neither this sampler nor its own `MiniBatchKMeans` writes into X; a user-supplied model gets
   * X, so it gets a copy (it could write into it).
   */
  protected override readonly readsXOnly: boolean = !isUserModel(this.options.kmeansEstimator);

  constructor(options: KMeansSMOTEOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    const { nNeighbors } = checkNeighborsOption(owner, 'kNeighbors', this.options.kNeighbors ?? 2);
    if (nNeighbors < 2) throw paramRangeError(owner, 'kNeighbors', 'an integer >= 1 or a NearestNeighbors with nNeighbors >= 2', this.options.kNeighbors);
    const est = this.options.kmeansEstimator;
    if (typeof est === 'number') {
      if (!Number.isInteger(est) || est < 1) throw paramRangeError(owner, 'kmeansEstimator', 'an integer >= 1 or a KMeans-like model', est);
    } else if (est !== undefined && (est === null || typeof est !== 'object' || typeof (est as ClustererLike).fitPredict !== 'function')) {
      throw paramTypeError(owner, 'kmeansEstimator', 'an integer >= 1 or a KMeans-like model', est);
    }
    for (const name of ['clusterBalanceThreshold', 'densityExponent'] as const) {
      const v = this.options[name];
      if (v === undefined || v === 'auto') continue;
      if (typeof v !== 'number') throw paramTypeError(owner, name, "'auto' or a finite number", v);
      if (!Number.isFinite(v)) throw paramRangeError(owner, name, "'auto' or a finite number", v);
    }
    checkRandomState(this.options.randomState, owner);
  }

  private estimator(): ClustererLike {
    const est = this.options.kmeansEstimator;
    if (est === undefined) return new MiniBatchKMeans({ randomState: this.options.randomState });
    if (typeof est === 'number') return new MiniBatchKMeans({ nClusters: est, randomState: this.options.randomState });
    return est;
  }

  /** imbalanced-learn's `_find_cluster_sparsity`: mean off-diagonal distance ^ exponent / n. */
  private sparsity(Xc: Matrix): number {
    const n = Xc.rows;
    const sum = withArena((arena) => clusterKernels().cluster_pairwise_distance_sum(arena.f64From(Xc.data), n, Xc.cols));
    const mean = sum / (n * n - n);
    const e = this.options.densityExponent;
    const exponent = e === undefined || e === 'auto' ? (Math.log(n) / Math.log(1.6)) ** 1.8 * 0.16 : e;
    return mean ** exponent / n;
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const owner = this.samplerName;
    const kOpt = checkNeighborsOption(owner, 'kNeighbors', this.options.kNeighbors ?? 2);
    const k = kOpt.nNeighbors - 1;
    const model = this.estimator();
    this.kmeansEstimator_ = model;
    const threshold = model.nClusters !== 1 ? (this.options.clusterBalanceThreshold ?? 'auto') : -Infinity;
    const seed = this.options.randomState;
    const shared: RandomState | null = typeof seed === 'number' ? null : checkRandomState(seed, owner);
    let totalAsked = 0;
    for (const v of ctx.strategy.values()) totalAsked += v;
    const blocks: PendingBlock[] = [];
    for (const [code, nNew] of ctx.strategy) {
      if (nNew === 0) continue;
      // our own model gets the validated X as it is (no second validation pass)
      const ownModel = model instanceof MiniBatchKMeans && !isUserModel(this.options.kmeansEstimator);
      const labels = ownModel ? model.fitMatrix(X).labels_! : model.fitPredict(X);
      // our own model's labels are in range: only a user model's are checked row by row
      const { sizes, classRows: byCluster } = clusterClassRows(labels, model.nClusters, codes, code, ctx.counts[code], !ownModel);
      const valid: Int32Array[] = [];
      const validRows: Matrix[] = [];
      const sparsities: number[] = [];
      const balance = threshold === 'auto' ? nNew / totalAsked / 2 : threshold;
      for (let c = 0; c < model.nClusters; c++) {
        if (sizes[c] === 0) continue;
        const classRows = byCluster[c];
        const share = classRows.length / sizes[c];
        if (share < balance) continue;
        if (share * sizes[c] < kOpt.nNeighbors) continue;
        const Xc = rowsOf(X, classRows);
        valid.push(classRows);
        validRows.push(Xc);
        sparsities.push(this.sparsity(Xc));
      }
      if (valid.length === 0) {
        throw new RangeError(`No clusters found with sufficient samples of class ${formatLabel(ctx.classes[code])}. Try lowering the cluster_balance_threshold or increasing the number of clusters.`);
      }
      const total = sparsities.reduce((a, b) => a + b, 0);
      for (let v = 0; v < valid.length; v++) {
        const rows = valid[v];
        const Xc = validRows[v];
        const nn = neighborsOfRows(Xc, null, k, kOpt.algorithm);
        const nCluster = Math.ceil(nNew * (sparsities[v] / total));
        const { sample, steps } = drawSamples(Xc.rows, k, nCluster, shared ?? checkRandomState(seed, owner));
        blocks.push(pendingInterpolation(code, Xc, rows, Xc, rows, nn, k, sample, steps));
      }
    }
    return appendPending(X, codes, blocks);
  }
}

/**
 * The size of each of the `nClusters` clusters and its rows of class `code` (`nClass` of them in
 * all), in row order: one pass over the labels, then the class's rows bucketed (not every
 * cluster's members gathered first). With `check`, labels outside 0..nClusters-1 (a user
 * model's) fail with a TypeError naming the row.
 */
function clusterClassRows(
  labelsIn: ArrayLike<number>, nClusters: number, codes: Int32Array, code: number, nClass: number, check: boolean,
): { sizes: Int32Array; classRows: Int32Array[] } {
  const n = codes.length;
  if (check) {
    for (let i = 0; i < n; i++) {
      const l = labelsIn[i];
      if (!(Number.isInteger(l) && l >= 0 && l < nClusters)) throw new TypeError(`The clustering model gave the label ${l} for row ${i}; expected an integer in [0, ${nClusters}).`);
    }
  }
  // one array type in the loops below (a loop over any array-like reads through a slow path)
  const labels = labelsIn instanceof Int32Array ? labelsIn : Int32Array.from(labelsIn);
  const sizes = new Int32Array(nClusters);
  const perCluster = new Int32Array(nClusters);
  const rows = new Int32Array(nClass);
  for (let i = 0, r = 0; i < n; i++) {
    const l = labels[i];
    sizes[l]++;
    if (codes[i] === code) {
      perCluster[l]++;
      rows[r++] = i;
    }
  }
  const classRows = Array.from(perCluster, (m) => new Int32Array(m));
  const fill = new Int32Array(nClusters);
  for (const i of rows) classRows[labels[i]][fill[labels[i]]++] = i;
  return { sizes, classRows };
}

/** True when `kmeansEstimator` is a model given by the user (not a number or absent). */
function isUserModel(est: KMeansSMOTEOptions['kmeansEstimator']): boolean {
  return est !== undefined && typeof est !== 'number';
}

function formatLabel(label: Label): string {
  return typeof label === 'string' ? label : String(label);
}
