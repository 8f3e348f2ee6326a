import { describe, expect, it } from 'vitest';
import {
  EditedNearestNeighbours, LogisticRegression, NearestNeighbors, RandomState, makePipeline, RandomUnderSampler, SMOTE, SMOTEENN, makeClassification,
} from '../src/index.js';
import { fitAsync, fitResampleAsync, type AsyncProgress } from '../src/parallel/index.js';

const data = (nSamples: number, seed = 1) =>
  makeClassification({ nSamples, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.9], flipY: 0, randomState: seed });

function expectSameResult(a: any, b: any): void {
  expect(a.X.rows).toBe(b.X.rows);
  expect(a.X.cols).toBe(b.X.cols);
  expect(Array.from(a.X.data)).toEqual(Array.from(b.X.data));
  expect(a.y.constructor).toBe(b.y.constructor);
  expect(Array.from(a.y)).toEqual(Array.from(b.y));
  if (b.sampleIndices) expect(Array.from(a.sampleIndices)).toEqual(Array.from(b.sampleIndices));
}

describe('fitResampleAsync', () => {
  it('returns what the synchronous call returns, for several samplers', async () => {
    const { X, y } = data(3000);
    const labels = Array.from(y, (v) => (v === 1 ? 'rare' : 'common'));
    const make = [
      () => new SMOTE({ randomState: 3, kNeighbors: 4 }),
      () => new SMOTEENN({ smote: new SMOTE({ randomState: 7 }), enn: new EditedNearestNeighbours({ kindSel: 'mode' }) }),
      () => new RandomUnderSampler({ samplingStrategy: 0.5, randomState: 11 }),
    ];
    for (const m of make) {
      const sync = m().fitResample(X, labels);
      const async = await fitResampleAsync(m(), X, labels);
      expectSameResult(async, sync);
    }
  });

  it('rebuilds a NearestNeighbors given as kNeighbors', async () => {
    const { X, y } = data(2000, 6);
    const make = () => new SMOTE({ randomState: 2, kNeighbors: new NearestNeighbors({ nNeighbors: 4, algorithm: 'brute' }) });
    expectSameResult(await fitResampleAsync(make(), X, y), make().fitResample(X, y));
  });

  it('sets the fitted attributes and advances a RandomState option like the synchronous call', async () => {
    const { X, y } = data(2000);
    const rsSync = new RandomState(5);
    const rsAsync = new RandomState(5);
    const syncSampler = new SMOTE({ randomState: rsSync });
    const asyncSampler = new SMOTE({ randomState: rsAsync });
    expectSameResult(await fitResampleAsync(asyncSampler, X, y), syncSampler.fitResample(X, y));
    expect(asyncSampler.samplingStrategy_).toEqual(syncSampler.samplingStrategy_);
    expect(asyncSampler.samplingStrategy_).toBeInstanceOf(Map);
    expect(rsAsync.randint(0, 1000, 5)).toEqual(rsSync.randint(0, 1000, 5));
  });

  it('reports progress from start to end and keeps the event loop turning during the work', async () => {
    const { X, y } = data(400_000, 2);
    const stages: AsyncProgress['stage'][] = [];
    let ticks = 0;
    let ticksWhileRunning = -1;
    const timer = setInterval(() => ticks++, 1);
    try {
      const res = await fitResampleAsync(new SMOTE({ randomState: 1 }), X, y, {
        onProgress: (p) => {
          stages.push(p.stage);
          if (p.stage === 'running') ticksWhileRunning = ticks;
          if (p.stage === 'end') ticksWhileRunning = ticks - ticksWhileRunning;
        },
      });
      expect(res.X.rows).toBeGreaterThan(X.rows);
    } finally {
      clearInterval(timer);
    }
    expect(stages).toEqual(['start', 'running', 'end']);
    // The main thread served timers while the worker resampled 400k rows.
    expect(ticksWhileRunning).toBeGreaterThan(3);
  });

  it('rejects with an AbortError when aborted, and at once for an aborted signal', async () => {
    const { X, y } = data(400_000, 4);
    const controller = new AbortController();
    const call = fitResampleAsync(new SMOTE({ randomState: 1 }), X, y, {
      signal: controller.signal,
      onProgress: (p) => p.stage === 'running' && controller.abort(),
    });
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    await expect(fitResampleAsync(new SMOTE(), X, y, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    // the library still works afterwards
    const small = data(500);
    expectSameResult(await fitResampleAsync(new SMOTE({ randomState: 2 }), small.X, small.y), new SMOTE({ randomState: 2 }).fitResample(small.X, small.y));
  });

  it('rejects with the sampler\'s own error, and refuses options that are functions', async () => {
    const { X, y } = data(300);
    let syncError: Error | null = null;
    try {
      new SMOTE({ kNeighbors: 0 }).fitResample(X, y);
    } catch (e) {
      syncError = e as Error;
    }
    expect(syncError).toBeInstanceOf(RangeError);
    const rejection = fitResampleAsync(new SMOTE({ kNeighbors: 0 }), X, y);
    await expect(rejection).rejects.toBeInstanceOf(RangeError);
    await expect(rejection).rejects.toThrow(syncError!.message);
    await expect(fitResampleAsync(new SMOTE({ samplingStrategy: () => new Map() }), X, y)).rejects.toThrow(/function/);
  });
});

describe('fitAsync', () => {
  it('fits LogisticRegression in a worker with the same coefficients', async () => {
    const { X, y } = data(5000, 9);
    const sync = new LogisticRegression({ classWeight: 'balanced' }).fit(X, y);
    const model = await fitAsync(new LogisticRegression({ classWeight: 'balanced' }), X, y);
    expect(model).toBeInstanceOf(LogisticRegression);
    expect(Array.from(model.coef.data)).toEqual(Array.from(sync.coef.data));
    expect(Array.from(model.intercept)).toEqual(Array.from(sync.intercept));
    expect(Array.from(model.predict(X) as ArrayLike<unknown>)).toEqual(Array.from(sync.predict(X) as ArrayLike<unknown>));
  });

  it('refuses an estimator whose fitted state holds other estimators (a Pipeline) with a TypeError', async () => {
    const { X, y } = data(500, 9);
    await expect(fitAsync(makePipeline(new SMOTE({ randomState: 1 }), new LogisticRegression()), X, y)).rejects.toBeInstanceOf(TypeError);
  });
});
