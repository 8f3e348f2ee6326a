import { checkInteger } from '../core/errors.js';
import { readMatrix } from '../core/matrix.js';
import type { MatrixLike } from '../core/types.js';
import { checkRandomState, type RandomStateLike } from '../random/RandomState.js';
import { BaseKMeans, checkClusters, checkInit, checkNInit, checkTol, initCenters, type KMeansInit, scaledTolerance } from './common.js';
import { lloyd } from './lloyd.js';

/** Options of `KMeans` (scikit-learn's names, camelCased; same defaults). */
export interface KMeansOptions {
  /** Number of clusters (default 8). */
  nClusters?: number;
  /** `'k-means++'` (default), `'random'` or the initial centres (`nClusters x d`). */
  init?: KMeansInit;
  /** Runs with different seedings, the best inertia kept; `'auto'` (default) = 1 for k-means++, 10 for random. */
  nInit?: number | 'auto';
  /** Lloyd iterations per run (default 300). */
  maxIter?: number;
  /** Convergence: total squared centre shift <= tol x mean feature variance (default 1e-4). */
  tol?: number;
  /** Seed or `RandomState` for the seeding. */
  randomState?: RandomStateLike;
}

const OWNER = 'KMeans';
const KNOWN = ['nClusters', 'init', 'nInit', 'maxIter', 'tol', 'randomState'];

/**
 * k-means clustering (scikit-learn's `KMeans`, Lloyd's algorithm): k-means++ seeding with the
 * library's `RandomState` (scikit-learn's greedy variant, `2 + ln k` local trials), then Lloyd
 * iterations whose assignment and centre sums run in WebAssembly. Empty clusters take the rows
 * farthest from their centre. Same algorithm as scikit-learn; results are close but not
 * bit-identical to it (scikit-learn computes distances through `|x|^2 - 2x.c + |c|^2`).
 * @example
 * const km = new KMeans({ nClusters: 3, randomState: 0 }).fit(X);
 * km.clusterCenters_; km.labels_; km.predict([[0, 1]]);
 */
export class KMeans extends BaseKMeans<KMeansOptions> {
  /** Stores the options (checked by `fit`). */
  constructor(options: KMeansOptions = {}) {
    super(options, KNOWN);
  }

  /** Clusters `X`; returns `this`. */
  override fit(X: MatrixLike): this {
    const o = this.options;
    // only read (copied into WebAssembly memory): a valid float64 Matrix is not copied first
    const Xm = readMatrix(X, { owner: OWNER });
    const k = checkClusters(OWNER, this.nClusters, Xm.rows);
    const init = checkInit(OWNER, o.init ?? 'k-means++', k);
    const nInit = checkNInit(OWNER, o.nInit, init, 10);
    const maxIter = checkInteger(OWNER, 'maxIter', o.maxIter ?? 300, 1);
    const tol = scaledTolerance(Xm, checkTol(OWNER, o.tol ?? 1e-4));
    const random = checkRandomState(o.randomState, OWNER);
    let best: ReturnType<typeof lloyd> | null = null;
    for (let r = 0; r < nInit; r++) {
      const run = lloyd(Xm, initCenters(Xm, init, k, random, OWNER), maxIter, tol);
      if (best === null || run.inertia < best.inertia) best = run;
    }
    this.clusterCenters_ = best!.centers;
    this.labels_ = best!.labels;
    this.inertia_ = best!.inertia;
    this.nIter_ = best!.nIter;
    return this;
  }
}
