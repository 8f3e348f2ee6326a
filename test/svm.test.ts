/** SVC (RBF kernel, SMO solver) and its WebAssembly kernels. */
import { describe, expect, it } from 'vitest';
import { RandomState, SVC, memoryStats, type Matrix } from '../src/index.js';
import { svmKernels } from '../src/svm/kernels.js';
import { readF64, u8View, withArena } from '../src/core/memory.js';
import { solveSmo } from '../src/svm/smo.js';

const rbf = (X: ArrayLike<number>, i: number, Y: ArrayLike<number>, j: number, d: number, g: number) => {
  let s = 0;
  for (let t = 0; t < d; t++) { const u = X[i * d + t] - Y[j * d + t]; s += u * u; }
  return Math.exp(-g * s);
};

function twoClouds(seed: number, n: number, d: number, gap: number): { X: Matrix; y: Int32Array } {
  const rs = new RandomState(seed);
  const data = rs.standardNormal(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 3 === 0 ? 1 : 0;
    data[i * d] += y[i] ? gap : -gap;
  }
  return { X: { data, rows: n, cols: d }, y };
}

/** exp(-g (|x_i|^2 + |y_j|^2 - 2 x_i . y_j)) rounded to float32: libsvm's training kernel (Qfloat). */
const rbfTrain = (X: ArrayLike<number>, i: number, j: number, d: number, g: number) => {
  let si = 0, sj = 0, dt = 0;
  for (let t = 0; t < d; t++) { si += X[i * d + t] ** 2; sj += X[j * d + t] ** 2; dt += X[i * d + t] * X[j * d + t]; }
  return Math.fround(Math.exp(-g * (si + sj - 2 * dt)));
};

describe('svm kernels', () => {
  it('svm_exp matches Math.exp to a few units in the last place, and clamps below -708', () => {
    const rs = new RandomState(11);
    const x = Float64Array.from([...rs.uniform(-750, 710, 5001), 0, -0, 1e-300, -1e-300, -708, 709, Math.LN2, -Math.LN2 / 128, 3.3]);
    const n = x.length;
    const got = withArena((a) => { const xp = a.f64From(x), op = a.f64(n); svmKernels().svm_exp(xp, n, op); return readF64(op, n); });
    for (let k = 0; k < n; k++) {
      if (x[k] < -708) {
        // the float32 kernel value is 0 there either way
        expect(got[k]).toBe(Math.exp(-708));
        expect(Math.fround(got[k])).toBe(0);
      } else {
        expect(Math.abs(got[k] - Math.exp(x[k]))).toBeLessThanOrEqual(1e-15 * Math.exp(x[k]));
      }
    }
  });

  for (const d of [1, 2, 3, 5, 20]) {
    it(`svm_sq_norms, svm_rbf_row and svm_rbf_decision match plain TS (d = ${d})`, () => {
      const rs = new RandomState(d);
      const n = 41;
      const x = rs.standardNormal(n * d);
      const q = rs.standardNormal(7 * d);
      const coef = rs.uniform(-1, 1, n);
      const g = 0.3;
      const got = withArena((a) => {
        const xp = a.f64From(x), sq = a.f64(n), cp = a.f64From(coef), qp = a.f64From(q), op = a.f64(7);
        const rp = a.bytes(4 * (n + 8));
        svmKernels().svm_sq_norms(xp, n, d, sq);
        const rows: Float32Array[] = [];
        // every parity of start and end: the pair / quad loops and the scalar tails
        for (const [i, start, end] of [[5, 0, n], [0, 3, 40], [40, 1, 6], [7, 4, 5], [9, 6, 6]]) {
          const view = new Float32Array(u8View(rp, 4 * (n + 8)).buffer, rp, n + 8);
          view.fill(-7);
          svmKernels().svm_rbf_row(xp, sq, d, i, start, end, g, rp);
          rows.push(new Float32Array(u8View(rp, 4 * (n + 8)).buffer, rp, n + 8).slice());
        }
        svmKernels().svm_rbf_decision(xp, n, d, cp, qp, 7, g, 0.25, op);
        return { sq: readF64(sq, n), rows, dec: readF64(op, 7) };
      });
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += x[i * d + t] ** 2;
        expect(Math.abs(got.sq[i] - s)).toBeLessThanOrEqual(1e-14 * s);
      }
      [[5, 0, n], [0, 3, 40], [40, 1, 6], [7, 4, 5], [9, 6, 6]].forEach(([i, start, end], r) => {
        const row = got.rows[r];
        for (let t = 0; t < n + 8; t++) {
          if (t < start || t >= end) { expect(row[t]).toBe(-7); continue; } // nothing written outside
          // float32 values: the rounding of a float64 that differs in its last bits may differ by one unit
          const ref = rbfTrain(x, i, t, d, g);
          expect(Math.abs(row[t] - ref)).toBeLessThanOrEqual(2 ** -23 * ref + 1e-30);
        }
        if (i >= start && i < end) expect(row[i]).toBe(1);
      });
      const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-14 * Math.max(1e-300, Math.abs(b)) + 1e-15);
      for (let t = 0; t < 7; t++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += coef[i] * rbf(x, i, q, t, d, g);
        close(got.dec[t], s - 0.25);
      }
    });
  }
});

const TAU = 1e-12;

/**
 * libsvm's SMO (Solver::Solve with WSS 2, no shrinking) in plain TypeScript, as libsvm computes:
 * float32 kernel rows in the |a|^2 + |b|^2 - 2 a.b form, Q_ij = y_i y_j K_ij, G += Q_i da_i + Q_j da_j.
 */
function smoTS(X: Matrix, y: Int8Array, o: { C: number; gamma: number; tol: number }) {
  const n = X.rows;
  const d = X.cols;
  const C = o.C;
  const Q = (i: number): Float64Array => Float64Array.from({ length: n }, (_, j) => y[i] * y[j] * rbfTrain(X.data, i, j, d, o.gamma));
  const alpha = new Float64Array(n);
  const G = new Float64Array(n).fill(-1);
  let iter = 0;
  const up = (t: number) => alpha[t] >= C;
  const low = (t: number) => alpha[t] <= 0;
  for (;;) {
    let Gmax = -Infinity;
    let Gmax2 = -Infinity;
    let i = -1;
    let j = -1;
    let objMin = Infinity;
    for (let t = 0; t < n; t++) {
      if (y[t] === 1) { if (!up(t) && -G[t] >= Gmax) { Gmax = -G[t]; i = t; } }
      else if (!low(t) && G[t] >= Gmax) { Gmax = G[t]; i = t; }
    }
    const Qi = i === -1 ? new Float64Array(n) : Q(i);
    for (let t = 0; t < n; t++) {
      if (y[t] === 1) {
        if (low(t)) continue;
        const gd = Gmax + G[t];
        if (G[t] >= Gmax2) Gmax2 = G[t];
        if (gd > 0) {
          const quad = 2 - 2 * y[i] * Qi[t];
          const obj = -(gd * gd) / (quad > 0 ? quad : TAU);
          if (obj <= objMin) { j = t; objMin = obj; }
        }
      } else {
        if (up(t)) continue;
        const gd = Gmax - G[t];
        if (-G[t] >= Gmax2) Gmax2 = -G[t];
        if (gd > 0) {
          const quad = 2 + 2 * y[i] * Qi[t];
          const obj = -(gd * gd) / (quad > 0 ? quad : TAU);
          if (obj <= objMin) { j = t; objMin = obj; }
        }
      }
    }
    if (Gmax + Gmax2 < o.tol || j === -1) break;
    iter++;
    const Qj = Q(j);
    const oldI = alpha[i];
    const oldJ = alpha[j];
    if (y[i] !== y[j]) {
      let quad = 2 + 2 * Qi[j];
      if (quad <= 0) quad = TAU;
      const delta = (-G[i] - G[j]) / quad;
      const diff = alpha[i] - alpha[j];
      alpha[i] += delta;
      alpha[j] += delta;
      if (diff > 0) { if (alpha[j] < 0) { alpha[j] = 0; alpha[i] = diff; } }
      else if (alpha[i] < 0) { alpha[i] = 0; alpha[j] = -diff; }
      if (diff > 0) { if (alpha[i] > C) { alpha[i] = C; alpha[j] = C - diff; } }
      else if (alpha[j] > C) { alpha[j] = C; alpha[i] = C + diff; }
    } else {
      let quad = 2 - 2 * Qi[j];
      if (quad <= 0) quad = TAU;
      const delta = (G[i] - G[j]) / quad;
      const sum = alpha[i] + alpha[j];
      alpha[i] -= delta;
      alpha[j] += delta;
      if (sum > C) { if (alpha[i] > C) { alpha[i] = C; alpha[j] = sum - C; } }
      else if (alpha[j] < 0) { alpha[j] = 0; alpha[i] = sum; }
      if (sum > C) { if (alpha[j] > C) { alpha[j] = C; alpha[i] = sum - C; } }
      else if (alpha[i] < 0) { alpha[i] = 0; alpha[j] = sum; }
    }
    const dI = alpha[i] - oldI;
    const dJ = alpha[j] - oldJ;
    for (let t = 0; t < n; t++) G[t] += Qi[t] * dI + Qj[t] * dJ;
  }
  // libsvm's calculate_rho
  let ub = Infinity, lb = -Infinity, nFree = 0, sumFree = 0;
  for (let t = 0; t < n; t++) {
    const yG = y[t] * G[t];
    if (up(t)) { if (y[t] === -1) ub = Math.min(ub, yG); else lb = Math.max(lb, yG); }
    else if (low(t)) { if (y[t] === 1) ub = Math.min(ub, yG); else lb = Math.max(lb, yG); }
    else { nFree++; sumFree += yG; }
  }
  return { alpha, nIter: iter, rho: nFree > 0 ? sumFree / nFree : (ub + lb) / 2 };
}

/** Seeded two-class data: x ~ N(0, 1), y from the first feature plus noise. */
function noisyProblem(seed: number, n: number, d: number, noise = 0.7): { X: Matrix; y: Int8Array } {
  const rs = new RandomState(seed);
  const x = rs.standardNormal(n * d);
  const y = Int8Array.from({ length: n }, (_, i) => (x[i * d] + noise * rs.standardNormal(1)[0] > 0.3 ? 1 : -1));
  return { X: { data: x, rows: n, cols: d }, y };
}

/** The violation of the optimality conditions with exact (float64) kernels: max_{I_up} -y G - min_{I_low} -y G. */
function kktGap(X: Matrix, y: Int8Array, alpha: Float64Array, C: number, gamma: number): number {
  const n = X.rows;
  const G = new Float64Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (!alpha[i]) continue;
    for (let t = 0; t < n; t++) G[t] += alpha[i] * y[i] * y[t] * rbf(X.data, i, X.data, t, X.cols, gamma);
  }
  let m = -Infinity, M = Infinity;
  for (let t = 0; t < n; t++) {
    const v = -y[t] * G[t];
    const inUp = (y[t] === 1 && alpha[t] < C) || (y[t] === -1 && alpha[t] > 0);
    const inLow = (y[t] === 1 && alpha[t] > 0) || (y[t] === -1 && alpha[t] < C);
    if (inUp) m = Math.max(m, v);
    if (inLow) M = Math.min(M, v);
  }
  return m - M;
}

const objective = (X: Matrix, y: Int8Array, a: Float64Array, gamma: number) => {
  let f = 0;
  for (let i = 0; i < a.length; i++) {
    if (!a[i]) continue;
    f -= a[i];
    for (let j = 0; j < a.length; j++) if (a[j]) f += 0.5 * a[i] * a[j] * y[i] * y[j] * rbf(X.data, i, X.data, j, X.cols, gamma);
  }
  return f;
};

describe('svm_smo kernel', () => {
  for (const [seed, n, d, C] of [[1, 120, 2, 1], [2, 200, 5, 0.5], [3, 91, 1, 10], [4, 700, 3, 1], [5, 401, 2, 10]] as const) {
    it(`follows a plain TS libsvm SMO (seed ${seed}, n ${n}, d ${d}, C ${C})`, () => {
      const { X, y } = noisyProblem(seed, n, d);
      const opts = { C, gamma: 0.7, tol: 1e-3 };
      const ref = smoTS(X, y, opts);
      // without shrinking, the path is libsvm's: n = 700 with a tiny cache exercises evictions
      const got = solveSmo(X, y, { ...opts, maxIter: -1, cacheSize: n === 700 ? 0.3 : 200, shrinking: false });
      expect(got.converged).toBe(true);
      if (d <= 2) {
        // the same float32 kernel values (a dot product of <= 2 terms is summed in the same order): the same path
        expect(got.nIter).toBe(ref.nIter);
        for (let i = 0; i < n; i++) expect(Math.abs(got.alpha[i] - ref.alpha[i])).toBeLessThanOrEqual(1e-12 * C);
        expect(Math.abs(got.rho - ref.rho)).toBeLessThanOrEqual(1e-12);
      }
      const fr = objective(X, y, ref.alpha, 0.7);
      expect(Math.abs(objective(X, y, got.alpha, 0.7) - fr)).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(fr)));
      expect(Math.abs(got.obj - fr)).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(fr)));
      let s = 0;
      got.alpha.forEach((a, i) => { s += a * y[i]; expect(a >= 0 && a <= C).toBe(true); });
      expect(Math.abs(s)).toBeLessThan(1e-9 * n * C);
      expect(kktGap(X, y, got.alpha, C, 0.7)).toBeLessThan(1e-3 + 1e-4);
    });
  }

  for (const [seed, n, d, C] of [[6, 1500, 2, 10], [7, 1200, 3, 30], [8, 2500, 1, 5]] as const) {
    it(`shrinks to the same optimum, whatever the cache size (seed ${seed}, n ${n}, d ${d}, C ${C})`, () => {
      // enough iterations (> 1000) for libsvm's shrinking, the unshrink step and the cache relayouts to run
      const { X, y } = noisyProblem(seed, n, d, 1.2);
      const opts = { C, gamma: 2, tol: 1e-3, maxIter: -1 };
      const full = solveSmo(X, y, { ...opts, cacheSize: 200, shrinking: false });
      const big = solveSmo(X, y, { ...opts, cacheSize: 200 });
      const tiny = solveSmo(X, y, { ...opts, cacheSize: 0.02 });
      const mid = solveSmo(X, y, { ...opts, cacheSize: (n * n * 4) / 3 / 2 ** 20 });
      expect(big.nIter).toBeGreaterThan(1000);
      // the cache only changes where kernel values come from, never their values
      for (const other of [tiny, mid]) {
        expect(other.nIter).toBe(big.nIter);
        expect(Array.from(other.alpha)).toEqual(Array.from(big.alpha));
        expect(other.rho).toBe(big.rho);
      }
      for (const r of [big, full]) {
        expect(r.converged).toBe(true);
        expect(kktGap(X, y, r.alpha, C, 2)).toBeLessThan(1e-3 + 1e-4);
      }
      expect(Math.abs(big.obj - full.obj)).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(full.obj)));
      expect(Math.abs(big.rho - full.rho)).toBeLessThan(1e-2);
    });
  }

  it('stops at maxIter and reports it', () => {
    const { X, y } = noisyProblem(9, 300, 2, 1.2);
    const r = solveSmo(X, y, { C: 10, gamma: 2, tol: 1e-3, maxIter: 15, cacheSize: 200 });
    expect(r.nIter).toBe(15);
    expect(r.converged).toBe(false);
  });
});

describe('SVC', () => {
  it('separates separable data and satisfies the KKT conditions', () => {
    const { X, y } = twoClouds(1, 150, 2, 3);
    const C = 1;
    const svc = new SVC({ C, tol: 1e-6 }).fit(X, y);
    expect(Array.from(svc.predict(X) as Int32Array)).toEqual(Array.from(y));
    const f = svc.decisionFunction(X) as Float64Array;
    // gamma = 'scale'
    let mean = 0; for (const v of X.data) mean += v; mean /= X.data.length;
    let v = 0; for (const t of X.data) v += (t - mean) ** 2; v /= X.data.length;
    expect(svc.gamma_).toBeCloseTo(1 / (2 * v), 12);
    // decision function = sum coef K + intercept (plain TS)
    const sv = svc.support_!;
    for (let q = 0; q < X.rows; q++) {
      let s = svc.intercept_!;
      sv.forEach((r, i) => { s += svc.dualCoef_![i] * rbf(X.data, r, X.data, q, 2, svc.gamma_!); });
      expect(Math.abs(f[q] - s)).toBeLessThan(1e-9);
    }
    // dual feasibility and complementary slackness (up to tol)
    let sum = 0;
    svc.dualCoef_!.forEach((c) => { sum += c; expect(Math.abs(c)).toBeLessThanOrEqual(C); });
    expect(Math.abs(sum)).toBeLessThan(1e-9);
    const isSv = new Set(sv);
    for (let i = 0; i < X.rows; i++) {
      const yi = y[i] === 1 ? 1 : -1;
      if (!isSv.has(i)) expect(yi * f[i]).toBeGreaterThan(1 - 1e-4);
    }
    svc.dualCoef_!.forEach((c, i) => {
      const yi = y[sv[i]] === 1 ? 1 : -1;
      if (Math.abs(c) < C - 1e-9) expect(Math.abs(yi * f[sv[i]] - 1)).toBeLessThan(1e-4);
    });
    // support_ is grouped by class (sorted labels), ascending within a class
    const groups = Array.from(sv, (r) => y[r]);
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
    expect(Array.from(svc.nSupport_!)).toEqual([groups.filter((g) => g === 0).length, groups.filter((g) => g === 1).length]);
    expect(svc.supportIndices).toBe(svc.support_);
  });

  it('puts bounded support vectors inside the margin of overlapping data', () => {
    const { X, y } = twoClouds(2, 200, 3, 0.5);
    const svc = new SVC({ C: 0.5 }).fit(X, y);
    expect(svc.dualCoef_!.some((c) => Math.abs(c) === 0.5)).toBe(true);
    const acc = (svc.predict(X) as Int32Array).reduce((s, p, i) => s + Number(p === y[i]), 0) / X.rows;
    expect(acc).toBeGreaterThan(0.7);
  });

  it('classifies three classes one-vs-one, with the labels given', () => {
    const rs = new RandomState(3);
    const n = 90;
    const noise = rs.standardNormal(n * 2);
    const centers = [[0, 0], [6, 0], [0, 6]];
    const names = ['a', 'b', 'c'];
    const data = new Float64Array(n * 2);
    const y: string[] = [];
    for (let i = 0; i < n; i++) {
      data[i * 2] = centers[i % 3][0] + noise[i * 2];
      data[i * 2 + 1] = centers[i % 3][1] + noise[i * 2 + 1];
      y.push(names[i % 3]);
    }
    const X = { data, rows: n, cols: 2 };
    const svc = new SVC().fit(X, y);
    expect(svc.predict([[0, 0], [6, 0], [0, 6]])).toEqual(['a', 'b', 'c']);
    const ovo = svc.decisionFunction([[6, 0]]) as Matrix;
    expect(ovo.cols).toBe(3);
    expect(ovo.data[0]).toBeGreaterThan(0); // (a, b) towards b
    expect(svc.classes_).toEqual(names);
  });

  it('gives the same machine with and without shrinking (up to tol), positive towards classes_[1]', () => {
    const { X, y } = twoClouds(5, 1500, 2, 0.4);
    const a = new SVC({ C: 10 }).fit(X, y);
    const b = new SVC({ C: 10, shrinking: false }).fit(X, y);
    expect(a.nIter_![0]).toBeGreaterThan(1000); // shrinking has run
    const fa = a.decisionFunction(X) as Float64Array;
    const fb = b.decisionFunction(X) as Float64Array;
    for (let q = 0; q < X.rows; q++) expect(Math.abs(fa[q] - fb[q])).toBeLessThan(1e-2);
    // class 1 sits on the positive side on average
    const mean = (c: number) => { let s = 0, k = 0; fa.forEach((v, i) => { if (y[i] === c) { s += v; k++; } }); return s / k; };
    expect(mean(1)).toBeGreaterThan(mean(0));
  });

  it('validates options and leaves no WebAssembly memory behind', () => {
    const { X, y } = twoClouds(4, 60, 2, 2);
    expect(() => new SVC({ C: 0 }).fit(X, y)).toThrow("The 'C' parameter of SVC must be");
    expect(() => new SVC({ gamma: -1 }).fit(X, y)).toThrow(RangeError);
    expect(() => new SVC({ shrinking: 1 as unknown as boolean }).fit(X, y)).toThrow(TypeError);
    expect(() => new SVC().fit(X, new Int32Array(60))).toThrow('The number of classes has to be greater than one');
    expect(() => new SVC().predict(X)).toThrow('not fitted');
    const before = memoryStats().liveBlocks;
    new SVC().fit(X, y).decisionFunction(X);
    expect(memoryStats().liveBlocks).toBe(before);
  });
});
