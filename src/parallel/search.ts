/**
 * The exact neighbour search on several threads: the same kernels and the same results as
 * `searchNeighbors` (bit for bit), with the query rows split into chunks that the calling
 * thread and the pool's workers take in turn. Inputs are copied into the pool's shared memory
 * and the KD-tree is built there by the calling thread; workers only run queries.
 */
import { type Arena, type Ptr, f64View, i32View, u8View } from '../core/memory.js';
import type { Matrix } from '../core/types.js';
import {
  KD_LEAF_SIZE, registerParallelSearch, resolveAlgorithm, searchNeighborsInArena, searchNeighbors,
  type KnnAlgorithm, type KnnMethod, type NeighborResult,
} from '../neighbors/search.js';
import type { KnnJob } from './chunks.js';
import { getPool, type Pool, type PoolArena } from './pool.js';
import { isAutomaticJobs, resolveJobs } from './jobs.js';
import { tileRounds } from './selfTiles.js';

/** Chunks per thread: enough to even out uneven chunks, few enough to keep overheads small. */
export const CHUNKS_PER_THREAD = 8;
/** Queries below this many rows are not worth a thread hand-off. */
export const MIN_PARALLEL_QUERIES = 2048;

/**
 * Builds the KD-tree over `fit` on `nThreads`: this thread splits the top nodes until there
 * are a few subtrees per thread, then every thread builds whole subtrees. The tree is the one
 * `knn_kdtree_build` makes (each subtree keeps its heap node number, where its boxes go).
 */
function buildTreeOnPool(p: Pool, job: KnnJob, nThreads: number): void {
  const { tree, perm, split, nFit, d, leafSize } = job;
  p.kern.par_kdtree_init(job.fit, nFit, d, tree, perm);
  // [lo, hi, heap node] per subtree
  let ranges = [0, nFit - 1, 0];
  const wanted = nThreads * CHUNKS_PER_THREAD;
  while (ranges.length / 3 < wanted) {
    const next: number[] = [];
    let splitAny = false;
    for (let r = 0; r < ranges.length; r += 3) {
      const node = ranges[r + 2];
      const m = p.kern.par_kdtree_split(tree, perm, split, nFit, d, leafSize, ranges[r], ranges[r + 1], node);
      if (m < 0) continue;
      splitAny = true;
      next.push(ranges[r], m - 1, 2 * node + 1, m + 1, ranges[r + 1], 2 * node + 2);
    }
    ranges = next;
    if (!splitAny || ranges.length === 0) break;
  }
  if (ranges.length === 0) return;
  const buildJob: KnnJob = { ...job, method: 2, ranges, nChunks: ranges.length / 3 };
  p.run(buildJob, Math.min(nThreads - 1, buildJob.nChunks - 1));
}

/** 4-row groups per `knn_brute_self_tile` call (as the one-thread path's steps). */
const SELF_GROUPS_PER_CALL = 64;

/**
 * A brute-force self query on `nThreads`: the one-thread symmetric search (each pair of rows
 * computed once, offered to both heaps) in rounds of tiles with disjoint heaps (selfTiles.ts).
 * Same result as one thread, bit for bit (a heap keeps the k smallest (distance, index) pairs
 * whatever the order they come in).
 */
function runSelfOnPool(
  p: Pool, arena: PoolArena, fit: number, nFit: number, d: number, k: number, excludeSelf: boolean,
  outIdx: number, outDist: number, nThreads: number,
): void {
  const packed = arena.f64(p.kern.knn_brute_scratch_f64(nFit, d));
  p.kern.knn_brute_self_prepare(fit, nFit, d, k, outIdx, outDist, packed);
  for (const round of tileRounds((nFit + 3) >> 2, nThreads)) {
    if (round.length === 0) continue;
    const job: KnnJob = {
      method: 4, ranges: round.flat(), nFit, d, leafSize: 0, tree: 0, perm: 0, split: 0, fit, query: 0, nQuery: nFit, k,
      excludeSelf: excludeSelf ? 1 : 0, outIdx, outDist, chunkRows: SELF_GROUPS_PER_CALL, nChunks: round.length, slots: [], packed,
    };
    p.run(job, Math.min(nThreads, round.length) - 1);
  }
  p.kern.knn_brute_finish(outIdx, outDist, nFit, k);
}

/**
 * Brute-force separate queries with many fit rows: each thread packs and scans one range of the
 * fit rows for every query (`knn_brute_heaps`), so no two threads pack the same rows; the
 * ranges' heaps are then merged (`par_knn_merge_heaps`) and sorted. A heap keeps the k smallest
 * (squared distance, index) pairs whatever the order they come in: the result is the
 * one-thread result, bit for bit.
 */
function runFitRangesOnPool(
  p: Pool, arena: PoolArena, fit: number, nFit: number, d: number, query: number, nQuery: number, k: number,
  outIdx: number, outDist: number, nThreads: number,
): void {
  const nChunks = Math.min(nThreads, Math.floor(nFit / k));
  const per = Math.ceil(nFit / nChunks);
  const ranges: number[] = [];
  for (let c = 0; c < nChunks; c++) {
    const lo = c * per;
    const hi = Math.min(nFit, lo + per);
    // range 0 writes the output heaps; the others their own
    ranges.push(lo, hi, c === 0 ? outIdx : arena.i32(nQuery * k), c === 0 ? outDist : arena.f64(nQuery * k));
  }
  const slots: KnnJob['slots'] = [];
  for (let s = 0; s < Math.min(nThreads, nChunks); s++) {
    slots.push({ stk: 0, off: 0, buildStk: 0, pairs: arena.f64(p.kern.knn_brute_scratch_f64(per, d)), tmpIdx: 0, tmpDist: 0 });
  }
  const job: KnnJob = {
    method: 5, ranges, nFit, d, leafSize: 0, tree: 0, perm: 0, split: 0, fit, query, nQuery, k,
    excludeSelf: 0, outIdx, outDist, chunkRows: 0, nChunks, slots,
  };
  p.run(job, slots.length - 1);
  for (let c = 1; c < nChunks; c++) p.kern.par_knn_merge_heaps(outIdx, outDist, ranges[4 * c + 2], ranges[4 * c + 3], nQuery, k, ranges[4 * c]);
  p.kern.knn_brute_finish(outIdx, outDist, nQuery, k);
}

/** Allocates the job's buffers in the pool (inputs already there) and runs it on `nThreads`. */
function runOnPool(
  p: Pool, arena: PoolArena, method: KnnMethod, fit: number, nFit: number, d: number,
  query: number, nQuery: number, k: number, excludeSelf: boolean, outIdx: number, outDist: number, nThreads: number,
): void {
  if (method === 'brute' && query === 0) {
    runSelfOnPool(p, arena, fit, nFit, d, k, excludeSelf, outIdx, outDist, nThreads);
    return;
  }
  // every brute-force chunk of queries packs all fit rows: with many, split the fit rows instead
  const packHeavy = method === 'brute' && nFit * d >= BRUTE_PACK_HEAVY_VALUES;
  if (packHeavy && !excludeSelf) {
    runFitRangesOnPool(p, arena, fit, nFit, d, query, nQuery, k, outIdx, outDist, nThreads);
    return;
  }
  const kIn = excludeSelf ? k + 1 : k;
  const chunkRows = Math.max(
    method === 'brute' ? MIN_BRUTE_CHUNK : 256,
    Math.ceil(nQuery / (packHeavy ? nThreads : nThreads * CHUNKS_PER_THREAD)),
  );
  const nChunks = Math.ceil(nQuery / chunkRows);
  const kd = method === 'kd_tree';
  const tree = kd ? arena.f64(p.kern.knn_kdtree_tree_f64(nFit, d, KD_LEAF_SIZE)) : 0;
  const perm = kd ? arena.i32(nFit) : 0;
  const split = kd ? arena.i32(nFit) : 0;
  const slots: KnnJob['slots'] = [];
  const needsTmp = excludeSelf || (query === 0 && kd);
  for (let s = 0; s < nThreads; s++) {
    slots.push({
      stk: kd ? arena.f64(p.kern.knn_kdtree_query_stack_f64(d)) : 0,
      off: kd ? arena.f64(d) : 0,
      buildStk: kd ? arena.i32(p.kern.knn_kdtree_build_stack_i32()) : 0,
      pairs: kd ? 0 : arena.f64(p.kern.knn_brute_scratch_f64(nFit, d)),
      tmpIdx: needsTmp ? arena.i32(chunkRows * kIn) : 0,
      tmpDist: needsTmp ? arena.f64(chunkRows * kIn) : 0,
    });
  }
  const job: KnnJob = {
    method: kd ? 0 : 1, ranges: [], nFit, d, leafSize: KD_LEAF_SIZE, tree, perm, split, fit, query, nQuery, k,
    excludeSelf: excludeSelf ? 1 : 0, outIdx, outDist, chunkRows, nChunks, slots,
  };
  if (kd) buildTreeOnPool(p, job, nThreads);
  p.run(job, Math.min(nThreads - 1, nChunks - 1));
}

/** Automatic threading of a brute-force search starts at this many distance terms (nQuery · nFit · d, a few ms). */
export const AUTO_MIN_BRUTE_TERMS = 2 ** 25;
/** Automatic threading of a KD-tree search starts at this many queries (about 10 ms of work at d = 2). */
export const AUTO_MIN_KD_QUERIES = 20_000;
/**
 * ... or at this many fit rows, whatever the queries: the tree's build is then the larger cost
 * (100,000 × 2: about 10 ms on one thread, most of ADASYN's and BorderlineSMOTE's 1,000 minority
 * queries), and the threads build its subtrees (`buildTreeOnPool`).
 */
export const AUTO_MIN_KD_BUILD_ROWS = 2 ** 16;

/**
 * Whether a search with the automatic thread count should use the pool: only when the work
 * repays copying into shared memory and the hand-off.
 */
function worthThreads(method: KnnMethod, self: boolean, nQuery: number, nFit: number, d: number): boolean {
  // self queries compute each pair once: half the terms
  if (method === 'brute') return (self ? nQuery * nFit * d / 2 : nQuery * nFit * d) >= AUTO_MIN_BRUTE_TERMS;
  return nQuery >= AUTO_MIN_KD_QUERIES || nFit >= AUTO_MIN_KD_BUILD_ROWS;
}

/**
 * Enough queries to split: MIN_PARALLEL_QUERIES, or for brute force (whose every query costs
 * nFit · d) enough distance terms and at least two chunks of MIN_BRUTE_CHUNK rows; any number
 * for a KD-tree of AUTO_MIN_KD_BUILD_ROWS rows or more (its build is shared).
 */
function enoughQueries(method: KnnMethod, nQuery: number, nFit: number, d: number): boolean {
  if (nQuery >= MIN_PARALLEL_QUERIES) return true;
  // a large tree: its build is shared out, however few the queries
  if (method === 'kd_tree' && nFit >= AUTO_MIN_KD_BUILD_ROWS) return true;
  // many fit rows: the threads split the fit rows (runFitRangesOnPool), so any number of queries
  const splits = nQuery >= 2 * MIN_BRUTE_CHUNK || nFit * d >= BRUTE_PACK_HEAVY_VALUES;
  return method === 'brute' && splits && nQuery * nFit * d >= AUTO_MIN_BRUTE_TERMS;
}

/** Fit values (rows × features) from which packing the fit rows is worth avoiding per chunk. */
export const BRUTE_PACK_HEAVY_VALUES = 2 ** 18;

/** Smallest chunk of brute-force queries (a few hundred thousand distance terms at least, given enoughQueries). */
export const MIN_BRUTE_CHUNK = 32;

/**
 * True without a mask or when at least half its rows are selected: the threads then query every
 * row (rows outside a mask have unspecified output, so computing them is allowed); a sparse
 * mask is cheaper on one thread, which skips the unselected rows.
 */
function mostlySelected(maskPtr: Ptr, n: number): boolean {
  if (maskPtr === 0) return true;
  const mask = u8View(maskPtr, n);
  let selected = 0;
  for (let i = 0; i < n; i++) if (mask[i] !== 0) selected++;
  return 2 * selected >= n;
}

/**
 * `searchNeighborsInArena` on `nJobs` threads: reads the inputs from the library's memory,
 * searches in the pool's shared memory and writes the results to `outIdxPtr` / `outDistPtr`.
 * Same arguments and results as `searchNeighborsInArena`; falls back to it for one job, small
 * queries, a sparse `maskPtr`, or where threads are unavailable (with a one-time console notice).
 * @returns the backend used.
 */
export function searchNeighborsInArenaParallel(
  arena: Arena, fitPtr: Ptr, nFit: number, d: number, queryPtr: Ptr, nQuery: number, k: number,
  excludeSelf: boolean, outIdxPtr: Ptr, outDistPtr: Ptr, algorithm: KnnAlgorithm = 'auto', maskPtr: Ptr = 0,
  nJobs?: number | null,
): KnnMethod {
  if (queryPtr === 0) nQuery = nFit;
  else maskPtr = 0;
  const threads = resolveJobs(nJobs);
  const planned = resolveAlgorithm(algorithm, nFit, d, k);
  const worth = !isAutomaticJobs(nJobs) || worthThreads(planned, queryPtr === 0, nQuery, nFit, d);
  const p = threads > 1 && worth && enoughQueries(planned, nQuery, nFit, d) && mostlySelected(maskPtr, nFit) ? getPool() : null;
  if (!p) return searchNeighborsInArena(arena, fitPtr, nFit, d, queryPtr, nQuery, k, excludeSelf, outIdxPtr, outDistPtr, algorithm, maskPtr, 1);
  const method = resolveAlgorithm(algorithm, nFit, d, k);
  p.withArena((pa) => {
    const fit = pa.f64(nFit * d);
    const query = queryPtr === 0 ? 0 : pa.f64(nQuery * d);
    const outIdx = pa.i32(nQuery * k);
    const outDist = pa.f64(nQuery * k);
    p.f64View(fit, nFit * d).set(f64View(fitPtr, nFit * d));
    if (query !== 0) p.f64View(query, nQuery * d).set(f64View(queryPtr, nQuery * d));
    runOnPool(p, pa, method, fit, nFit, d, query, nQuery, k, excludeSelf, outIdx, outDist, threads);
    i32View(outIdxPtr, nQuery * k).set(p.i32View(outIdx, nQuery * k));
    f64View(outDistPtr, nQuery * k).set(p.f64View(outDist, nQuery * k));
  });
  return method;
}

/**
 * `searchNeighbors` on `nJobs` threads (`-1`: one per processor): exact Euclidean neighbours,
 * identical to the single-thread search. Under Node the pool starts on first use; in browsers
 * it needs cross-origin isolation, a Web Worker and `await preparePool()`, and otherwise runs on
 * one thread after a one-time console notice.
 * @example
 * const { indices } = searchNeighborsParallel(X, null, 3, 'auto', 2); // 3 neighbours of each row
 */
export function searchNeighborsParallel(
  fit: Matrix, query: Matrix | null, k: number, algorithm: KnnAlgorithm = 'auto', nJobs?: number | null,
): NeighborResult & { method: KnnMethod } {
  const threads = resolveJobs(nJobs);
  const nQuery = query === null ? fit.rows : query.rows;
  const p = poolForSearch(fit.rows, query === null ? null : nQuery, fit.cols, k, algorithm, nJobs);
  if (!p) return searchNeighbors(fit, query, k, algorithm, 1);
  const available = query === null ? fit.rows - 1 : fit.rows;
  if (!Number.isInteger(k) || k < 1 || k > available) {
    // the single-thread search words the error
    return searchNeighbors(fit, query, k, algorithm, 1);
  }
  if (query !== null && query.cols !== fit.cols) return searchNeighbors(fit, query, k, algorithm, 1);
  const method = resolveAlgorithm(algorithm, fit.rows, fit.cols, k);
  return p.withArena((pa) => {
    const d = fit.cols;
    // rows a caller gathered into the pool's memory (see `poolForSearch`) are read in place
    const fitInPlace = p.holds(fit.data);
    const queryInPlace = query !== null && p.holds(query.data);
    const fitPtr = fitInPlace ? fit.data.byteOffset : pa.f64(fit.rows * d);
    const queryPtr = query === null ? 0 : queryInPlace ? query.data.byteOffset : pa.f64(nQuery * d);
    const outIdx = pa.i32(nQuery * k);
    const outDist = pa.f64(nQuery * k);
    if (!fitInPlace) p.f64View(fitPtr, fit.rows * d).set(fit.data);
    if (query !== null && !queryInPlace) p.f64View(queryPtr, nQuery * d).set(query.data);
    runOnPool(p, pa, method, fitPtr, fit.rows, d, queryPtr, nQuery, k, query === null, outIdx, outDist, threads);
    return { indices: p.i32View(outIdx, nQuery * k).slice(), distances: p.f64View(outDist, nQuery * k).slice(), method };
  });
}

/**
 * The pool a Matrix-level search of `nFit` fit rows and `nQuery` query rows (null: the fit
 * rows themselves) would run on, or null when it would run on the calling thread. A caller
 * that gathers rows for such a search can gather them into this pool's memory (`Pool.f64View`),
 * where the search reads them in place.
 */
export function poolForSearch(nFit: number, nQuery: number | null, d: number, k: number, algorithm: KnnAlgorithm = 'auto', nJobs?: number | null): Pool | null {
  const threads = resolveJobs(nJobs);
  if (threads < 2) return null;
  const self = nQuery === null;
  const nq = nQuery ?? nFit;
  const planned = resolveAlgorithm(algorithm, nFit, d, k);
  const worth = !isAutomaticJobs(nJobs) || worthThreads(planned, self, nq, nFit, d);
  return worth && enoughQueries(planned, nq, nFit, d) ? getPool() : null;
}

// Every neighbour search with nJobs > 1 (its own or the setNJobs default) comes here.
registerParallelSearch({ threads: (nJobs) => resolveJobs(nJobs), inArena: searchNeighborsInArenaParallel, matrix: searchNeighborsParallel });
