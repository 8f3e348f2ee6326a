/**
 * Isotonic calibration (scikit-learn's `IsotonicRegression(out_of_bounds='clip')`): the
 * non-decreasing step fit of outcomes on scores by pool-adjacent-violators, predicted by linear
 * interpolation between the fitted points and clipped outside the fitted range.
 */

/** The fitted points, ascending in x. */
export interface IsotonicFit {
  x: Float64Array;
  y: Float64Array;
}

/**
 * Weighted pool-adjacent-violators: the non-decreasing sequence closest to `y` in weighted
 * least squares.
 */
export function poolAdjacentViolators(y: ArrayLike<number>, w: ArrayLike<number>): Float64Array {
  const n = y.length;
  const value = new Float64Array(n);
  const weight = new Float64Array(n);
  const count = new Int32Array(n);
  let blocks = 0;
  for (let i = 0; i < n; i++) {
    value[blocks] = y[i];
    weight[blocks] = w[i];
    count[blocks] = 1;
    blocks++;
    while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
      const wsum = weight[blocks - 2] + weight[blocks - 1];
      value[blocks - 2] = (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / wsum;
      weight[blocks - 2] = wsum;
      count[blocks - 2] += count[blocks - 1];
      blocks--;
    }
  }
  const out = new Float64Array(n);
  let k = 0;
  for (let b = 0; b < blocks; b++) for (let c = 0; c < count[b]; c++) out[k++] = value[b];
  return out;
}

/**
 * Fits the isotonic regression of `y` on `x` (ties in x are merged first into their weighted
 * mean, as scikit-learn does).
 */
export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>, weights: ArrayLike<number> | null = null): IsotonicFit {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i] - x[j] || y[i] - y[j]);
  const ux: number[] = [], uy: number[] = [], uw: number[] = [];
  for (const i of order) {
    const w = weights ? weights[i] : 1;
    if (w === 0) continue;
    const last = ux.length - 1;
    if (last >= 0 && ux[last] === x[i]) {
      uy[last] = (uy[last] * uw[last] + y[i] * w) / (uw[last] + w);
      uw[last] += w;
    } else {
      ux.push(x[i]); uy.push(y[i]); uw.push(w);
    }
  }
  return { x: Float64Array.from(ux), y: poolAdjacentViolators(uy, uw) };
}

/** Predictions of an isotonic fit: linear interpolation, clipped to the fitted range. */
export function predictIsotonic(fit: IsotonicFit, x: ArrayLike<number>): Float64Array {
  const { x: xs, y: ys } = fit;
  const m = xs.length;
  return Float64Array.from(x, (v) => {
    if (m === 1 || v <= xs[0]) return ys[0];
    if (v >= xs[m - 1]) return ys[m - 1];
    let lo = 0, hi = m - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= v) lo = mid; else hi = mid;
    }
    return ys[lo] + ((ys[hi] - ys[lo]) * (v - xs[lo])) / (xs[hi] - xs[lo]);
  });
}
