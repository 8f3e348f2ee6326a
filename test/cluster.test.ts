/** KMeans, MiniBatchKMeans and the k-means++ seeding. */
import { describe, expect, it } from 'vitest';
import { KMeans, MiniBatchKMeans, RandomState, kmeansPlusPlus, memoryStats, type Matrix } from '../src/index.js';

/** Blobs around well separated centres; returns the data and the true cluster of each row. */
function blobs(seed: number, perCluster: number, centers: number[][], spread = 0.5): { X: Matrix; truth: Int32Array } {
  const rs = new RandomState(seed);
  const d = centers[0].length;
  const n = perCluster * centers.length;
  const noise = rs.standardNormal(n * d);
  const data = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centers.length;
    truth[i] = c;
    for (let t = 0; t < d; t++) data[i * d + t] = centers[c][t] + spread * noise[i * d + t];
  }
  return { X: { data, rows: n, cols: d }, truth };
}

/** scikit-learn's _kmeans_plusplus in plain TypeScript (direct squared distances). */
function plusPlusTS(X: Matrix, k: number, rs: RandomState): number[] {
  const { rows: n, cols: d } = X;
  const sq = (i: number, j: number) => { let s = 0; for (let t = 0; t < d; t++) { const u = X.data[i * d + t] - X.data[j * d + t]; s += u * u; } return s; };
  const trials = 2 + Math.floor(Math.log(k));
  const first = rs.randint(0, n, 1)[0];
  const ids = [first];
  let closest = Array.from({ length: n }, (_, i) => sq(i, first));
  let pot = closest.reduce((a, b) => a + b, 0);
  for (let c = 1; c < k; c++) {
    const r = rs.uniform(0, 1, trials);
    const cum: number[] = [];
    closest.reduce((a, b, i) => (cum[i] = a + b), 0);
    let best: number[] | null = null;
    let bestPot = Infinity;
    let bestId = -1;
    for (const v of r) {
      let id = cum.findIndex((s) => s >= v * pot);
      if (id === -1) id = n - 1;
      const cand = closest.map((old, i) => Math.min(old, sq(i, id)));
      const p = cand.reduce((a, b) => a + b, 0);
      if (p < bestPot) { bestPot = p; best = cand; bestId = id; }
    }
    closest = best!;
    pot = bestPot;
    ids.push(bestId);
  }
  return ids;
}

describe('kmeansPlusPlus', () => {
  for (const [seed, k] of [[0, 3], [1, 8], [42, 5], [7, 1]] as const) {
    it(`picks the same rows as a plain TS version of scikit-learn's greedy k-means++ (seed ${seed}, k ${k})`, () => {
      const { X } = blobs(seed + 10, 40, [[0, 0, 0], [5, 5, 0], [0, 6, 3], [9, 0, 1]], 1.5);
      const got = kmeansPlusPlus(X, k, new RandomState(seed));
      expect(Array.from(got.indices)).toEqual(plusPlusTS(X, k, new RandomState(seed)));
      for (let c = 0; c < k; c++) {
        expect(Array.from(got.centers.data.subarray(c * 3, c * 3 + 3))).toEqual(Array.from(X.data.subarray(got.indices[c] * 3, got.indices[c] * 3 + 3)));
      }
    });
  }
});

describe('KMeans', () => {
  const centers = [[0, 0], [10, 0], [0, 10], [10, 10]];
  it('recovers well separated blobs', () => {
    const { X, truth } = blobs(3, 50, centers);
    const km = new KMeans({ nClusters: 4, randomState: 0 }).fit(X);
    // each found cluster is exactly one true cluster
    const map = new Map<number, number>();
    for (let i = 0; i < X.rows; i++) {
      const l = km.labels_![i];
      if (!map.has(l)) map.set(l, truth[i]);
      expect(map.get(l)).toBe(truth[i]);
    }
    expect(map.size).toBe(4);
  });

  it('ends at a fixed point: each centre is the mean of its rows, labels are the nearest centres', () => {
    const { X } = blobs(4, 60, [[0, 0, 0], [3, 1, 0], [1, 4, 2]], 1.5);
    const km = new KMeans({ nClusters: 5, randomState: 1, tol: 0 }).fit(X);
    const d = 3;
    const sums = new Float64Array(5 * d);
    const counts = new Float64Array(5);
    let inertia = 0;
    for (let i = 0; i < X.rows; i++) {
      const l = km.labels_![i];
      counts[l]++;
      for (let t = 0; t < d; t++) sums[l * d + t] += X.data[i * d + t];
      let best = Infinity;
      let arg = -1;
      for (let c = 0; c < 5; c++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += (X.data[i * d + t] - km.clusterCenters_!.data[c * d + t]) ** 2;
        if (s < best) { best = s; arg = c; }
      }
      expect(l).toBe(arg);
      inertia += best;
    }
    for (let c = 0; c < 5; c++) {
      expect(counts[c]).toBeGreaterThan(0);
      for (let t = 0; t < d; t++) expect(Math.abs(km.clusterCenters_!.data[c * d + t] - sums[c * d + t] / counts[c])).toBeLessThan(1e-9);
    }
    expect(Math.abs(km.inertia_! - inertia)).toBeLessThan(1e-9 * inertia);
    expect(Array.from(km.predict(X))).toEqual(Array.from(km.labels_!));
  });

  it('is reproducible with a seed, keeps the best of nInit runs, and takes given centres', () => {
    const { X } = blobs(5, 30, [[0, 0], [4, 0], [0, 4]], 1.5);
    const a = new KMeans({ nClusters: 3, randomState: 7 }).fit(X);
    const b = new KMeans({ nClusters: 3, randomState: 7 }).fit(X);
    expect(Array.from(a.labels_!)).toEqual(Array.from(b.labels_!));
    const many = new KMeans({ nClusters: 3, randomState: 7, nInit: 5, init: 'random' }).fit(X);
    for (let s = 0; s < 3; s++) {
      const one = new KMeans({ nClusters: 3, randomState: s, nInit: 1, init: 'random' }).fit(X);
      expect(many.inertia_!).toBeLessThanOrEqual(one.inertia_! + 1e-9 * one.inertia_!);
    }
    const given = new KMeans({ nClusters: 3, init: [[0, 0], [4, 0], [0, 4]] }).fit(X);
    expect(given.predict([[0.1, 0.2], [3.9, 0.1], [0.2, 4.1]])).toEqual(Int32Array.from([0, 1, 2]));
  });

  it('validates its options and data', () => {
    const X = [[0, 0], [1, 1], [2, 2]];
    expect(() => new KMeans({ nClusters: 0 }).fit(X)).toThrow("The 'nClusters' parameter of KMeans must be an integer >= 1. Got 0.");
    expect(() => new KMeans({ nClusters: 4 }).fit(X)).toThrow('n_samples=3 should be >= n_clusters=4.');
    expect(() => new KMeans({ init: 'kmeans' as any, nClusters: 2 }).fit(X)).toThrow(RangeError);
    expect(() => new KMeans({ nClusters: 2 }).predict(X)).toThrow('not fitted');
    expect(() => new KMeans({ nClusters: 2, foo: 1 } as any)).toThrow(/foo/);
  });

  it('leaves no WebAssembly memory behind', () => {
    const { X } = blobs(6, 100, [[0, 0], [5, 5]]);
    const before = memoryStats().liveBlocks;
    new KMeans({ nClusters: 2, randomState: 0 }).fit(X);
    new MiniBatchKMeans({ nClusters: 2, randomState: 0, batchSize: 32 }).fit(X);
    expect(memoryStats().liveBlocks).toBe(before);
  });
});

describe('MiniBatchKMeans', () => {
  it('finds the centres of well separated blobs', () => {
    const centers = [[0, 0], [20, 0], [0, 20], [20, 20], [10, 40]];
    const { X, truth } = blobs(11, 400, centers, 1);
    const mb = new MiniBatchKMeans({ nClusters: 5, randomState: 0, batchSize: 256 }).fit(X);
    const map = new Map<number, number>();
    for (let i = 0; i < X.rows; i++) {
      const l = mb.labels_![i];
      if (!map.has(l)) map.set(l, truth[i]);
      expect(map.get(l)).toBe(truth[i]);
    }
    for (const [l, t] of map) {
      for (let j = 0; j < 2; j++) expect(Math.abs(mb.clusterCenters_!.data[l * 2 + j] - centers[t][j])).toBeLessThan(0.3);
    }
    expect(Array.from(mb.predict(X))).toEqual(Array.from(mb.labels_!));
    expect(mb.nSteps_).toBeGreaterThan(1);
    expect(mb.nIter_).toBeLessThanOrEqual(100);
  });

  it('is reproducible with a seed and stops early without improvement', () => {
    const { X } = blobs(12, 200, [[0, 0], [9, 9], [0, 9]], 1);
    const a = new MiniBatchKMeans({ nClusters: 3, randomState: 3, batchSize: 64 }).fit(X);
    const b = new MiniBatchKMeans({ nClusters: 3, randomState: 3, batchSize: 64 }).fit(X);
    expect(Array.from(a.clusterCenters_!.data)).toEqual(Array.from(b.clusterCenters_!.data));
    expect(a.nSteps_!).toBeLessThan(Math.floor((100 * X.rows) / 64));
    const full = new MiniBatchKMeans({ nClusters: 3, randomState: 3, batchSize: 64, maxNoImprovement: null, maxIter: 2 }).fit(X);
    expect(full.nSteps_).toBe(Math.floor((2 * X.rows) / 64));
  });
});
