/**
 * Platt scaling (scikit-learn's `_sigmoid_calibration`): P(y = 1 | f) = 1 / (1 + exp(A f + B)),
 * fitted by maximum likelihood on Platt's smoothed targets (prior correction). The problem is
 * convex in (A, B); it is solved to the optimum with Newton's method and a backtracking line search.
 */

/** The fitted sigmoid: `p = 1 / (1 + exp(a * f + b))`. */
export interface SigmoidFit {
  a: number;
  b: number;
}

/** `log(1 + exp(z))` without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** `1 / (1 + exp(z))` without overflow: the calibrated probability for `z = a f + b`. */
export function sigmoidOf(z: number): number {
  if (z >= 0) { const e = Math.exp(-z); return e / (1 + e); }
  return 1 / (1 + Math.exp(z));
}

/** Platt's targets: (n+ + 1)/(n+ + 2) for positives and 1/(n- + 2) for negatives (weighted counts). */
export function plattTargets(y: ArrayLike<number>, weights: ArrayLike<number> | null): Float64Array {
  let prior0 = 0, prior1 = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weights ? weights[i] : 1;
    if (y[i] > 0) prior1 += w; else prior0 += w;
  }
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  return Float64Array.from(y, (v) => (v > 0 ? hi : lo));
}

/** The negative log-likelihood of (a, b) on Platt's targets (what scikit-learn minimises). */
export function plattObjective(f: ArrayLike<number>, t: ArrayLike<number>, weights: ArrayLike<number> | null, a: number, b: number): number {
  let loss = 0;
  for (let i = 0; i < f.length; i++) {
    const z = a * f[i] + b;
    // -[t log p + (1 - t) log(1 - p)] with p = sigmoid(-z) is softplus(z) - (1 - t) z.
    loss += (weights ? weights[i] : 1) * (softplus(z) - (1 - t[i]) * z);
  }
  return loss;
}

/**
 * Fits Platt's sigmoid to scores `f` and binary outcomes `y` (1 positive, 0 negative).
 * @param weights optional sample weights
 */
export function fitSigmoid(f: ArrayLike<number>, y: ArrayLike<number>, weights: ArrayLike<number> | null = null): SigmoidFit {
  const t = plattTargets(y, weights);
  let prior0 = 0, prior1 = 0;
  for (let i = 0; i < y.length; i++) { const w = weights ? weights[i] : 1; if (y[i] > 0) prior1 += w; else prior0 += w; }
  let a = 0;
  let b = Math.log((prior0 + 1) / (prior1 + 1));
  let loss = plattObjective(f, t, weights, a, b);
  for (let iter = 0; iter < 200; iter++) {
    // Gradient and Hessian of the loss in (a, b): dL/dz = t - p, d2L/dz2 = p (1 - p).
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < f.length; i++) {
      const w = weights ? weights[i] : 1;
      const p = sigmoidOf(a * f[i] + b);
      const g = w * (t[i] - p);
      const h = w * p * (1 - p);
      ga += g * f[i]; gb += g;
      haa += h * f[i] * f[i]; hab += h * f[i]; hbb += h;
    }
    if (Math.abs(ga) + Math.abs(gb) <= 1e-13 * Math.max(1, f.length)) break;
    const ridge = 1e-12 * (haa + hbb); // keeps the step defined when all scores are equal
    const det = (haa + ridge) * (hbb + ridge) - hab * hab;
    let da = -((hbb + ridge) * ga - hab * gb) / det;
    let db = -((haa + ridge) * gb - hab * ga) / det;
    if (!Number.isFinite(da) || !Number.isFinite(db)) { da = -ga; db = -gb; }
    let step = 1;
    let next = plattObjective(f, t, weights, a + da, b + db);
    while (!(next <= loss) && step > 1e-10) {
      step /= 2;
      next = plattObjective(f, t, weights, a + step * da, b + step * db);
    }
    if (!(next <= loss)) break;
    const moved = Math.abs(step * da) + Math.abs(step * db);
    a += step * da;
    b += step * db;
    const improved = loss - next;
    loss = next;
    if (moved <= 1e-15 * (1 + Math.abs(a) + Math.abs(b)) || improved === 0) break;
  }
  return { a, b };
}

/** Calibrated probabilities of the sigmoid for scores `f`. */
export function predictSigmoid(fit: SigmoidFit, f: ArrayLike<number>): Float64Array {
  return Float64Array.from(f, (v) => sigmoidOf(fit.a * v + fit.b));
}
