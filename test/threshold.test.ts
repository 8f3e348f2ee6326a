import { describe, expect, it } from 'vitest';
import {
  RandomState, StratifiedKFold, TunedThresholdClassifierCV, trainTestSplit, balancedAccuracyScore, bestThreshold, clone, f1Score,
  thresholdFromPrecisionRecall, thresholdFromRoc, type Matrix, type MatrixLike,
} from '../src/index.js';

/** A tiny nearest-centroid classifier: P(class 1) = sigmoid(squared distance to 0's centroid − to 1's). */
class CentroidClassifier {
  readonly params: { scale?: number };
  classes: number[] = [];
  fitSizes: number[] = [];
  private mu: number[][] = [];
  constructor(params: { scale?: number } = {}) { this.params = params; }
  fit(X: MatrixLike, y: ArrayLike<number>): this {
    const M = X as Matrix;
    this.classes = [...new Set(Array.from(y))].sort((a, b) => a - b);
    this.mu = this.classes.map((c) => {
      const m = new Array(M.cols).fill(0);
      let n = 0;
      for (let i = 0; i < M.rows; i++) if (y[i] === c) { n++; for (let j = 0; j < M.cols; j++) m[j] += M.data[i * M.cols + j]; }
      return m.map((v) => v / n);
    });
    this.fitSizes.push(M.rows);
    return this;
  }
  decisionFunction(X: MatrixLike): Float64Array {
    const M = X as Matrix;
    const s = this.params.scale ?? 1;
    return Float64Array.from({ length: M.rows }, (_, i) => {
      let d0 = 0, d1 = 0;
      for (let j = 0; j < M.cols; j++) { const v = M.data[i * M.cols + j]; d0 += (v - this.mu[0][j]) ** 2; d1 += (v - this.mu[1][j]) ** 2; }
      return s * (d0 - d1);
    });
  }
  predictProba(X: MatrixLike): Matrix {
    const d = this.decisionFunction(X);
    const data = new Float64Array(d.length * 2);
    d.forEach((v, i) => { const p = 1 / (1 + Math.exp(-v)); data[2 * i] = 1 - p; data[2 * i + 1] = p; });
    return { data, rows: d.length, cols: 2 };
  }
}

/** Two overlapping Gaussian blobs, 1 in 5 rows positive. */
function blobs(seed: number, n: number): { X: Matrix; y: Int32Array } {
  const rs = new RandomState(seed);
  const z = rs.standardNormal(n * 2);
  const u = rs.randomSample(n);
  const y = Int32Array.from(u, (v) => (v < 0.2 ? 1 : 0));
  const data = Float64Array.from(z, (v, k) => v + (y[Math.floor(k / 2)] === 1 ? 1.2 : 0));
  return { X: { data, rows: n, cols: 2 }, y };
}

/** Brute force: rates at `score >= t` for every distinct score (and above the maximum). */
function rates(y: ArrayLike<number>, s: ArrayLike<number>, t: number) {
  let tp = 0, fp = 0, p = 0, n = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) { p++; if (s[i] >= t) tp++; } else { n++; if (s[i] >= t) fp++; }
  }
  return { tpr: tp / p, fpr: fp / n, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp / p };
}

function seededScores(seed: number, n: number) {
  const rs = new RandomState(seed);
  const y = Int32Array.from(rs.randint(0, 2, n));
  const s = Float64Array.from(rs.randomSample(n), (v, i) => Math.round((v + 0.3 * y[i]) * 50) / 50); // ties
  return { y, s };
}

describe('threshold moving from curves', () => {
  for (const seed of [1, 2, 3]) {
    it(`thresholdFromRoc (gmean, youden) equals a brute-force search, seed ${seed}`, () => {
      const { y, s } = seededScores(seed, 300);
      const candidates = [...new Set(s)].sort((a, b) => b - a);
      for (const criterion of ['gmean', 'youden'] as const) {
        let best = { threshold: NaN, score: -Infinity };
        for (const t of candidates) {
          const r = rates(y, s, t);
          const v = criterion === 'gmean' ? Math.sqrt(r.tpr * (1 - r.fpr)) : r.tpr - r.fpr;
          if (v > best.score) best = { threshold: t, score: v };
        }
        const ours = thresholdFromRoc(y, s, { criterion });
        expect(ours.threshold).toBe(best.threshold);
        expect(ours.score).toBeCloseTo(best.score, 12);
      }
    });

    it(`thresholdFromPrecisionRecall maximises F1 (= f1Score of thresholded predictions), seed ${seed}`, () => {
      const { y, s } = seededScores(seed, 300);
      const candidates = [...new Set(s)].sort((a, b) => a - b);
      let best = { threshold: NaN, score: -Infinity };
      for (const t of candidates) {
        const v = f1Score(y, Int32Array.from(s, (x) => (x >= t ? 1 : 0))) as number;
        if (v > best.score) best = { threshold: t, score: v };
      }
      const ours = thresholdFromPrecisionRecall(y, s);
      expect(ours.threshold).toBe(best.threshold);
      expect(ours.score).toBeCloseTo(best.score, 12);
      // beta = 2 weighs recall more: the threshold cannot be higher.
      expect(thresholdFromPrecisionRecall(y, s, { beta: 2 }).threshold).toBeLessThanOrEqual(ours.threshold);
    });
  }

  it('bestThreshold tries every candidate with any metric, and keeps string labels', () => {
    const { y, s } = seededScores(9, 200);
    const thresholds = Array.from({ length: 101 }, (_, i) => i / 100);
    const ours = bestThreshold(y, s, (a, b) => balancedAccuracyScore(a, b), { thresholds });
    let best = { threshold: NaN, score: -Infinity };
    for (const t of thresholds) {
      const v = balancedAccuracyScore(y, Int32Array.from(s, (x) => (x >= t ? 1 : 0)));
      if (v > best.score) best = { threshold: t, score: v };
    }
    expect(ours).toEqual(best);
    const names = Array.from(y, (v) => (v === 1 ? 'yes' : 'no'));
    const seen: unknown[] = [];
    const viaStrings = bestThreshold(names, s, (a, b) => { seen.push(b[0]); return balancedAccuracyScore(a, b); }, { thresholds });
    expect(viaStrings).toEqual(best);
    expect(seen.every((v) => v === 'yes' || v === 'no')).toBe(true);
  });

  it('reports errors with the parameter and the value', () => {
    expect(() => thresholdFromRoc([0, 1], [0.1, 0.9], { criterion: 'f1' as any })).toThrow(/'criterion' parameter of thresholdFromRoc must be one of 'gmean', 'youden'. Got 'f1'/);
    expect(() => bestThreshold([0, 1], [0.1, 0.9], 3 as any)).toThrow(TypeError);
    expect(() => bestThreshold([0, 1, 2], [0.1, 0.9, 0.5], f1Score)).toThrow(/binary/);
  });
});

describe('TunedThresholdClassifierCV', () => {
  it('with one split on all rows and explicit candidates, picks what bestThreshold picks', () => {
    const { X, y } = blobs(3, 400);
    const all = Int32Array.from({ length: X.rows }, (_, i) => i);
    const thresholds = Array.from({ length: 41 }, (_, i) => i / 40);
    const tuned = new TunedThresholdClassifierCV({
      estimator: new CentroidClassifier(), cv: { split: () => [{ train: all, test: all }] }, thresholds,
    }).fit(X, y);
    const model = new CentroidClassifier().fit(X, y);
    const p = model.predictProba(X);
    const pos = Float64Array.from({ length: X.rows }, (_, i) => p.data[2 * i + 1]);
    const ref = bestThreshold(y, pos, balancedAccuracyScore, { thresholds });
    expect(tuned.bestThreshold_).toBe(ref.threshold);
    expect(tuned.bestScore_).toBeCloseTo(ref.score, 12);
    const pred = tuned.predict(X);
    expect(pred).toBeInstanceOf(Int32Array);
    expect(Array.from(pred as Int32Array)).toEqual(Array.from(pos, (v) => (v >= ref.threshold ? 1 : 0)));
  });

  it('cross-validates with stratified folds, refits on all rows, and beats the 0.5 threshold it started from', () => {
    const { X, y } = blobs(5, 600);
    const estimator = new CentroidClassifier({ scale: 0.3 });
    const tuned = new TunedThresholdClassifierCV({ estimator, scoring: 'f1', cv: 5 }).fit(X, y);
    const fitted = tuned.estimator_ as CentroidClassifier;
    expect(fitted).not.toBe(estimator);
    expect(fitted.fitSizes).toEqual([600]);
    expect(estimator.fitSizes).toEqual([]); // the user's estimator is never fitted
    const { thresholds, scores } = tuned.cvResults_!;
    expect(thresholds.length).toBe(100);
    expect(tuned.bestScore_).toBe(Math.max(...scores));
    // Mean of the fold scores at 0.5 is not better than at the chosen threshold.
    const at = (t: number) => {
      const folds = [...new StratifiedKFold({ nSplits: 5 }).split(X, y)];
      return folds.reduce((acc, { train, test }) => {
        const m = new CentroidClassifier({ scale: 0.3 }).fit(
          { data: Float64Array.from(Array.from(train).flatMap((i) => [X.data[2 * i], X.data[2 * i + 1]])), rows: train.length, cols: 2 },
          Int32Array.from(train, (i) => y[i]));
        const Xt = { data: Float64Array.from(Array.from(test).flatMap((i) => [X.data[2 * i], X.data[2 * i + 1]])), rows: test.length, cols: 2 };
        const pr = m.predictProba(Xt);
        const pred = Int32Array.from({ length: test.length }, (_, r) => (pr.data[2 * r + 1] >= t ? 1 : 0));
        return acc + (f1Score(Int32Array.from(test, (i) => y[i]), pred) as number) / folds.length;
      }, 0);
    };
    expect(tuned.bestScore_).toBeGreaterThanOrEqual(at(0.5) - 1e-9);
    expect(Math.abs(at(tuned.bestThreshold_) - tuned.bestScore_)).toBeLessThan(0.05); // interpolated vs exact
  });

  it('a fractional cv is one stratified shuffled split, reproducible with randomState', () => {
    const { X, y } = blobs(8, 300);
    const { trainIndices, testIndices } = trainTestSplit(X, y, { testSize: 0.3, stratify: true, randomState: 4 });
    const thresholds = Array.from({ length: 21 }, (_, i) => i / 20);
    const viaFraction = new TunedThresholdClassifierCV({ estimator: new CentroidClassifier(), cv: 0.3, randomState: 4, thresholds, refit: false }).fit(X, y);
    const viaSplitter = new TunedThresholdClassifierCV({
      estimator: new CentroidClassifier(), cv: { split: () => [{ train: trainIndices, test: testIndices }] }, thresholds, refit: false,
    }).fit(X, y);
    expect(viaFraction.bestThreshold_).toBe(viaSplitter.bestThreshold_);
    expect(viaFraction.bestScore_).toBe(viaSplitter.bestScore_);
    expect((viaFraction.estimator_ as CentroidClassifier).fitSizes).toEqual([trainIndices.length]); // refit: false keeps the split's model
  });

  it('clones through params and validates its options', () => {
    const t = new TunedThresholdClassifierCV({ estimator: new CentroidClassifier(), scoring: 'f1' });
    const c = clone(t);
    expect(c).not.toBe(t);
    expect(c.params.scoring).toBe('f1');
    expect(c.params.estimator).not.toBe(t.params.estimator);
    const { X, y } = blobs(1, 50);
    expect(() => new TunedThresholdClassifierCV({ estimator: new CentroidClassifier(), scoring: 'nope' as any }).fit(X, y)).toThrow(/'scoring' parameter/);
    expect(() => new TunedThresholdClassifierCV({ estimator: new CentroidClassifier(), cv: 1 }).fit(X, y)).toThrow(/'cv' parameter of TunedThresholdClassifierCV must be an integer >= 2, a fraction in \(0, 1\) or a splitter/);
    expect(() => new TunedThresholdClassifierCV({ estimator: new CentroidClassifier() }).predict(X)).toThrow(/not fitted/);
  });
});
