// Every WASM neighbour backend against a plain TypeScript brute force on seeded data.
import { describe, expect, it } from 'vitest';
import { RandomState, memoryStats, searchNeighbors, searchNeighborsInArena } from '../../src/index.js';
import { readF64, readI32, u8View, withArena } from '../../src/core/memory.js';
import { neighborKernels } from '../../src/neighbors/kernels.js';
import { KD_LEAF_SIZE } from '../../src/neighbors/search.js';
import type { Matrix } from '../../src/index.js';

/** Plain brute force: left-to-right squared sums, stable sort by (distance, index). */
function naiveKnn(fit: Matrix, query: Matrix | null, k: number): { indices: Int32Array; distances: Float64Array } {
  const q = query ?? fit;
  const indices = new Int32Array(q.rows * k);
  const distances = new Float64Array(q.rows * k);
  for (let i = 0; i < q.rows; i++) {
    const cand: [number, number][] = [];
    for (let j = 0; j < fit.rows; j++) {
      if (query === null && j === i) continue;
      let s = 0;
      for (let t = 0; t < fit.cols; t++) {
        const diff = q.data[i * q.cols + t] - fit.data[j * fit.cols + t];
        s += diff * diff;
      }
      cand.push([s, j]);
    }
    cand.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let c = 0; c < k; c++) {
      indices[i * k + c] = cand[c][1];
      distances[i * k + c] = Math.sqrt(cand[c][0]);
    }
  }
  return { indices, distances };
}

/** Gaussian rows, optionally rounded to a coarse grid (many exact ties) and with duplicated rows. */
function makeData(rs: RandomState, n: number, d: number, { grid = false, duplicates = 0 } = {}): Matrix {
  const data = rs.standardNormal(n * d);
  if (grid) for (let i = 0; i < data.length; i++) data[i] = Math.round(data[i] * 2);
  for (let c = 0; c < duplicates; c++) {
    const from = Number(rs.randint(0, n, 1)[0]);
    const to = Number(rs.randint(0, n, 1)[0]);
    data.copyWithin(to * d, from * d, from * d + d);
  }
  return { data: Float64Array.from(data), rows: n, cols: d };
}

function expectSame(actual: { indices: Int32Array; distances: Float64Array }, expected: { indices: Int32Array; distances: Float64Array }, label: string) {
  expect(Array.from(actual.indices), `${label} indices`).toEqual(Array.from(expected.indices));
  // bit-identical: both sum (a - b)^2 left to right
  expect(Array.from(actual.distances), `${label} distances`).toEqual(Array.from(expected.distances));
}

const backends = ['kd_tree', 'brute'] as const;

describe('kNN kernels vs plain TypeScript', () => {
  const rs = new RandomState(20240607);
  const shapes: [number, number, number][] = [
    [1, 1, 1], [2, 1, 1], [5, 2, 4], [17, 1, 3], [40, 2, 6], [63, 3, 5], [100, 2, 1], [129, 4, 7],
    [200, 5, 6], [300, 2, 20], [257, 8, 3], [150, 15, 6], [90, 16, 4], [75, 20, 6], [61, 33, 2], [500, 3, 10],
  ];
  for (const [n, d, k0] of shapes) {
    for (const grid of [false, true]) {
      it(`n=${n} d=${d} k<=${k0} grid=${grid}`, () => {
        const fit = makeData(rs, n, d, { grid, duplicates: Math.floor(n / 10) });
        const query = makeData(rs, Math.max(1, Math.floor(n / 3)), d, { grid });
        for (const backend of backends) {
          const kSep = Math.min(k0, n);
          expectSame(searchNeighbors(fit, query, kSep, backend), naiveKnn(fit, query, kSep), `${backend} separate`);
          // fit rows queried explicitly (imbalanced-learn's way): self included
          expectSame(searchNeighbors(fit, fit, kSep, backend), naiveKnn(fit, fit, kSep), `${backend} explicit`);
          if (n >= 2) {
            const kSelf = Math.min(k0, n - 1);
            expectSame(searchNeighbors(fit, null, kSelf, backend), naiveKnn(fit, null, kSelf), `${backend} self-excluded`);
            // k = n - 1: every other row
            expectSame(searchNeighbors(fit, null, n - 1, backend), naiveKnn(fit, null, n - 1), `${backend} k=n-1`);
          }
        }
      });
    }
  }

  it('all rows identical: ties go to the smaller index, the row itself is left out by index', () => {
    const fit: Matrix = { data: new Float64Array(12).fill(1.5), rows: 6, cols: 2 };
    for (const backend of backends) {
      const r = searchNeighbors(fit, null, 3, backend);
      expect(Array.from(r.indices)).toEqual([1, 2, 3, 0, 2, 3, 0, 1, 3, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
      expect(Array.from(r.distances)).toEqual(new Array(18).fill(0));
      const explicit = searchNeighbors(fit, fit, 2, backend);
      expect(Array.from(explicit.indices)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    }
  });

  it('larger random sets agree between the two backends and the naive search', () => {
    const fit = makeData(rs, 3000, 2, { duplicates: 50 });
    const expected = naiveKnn(fit, null, 6);
    for (const backend of backends) expectSame(searchNeighbors(fit, null, 6, backend), expected, backend);
  });

  it('arena entry: explicit query pointers (self excluded by index) and masked self queries', () => {
    const fit = makeData(rs, 400, 3, { grid: true, duplicates: 40 });
    const k = 5;
    const expectedSelf = naiveKnn(fit, null, k);
    const expectedExplicit = naiveKnn(fit, fit, k);
    const mask = Uint8Array.from({ length: fit.rows }, (_, i) => (i % 3 === 0 ? 1 : 0));
    for (const backend of backends) {
      withArena((arena) => {
        const fitPtr = arena.f64From(fit.data);
        const queryPtr = arena.f64From(fit.data); // same values, another buffer: visited in query order
        const idx = arena.i32(fit.rows * k);
        const dist = arena.f64(fit.rows * k);
        const maskPtr = arena.u8(fit.rows);
        u8View(maskPtr, fit.rows).set(mask);
        expect(searchNeighborsInArena(arena, fitPtr, fit.rows, 3, queryPtr, fit.rows, k, true, idx, dist, backend)).toBe(backend);
        expect(Array.from(readI32(idx, fit.rows * k))).toEqual(Array.from(expectedSelf.indices));
        searchNeighborsInArena(arena, fitPtr, fit.rows, 3, queryPtr, fit.rows, k, false, idx, dist, backend);
        expect(Array.from(readI32(idx, fit.rows * k))).toEqual(Array.from(expectedExplicit.indices));
        searchNeighborsInArena(arena, fitPtr, fit.rows, 3, 0, 0, k, false, idx, dist, backend, maskPtr);
        const got = readI32(idx, fit.rows * k);
        for (let i = 0; i < fit.rows; i += 3) {
          expect(Array.from(got.subarray(i * k, i * k + k))).toEqual(Array.from(expectedExplicit.indices.subarray(i * k, i * k + k)));
        }
      });
    }
  });

  it('rejects k out of range and mismatched columns', () => {
    const fit = makeData(rs, 5, 2);
    expect(() => searchNeighbors(fit, null, 5)).toThrow(RangeError);
    expect(() => searchNeighbors(fit, fit, 6)).toThrow(RangeError);
    expect(() => searchNeighbors(fit, fit, 0)).toThrow(RangeError);
    expect(() => searchNeighbors(fit, makeData(rs, 2, 3), 1)).toThrow(/features/);
  });

  it('releases its WASM memory', () => {
    const before = memoryStats().liveBlocks;
    const fit = makeData(rs, 100, 3);
    for (const backend of backends) searchNeighbors(fit, null, 4, backend);
    expect(memoryStats().liveBlocks).toBe(before);
  });
});

// The screened brute force (|q|^2 + |x|^2 - 2 q.x under a rounding bound, then exact re-ranking)
// must equal the direct kernel bit for bit, including where the expansion cancels worst.
describe('screened brute force (knn_brute) vs the direct kernel (knn_brute_direct)', () => {
  type Brute = (fit: number, nFit: number, d: number, query: number, nQuery: number, k: number, excludeSelf: number,
    outIdx: number, outDist: number, pairs: number) => void;
  const kern = neighborKernels() as unknown as { knn_brute: Brute; knn_brute_direct: Brute; knn_brute_scratch_f64(n: number, d: number): number };

  /** Runs one kernel; `query`: 'self' (pointer 0), 'fitPtr' (the fit pointer, nQuery rows) or a matrix. */
  function run(name: 'knn_brute' | 'knn_brute_direct', fit: Matrix, query: 'self' | 'fitPtr' | Matrix, nQuery: number, k: number, excludeSelf: boolean) {
    return withArena((arena) => {
      const fitPtr = arena.f64From(fit.data);
      const queryPtr = query === 'self' ? 0 : query === 'fitPtr' ? fitPtr : arena.f64From(query.data);
      const idx = arena.i32(nQuery * k);
      const dist = arena.f64(nQuery * k);
      const pairs = arena.f64(kern.knn_brute_scratch_f64(fit.rows, fit.cols));
      kern[name](fitPtr, fit.rows, fit.cols, queryPtr, nQuery, k, excludeSelf ? 1 : 0, idx, dist, pairs);
      return { indices: readI32(idx, nQuery * k), distances: readF64(dist, nQuery * k) };
    });
  }

  /** Bit patterns, so that even the sign of zero and NaN payloads would have to agree. */
  function bits(a: Float64Array): string[] {
    const u = new BigUint64Array(Float64Array.from(a).buffer);
    return Array.from(u, (v) => v.toString(16));
  }

  function expectIdentical(fit: Matrix, query: 'self' | 'fitPtr' | Matrix, nQuery: number, k: number, excludeSelf: boolean, label: string) {
    const a = run('knn_brute', fit, query, nQuery, k, excludeSelf);
    const b = run('knn_brute_direct', fit, query, nQuery, k, excludeSelf);
    expect(Array.from(a.indices), `${label} indices`).toEqual(Array.from(b.indices));
    expect(bits(a.distances), `${label} distances`).toEqual(bits(b.distances));
  }

  /** Seeded data of one kind: the worst cases of the expansion. */
  function makeHard(rs: RandomState, n: number, d: number, kind: string): Matrix {
    const m = makeData(rs, n, d, { grid: kind !== 'gauss', duplicates: Math.floor(n / 8) });
    const x = m.data;
    for (let i = 0; i < x.length; i++) {
      if (kind === 'offset') x[i] += 1e6; // |q|^2 ~ d e12 while distances ~ 1: cancellation
      if (kind === 'nearTies') {
        // grid points shifted by 1e6, then moved by 0-3 ulps: distances differ in their last bits
        x[i] = 1e6 + x[i] + Number(rs.randint(-3, 4, 1)[0]) * 1.1641532182693481e-10;
      }
      if (kind === 'tiny') x[i] *= 1e-160; // squares underflow (subnormal or zero)
      if (kind === 'huge') x[i] *= 1e154; // squared norms overflow to infinity
    }
    return m;
  }

  const rs = new RandomState(777);
  const kinds = ['gauss', 'grid', 'offset', 'nearTies', 'tiny', 'huge'];
  const shapes: [number, number, number][] = [
    [1, 20, 1], [2, 11, 1], [3, 1, 2], [5, 20, 4], [6, 2, 5], [7, 12, 6], [8, 3, 7], [13, 20, 12],
    [50, 11, 6], [97, 20, 6], [130, 16, 3], [201, 25, 10], [300, 21, 6], [640, 20, 6],
  ];
  for (const kind of kinds) {
    for (const [n, d, k0] of shapes) {
      it(`${kind} n=${n} d=${d}`, () => {
        const fit = makeHard(rs, n, d, kind);
        const query = makeHard(rs, Math.max(1, Math.floor(n / 3) + 1), d, kind);
        const k = Math.min(k0, n);
        expectIdentical(fit, 'self', n, k, false, 'self');
        if (n >= 2) expectIdentical(fit, 'self', n, Math.min(k0, n - 1), true, 'self excluded');
        if (n >= 2) expectIdentical(fit, 'self', n, n - 1, true, 'k=n-1');
        expectIdentical(fit, query, query.rows, k, false, 'separate');
        // the fit pointer with fewer query rows (a worker's first chunk): not the symmetric path
        expectIdentical(fit, 'fitPtr', Math.max(1, n - 3), k, true, 'fit pointer, fewer rows');
        expectIdentical(fit, 'fitPtr', n, k, false, 'fit pointer, all rows');
        if (kind !== 'huge') {
          // and both against the plain TypeScript loop (its sort cannot order infinities)
          expectSame(run('knn_brute', fit, 'self', n, k, false), naiveKnn(fit, fit, k), 'naive');
          expectSame(run('knn_brute', fit, query, query.rows, k, false), naiveKnn(fit, query, k), 'naive separate');
        }
      });
    }
  }

  it('a larger set with every row duplicated and shifted by 1e6 (exact ties at the bound)', () => {
    const base = makeHard(rs, 1200, 20, 'offset');
    const data = new Float64Array(2 * base.data.length);
    data.set(base.data);
    data.set(base.data, base.data.length);
    const fit: Matrix = { data, rows: 2 * base.rows, cols: 20 };
    expectIdentical(fit, 'self', fit.rows, 6, true, 'self excluded');
    expectIdentical(fit, 'self', fit.rows, 6, false, 'self');
  });

  // The float32 screen (assembly/neighbors/screen32.ts): centred, power-of-two-scaled f32 rows,
  // its own rounding bound, upper bounds for k <= 16; every case must still equal the direct kernel.
  const scratchKern = kern as unknown as { knn_brute_screen_mode(pairs: number): number };

  /** Runs `knn_brute` and reports its screen: 0 float64, 1 float32, 2 int16 (separate queries only). */
  function screenMode(fit: Matrix, query: Matrix | 'self', k: number): number {
    return withArena((arena) => {
      const fitPtr = arena.f64From(fit.data);
      const nQuery = query === 'self' ? fit.rows : query.rows;
      const queryPtr = query === 'self' ? 0 : arena.f64From(query.data);
      const pairs = arena.f64(kern.knn_brute_scratch_f64(fit.rows, fit.cols));
      kern.knn_brute(fitPtr, fit.rows, fit.cols, queryPtr, nQuery, k, 0, arena.i32(nQuery * k), arena.f64(nQuery * k), pairs);
      return scratchKern.knn_brute_screen_mode(pairs);
    });
  }

  /** Whether `knn_brute` chose the f32 screen (self queries) or a reduced-precision one (int16 or f32, separate queries). */
  function usesF32(fit: Matrix, query: Matrix | 'self', k: number): boolean {
    const mode = screenMode(fit, query, k);
    return query === 'self' ? mode === 1 : mode === 1 || mode === 2;
  }

  /** Seeded rows of one f32-stressing kind. */
  function makeF32Case(rs: RandomState, n: number, d: number, kind: string): Matrix {
    const m = makeData(rs, n, d, { grid: kind === 'grid', duplicates: kind === 'duplicates' ? Math.floor(n / 2) : Math.floor(n / 10) });
    const x = m.data;
    const scale: Record<string, number> = { huge30: 1e30, huge200: 1e200, tiny30: 1e-30, tiny200: 1e-200, milli: 1e-3 };
    for (let i = 0; i < x.length; i++) {
      if (kind === 'shift') x[i] += 1e6;
      if (kind in scale) x[i] *= scale[kind];
      if (kind === 'f32ties') {
        // a coarse grid moved by 0-2 f32 ulps (2^-23 relative) and by a few f64 ulps: the f32
        // rows coincide or differ by one ulp while the exact distances differ
        const g = Math.round(x[i] * 2) + 3;
        x[i] = g * (1 + Number(rs.randint(-2, 3, 1)[0]) * 2 ** -24) + Number(rs.randint(-2, 3, 1)[0]) * 2 ** -50;
      }
    }
    return m;
  }

  const f32Kinds = ['gauss', 'grid', 'shift', 'milli', 'f32ties', 'duplicates', 'huge30', 'huge200', 'tiny30', 'tiny200'];
  const f32Shapes: [number, number][] = [[37, 1], [41, 3], [29, 16], [53, 17], [24, 64], [19, 200], [130, 17]];
  for (const kind of f32Kinds) {
    for (const [n, d] of f32Shapes) {
      it(`float32 screen, ${kind} n=${n} d=${d}`, () => {
        const fit = makeF32Case(rs, n, d, kind);
        const query = makeF32Case(rs, Math.floor(n / 3) + 5, d, kind);
        for (const k of [1, 3, 16, 17]) {
          if (k > n - 1) continue;
          expectIdentical(fit, 'self', n, k, false, `self k=${k}`);
          expectIdentical(fit, 'self', n, k, true, `self excluded k=${k}`);
          expectIdentical(fit, query, query.rows, k, false, `separate k=${k}`);
          expectIdentical(fit, 'fitPtr', n - 2, k, true, `fit pointer, excluded k=${k}`);
        }
        expectIdentical(fit, 'self', n, n - 1, true, 'k=n-1');
        expectIdentical(fit, query, query.rows, n, false, 'separate k=n');
        // finite data keeps the f32 screen, whatever its scale
        expect(usesF32(fit, 'self', 3)).toBe(true);
        expect(usesF32(fit, query, 3)).toBe(true);
      });
    }
  }

  it('float32 screen: queries far outside the fit rows (f32 overflow of their norms) and a wide spread', () => {
    const fit = makeF32Case(rs, 90, 20, 'gauss');
    const far = makeF32Case(rs, 40, 20, 'gauss');
    for (let i = 0; i < far.data.length; i++) if (i % 3 === 0) far.data[i] *= 1e35; // |q|^2 far beyond 2^100 in f32 units
    for (const k of [1, 5, 17]) expectIdentical(fit, far, far.rows, k, false, `far k=${k}`);
    // fit rows from 1e-30 to 1e30 in one set
    const wide = makeF32Case(rs, 60, 17, 'gauss');
    for (let i = 0; i < wide.data.length; i++) wide.data[i] *= 10 ** (((i * 7) % 61) - 30);
    for (const k of [1, 4, 20]) {
      expectIdentical(wide, 'self', wide.rows, k, true, `wide self k=${k}`);
      expectIdentical(wide, far, far.rows, k, false, `wide separate k=${k}`);
    }
  });

  it('float32 screen falls back to the float64 screen when the fit mean overflows, with the same result', () => {
    const fit = makeF32Case(rs, 40, 18, 'gauss');
    for (let i = 0; i < fit.data.length; i++) fit.data[i] = fit.data[i] > 0 ? 1.7e308 : fit.data[i] * 1e307;
    const query = makeF32Case(rs, 15, 18, 'gauss');
    expect(usesF32(fit, 'self', 3)).toBe(false);
    expect(usesF32(fit, query, 3)).toBe(false);
    for (const k of [1, 3, 17]) {
      expectIdentical(fit, 'self', fit.rows, k, true, `fallback self k=${k}`);
      expectIdentical(fit, query, query.rows, k, false, `fallback separate k=${k}`);
    }
  });

  // The int16 screen (assembly/neighbors/screen16.ts): separate queries on centred, quantised
  // rows, exact integer dot products, a quantisation bound; every case must equal the direct kernel.
  /** Seeded rows for the int16 screen: `quantum` puts many rows within one quantum of each other. */
  function makeI16Case(rs: RandomState, n: number, d: number, kind: string): Matrix {
    if (kind !== 'quantum') return makeF32Case(rs, n, d, kind);
    const m = makeData(rs, n, d, { grid: true, duplicates: Math.floor(n / 4) });
    // offsets far below the quantum (range / ~6000): quantised values coincide, exact distances differ
    for (let i = 0; i < m.data.length; i++) m.data[i] += Number(rs.randint(-3, 4, 1)[0]) * 1e-7;
    return m;
  }
  const i16Kinds = ['gauss', 'grid', 'shift', 'duplicates', 'quantum', 'huge200', 'tiny30', 'milli'];
  const i16Shapes: [number, number][] = [[16, 1], [17, 2], [40, 3], [64, 20], [130, 21], [96, 64]];
  for (const kind of i16Kinds) {
    for (const [n, d] of i16Shapes) {
      it(`int16 screen, ${kind} n=${n} d=${d}`, () => {
        const fit = makeI16Case(rs, n, d, kind);
        const query = makeI16Case(rs, Math.floor(n / 2) + 3, d, kind);
        // some queries equal fit rows (distance 0) or lie between two of them (equal distances)
        query.data.set(fit.data.subarray(0, d), 0);
        for (let t = 0; t < d; t++) query.data[d + t] = (fit.data[d + t] + fit.data[2 * d + t]) / 2;
        for (const k of [1, 3, 6, 16, 17]) {
          if (k > n - 1) continue;
          expectIdentical(fit, query, query.rows, k, false, `separate k=${k}`);
          expectIdentical(fit, 'fitPtr', n - 2, k, true, `fit pointer, excluded k=${k}`);
        }
        expectIdentical(fit, query, query.rows, n, false, 'separate k=n');
        expect(screenMode(fit, query, 3), 'int16 screen taken').toBe(2);
      });
    }
  }

  it('int16 screen: near ties across a large set, few and many queries', () => {
    const fit = makeI16Case(rs, 3000, 20, 'quantum');
    const query = makeI16Case(rs, 300, 20, 'quantum');
    for (const k of [1, 6]) expectIdentical(fit, query, query.rows, k, false, `quantum k=${k}`);
    const gauss = makeI16Case(rs, 2500, 12, 'gauss');
    const many = makeI16Case(rs, 900, 12, 'gauss');
    expectIdentical(gauss, many, many.rows, 5, false, 'gauss k=5');
    expect(screenMode(fit, query, 3)).toBe(2);
    // a value beyond the sampled range (row 1001 is not sampled): packed again with the true range
    const wider = makeI16Case(rs, 3000, 6, 'gauss');
    wider.data[1001 * 6 + 4] = 12;
    const wq = makeI16Case(rs, 50, 6, 'gauss');
    wq.data.set(wider.data.subarray(1001 * 6, 1002 * 6), 0);
    for (const k of [1, 6]) expectIdentical(wider, wq, wq.rows, k, false, `repacked k=${k}`);
    expect(screenMode(wider, wq, 3)).toBe(2);
  });

  it('int16 screen steps aside (float32 screen, same results) where quantisation would be coarse or unsafe', () => {
    const cases: [string, Matrix, Matrix][] = [];
    const base = () => makeI16Case(rs, 60, 8, 'gauss');
    // too few fit rows, too many dimensions
    cases.push(['n = 15', makeI16Case(rs, 15, 8, 'gauss'), base()]);
    cases.push(['d = 65', makeI16Case(rs, 40, 65, 'gauss'), makeI16Case(rs, 9, 65, 'gauss')]);
    // one far outlier among the fit rows (in the sample or not), a far query, a tiny scale
    const outlier = base();
    outlier.data[7 * 8 + 3] = 1e4;
    cases.push(['fit outlier', outlier, base()]);
    const hidden = makeI16Case(rs, 3000, 4, 'gauss');
    hidden.data[1001 * 4 + 2] = 5e3; // not a sampled row (every 2nd of 3000)
    cases.push(['unsampled outlier', hidden, makeI16Case(rs, 20, 4, 'gauss')]);
    const far = base();
    far.data[5] = -1e5;
    cases.push(['far query', base(), far]);
    const tiny = base();
    for (let i = 0; i < tiny.data.length; i++) tiny.data[i] *= 1e-110;
    const tinyQ = base();
    for (let i = 0; i < tinyQ.data.length; i++) tinyQ.data[i] *= 1e-110;
    cases.push(['scale 1e-110', tiny, tinyQ]);
    for (const [label, fit, query] of cases) {
      for (const k of [1, 4, 9]) expectIdentical(fit, query, query.rows, k, false, `${label} k=${k}`);
      expect(screenMode(fit, query, 3), label).toBe(1);
    }
  });

  it('int16 screen steps aside for a NaN or an infinity outside the sampled fit rows or in a query', () => {
    for (const d of [8, 10, 9]) {
      for (const col of [0, 3, d - 2, d - 1]) {
        for (const bad of [NaN, Infinity]) {
          const fit = makeI16Case(rs, 3000, d, 'gauss');
          const query = makeI16Case(rs, 20, d, 'gauss');
          expect(screenMode(fit, query, 3), `clean d=${d}`).toBe(2);
          fit.data[1001 * d + col] = bad; // not a sampled row (every 2nd of 3000)
          expect(screenMode(fit, query, 3), `fit d=${d} col=${col} ${bad}`).not.toBe(2);
          fit.data[1001 * d + col] = 0;
          query.data[7 * d + col] = bad;
          expect(screenMode(fit, query, 3), `query d=${d} col=${col} ${bad}`).not.toBe(2);
        }
      }
    }
  });

  it('float32 screen on a larger shifted set with many near ties, self and separate, k = 3 and 6', () => {
    const fit = makeF32Case(rs, 1500, 20, 'f32ties');
    const shifted = { ...fit, data: fit.data.map((v) => v + 1e6) };
    const query = makeF32Case(rs, 700, 20, 'f32ties');
    for (const k of [3, 6]) {
      expectIdentical(shifted, 'self', shifted.rows, k, true, `shifted self k=${k}`);
      expectIdentical(fit, query, query.rows, k, false, `separate k=${k}`);
    }
    expect(usesF32(shifted, 'self', 3)).toBe(true);
  });

  it('searchNeighbors runs self queries in many kernel calls: still the direct result', () => {
    const fit = makeHard(rs, 1500, 20, 'nearTies');
    for (const excludeSelf of [true, false]) {
      const got = searchNeighbors(fit, excludeSelf ? null : fit, 5, 'brute');
      const want = run('knn_brute_direct', fit, 'self', fit.rows, 5, excludeSelf);
      expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
      expect(bits(got.distances)).toEqual(bits(want.distances));
    }
  });
});

// The KD-tree keeps one bounding box per node after the rows, in heap order (root 0, children of
// node i: 2i+1 over [lo, m-1], 2i+2 over [m+1, hi]), in `knn_kdtree_node_slots(n, leafSize)` slots.
describe('KD-tree node boxes: compact heap numbering', () => {
  const kern = neighborKernels();

  /**
   * Walks the tree's shape as the build does (median m = (lo + hi) >> 1, ranges of at most
   * leafSize rows are leaves, empty ranges are not nodes) and calls `visit(node, lo, hi)`.
   */
  function walk(n: number, leafSize: number, visit: (node: number, lo: number, hi: number) => void): void {
    const stack = [0, n - 1, 0];
    while (stack.length) {
      const node = stack.pop()!, hi = stack.pop()!, lo = stack.pop()!;
      if (hi < lo) continue;
      visit(node, lo, hi);
      if (hi - lo + 1 <= Math.max(1, leafSize)) continue;
      const m = (lo + hi) >> 1;
      stack.push(lo, m - 1, 2 * node + 1, m + 1, hi, 2 * node + 2);
    }
  }

  it('keeps 1,000,000 x 15 (leaves of 40, and of the default size) under 1.3 n d f64', () => {
    const n = 1_000_000, d = 15;
    for (const leafSize of [40, KD_LEAF_SIZE]) {
      const size = kern.knn_kdtree_tree_f64(n, d, leafSize);
      expect(size).toBeGreaterThanOrEqual(n * d + 2 * d * kern.knn_kdtree_node_slots(n, leafSize));
      expect(size).toBeLessThan(1.3 * n * d);
    }
  });

  it('numbers every node below the slot count, no two alike, for n = 1..3000 and large n, leaves of 1..50', () => {
    const seen = new Int32Array(1 << 13);
    let stamp = 0;
    const check = (n: number, leafSize: number, marks: Int32Array) => {
      const slots = kern.knn_kdtree_node_slots(n, leafSize);
      stamp++;
      let maxNode = -1, problem = '';
      walk(n, leafSize, (node) => {
        if (problem) return;
        if (node < 0 || node >= slots) problem = `node ${node} >= ${slots} slots`;
        else if (marks[node] === stamp) problem = `node ${node} twice`;
        else marks[node] = stamp;
        maxNode = Math.max(maxNode, node);
      });
      if (problem) expect.fail(`n=${n} leafSize=${leafSize}: ${problem}`);
      // no slot to spare, and fewer than 4 n / (leafSize + 1) of them (see select.ts)
      if (maxNode !== slots - 1) expect.fail(`n=${n} leafSize=${leafSize}: ${slots} slots, largest node ${maxNode}`);
      if (slots > Math.max(1, (4 * n) / (leafSize + 1))) expect.fail(`n=${n} leafSize=${leafSize}: ${slots} slots`);
    };
    for (let n = 1; n <= 3000; n++) for (let leafSize = 1; leafSize <= 50; leafSize++) check(n, leafSize, seen);
    const big = new Int32Array(1 << 23);
    stamp = 0;
    for (const n of [65_535, 65_536, 65_537, 33 * 2 ** 15, 33 * 2 ** 15 - 1, 123_457, 1_000_000, 2 ** 21 + 1]) {
      for (const leafSize of [1, 2, 3, 7, 16, 31, 32, 33, 40, 50]) check(n, leafSize, big);
    }
  });

  /** Builds a tree with the kernel; returns the tree-ordered rows and the node boxes. */
  function build(X: Matrix, leafSize: number): { rows: Float64Array; boxes: Float64Array } {
    const { rows: n, cols: d } = X;
    return withArena((arena) => {
      const size = kern.knn_kdtree_tree_f64(n, d, leafSize);
      const tree = arena.f64(size);
      kern.knn_kdtree_build(arena.f64From(X.data), n, d, leafSize, tree, arena.i32(n), arena.i32(n), arena.i32(kern.knn_kdtree_build_stack_i32()));
      const all = readF64(tree, size);
      return { rows: all.subarray(0, n * d), boxes: all.subarray(n * d) };
    });
  }

  it('the build splits every node at the median of its widest dimension (rows kept, perm and split consistent)', () => {
    // sizes far above the branchless partitions' 64 rows (d <= 6), with ties (grid, duplicates,
    // a constant column) and sorted and reversed input; d = 9 takes Hoare's partition only
    const rs = new RandomState(7);
    const cases: [string, Matrix][] = [];
    for (const n of [63, 64, 65, 200, 1000, 5000]) {
      cases.push([`gauss n=${n}`, makeData(rs, n, 2, {})]);
      cases.push([`grid n=${n}`, makeData(rs, n, 2, { grid: true, duplicates: Math.floor(n / 3) })]);
    }
    const sorted = makeData(rs, 3000, 2, {});
    const order = Array.from({ length: 3000 }, (_, i) => i).sort((a, b) => sorted.data[2 * a] - sorted.data[2 * b]);
    const asc = Float64Array.from(order.flatMap((i) => [sorted.data[2 * i], sorted.data[2 * i + 1]]));
    cases.push(['sorted', { data: asc, rows: 3000, cols: 2 }]);
    cases.push(['reversed', { data: Float64Array.from(order.reverse().flatMap((i) => [sorted.data[2 * i], sorted.data[2 * i + 1]])), rows: 3000, cols: 2 }]);
    const constant = makeData(rs, 2000, 2, {});
    for (let i = 0; i < 2000; i++) constant.data[2 * i] = 5; // (the other column is the wider)
    cases.push(['one constant column', constant]);
    const few = makeData(rs, 4000, 2, {});
    for (let i = 0; i < few.data.length; i++) few.data[i] = Math.round(few.data[i]); // a handful of values
    cases.push(['a handful of values', few]);
    cases.push(['d = 3', makeData(rs, 2000, 3, { grid: true, duplicates: 300 })]);
    cases.push(['d = 5', makeData(rs, 2000, 5, {})]);
    cases.push(['d = 9', makeData(rs, 2000, 9, { grid: true, duplicates: 300 })]);
    let checked = 0;
    for (const [label, X] of cases) {
      const { rows: n, cols: d } = X;
      for (const leafSize of [1, 16, KD_LEAF_SIZE]) {
        const got = withArena((arena) => {
          const size = kern.knn_kdtree_tree_f64(n, d, leafSize);
          const tree = arena.f64(size), perm = arena.i32(n), split = arena.i32(n);
          kern.knn_kdtree_build(arena.f64From(X.data), n, d, leafSize, tree, perm, split, arena.i32(kern.knn_kdtree_build_stack_i32()));
          return { rows: readF64(tree, n * d), perm: readI32(perm, n), split: readI32(split, n) };
        });
        // the rows are the input's, moved with perm
        const seenRow = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const p = got.perm[i];
          if (seenRow[p]++) expect.fail(`${label}: row ${p} twice in perm`);
          for (let t = 0; t < d; t++) if (got.rows[i * d + t] !== X.data[p * d + t]) expect.fail(`${label}: tree row ${i} is not input row ${p}`);
        }
        walk(n, leafSize, (_node, lo, hi) => {
          if (hi - lo + 1 <= Math.max(1, leafSize)) return;
          const m = (lo + hi) >> 1;
          const dim = got.split[m];
          const v = got.rows[m * d + dim];
          for (let r = lo; r < m; r++) if (got.rows[r * d + dim] > v) expect.fail(`${label} leafSize=${leafSize}: row ${r} above the median of [${lo}, ${hi}]`);
          for (let r = m + 1; r <= hi; r++) if (got.rows[r * d + dim] < v) expect.fail(`${label} leafSize=${leafSize}: row ${r} below the median of [${lo}, ${hi}]`);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('the build writes each node its tight box (min, max of its rows) at its heap number', () => {
    const rs = new RandomState(99);
    for (const [n, d] of [[1, 1], [2, 2], [7, 3], [64, 2], [65, 1], [333, 5], [1000, 2]] as const) {
      for (const leafSize of [1, 2, 3, 5, 16, 32]) {
        const X = makeData(rs, n, d, { grid: n > 100, duplicates: Math.floor(n / 10) });
        const { rows, boxes } = build(X, leafSize);
        expect(boxes.length).toBe(2 * d * kern.knn_kdtree_node_slots(n, leafSize));
        walk(n, leafSize, (node, lo, hi) => {
          for (let t = 0; t < d; t++) {
            let mn = Infinity, mx = -Infinity;
            for (let r = lo; r <= hi; r++) { mn = Math.min(mn, rows[r * d + t]); mx = Math.max(mx, rows[r * d + t]); }
            const b = node * 2 * d;
            if (boxes[b + t] !== mn || boxes[b + d + t] !== mx) {
              expect.fail(`n=${n} d=${d} leafSize=${leafSize} node ${node} [${lo}, ${hi}] dim ${t}: box [${boxes[b + t]}, ${boxes[b + d + t]}], rows [${mn}, ${mx}]`);
            }
          }
        });
      }
    }
  });

  it('queries with any leaf size (down to 1: empty children) equal the plain search', () => {
    const rs = new RandomState(4242);
    for (const [n, d, k] of [[2, 1, 1], [3, 2, 2], [50, 2, 4], [257, 3, 6], [600, 2, 5]] as const) {
      const fit = makeData(rs, n, d, { grid: n > 100, duplicates: Math.floor(n / 10) });
      const query = makeData(rs, Math.max(1, n >> 2), d);
      for (const leafSize of [1, 2, 3, 8, 40]) {
        for (const q of [null, query]) {
          const nQ = q === null ? n : q.rows;
          const got = withArena((arena) => {
            const size = kern.knn_kdtree_tree_f64(n, d, leafSize);
            const tree = arena.f64(size), perm = arena.i32(n), split = arena.i32(n);
            const idx = arena.i32(nQ * k), dist = arena.f64(nQ * k);
            kern.knn_kdtree_build(arena.f64From(fit.data), n, d, leafSize, tree, perm, split, arena.i32(kern.knn_kdtree_build_stack_i32()));
            kern.knn_kdtree_query(tree, perm, split, n, d, leafSize, q === null ? 0 : arena.f64From(q.data), nQ, k, q === null ? 1 : 0,
              idx, dist, arena.f64(kern.knn_kdtree_query_stack_f64(d)), arena.f64(d), 0);
            return { indices: readI32(idx, nQ * k), distances: readF64(dist, nQ * k) };
          });
          expectSame(got, naiveKnn(fit, q, Math.min(k, q === null ? n - 1 : n)), `n=${n} leafSize=${leafSize} ${q === null ? 'self' : 'separate'}`);
        }
      }
    }
  });
});
