/** Option checks, initialisation and prediction shared by `KMeans` and `MiniBatchKMeans`. */
import { checkInteger, checkKnownOptions, checkNumber, paramRangeError, paramTypeError } from '../core/errors.js';
import { readF64, readI32, withArena } from '../core/memory.js';
import { readMatrix, toMatrix } from '../core/matrix.js';
import type { Matrix, MatrixLike } from '../core/types.js';
import type { RandomState } from '../random/RandomState.js';
import { clusterKernels } from './kernels.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';

/** How centres are initialised: k-means++, `k` random rows, or the centres given. */
export type KMeansInit = 'k-means++' | 'random' | MatrixLike;

/** The validated `init`: a name or a `k x d` matrix. @internal */
export function checkInit(owner: string, init: unknown, nClusters: number): 'k-means++' | 'random' | Matrix {
  if (init === 'k-means++' || init === 'random') return init;
  if (typeof init === 'string') throw paramRangeError(owner, 'init', "'k-means++', 'random' or an array of shape (nClusters, nFeatures)", init);
  if (init === null || typeof init !== 'object') throw paramTypeError(owner, 'init', "'k-means++', 'random' or an array of shape (nClusters, nFeatures)", init);
  const m = toMatrix(init as MatrixLike, { name: 'init', owner });
  if (m.rows !== nClusters) {
    throw new RangeError(`The shape of the initial centers (${m.rows}, ${m.cols}) does not match the number of clusters ${nClusters}.`);
  }
  return m;
}

/** Resolves `nInit` ('auto': 1 for k-means++ or given centres, else `autoRandom`). @internal */
export function checkNInit(owner: string, nInit: unknown, init: 'k-means++' | 'random' | Matrix, autoRandom: number): number {
  if (nInit === 'auto' || nInit === undefined) return init === 'random' ? autoRandom : 1;
  const v = checkInteger(owner, 'nInit', nInit, 1);
  return typeof init === 'object' ? 1 : v;
}

/** Checks `nClusters` against the data. @internal */
export function checkClusters(owner: string, nClusters: unknown, nSamples: number): number {
  const k = checkInteger(owner, 'nClusters', nClusters, 1);
  if (nSamples < k) throw new RangeError(`n_samples=${nSamples} should be >= n_clusters=${k}.`);
  return k;
}

/** Initial centres for one run. @internal */
export function initCenters(X: Matrix, init: 'k-means++' | 'random' | Matrix, k: number, random: RandomState, owner: string): Matrix {
  if (typeof init === 'object') {
    if (init.cols !== X.cols) throw new RangeError(`The shape of the initial centers (${init.rows}, ${init.cols}) does not match the number of features of the data ${X.cols}.`);
    return { data: init.data.slice(), rows: init.rows, cols: init.cols };
  }
  if (init === 'k-means++') return kmeansPlusPlus(X, k, random).centers;
  void owner;
  const perm = random.permutation(X.rows);
  const data = new Float64Array(k * X.cols);
  for (let c = 0; c < k; c++) data.set(X.data.subarray(perm[c] * X.cols, (perm[c] + 1) * X.cols), c * X.cols);
  return { data, rows: k, cols: X.cols };
}

/** Labels (nearest centre, ties to the smaller index) and inertia of `X` for `centers`. @internal */
export function assign(X: Matrix, centers: Matrix): { labels: Int32Array; inertia: number; d2: Float64Array } {
  return withArena((arena) => {
    const xp = arena.f64From(X.data);
    const cp = arena.f64From(centers.data);
    const lp = arena.i32(X.rows);
    const dp = arena.f64(X.rows);
    const kern = clusterKernels();
    const packed = arena.f64(kern.cluster_packed_f64(centers.rows, X.cols));
    const inertia = kern.cluster_assign(xp, X.rows, X.cols, cp, centers.rows, lp, dp, packed);
    return { labels: readI32(lp, X.rows), inertia, d2: readF64(dp, X.rows) };
  });
}

/** Validates data given to `predict` against the fitted centres. @internal */
export function checkPredictX(owner: string, X: MatrixLike, centers: Matrix | undefined): { Xm: Matrix; centers: Matrix } {
  if (!centers) throw new Error(`This ${owner} instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.`);
  const Xm = readMatrix(X, { owner }); // only read: copied into WebAssembly memory by `assign`
  if (Xm.cols !== centers.cols) throw new RangeError(`X has ${Xm.cols} features, but ${owner} is expecting ${centers.cols} features as input.`);
  return { Xm, centers };
}

/** scikit-learn's `_tolerance`: `tol` times the mean of the per-feature variances. @internal */
export function scaledTolerance(X: Matrix, tol: number): number {
  if (tol === 0) return 0;
  const { rows: n, cols: d } = X;
  let total = 0;
  for (let t = 0; t < d; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += X.data[i * d + t];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) { const e = X.data[i * d + t] - mean; v += e * e; }
    total += v / n;
  }
  return (total / d) * tol;
}

/** Checks a non-negative tolerance. @internal */
export function checkTol(owner: string, tol: unknown): number {
  return checkNumber(owner, 'tol', tol, { min: 0 });
}

/**
 * What KMeans and MiniBatchKMeans share: options stored by the constructor (checked by `fit`),
 * the fitted centres, labels and inertia, and prediction by nearest centre.
 */
export abstract class BaseKMeans<O extends { nClusters?: number }> {
  /** The options as given. */
  readonly options: Readonly<O>;
  /** Fitted centres (`nClusters x d`). */
  clusterCenters_?: Matrix;
  /** Cluster of each training row. */
  labels_?: Int32Array;
  /** Sum of squared distances of the training rows to their centre. */
  inertia_?: number;
  /** Iterations (KMeans: Lloyd iterations of the best run; MiniBatchKMeans: epochs). */
  nIter_?: number;

  /** Stores the options (checked by `fit`) after rejecting unknown keys. */
  constructor(options: O, knownKeys: readonly string[]) {
    checkKnownOptions(new.target.name, options, knownKeys);
    this.options = Object.freeze({ ...options });
  }

  /** Number of clusters asked. */
  get nClusters(): number {
    return this.options.nClusters ?? 8;
  }

  /** Clusters `X`; returns `this`. */
  abstract fit(X: MatrixLike): this;

  /** The nearest fitted centre of each row. */
  predict(X: MatrixLike): Int32Array {
    const { Xm, centers } = checkPredictX(this.constructor.name, X, this.clusterCenters_);
    return assign(Xm, centers).labels;
  }

  /** `fit(X)` then the training labels. */
  fitPredict(X: MatrixLike): Int32Array {
    return this.fit(X).labels_!;
  }
}
