/**
 * ADASYN, BorderlineSMOTE, SVMSMOTE, KMeansSMOTE, SMOTENC and SMOTEN: every ADASYN and
 * BorderlineSMOTE case of imbalanced-learn 0.10's vectors, and the logic of the others checked
 * exactly with injected models.
 */
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { firstMismatch, flat, loadReference } from '../helpers.js';

const ref = loadReference('samplers_random.json');
const MINE = ['ADASYN', 'BorderlineSMOTE'];
const cases = ref.cases.filter((c: any) => MINE.includes(c.sampler));
const camel = (s: string) => s.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase());

function make(c: any) {
  const opts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.params)) opts[camel(k)] = v;
  return new (lib as any)[c.sampler](opts);
}

describe('samplers_random.json: ADASYN and BorderlineSMOTE (imbalanced-learn 0.10)', () => {
  it('has every case of both samplers', () => {
    expect(cases.filter((c: any) => c.sampler === 'ADASYN').length).toBe(13);
    expect(cases.filter((c: any) => c.sampler === 'BorderlineSMOTE').length).toBe(9);
  });
  for (const c of cases) {
    it(c.id, () => {
      const e = c.expected;
      const { X, y } = c.inputs;
      if (e.error) {
        // Python's RuntimeError on unsuitable data: a RangeError with imbalanced-learn's message
        expect(e.error.type).toBe('RuntimeError');
        expect(() => make(c).fitResample(X, y)).toThrow(RangeError);
        expect(() => make(c).fitResample(X, y)).toThrow(e.error.message);
        return;
      }
      const sampler = make(c);
      const res = sampler.fitResample(X, y);
      expect([...sampler.samplingStrategy_]).toEqual(e.sampling_strategy_);
      expect(Array.from(res.y as ArrayLike<number>)).toEqual(e.y_res);
      expect(res.X.rows).toBe(e.X_res.length);
      const expX = flat(e.X_res);
      const n = X.length * X[0].length;
      expect(Array.from(res.X.data.subarray(0, n))).toEqual(expX.slice(0, n));
      expect(firstMismatch(res.X.data, expX, 1e-12)).toBe(-1);
      checkOrigin(res, X, true);
      if (e.debug_danger_mask_per_class) {
        for (const [label, mask] of Object.entries(e.debug_danger_mask_per_class) as [string, boolean[]][]) {
          const rows = y.map((v: number, i: number) => (v === Number(label) ? i : -1)).filter((i: number) => i >= 0);
          const expected = rows.filter((_: number, i: number) => mask[i]);
          const got = sampler.inDangerIndices_.get(Number(label));
          expect(got ? Array.from(got) : []).toEqual(expected);
        }
      }
    });
  }
});

/** Every synthetic row is base + step * (neighbor - base) (exactly when `exact`), same class. */
export function checkOrigin(res: any, X: number[][], exact: boolean, sameClassNeighbor = true) {
  const n = X.length;
  const d = X[0].length;
  const { base, neighbor, step } = res.origin;
  expect(base.length).toBe(res.X.rows - n);
  for (let i = 0; i < base.length; i++) {
    expect(res.y[n + i]).toBe(res.y[base[i]]);
    if (sameClassNeighbor) expect(res.y[neighbor[i]]).toBe(res.y[base[i]]);
    expect(neighbor[i]).not.toBe(base[i]);
    for (let j = 0; j < d; j++) {
      const a = X[base[i]][j];
      const v = a + step[i] * (X[neighbor[i]][j] - a);
      if (exact) expect(res.X.data[(n + i) * d + j]).toBe(v);
      else expect(Math.abs(res.X.data[(n + i) * d + j] - v)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Plain TypeScript re-implementations used to check the samplers without reference vectors.

const { RandomState } = lib;
type Rows = number[][];

const sqDist = (a: number[], b: number[]) => a.reduce((s, v, t) => s + (v - b[t]) ** 2, 0);

/** The k nearest of `fit` (global row indices) to row `q`, q itself left out; ties by index. */
function knn(X: Rows, fit: number[], q: number, k: number, dist = sqDist): number[] {
  return fit.filter((i) => i !== q).map((i) => [dist(X[q], X[i]), i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, k).map((p) => p[1]);
}

/** Seeded two-feature data: `nMin` minority rows (label 1) mixed into a majority cloud. */
function mixed(seed: number, nMaj: number, nMin: number, shift = 1.2): { X: Rows; y: number[] } {
  const rs = new RandomState(seed);
  const g = rs.standardNormal((nMaj + nMin) * 2);
  const X: Rows = [];
  const y: number[] = [];
  for (let i = 0; i < nMaj + nMin; i++) {
    const minority = i % Math.floor((nMaj + nMin) / nMin) === 0 && y.filter((v) => v === 1).length < nMin;
    X.push([g[2 * i] + (minority ? shift : 0), g[2 * i + 1] + (minority ? shift : 0)]);
    y.push(minority ? 1 : 0);
  }
  return { X, y };
}

/** `base + step * (nb - base)` for drawn (row, col) pairs, numpy's order of draws. */
function smoteDraws(X: Rows, bases: number[], nn: number[][], k: number, n: number, rs: any, stepSize = 1) {
  const s = rs.randint(0, bases.length * k, n);
  const u = rs.uniform(0, 1, n);
  return Array.from(s as Int32Array, (v, i) => {
    const b = bases[Math.floor(v / k)];
    const nb = nn[Math.floor(v / k)][v % k];
    const step = stepSize * u[i];
    return { base: b, nb, step, row: X[b].map((a, t) => a + step * (X[nb][t] - a)) };
  });
}

function expectRows(res: any, nInput: number, expected: { base: number; nb: number; step: number; row: number[] }[]) {
  expect(res.X.rows - nInput).toBe(expected.length);
  const d = res.X.cols;
  expected.forEach((e, i) => {
    expect(res.origin.base[i]).toBe(e.base);
    expect(res.origin.neighbor[i]).toBe(e.nb);
    expect(res.origin.step[i]).toBe(e.step);
    expect(Array.from(res.X.data.subarray((nInput + i) * d, (nInput + i + 1) * d))).toEqual(e.row);
  });
}

describe('BorderlineSMOTE borderline-2 (imbalanced-learn >= 0.12)', () => {
  // 60 new rows from 120 at 4 columns: the WebAssembly kernel (X at most twice the rows made);
  // at 2 columns, or 15 new rows (sampling strategy 0.5): the TypeScript loop
  for (const [seed, strategy, cols] of [[0, undefined, 4], [5, undefined, 4], [0, 0.5, 4], [5, undefined, 2]] as const) {
    it(`matches a plain TypeScript version (seed ${seed}, ${cols} columns, ${cols === 4 && !strategy ? 'the kernel' : 'the loop'})`, () => {
      const two = mixed(seed, 90, 30, 1);
      const y = two.y;
      const X = cols === 2 ? two.X : two.X.map(([a, b]) => [a, b, 0.5 * a - b, 0.25 * b + 1]);
      const k = 5;
      const m = 10;
      const all = X.map((_, i) => i);
      const cls = all.filter((i) => y[i] === 1);
      const danger = cls.filter((i) => { const o = knn(X, all, i, m).filter((j) => y[j] !== 1).length; return o >= m / 2 && o < m; });
      expect(danger.length).toBeGreaterThan(0);
      const nNew = strategy ? 15 : 60;
      const rs = new RandomState(seed);
      const draws = smoteDraws(X, danger, danger.map((i) => knn(X, all, i, k)), k, nNew, rs);
      const w = new RandomState(seed).uniform(0, 0.5, draws.filter((e) => y[e.nb] !== 1).length);
      let t = 0;
      const expected = draws.map((e) => {
        if (y[e.nb] === 1) return e;
        const u = w[t++];
        return { ...e, step: e.step * u, row: X[e.base].map((a, j) => a + e.step * ((X[e.nb][j] - a) * u)) };
      });
      const res = new lib.BorderlineSMOTE({ kind: 'borderline-2', randomState: seed, samplingStrategy: strategy }).fitResample(X, y);
      expectRows(res, X.length, expected);
      expect(Array.from(res.X.data.subarray(0, X.length * cols))).toEqual(X.flat());
      expect(expected.some((e) => y[e.nb] === 0)).toBe(true);
    });
  }

  it('rejects an unknown kind', () => {
    const { X, y } = mixed(1, 30, 10);
    expect(() => new lib.BorderlineSMOTE({ kind: 'borderline-3' as any }).fitResample(X, y)).toThrow("The 'kind' parameter of BorderlineSMOTE must be one of 'borderline-1', 'borderline-2'. Got 'borderline-3'.");
  });
});

describe('SVMSMOTE with an injected SVM', () => {
  it('numpy legacy beta(10, 10) draws (values printed by numpy 1.24 for RandomState(0))', async () => {
    const { legacyBeta } = await import('../../src/samplers/over/svmSmote.js');
    const rs = new RandomState(0);
    expect([0, 1, 2].map(() => legacyBeta(rs, 10, 10))).toEqual([0.5971578369693008, 0.7067318450300619, 0.4594338845522033]);
  });

  for (const seed of [0, 3]) {
    it(`uses the given support vectors: noise dropped, danger interpolated, safe extrapolated (seed ${seed})`, async () => {
      const { legacyBeta } = await import('../../src/samplers/over/svmSmote.js');
      const { X, y } = mixed(seed + 20, 80, 30, 2);
      const all = X.map((_, i) => i);
      const cls = all.filter((i) => y[i] === 1);
      const m = 6;
      const k = 3;
      const nOther = (i: number) => knn(X, all, i, m).filter((j) => y[j] !== 1).length;
      // support vectors: every third row, majority ones included (they must be ignored)
      const support = all.filter((i) => i % 3 === 0);
      let fits = 0;
      const fake = { support_: Int32Array.from(support), fit() { fits++; return this; } };
      const sv = support.filter((i) => y[i] === 1 && nOther(i) !== m);
      const danger = sv.filter((i) => nOther(i) >= m / 2);
      const safe = sv.filter((i) => nOther(i) < m / 2);
      expect(danger.length).toBeGreaterThan(0);
      expect(safe.length).toBeGreaterThan(0);
      const nNew = 50;
      const nDanger = Math.trunc(legacyBeta(new RandomState(seed), 10, 10) * (nNew + 1));
      const expected = [
        ...smoteDraws(X, danger, danger.map((i) => knn(X, cls, i, k)), k, nDanger, new RandomState(seed)),
        ...smoteDraws(X, safe, safe.map((i) => knn(X, cls, i, k)), k, nNew - nDanger, new RandomState(seed), -0.5),
      ];
      const res = new lib.SVMSMOTE({ svmEstimator: fake, kNeighbors: k, mNeighbors: m, randomState: seed }).fitResample(X, y);
      expect(fits).toBe(1);
      expectRows(res, X.length, expected);
      expect(expected.some((e) => e.step < 0)).toBe(true);
    });
  }

  it('runs with its default SVC and tells when all support vectors are noise', () => {
    const { X, y } = mixed(7, 120, 30, 1.5);
    const sm = new lib.SVMSMOTE({ randomState: 0 });
    const res = sm.fitResample(X, y);
    expect(res.X.rows).toBe(240);
    checkOrigin(res, X, false);
    expect((sm.svmEstimator_ as any).support_.length).toBeGreaterThan(0);
    // a support set made only of minority rows buried in the majority
    const noisy = X.map((_, i) => i).filter((i) => y[i] === 1 && knn(X, X.map((_, j) => j), i, 10).every((j) => y[j] === 0));
    expect(noisy.length).toBeGreaterThan(0);
    const fake = { support_: Int32Array.from(noisy), fit() { return this; } };
    expect(() => new lib.SVMSMOTE({ svmEstimator: fake }).fitResample(X, y)).toThrow('All support vectors are considered as noise. SVM-SMOTE is not adapted to your dataset. Try another SMOTE variant.');
    expect(() => new lib.SVMSMOTE({ outStep: 2 }).fitResample(X, y)).toThrow("The 'outStep' parameter of SVMSMOTE must be");
  });
});

describe('KMeansSMOTE with an injected clustering', () => {
  for (const seed of [0, 9]) {
    it(`weighs clusters by sparsity and runs SMOTE inside each (seed ${seed})`, () => {
      const { X, y } = mixed(seed + 40, 100, 40, 1.5);
      const n = X.length;
      // three clusters by the sign pattern of the columns; a fourth id that stays empty
      const labels = Int32Array.from(X, (r) => (r[0] > 0.8 ? 0 : r[1] > 0.3 ? 1 : 2));
      let fits = 0;
      const fake = { nClusters: 4, fitPredict() { fits++; return labels; } };
      const k = 2;
      const nNew = 60;
      const threshold = nNew / nNew / 2;
      const clusters = [0, 1, 2, 3].map((c) => X.map((_, i) => i).filter((i) => labels[i] === c)).filter((m) => m.length > 0);
      const valid: number[][] = [];
      const sparsity: number[] = [];
      for (const members of clusters) {
        const rows = members.filter((i) => y[i] === 1);
        const share = rows.length / members.length;
        if (share < threshold || share * members.length < k + 1) continue;
        let sum = 0;
        for (const a of rows) for (const b of rows) if (a !== b) sum += Math.sqrt(sqDist(X[a], X[b]));
        const mean = sum / (rows.length ** 2 - rows.length);
        const exponent = (Math.log(rows.length) / Math.log(1.6)) ** 1.8 * 0.16;
        valid.push(rows);
        sparsity.push(mean ** exponent / rows.length);
      }
      expect(valid.length).toBeGreaterThan(0);
      const total = sparsity.reduce((a, b) => a + b, 0);
      const expected = valid.flatMap((rows, v) => smoteDraws(X, rows, rows.map((i) => knn(X, rows, i, k)), k, Math.ceil(nNew * (sparsity[v] / total)), new RandomState(seed)));
      const res = new lib.KMeansSMOTE({ kmeansEstimator: fake, samplingStrategy: { 1: 40 + nNew }, randomState: seed, clusterBalanceThreshold: 'auto' }).fitResample(X, y);
      expect(fits).toBe(1);
      expect(res.X.rows - n).toBe(expected.length);
      // pairwise sums are added in another order: steps and bases are exact, rows within 1e-12
      expected.forEach((e, i) => {
        expect(res.origin!.base[i]).toBe(e.base);
        expect(res.origin!.neighbor[i]).toBe(e.nb);
        expect(res.origin!.step[i]).toBe(e.step);
      });
      checkOrigin(res, X, true);
    });
  }

  it('runs with its default MiniBatchKMeans and reports clusters without enough rows', () => {
    const { X, y } = mixed(2, 300, 60, 3);
    const res = new lib.KMeansSMOTE({ randomState: 0, kmeansEstimator: 4, clusterBalanceThreshold: 0.1 }).fitResample(X, y);
    expect(res.X.rows).toBeGreaterThanOrEqual(600);
    checkOrigin(res, X, true);
    const one = { nClusters: 2, fitPredict: () => new Int32Array(X.length).map((_, i) => (y[i] === 1 ? 0 : 1)) };
    expect(() => new lib.KMeansSMOTE({ kmeansEstimator: one, kNeighbors: 100 }).fitResample(X, y)).toThrow('No clusters found with sufficient samples of class 1. Try lowering the cluster_balance_threshold or increasing the number of clusters.');
    expect(() => new lib.KMeansSMOTE({ kmeansEstimator: 'x' as any }).fitResample(X, y)).toThrow(TypeError);
  });

  it("rejects a user model's labels outside 0..nClusters-1, naming the row", () => {
    const { X, y } = mixed(3, 100, 40, 2);
    for (const bad of [2, -1, 0.5, NaN]) {
      const labels = Float64Array.from(X, (_, i) => (i === 7 ? bad : i % 2));
      const model = { nClusters: 2, fitPredict: () => labels };
      expect(() => new lib.KMeansSMOTE({ kmeansEstimator: model, randomState: 0 }).fitResample(X, y)).toThrow(`The clustering model gave the label ${bad} for row 7; expected an integer in [0, 2).`);
    }
  });
});

describe('SMOTENC', () => {
  /** Two continuous columns and two categorical ones (values 10/20/30 and -1/5). */
  function data(seed: number) {
    const rs = new RandomState(seed);
    const { X: base, y } = mixed(seed, 80, 25, 1);
    const c1 = rs.randint(0, 3, base.length) as Int32Array;
    const c2 = rs.randint(0, 2, base.length) as Int32Array;
    const X = base.map((r, i) => [r[0], [10, 20, 30][c1[i]], r[1], [-1, 5][c2[i]]]);
    return { X, y };
  }

  for (const seed of [0, 4]) {
    it(`interpolates continuous columns and votes categories as imbalanced-learn >= 0.12 (seed ${seed})`, () => {
      const { X, y } = data(seed);
      const k = 4;
      const sm = new lib.SMOTENC({ categoricalFeatures: [1, 3], kNeighbors: k, randomState: seed });
      const res = sm.fitResample(X, y);
      const cls = X.map((_, i) => i).filter((i) => y[i] === 1);
      // median std of the continuous columns of the class (population std)
      const std = (c: number) => { const v = cls.map((i) => X[i][c]); const m = v.reduce((a, b) => a + b, 0) / v.length; return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length); };
      const med = (std(0) + std(2)) / 2;
      expect(sm.medianStd_!.get(1)).toBeCloseTo(med, 12);
      const s = med / Math.SQRT2;
      // encoded distance: continuous part plus s^2 per mismatching categorical column, twice (one-hot)
      const encDist = (a: number[], b: number[]) => (a[0] - b[0]) ** 2 + (a[2] - b[2]) ** 2 + (a[1] !== b[1] ? 2 * s * s : 0) + (a[3] !== b[3] ? 2 * s * s : 0);
      const n = X.length;
      const nNew = res.X.rows - n;
      expect(nNew).toBe(y.filter((v) => v === 0).length - cls.length);
      const rs = new RandomState(seed);
      const draws = rs.randint(0, cls.length * k, nNew) as Int32Array;
      const u = rs.uniform(0, 1, nNew);
      for (let i = 0; i < nNew; i++) {
        const baseRow = cls[Math.floor(draws[i] / k)];
        const nbs = knn(X, cls, baseRow, k, encDist);
        expect(res.origin!.base[i]).toBe(baseRow);
        expect(res.origin!.neighbor[i]).toBe(nbs[draws[i] % k]);
        expect(res.origin!.step[i]).toBe(u[i]);
        const row = Array.from(res.X.data.subarray((n + i) * 4, (n + i + 1) * 4));
        const nb = X[nbs[draws[i] % k]];
        for (const c of [0, 2]) expect(row[c]).toBeCloseTo(X[baseRow][c] + u[i] * (nb[c] - X[baseRow][c]), 12);
        for (const c of [1, 3]) {
          // the category is one of the most frequent among the k neighbours
          const counts = new Map<number, number>();
          for (const j of nbs) counts.set(X[j][c], (counts.get(X[j][c]) ?? 0) + 1);
          const max = Math.max(...counts.values());
          expect(counts.get(row[c])).toBe(max);
        }
      }
      expect(Array.from(res.X.data.subarray(0, n * 4))).toEqual(X.flat());
    });
  }

  it('takes a boolean mask and rejects all-categorical or all-continuous data', () => {
    const { X, y } = data(1);
    const a = new lib.SMOTENC({ categoricalFeatures: [1, 3], randomState: 2 }).fitResample(X, y);
    const b = new lib.SMOTENC({ categoricalFeatures: [false, true, false, true], randomState: 2 }).fitResample(X, y);
    expect(Array.from(b.X.data)).toEqual(Array.from(a.X.data));
    expect(() => new lib.SMOTENC({ categoricalFeatures: [0, 1, 2, 3] }).fitResample(X, y)).toThrow('SMOTE-NC is not designed to work only with categorical features. It requires some numerical features.');
    expect(() => new lib.SMOTENC({ categoricalFeatures: [] }).fitResample(X, y)).toThrow('SMOTE-NC is not designed to work only with numerical features. It requires some categorical features.');
    expect(() => new lib.SMOTENC({ categoricalFeatures: [7] }).fitResample(X, y)).toThrow(RangeError);
  });
});

describe('SMOTEN', () => {
  function categorical(seed: number) {
    const rs = new RandomState(seed);
    const n = 90;
    const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : i % 3 === 1 ? 0 : 2));
    const a = rs.randint(0, 3, n) as Int32Array;
    const b = rs.randint(0, 4, n) as Int32Array;
    const c = rs.randint(0, 2, n) as Int32Array;
    // categories correlated with the class, values not 0..n-1
    const X = y.map((v, i) => [(a[i] + v) % 3, [7, 8, 9, 11][(b[i] + (v === 1 ? 1 : 0)) % 4], c[i] * 5]);
    return { X, y: y.map((v, i) => (i < 6 ? v : v === 2 && i % 2 ? 0 : v)) };
  }

  it('ValueDifferenceMetric equals the plain formula', () => {
    const { X, y } = categorical(0);
    const cats = [0, 1, 2].map((f) => [...new Set(X.map((r) => r[f]))].sort((p, q) => p - q));
    const codes = Int32Array.from(X.flatMap((r) => r.map((v, f) => cats[f].indexOf(v))));
    const classes = [...new Set(y)].sort();
    const vdm = new lib.ValueDifferenceMetric(codes, 3, cats.map((c) => c.length), Int32Array.from(y, (v) => classes.indexOf(v)), classes.length);
    const P = (f: number, v: number, c: number) => X.filter((r, i) => r[f] === v && y[i] === c).length / X.filter((r) => r[f] === v).length;
    const plain = (i: number, j: number) => [0, 1, 2].reduce((s, f) => s + classes.reduce((l1: number, c) => l1 + Math.abs(P(f, X[i][f], c) - P(f, X[j][f], c)), 0) ** 2, 0);
    const m = vdm.pairwise(codes, X.length);
    for (let i = 0; i < X.length; i += 7) {
      for (let j = 0; j < X.length; j += 5) {
        expect(m[i * X.length + j]).toBeCloseTo(plain(i, j), 12);
        expect(vdm.distance(codes.subarray(i * 3, i * 3 + 3), codes.subarray(j * 3, j * 3 + 3))).toBeCloseTo(plain(i, j), 12);
      }
    }
  });

  for (const seed of [0, 2]) {
    it(`makes each new row the per-column mode of a drawn row and its neighbours (seed ${seed})`, () => {
      const { X, y } = categorical(seed);
      const k = 3;
      const sm = new lib.SMOTEN({ kNeighbors: k, randomState: seed });
      const res = sm.fitResample(X, y);
      const vdm = sm.vdm_!;
      const enc = (r: number[]) => r.map((v, f) => sm.categories_![f].indexOf(v));
      const n = X.length;
      let offset = n;
      const counts = new Map<number, number>();
      y.forEach((v) => counts.set(v, (counts.get(v) ?? 0) + 1));
      const majority = Math.max(...counts.values());
      for (const label of [...counts.keys()].sort()) {
        const nNew = majority - counts.get(label)!;
        if (nNew === 0) continue;
        const cls = X.map((_, i) => i).filter((i) => y[i] === label);
        const dist = (a: number[], b: number[]) => vdm.distance(enc(a), enc(b));
        const picks = new RandomState(seed).randint(0, cls.length, nNew) as Int32Array;
        for (let t = 0; t < nNew; t++) {
          const q = cls[picks[t]];
          // the row itself (distance 0, first among ties with its index order) and its k nearest
          const group = cls.map((i) => [dist(X[q], X[i]), i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, k + 1).map((p) => p[1]);
          const row = Array.from(res.X.data.subarray((offset + t) * 3, (offset + t + 1) * 3));
          for (let f = 0; f < 3; f++) {
            const votes = new Map<number, number>();
            for (const i of group) votes.set(X[i][f], (votes.get(X[i][f]) ?? 0) + 1);
            const max = Math.max(...votes.values());
            expect(row[f]).toBe(Math.min(...[...votes].filter((e) => e[1] === max).map((e) => e[0])));
          }
          expect(res.origin!.base[offset - n + t]).toBe(q);
          expect(res.y[offset + t]).toBe(label);
        }
        offset += nNew;
      }
      expect(offset).toBe(res.X.rows);
    });
  }
});
