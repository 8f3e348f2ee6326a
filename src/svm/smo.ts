/**
 * libsvm's SMO solver for the binary C-SVC dual (Fan, Chen and Lin 2005, second-order working
 * set selection): min 1/2 a'Qa - e'a, 0 <= a_i <= C, y'a = 0, Q_ij = y_i y_j K(x_i, x_j).
 * The whole loop runs in WebAssembly (assembly/svm.ts `svm_smo`) with a direct-mapped cache of
 * kernel rows; no shrinking. Returns the dual variables and libsvm's `rho` (decision = sum a_i y_i K - rho).
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
  /** Iteration cap (-1: libsvm's 10,000,000). */
  maxIter: number;
  /** Kernel row cache in megabytes. */
  cacheSize: number;
}

/** Solution of one binary problem. */
export interface SmoResult {
  alpha: Float64Array;
  rho: number;
  nIter: number;
  converged: boolean;
}

/** Most kernel rows kept in WebAssembly memory (besides the `cacheSize` MB bound, as libsvm). */
export const MAX_CACHE_ROWS = 4096;

/** Solves the dual for rows `X` with labels `y` in {-1, +1} (the loop runs in WebAssembly). */
export function solveSmo(X: Matrix, y: Int8Array, o: SmoOptions): SmoResult {
  const n = X.rows;
  const d = X.cols;
  const cacheRows = Math.max(1, Math.min(n, MAX_CACHE_ROWS, Math.floor((o.cacheSize * 1024 * 1024) / (8 * n))));
  const maxIter = o.maxIter < 0 ? 10_000_000 : o.maxIter;
  return withArena((arena) => {
    const xp = arena.f64From(X.data);
    const yp = arena.f64From(Float64Array.from(y));
    const ap = arena.f64(n);
    const gp = arena.f64(n);
    const cache = arena.f64(cacheRows * n);
    const tags = arena.i32(cacheRows);
    const spare = arena.f64(n);
    const out = arena.f64(2);
    svmKernels().svm_smo(xp, n, d, yp, o.gamma, o.C, o.tol, maxIter, ap, gp, cache, tags, cacheRows, spare, out);
    const alpha = readF64(ap, n);
    const G = readF64(gp, n);
    const [nIter, conv] = readF64(out, 2);
    return { alpha, rho: computeRho(alpha, G, y, o.C), nIter, converged: conv === 1 };
  });
}

/** libsvm's `calculate_rho`: the mean of y_i G_i over free variables, else the middle of the bounds. */
export function computeRho(alpha: Float64Array, G: Float64Array, y: Int8Array, C: number): number {
  let ub = Infinity;
  let lb = -Infinity;
  let nFree = 0;
  let sumFree = 0;
  for (let i = 0; i < alpha.length; i++) {
    const yG = y[i] * G[i];
    if (alpha[i] >= C) { if (y[i] === -1) ub = Math.min(ub, yG); else lb = Math.max(lb, yG); }
    else if (alpha[i] <= 0) { if (y[i] === 1) ub = Math.min(ub, yG); else lb = Math.max(lb, yG); }
    else { nFree++; sumFree += yG; }
  }
  return nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
}
