// NearMiss, RepeatedEditedNearestNeighbours, AllKNN, NeighbourhoodCleaningRule,
// CondensedNearestNeighbour and OneSidedSelection against imbalanced-learn
// (test/reference/samplers_deterministic.json and samplers_random.json).
import { describe, expect, it } from 'vitest';
import { NearestNeighbors, RandomState, StratifiedKFold, EditedNearestNeighbours, KMeans } from '../../src/index.js';
import { f64View, i32View, readF64, readI32, withArena } from '../../src/core/memory.js';
import { kernels } from '../../src/core/wasm.js';
import { searchNeighbors } from '../../src/neighbors/search.js';
import { ClusterCentroids } from '../../src/samplers/under/clusterCentroids.js';
import { InstanceHardnessThreshold, percentileLinear, selectKth } from '../../src/samplers/under/instanceHardnessThreshold.js';
import { NearMiss, farthestDistances, numpyPairwiseSum, selectByDistance } from '../../src/samplers/under/nearMiss.js';
import { RepeatedEditedNearestNeighbours } from '../../src/samplers/under/repeatedEditedNearestNeighbours.js';
import { AllKNN } from '../../src/samplers/under/allKNN.js';
import { NeighbourhoodCleaningRule } from '../../src/samplers/under/neighbourhoodCleaningRule.js';
import { CondensedNearestNeighbour, condenseClass } from '../../src/samplers/under/condensedNearestNeighbour.js';
import { OneSidedSelection, tomekLinksFromFewQueries } from '../../src/samplers/under/oneSidedSelection.js';
import { TomekLinks } from '../../src/samplers/under/tomekLinks.js';
import { flat, loadReference } from '../helpers.js';

const camel = (key: string) => key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

/** Python keyword arguments → our options (`n_seeds_S` → `nSeedsS`). */
export function toOptions(params: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const name = key === 'n_seeds_S' ? 'nSeedsS' : camel(key);
    if (value && typeof value === 'object' && value.__class__ === 'NearestNeighbors') {
      out[name] = new NearestNeighbors({ nNeighbors: value.n_neighbors });
    } else out[name] = value;
  }
  return out;
}

const FACTORIES: Record<string, (o: any) => any> = {
  NearMiss: (o) => new NearMiss(o),
  RepeatedEditedNearestNeighbours: (o) => new RepeatedEditedNearestNeighbours(o),
  AllKNN: (o) => new AllKNN(o),
  NeighbourhoodCleaningRule: (o) => new NeighbourhoodCleaningRule(o),
  CondensedNearestNeighbour: (o) => new CondensedNearestNeighbour(o),
  OneSidedSelection: (o) => new OneSidedSelection(o),
};

/** Our error class for a Python InvalidParameterError: TypeError for a wrong JS type, else RangeError. */
const WRONG_TYPE: Record<string, (v: unknown) => boolean> = {
  allowMinority: (v) => typeof v !== 'boolean',
  kindSel: (v) => typeof v !== 'string',
};

const deterministic = loadReference('samplers_deterministic.json').cases;
const random = loadReference('samplers_random.json').cases;
const mine = (c: any) => c.sampler in FACTORIES && c.variant !== 'v0_10';
const cases = [...deterministic.filter(mine), ...random.filter(mine)];

function checkCase(c: any) {
  const sampler = FACTORIES[c.sampler](toOptions(c.params));
  const { X, y } = c.inputs;
  const exp = c.expected;
  if (exp.error) {
    let caught: unknown;
    try { sampler.fitResample(X, y); } catch (e) { caught = e; }
    expect(caught, 'an error').toBeInstanceOf(Error);
    const err = caught as Error;
    if (exp.error.type === 'ValueError') {
      expect(err).toBeInstanceOf(RangeError);
      expect(err.message).toBe(exp.error.message);
    } else {
      const param = camel(/The '(\w+)' parameter/.exec(exp.error.message)![1]);
      const value = toOptions(c.params)[param];
      expect(err).toBeInstanceOf(WRONG_TYPE[param]?.(value) ? TypeError : RangeError);
      expect(err.message).toContain(`The '${param}' parameter of ${c.sampler} must be`);
    }
    return;
  }
  const res = sampler.fitResample(X, y);
  expect(Array.from(res.sampleIndices!)).toEqual(exp.sample_indices_);
  expect(Array.from(res.y as Int32Array)).toEqual(exp.y_res);
  expect(res.X.rows).toBe(exp.X_res.length);
  expect(Array.from(res.X.data)).toEqual(flat(exp.X_res));
  expect([...sampler.samplingStrategy_!.entries()]).toEqual(exp.sampling_strategy_);
  if ('n_iter_' in exp) expect(sampler.nIter_).toBe(exp.n_iter_);
  if ('classes_to_clean_' in exp) expect(sampler.classesToClean_).toEqual(exp.classes_to_clean_);
}

describe('reference vectors of imbalanced-learn for the other under-samplers', () => {
  it('has every case', () => {
    const count = (s: string) => cases.filter((c) => c.sampler === s).length;
    expect([count('NearMiss'), count('RepeatedEditedNearestNeighbours'), count('AllKNN'), count('NeighbourhoodCleaningRule'),
      count('CondensedNearestNeighbour'), count('OneSidedSelection')]).toEqual([55, 25, 25, 17, 8, 8]);
  });
  for (const c of cases) it(c.id, () => checkCase(c));
});

// ---------------------------------------------------------------------------------------------
// NeighbourhoodCleaningRule: the 0.10 release (variant v0_10) differs from the >= 0.12 algorithm we
// follow only in the two documented places. A plain TS version of 0.10's algorithm, built from the
// same pieces plus exactly those two differences, must give every v0_10 vector.
// ---------------------------------------------------------------------------------------------

/** imbalanced-learn 0.10.0's NCR: threshold on the TOTAL rows; minority rows judged by the mode (kind_sel='mode') or by the truthiness of all neighbour labels (kind_sel='all'). */
function ncrRelease010(X: number[][], y: number[], params: Record<string, any>): number[] {
  const k: number = params.n_neighbors ?? 3;
  const kindSel: string = params.kind_sel ?? 'all';
  const threshold: number = params.threshold_cleaning ?? 0.5;
  const strategy = params.sampling_strategy ?? 'auto';
  const enn = new EditedNearestNeighbours({ samplingStrategy: strategy, nNeighbors: k, kindSel: 'mode' });
  const keptByEnn = new Set(enn.fitResample(X, y).sampleIndices);
  const targeted = new Set(enn.samplingStrategy_!.keys());
  const counter = new Map<number, number>();
  for (const label of y) counter.set(label, (counter.get(label) ?? 0) + 1);
  let minority = y[0];
  for (const [label, n] of counter) if (n < counter.get(minority)!) minority = label;
  const underSample = new Set([...counter].filter(([c, n]) => targeted.has(c) && n > y.length * threshold).map(([c]) => c));
  const minorityRows = y.flatMap((label, i) => (label === minority ? [i] : []));
  const { indices } = searchNeighbors({ data: Float64Array.from(X.flat()), rows: X.length, cols: X[0].length },
    { data: Float64Array.from(minorityRows.flatMap((i) => X[i])), rows: minorityRows.length, cols: X[0].length }, k + 1);
  const a2 = new Set<number>();
  minorityRows.forEach((_, q) => {
    const labels = Array.from(indices.subarray(q * (k + 1) + 1, (q + 1) * (k + 1)), (j) => y[j]);
    let agrees: boolean;
    if (kindSel === 'mode') {
      const votes = new Map<number, number>();
      for (const l of labels) votes.set(l, (votes.get(l) ?? 0) + 1);
      const mode = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
      agrees = mode === minority;
    } else {
      agrees = labels.every((l) => l !== 0); // np.all on the labels themselves: the 0.10 bug
    }
    if (!agrees) for (const j of indices.subarray(q * (k + 1) + 1, (q + 1) * (k + 1))) if (underSample.has(y[j])) a2.add(j);
  });
  return y.flatMap((_, i) => (keptByEnn.has(i) && !a2.has(i) ? [i] : []));
}

describe('NeighbourhoodCleaningRule: 0.10 release vs >= 0.12', () => {
  const v010 = deterministic.filter((c: any) => c.sampler === 'NeighbourhoodCleaningRule' && c.variant === 'v0_10');
  it('has the v0_10 cases', () => expect(v010.length).toBe(10));
  for (const c of v010) {
    it(`${c.id}: reproduced by our pieces plus the documented 0.10 differences`, () => {
      expect(ncrRelease010(c.inputs.X, c.inputs.y, c.params)).toEqual(c.expected.sample_indices_);
    });
  }
  it('the two variants do differ on the reference data (so the port follows >= 0.12, not 0.10)', () => {
    const differing = v010.filter((c: any) => {
      const { kind_sel: _ignored, ...params } = c.params;
      const ours = new NeighbourhoodCleaningRule(toOptions(params)).fitResample(c.inputs.X, c.inputs.y);
      return JSON.stringify(Array.from(ours.sampleIndices!)) !== JSON.stringify(c.expected.sample_indices_);
    });
    expect(differing.length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// CondensedNearestNeighbour: the incremental algorithm equals a plain version of upstream's loop.
// ---------------------------------------------------------------------------------------------

function euclid(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) * (a[j] - b[j]);
  return Math.sqrt(s);
}

/** KNeighborsClassifier(k).fit(C).predict(x) by brute force: ties in distance to the earlier C row, votes to the smallest code. */
function bruteKnnPredict(rows: number[][], codes: ArrayLike<number>, C: number[], x: number[], k: number, nClasses: number): number {
  const order = C.map((row, j) => ({ d: euclid(x, rows[row]), j })).sort((a, b) => a.d - b.d || a.j - b.j).slice(0, k);
  const votes = new Array(nClasses).fill(0);
  for (const { j } of order) votes[codes[C[j]]]++;
  return votes.indexOf(Math.max(...votes));
}

/** imbalanced-learn's CNN inner loop, literally: refit and re-predict the whole class after every addition. */
function upstreamCondense(rows: number[][], codes: Int32Array, nClasses: number, classRows: number[], minorityRows: number[], seeds: number[], k: number): number[] {
  const target = codes[classRows[0]];
  const C = [...minorityRows, ...seeds];
  const kept = [...seeds];
  let good = new Set<number>(seeds);
  classRows.forEach((row, p) => {
    if (good.has(p)) return;
    if (bruteKnnPredict(rows, codes, C, rows[row], k, nClasses) !== target) {
      kept.push(row);
      C.push(row);
      const correct = classRows.flatMap((r, q) => (bruteKnnPredict(rows, codes, C, rows[r], k, nClasses) === target ? [q] : []));
      good = new Set([...kept, ...correct]);
    }
  });
  return kept;
}

/** Overlapping Gaussian classes from a seeded RandomState. */
function blobs(seed: number, n: number, d: number, nClasses: number): { rows: number[][]; codes: Int32Array } {
  const rs = new RandomState(seed);
  const noise = rs.standardNormal(n * d);
  const pick = rs.randomSample(n);
  const codes = Int32Array.from(pick, (u) => (u < 0.15 ? 0 : u < 0.5 || nClasses === 2 ? 1 : 2));
  const rows = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => noise[i * d + j] + (j === 0 ? codes[i] * 0.8 : 0)));
  return { rows, codes };
}

describe('CondensedNearestNeighbour: incremental condensing equals upstream loop', () => {
  const configs = [
    { seed: 1, n: 240, d: 2, nClasses: 2, k: 1, nSeeds: 1 },
    { seed: 2, n: 300, d: 2, nClasses: 3, k: 1, nSeeds: 3 },
    { seed: 3, n: 260, d: 5, nClasses: 2, k: 3, nSeeds: 1 },
    { seed: 4, n: 220, d: 3, nClasses: 3, k: 2, nSeeds: 4 },
    { seed: 5, n: 200, d: 20, nClasses: 2, k: 1, nSeeds: 2 },
  ];
  for (const cfg of configs) {
    it(`seed ${cfg.seed}: n=${cfg.n}, d=${cfg.d}, ${cfg.nClasses} classes, k=${cfg.k}, ${cfg.nSeeds} seeds`, () => {
      const { rows, codes } = blobs(cfg.seed, cfg.n, cfg.d, cfg.nClasses);
      const X = { data: Float64Array.from(rows.flat()), rows: cfg.n, cols: cfg.d };
      const byClass = Array.from({ length: cfg.nClasses }, (_, c) => rows.flatMap((_, i) => (codes[i] === c ? [i] : [])));
      const rs = new RandomState(cfg.seed + 100);
      let added = 0;
      for (let c = 1; c < cfg.nClasses; c++) {
        const seeds = Array.from(rs.randint(0, byClass[c].length, cfg.nSeeds) as Int32Array, (p) => byClass[c][p]);
        const ours = condenseClass(X, codes, cfg.nClasses, Int32Array.from(byClass[c]), Int32Array.from(byClass[0]), Int32Array.from(seeds), cfg.k);
        const plain = upstreamCondense(rows, codes, cfg.nClasses, byClass[c], byClass[0], seeds, cfg.k);
        expect(ours).toEqual(plain);
        added += ours.length - seeds.length;
      }
      expect(added).toBeGreaterThan(0);
    });
  }

  it('the sampler equals the plain loop end to end (seeded draws, class order, minority first-appearance)', () => {
    const { rows, codes } = blobs(9, 250, 2, 3);
    const res = new CondensedNearestNeighbour({ randomState: 7, samplingStrategy: 'all', nNeighbors: 3 }).fitResample(rows, codes);
    const rs = new RandomState(7);
    const byClass = [0, 1, 2].map((c) => rows.flatMap((_, i) => (codes[i] === c ? [i] : [])));
    const expected: number[] = [];
    for (let c = 0; c < 3; c++) {
      const seeds = Array.from(rs.randint(0, byClass[c].length, 1) as Int32Array, (p) => byClass[c][p]);
      expected.push(...upstreamCondense(rows, codes, 3, byClass[c], byClass[0], seeds, 3));
    }
    expect(Array.from(res.sampleIndices!)).toEqual(expected);
  });
});

describe('kernel knn_insert_incremental equals a fresh brute-force k-NN of the grown set', () => {
  for (const [seed, d, k] of [[11, 2, 1], [12, 4, 3], [13, 7, 5]]) {
    it(`seed ${seed}, d=${d}, k=${k}`, () => {
      const rs = new RandomState(seed);
      const n = 120;
      const data = rs.standardNormal(n * d);
      const rows = Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * d, i * d + d)));
      const labelOfRow = Int32Array.from(rs.randint(0, 3, n) as Int32Array);
      const queries = Array.from({ length: 60 }, (_, q) => q);
      const C = Array.from({ length: k }, (_, j) => 60 + j); // initial C: rows 60..60+k-1
      const inserted = Array.from(rs.permutation(n - 60 - k) as Int32Array, (p) => 60 + k + p).slice(0, 30);
      const kern = kernels() as any;
      const { dist, idx, pred } = withArena((arena) => {
        const dataPtr = arena.f64From(data);
        const qRows = arena.i32From(queries);
        const bestDist = arena.f64(60 * k);
        const bestIdx = arena.i32(60 * k);
        const cLabel = arena.i32(k + inserted.length);
        const votes = arena.i32(3);
        const predPtr = arena.i32(60);
        // start from the exact lists of the initial C
        const dv = f64View(bestDist, 60 * k);
        const iv = i32View(bestIdx, 60 * k);
        queries.forEach((q) => {
          const order = C.map((row, j) => ({ d: euclid(rows[q], rows[row]), j })).sort((a, b) => a.d - b.d || a.j - b.j);
          order.forEach((o, r) => { dv[q * k + r] = o.d; iv[q * k + r] = o.j; });
        });
        i32View(cLabel, k).set(C.map((row) => labelOfRow[row]));
        inserted.forEach((row, t) => {
          i32View(cLabel, k + inserted.length)[k + t] = labelOfRow[row];
          kern.knn_insert_incremental(dataPtr, d, qRows, 0, 60, row, k + t, k, bestDist, bestIdx, cLabel, 3, votes, predPtr);
        });
        return { dist: readF64(bestDist, 60 * k), idx: readI32(bestIdx, 60 * k), pred: readI32(predPtr, 60) };
      });
      const grown = [...C, ...inserted];
      queries.forEach((q) => {
        const order = grown.map((row, j) => ({ d: euclid(rows[q], rows[row]), j })).sort((a, b) => a.d - b.d || a.j - b.j).slice(0, k);
        expect(Array.from(idx.subarray(q * k, q * k + k))).toEqual(order.map((o) => o.j));
        expect(Array.from(dist.subarray(q * k, q * k + k))).toEqual(order.map((o) => o.d));
        if (order.some((o) => o.j >= k)) {
          const votes = [0, 0, 0];
          for (const o of order) votes[labelOfRow[grown[o.j]]]++;
          expect(pred[q]).toBe(votes.indexOf(Math.max(...votes)));
        }
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// InstanceHardnessThreshold with injected classifiers.
// ---------------------------------------------------------------------------------------------

/** A classifier whose probabilities are a fixed function of the row: P(c-th sorted class | x) ∝ exp(w_c · x). */
class FixedModel {
  classes: (number | string)[] = [];
  constructor(readonly params: { weights: number[][] }) {}
  fit(_X: unknown, y: ArrayLike<number | string>) {
    this.classes = [...new Set(Array.from(y))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this;
  }
  predictProba(X: any) {
    const rows = X.rows as number;
    const cols = X.cols as number;
    const data = new Float64Array(rows * this.classes.length);
    for (let i = 0; i < rows; i++) {
      const scores = this.classes.map((_, c) => this.params.weights[c].reduce((s, w, j) => s + w * X.data[i * cols + j], 0));
      const z = scores.map((s) => Math.exp(s));
      const total = z.reduce((a, b) => a + b, 0);
      z.forEach((v, c) => { data[i * this.classes.length + c] = v / total; });
    }
    return { data, rows, cols: this.classes.length };
  }
}

describe('InstanceHardnessThreshold', () => {
  it('selectKth equals the sorted array at every k (ties, duplicates, sorted and reversed input)', () => {
    const rs = new RandomState(12);
    const inputs = [
      rs.uniform(0, 1, 257), Float64Array.from(rs.randint(0, 5, 300) as Int32Array), Float64Array.from({ length: 100 }, (_, i) => i),
      Float64Array.from({ length: 100 }, (_, i) => -i), new Float64Array(50).fill(0.5), Float64Array.of(3), Float64Array.of(2, 1),
    ];
    for (const values of inputs) {
      const sorted = values.slice().sort();
      for (let k = 0; k < values.length; k++) {
        const work = values.slice();
        expect(selectKth(work, k)).toBe(sorted[k]);
        for (let i = 0; i < k; i++) expect(work[i]).toBeLessThanOrEqual(sorted[k]);
        for (let i = k + 1; i < work.length; i++) expect(work[i]).toBeGreaterThanOrEqual(sorted[k]);
      }
    }
  });

  it('percentileLinear equals the sort-based definition, NaN included', () => {
    const rs = new RandomState(13);
    const bySort = (v: Float64Array, q: number) => {
      const s = v.slice().sort();
      const virtual = (s.length - 1) * (q / 100);
      const lo = Math.min(Math.max(Math.floor(virtual), 0), s.length - 1);
      const hi = Math.min(lo + 1, s.length - 1);
      const g = virtual - lo;
      const diff = s[hi] - s[lo];
      return g >= 0.5 ? s[hi] - diff * (1 - g) : s[lo] + diff * g;
    };
    for (const v of [rs.uniform(0, 1, 1001), Float64Array.from(rs.randint(0, 3, 500) as Int32Array), Float64Array.of(0.2, NaN, 0.1, 0.7)]) {
      for (const q of [0, 1, 12.5, 50, 77.7, 99.9, 100]) expect(Object.is(percentileLinear(v, q), bySort(v, q))).toBe(true);
    }
  });

  it('percentileLinear matches numpy.percentile (values computed with numpy)', () => {
    const a = new RandomState(3).randomSample(17);
    expect(percentileLinear(a, 0)).toBe(0.023981882377165364);
    expect(percentileLinear(a, 12.5)).toBe(0.05146720330082988);
    expect(percentileLinear(a, 50)).toBe(0.4568332243947111);
    expect(percentileLinear(a, (1 - 5 / 17) * 100)).toBe(0.6080043557100008);
    expect(percentileLinear(a, 99.9)).toBe(0.8962395507800656);
    expect(percentileLinear(a, 100)).toBe(0.8962930889334381);
  });

  it('keeps, per class, the rows whose own-class probability reaches the percentile', () => {
    const { rows, codes } = blobs(21, 300, 2, 3);
    const weights = [[-1, 0.2], [0.3, -0.4], [1, 0.1]];
    const sampler = new InstanceHardnessThreshold({ estimator: new FixedModel({ weights }), randomState: 0, samplingStrategy: { 1: 40, 2: 30 } });
    const res = sampler.fitResample(rows, codes);
    // plain version: the probabilities do not depend on the training folds
    const proba = new FixedModel({ weights }).fit(null, [0, 1, 2]).predictProba({ data: Float64Array.from(rows.flat()), rows: 300, cols: 2 });
    const own = Array.from(codes, (c, i) => proba.data[i * 3 + c]);
    const expected: number[] = [];
    for (const [c, keep] of [[0, -1], [1, 40], [2, 30]]) {
      const members = rows.flatMap((_, i) => (codes[i] === c ? [i] : []));
      if (keep < 0) { expected.push(...members); continue; }
      const sorted = members.map((i) => own[i]).sort((a, b) => a - b);
      const pos = (sorted.length - 1) * (1 - keep / members.length);
      const lo = Math.floor(pos);
      const threshold = sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
      expected.push(...members.filter((i) => own[i] >= threshold));
    }
    expect(Array.from(res.sampleIndices!)).toEqual(expected);
    expect(Array.from(res.y as Int32Array)).toEqual(expected.map((i) => codes[i]));
    expect(res.X.data.subarray(0, 2)).toEqual(Float64Array.from(rows[expected[0]]));
  });

  it('fits a fresh clone on the shuffled stratified folds of randomState', () => {
    const { rows, codes } = blobs(22, 120, 2, 2);
    const seen: number[][] = [];
    class Recorder {
      classes: number[] = [];
      constructor(readonly params: object = {}) {}
      fit(X: any, y: ArrayLike<number>) { seen.push(Array.from(X.data as Float64Array).slice(0, 2)); this.classes = [0, 1]; return this; }
      predictProba(X: any) { return { data: new Float64Array(X.rows * 2).fill(0.5), rows: X.rows, cols: 2 }; }
    }
    new InstanceHardnessThreshold({ estimator: new Recorder(), randomState: 5, cv: 4 }).fitResample(rows, codes);
    const folds = [...new StratifiedKFold({ nSplits: 4, shuffle: true, randomState: new RandomState(5) }).split(rows as any, codes)];
    expect(seen).toEqual(folds.map((f) => rows[f.train[0]]));
  });

  it('rejects a splitter that gives indices outside the rows, naming the index', () => {
    const { rows, codes } = blobs(23, 200, 2, 2);
    const n = rows.length;
    for (const bad of [n, -1, 2.5]) {
      const cv = { split: () => [{ train: Int32Array.from({ length: n - 10 }, (_, i) => i + 10), test: [0, 1, bad, 3, 4, 5, 6, 7, 8, 9] }] };
      for (const estimator of [undefined, new FixedModel({ weights: [[1, 0], [0, 1]] })]) {
        expect(() => new InstanceHardnessThreshold({ estimator, cv: cv as any, randomState: 0 }).fitResample(rows, codes)).toThrow(`The cross-validation splitter gave the row index ${bad}; expected an integer in [0, ${n}).`);
      }
    }
  });

  it('defaults to LogisticRegression and validates its options', () => {
    const { rows, codes } = blobs(23, 200, 2, 2);
    const res = new InstanceHardnessThreshold({ randomState: 1 }).fitResample(rows, codes);
    const counts = [0, 0];
    for (const c of res.y as Int32Array) counts[c]++;
    const minority = Array.from(codes).filter((c) => c === 0).length;
    expect(counts[0]).toBe(minority);
    expect(counts[1]).toBeGreaterThanOrEqual(minority);
    expect(() => new InstanceHardnessThreshold({ cv: 1 }).fitResample(rows, codes)).toThrow(RangeError);
    expect(() => new InstanceHardnessThreshold({ estimator: {} as any }).fitResample(rows, codes)).toThrow(/'estimator' parameter of InstanceHardnessThreshold/);
  });
});

// ---------------------------------------------------------------------------------------------
// Contract details shared by the samplers of this file.
// ---------------------------------------------------------------------------------------------

describe('labels, inputs and options', () => {
  const { rows, codes } = blobs(31, 150, 2, 3);
  const names = ['cat', 'dog', 'eel'];
  const y = Array.from(codes, (c) => names[c]);
  const samplers = () => [
    new NearMiss({ version: 1 }), new NearMiss({ version: 2 }), new NearMiss({ version: 3 }),
    new RepeatedEditedNearestNeighbours(), new AllKNN({ allowMinority: true }), new NeighbourhoodCleaningRule(),
    new CondensedNearestNeighbour({ randomState: 0 }), new OneSidedSelection({ randomState: 0 }),
    new InstanceHardnessThreshold({ estimator: new FixedModel({ weights: [[1, 0], [0, 1], [-1, -1]] }), randomState: 0 }),
  ];
  it('string labels give the same rows as integer labels, and inputs are not mutated', () => {
    const copyRows = JSON.stringify(rows);
    for (const [a, b] of samplers().map((s, i) => [s, samplers()[i]])) {
      const withNames = a.fitResample(rows, y);
      const withCodes = b.fitResample(rows, codes);
      expect(withNames.sampleIndices).toEqual(withCodes.sampleIndices);
      expect(withNames.y).toEqual(Array.from(withCodes.y as Int32Array, (c) => names[c]));
      expect(withNames.X).toEqual(withCodes.X);
    }
    expect(JSON.stringify(rows)).toBe(copyRows);
  });

  it('rejects bad options naming the class, the option and the value', () => {
    expect(() => new NearMiss({ nNeighbors: 0 }).fitResample(rows, codes)).toThrow("The 'nNeighbors' parameter of NearMiss must be");
    expect(() => new NearMiss({ version: 3, nNeighborsVer3: 'x' as any }).fitResample(rows, codes)).toThrow(TypeError);
    expect(() => new AllKNN({ allowMinority: 'yes' as any }).fitResample(rows, codes)).toThrow(TypeError);
    expect(() => new NeighbourhoodCleaningRule({ thresholdCleaning: 0 }).fitResample(rows, codes)).toThrow("The 'thresholdCleaning' parameter of NeighbourhoodCleaningRule must be");
    expect(() => new CondensedNearestNeighbour({ nSeedsS: 0 }).fitResample(rows, codes)).toThrow("The 'nSeedsS' parameter of CondensedNearestNeighbour must be");
    expect(() => new OneSidedSelection({ nNeighbors: 1.5 }).fitResample(rows, codes)).toThrow(RangeError);
    expect(() => new RepeatedEditedNearestNeighbours({ maxIter: 0 }).fitResample(rows, codes)).toThrow("The 'maxIter' parameter of RepeatedEditedNearestNeighbours must be");
    expect(() => new OneSidedSelection({ nSeeds: 2 } as any)).toThrow(/no option 'nSeeds'/);
  });

  it('a NearestNeighbors option counts the row itself for NCR and RENN (as imbalanced-learn)', () => {
    const a = new NeighbourhoodCleaningRule({ nNeighbors: new NearestNeighbors({ nNeighbors: 4 }) }).fitResample(rows, codes);
    const b = new NeighbourhoodCleaningRule({ nNeighbors: 3 }).fitResample(rows, codes);
    expect(a.sampleIndices).toEqual(b.sampleIndices);
    const c = new RepeatedEditedNearestNeighbours({ nNeighbors: new NearestNeighbors({ nNeighbors: 3 }) }).fitResample(rows, codes);
    const d = new RepeatedEditedNearestNeighbours({ nNeighbors: 2 }).fitResample(rows, codes);
    expect(c.sampleIndices).toEqual(d.sampleIndices);
  });
});

// ---------------------------------------------------------------------------------------------
// ClusterCentroids with an injected clustering estimator.
// ---------------------------------------------------------------------------------------------

/** A deterministic "clusterer": centre j is the mean of rows j, j + k, j + 2k, ... */
class StripeClusterer {
  clusterCenters_?: number[][];
  static fitted: number[] = [];
  constructor(readonly params: { nClusters: number; tag?: string }) {}
  fit(X: any) {
    const k = this.params.nClusters;
    StripeClusterer.fitted.push(k);
    const centers = Array.from({ length: k }, () => new Array(X.cols).fill(0));
    const counts = new Array(k).fill(0);
    for (let i = 0; i < X.rows; i++) {
      counts[i % k]++;
      for (let j = 0; j < X.cols; j++) centers[i % k][j] += X.data[i * X.cols + j];
    }
    this.clusterCenters_ = centers.map((c, r) => c.map((v) => v / counts[r]));
    return this;
  }
}

describe('ClusterCentroids (injected estimator)', () => {
  const { rows, codes } = blobs(41, 160, 3, 3);
  const byClass = [0, 1, 2].map((c) => rows.flatMap((_, i) => (codes[i] === c ? [i] : [])));
  const stripes = (members: number[], k: number) => Array.from({ length: k }, (_, r) => {
    const part = members.filter((_, p) => p % k === r);
    return [0, 1, 2].map((j) => part.reduce((s, i) => s + rows[i][j], 0) / part.length);
  });

  it("'soft' voting replaces each under-sampled class by its centroids, one estimator per class with nClusters = rows kept", () => {
    StripeClusterer.fitted = [];
    const n0 = byClass[0].length;
    const res = new ClusterCentroids({ estimator: new StripeClusterer({ nClusters: 8, tag: 'x' }) }).fitResample(rows, codes);
    expect(StripeClusterer.fitted).toEqual([n0, n0]);
    const expected = [...byClass[0].map((i) => rows[i]), ...stripes(byClass[1], n0), ...stripes(byClass[2], n0)];
    expect(res.X.rows).toBe(3 * n0);
    const got = Array.from(res.X.data);
    flat(expected).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
    expect(Array.from(res.y as Int32Array)).toEqual([...new Array(n0).fill(0), ...new Array(n0).fill(1), ...new Array(n0).fill(2)]);
    expect(res.sampleIndices).toBeUndefined();
  });

  it("'hard' voting keeps the class row nearest to each centroid", () => {
    const res = new ClusterCentroids({ estimator: new StripeClusterer({ nClusters: 1 }), voting: 'hard', samplingStrategy: { 2: 5 } }).fitResample(rows, codes);
    const nearest = stripes(byClass[2], 5).map((center) => byClass[2].reduce((best, i) => (euclid(rows[i], center) < euclid(rows[best], center) ? i : best)));
    const expected = [...byClass[0], ...byClass[1], ...nearest].map((i) => rows[i]);
    expect(Array.from(res.X.data)).toEqual(flat(expected));
  });

  it('rejects an estimator without nClusters and a bad voting', () => {
    const noClusters = { params: {}, fit() { return this; } };
    expect(() => new ClusterCentroids({ estimator: noClusters as any }).fitResample(rows, codes)).toThrow(/nClusters/);
    expect(() => new ClusterCentroids({ voting: 'maybe' as any }).fitResample(rows, codes)).toThrow("The 'voting' parameter of ClusterCentroids must be");
  });
});

describe('kernel knn_farthest_distances equals the tail of a full sorted distance list', () => {
  for (const [seed, d, k] of [[51, 2, 1], [52, 5, 3], [53, 20, 9]]) {
    it(`seed ${seed}, d=${d}, k=${k}`, () => {
      const rs = new RandomState(seed);
      const fit = { data: rs.standardNormal(70 * d), rows: 70, cols: d };
      const query = { data: rs.standardNormal(40 * d), rows: 40, cols: d };
      const got = farthestDistances(fit, query, k);
      for (let q = 0; q < 40; q++) {
        const all = Array.from({ length: 70 }, (_, i) => euclid(query.data.subarray(q * d, q * d + d), fit.data.subarray(i * d, i * d + d))).sort((a, b) => a - b);
        expect(Array.from(got.subarray(q * k, q * k + k))).toEqual(all.slice(70 - k));
      }
      // the same values as the shared search's full table
      const { distances } = searchNeighbors(fit, query, 70);
      for (let q = 0; q < 40; q++) expect(got.subarray(q * k, q * k + k)).toEqual(distances.subarray(q * 70 + 70 - k, q * 70 + 70));
    });
  }
});

// ---------------------------------------------------------------------------------------------
// RENN and AllKNN search again only the rows whose neighbours changed: they equal the plain
// composition of EditedNearestNeighbours passes (imbalanced-learn's loops), ties included.
// ---------------------------------------------------------------------------------------------

/** imbalanced-learn's RENN loop over our EditedNearestNeighbours, literally. */
function plainRenn(rows: number[][], y: number[], opts: { nNeighbors?: number; kindSel?: 'all' | 'mode'; maxIter?: number; samplingStrategy?: any }) {
  const counter = new Map<number, number>();
  for (const l of y) counter.set(l, (counter.get(l) ?? 0) + 1);
  let minority = y[0];
  for (const [l, n] of counter) if (n < counter.get(minority)!) minority = l;
  let Xc = rows; let yc = y; let indices = rows.map((_, i) => i); let iter = 0;
  const maxIter = opts.maxIter ?? 100;
  for (; iter < maxIter; iter++) {
    const enn = new EditedNearestNeighbours({ nNeighbors: opts.nNeighbors ?? 3, kindSel: opts.kindSel ?? 'all', samplingStrategy: opts.samplingStrategy ?? 'auto' });
    const r = enn.fitResample(Xc, yc);
    const kept = Array.from(r.sampleIndices!);
    const converged = kept.length === yc.length;
    const after = new Map<number, number>();
    for (const i of kept) after.set(yc[i], (after.get(yc[i]) ?? 0) + 1);
    const minBecameMaj = [...after].some(([l, n]) => l !== minority && n < counter.get(minority)!);
    const removed = after.size < counter.size;
    Xc = kept.map((i) => Xc[i]); yc = kept.map((i) => yc[i]); indices = kept.map((i) => indices[i]);
    if (converged || minBecameMaj || removed) { if (converged) indices = kept.map((i) => indices[i]); break; }
  }
  return { X: Xc, y: yc, indices, nIter: Math.min(iter, maxIter - 1) + 1 };
}

/** imbalanced-learn's AllKNN loop over our EditedNearestNeighbours, literally. */
function plainAllKnn(rows: number[][], y: number[], opts: { nNeighbors?: number; kindSel?: 'all' | 'mode'; allowMinority?: boolean; samplingStrategy?: any }) {
  const counter = new Map<number, number>();
  for (const l of y) counter.set(l, (counter.get(l) ?? 0) + 1);
  let minority = y[0];
  for (const [l, n] of counter) if (n < counter.get(minority)!) minority = l;
  let Xc = rows; let yc = y; let indices = rows.map((_, i) => i);
  for (let k = 1; k <= (opts.nNeighbors ?? 3); k++) {
    const r = new EditedNearestNeighbours({ nNeighbors: k, kindSel: opts.kindSel ?? 'all', samplingStrategy: opts.samplingStrategy ?? 'auto' }).fitResample(Xc, yc);
    const kept = Array.from(r.sampleIndices!);
    const after = new Map<number, number>();
    for (const i of kept) after.set(yc[i], (after.get(yc[i]) ?? 0) + 1);
    const minBecameMaj = !opts.allowMinority && [...after].some(([l, n]) => l !== minority && n < counter.get(minority)!);
    const removed = after.size < counter.size;
    Xc = kept.map((i) => Xc[i]); yc = kept.map((i) => yc[i]); indices = kept.map((i) => indices[i]);
    if (minBecameMaj || removed) break;
  }
  return { X: Xc, y: yc, indices };
}

/** Data on a coarse grid (many equal distances and duplicate rows with different labels), shuffled labels order. */
function gridData(seed: number, n: number, d: number, nClasses: number, step: number) {
  const { rows, codes } = blobs(seed, n, d, nClasses);
  return { rows: rows.map((r) => r.map((v) => Math.round(v / step) * step)), y: Array.from(codes) };
}

describe('RENN and AllKNN equal the plain loops of EditedNearestNeighbours', () => {
  const datasets = [
    { name: 'continuous 2-d, 3 classes', ...gridData(61, 400, 2, 3, 1e-9) },
    { name: 'grid 2-d (ties, duplicates)', ...gridData(62, 400, 2, 3, 0.25) },
    { name: 'grid 3-d binary', ...gridData(63, 300, 3, 2, 0.5) },
    { name: 'continuous 18-d binary (brute force)', ...gridData(64, 250, 18, 2, 1e-9) },
  ];
  const settings = [{}, { kindSel: 'mode' as const }, { nNeighbors: 5 }, { nNeighbors: 2, kindSel: 'mode' as const, samplingStrategy: 'all' }];
  const passesSeen: number[] = [];
  for (const data of datasets) {
    for (const s of settings) {
      it(`${data.name}, ${JSON.stringify(s)}`, () => {
        const plain = plainRenn(data.rows, data.y, s);
        const renn = new RepeatedEditedNearestNeighbours(s);
        const res = renn.fitResample(data.rows, data.y);
        expect(Array.from(res.sampleIndices!)).toEqual(plain.indices);
        expect(Array.from(res.y as Int32Array)).toEqual(plain.y);
        expect(Array.from(res.X.data)).toEqual(plain.X.flat());
        expect(renn.nIter_).toBe(plain.nIter);
        passesSeen.push(plain.nIter);
        for (const allowMinority of [false, true]) {
          const plainA = plainAllKnn(data.rows, data.y, { ...s, allowMinority });
          const resA = new AllKNN({ ...s, allowMinority }).fitResample(data.rows, data.y);
          expect(Array.from(resA.sampleIndices!)).toEqual(plainA.indices);
          expect(Array.from(resA.X.data)).toEqual(plainA.X.flat());
        }
      });
    }
  }
  it('exercised runs of several passes', () => expect(Math.max(...passesSeen)).toBeGreaterThanOrEqual(5));
});

describe('ClusterCentroids with the default KMeans', () => {
  it('equals KMeans({ randomState }) fitted on each under-sampled class with nClusters = rows kept', () => {
    const { rows, codes } = blobs(71, 200, 2, 2);
    const res = new ClusterCentroids({ randomState: 3 }).fitResample(rows, codes);
    const minority = rows.filter((_, i) => codes[i] === 0);
    const majority = rows.filter((_, i) => codes[i] === 1);
    const km = new KMeans({ nClusters: minority.length, randomState: 3 }).fit(majority);
    expect(Array.from(res.X.data)).toEqual([...minority.flat(), ...Array.from(km.clusterCenters_!.data)]);
    const hard = new ClusterCentroids({ randomState: 3, voting: 'hard' }).fitResample(rows, codes);
    expect(hard.X.rows).toBe(2 * minority.length);
    for (let r = minority.length; r < hard.X.rows; r++) {
      const row = Array.from(hard.X.data.subarray(r * 2, r * 2 + 2));
      expect(majority.some((m) => m[0] === row[0] && m[1] === row[1])).toBe(true);
    }
  });
});

describe('NearMiss selection', () => {
  it('selectByDistance equals the first n of a full stable sort, ties included', () => {
    const rs = new RandomState(81);
    for (const width of [1, 3, 9]) {
      const rows = 300;
      // coarse values: many equal criteria
      const dist = Float64Array.from(rs.randint(0, 6, rows * width) as Int32Array, (v) => v / 4);
      for (const n of [1, 17, 150, 299, 300]) {
        for (const strategy of ['nearest', 'farthest'] as const) {
          const crit = Array.from({ length: rows }, (_, r) => numpyPairwiseSum(dist, r * width, width));
          const order = crit.map((_, i) => i).sort((a, b) => (strategy === 'nearest' ? crit[a] - crit[b] : crit[b] - crit[a]) || a - b);
          expect(Array.from(selectByDistance(dist, width, width, n, strategy))).toEqual(order.slice(0, n));
        }
      }
    }
  });

  it('numpyPairwiseSum follows numpy: plain below 8 values, 8 partial sums up to 128, halves above', () => {
    const a = new RandomState(82).standardNormal(300);
    const plain = (s: number, n: number) => { let t = 0; for (let i = 0; i < n; i++) t += a[s + i]; return t; };
    const eight = (s: number, n: number) => {
      const r = Array.from({ length: 8 }, (_, j) => a[s + j]);
      let i = 8;
      for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[s + i + j];
      let t = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) t += a[s + i];
      return t;
    };
    expect(numpyPairwiseSum(a, 3, 7)).toBe(plain(3, 7));
    expect(numpyPairwiseSum(a, 5, 77)).toBe(eight(5, 77));
    expect(numpyPairwiseSum(a, 0, 300)).toBe((eight(0, 72) + eight(72, 72)) + (eight(144, 72) + eight(216, 84)));
    // numpy 1.24 on b[i] = ±1/(i+1) (minus when i % 3 == 0): np.sum(b), np.sum(b[5:82]); a plain loop gives 1.1256371540160675
    const b = Float64Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? -1 : 1) * (1 / (i + 1)));
    expect(numpyPairwiseSum(b, 0, 300)).toBe(1.1256371540160672);
    expect(numpyPairwiseSum(b, 5, 77)).toBe(0.9011388160995288);
  });
});

describe('OneSidedSelection: Tomek links from few searches equal TomekLinks', () => {
  for (const [seed, d, nClasses, step] of [[91, 2, 2, 1e-9], [92, 2, 3, 0.25], [93, 5, 3, 0.5], [94, 18, 2, 1e-9]]) {
    it(`seed ${seed}, d=${d}, ${nClasses} classes, grid ${step}`, () => {
      const { rows, y } = gridData(seed, 300, d, nClasses, step);
      for (const strategy of ['auto', 'all', 'majority']) {
        const tl = new TomekLinks({ samplingStrategy: strategy });
        const expected = Array.from(tl.fitResample(rows, y).sampleIndices!);
        const cleaned = new Uint8Array(nClasses);
        for (const label of tl.samplingStrategy_!.keys()) cleaned[label as number] = 1;
        const links = tomekLinksFromFewQueries({ data: Float64Array.from(rows.flat()), rows: rows.length, cols: d }, Int32Array.from(y), cleaned, nClasses);
        expect(y.flatMap((_, i) => (links[i] ? [] : [i]))).toEqual(expected);
        expect(expected.length).toBeLessThan(y.length);
      }
    });
  }
});

describe('NeighbourhoodCleaningRule with its own editing sampler', () => {
  it('uses a clone of editedNearestNeighbours for the first group (A1)', () => {
    const { rows, codes } = blobs(101, 200, 2, 2);
    const enn = new EditedNearestNeighbours({ nNeighbors: 5, kindSel: 'all' });
    const ncr = new NeighbourhoodCleaningRule({ editedNearestNeighbours: enn });
    const res = ncr.fitResample(rows, codes);
    expect(enn.sampleIndices_).toBeUndefined();
    const a1 = new Set(new EditedNearestNeighbours({ nNeighbors: 5, kindSel: 'all' }).fitResample(rows, codes).sampleIndices);
    const defaultRun = new Set(new NeighbourhoodCleaningRule().fitResample(rows, codes).sampleIndices);
    const defaultA1 = new Set(new EditedNearestNeighbours({ nNeighbors: 3, kindSel: 'mode' }).fitResample(rows, codes).sampleIndices);
    // rows kept by NCR = kept by its A1 sampler minus A2 (A2 does not depend on the A1 sampler)
    const a2 = Array.from({ length: 200 }, (_, i) => i).filter((i) => defaultA1.has(i) && !defaultRun.has(i));
    const expected = Array.from({ length: 200 }, (_, i) => i).filter((i) => a1.has(i) && !a2.includes(i));
    expect(Array.from(res.sampleIndices!)).toEqual(expected);
    expect(a1.size).toBeLessThan(defaultA1.size);
  });
});
