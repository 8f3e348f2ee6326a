import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  closePool, EditedNearestNeighbours, getNJobs, InstanceHardnessThreshold, makeClassification, NearMiss, RandomUnderSampler, setNJobs, SMOTE, SMOTEENN, TomekLinks,
} from '../../src/index.js';
import type { Matrix, ResampleResult } from '../../src/index.js';
import { Pool } from '../../src/parallel/pool.js';

const { X, y } = makeClassification({ nSamples: 3000, nFeatures: 3, nRedundant: 0, nClustersPerClass: 1, weights: [0.95], flipY: 0, randomState: 2 });

afterAll(() => closePool());

describe('nJobs on neighbour-searching samplers', () => {
  it.each([
    ['SMOTE', () => new SMOTE({ randomState: 0 }), () => new SMOTE({ randomState: 0, nJobs: 2 })],
    ['TomekLinks', () => new TomekLinks(), () => new TomekLinks({ nJobs: 2 })],
    ['EditedNearestNeighbours', () => new EditedNearestNeighbours(), () => new EditedNearestNeighbours({ nJobs: -1 })],
    ['SMOTEENN', () => new SMOTEENN({ randomState: 0 }), () => new SMOTEENN({ randomState: 0, nJobs: 2 })],
  ] as const)('%s gives the same result on several threads and restores the default', (_name, one, many) => {
    const a = one().fitResample(X, y);
    const before = getNJobs();
    const b = many().fitResample(X, y);
    expect(getNJobs()).toBe(before);
    expect(b.X.data).toEqual(a.X.data);
    expect(Array.from(b.y as Int32Array)).toEqual(Array.from(a.y as Int32Array));
  });

  it('rejects a bad nJobs naming it, and samplers without neighbours do not take it', () => {
    expect(() => new SMOTE({ nJobs: 0 }).fitResample(X, y)).toThrow(/The 'nJobs' parameter of SMOTE/);
    expect(() => new TomekLinks({ nJobs: 1.5 }).fitResample(X, y)).toThrow(TypeError);
    expect(() => new RandomUnderSampler({ nJobs: 2 } as never)).toThrow(/no option 'nJobs'/);
    expect(getNJobs()).toBeNull(); // still automatic
  });
});

/**
 * Runs `make()` on one thread, then on two with `Pool.holds` watched: returns how often the pool
 * found rows already in its memory (read in place), after checking both results are equal.
 */
function inPlaceReadsOnPool(make: () => { fitResample(X: Matrix, y: Int32Array): ResampleResult }, data: { X: Matrix; y: Int32Array }): number {
  setNJobs(1);
  try {
    const one = make().fitResample(data.X, data.y);
    setNJobs(2);
    const holds = vi.spyOn(Pool.prototype, 'holds');
    const two = make().fitResample(data.X, data.y);
    const inPlace = holds.mock.results.filter((r) => r.value === true).length;
    holds.mockRestore();
    expect(two.X.data).toEqual(one.X.data);
    expect(Array.from(two.y as Int32Array)).toEqual(Array.from(one.y as Int32Array));
    return inPlace;
  } finally {
    setNJobs(null);
  }
}

describe('samplers that gather rows into the pool', () => {
  it('InstanceHardnessThreshold fits its LogisticRegression folds in place in the shared memory, with the one-thread result', () => {
    // 12,000 rows: training folds of 9,600 rows make three L-BFGS blocks, enough for two threads
    const data = makeClassification({ nSamples: 12_000, nFeatures: 4, nRedundant: 0, nClustersPerClass: 1, weights: [0.9], flipY: 0.02, randomState: 5 });
    expect(inPlaceReadsOnPool(() => new InstanceHardnessThreshold({ randomState: 3 }), data)).toBe(5); // one per fold
  });

  it('NearMiss 1 and 3 search class rows gathered into the shared memory in place, with the one-thread result', () => {
    // 10,000 x 20: both big searches (minority against 9,000 rows, and back) are brute force on threads
    const data = makeClassification({ nSamples: 10_000, nFeatures: 20, nRedundant: 0, nClustersPerClass: 1, weights: [0.9], flipY: 0, randomState: 8 });
    for (const version of [1, 3] as const) expect(inPlaceReadsOnPool(() => new NearMiss({ version }), data), `version ${version}`).toBeGreaterThan(0);
  });
});
