/**
 * One contract suite for every exported classifier (anything whose instances have fit and
 * predict and learn `classes`): the library's models, its meta-estimators and Pipeline.
 * Discovered from the exports, so a new estimator is checked without editing this file.
 */
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { cloneEstimator, LogisticRegression, RandomState, toMatrix } from '../../src/index.js';

type Est = {
  fit(X: unknown, y: unknown): unknown;
  predict(X: unknown): ArrayLike<unknown>;
  predictProba?(X: unknown): lib.Matrix;
  classes?: unknown;
  classes_?: unknown;
};
type Ctor = new (o?: unknown) => Est;

function blobs(n0: number, n1: number, seed: number) {
  const rs = new RandomState(seed);
  const z = rs.standardNormal((n0 + n1) * 2);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n0 + n1; i++) {
    const c = i < n0 ? 0 : 1;
    X.push([z[2 * i] + 2 * c, z[2 * i + 1] - c]);
    y.push(c);
  }
  return { X, y };
}
const data = blobs(60, 30, 5);

/** Ways to build an estimator: no options, or around a LogisticRegression, or as a one-step Pipeline. */
const constructions: unknown[] = [undefined, { estimator: new LogisticRegression() }, [['clf', new LogisticRegression()]]];

const classifiers: [string, () => Est][] = [];
for (const [name, value] of Object.entries(lib)) {
  if (typeof value !== 'function' || name.startsWith('Base')) continue;
  const proto = (value as { prototype?: Partial<Est> }).prototype;
  if (typeof proto?.fit !== 'function' || typeof proto?.predict !== 'function') continue;
  for (const options of constructions) {
    try {
      const make = () => new (value as unknown as Ctor)(options);
      const est = make();
      est.fit(data.X, data.y);
      if (est.classes === undefined && est.classes_ === undefined) break; // not a classifier (e.g. a clusterer)
      classifiers.push([name, make]);
      break;
    } catch {
      /* try the next way of building it */
    }
  }
}

it('discovers the exported classifiers', () => {
  expect(classifiers.map(([n]) => n)).toEqual(expect.arrayContaining(['LogisticRegression', 'Pipeline']));
});

describe.each(classifiers)('%s', (_name, make) => {
  it('fits, returns itself, predicts known labels and valid probabilities', () => {
    const est = make();
    expect(est.fit(data.X, data.y)).toBe(est);
    const pred = Array.from(est.predict(data.X));
    expect(pred.length).toBe(data.X.length);
    pred.forEach((p) => expect([0, 1]).toContain(p));
    if (est.predictProba) {
      const p = est.predictProba(data.X);
      expect(p.rows).toBe(data.X.length);
      for (let i = 0; i < p.rows; i++) {
        let s = 0;
        for (let j = 0; j < p.cols; j++) {
          expect(p.data[i * p.cols + j]).toBeGreaterThanOrEqual(0);
          s += p.data[i * p.cols + j];
        }
        expect(s).toBeCloseTo(1, 10);
      }
    }
  });

  it('never mutates its input and is deterministic', () => {
    const X = data.X.map((r) => r.slice());
    const y = data.y.slice();
    const a = Array.from((make().fit(X, y) as Est).predict(X));
    expect(X).toEqual(data.X);
    expect(y).toEqual(data.y);
    const b = Array.from((make().fit(data.X, data.y) as Est).predict(data.X));
    expect(b).toEqual(a);
  });

  it('gives the same predictions for string labels, other integers, Matrix and Float32 input', () => {
    const plain = Array.from((make().fit(data.X, data.y) as Est).predict(data.X)) as number[];
    const names = ['no', 'yes'];
    const asStrings = (make().fit(data.X, data.y.map((v) => names[v])) as Est).predict(data.X);
    expect(Array.from(asStrings)).toEqual(plain.map((v) => names[v]));
    const codes = [-4, 9];
    const asInts = (make().fit(data.X, data.y.map((v) => codes[v])) as Est).predict(data.X);
    expect(Array.from(asInts)).toEqual(plain.map((v) => codes[v]));
    const M = toMatrix(data.X);
    expect(Array.from((make().fit(M, Int32Array.from(data.y)) as Est).predict(M))).toEqual(plain);
    const f32 = { data: new Float32Array(M.data), rows: M.rows, cols: M.cols };
    const rounded = { data: Float64Array.from(f32.data), rows: M.rows, cols: M.cols };
    expect(Array.from((make().fit(f32, data.y) as Est).predict(f32))).toEqual(Array.from((make().fit(rounded, data.y) as Est).predict(rounded)));
  });

  it('clones into an unfitted estimator that fits to the same model', () => {
    const est = make().fit(data.X, data.y) as Est;
    const copy = cloneEstimator(est);
    expect(copy).not.toBe(est);
    expect(Array.from((copy.fit(data.X, data.y) as Est).predict(data.X))).toEqual(Array.from(est.predict(data.X)));
  });

  it('rejects bad input with a TypeError or RangeError', () => {
    expect(() => make().fit(data.X, data.y.map(() => 0))).toThrow(/class/);
    expect(() => make().fit([[NaN, 1], ...data.X.slice(1)], data.y)).toThrow(RangeError);
    expect(() => make().fit([[1], ...data.X.slice(1)], data.y)).toThrow(RangeError);
    expect(() => make().fit(data.X, data.y.slice(2))).toThrow(RangeError);
    expect(() => make().fit('X', data.y)).toThrow(TypeError);
    const fitted = make().fit(data.X, data.y) as Est;
    expect(() => fitted.predict([[1, 2, 3]])).toThrow(RangeError);
  });
});
