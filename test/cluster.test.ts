/** KMeans, MiniBatchKMeans and the k-means++ seeding. */
import { describe, expect, it } from 'vitest';
import { KMeans, KMeansSMOTE, MiniBatchKMeans, RandomState, kmeansPlusPlus, memoryStats, toRows, type Matrix } from '../src/index.js';

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

  it('reads a float64 Matrix in place without changing it, and equals a fit on number[][] rows and predict', () => {
    const { X } = blobs(13, 300, [[0, 0, 1], [6, 6, 0], [0, 6, 3], [6, 0, 2]], 1.5);
    const copy = X.data.slice();
    const a = new MiniBatchKMeans({ nClusters: 4, randomState: 5, batchSize: 100 }).fit(X);
    expect(Array.from(X.data)).toEqual(Array.from(copy));
    const b = new MiniBatchKMeans({ nClusters: 4, randomState: 5, batchSize: 100 }).fit(toRows(X));
    expect(Array.from(a.clusterCenters_!.data)).toEqual(Array.from(b.clusterCenters_!.data));
    expect(Array.from(a.labels_!)).toEqual(Array.from(b.labels_!));
    expect(a.inertia_).toBe(b.inertia_);
    // labels and inertia of the fit (computed with the mini-batch loop's copy of X) equal predict's
    expect(Array.from(a.predict(X))).toEqual(Array.from(a.labels_!));
    let inertia = 0;
    for (let i = 0; i < X.rows; i++) {
      const l = a.labels_![i];
      let s = 0;
      for (let t = 0; t < 3; t++) { const u = X.data[i * 3 + t] - a.clusterCenters_!.data[l * 3 + t]; s += u * u; }
      inertia += s;
    }
    expect(a.inertia_).toBe(inertia);
    expect(() => new MiniBatchKMeans({ nClusters: 2 }).fit({ data: new Float64Array([1, NaN, 2, 3]), rows: 2, cols: 2 })).toThrow(RangeError);
  });
});

describe('KMeansSMOTE and its clustering model', () => {
  const { X: X0 } = blobs(21, 150, [[0, 0], [8, 0], [0, 8]], 1.5);
  const y = Int32Array.from({ length: X0.rows }, (_, i) => (i % 3 === 0 && i % 2 === 0 ? 1 : 0));

  it('never changes the user X: its own model reads it in place, a user model gets a copy it may write into', () => {
    const X = { data: X0.data.slice(), rows: X0.rows, cols: X0.cols };
    const original = X.data.slice();
    const own = new KMeansSMOTE({ kmeansEstimator: 3, clusterBalanceThreshold: 0.05, randomState: 2 }).fitResample(X, y);
    expect(Array.from(X.data)).toEqual(Array.from(original));
    expect(own.X.data).not.toBe(X.data);
    const seen: Float64Array[] = [];
    const vandal = {
      nClusters: 3,
      fitPredict(Xm: Matrix) {
        seen.push(Xm.data);
        const labels = new MiniBatchKMeans({ nClusters: 3, randomState: 2 }).fitPredict(Xm);
        Xm.data[0] += 1; // a user model may write into what it gets
        return labels;
      },
    };
    new KMeansSMOTE({ kmeansEstimator: vandal, clusterBalanceThreshold: 0.05, randomState: 2 }).fitResample(X, y);
    expect(seen.length).toBe(1);
    expect(seen[0]).not.toBe(X.data);
    expect(Array.from(X.data)).toEqual(Array.from(original));
  });

  it('gives the same result with its own model as with the same MiniBatchKMeans given by the user', () => {
    const own = new KMeansSMOTE({ kmeansEstimator: 3, clusterBalanceThreshold: 0.05, randomState: 4 }).fitResample(X0, y);
    const given = new KMeansSMOTE({ kmeansEstimator: new MiniBatchKMeans({ nClusters: 3, randomState: 4 }), clusterBalanceThreshold: 0.05, randomState: 4 }).fitResample(X0, y);
    expect(Array.from(own.X.data)).toEqual(Array.from(given.X.data));
    expect(Array.from(own.y as Int32Array)).toEqual(Array.from(given.y as Int32Array));
  });
});
