/**
 * Exact nearest-neighbour search: `NearestNeighbors` and the search functions shared by every
 * neighbour-based sampler.
 */
export { NearestNeighbors } from './NearestNeighbors.js';
export type { NearestNeighborsOptions } from './NearestNeighbors.js';
export { searchNeighbors, searchNeighborsInArena, resolveAlgorithm, KD_LEAF_SIZE, KD_MAX_DIMENSION } from './search.js';
export type { KnnAlgorithm, KnnMethod, NeighborResult } from './search.js';
