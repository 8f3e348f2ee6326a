import { describe, expect, it } from 'vitest';
import { SMOTE, classCounts, makeClassification, memoryStats, NearestNeighbors } from '../src/index.js';
import { withArena } from '../src/core/memory.js';
import { searchNeighborsParallel } from '../src/parallel/search.js';
import { closePool } from '../src/parallel/pool.js';

const MiB = 2 ** 20;

function smallData() {
  return makeClassification({ nSamples: 1000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.9], flipY: 0, randomState: 3 });
}

function expectUsable() {
  const { X, y } = smallData();
  const a = new SMOTE({ randomState: 1 }).fitResample(X, y);
  const b = new SMOTE({ randomState: 1 }).fitResample(X, y);
  const majority = Math.max(...classCounts(y).values());
  expect(a.X.rows).toBe(2 * majority);
  expect(Array.from(a.X.data)).toEqual(Array.from(b.X.data));
  expect(memoryStats().liveBlocks).toBe(0);
}

describe('the 4 GiB limit of 32-bit WebAssembly memory', () => {
  it('refuses, with a RangeError naming the limit and the size, a call whose buffers add up to more than 4 GiB', () => {
    let error: unknown = null;
    try {
      // five blocks of 900 MiB: each is allowed, together they are not
      withArena((arena) => { for (let i = 0; i < 5; i++) arena.bytes(900 * MiB); });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(/4 GiB/);
    expect((error as Error).message).toMatch(new RegExp(String(900 * MiB)));
    expect(memoryStats().liveBytes).toBe(0);
    expectUsable();
  });

  it('refuses a single buffer over the allocator\'s 1 GiB block limit cleanly (not as a WebAssembly abort)', () => {
    expect(() => withArena((arena) => arena.bytes(1100 * MiB))).toThrow(RangeError);
    expect(() => withArena((arena) => arena.bytes(1100 * MiB))).toThrow(/1 GiB/);
    expectUsable();
  });

  it('a sampler asked for an output beyond the limit fails with a RangeError and the library stays usable', () => {
    const { X, y } = smallData();
    // 90 million synthetic rows x 2 features = 1.44 GB of output rows
    expect(() => new SMOTE({ samplingStrategy: { 1: 90_000_000 }, randomState: 1 }).fitResample(X, y)).toThrow(RangeError);
    expect(memoryStats().liveBlocks).toBe(0);
    expectUsable();
  });

  it('the parallel search refuses a buffer beyond the limit of its shared memory and keeps working', () => {
    const { X } = smallData();
    const big = { data: new Float64Array(4000 * 2), rows: 4000, cols: 2 };
    big.data.set(X.data);
    // 4000 queries x 40000 neighbours: 1.28 GB of distances, over the 1 GiB block limit
    const fit = { data: new Float64Array(40_001 * 2).map((_, i) => (i * 7919) % 1013), rows: 40_001, cols: 2 };
    expect(() => searchNeighborsParallel(fit, big, 40_000, 'brute', 2)).toThrow(RangeError);
    const nn = new NearestNeighbors({ nNeighbors: 2 }).fit(fit);
    const ref = nn.kneighbors(big);
    const par = searchNeighborsParallel(fit, big, 2, 'auto', 2);
    expect(Array.from(par.indices)).toEqual(Array.from(ref.indices));
    closePool();
    expectUsable();
  });
});
