/**
 * The one exact k-nearest-neighbour search every estimator and sampler uses: Euclidean
 * distance, a KD-tree for low dimension and a blocked SIMD brute force for high dimension
 * behind one signature (scikit-learn's `algorithm='auto'`, linfa-nn's dispatcher).
 *
 * Conventions of every result: row-major, `k` columns per query, nearest first; equal
 * distances are ordered by the smaller fit-row index; distances are `sqrt` of a left-to-right
 * float64 sum of squared differences (bit-identical to a plain loop, on both backends).
 */
import { type Arena, type Ptr, readF64, readI32, withArena } from '../core/memory.js';
import type { Matrix } from '../core/types.js';
import { neighborKernels } from './kernels.js';

/** Which backend to use; `'auto'` picks by shape (see `resolveAlgorithm`). */
export type KnnAlgorithm = 'auto' | 'kd_tree' | 'brute';
/** A concrete backend. */
export type KnnMethod = 'kd_tree' | 'brute';

/** Neighbours of a set of queries: `nQuery x k`, row-major, nearest first. */
export interface NeighborResult {
  /** Euclidean distances. */
  distances: Float64Array;
  /** Fit-row indices. */
  indices: Int32Array;
}

/** Rows per KD-tree leaf (at 1,000,000 x 2, k = 6, leaves of 8, 16 and 32 rows are within 8%; 32 builds 12% faster, which is most of the time when few rows query many). */
export const KD_LEAF_SIZE = 32;

/** The largest dimension for which `'auto'` may use the KD-tree (scikit-learn's limit). */
export const KD_MAX_DIMENSION = 15;

/** Up to this dimension `'auto'` always prefers the KD-tree (when k < nFit / 2). */
export const KD_ALWAYS_DIMENSION = 10;

/** From 11 to 15 dimensions `'auto'` uses the KD-tree only above this many fit rows. */
export const KD_MID_DIMENSION_MIN_ROWS = 100_000;

/**
 * The `'auto'` rule: scikit-learn's (KD-tree when `d <= 15` and `k < floor(nFit / 2)`, brute
 * force otherwise), except that for 11 <= d <= 15 the brute force is kept up to 100,000 fit rows.
 * Measured (k = 6 self queries, Gaussian data, the worst case for trees): at d = 12 the SIMD
 * brute force is 3x faster than the tree at 12,500–25,000 rows, at d = 15 5x; the gap closes
 * slowly with n (brute grows as n^2, the tree as ~n^1.8 there), so past 100,000 rows the tree is
 * the safer choice. Up to d = 8 the tree wins at every size measured (2x at 50,000 x 8).
 * Explicit choices are returned as they are.
 */
export function resolveAlgorithm(algorithm: KnnAlgorithm, nFit: number, d: number, k: number): KnnMethod {
  if (algorithm !== 'auto') return algorithm;
  if (d > KD_MAX_DIMENSION || k >= Math.floor(nFit / 2)) return 'brute';
  return d <= KD_ALWAYS_DIMENSION || nFit > KD_MID_DIMENSION_MIN_ROWS ? 'kd_tree' : 'brute';
}

/** The multi-threaded search of src/parallel, registered by it (this module does not import it). */
export interface ParallelSearchHook {
  /** Threads for an `nJobs` value (its default when null/undefined). */
  threads(nJobs: number | null | undefined): number;
  /** `searchNeighbors` on those threads (inputs copied once, straight into shared memory). */
  matrix(fit: Matrix, query: Matrix | null, k: number, algorithm: KnnAlgorithm, nJobs: number | null | undefined): NeighborResult & { method: KnnMethod };
  /** `searchNeighborsInArena` on those threads. */
  inArena(
    arena: Arena, fitPtr: Ptr, nFit: number, d: number, queryPtr: Ptr, nQuery: number, k: number,
    excludeSelf: boolean, outIdxPtr: Ptr, outDistPtr: Ptr, algorithm: KnnAlgorithm, maskPtr: Ptr, nJobs: number | null | undefined,
  ): KnnMethod;
}

let parallelSearch: ParallelSearchHook | null = null;

/** Lets src/parallel take searches with `nJobs` > 1. @internal */
export function registerParallelSearch(hook: ParallelSearchHook | null): void {
  parallelSearch = hook;
}

/**
 * Arena-level search, for samplers that keep their data in WebAssembly memory.
 * `fitPtr` holds `nFit x d` float64 rows; `queryPtr` holds `nQuery x d` rows, or is 0 to query
 * the fit rows themselves (then `nQuery` is ignored). With `excludeSelf`, query i never gets fit
 * row i (the row itself by index; its duplicates stay eligible) — use it with `queryPtr = 0`.
 * Writes `nQuery x k` indices to `outIdxPtr` (int32) and distances to `outDistPtr` (float64).
 * With `queryPtr = 0`, a non-zero `maskPtr` (nFit bytes) asks only for the rows whose byte is
 * non-zero; the output rows of the others are unspecified (the KD-tree skips them, brute force
 * may not).
 * `nJobs` (default: `setNJobs`, initially automatic) > 1 runs the search on that many threads
 * (src/parallel; identical results).
 * Allocates its scratch in `arena`: views made before the call must be made again after it.
 * The caller guarantees `1 <= k <= nFit` (`nFit - 1` with `excludeSelf`).
 * @returns the backend used.
 * @example
 * withArena((arena) => {
 *   const fit = arena.f64From(X.data), idx = arena.i32(X.rows * 3), dist = arena.f64(X.rows * 3);
 *   searchNeighborsInArena(arena, fit, X.rows, X.cols, 0, 0, 3, true, idx, dist);
 *   return readI32(idx, X.rows * 3);
 * });
 */
export function searchNeighborsInArena(
  arena: Arena, fitPtr: Ptr, nFit: number, d: number, queryPtr: Ptr, nQuery: number, k: number,
  excludeSelf: boolean, outIdxPtr: Ptr, outDistPtr: Ptr, algorithm: KnnAlgorithm = 'auto', maskPtr: Ptr = 0,
  nJobs?: number | null,
): KnnMethod {
  if (parallelSearch && parallelSearch.threads(nJobs) > 1) {
    return parallelSearch.inArena(arena, fitPtr, nFit, d, queryPtr, nQuery, k, excludeSelf, outIdxPtr, outDistPtr, algorithm, maskPtr, nJobs);
  }
  const method = resolveAlgorithm(algorithm, nFit, d, k);
  const kern = neighborKernels();
  if (queryPtr === 0) nQuery = nFit;
  if (nQuery === 0) return method;
  if (method === 'kd_tree') {
    const tree = arena.f64(kern.knn_kdtree_tree_f64(nFit, d, KD_LEAF_SIZE));
    const perm = arena.i32(nFit);
    const split = arena.i32(nFit);
    const buildStk = arena.i32(kern.knn_kdtree_build_stack_i32());
    const queryStk = arena.f64(kern.knn_kdtree_query_stack_f64(d));
    const off = arena.f64(d);
    kern.knn_kdtree_build(fitPtr, nFit, d, KD_LEAF_SIZE, tree, perm, split, buildStk);
    kern.knn_kdtree_query(tree, perm, split, nFit, d, KD_LEAF_SIZE, queryPtr, nQuery, k, excludeSelf ? 1 : 0,
      outIdxPtr, outDistPtr, queryStk, off, queryPtr === 0 ? maskPtr : 0);
  } else {
    const pairs = arena.f64(kern.knn_brute_scratch_f64(nFit, d));
    if (queryPtr === 0) bruteSelfInSteps(fitPtr, nFit, d, k, excludeSelf, outIdxPtr, outDistPtr, pairs);
    else if (excludeSelf) kern.knn_brute(fitPtr, nFit, d, queryPtr, nQuery, k, 1, outIdxPtr, outDistPtr, pairs);
    else {
      // query rows are independent: short calls (see bruteSelfInSteps); each repacks the fit rows
      // (1/256 of a call's work)
      // many fit rows: fewer, longer calls (each call packs them again)
      const perCall = nFit * d >= 2 ** 18 ? 4 * QUERY_ROWS_PER_CALL : QUERY_ROWS_PER_CALL;
      for (let q0 = 0; q0 < nQuery; q0 += perCall) {
        const rows = Math.min(perCall, nQuery - q0);
        kern.knn_brute(fitPtr, nFit, d, queryPtr + q0 * d * 8, rows, k, 0, outIdxPtr + q0 * k * 4, outDistPtr + q0 * k * 8, pairs);
      }
    }
  }
  return method;
}

/** 4-row groups per `knn_brute_self_groups` call (256 rows: 200 calls at 50,000 rows). */
const SELF_GROUPS_PER_CALL = 64;

/** Query rows per `knn_brute` call for separate queries. */
const QUERY_ROWS_PER_CALL = 256;

/**
 * `knn_brute` on the fit rows themselves, in many short calls rather than one: V8 runs a
 * WebAssembly call to its end in the code it started with, and the first call of a kernel starts
 * in the baseline compiler's code (measured 8.8 s instead of 3.1 s for one 50,000 x 20 call);
 * between short calls the optimised code is swapped in. The result is the same.
 */
function bruteSelfInSteps(fitPtr: Ptr, nFit: number, d: number, k: number, excludeSelf: boolean, outIdxPtr: Ptr, outDistPtr: Ptr, pairs: Ptr): void {
  const kern = neighborKernels();
  const nGroups = (nFit + 3) >> 2;
  kern.knn_brute_self_prepare(fitPtr, nFit, d, k, outIdxPtr, outDistPtr, pairs);
  for (let g = 0; g < nGroups; g += SELF_GROUPS_PER_CALL) {
    kern.knn_brute_self_groups(fitPtr, nFit, d, k, excludeSelf ? 1 : 0, outIdxPtr, outDistPtr, pairs, g, Math.min(g + SELF_GROUPS_PER_CALL, nGroups));
  }
  kern.knn_brute_finish(outIdxPtr, outDistPtr, nFit, k);
}

/** True when two matrices hold the same rows (Object.is per value, so -0 and 0 differ). */
function sameRows(a: Matrix, b: Matrix): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  if (a.data === b.data) return true;
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  return true;
}

/**
 * Exact k nearest neighbours (Euclidean) of `query` rows among `fit` rows. With `query = null`
 * each fit row is queried and its own entry left out (scikit-learn's `kneighbors()` without
 * argument; duplicates of the row are still neighbours). Ties: the smaller index comes first.
 * `nJobs` > 1 (or a `setNJobs` default) splits the queries over threads, with identical results.
 * @throws RangeError when `k` is not an integer in `[1, nFit]` (`[1, nFit - 1]` for `null`) or
 * the column counts differ.
 * @example
 * const X = { data: Float64Array.from([0, 0, 1, 0, 3, 0]), rows: 3, cols: 2 };
 * searchNeighbors(X, null, 1).indices; // Int32Array [1, 0, 1]
 */
export function searchNeighbors(
  fit: Matrix, query: Matrix | null, k: number, algorithm: KnnAlgorithm = 'auto', nJobs?: number | null,
): NeighborResult & { method: KnnMethod } {
  const available = query === null ? fit.rows - 1 : fit.rows;
  if (!Number.isInteger(k) || k < 1 || k > available) {
    throw new RangeError(`searchNeighbors: k must be an integer in [1, ${available}] for ${fit.rows} fit rows${query === null ? ' (each row excluded from its own neighbours)' : ''}. Got ${k}.`);
  }
  if (query !== null && query.cols !== fit.cols) {
    throw new RangeError(`searchNeighbors: the query has ${query.cols} features but the fit data has ${fit.cols}.`);
  }
  if (parallelSearch && parallelSearch.threads(nJobs) > 1) return parallelSearch.matrix(fit, query, k, algorithm, nJobs);
  const nQuery = query === null ? fit.rows : query.rows;
  // querying the fit rows themselves lets the KD-tree visit them in tree order (cache-friendly)
  const queryIsFit = query === null || sameRows(fit, query);
  return withArena((arena) => {
    const fitPtr = arena.f64From(fit.data);
    const queryPtr = queryIsFit ? 0 : arena.f64From(query!.data);
    const idx = arena.i32(nQuery * k);
    const dist = arena.f64(nQuery * k);
    const method = searchNeighborsInArena(arena, fitPtr, fit.rows, fit.cols, queryPtr, nQuery, k, query === null, idx, dist, algorithm, 0, nJobs);
    return { indices: readI32(idx, nQuery * k), distances: readF64(dist, nQuery * k), method };
  });
}
