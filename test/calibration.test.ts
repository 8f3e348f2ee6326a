import { describe, expect, it } from 'vitest';
import {
  CalibratedClassifierCV, RandomState, fitIsotonic, fitSigmoid, poolAdjacentViolators, predictIsotonic, predictSigmoid,
  type Matrix, type MatrixLike,
} from '../src/index.js';

/**
 * A fake classifier: scores are a fixed linear function of the features (so calibration has
 * something to correct), probabilities a softmax of them. `withDecision: false` leaves out
 * `decisionFunction`, so calibration reads `predictProba`.
 */
class LinearScorer {
  readonly params: { k: number; withDecision?: boolean };
  classes: number[] = [];
  fits = 0;
  constructor(params: { k: number; withDecision?: boolean }) {
    this.params = params;
    if (params.withDecision === false) (this as { decisionFunction?: unknown }).decisionFunction = undefined;
  }
  fit(_X: MatrixLike, y: ArrayLike<number>): this {
    this.classes = [...new Set(Array.from(y))].sort((a, b) => a - b);
    this.fits++;
    return this;
  }
  private raw(X: MatrixLike): Matrix {
    const M = X as Matrix;
    const k = this.params.k;
    const data = new Float64Array(M.rows * k);
    for (let i = 0; i < M.rows; i++) for (let j = 0; j < k; j++) data[i * k + j] = 3 * M.data[i * M.cols + (j % M.cols)] + j;
    return { data, rows: M.rows, cols: k };
  }
  decisionFunction(X: MatrixLike): Float64Array | Matrix {
    const R = this.raw(X);
    if (this.params.k === 2) return Float64Array.from({ length: R.rows }, (_, i) => R.data[2 * i + 1] - R.data[2 * i]);
    return R;
  }
  predictProba(X: MatrixLike): Matrix {
    const R = this.raw(X);
    const k = this.params.k;
    const data = new Float64Array(R.data.length);
    for (let i = 0; i < R.rows; i++) {
      const m = Math.max(...R.data.subarray(i * k, (i + 1) * k));
      let s = 0;
      for (let j = 0; j < k; j++) { data[i * k + j] = Math.exp(R.data[i * k + j] - m); s += data[i * k + j]; }
      for (let j = 0; j < k; j++) data[i * k + j] /= s;
    }
    return { data, rows: R.rows, cols: k };
  }
}

function dataset(seed: number, n: number, k: number): { X: Matrix; y: Int32Array } {
  const rs = new RandomState(seed);
  const z = rs.standardNormal(n * 2);
  const u = rs.randomSample(n);
  // The class depends on the first feature only loosely: the fake scores are over-confident.
  const y = Int32Array.from(u, (v, i) => Math.min(k - 1, Math.floor(((0.5 * z[2 * i] + v) / 1.6 + 0.3) * k)) + 0).map((c) => Math.max(0, c));
  return { X: { data: Float64Array.from(z), rows: n, cols: 2 }, y };
}

/** Platt's objective with the smoothed targets, written out independently. */
function plattLoss(f: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number): number {
  let n1 = 0;
  for (let i = 0; i < y.length; i++) n1 += y[i];
  const n0 = y.length - n1;
  let loss = 0;
  for (let i = 0; i < f.length; i++) {
    const t = y[i] === 1 ? (n1 + 1) / (n1 + 2) : 1 / (n0 + 2);
    // p = 1 / (1 + e^z): log p = -log(1 + e^z), log(1 - p) = -log(1 + e^-z), computed without overflow.
    const z = a * f[i] + b;
    const logOnePlusExp = (x: number) => Math.max(x, 0) + Math.log(1 + Math.exp(-Math.abs(x)));
    loss += t * logOnePlusExp(z) + (1 - t) * logOnePlusExp(-z);
  }
  return loss;
}

/**
 * Gradient of Platt's objective in (a, b), written out independently: Σ (t - p) f and Σ (t - p).
 * The objective is convex, so a zero gradient proves the optimum.
 */
function plattGradient(f: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number): [number, number] {
  let n1 = 0;
  for (let i = 0; i < y.length; i++) n1 += y[i];
  const n0 = y.length - n1;
  let ga = 0, gb = 0;
  for (let i = 0; i < f.length; i++) {
    const t = y[i] === 1 ? (n1 + 1) / (n1 + 2) : 1 / (n0 + 2);
    const p = 1 / (1 + Math.exp(a * f[i] + b));
    ga += (t - p) * f[i];
    gb += t - p;
  }
  return [ga, gb];
}

/** Checks that (a, b) is Platt's optimum: zero gradient, and every nearby point is worse. */
function expectPlattOptimum(f: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number): void {
  const [ga, gb] = plattGradient(f, y, a, b);
  expect(Math.abs(ga)).toBeLessThan(1e-9 * f.length);
  expect(Math.abs(gb)).toBeLessThan(1e-9 * f.length);
  const at = plattLoss(f, y, a, b);
  for (const [da, db] of [[1e-4, 0], [-1e-4, 0], [0, 1e-4], [0, -1e-4], [1e-4, -1e-4]]) {
    expect(plattLoss(f, y, a + da, b + db)).toBeGreaterThan(at);
  }
}

/** Brute-force isotonic regression: f_i = max_{j<=i} min_{k>=i} weighted mean of y[j..k]. */
function bruteIsotonic(y: number[], w: number[]): number[] {
  const n = y.length;
  return y.map((_, i) => {
    let best = -Infinity;
    for (let j = 0; j <= i; j++) {
      let low = Infinity;
      for (let k = i; k < n; k++) {
        let s = 0, sw = 0;
        for (let t = j; t <= k; t++) { s += y[t] * w[t]; sw += w[t]; }
        low = Math.min(low, s / sw);
      }
      best = Math.max(best, low);
    }
    return best;
  });
}

describe('Platt scaling', () => {
  for (const seed of [0, 1, 2]) {
    it(`fitSigmoid reaches the optimum (zero gradient of the independently written objective) (seed ${seed})`, () => {
      const rs = new RandomState(seed);
      const f = Array.from(rs.standardNormal(150));
      const u = rs.randomSample(150);
      const y = f.map((v, i) => (u[i] < 1 / (1 + Math.exp(-1.5 * v + 0.4)) ? 1 : 0));
      const ours = fitSigmoid(f, y);
      expectPlattOptimum(f, y, ours.a, ours.b);
      const p = predictSigmoid(ours, f);
      f.forEach((v, i) => expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(ours.a * v + ours.b)), 14));
    });
  }

  it('weights count like repeated samples', () => {
    const f = [-2, -1, -0.5, 0, 0.5, 1, 2, 1.5];
    const y = [0, 0, 1, 0, 1, 1, 1, 0];
    const w = [1, 2, 1, 3, 1, 1, 2, 1];
    const repeated = f.flatMap((v, i) => new Array(w[i]).fill(v));
    const yRepeated = y.flatMap((v, i) => new Array(w[i]).fill(v));
    const a = fitSigmoid(f, y, w);
    const b = fitSigmoid(repeated, yRepeated);
    expect(a.a).toBeCloseTo(b.a, 8);
    expect(a.b).toBeCloseTo(b.b, 8);
  });
});

describe('isotonic regression', () => {
  for (const seed of [0, 1, 2, 3]) {
    it(`pool-adjacent-violators equals the brute-force min-max fit (seed ${seed})`, () => {
      const rs = new RandomState(seed);
      const n = 30;
      const y = Array.from(rs.randomSample(n), (v, i) => v + i / n);
      const w = Array.from(rs.randomSample(n), (v) => 0.5 + v);
      const ours = poolAdjacentViolators(y, w);
      const ref = bruteIsotonic(y, w);
      ours.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 12));
      for (let i = 1; i < n; i++) expect(ours[i]).toBeGreaterThanOrEqual(ours[i - 1]);
    });
  }

  it('merges tied scores, interpolates between fitted points and clips outside them', () => {
    const fit = fitIsotonic([3, 1, 2, 2, 4], [1, 0, 1, 0, 1]);
    expect(Array.from(fit.x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(fit.y)).toEqual([0, 0.5, 1, 1]);
    expect(Array.from(predictIsotonic(fit, [0, 1.5, 2.5, 9]))).toEqual([0, 0.25, 0.75, 1]);
  });
});

describe('CalibratedClassifierCV', () => {
  it("cv: 'prefit' with sigmoid gives the Platt fit of the decision function", () => {
    const { X, y } = dataset(4, 300, 2);
    const est = new LinearScorer({ k: 2 }).fit(X, y);
    const cal = new CalibratedClassifierCV({ estimator: est, cv: 'prefit' }).fit(X, y);
    const f = est.decisionFunction(X) as Float64Array;
    const P = cal.predictProba(X);
    // Recover (a, b) from two calibrated probabilities (logit p = -(a f + b)), then check that
    // they are Platt's optimum and that every row follows the same sigmoid.
    const logit = (i: number) => Math.log(1 / P.data[2 * i + 1] - 1);
    const a = (logit(0) - logit(1)) / (f[0] - f[1]);
    const b = logit(0) - a * f[0];
    expectPlattOptimum(f, y, a, b);
    for (let i = 0; i < X.rows; i++) {
      expect(P.data[2 * i + 1]).toBeCloseTo(1 / (1 + Math.exp(a * f[i] + b)), 9);
      expect(P.data[2 * i] + P.data[2 * i + 1]).toBeCloseTo(1, 15);
    }
    expect(est.fits).toBe(1); // prefit: never refitted
  });

  it("isotonic on predictProba is monotone in the score and matches a brute-force isotonic fit", () => {
    const { X, y } = dataset(6, 60, 2);
    const est = new LinearScorer({ k: 2, withDecision: false }).fit(X, y);
    const cal = new CalibratedClassifierCV({ estimator: est, cv: 'prefit', method: 'isotonic' }).fit(X, y);
    const proba = est.predictProba(X);
    const s = Array.from({ length: X.rows }, (_, i) => proba.data[2 * i + 1]);
    const order = s.map((_, i) => i).sort((i, j) => s[i] - s[j]);
    const ref = bruteIsotonic(order.map((i) => y[i]), order.map(() => 1)); // scores are distinct here
    const P = cal.predictProba(X);
    order.forEach((i, r) => expect(P.data[2 * i + 1]).toBeCloseTo(ref[r], 12));
  });

  it('ensemble: one calibrated clone per fold, averaged; ensemble false: one calibrator, one refit', () => {
    const { X, y } = dataset(7, 240, 2);
    const est = new LinearScorer({ k: 2 });
    const cal = new CalibratedClassifierCV({ estimator: est, cv: 3 }).fit(X, y);
    expect(cal.calibratedClassifiers_.length).toBe(3);
    expect(est.fits).toBe(0);
    const P = cal.predictProba(X);
    const f = est.fit(X, y).decisionFunction(X) as Float64Array;
    for (let i = 0; i < X.rows; i++) {
      const mean = cal.calibratedClassifiers_.reduce((acc, c) => {
        const fit = c.calibrators[0] as { kind: 'sigmoid'; fit: { a: number; b: number } };
        return acc + 1 / (1 + Math.exp(fit.fit.a * f[i] + fit.fit.b)) / 3;
      }, 0);
      expect(P.data[2 * i + 1]).toBeCloseTo(mean, 12);
    }
    const single = new CalibratedClassifierCV({ estimator: new LinearScorer({ k: 2 }), cv: 3, ensemble: false }).fit(X, y);
    expect(single.calibratedClassifiers_.length).toBe(1);
    expect(Array.from(single.predict(X) as Int32Array).every((v) => v === 0 || v === 1)).toBe(true);
  });

  it('multiclass: one calibrator per class, rows normalised to 1', () => {
    const { X, y } = dataset(8, 300, 3);
    for (const method of ['sigmoid', 'isotonic'] as const) {
      const cal = new CalibratedClassifierCV({ estimator: new LinearScorer({ k: 3 }), cv: 3, method }).fit(X, y);
      const P = cal.predictProba(X);
      expect(P.cols).toBe(3);
      for (let i = 0; i < P.rows; i++) {
        expect(P.data[3 * i] + P.data[3 * i + 1] + P.data[3 * i + 2]).toBeCloseTo(1, 12);
        for (let j = 0; j < 3; j++) expect(P.data[3 * i + j]).toBeGreaterThanOrEqual(0);
      }
      expect(cal.calibratedClassifiers_[0].calibrators.length).toBe(3);
    }
  });

  it('validates its options', () => {
    const { X, y } = dataset(1, 40, 2);
    expect(() => new CalibratedClassifierCV({ estimator: new LinearScorer({ k: 2 }), method: 'beta' as any }).fit(X, y))
      .toThrow(/'method' parameter of CalibratedClassifierCV must be one of 'sigmoid', 'isotonic'. Got 'beta'/);
    expect(() => new CalibratedClassifierCV({ estimator: new LinearScorer({ k: 2 }) }).predictProba(X)).toThrow(/not fitted/);
  });
});
