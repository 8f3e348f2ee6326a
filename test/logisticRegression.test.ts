import { describe, expect, it } from 'vitest';
import { LogisticRegression, RandomState, makeClassification, memoryStats, setNJobs, type Labels, type Matrix } from '../src/index.js';
import { poolSize } from '../src/parallel/pool.js';
import { firstMismatch, flat, loadReference } from './helpers.js';

const ref = loadReference('logistic_regression.json');
const fitCases = ref.cases.filter((c: any) => !c.id.startsWith('error/'));
const errorCases = ref.cases.filter((c: any) => c.id.startsWith('error/'));
const TOL = 1e-6;

/** Labels as a plain array (any kind). */
const list = (labels: Labels): (number | string)[] => Array.from(labels as ArrayLike<number | string>);

function modelFor(params: any, overrides: object = {}) {
  return new LogisticRegression({
    solver: params.solver, penalty: params.penalty, C: params.C, classWeight: params.class_weight,
    fitIntercept: params.fit_intercept, tol: params.tol, maxIter: params.max_iter, ...overrides,
  });
}

/** Subtracts each column's mean over the rows (the multinomial sum-zero gauge). */
function centred(values: number[], k: number, width: number): number[] {
  const out = values.slice();
  for (let j = 0; j < width; j++) {
    let mean = 0;
    for (let c = 0; c < k; c++) mean += out[c * width + j];
    for (let c = 0; c < k; c++) out[c * width + j] -= mean / k;
  }
  return out;
}

describe('LogisticRegression reaches the exact optimum (logistic_regression.json, tol=1e-10)', () => {
  it('has the reference cases', () => expect(fitCases.length).toBe(132));
  for (const c of fitCases) {
    it(c.id, () => {
      const e = c.expected;
      const model = modelFor(c.params).fit(c.inputs.X_train, c.inputs.y_train);
      expect(list(model.classes)).toEqual(e.classes_);
      const k = e.coef_optimum.length;
      const d = e.coef_optimum[0].length;
      expect([model.coef.rows, model.coef.cols]).toEqual([k, d]);
      const multinomial = c.params.solver === 'lbfgs' && k > 2;
      const coef = multinomial ? centred(Array.from(model.coef.data), k, d) : Array.from(model.coef.data);
      const expCoef = multinomial ? centred(flat(e.coef_optimum), k, d) : flat(e.coef_optimum);
      const intercept = multinomial ? centred(Array.from(model.intercept), k, 1) : Array.from(model.intercept);
      const expIntercept = multinomial ? centred(e.intercept_optimum, k, 1) : e.intercept_optimum;
      expect(firstMismatch(coef, expCoef, TOL)).toBe(-1);
      expect(firstMismatch(intercept, expIntercept, TOL)).toBe(-1);
      const df = model.decisionFunction(c.inputs.X_test);
      if (k === 1) {
        expect(df).toBeInstanceOf(Float64Array);
        expect(firstMismatch(df as Float64Array, e.decision_function, TOL)).toBe(-1);
      } else {
        expect(firstMismatch((df as Matrix).data, flat(e.decision_function), TOL)).toBe(-1);
      }
      const proba = model.predictProba(c.inputs.X_test);
      expect(proba.cols).toBe(e.classes_.length);
      expect(firstMismatch(proba.data, flat(e.predict_proba), TOL)).toBe(-1);
      expect(list(model.predict(c.inputs.X_test))).toEqual(e.predict);
      expect(list(model.predict(c.inputs.X_train))).toEqual(e.predict_train);
      expect(model.converged).toBe(true);
      expect(model.nIter).toBeInstanceOf(Int32Array);
      expect(model.nIter.length).toBe(1);
      expect(model.nIter[0]).toBeGreaterThan(0);
    });
  }
});

describe('LogisticRegression with the default tol=1e-4 and maxIter=100', () => {
  for (const c of fitCases) {
    it(c.id, () => {
      const model = modelFor(c.params, { tol: 1e-4, maxIter: 100 }).fit(c.inputs.X_train, c.inputs.y_train);
      expect(list(model.predict(c.inputs.X_test))).toEqual(c.expected.sklearn_default_tol_fit.predict);
      expect(model.converged).toBe(true);
    });
  }
});

describe('LogisticRegression errors as scikit-learn', () => {
  for (const c of errorCases) {
    it(c.id, () => {
      const { error } = c.expected;
      const fit = () => modelFor(c.params).fit(c.inputs.X_train, c.inputs.y_train);
      expect(fit).toThrow(RangeError); // ValueError / InvalidParameterError on a value
      // Messages keep scikit-learn's wording; our values print as JavaScript numbers (-1, not -1.0).
      const expectedText = error.message.replace(/(-?\d+)\.0\b/g, '$1').replace(/ instead\.$/, '.');
      expect(fit).toThrow(expectedText);
    });
  }

  const X = [[0, 1], [1, 0], [2, 2], [3, 1]];
  it('one class: names the class count and the class', () => {
    expect(() => new LogisticRegression().fit(X, [0, 0, 0, 0])).toThrow(
      'This solver needs samples of at least 2 classes in the data, but the data contains only one class: 0',
    );
    expect(() => new LogisticRegression({ solver: 'liblinear' }).fit(X, ['a', 'a', 'a', 'a'])).toThrow("only one class: 'a'");
  });
  it('wrong option types and values', () => {
    expect(() => new LogisticRegression({ C: '1' as any }).fit(X, [0, 1, 0, 1])).toThrow(TypeError);
    expect(() => new LogisticRegression({ C: 0 }).fit(X, [0, 1, 0, 1])).toThrow("The 'C' parameter of LogisticRegression must be a float in the range (0, inf]. Got 0.");
    expect(() => new LogisticRegression({ solver: 'newton' as any }).fit(X, [0, 1, 0, 1])).toThrow(RangeError);
    expect(() => new LogisticRegression({ maxIter: -1 }).fit(X, [0, 1, 0, 1])).toThrow("'maxIter'");
    expect(() => new LogisticRegression({ fitIntercept: 1 as any }).fit(X, [0, 1, 0, 1])).toThrow(TypeError);
    expect(() => new LogisticRegression({ nope: 1 } as any).fit(X, [0, 1, 0, 1])).toThrow("LogisticRegression has no option 'nope'");
    expect(() => new LogisticRegression({ solver: 'liblinear', penalty: 'none' }).fit(X, [0, 1, 0, 1])).toThrow(
      "penalty='none' is not supported for the liblinear solver",
    );
    expect(() => new LogisticRegression({ classWeight: { 0: 1, 5: 2 } }).fit(X, [0, 1, 0, 1])).toThrow('The classes, [1], are not in class_weight');
  });
  it('data errors: lengths, sample weights, unfitted model, feature count', () => {
    expect(() => new LogisticRegression().fit(X, [0, 1, 0])).toThrow(RangeError);
    expect(() => new LogisticRegression().fit(X, [0, 1, 0, 1], [1, 1])).toThrow('sample_weight.shape == (2,), expected (4,)!');
    expect(() => new LogisticRegression().fit([[0, NaN], [1, 1]], [0, 1])).toThrow(RangeError);
    expect(() => new LogisticRegression().predict(X)).toThrow('not fitted yet');
    const model = new LogisticRegression().fit(X, [0, 1, 0, 1]);
    expect(() => model.predict([[1, 2, 3]])).toThrow('X has 3 features, but LogisticRegression is expecting 2 features as input.');
  });
});

describe('LogisticRegression behaviour', () => {
  const rs = new RandomState(0);
  const n = 200;
  const xs = rs.standardNormal(n * 3);
  const rows = Array.from({ length: n }, (_, i) => Array.from(xs.subarray(i * 3, i * 3 + 3)));
  const noise = rs.standardNormal(n);
  const y = Int32Array.from(rows, (r, i) => (r[0] - 0.5 * r[1] + 0.7 * noise[i] > 0.8 ? 1 : 0));

  it('integer sample weights equal repeated rows', () => {
    const weights = Array.from(rs.randint(0, 4, n) as Int32Array);
    for (const solver of ['lbfgs', 'liblinear'] as const) {
      const weighted = new LogisticRegression({ solver, tol: 1e-8 }).fit(rows, y, weights);
      const repX: number[][] = [];
      const repY: number[] = [];
      rows.forEach((r, i) => { for (let t = 0; t < weights[i]; t++) { repX.push(r); repY.push(y[i]); } });
      const repeated = new LogisticRegression({ solver, tol: 1e-8 }).fit(repX, repY);
      expect(firstMismatch(weighted.coef.data, repeated.coef.data, 1e-7)).toBe(-1);
      expect(firstMismatch(weighted.intercept, repeated.intercept, 1e-7)).toBe(-1);
    }
  });

  it('class weights equal sample weights, and a Map equals an object', () => {
    const byObject = new LogisticRegression({ solver: 'liblinear', classWeight: { 0: 1, 1: 100 } }).fit(rows, y);
    const byMap = new LogisticRegression({ solver: 'liblinear', classWeight: new Map([[0, 1], [1, 100]]) }).fit(rows, y);
    const bySample = new LogisticRegression({ solver: 'liblinear' }).fit(rows, y, Array.from(y, (v) => (v === 1 ? 100 : 1)));
    expect(Array.from(byMap.coef.data)).toEqual(Array.from(byObject.coef.data));
    expect(firstMismatch(bySample.coef.data, byObject.coef.data, 1e-9)).toBe(-1);
    // Weighting the minority class up moves the boundary: more rows predicted positive.
    const plain = new LogisticRegression({ solver: 'liblinear' }).fit(rows, y);
    const positives = (m: LogisticRegression) => list(m.predict(rows)).filter((v) => v === 1).length;
    expect(positives(byObject)).toBeGreaterThan(positives(plain));
  });

  it('returns labels in the kind of the training labels', () => {
    const names = Array.from(y, (v) => (v ? 'fraud' : 'normal'));
    const model = new LogisticRegression().fit(rows, names);
    expect(model.classes).toEqual(['fraud', 'normal']);
    const pred = model.predict(rows.slice(0, 5));
    expect(Array.isArray(pred)).toBe(true);
    const numeric = new LogisticRegression().fit(rows, y);
    // 'fraud' sorts first, so the string model's positive class is 'normal': decision values flip sign.
    const a = numeric.decisionFunction(rows) as Float64Array;
    const b = model.decisionFunction(rows) as Float64Array;
    expect(firstMismatch(b, a.map((v) => -v), 1e-6)).toBe(-1);
    const floats = new LogisticRegression().fit(rows, Float64Array.from(y, (v) => v + 0.5));
    expect(floats.predict(rows.slice(0, 3))).toBeInstanceOf(Float64Array);
  });

  it('accepts Matrix input (float64 and float32) and never mutates inputs', () => {
    const data = Float64Array.from(xs);
    const copy = data.slice();
    const yCopy = y.slice();
    const m1 = new LogisticRegression().fit({ data, rows: n, cols: 3 }, y);
    const m2 = new LogisticRegression().fit(rows, y);
    expect(Array.from(m1.coef.data)).toEqual(Array.from(m2.coef.data));
    expect(Array.from(data)).toEqual(Array.from(copy));
    expect(Array.from(y)).toEqual(Array.from(yCopy));
    const m3 = new LogisticRegression().fit({ data: Float32Array.from(xs), rows: n, cols: 3 }, y);
    expect(firstMismatch(m3.coef.data, m2.coef.data, 1e-4)).toBe(-1);
  });

  it('a constant feature is fine', () => {
    const withConstant = rows.map((r) => [...r, 3]);
    for (const solver of ['lbfgs', 'liblinear'] as const) {
      const model = new LogisticRegression({ solver }).fit(withConstant, y);
      expect(model.converged).toBe(true);
      expect(Array.from(model.coef.data).every(Number.isFinite)).toBe(true);
    }
  });

  it('separable data without penalty stops at maxIter with a finite fit and converged=false', () => {
    const sepX = [[-2], [-1.5], [-1], [-0.5], [0.5], [1], [1.5], [2]];
    const sepY = [0, 0, 0, 0, 1, 1, 1, 1];
    const model = new LogisticRegression({ penalty: 'none', maxIter: 50 }).fit(sepX, sepY);
    expect(model.converged).toBe(false);
    expect(model.nIter[0]).toBe(50);
    expect(Number.isFinite(model.coef.data[0]) && model.coef.data[0] > 1).toBe(true);
    expect(list(model.predict(sepX))).toEqual(sepY);
    const proba = model.predictProba(sepX);
    expect(Array.from(proba.data).every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it('a large interceptScaling leaves the liblinear intercept almost unpenalised (the lbfgs objective)', () => {
    const lbfgsFit = new LogisticRegression({ tol: 1e-8 }).fit(rows, y);
    const scaled = new LogisticRegression({ solver: 'liblinear', interceptScaling: 1000, tol: 1e-8 }).fit(rows, y);
    const plain = new LogisticRegression({ solver: 'liblinear', tol: 1e-8 }).fit(rows, y);
    expect(firstMismatch(scaled.coef.data, lbfgsFit.coef.data, 1e-4)).toBe(-1);
    expect(firstMismatch(scaled.intercept, lbfgsFit.intercept, 1e-4)).toBe(-1);
    expect(Math.abs(plain.intercept[0] - lbfgsFit.intercept[0])).toBeGreaterThan(1e-3);
  });

  it('releases every WASM block, also when predict is given bad input', () => {
    const before = memoryStats().liveBlocks;
    const y3 = Int32Array.from(rows, (r) => (r[0] > 0.5 ? 2 : r[1] > 0 ? 1 : 0));
    const model = new LogisticRegression().fit(rows, y3);
    model.predictProba(rows);
    new LogisticRegression({ solver: 'liblinear' }).fit(rows, y3).predict(rows);
    expect(() => model.predict([[1]])).toThrow(RangeError);
    expect(memoryStats().liveBlocks).toBe(before);
  });

  it('getParams rebuilds an identical unfitted model (what clone uses)', () => {
    const model = new LogisticRegression({ solver: 'liblinear', C: 0.5, classWeight: 'balanced' });
    const twin = new LogisticRegression(model.getParams());
    expect(twin.getParams()).toEqual(model.getParams());
    expect(Array.from(twin.fit(rows, y).coef.data)).toEqual(Array.from(model.fit(rows, y).coef.data));
  });

  it('maxIter 0 keeps the zero model and reports it unconverged', () => {
    const model = new LogisticRegression({ maxIter: 0 }).fit(rows, y);
    expect(model.nIter[0]).toBe(0);
    expect(model.converged).toBe(false);
    expect(Array.from(model.coef.data)).toEqual([0, 0, 0]);
  });

  it('predictProba rows sum to one; predict is the argmax', () => {
    const y3 = Int32Array.from(rows, (r) => (r[0] > 0.5 ? 2 : r[1] > 0 ? 1 : 0));
    for (const solver of ['lbfgs', 'liblinear'] as const) {
      const model = new LogisticRegression({ solver }).fit(rows, y3);
      const proba = model.predictProba(rows);
      const pred = model.predict(rows);
      for (let i = 0; i < n; i++) {
        const row = Array.from(proba.data.subarray(i * 3, i * 3 + 3));
        expect(Math.abs(row[0] + row[1] + row[2] - 1)).toBeLessThan(1e-12);
        expect(pred[i]).toBe(row.indexOf(Math.max(...row)));
      }
    }
  });
});

describe('LogisticRegression on the worker pool', () => {
  it('lbfgs fits the same coefficients, bit for bit, on 1 and 2 threads (and on the pool)', () => {
    const { X, y } = makeClassification({ nSamples: 30_000, nFeatures: 6, weights: [0.9], randomState: 3 });
    const fits: LogisticRegression[] = [];
    for (const jobs of [1, 2, 1]) {
      setNJobs(jobs);
      try {
        fits.push(new LogisticRegression({ classWeight: 'balanced' }).fit(X, y));
        if (jobs === 2) expect(poolSize()).toBeGreaterThanOrEqual(1);
      } finally {
        setNJobs(null);
      }
    }
    for (const f of fits.slice(1)) {
      expect(Array.from(f.coef.data)).toEqual(Array.from(fits[0].coef.data));
      expect(Array.from(f.intercept)).toEqual(Array.from(fits[0].intercept));
      expect(f.nIter[0]).toBe(fits[0].nIter[0]);
    }
    // and the automatic choice (every processor at this size) agrees too
    const auto = new LogisticRegression({ classWeight: 'balanced' }).fit(X, y);
    expect(Array.from(auto.coef.data)).toEqual(Array.from(fits[0].coef.data));
  });
});

describe('solvers on functions with known minima', () => {
  // f(x) = Σ_j a_j (x_j - t_j)² / 2 with very different scales a_j: the minimum is t.
  const quadratic = (scales: number[]) => {
    const target = scales.map((_, j) => j - 1);
    return {
      dim: scales.length,
      target,
      evaluate(w: Float64Array, grad: Float64Array) {
        let f = 0;
        for (let j = 0; j < scales.length; j++) {
          const r = w[j] - target[j];
          f += 0.5 * scales[j] * r * r;
          grad[j] = scales[j] * r;
        }
        return f;
      },
      accept() {},
      hessVec(v: Float64Array, out: Float64Array) { for (let j = 0; j < scales.length; j++) out[j] = scales[j] * v[j]; },
    };
  };
  it('lbfgs and tron find the minimum of an ill-conditioned quadratic', async () => {
    const { lbfgs } = await import('../src/linearModel/lbfgs.js');
    const { tron } = await import('../src/linearModel/tron.js');
    const q = quadratic([1e-2, 1, 10, 1e3, 5]);
    for (const solve of [lbfgs, tron]) {
      const r = solve(q, new Float64Array(q.dim), { relTol: 1e-12, maxIter: 500 });
      expect(r.converged).toBe(true);
      expect(firstMismatch(r.x, q.target, 1e-8)).toBe(-1);
    }
  });
  it('lbfgs minimises the Rosenbrock function', async () => {
    const { lbfgs } = await import('../src/linearModel/lbfgs.js');
    const rosen = {
      dim: 2,
      evaluate(w: Float64Array, g: Float64Array) {
        const [a, b] = w;
        g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
        g[1] = 200 * (b - a * a);
        return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
      },
    };
    const r = lbfgs(rosen, Float64Array.of(-1.2, 1), { relTol: 1e-10, maxIter: 500 });
    expect(firstMismatch(r.x, [1, 1], 1e-6)).toBe(-1);
    expect(r.nIter).toBeLessThan(200);
  });
});
