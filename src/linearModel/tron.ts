/**
 * Trust-region Newton with truncated conjugate gradients, the method of liblinear's TRON
 * (Lin, Weng & Keerthi 2008): same radius updates and acceptance rule; the CG forcing term
 * shrinks with the gradient (min(0.1, sqrt(‖g‖/‖g0‖))) so the last iterations converge
 * superlinearly, and the stopping rule is the gradient's infinity norm.
 */
import { dotProduct, normInf, STALL_GRADIENT_RATIO, type SolveOptions, type SolveResult, type TwiceSmoothObjective } from './optimizer.js';

const ETA0 = 1e-4;
const ETA1 = 0.25;
const ETA2 = 0.75;
const SIGMA1 = 0.25;
const SIGMA2 = 0.5;
const SIGMA3 = 4;

function norm2(v: Float64Array): number {
  return Math.sqrt(dotProduct(v, v));
}

/**
 * Minimises a twice-differentiable `objective` from `x0`.
 * @example tron(objective, new Float64Array(objective.dim), { relTol: 1e-8, maxIter: 100 })
 */
export function tron(objective: TwiceSmoothObjective, x0: Float64Array, opts: SolveOptions): SolveResult {
  const n = objective.dim;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let f = objective.evaluate(x, g);
  objective.accept();
  const gNorm0 = norm2(g);
  const gInf0 = Math.max(1, normInf(g));
  const gtol = opts.relTol * gInf0;
  let gInf = normInf(g);
  let delta = gNorm0;
  const s = new Float64Array(n);
  const r = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const cg = new ConjugateGradient(objective, n);
  let nIter = 0;
  let stalled = false;

  while (gInf > gtol && nIter < opts.maxIter) {
    const gNorm = norm2(g);
    const forcing = Math.min(0.1, Math.sqrt(gNorm / gNorm0));
    cg.solve(delta, g, forcing * gNorm, s, r);
    for (let i = 0; i < n; i++) xNew[i] = x[i] + s[i];
    const gs = dotProduct(g, s);
    const predicted = -0.5 * (gs - dotProduct(s, r));
    const fNew = objective.evaluate(xNew, gNew);
    const actual = f - fNew;
    const sNorm = norm2(s);
    if (nIter === 0) delta = Math.min(delta, sNorm);
    const curvature = fNew - f - gs;
    const alpha = curvature <= 0 ? SIGMA3 : Math.max(SIGMA1, -0.5 * (gs / curvature));
    if (!(actual >= ETA0 * predicted)) delta = Math.min(Math.max(alpha, SIGMA1) * sNorm, SIGMA2 * delta);
    else if (actual < ETA1 * predicted) delta = Math.max(SIGMA1 * delta, Math.min(alpha * sNorm, SIGMA2 * delta));
    else if (actual < ETA2 * predicted) delta = Math.max(SIGMA1 * delta, Math.min(alpha * sNorm, SIGMA3 * delta));
    else delta = Math.max(delta, Math.min(alpha * sNorm, SIGMA3 * delta));

    if (actual > ETA0 * predicted) {
      nIter++;
      x.set(xNew);
      g.set(gNew);
      f = fNew;
      objective.accept();
      gInf = normInf(g);
      continue;
    }
    // Rejected step: stop when float64 can no longer tell the model's decrease from rounding.
    if ((Math.abs(actual) <= 0 && predicted <= 0) ||
        (Math.abs(actual) <= 1e-12 * Math.abs(f) && Math.abs(predicted) <= 1e-12 * Math.abs(f)) ||
        !(delta > 0)) {
      stalled = true;
      break;
    }
  }
  const converged = gInf <= gtol || (stalled && gInf <= STALL_GRADIENT_RATIO * gInf0);
  return { x, f, gradInf: gInf, nIter, converged };
}

/** Steihaug's truncated CG for H s = -g inside ‖s‖ ≤ delta; keeps its scratch between calls. */
class ConjugateGradient {
  private readonly d: Float64Array;
  private readonly hd: Float64Array;

  constructor(private readonly objective: TwiceSmoothObjective, private readonly n: number) {
    this.d = new Float64Array(n);
    this.hd = new Float64Array(n);
  }

  /** Writes the step to `s` and the residual -g - H s to `r`. */
  solve(delta: number, g: Float64Array, tolerance: number, s: Float64Array, r: Float64Array): void {
    const { d, hd, n } = this;
    s.fill(0);
    for (let i = 0; i < n; i++) { r[i] = -g[i]; d[i] = r[i]; }
    let rTr = dotProduct(r, r);
    for (let it = 0; it < 2 * n + 20; it++) {
      if (Math.sqrt(rTr) <= tolerance) return;
      this.objective.hessVec(d, hd);
      const dHd = dotProduct(d, hd);
      if (!(dHd > 0)) { this.toBoundary(delta, s, r); return; }
      let alpha = rTr / dHd;
      for (let i = 0; i < n; i++) s[i] += alpha * d[i];
      if (norm2(s) > delta) {
        for (let i = 0; i < n; i++) s[i] -= alpha * d[i];
        alpha = this.stepToBoundary(delta, s);
        for (let i = 0; i < n; i++) { s[i] += alpha * d[i]; r[i] -= alpha * hd[i]; }
        return;
      }
      for (let i = 0; i < n; i++) r[i] -= alpha * hd[i];
      const rTrNew = dotProduct(r, r);
      const beta = rTrNew / rTr;
      for (let i = 0; i < n; i++) d[i] = r[i] + beta * d[i];
      rTr = rTrNew;
    }
  }

  /** τ ≥ 0 with ‖s + τ d‖ = delta. */
  private stepToBoundary(delta: number, s: Float64Array): number {
    const { d } = this;
    const sd = dotProduct(s, d);
    const ss = dotProduct(s, s);
    const dd = dotProduct(d, d);
    const dsq = delta * delta;
    const rad = Math.sqrt(sd * sd + dd * (dsq - ss));
    return sd >= 0 ? (dsq - ss) / (sd + rad) : (rad - sd) / dd;
  }

  /** Non-positive curvature (not expected for these convex objectives): go to the boundary along d. */
  private toBoundary(delta: number, s: Float64Array, r: Float64Array): void {
    const alpha = this.stepToBoundary(delta, s);
    this.objective.hessVec(this.d, this.hd);
    for (let i = 0; i < this.n; i++) { s[i] += alpha * this.d[i]; r[i] -= alpha * this.hd[i]; }
  }
}
