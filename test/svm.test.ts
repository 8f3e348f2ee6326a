/** SVC (RBF kernel, SMO solver) and its WebAssembly kernels. */
import { describe, expect, it } from 'vitest';
import { RandomState, SVC, memoryStats, type Matrix } from '../src/index.js';
import { svmKernels } from '../src/svm/kernels.js';
import { readF64, withArena } from '../src/core/memory.js';
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

describe('svm kernels', () => {
  for (const d of [1, 2, 5, 20]) {
    it(`svm_rbf_row and svm_rbf_decision match plain TS (d = ${d})`, () => {
      const rs = new RandomState(d);
      const n = 41;
      const x = rs.standardNormal(n * d);
      const q = rs.standardNormal(7 * d);
      const coef = rs.uniform(-1, 1, n);
      const g = 0.3;
      const got = withArena((a) => {
        const xp = a.f64From(x), rp = a.f64(n), cp = a.f64From(coef), qp = a.f64From(q), op = a.f64(7);
        svmKernels().svm_rbf_row(xp, n, d, 5, g, rp);
        svmKernels().svm_rbf_decision(xp, n, d, cp, qp, 7, g, 0.25, op);
        return { row: readF64(rp, n), dec: readF64(op, 7) };
      });
      // exp() of AssemblyScript and of V8 may differ in the last bit
      const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-14 * Math.max(1e-300, Math.abs(b)) + 1e-15);
      for (let j = 0; j < n; j++) close(got.row[j], rbf(x, 5, x, j, d, g));
      expect(got.row[5]).toBe(1);
      for (let t = 0; t < 7; t++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += coef[i] * rbf(x, i, q, t, d, g);
        close(got.dec[t], s - 0.25);
      }
    });
  }
});

const TAU = 1e-12;

/** libsvm's SMO (WSS 2, no shrinking) in plain TypeScript: the reference for the svm_smo kernel. */
function smoTS(X: Matrix, y: Int8Array, o: { C: number; gamma: number; tol: number }) {
  const n = X.rows;
  const d = X.cols;
  const C = o.C;
  {
    const kernelRow = (i: number): Float64Array => Float64Array.from({ length: n }, (_, j) => rbf(X.data, i, X.data, j, d, o.gamma));
    const alpha = new Float64Array(n);
    const G = new Float64Array(n).fill(-1);
    const maxIter = 10_000_000;
    let iter = 0;
    let converged = false;
    const up = (t: number) => alpha[t] >= C;
    const low = (t: number) => alpha[t] <= 0;
    while (iter < maxIter) {
      // working set selection (libsvm's WSS 2)
      let Gmax = -Infinity;
      let Gmax2 = -Infinity;
      let i = -1;
      let j = -1;
      let objMin = Infinity;
      for (let t = 0; t < n; t++) {
        if (y[t] === 1) { if (!up(t) && -G[t] >= Gmax) { Gmax = -G[t]; i = t; } }
        else if (!low(t) && G[t] >= Gmax) { Gmax = G[t]; i = t; }
      }
      if (i === -1) { converged = true; break; }
      const Ki = kernelRow(i);
      const yi = y[i];
      for (let t = 0; t < n; t++) {
        if (y[t] === 1) {
          if (low(t)) continue;
          const gd = Gmax + G[t];
          if (G[t] >= Gmax2) Gmax2 = G[t];
          if (gd > 0) {
            const quad = 2 - 2 * yi * Ki[t];
            const obj = -(gd * gd) / (quad > 0 ? quad : TAU);
            if (obj <= objMin) { j = t; objMin = obj; }
          }
        } else {
          if (up(t)) continue;
          const gd = Gmax - G[t];
          if (-G[t] >= Gmax2) Gmax2 = -G[t];
          if (gd > 0) {
            const quad = 2 + 2 * yi * Ki[t];
            const obj = -(gd * gd) / (quad > 0 ? quad : TAU);
            if (obj <= objMin) { j = t; objMin = obj; }
          }
        }
      }
      if (Gmax + Gmax2 < o.tol || j === -1) { converged = true; break; }
      iter++;
      const Kj = kernelRow(j);
      const Qij = yi * y[j] * Ki[j];
      const oldI = alpha[i];
      const oldJ = alpha[j];
      if (yi !== y[j]) {
        let quad = 2 + 2 * Qij;
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
        let quad = 2 - 2 * Qij;
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
      // gradient update: G += Q_i dA_i + Q_j dA_j, with Q_it = y_i y_t K_it
      const dI = (alpha[i] - oldI) * yi;
      const dJ = (alpha[j] - oldJ) * y[j];
      for (let t = 0; t < n; t++) G[t] += y[t] * (Ki[t] * dI + Kj[t] * dJ);
    }
    return { alpha, G, nIter: iter, converged };
  }
}


describe('svm_smo kernel', () => {
  for (const [seed, n, d, C] of [[1, 120, 2, 1], [2, 200, 5, 0.5], [3, 90, 1, 10], [4, 700, 3, 1]] as const) {
    it(`gives the dual solution of a plain TS SMO (seed ${seed}, n ${n}, d ${d}, C ${C})`, () => {
      const rs = new RandomState(seed);
      const x = rs.standardNormal(n * d);
      const y = Int8Array.from({ length: n }, (_, i) => (x[i * d] + 0.7 * rs.standardNormal(1)[0] > 0.3 ? 1 : -1));
      const X = { data: x, rows: n, cols: d };
      const opts = { C, gamma: 0.7, tol: 1e-3 };
      const ref = smoTS(X, y, opts);
      // n = 700 with a small cache exercises evictions and slot collisions
      const got = solveSmo(X, y, { ...opts, maxIter: -1, cacheSize: n === 700 ? 0.3 : 200 });
      expect(ref.converged).toBe(true);
      expect(got.converged).toBe(true);
      // exp() may differ in the last bit between AssemblyScript and V8, which can change the path
      // of the solver: on the same path the values agree to 1e-9, otherwise both reach the optimum
      if (got.nIter === ref.nIter) {
        for (let i = 0; i < n; i++) expect(Math.abs(got.alpha[i] - ref.alpha[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, C));
      }
      const objective = (a: Float64Array) => {
        let f = 0;
        for (let i = 0; i < n; i++) {
          if (!a[i]) continue;
          f -= a[i];
          for (let j = 0; j < n; j++) if (a[j]) f += 0.5 * a[i] * a[j] * y[i] * y[j] * rbf(x, i, x, j, d, 0.7);
        }
        return f;
      };
      const fr = objective(ref.alpha);
      expect(Math.abs(objective(got.alpha) - fr)).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(fr)));
      let s = 0;
      got.alpha.forEach((a, i) => { s += a * y[i]; expect(a >= 0 && a <= C).toBe(true); });
      expect(Math.abs(s)).toBeLessThan(1e-9 * n * C);
    });
  }
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

  it('validates options and leaves no WebAssembly memory behind', () => {
    const { X, y } = twoClouds(4, 60, 2, 2);
    expect(() => new SVC({ C: 0 }).fit(X, y)).toThrow("The 'C' parameter of SVC must be");
    expect(() => new SVC({ gamma: -1 }).fit(X, y)).toThrow(RangeError);
    expect(() => new SVC().fit(X, new Int32Array(60))).toThrow('The number of classes has to be greater than one');
    expect(() => new SVC().predict(X)).toThrow('not fitted');
    const before = memoryStats().liveBlocks;
    new SVC().fit(X, y).decisionFunction(X);
    expect(memoryStats().liveBlocks).toBe(before);
  });
});
