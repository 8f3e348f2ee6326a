import { describe, expect, it } from 'vitest';
import {
  classCounts, clusterSizes, completeWeights, generateHypercube, makeClassification, makeImbalance,
  RandomState, sampleWithoutReplacement, toRows,
} from '../src/index.js';
import { firstMismatch, flat, loadReference } from './helpers.js';

const ref = loadReference('make_classification.json');
const mcCases = ref.cases.filter((c) => c.function === 'make_classification');
const miCases = ref.cases.filter((c) => c.function === 'make_imbalance');

/** scikit-learn's keyword arguments as makeClassification options. */
function optionsOf(p: any) {
  return {
    nSamples: p.n_samples, nFeatures: p.n_features, nInformative: p.n_informative, nRedundant: p.n_redundant,
    nRepeated: p.n_repeated, nClasses: p.n_classes, nClustersPerClass: p.n_clusters_per_class, weights: p.weights,
    flipY: p.flip_y, classSep: p.class_sep, hypercube: p.hypercube, shift: p.shift, scale: p.scale,
    shuffle: p.shuffle, randomState: p.random_state,
  };
}

function columnSums(data: Float64Array, rows: number, cols: number, square: boolean): number[] {
  const out = new Array(cols).fill(0);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    const v = data[i * cols + j];
    out[j] += square ? v * v : v;
  }
  return out;
}

describe('makeClassification matches scikit-learn 1.2.1', () => {
  it('covers every reference case', () => expect(mcCases.length).toBe(55));
  for (const c of mcCases) {
    it(c.id, () => {
      const opts = optionsOf(c.params);
      if (c.expected.error) {
        expect(() => makeClassification(opts)).toThrow(RangeError);
        expect(() => makeClassification(opts)).toThrow(c.expected.error.message);
        return;
      }
      const { X, y } = makeClassification(opts);
      const e = c.expected;
      expect(Array.from(y)).toEqual(e.y);
      expect(X.rows).toBe(c.params.n_samples);
      expect(X.cols).toBe(c.params.n_features);
      if (e.X_stored === false) {
        const d = X.cols;
        expect(firstMismatch(X.data.subarray(0, 20 * d), flat(e.X_head20), 1e-9)).toBe(-1);
        expect(firstMismatch(X.data.subarray(X.data.length - 20 * d), flat(e.X_tail20), 1e-9)).toBe(-1);
        expect(firstMismatch(columnSums(X.data, X.rows, d, false), e.X_col_sums, 1e-9)).toBe(-1);
        expect(firstMismatch(columnSums(X.data, X.rows, d, true), e.X_col_sumsq, 1e-9)).toBe(-1);
      } else {
        expect(firstMismatch(X.data, flat(e.X), 1e-9)).toBe(-1);
      }
      const counts = new Map(e.class_counts.map(([k, v]: [number, number]) => [k, v]));
      expect(new Map([...classCounts(y)].sort((a, b) => (a[0] as number) - (b[0] as number)))).toEqual(
        new Map([...counts].sort((a, b) => (a[0] as number) - (b[0] as number))),
      );
    });
  }
});

describe('makeClassification building blocks match the debug records', () => {
  for (const c of mcCases.filter((c) => c.expected.debug)) {
    it(c.id, () => {
      const p = c.params;
      const dbg = c.expected.debug;
      const w = completeWeights(p.weights, p.n_classes);
      expect(w).toEqual(dbg.weights_used);
      expect(clusterSizes(p.n_samples, w, p.n_classes, p.n_clusters_per_class)).toEqual(dbg.n_samples_per_cluster);
      const nClusters = p.n_classes * p.n_clusters_per_class;
      const hc = generateHypercube(nClusters, p.n_informative, new RandomState(p.random_state));
      const rows: number[][] = [];
      for (let v = 0; v < nClusters; v++) rows.push(Array.from(hc.vertices.subarray(v * p.n_informative, (v + 1) * p.n_informative)));
      expect(rows).toEqual(dbg.hypercube_vertices);
      if (dbg.hypercube_codes) {
        const s = sampleWithoutReplacement(2 ** p.n_informative, nClusters, new RandomState(p.random_state));
        expect(s.codes).toEqual(dbg.hypercube_codes);
        expect(s.method).toBe(dbg.hypercube_method);
      }
    });
  }
});

describe('sampleWithoutReplacement', () => {
  it('reservoir and tracking selection give distinct codes in range', () => {
    for (const [pop, k] of [[1024, 3], [16, 16], [8, 8], [1 << 20, 50]]) {
      const { codes } = sampleWithoutReplacement(pop, k, new RandomState(7));
      expect(new Set(codes).size).toBe(k);
      expect(codes.every((c) => c >= 0 && c < pop)).toBe(true);
    }
  });
});

describe('makeClassification options and errors', () => {
  it('uses scikit-learn defaults (100 x 20)', () => {
    const { X, y } = makeClassification({ randomState: 0 });
    expect([X.rows, X.cols, y.length]).toEqual([100, 20, 100]);
    const again = makeClassification({ randomState: 0 });
    expect(again.X.data).toEqual(X.data);
  });
  it('a shared RandomState advances', () => {
    const rs = new RandomState(3);
    const a = makeClassification({ nSamples: 10, nFeatures: 4, randomState: rs });
    const b = makeClassification({ nSamples: 10, nFeatures: 4, randomState: rs });
    expect(a.X.data).not.toEqual(b.X.data);
  });
  it('rejects bad options with named errors', () => {
    expect(() => makeClassification({ nSamples: 0 })).toThrow(/'nSamples' parameter of makeClassification must be an integer >= 1. Got 0./);
    expect(() => makeClassification({ nSamples: 1.5 })).toThrow(RangeError);
    expect(() => makeClassification({ nSamples: '10' as any })).toThrow(TypeError);
    expect(() => makeClassification({ flipY: 2 })).toThrow(/flipY/);
    expect(() => makeClassification({ classSep: 0 })).toThrow(/classSep/);
    expect(() => makeClassification({ weights: 'a' as any })).toThrow(TypeError);
    expect(() => makeClassification({ nFeatures: 3, nRedundant: 0, shift: [1, 2] })).toThrow(/one value per feature/);
    expect(() => makeClassification({ nSampels: 3 } as any)).toThrow(/no option 'nSampels'/);
    expect(() => makeClassification({ nFeatures: 4, nInformative: 1, nRedundant: 0 })).toThrow(
      'n_classes(2) * n_clusters_per_class(2) must be smaller or equal 2**n_informative(1)=2',
    );
  });
  it('accepts typed-array weights and per-feature shift/scale', () => {
    const a = makeClassification({ nSamples: 50, nFeatures: 3, nRedundant: 0, weights: new Float64Array([0.8]), shift: [1, 2, 3], scale: new Float64Array([1, 2, 3]), randomState: 5 });
    const b = makeClassification({ nSamples: 50, nFeatures: 3, nRedundant: 0, weights: [0.8], shift: [1, 2, 3], scale: [1, 2, 3], randomState: 5 });
    expect(a.X.data).toEqual(b.X.data);
    expect(toRows(a.X).length).toBe(50);
  });
});

describe('makeImbalance matches imbalanced-learn 0.10', () => {
  it('covers every reference case', () => expect(miCases.length).toBe(10));
  for (const c of miCases) {
    it(c.id, () => {
      const strategy = c.params.sampling_strategy;
      if (c.expected.error) {
        expect(() => makeImbalance(c.inputs.X, c.inputs.y, { samplingStrategy: strategy, randomState: c.params.random_state })).toThrow(TypeError);
        expect(() => makeImbalance(c.inputs.X, c.inputs.y, { samplingStrategy: strategy, randomState: c.params.random_state })).toThrow(/'samplingStrategy' parameter of makeImbalance/);
        return;
      }
      const r = makeImbalance(c.inputs.X, c.inputs.y, { samplingStrategy: strategy, randomState: c.params.random_state });
      expect(Array.from(r.sampleIndices)).toEqual(c.expected.sample_indices);
      expect(Array.from(r.y as Int32Array)).toEqual(c.expected.y_res);
      expect(toRows(r.X)).toEqual(c.expected.X_res);
      expect([...classCounts(r.y)]).toEqual(c.expected.class_counts_res);
      // A Map and a function of y give the same rows.
      const asMap = new Map(Object.entries(strategy).map(([k, v]) => [Number(k), v as number]));
      expect(makeImbalance(c.inputs.X, c.inputs.y, { samplingStrategy: asMap, randomState: c.params.random_state }).sampleIndices).toEqual(r.sampleIndices);
      expect(makeImbalance(c.inputs.X, c.inputs.y, { samplingStrategy: () => asMap, randomState: c.params.random_state }).sampleIndices).toEqual(r.sampleIndices);
    });
  }
  it('keeps string labels and checks the strategy', () => {
    const X = [[0], [1], [2], [3], [4], [5]];
    const y = ['b', 'a', 'b', 'a', 'b', 'a'];
    const r = makeImbalance(X, y, { samplingStrategy: { a: 1 }, randomState: 0 });
    expect(r.y.slice(0, 1)).toEqual(['a']);
    expect(r.y.slice(1)).toEqual(['b', 'b', 'b']);
    expect(() => makeImbalance(X, y, { samplingStrategy: { c: 1 } })).toThrow(/not present in the data/);
    expect(() => makeImbalance(X, y, { samplingStrategy: { a: 5 } })).toThrow(/Originally, there is 3 samples and 5 samples are asked/);
    expect(() => makeImbalance(X, y, { samplingStrategy: { a: -1 } })).toThrow(/cannot be negative/);
    expect(X).toEqual([[0], [1], [2], [3], [4], [5]]);
  });
});

describe('makeClassification with weights summing above 1', () => {
  it('stops at nSamples rows like numpy slicing, never writing past its buffer', () => {
    // scikit-learn 1.2.1: make_classification(n_samples=50, weights=[0.5, 0.6], random_state=0)
    // gives X[0, :3] = [0.69938048, -0.96460642, -0.21252304] and y.sum() = 27.
    const { X, y } = makeClassification({ nSamples: 50, weights: [0.5, 0.6], randomState: 0 });
    expect(X.rows).toBe(50);
    expect(Array.from(y).reduce((a, b) => a + b, 0)).toBe(27);
    expect(firstMismatch(X.data.slice(0, 3), [0.69938048, -0.96460642, -0.21252304], 1e-8)).toBe(-1);
  });
});
