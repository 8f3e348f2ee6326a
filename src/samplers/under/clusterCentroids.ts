/**
 * imbalanced-learn's `ClusterCentroids`: replaces each under-sampled class by the centroids of a
 * k-means clustering of its rows (`'soft'` voting) or by the rows nearest to them (`'hard'`).
 */
import { checkOneOf, paramTypeError } from '../../core/errors.js';
import { takeRows, toMatrix, vstack } from '../../core/matrix.js';
import type { Matrix, MatrixLike } from '../../core/types.js';
import { searchNeighbors } from '../../neighbors/search.js';
import type { RandomStateLike } from '../../random/RandomState.js';
import { checkRandomState } from '../../random/RandomState.js';
import { BaseUnderSampler, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy } from '../samplingStrategy.js';
import { rowsByClass } from '../over/assemble.js';
import { defaultClusterer } from './defaultClusterer.js';

/** A k-means-like estimator: built from options holding `nClusters`, fitted on rows, exposing `clusterCenters_`. */
export interface ClusteringEstimator {
  fit(X: MatrixLike): unknown;
  /** Number of clusters (scikit-learn's `n_clusters`), if not among the options. */
  nClusters?: number;
  /** The centroids after `fit` (`nClusters` rows). */
  clusterCenters_?: Matrix | number[][];
  /** Constructor options (`getParams()`, `params` or `options`); `nClusters` must be one of them or a property. */
  getParams?(): object;
  params?: object;
  options?: object;
}

/** Options of `ClusterCentroids` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface ClusterCentroidsOptions {
  /** Which classes to under-sample and to how many rows (= clusters); default `'auto'`. */
  samplingStrategy?: SamplingStrategy;
  /** Seed of the default `KMeans` (k-means++ initialisation). */
  randomState?: RandomStateLike;
  /**
   * The clustering estimator (default `new KMeans({ randomState })`); a fresh one is built per
   * class with `nClusters` set to the number of rows to keep, as imbalanced-learn's `set_params`.
   */
  estimator?: ClusteringEstimator | null;
  /** `'auto'` (default; `'soft'` for dense data), `'soft'` (the centroids) or `'hard'` (the nearest row of each centroid). */
  voting?: 'auto' | 'soft' | 'hard';
}

const KNOWN = ['samplingStrategy', 'randomState', 'estimator', 'voting'] as const;

/** The estimator's constructor options. */
function paramsOf(estimator: ClusteringEstimator): Record<string, unknown> | undefined {
  if (typeof estimator.getParams === 'function') return estimator.getParams() as Record<string, unknown>;
  return (estimator.params ?? estimator.options) as Record<string, unknown> | undefined;
}

/** A fresh estimator of the same class and options with `nClusters` clusters. */
function withClusters(estimator: ClusteringEstimator, nClusters: number): ClusteringEstimator {
  const params = paramsOf(estimator);
  if (!params || !('nClusters' in params || 'nClusters' in estimator)) {
    throw new RangeError('`estimator` should be a clustering estimator exposing a parameter `nClusters` (n_clusters) and a fitted parameter `clusterCenters_` (cluster_centers_).');
  }
  const Ctor = estimator.constructor as new (options: object) => ClusteringEstimator;
  return new Ctor({ ...params, nClusters });
}

/**
 * Under-sampling by cluster centroids (imbalanced-learn's `ClusterCentroids`): each class to
 * under-sample to n rows is clustered into n clusters by the estimator (default k-means with
 * k-means++ initialisation, seeded by `randomState`); with `'soft'` voting (the default for dense
 * data) the n centroids replace the class, with `'hard'` voting the class row nearest to each
 * centroid does. Output is grouped by class in sorted-label order. Like imbalanced-learn, it has
 * no `sampleIndices` (soft-voting rows are new points).
 *
 * @example
 * const { X: Xr, y: yr } = new ClusterCentroids({ randomState: 0, voting: 'hard' }).fitResample(X, y);
 */
export class ClusterCentroids extends BaseUnderSampler<ClusterCentroidsOptions> {
  /** The voting used by the last `fitResample` (`'auto'` resolved). */
  voting_?: 'soft' | 'hard';

  /** Stores the options (validated by `fitResample`). */
  constructor(options: ClusterCentroidsOptions = {}) {
    super(options, KNOWN);
  }

  protected override validateOptions(): void {
    const owner = this.samplerName;
    checkOneOf(owner, 'voting', this.options.voting ?? 'auto', ['auto', 'soft', 'hard']);
    checkRandomState(this.options.randomState, owner);
    const est = this.options.estimator;
    if (est !== undefined && est !== null && (typeof est !== 'object' || typeof est.fit !== 'function')) {
      throw paramTypeError(owner, 'estimator', 'a clustering estimator with fit and clusterCenters_, or null', est);
    }
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const voting = (this.options.voting ?? 'auto') === 'hard' ? 'hard' : 'soft';
    this.voting_ = voting;
    const template = this.options.estimator ?? defaultClusterer(this.options.randomState);
    const byClass = rowsByClass(codes, ctx.nClasses);
    const parts: Matrix[] = [];
    const partCodes: number[] = [];
    for (let c = 0; c < ctx.nClasses; c++) {
      const Xc = takeRows(X, byClass[c]);
      const n = ctx.strategy.get(c);
      let part = Xc;
      if (n !== undefined) {
        const model = withClusters(template, n);
        model.fit(Xc);
        if (model.clusterCenters_ === undefined) {
          throw new RangeError('`estimator` should be a clustering estimator exposing a fitted parameter `clusterCenters_` (cluster_centers_).');
        }
        const centers = toMatrix(model.clusterCenters_, { owner: this.samplerName, name: 'clusterCenters_' });
        part = voting === 'soft' ? centers : takeRows(Xc, searchNeighbors(Xc, centers, 1).indices);
      }
      parts.push(part);
      for (let r = 0; r < part.rows; r++) partCodes.push(c);
    }
    return { X: vstack(parts), codes: Int32Array.from(partCodes) };
  }
}
