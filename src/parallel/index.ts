/**
 * Threads: the async API (`fitResampleAsync`, `fitAsync`: a whole call in a worker) and the
 * shared-memory worker pool behind `nJobs` (`searchNeighborsParallel`, `closePool`).
 */
export { fitResampleAsync, fitAsync } from './async.js';
export type { AsyncOptions, AsyncProgress, AsyncSampler, AsyncEstimator } from './async.js';
export { searchNeighborsParallel, searchNeighborsInArenaParallel } from './search.js';
export { setNJobs, getNJobs, resolveJobs, cpuCount } from './jobs.js';
export { closePool, preparePool, poolSize, poolMemoryBytes } from './pool.js';
