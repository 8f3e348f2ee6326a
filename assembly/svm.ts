// RBF kernel loops of the SVC: one kernel row for the SMO solver, and the decision function
// sum_i coef_i K(sv_i, q) over the support vectors. K(a, b) = exp(-gamma |a - b|^2), with the
// squared distance as a left-to-right sum of squared differences.

@inline
function sqDist(a: usize, b: usize, d: i32): f64 {
  let s: f64 = 0;
  for (let t = 0; t < d; t++) {
    const off = <usize>t << 3;
    const v = load<f64>(a + off) - load<f64>(b + off);
    s += v * v;
  }
  return s;
}

/** `out[j] = exp(-gamma |x_i - x_j|^2)` for the `n` rows of `x` (`n x d`). */
export function svm_rbf_row(x: usize, n: i32, d: i32, i: i32, gamma: f64, out: usize): void {
  const rowBytes = <usize>d << 3;
  const a = x + <usize>i * rowBytes;
  for (let j = 0; j < n; j++) {
    store<f64>(out + (<usize>j << 3), Math.exp(-gamma * sqDist(a, x + <usize>j * rowBytes, d)));
  }
}

/**
 * `out[q] = sum_i coef[i] exp(-gamma |sv_i - x_q|^2) - rho` for the `nq` rows of `xq`, with the
 * `nsv` support vectors at `sv` (`nsv x d`) and their dual coefficients `coef`.
 */
export function svm_rbf_decision(sv: usize, nsv: i32, d: i32, coef: usize, xq: usize, nq: i32, gamma: f64, rho: f64, out: usize): void {
  const rowBytes = <usize>d << 3;
  for (let q = 0; q < nq; q++) {
    const b = xq + <usize>q * rowBytes;
    let s: f64 = 0;
    for (let i = 0; i < nsv; i++) {
      s += load<f64>(coef + (<usize>i << 3)) * Math.exp(-gamma * sqDist(sv + <usize>i * rowBytes, b, d));
    }
    store<f64>(out + (<usize>q << 3), s - rho);
  }
}

/** The kernel row of `i`, from the direct-mapped row cache (`tags[slot]` = row held, -1 none). */
@inline
function cachedRow(x: usize, n: i32, d: i32, i: i32, gamma: f64, cache: usize, tags: usize, cacheRows: i32): usize {
  const slot = i % cacheRows;
  const p = cache + <usize>slot * (<usize>n << 3);
  const tp = tags + (<usize>slot << 2);
  if (load<i32>(tp) != i) {
    svm_rbf_row(x, n, d, i, gamma, p);
    store<i32>(tp, i);
  }
  return p;
}

/**
 * libsvm's SMO for the binary C-SVC dual with the RBF kernel (second-order working set
 * selection, no shrinking): min 1/2 a'Qa - e'a, 0 <= a <= C, y'a = 0, Q_ij = y_i y_j K_ij.
 * `y` holds +-1 as f64. Writes the dual variables to `alpha` and the gradient to `G` (n f64
 * each); kernel rows live in `cache` (`cacheRows x n` f64, tags in `tags`, int32), `spare` is one
 * more row. `out[0]` = iterations, `out[1]` = 1 when the stopping test was met.
 */
export function svm_smo(
  x: usize, n: i32, d: i32, y: usize, gamma: f64, C: f64, tol: f64, maxIter: i32,
  alpha: usize, G: usize, cache: usize, tags: usize, cacheRows: i32, spare: usize, out: usize,
): void {
  const TAU: f64 = 1e-12;
  for (let t = 0; t < n; t++) {
    store<f64>(alpha + (<usize>t << 3), 0);
    store<f64>(G + (<usize>t << 3), -1);
  }
  for (let s = 0; s < cacheRows; s++) store<i32>(tags + (<usize>s << 2), -1);
  let iter = 0;
  let converged = 0;
  while (iter < maxIter) {
    let Gmax = -Infinity;
    let i = -1;
    for (let t = 0; t < n; t++) {
      const o = <usize>t << 3;
      const g = load<f64>(G + o);
      if (load<f64>(y + o) > 0) {
        if (load<f64>(alpha + o) < C && -g >= Gmax) { Gmax = -g; i = t; }
      } else if (load<f64>(alpha + o) > 0 && g >= Gmax) { Gmax = g; i = t; }
    }
    if (i == -1) { converged = 1; break; }
    const Ki = cachedRow(x, n, d, i, gamma, cache, tags, cacheRows);
    const yi = load<f64>(y + (<usize>i << 3));
    let Gmax2 = -Infinity;
    let j = -1;
    let objMin = Infinity;
    for (let t = 0; t < n; t++) {
      const o = <usize>t << 3;
      const g = load<f64>(G + o);
      const at = load<f64>(alpha + o);
      if (load<f64>(y + o) > 0) {
        if (at <= 0) continue;
        const gd = Gmax + g;
        if (g >= Gmax2) Gmax2 = g;
        if (gd > 0) {
          const quad = 2 - 2 * yi * load<f64>(Ki + o);
          const obj = -(gd * gd) / (quad > 0 ? quad : TAU);
          if (obj <= objMin) { j = t; objMin = obj; }
        }
      } else {
        if (at >= C) continue;
        const gd = Gmax - g;
        if (-g >= Gmax2) Gmax2 = -g;
        if (gd > 0) {
          const quad = 2 + 2 * yi * load<f64>(Ki + o);
          const obj = -(gd * gd) / (quad > 0 ? quad : TAU);
          if (obj <= objMin) { j = t; objMin = obj; }
        }
      }
    }
    if (Gmax + Gmax2 < tol || j == -1) { converged = 1; break; }
    iter++;
    let Kj: usize;
    if (j % cacheRows == i % cacheRows) {
      svm_rbf_row(x, n, d, j, gamma, spare);
      Kj = spare;
    } else {
      Kj = cachedRow(x, n, d, j, gamma, cache, tags, cacheRows);
    }
    const oi = <usize>i << 3;
    const oj = <usize>j << 3;
    const yj = load<f64>(y + oj);
    const Qij = yi * yj * load<f64>(Ki + oj);
    const oldI = load<f64>(alpha + oi);
    const oldJ = load<f64>(alpha + oj);
    let ai = oldI;
    let aj = oldJ;
    const Gi = load<f64>(G + oi);
    const Gj = load<f64>(G + oj);
    if (yi != yj) {
      let quad = 2 + 2 * Qij;
      if (quad <= 0) quad = TAU;
      const delta = (-Gi - Gj) / quad;
      const diff = ai - aj;
      ai += delta;
      aj += delta;
      if (diff > 0) { if (aj < 0) { aj = 0; ai = diff; } } else if (ai < 0) { ai = 0; aj = -diff; }
      if (diff > 0) { if (ai > C) { ai = C; aj = C - diff; } } else if (aj > C) { aj = C; ai = C + diff; }
    } else {
      let quad = 2 - 2 * Qij;
      if (quad <= 0) quad = TAU;
      const delta = (Gi - Gj) / quad;
      const sum = ai + aj;
      ai -= delta;
      aj += delta;
      if (sum > C) { if (ai > C) { ai = C; aj = sum - C; } } else if (aj < 0) { aj = 0; ai = sum; }
      if (sum > C) { if (aj > C) { aj = C; ai = sum - C; } } else if (ai < 0) { ai = 0; aj = sum; }
    }
    store<f64>(alpha + oi, ai);
    store<f64>(alpha + oj, aj);
    const dI = (ai - oldI) * yi;
    const dJ = (aj - oldJ) * yj;
    for (let t = 0; t < n; t++) {
      const o = <usize>t << 3;
      store<f64>(G + o, load<f64>(G + o) + load<f64>(y + o) * (load<f64>(Ki + o) * dI + load<f64>(Kj + o) * dJ));
    }
  }
  store<f64>(out, <f64>iter);
  store<f64>(out + 8, <f64>converged);
}
