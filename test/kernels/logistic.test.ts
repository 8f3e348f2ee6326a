// The lr_ kernels against plain TypeScript versions of the same sums, on seeded data.
import { describe, expect, it } from 'vitest';
import { RandomState } from '../../src/index.js';
import { f64View, readF64, withArena } from '../../src/core/memory.js';
import { logisticKernels } from '../../src/linearModel/kernels.js';
import { firstMismatch } from '../helpers.js';

const TOL = 1e-12;

/**
 * Seeded rows, coefficients, 0/1 targets and weights. `fewWeights` draws the weights from three
 * values (as class weights do) so the kernel's batched logs over long runs of equal weights are
 * exercised (n > 512); otherwise every weight differs.
 */
function seededProblem(seed: number, n: number, d: number, fewWeights = false) {
  const rs = new RandomState(seed);
  const x = rs.standardNormal(n * d);
  const coef = rs.uniform(-2, 2, d + 1);
  const y = Float64Array.from(rs.randint(0, 2, n) as Int32Array);
  const sw = fewWeights ? Float64Array.from(rs.randint(0, 3, n) as Int32Array, (k) => [1, 2.5, 0.3][k]) : rs.uniform(0, 3, n);
  sw[0] = 0; // a zero weight must contribute nothing
  const v = rs.standardNormal(d + 1);
  return { x, coef, y, sw, v };
}

const log1pExp = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Plain TS: loss, gradient (d [+1]) and curvature of the binary logistic loss. */
function naiveBinary(x: Float64Array, n: number, d: number, y: Float64Array, sw: Float64Array, coef: Float64Array, scale: number) {
  const dim = scale !== 0 ? d + 1 : d;
  const grad = new Float64Array(dim);
  const curv = new Float64Array(n);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let z = scale !== 0 ? scale * coef[d] : 0;
    for (let j = 0; j < d; j++) z += x[i * d + j] * coef[j];
    const p = sigmoid(z);
    loss += sw[i] * (log1pExp(z) - y[i] * z);
    const r = sw[i] * (p - y[i]);
    for (let j = 0; j < d; j++) grad[j] += r * x[i * d + j];
    if (scale !== 0) grad[d] += r * scale;
    curv[i] = sw[i] * p * (1 - p);
  }
  return { loss, grad, curv };
}

describe('lr_binary_loss_grad and lr_binary_hess_vec', () => {
  const cases = [[1, 57, 3, 1, false], [2, 40, 4, 0, false], [3, 33, 1, 2.5, false], [4, 101, 20, 1, false], [5, 64, 7, 0, false],
    [6, 3001, 5, 1, true], [7, 1400, 2, 1, true]] as const;
  for (const [seed, n, d, scale, fewWeights] of cases) {
    it(`match plain TS (seed ${seed}, n ${n}, d ${d}, scale ${scale}, ${fewWeights ? 'few' : 'distinct'} weights)`, () => {
      const { x, coef, y, sw, v } = seededProblem(seed, n, d, fewWeights);
      const dim = scale !== 0 ? d + 1 : d;
      const expected = naiveBinary(x, n, d, y, sw, coef, scale);
      const hvExpected = new Float64Array(dim);
      for (let i = 0; i < n; i++) {
        let t = scale !== 0 ? scale * v[d] : 0;
        for (let j = 0; j < d; j++) t += x[i * d + j] * v[j];
        t *= expected.curv[i];
        for (let j = 0; j < d; j++) hvExpected[j] += t * x[i * d + j];
        if (scale !== 0) hvExpected[d] += t * scale;
      }
      const k = logisticKernels();
      const got = withArena((arena) => {
        const px = arena.f64From(x); const py = arena.f64From(y); const psw = arena.f64From(sw);
        const pc = arena.f64From(coef.subarray(0, dim)); const pg = arena.f64(dim); const pcurv = arena.f64(n);
        const pv = arena.f64From(v.subarray(0, dim)); const pout = arena.f64(dim);
        const loss = k.lr_binary_loss_grad(px, n, d, py, psw, pc, scale, pg, pcurv);
        k.lr_binary_hess_vec(px, n, d, pcurv, scale, pv, pout);
        return { loss, grad: readF64(pg, dim), curv: readF64(pcurv, n), hv: readF64(pout, dim) };
      });
      expect(Math.abs(got.loss - expected.loss)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(expected.loss)));
      expect(firstMismatch(got.grad, expected.grad, TOL)).toBe(-1);
      expect(firstMismatch(got.curv, expected.curv, TOL)).toBe(-1);
      expect(firstMismatch(got.hv, hvExpected, TOL)).toBe(-1);
    });
  }

  it('stays finite for huge margins (no overflow in exp)', () => {
    const k = logisticKernels();
    const got = withArena((arena) => {
      const px = arena.f64From([1000, -1000]); const py = arena.f64From([0, 1]); const psw = arena.f64From([1, 1]);
      const pc = arena.f64From([1]); const pg = arena.f64(1); const pcurv = arena.f64(2);
      const loss = k.lr_binary_loss_grad(px, 2, 1, py, psw, pc, 0, pg, pcurv);
      return { loss, grad: readF64(pg, 1) };
    });
    expect(got.loss).toBeCloseTo(2000, 9); // log(1 + e^1000) ≈ 1000, twice
    expect(got.grad[0]).toBeCloseTo(2000, 9);
  });
});

describe('lr_binary_loss_grad_chunks', () => {
  for (const [seed, n, d, scale, chunkRows] of [[11, 1000, 3, 1, 256], [12, 777, 20, 0, 100], [13, 50, 2, 1, 64]] as const) {
    it(`block c equals plain TS over its rows, for any range of blocks (seed ${seed}, n ${n}, d ${d}, ${chunkRows} rows per block)`, () => {
      const { x, coef, y, sw } = seededProblem(seed, n, d);
      const dim = scale !== 0 ? d + 1 : d;
      const nBlocks = Math.ceil(n / chunkRows);
      const k = logisticKernels();
      const out = withArena((arena) => {
        const px = arena.f64From(x); const py = arena.f64From(y); const psw = arena.f64From(sw);
        const pc = arena.f64From(coef.subarray(0, dim)); const po = arena.f64(nBlocks * (dim + 1));
        // two calls over a split range: the result must not depend on which call made a block
        const mid = Math.floor(nBlocks / 2);
        k.lr_binary_loss_grad_chunks(px, n, d, py, psw, pc, scale, po, chunkRows, mid, nBlocks);
        k.lr_binary_loss_grad_chunks(px, n, d, py, psw, pc, scale, po, chunkRows, 0, mid);
        return readF64(po, nBlocks * (dim + 1));
      });
      for (let c = 0; c < nBlocks; c++) {
        const r0 = c * chunkRows;
        const r1 = Math.min(n, r0 + chunkRows);
        const want = naiveBinary(x.subarray(r0 * d, r1 * d), r1 - r0, d, y.subarray(r0, r1), sw.subarray(r0, r1), coef, scale);
        const o = c * (dim + 1);
        expect(Math.abs(out[o] - want.loss)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(want.loss)));
        expect(firstMismatch(out.subarray(o + 1, o + 1 + dim), want.grad, TOL)).toBe(-1);
      }
    });
  }
});

describe('lr_multinomial_loss_grad', () => {
  for (const [seed, n, d, kClasses, hasIntercept] of [[7, 50, 3, 3, 1], [8, 45, 4, 4, 0], [9, 80, 5, 5, 1]] as const) {
    it(`matches plain TS (seed ${seed}, n ${n}, d ${d}, K ${kClasses}, intercept ${hasIntercept})`, () => {
      const rs = new RandomState(seed);
      const x = rs.standardNormal(n * d);
      const stride = d + hasIntercept;
      const w = rs.uniform(-1.5, 1.5, kClasses * stride);
      const codes = rs.randint(0, kClasses, n) as Int32Array;
      const sw = rs.uniform(0.1, 2, n);
      let loss = 0;
      const grad = new Float64Array(kClasses * stride);
      for (let i = 0; i < n; i++) {
        const z = Array.from({ length: kClasses }, (_, c) => {
          let s = hasIntercept ? w[c * stride + d] : 0;
          for (let j = 0; j < d; j++) s += x[i * d + j] * w[c * stride + j];
          return s;
        });
        const m = Math.max(...z);
        const lse = m + Math.log(z.reduce((a, b) => a + Math.exp(b - m), 0));
        loss += sw[i] * (lse - z[codes[i]]);
        for (let c = 0; c < kClasses; c++) {
          const r = sw[i] * (Math.exp(z[c] - lse) - (c === codes[i] ? 1 : 0));
          for (let j = 0; j < d; j++) grad[c * stride + j] += r * x[i * d + j];
          if (hasIntercept) grad[c * stride + d] += r;
        }
      }
      const k = logisticKernels();
      const got = withArena((arena) => {
        const px = arena.f64From(x); const pcodes = arena.i32From(codes); const psw = arena.f64From(sw);
        const pw = arena.f64From(w); const pg = arena.f64(kClasses * stride); const scratch = arena.f64(kClasses);
        const l = k.lr_multinomial_loss_grad(px, n, d, kClasses, pcodes, psw, pw, hasIntercept, pg, scratch);
        return { loss: l, grad: readF64(pg, kClasses * stride) };
      });
      expect(Math.abs(got.loss - loss)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(loss)));
      expect(firstMismatch(got.grad, grad, TOL)).toBe(-1);
    });
  }
});

describe('lr_decision', () => {
  for (const [seed, n, d, kClasses] of [[11, 30, 2, 1], [12, 25, 5, 3], [13, 17, 20, 4]] as const) {
    it(`matches plain TS (seed ${seed}, n ${n}, d ${d}, K ${kClasses})`, () => {
      const rs = new RandomState(seed);
      const x = rs.standardNormal(n * d);
      const coef = rs.standardNormal(kClasses * d);
      const intercept = rs.standardNormal(kClasses);
      const expected = new Float64Array(n * kClasses);
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < kClasses; c++) {
          let s = intercept[c];
          for (let j = 0; j < d; j++) s += x[i * d + j] * coef[c * d + j];
          expected[i * kClasses + c] = s;
        }
      }
      const got = withArena((arena) => {
        const px = arena.f64From(x); const pc = arena.f64From(coef); const pi = arena.f64From(intercept);
        const out = arena.f64(n * kClasses);
        f64View(out, n * kClasses).fill(NaN); // every entry must be written
        logisticKernels().lr_decision(px, n, d, kClasses, pc, pi, out);
        return readF64(out, n * kClasses);
      });
      expect(firstMismatch(got, expected, TOL)).toBe(-1);
    });
  }
});
