/**
 * Property-based fuzzing of the public API with fast-check: every call either returns a valid
 * result or throws a TypeError/RangeError whose message names what was wrong; never a
 * WebAssembly trap, never another error type. Fixed seed; FUZZ_RUNS scales it (`npm run fuzz`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { memoryStats } from '../../src/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SEED = 20261128;

type AnySampler = { fitResample(X: unknown, y: unknown): { X: lib.Matrix; y: ArrayLike<unknown> } };
const samplers = Object.entries(lib)
  .filter(([name, v]) => typeof v === 'function' && typeof (v as { prototype?: AnySampler }).prototype?.fitResample === 'function' && !name.startsWith('Base'))
  .map(([name, v]) => [name, v as unknown as new (o?: object) => AnySampler] as const);

const nasty = fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1e308, -0, 0, 5e-324);
const cell = fc.oneof({ weight: 8, arbitrary: fc.double({ min: -5, max: 5, noNaN: true }) }, { weight: 1, arbitrary: nasty });
/** Mostly well-formed matrices, sometimes ragged, empty, or of the wrong type. */
const matrixArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }).chain((d) => fc.array(fc.array(cell, { minLength: d, maxLength: d }), { minLength: 0, maxLength: 24 })) },
  { weight: 1, arbitrary: fc.array(fc.array(cell, { minLength: 0, maxLength: 3 }), { maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, 'X', 42, {}, [1, 2, 3], [['a', 'b']], { data: [1, 2], rows: 2, cols: 2 }) },
);
const labelsArb = (n: number) => fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('a', 'b'), { minLength: n, maxLength: n }) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 0, maxLength: n + 2 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'y', [NaN], [{}]) },
);
const optionValue = fc.constantFrom<unknown>(0, -1, 1, 2, 3, 100, 2.5, NaN, 'a', null, true, {}, [0], { 0: 1000 }, { 1: 1 }, 0.5, 1.5, 'auto', 'majority', 'all');
const optionsArb = fc.dictionary(
  fc.constantFrom('samplingStrategy', 'kNeighbors', 'nNeighbors', 'mNeighbors', 'randomState', 'replacement', 'kindSel', 'version', 'shrinkage', 'kind'),
  optionValue,
  { maxKeys: 3 },
);

/** A valid outcome: a well-formed result, or a typed error whose message says what is wrong. */
function checkOutcome(run: () => { X: lib.Matrix; y: ArrayLike<unknown> }): void {
  let res;
  try {
    res = run();
  } catch (e) {
    expect(e).not.toBeInstanceOf(WebAssembly.RuntimeError);
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    // the message names a parameter or the data it is about
    expect((e as Error).message).toMatch(/'[^']+'|\b(X|y)\b|class|sampl|neighbou?r|label|feature/i);
    return;
  }
  expect(res.y.length).toBe(res.X.rows);
  expect(res.X.data.length).toBe(res.X.rows * res.X.cols);
  expect(res.X.data.every(Number.isFinite)).toBe(true);
}

describe('fuzzing samplers', () => {
  it.each(samplers)('%s: valid result or a clear TypeError/RangeError', (_name, Cls) => {
    const blocksBefore = memoryStats().liveBlocks;
    fc.assert(
      fc.property(
        matrixArb.chain((X) => fc.tuple(fc.constant(X), labelsArb(Array.isArray(X) ? X.length : 3), optionsArb)),
        ([X, y, options]) => {
          let sampler: AnySampler;
          try {
            sampler = new Cls(options);
          } catch (e) {
            expect(e instanceof TypeError || e instanceof RangeError).toBe(true);
            return;
          }
          checkOutcome(() => sampler.fitResample(X, y));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // nothing leaks in WebAssembly memory, whatever was thrown on the way
    expect(memoryStats().liveBlocks).toBe(blocksBefore);
  });
});

describe('fuzzing data validation', () => {
  it('toMatrix accepts or rejects clearly', () => {
    fc.assert(
      fc.property(matrixArb, (X) => {
        try {
          const m = lib.toMatrix(X);
          expect(m.data.length).toBe(m.rows * m.cols);
        } catch (e) {
          expect(e instanceof TypeError || e instanceof RangeError).toBe(true);
          expect((e as Error).message).toMatch(/'X'/);
        }
      }),
      { seed: SEED, numRuns: RUNS * 4 },
    );
  });
});

/** Expects a typed, named error or success (any value). */
function checkCall(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    expect(e).not.toBeInstanceOf(WebAssembly.RuntimeError);
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    expect((e as Error).message).toMatch(/'[^']+'|\b(X|y)\b|class|sampl|neighbou?r|label|feature|size|split/i);
  }
}

describe('fuzzing models, neighbours, splits, datasets and metrics', () => {
  it('LogisticRegression.fit/predict', () => {
    fc.assert(
      fc.property(matrixArb.chain((X) => fc.tuple(fc.constant(X), labelsArb(Array.isArray(X) ? X.length : 3), fc.dictionary(
        fc.constantFrom('C', 'solver', 'penalty', 'classWeight', 'maxIter', 'tol', 'fitIntercept'),
        fc.constantFrom<unknown>(0, -1, 1, 1e308, NaN, 'lbfgs', 'liblinear', 'none', 'balanced', { 0: -1 }, null, true, 'l1'),
        { maxKeys: 2 },
      ))), ([X, y, options]) => {
        checkCall(() => {
          const model = new lib.LogisticRegression(options as never).fit(X as never, y as never);
          const p = model.predictProba(X as never);
          expect(p.data.every(Number.isFinite)).toBe(true);
        });
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('NearestNeighbors.kneighbors', () => {
    fc.assert(
      fc.property(matrixArb, fc.constantFrom<unknown>(0, 1, 3, 50, -2, 1.5, 'x', undefined), fc.constantFrom<unknown>('auto', 'brute', 'kd_tree', 'ball'), (X, k, algorithm) => {
        checkCall(() => {
          const r = new lib.NearestNeighbors({ nNeighbors: k as never, algorithm: algorithm as never }).fit(X as never).kneighbors();
          expect(r.indices.every((i: number) => i >= 0)).toBe(true);
        });
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('trainTestSplit and StratifiedKFold', () => {
    fc.assert(
      fc.property(matrixArb.chain((X) => fc.tuple(fc.constant(X), labelsArb(Array.isArray(X) ? X.length : 3))),
        fc.constantFrom<unknown>(0.25, 0, 1, 2, -1, 1.5, NaN, 'a', undefined), fc.constantFrom<unknown>(true, false, undefined), fc.constantFrom<unknown>(2, 3, 1, 0, 100),
        ([X, y], testSize, stratify, nSplits) => {
          checkCall(() => lib.trainTestSplit(X as never, y as never, { testSize: testSize as never, stratify: stratify as never, randomState: 0 }));
          checkCall(() => [...new lib.StratifiedKFold({ nSplits: nSplits as never }).split(X as never, y as never)]);
        }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('makeClassification', () => {
    fc.assert(
      fc.property(fc.dictionary(
        fc.constantFrom('nSamples', 'nFeatures', 'nInformative', 'nRedundant', 'nClasses', 'nClustersPerClass', 'weights', 'flipY', 'classSep'),
        fc.constantFrom<unknown>(0, 1, 2, 3, 5, 40, -1, 2.5, NaN, [0.9], [0.5, 0.6], [], 'x', null),
        { maxKeys: 4 },
      ), (options) => {
        checkCall(() => {
          const { X, y } = lib.makeClassification({ nSamples: 50, ...options, randomState: 0 } as never);
          expect(y.length).toBe(X.rows);
        });
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('metrics on fuzzed labels and scores', () => {
    const labels = fc.array(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom<unknown>('a', NaN, null)), { maxLength: 12 });
    fc.assert(
      fc.property(labels, labels, fc.array(fc.oneof(fc.double({ noNaN: true }), nasty), { maxLength: 12 }), fc.constantFrom<unknown>(undefined, 'binary', 'macro', 'micro', 'weighted', null, 'bogus'),
        (yTrue, yPred, scores, average) => {
          checkCall(() => lib.f1Score(yTrue as never, yPred as never, { average: average as never }));
          checkCall(() => lib.geometricMeanScore(yTrue as never, yPred as never));
          checkCall(() => lib.confusionMatrix(yTrue as never, yPred as never));
          checkCall(() => lib.rocAucScore(yTrue as never, scores as never));
        }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });
});
