// NearestNeighbors against scikit-learn 1.2.1 (test/reference/knn.json) and its error contract.
import { describe, expect, it } from 'vitest';
import { NearestNeighbors, resolveAlgorithm, searchNeighbors } from '../src/index.js';
import { flat, loadReference } from './helpers.js';

const ref = loadReference('knn.json');

/** The reference's own tolerance against sklearn's BLAS-based brute distances. */
function closeToBrute(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)) + 1e-6;
}

describe('knn.json (scikit-learn NearestNeighbors)', () => {
  for (const c of ref.cases) {
    it(c.id, () => {
      const { X_fit, X_query, query_mode } = c.inputs;
      const exp = c.expected;
      const d = X_fit[0].length;
      for (const algorithm of ['auto', 'kd_tree', 'brute'] as const) {
        const nn = new NearestNeighbors({ nNeighbors: 6, algorithm }).fit(X_fit);
        if (algorithm === 'auto') expect(nn.fitMethod).toBe(exp.fit_method);
        for (const k of c.params.n_neighbors as number[]) {
          const r = query_mode === 'none' ? nn.kneighbors(undefined, k)
            : nn.kneighbors(query_mode === 'separate' ? X_query : X_fit, k);
          const rows = exp.indices.length;
          const wantIdx = flat(exp.indices.map((row: number[]) => row.slice(0, k)));
          const wantDirect = flat(exp.distances_direct.map((row: number[]) => row.slice(0, k)));
          const wantSk = flat(exp.distances.map((row: number[]) => row.slice(0, k)));
          expect(r.indices.length).toBe(rows * k);
          expect(Array.from(r.indices), `${algorithm} k=${k}`).toEqual(wantIdx);
          // bit-identical to the direct formula on both backends
          expect(Array.from(r.distances), `${algorithm} k=${k}`).toEqual(wantDirect);
          if (d <= 15) expect(Array.from(r.distances)).toEqual(wantSk);
          else expect(Array.from(r.distances).every((v, i) => closeToBrute(v, wantSk[i]))).toBe(true);
        }
      }
    });
  }
});

describe('NearestNeighbors', () => {
  const X = [[0, 0], [1, 0], [3, 0], [0, 2], [5, 5]];

  it('returns itself from fit and records the fitted state', () => {
    const nn = new NearestNeighbors({ nNeighbors: 2 });
    expect(nn.fit(X)).toBe(nn);
    expect(nn.nSamplesFit).toBe(5);
    expect(nn.nFeaturesIn).toBe(2);
    // 2 < floor(5 / 2) is false: scikit-learn falls back to brute
    expect(nn.fitMethod).toBe('brute');
    expect(new NearestNeighbors({ nNeighbors: 1 }).fit(X).fitMethod).toBe('kd_tree');
  });

  it('kneighbors() leaves each row out; kneighbors(X) includes it', () => {
    const nn = new NearestNeighbors({ nNeighbors: 1 }).fit(X);
    expect(Array.from(nn.kneighbors().indices)).toEqual([1, 0, 1, 0, 2]);
    expect(Array.from(nn.kneighbors(X).indices)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(nn.kneighbors([[2.9, 0.1]], 2).indices)).toEqual([2, 1]);
  });

  it('does not mutate or keep the caller\'s array', () => {
    const data = Float64Array.from([0, 0, 1, 1, 2, 2]);
    const nn = new NearestNeighbors({ nNeighbors: 1 }).fit({ data, rows: 3, cols: 2 });
    data[0] = 100;
    expect(Array.from(nn.kneighbors([[0.1, 0.1]]).indices)).toEqual([0]);
    expect(data[0]).toBe(100);
  });

  it('raises scikit-learn\'s errors', () => {
    const nn = new NearestNeighbors({ nNeighbors: 5 }).fit(X);
    expect(() => nn.kneighbors()).toThrow(new RangeError('Expected n_neighbors <= n_samples, but n_samples = 5, n_neighbors = 6'));
    expect(() => nn.kneighbors(X, 6)).toThrow('Expected n_neighbors <= n_samples, but n_samples = 5, n_neighbors = 6');
    expect(() => nn.kneighbors(X, 0)).toThrow(new RangeError('Expected n_neighbors > 0. Got 0'));
    expect(() => nn.kneighbors(X, 1.5)).toThrow(TypeError);
    expect(() => nn.kneighbors([[1, 2, 3]])).toThrow(/3 features, but NearestNeighbors is expecting 2/);
    expect(() => new NearestNeighbors().kneighbors(X)).toThrow(/not fitted yet/);
    expect(() => new NearestNeighbors({ nNeighbors: 0 }).fit(X)).toThrow(
      new RangeError("The 'nNeighbors' parameter of NearestNeighbors must be an integer >= 1. Got 0."));
    expect(() => new NearestNeighbors({ nNeighbors: '3' as unknown as number }).fit(X)).toThrow(TypeError);
    expect(() => new NearestNeighbors({ algorithm: 'ball_tree' as 'auto' }).fit(X)).toThrow(
      new RangeError("The 'algorithm' parameter of NearestNeighbors must be one of 'auto', 'kd_tree', 'brute'. Got 'ball_tree'."));
    expect(() => new NearestNeighbors({ metric: 'cosine' } as object)).toThrow(/no option 'metric'/);
    expect(() => new NearestNeighbors().fit([[1, NaN]])).toThrow(RangeError);
  });
});

describe('algorithm resolution', () => {
  it('follows scikit-learn\'s auto rule, with brute force kept for 11-15 dimensions up to 100,000 rows', () => {
    expect(resolveAlgorithm('auto', 100, 10, 6)).toBe('kd_tree');
    expect(resolveAlgorithm('auto', 100, 11, 6)).toBe('brute');
    expect(resolveAlgorithm('auto', 100_000, 15, 6)).toBe('brute');
    expect(resolveAlgorithm('auto', 100_001, 15, 6)).toBe('kd_tree');
    expect(resolveAlgorithm('auto', 100, 16, 6)).toBe('brute');
    expect(resolveAlgorithm('auto', 12, 2, 6)).toBe('brute');
    expect(resolveAlgorithm('auto', 13, 2, 5)).toBe('kd_tree');
    expect(resolveAlgorithm('brute', 1000, 2, 1)).toBe('brute');
    expect(resolveAlgorithm('kd_tree', 10, 50, 9)).toBe('kd_tree');
  });

  it('searchNeighbors reports the backend it used', () => {
    const X = { data: Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7]), rows: 8, cols: 1 };
    expect(searchNeighbors(X, null, 1).method).toBe('kd_tree');
    expect(searchNeighbors(X, null, 4).method).toBe('brute');
  });
});
