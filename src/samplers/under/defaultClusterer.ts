/**
 * The default estimator of `ClusterCentroids`: imbalanced-learn's `KMeans(random_state)`.
 * @internal
 */
import { KMeans } from '../../cluster/KMeans.js';
import type { RandomStateLike } from '../../random/RandomState.js';
import type { ClusteringEstimator } from './clusterCentroids.js';

/** `new KMeans({ randomState })` (k-means++ initialisation, 10 runs, as scikit-learn 1.2). */
export function defaultClusterer(randomState: RandomStateLike): ClusteringEstimator {
  return new KMeans(randomState === undefined ? {} : { randomState });
}
