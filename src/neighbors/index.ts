/**
 * Exact nearest-neighbour search: `NearestNeighbors` and the search functions shared by every
 * neighbour-based sampler.
 */
export { NearestNeighbors } from './NearestNeighbors.js';
export type { NearestNeighborsOptions } from './NearestNeighbors.js';
export { searchNeighbors, searchNeighborsInArena, resolveAlgorithm, KD_LEAF_SIZE, KD_MAX_DIMENSION, KD_ALWAYS_DIMENSION, KD_MID_DIMENSION_MIN_ROWS } from './search.js';
export type { KnnAlgorithm, KnnMethod, NeighborResult } from './search.js';
