/**
 * The default estimator of `ClusterCentroids`. imbalanced-learn uses `KMeans(random_state)`;
 * the library's KMeans lives in `src/cluster` (written separately).
 * @internal
 */
import type { RandomStateLike } from '../../random/RandomState.js';
import type { ClusteringEstimator } from './clusterCentroids.js';

/** `KMeans({ randomState })` once the cluster module is available. */
export function defaultClusterer(_randomState: RandomStateLike): ClusteringEstimator {
  throw new Error('ClusterCentroids: no default KMeans is available yet; pass an `estimator` (an object with nClusters, fit and clusterCenters_).');
}
