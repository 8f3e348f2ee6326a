// Each kernel of assembly/datasets.ts against a plain TypeScript version on seeded data.
import { describe, expect, it } from 'vitest';
import { RandomState } from '../../src/index.js';
import { datasetKernels } from '../../src/datasets/makeClassification.js';
import { f64View, i32View, readF64, withArena } from '../../src/core/memory.js';
import { allocState, standardNormalInto } from '../../src/datasets/gaussianInto.js';

const rs = new RandomState(12345);
const n = 37;
const d = 9;
const X0 = rs.standardNormal(n * d);

/** Runs `body` with X0 copied into WASM memory and returns the matrix afterwards. */
function onWasm(body: (X: number, alloc: (v: ArrayLike<number>) => number, allocI: (v: ArrayLike<number>) => number) => void): Float64Array {
  return withArena((arena) => {
    const X = arena.f64From(X0);
    body(X, (v) => arena.f64From(v), (v) => arena.i32From(v));
    return readF64(X, n * d);
  });
}

describe('dataset kernels equal plain TypeScript', () => {
  it('mc_put_columns', () => {
    const w = 3;
    const src = rs.uniform(-1, 1, n * w);
    const got = onWasm((X, f) => datasetKernels().mc_put_columns(X, d, n, f(src), w, 4));
    const want = X0.slice();
    for (let r = 0; r < n; r++) for (let j = 0; j < w; j++) want[r * d + 4 + j] = src[r * w + j];
    expect(got).toEqual(want);
  });

  it('mc_cluster_affine', () => {
    const k = 4;
    const r0 = 5;
    const m = 20;
    const A = rs.uniform(-1, 1, k * k);
    const c = rs.uniform(-2, 2, k);
    const got = onWasm((X, f) => datasetKernels().mc_cluster_affine(X, d, r0, m, k, f(A), f(c), f(new Float64Array(k))));
    const want = X0.slice();
    for (let r = r0; r < r0 + m; r++) {
      const acc = new Float64Array(k);
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) acc[j] += X0[r * d + i] * A[i * k + j];
      for (let j = 0; j < k; j++) want[r * d + j] = acc[j] + c[j];
    }
    expect(got).toEqual(want);
    // Rows outside the block are untouched.
    expect(got.subarray(0, r0 * d)).toEqual(X0.subarray(0, r0 * d));
  });

  it('mc_linear_combination', () => {
    const k = 3;
    const w = 2;
    const B = rs.uniform(-1, 1, k * w);
    const got = onWasm((X, f) => datasetKernels().mc_linear_combination(X, d, n, k, f(B), w, k));
    const want = X0.slice();
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < w; j++) {
        let s = 0;
        for (let i = 0; i < k; i++) s += X0[r * d + i] * B[i * w + j];
        want[r * d + k + j] = s;
      }
    }
    expect(got).toEqual(want);
  });

  it('mc_repeat_columns', () => {
    const idx = [2, 0, 2];
    const got = onWasm((X, _f, fi) => datasetKernels().mc_repeat_columns(X, d, n, fi(idx), idx.length, 5));
    const want = X0.slice();
    for (let r = 0; r < n; r++) idx.forEach((src, j) => { want[r * d + 5 + j] = X0[r * d + src]; });
    expect(got).toEqual(want);
  });

  it('mc_shift_scale_permute', () => {
    const rows = rs.permutation(n);
    const cols = rs.permutation(d);
    const shift = rs.uniform(-1, 1, d);
    const scale = rs.uniform(1, 100, d);
    const got = withArena((arena) => {
      const X = arena.f64From(X0);
      const out = arena.f64(n * d);
      const R = arena.i32From(rows);
      const C = arena.i32From(cols);
      const S = arena.f64From(shift);
      const T = arena.f64From(scale);
      datasetKernels().mc_shift_scale_permute(X, out, n, d, R, C, S, T);
      expect(f64View(X, n * d)).toEqual(X0); // input untouched
      expect(i32View(R, n)).toEqual(rows);
      return readF64(out, n * d);
    });
    const want = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) {
      const c = cols[j];
      want[i * d + j] = (X0[rows[i] * d + c] + shift[c]) * scale[c];
    }
    expect(got).toEqual(want);
  });
});

describe('standardNormalInto', () => {
  it('writes what rs.standardNormal gives and leaves the same state (cache included)', () => {
    for (const size of [1, 7, 101, 1000]) {
      const a = new RandomState(99);
      const b = new RandomState(99);
      a.standardNormal(3); // leave a cached Gaussian behind
      b.standardNormal(3);
      const want = a.standardNormal(size);
      const got = withArena((arena) => {
        const state = allocState(arena);
        const out = arena.f64(size);
        standardNormalInto(b, state, out, size);
        return readF64(out, size);
      });
      expect(got).toEqual(want);
      expect(b.getState()).toEqual(a.getState());
      expect(b.standardNormal(5)).toEqual(a.standardNormal(5));
    }
  });
});
