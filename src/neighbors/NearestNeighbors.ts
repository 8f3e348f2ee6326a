/**
 * scikit-learn's `NearestNeighbors` (Euclidean metric): `fit` keeps the validated rows,
 * `kneighbors` runs the exact search of `./search.ts`.
 */
import { checkInteger, checkKnownOptions, checkOneOf } from '../core/errors.js';
import { toMatrix } from '../core/matrix.js';
import type { Matrix, MatrixLike } from '../core/types.js';
import { resolveJobs } from '../parallel/jobs.js';
import { type KnnAlgorithm, type KnnMethod, type NeighborResult, resolveAlgorithm, searchNeighbors } from './search.js';

/** Options of `NearestNeighbors` (scikit-learn's names, camelCased). */
export interface NearestNeighborsOptions {
  /** Neighbours returned by `kneighbors` when none is given (default 5). */
  nNeighbors?: number;
  /** `'auto'` (default; see `resolveAlgorithm`: KD-tree for low dimension, SIMD brute force otherwise), `'kd_tree'` or `'brute'`. */
  algorithm?: KnnAlgorithm;
  /**
   * Threads of `kneighbors` (scikit-learn's `n_jobs`): omitted/null = the `setNJobs` default
   * (initially automatic: every processor under Node for large searches), -1 = one per processor. Results do not depend on it.
   */
  nJobs?: number | null;
}

const OWNER = 'NearestNeighbors';
const ALGORITHMS: readonly KnnAlgorithm[] = ['auto', 'kd_tree', 'brute'];

/**
 * Unsupervised exact nearest neighbours with the Euclidean distance.
 * Results are row-major (`k` columns), nearest first; equal distances put the smaller training
 * row index first; distances equal a plain left-to-right float64 sum, then `sqrt`.
 * @example
 * const nn = new NearestNeighbors({ nNeighbors: 2 }).fit([[0, 0], [1, 0], [3, 0]]);
 * nn.kneighbors([[0.9, 0]]);     // { indices: Int32Array [1, 0], distances: Float64Array [0.1.., 0.9] }
 * nn.kneighbors();               // each training row's 2 neighbours, itself left out
 */
export class NearestNeighbors {
  /** Neighbours per query when `kneighbors` gets none. */
  readonly nNeighbors: number;
  /** The requested backend. */
  readonly algorithm: KnnAlgorithm;
  /** Threads of `kneighbors` (null: the `setNJobs` default). */
  readonly nJobs: number | null;
  /** Training rows (a validated copy); set by `fit`. */
  fitX_?: Matrix;
  /** Number of training rows; set by `fit`. */
  nSamplesFit?: number;
  /** Number of features seen by `fit`. */
  nFeaturesIn?: number;
  /** The backend `'auto'` resolved to at `fit` (scikit-learn's `_fit_method`). */
  fitMethod?: KnnMethod;

  /** Stores the options (validated by `fit`). */
  constructor(options: NearestNeighborsOptions = {}) {
    checkKnownOptions(OWNER, options, ['nNeighbors', 'algorithm', 'nJobs']);
    this.nNeighbors = options.nNeighbors ?? 5;
    this.algorithm = options.algorithm ?? 'auto';
    this.nJobs = options.nJobs ?? null;
  }

  /** The options (scikit-learn's `get_params`), e.g. to rebuild this object in a worker. */
  getParams(): NearestNeighborsOptions {
    return { nNeighbors: this.nNeighbors, algorithm: this.algorithm, nJobs: this.nJobs };
  }

  /** Validates the options and `X`, and keeps a copy of `X`. Returns `this`. */
  fit(X: MatrixLike): this {
    checkInteger(OWNER, 'nNeighbors', this.nNeighbors, 1);
    checkOneOf(OWNER, 'algorithm', this.algorithm, ALGORITHMS);
    resolveJobs(this.nJobs, OWNER);
    const Xm = toMatrix(X, { owner: OWNER });
    this.fitX_ = Xm;
    this.nSamplesFit = Xm.rows;
    this.nFeaturesIn = Xm.cols;
    this.fitMethod = resolveAlgorithm(this.algorithm, Xm.rows, Xm.cols, this.nNeighbors);
    return this;
  }

  /**
   * The `nNeighbors` nearest training rows of each row of `Xq`, or, without `Xq`, of each
   * training row with that row itself left out (its duplicates are kept), as scikit-learn.
   * @throws Error before `fit`; RangeError when more neighbours are asked than training rows
   * ("Expected n_neighbors <= n_samples, but n_samples = 5, n_neighbors = 6") or the number of
   * features differs; TypeError / RangeError for a bad `nNeighbors`.
   */
  kneighbors(Xq?: MatrixLike | null, nNeighbors?: number): NeighborResult {
    const fitX = this.fitX_;
    if (!fitX) {
      throw new Error(`This ${OWNER} instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.`);
    }
    const k = nNeighbors ?? this.nNeighbors;
    if (nNeighbors !== undefined) {
      if (typeof nNeighbors !== 'number') throw new TypeError(`n_neighbors does not take ${typeof nNeighbors} value, enter integer value. Got ${String(nNeighbors)}.`);
      if (!(nNeighbors > 0)) throw new RangeError(`Expected n_neighbors > 0. Got ${nNeighbors}`);
      if (!Number.isInteger(nNeighbors)) throw new TypeError(`n_neighbors does not take a non-integer value, enter integer value. Got ${nNeighbors}.`);
    }
    const queryIsTrain = Xq === undefined || Xq === null;
    let query: Matrix | null = null;
    if (!queryIsTrain) {
      query = toMatrix(Xq, { owner: OWNER, name: 'X', allowEmpty: true });
      if (query.cols !== fitX.cols) {
        throw new RangeError(`X has ${query.cols} features, but ${OWNER} is expecting ${fitX.cols} features as input.`);
      }
    }
    // scikit-learn counts the row itself when querying the training set
    const needed = queryIsTrain ? k + 1 : k;
    if (needed > fitX.rows) {
      throw new RangeError(`Expected n_neighbors <= n_samples, but n_samples = ${fitX.rows}, n_neighbors = ${needed}`);
    }
    if (query !== null && query.rows === 0) return { distances: new Float64Array(0), indices: new Int32Array(0) };
    const { distances, indices } = searchNeighbors(fitX, query, k, this.fitMethod, this.nJobs);
    return { distances, indices };
  }
}
