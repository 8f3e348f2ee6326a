/** What the solvers minimise, and what they report. */

/** A smooth function of `dim` variables. */
export interface SmoothObjective {
  readonly dim: number;
  /** f(w); writes ∇f(w) into `grad`. */
  evaluate(w: Float64Array, grad: Float64Array): number;
}

/** A smooth function whose Hessian can be applied to a vector. */
export interface TwiceSmoothObjective extends SmoothObjective {
  /** Makes the point of the last `evaluate` the one `hessVec` works at. */
  accept(): void;
  /** out = ∇²f(w) v at the accepted point. */
  hessVec(v: Float64Array, out: Float64Array): void;
}

/** Stopping rules shared by the solvers. */
export interface SolveOptions {
  /** Stop when ‖∇f(x)‖∞ ≤ relTol · max(1, ‖∇f(x0)‖∞). */
  relTol: number;
  /** Iteration budget (0 returns the starting point). */
  maxIter: number;
}

/** A solver's answer. */
export interface SolveResult {
  x: Float64Array;
  f: number;
  /** ‖∇f(x)‖∞. */
  gradInf: number;
  /** Iterations done. */
  nIter: number;
  /**
   * True when the gradient rule was met, or when float64 cannot decrease f any further from a point
   * whose gradient is already tiny; false when the budget ran out first.
   */
  converged: boolean;
}

/** ‖v‖∞. */
export function normInf(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/** u · v. */
export function dotProduct(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/** The relative gradient size below which a stalled solver counts as converged. */
export const STALL_GRADIENT_RATIO = 1e-7;
