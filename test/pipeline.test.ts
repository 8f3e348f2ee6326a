import { describe, expect, it } from 'vitest';
import { FunctionSampler, Pipeline, makePipeline, takeRows, toMatrix, cloneEstimator } from '../src/index.js';
import type { LabelsLike, MatrixLike, Labels } from '../src/index.js';

/** Remembers what it was fitted on; predicts the majority label of its training data. */
class RecordingClassifier {
  fittedRows = -1;
  fittedLabels: unknown[] = [];
  majority: number = NaN;
  constructor(readonly options: { tag?: string } = {}) {}
  fit(X: MatrixLike, y: LabelsLike) {
    this.fittedRows = toMatrix(X).rows;
    this.fittedLabels = Array.from(y as ArrayLike<number>);
    const counts = new Map<number, number>();
    for (const v of this.fittedLabels as number[]) counts.set(v, (counts.get(v) ?? 0) + 1);
    this.majority = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    return this;
  }
  predict(X: MatrixLike): Labels {
    return new Int32Array(toMatrix(X).rows).fill(this.majority);
  }
}

const X = [[0], [1], [2], [3], [4], [5]];
const y = [0, 0, 0, 0, 1, 1];
// Keeps every label-1 row and the first label-0 row: the training labels become majority 1.
const keepOnes = new FunctionSampler({
  func: (Xm, ym) => {
    const idx = Array.from(ym as Int32Array).map((v: number, i: number) => (v === 1 || i === 0 ? i : -1)).filter((i) => i >= 0);
    return { X: takeRows(Xm, idx), y: idx.map((i) => (ym as Int32Array)[i]), sampleIndices: Int32Array.from(idx) };
  },
});

describe('Pipeline', () => {
  it('resamples during fit only and passes predict straight through', () => {
    const clf = new RecordingClassifier();
    const pipe = new Pipeline([['keep', keepOnes], ['clf', clf]]).fit(X, y);
    expect(clf.fittedRows).toBe(3);
    expect(clf.fittedLabels).toEqual([0, 1, 1]);
    // predict sees all 6 rows, not a resampled set
    expect(Array.from(pipe.predict(X) as Int32Array)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(pipe.score(X, y)).toBeCloseTo(2 / 6, 12);
  });
  it('names steps like make_pipeline and rejects bad steps', () => {
    const pipe = makePipeline(keepOnes, new RecordingClassifier());
    expect(Object.keys(pipe.namedSteps)).toEqual(['functionsampler', 'recordingclassifier']);
    expect(() => new Pipeline([['a', {}], ['b', new RecordingClassifier()]])).toThrow(TypeError);
    expect(() => new Pipeline([])).toThrow(/steps/);
    expect(() => new Pipeline([['a', keepOnes], ['a', new RecordingClassifier()]])).toThrow(/not unique/);
  });
  it('clones into an unfitted copy with the same options', () => {
    const pipe = makePipeline(keepOnes, new RecordingClassifier({ tag: 't' }));
    pipe.fit(X, y);
    const copy = cloneEstimator(pipe);
    const clf = copy.namedSteps.recordingclassifier as RecordingClassifier;
    expect(clf.fittedRows).toBe(-1);
    expect(clf.options.tag).toBe('t');
  });
});

describe('FunctionSampler', () => {
  it('is the identity without func and validates its input', () => {
    const res = new FunctionSampler().fitResample(X, y);
    expect(res.X.rows).toBe(6);
    expect(Array.from(res.y as Int32Array)).toEqual(y);
    expect(() => new FunctionSampler().fitResample([[NaN]], [0])).toThrow(RangeError);
    expect(() => new FunctionSampler({ func: 3 as never }).fitResample(X, y)).toThrow(/'func' parameter of FunctionSampler/);
    expect(() => new FunctionSampler({ bogus: 1 } as never)).toThrow(/no option 'bogus'/);
  });
  it('keeps string labels and does not mutate input', () => {
    const ys = ['a', 'b', 'a', 'b', 'a', 'b'];
    const res = new FunctionSampler({ func: (Xm, ym) => [Xm, ym] }).fitResample(X, ys);
    expect(res.y).toEqual(ys);
    expect(X[0]).toEqual([0]);
  });
});

describe('crossValidate', () => {
  it('equals fitting a fresh pipeline by hand on each fold, resampling only the training folds', async () => {
    const { makeClassification, RepeatedStratifiedKFold, SMOTE, LogisticRegression, crossValidate, crossValScore, f1Score, rocAucScore, takeRows } = await import('../src/index.js');
    const { takeLabels } = await import('../src/core/labels.js');
    const { X, y } = makeClassification({ nSamples: 400, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.9], flipY: 0, randomState: 3 });
    const pipe = makePipeline(new SMOTE({ randomState: 0 }), new LogisticRegression({ solver: 'liblinear' }));
    const cv = new RepeatedStratifiedKFold({ nSplits: 3, nRepeats: 2, randomState: 5 });
    const result = crossValidate(pipe, X, y, { cv, scoring: ['f1', 'roc_auc'] });
    const folds = [...new RepeatedStratifiedKFold({ nSplits: 3, nRepeats: 2, randomState: 5 }).split(X, y)];
    expect(result.test.f1.length).toBe(6);
    folds.forEach(({ train, test }, f) => {
      const res = new SMOTE({ randomState: 0 }).fitResample(takeRows(X, train), takeLabels(y, train));
      const model = new LogisticRegression({ solver: 'liblinear' }).fit(res.X, res.y);
      const Xte = takeRows(X, test);
      const yte = takeLabels(y, test);
      expect(result.test.f1[f]).toBe(f1Score(yte, model.predict(Xte)));
      expect(result.test.roc_auc[f]).toBe(rocAucScore(yte, model.decisionFunction(Xte) as Float64Array));
    });
    const scores = crossValScore(pipe, X, y, { cv: new RepeatedStratifiedKFold({ nSplits: 3, nRepeats: 2, randomState: 5 }), scoring: 'f1' });
    expect(Array.from(scores)).toEqual(Array.from(result.test.f1));
    expect(() => crossValidate(pipe, X, y, { scoring: 'nope' })).toThrow(/'nope' is not a valid scoring value/);
  });
});
