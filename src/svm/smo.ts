/**
 * libsvm's SMO solver for the binary C-SVC dual (Fan, Chen and Lin 2005, second-order working
 * set selection): min 1/2 a'Qa - e'a, 0 <= a_i <= C, y'a = 0, Q_ij = y_i y_j K(x_i, x_j).
 * The whole loop runs in WebAssembly (assembly/svm.ts `svm_smo`) as libsvm's Solver: shrinking
 * with the unshrink step near the tolerance, and an LRU cache of float32 kernel rows of the
 * active length (libsvm's Qfloat) bounded by `cacheSize` megabytes. Returns the dual variables
 * and libsvm's `rho` (decision = sum a_i y_i K - rho).
 */
import { readF64, withArena } from '../core/memory.js';
import type { Matrix } from '../core/types.js';
import { svmKernels } from './kernels.js';

/** Options of the solver. */
export interface SmoOptions {
  C: number;
  gamma: number;
  /** Stopping tolerance on the maximal violating pair (libsvm's `eps`). */
  tol: number;
  /** Iteration cap (-1: 10,000,000). */
  maxIter: number;
  /** Kernel row cache in megabytes (float32 values, as libsvm; at most 1 GiB is used). */
  cacheSize: number;
  /** libsvm's shrinking heuristic (default true, as scikit-learn). */
  shrinking?: boolean;
}

/** Solution of one binary problem. */
export interface SmoResult {
  alpha: Float64Array;
  rho: number;
  /** libsvm's objective value 1/2 a'Qa - e'a. */
  obj: number;
  nIter: number;
  converged: boolean;
}

/** Largest cache in float32 values: one block of WebAssembly memory is at most 1 GiB. */
const MAX_POOL_FLOATS = Math.floor((2 ** 30 - 64) / 4);

/** Solves the dual for rows `X` with labels `y` in {-1, +1} (the loop runs in WebAssembly). */
export function solveSmo(X: Matrix, y: Int8Array, o: SmoOptions): SmoResult {
  const l = X.rows;
  const d = X.cols;
  // the cache holds at least two full rows (a working pair), never more than l x l values, and
  // fits one WebAssembly block (1 GiB) with its two scratch rows
  const poolFloats = Math.max(2 * l, Math.min(l * l, Math.floor((o.cacheSize * 1024 * 1024) / 4), MAX_POOL_FLOATS - 2 * l));
  const maxIter = o.maxIter < 0 ? 10_000_000 : o.maxIter;
  return withArena((arena) => {
    const xp = arena.f64From(X.data);
    const yp = arena.f64From(Float64Array.from(y));
    const ap = arena.f64(l);
    const work = arena.f64(6 * l + (l >> 6) + 2);
    const status = arena.u8(l);
    const ints = arena.i32(10 * l + 2);
    const pool = arena.bytes(4 * (poolFloats + 2 * l));
    const out = arena.f64(4);
    svmKernels().svm_smo(xp, l, d, yp, o.gamma, o.C, o.tol, maxIter, o.shrinking === false ? 0 : 1,
      ap, work, status, ints, l, pool, poolFloats, out);
    const alpha = readF64(ap, l);
    const [nIter, conv, rho, obj] = readF64(out, 4);
    return { alpha, rho, obj, nIter, converged: conv === 1 };
  });
}
