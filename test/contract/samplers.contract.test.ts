/**
 * One contract suite for every sampler the package exports (imbalanced-learn's
 * estimator_checks, and more). Samplers are discovered from the exports, so a new sampler is
 * checked without editing this file.
 */
import { describe, expect, it } from 'vitest';
import { RandomState, toMatrix } from '../../src/index.js';
import type { Matrix } from '../../src/index.js';

import { dataFor, exportedSamplers as samplers, makeSampler, refusedData } from '../samplerFixtures.js';

/** Two overlapping Gaussian blobs, `nMajor` vs `nMinor` rows, `d` features, seeded. */
function blobs(nMajor: number, nMinor: number, d: number, seed: number, nClasses = 2): { X: number[][]; y: number[] } {
  const rs = new RandomState(seed);
  const X: number[][] = [];
  const y: number[] = [];
  const sizes = [nMajor, ...Array(nClasses - 1).fill(nMinor)];
  sizes.forEach((n, c) => {
    const z = rs.standardNormal(n * d);
    for (let i = 0; i < n; i++) {
      X.push(Array.from(z.subarray(i * d, (i + 1) * d), (v, j) => v + (j === 0 ? 1.5 * c : 0)));
      y.push(c);
    }
  });
  // interleave classes so order-dependent bugs show
  const perm = rs.permutation(y.length);
  return { X: Array.from(perm, (i) => X[i]), y: Array.from(perm, (i) => y[i]) };
}

function counts(y: ArrayLike<unknown>): Map<unknown, number> {
  const m = new Map<unknown, number>();
  for (let i = 0; i < y.length; i++) m.set(y[i], (m.get(y[i]) ?? 0) + 1);
  return m;
}

function rowsOf(X: Matrix): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
}

const plainBase = blobs(60, 20, 2, 7);

it('discovers the exported samplers', () => {
  expect(samplers.map(([n]) => n)).toContain('FunctionSampler');
  expect(samplers.length).toBeGreaterThan(1);
});

describe.each(samplers)('%s', (name, Cls) => {
  const base = { X: dataFor(name, plainBase.X), y: plainBase.y };
  const make = (_cls: unknown = Cls, extra: Record<string, unknown> = {}, d = 2) => makeSampler(name, Cls, d, extra);
  it('returns a consistent result and never mutates its input', () => {
    const X = base.X.map((r) => r.slice());
    const y = base.y.slice();
    const { sampler } = make(Cls);
    const res = sampler.fitResample(X, y);
    expect(X).toEqual(base.X);
    expect(y).toEqual(base.y);
    expect(res.X.cols).toBe(2);
    expect(res.y.length).toBe(res.X.rows);
    expect(res.X.data.every(Number.isFinite)).toBe(true);
    const labels = new Set(base.y);
    for (let i = 0; i < res.y.length; i++) expect(labels.has(res.y[i] as number)).toBe(true);
    // a Matrix input is not mutated either
    const M = toMatrix(base.X);
    const copy = M.data.slice();
    make(Cls).sampler.fitResample(M, Int32Array.from(base.y));
    expect(M.data).toEqual(copy);
  });

  it('maps sampleIndices to input rows where it has them', () => {
    const res = make(Cls).sampler.fitResample(base.X, base.y);
    if (!res.sampleIndices) return expect(res.sampleIndices).toBeUndefined();
    expect(res.sampleIndices.length).toBe(res.X.rows);
    const out = rowsOf(res.X);
    res.sampleIndices.forEach((src, i) => {
      expect(src).toBeGreaterThanOrEqual(0);
      expect(src).toBeLessThan(base.X.length);
      expect(res.y[i]).toBe(base.y[src]);
      if (name !== 'RandomOverSampler') expect(out[i]).toEqual(base.X[src]);
    });
  });

  it('is deterministic for a seed, and seeds matter where it draws', () => {
    const { sampler: a, seeded } = make(Cls);
    const r1 = a.fitResample(base.X, base.y);
    const r2 = make(Cls).sampler.fitResample(base.X, base.y);
    expect(r2.X.data).toEqual(r1.X.data);
    expect(Array.from(r2.y)).toEqual(Array.from(r1.y));
    if (seeded) {
      const r3 = makeSampler(name, Cls, 2, { randomState: 12345 }).sampler.fitResample(base.X, base.y);
      const same = r3.X.rows === r1.X.rows && r3.X.data.every((v, i) => v === r1.X.data[i]);
      expect(same).toBe(false);
    }
  });

  it('gives the same result for string, negative, non-contiguous and Float32 inputs', () => {
    const plain = make(Cls).sampler.fitResample(base.X, base.y);
    const names = ['neg', 'pos'];
    const asStrings = make(Cls).sampler.fitResample(base.X, base.y.map((v) => names[v]));
    expect(asStrings.X.data).toEqual(plain.X.data);
    expect(asStrings.y).toEqual(Array.from(plain.y as ArrayLike<number>, (v) => names[v]));
    const codes = [-3, 17];
    const asInts = make(Cls).sampler.fitResample(base.X, base.y.map((v) => codes[v]));
    expect(asInts.X.data).toEqual(plain.X.data);
    expect(Array.from(asInts.y as ArrayLike<number>)).toEqual(Array.from(plain.y as ArrayLike<number>, (v) => codes[v]));
    expect(asInts.y).toBeInstanceOf(Int32Array);
    // float32 data: the same values as the float64 input rounded to float32
    const f32 = new Float32Array(base.X.flat());
    const rounded = Array.from({ length: base.X.length }, (_, i) => Array.from(f32.subarray(i * 2, i * 2 + 2)));
    const fromF32 = make(Cls).sampler.fitResample({ data: f32, rows: base.X.length, cols: 2 }, base.y);
    const fromRounded = make(Cls).sampler.fitResample(rounded, base.y);
    expect(fromF32.X.data).toEqual(fromRounded.X.data);
  });

  it('gives the same result for number[][] and Matrix input', () => {
    const a = make(Cls).sampler.fitResample(base.X, base.y);
    const b = make(Cls).sampler.fitResample(toMatrix(base.X), Int32Array.from(base.y));
    expect(b.X.data).toEqual(a.X.data);
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
  });

  it('works with 1 feature, 200 features and duplicate rows', () => {
    for (const d of [1, 200]) {
      const data = blobs(40, 15, d, 3);
      const refused = refusedData(name, d);
      if (refused) {
        expect(() => make(Cls, {}, d).sampler.fitResample(dataFor(name, data.X), data.y)).toThrow(refused);
        continue;
      }
      const res = make(Cls, {}, d).sampler.fitResample(dataFor(name, data.X), data.y);
      expect(res.X.cols).toBe(d);
      expect(res.y.length).toBe(res.X.rows);
    }
    const dup = { X: [...base.X, ...base.X.slice(0, 30)], y: [...base.y, ...base.y.slice(0, 30)] };
    const res = make(Cls).sampler.fitResample(dup.X, dup.y);
    expect(res.y.length).toBe(res.X.rows);
  });

  it('works with three classes', () => {
    const data = blobs(50, 15, 2, 11, 3);
    const res = make(Cls).sampler.fitResample(dataFor(name, data.X), data.y);
    expect(res.y.length).toBe(res.X.rows);
  });

  it('rejects bad input with TypeError or RangeError naming what is wrong', () => {
    const s = () => make(Cls).sampler;
    if (name === 'FunctionSampler') return expect(() => s().fitResample([[NaN]], [0])).toThrow(RangeError);
    expect(() => s().fitResample(base.X.map(() => [1, 2]).map((r, i) => (i < 5 ? r : [i, i])), base.y.map(() => 0))).toThrow(/class/);
    expect(() => s().fitResample([[1, NaN], ...base.X.slice(1)], base.y)).toThrow(/'X'.*finite/);
    expect(() => s().fitResample([[1], ...base.X.slice(1)], base.y)).toThrow(/ragged/);
    expect(() => s().fitResample(base.X, base.y.slice(1))).toThrow(RangeError);
    expect(() => s().fitResample([], [])).toThrow(RangeError);
    expect(() => s().fitResample('nope', base.y)).toThrow(TypeError);
    expect(() => new Cls({ notAnOption: 1 })).toThrow(/notAnOption/);
  });

  it('rejects neighbour counts the data cannot supply with a clear RangeError', () => {
    const accepts = (option: string) => {
      try {
        new Cls({ [option]: 5 });
        return true;
      } catch {
        return false;
      }
    };
    if (accepts('kNeighbors')) {
      // 3 minority rows cannot have 5 same-class neighbours
      const tiny = { X: dataFor(name, base.X.slice(0, 40)), y: base.y.slice(0, 40).map((_, i) => (i < 3 ? 1 : 0)) };
      expect(() => make(Cls, { kNeighbors: 5 }).sampler.fitResample(tiny.X, tiny.y)).toThrow(RangeError);
      expect(() => make(Cls, { kNeighbors: 5 }).sampler.fitResample(tiny.X, tiny.y)).toThrow(/n_neighbors|kNeighbors|neighbou?rs|samples/);
    } else if (name === 'AllKNN') {
      // AllKNN grows its neighbourhood one step at a time and stops once the classes would flip,
      // before it reaches a count the data cannot supply (imbalanced-learn returns here too)
      const res = make(Cls, { nNeighbors: 500 }).sampler.fitResample(base.X, base.y);
      expect(res.y.length).toBe(res.X.rows);
    } else if (accepts('nNeighbors')) {
      // more neighbours than rows
      expect(() => make(Cls, { nNeighbors: 500 }).sampler.fitResample(base.X, base.y)).toThrow(RangeError);
      expect(() => make(Cls, { nNeighbors: 500 }).sampler.fitResample(base.X, base.y)).toThrow(/n_neighbors|nNeighbors|neighbou?rs|samples/);
    } else {
      // samplers without a neighbour count: nothing to reject (SMOTEENN/SMOTETomek take theirs through smote/enn/tomek)
      expect(accepts('kNeighbors') || accepts('nNeighbors')).toBe(false);
    }
  });

  it('follows samplingStrategy forms', () => {
    const { sampler } = make(Cls);
    const type = sampler.samplingType;
    const before = counts(base.y);
    if (type === 'over-sampling') {
      const res = make(Cls, { samplingStrategy: { 1: 50 } }).sampler.fitResample(base.X, base.y);
      const after = counts(res.y);
      expect(after.get(0)).toBeLessThanOrEqual(before.get(0)!);
      expect(after.get(1)!).toBeGreaterThan(before.get(1)!);
      expect(() => make(Cls, { samplingStrategy: { 1: 5 } }).sampler.fitResample(base.X, base.y)).toThrow(RangeError);
    } else if (type === 'under-sampling') {
      const res = make(Cls, { samplingStrategy: { 0: 30 } }).sampler.fitResample(base.X, base.y);
      const after = counts(res.y);
      expect(after.get(0)).toBeLessThanOrEqual(30);
      expect(after.get(1)).toBe(before.get(1));
      expect(() => make(Cls, { samplingStrategy: { 0: 500 } }).sampler.fitResample(base.X, base.y)).toThrow(RangeError);
    } else if (type === 'clean-sampling') {
      const res = make(Cls, { samplingStrategy: [0] }).sampler.fitResample(base.X, base.y);
      expect(counts(res.y).get(1)).toBe(before.get(1));
      expect(counts(res.y).get(0)).toBeLessThanOrEqual(before.get(0)!);
    }
    if (type) expect(() => make(Cls, { samplingStrategy: 'sometimes' }).sampler.fitResample(base.X, base.y)).toThrow(RangeError);
  });
});
