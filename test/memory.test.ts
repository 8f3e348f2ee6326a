/**
 * Memory stays steady across many calls: 10,000 small and 100 large calls of every sampler
 * leave no WebAssembly block allocated, WebAssembly memory stops growing after warm-up, and the
 * JS heap returns to its level. A call that throws leaves the memory module ready for the next.
 */
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { memoryStats, RandomState } from '../src/index.js';

import { dataFor, exportedSamplers as samplers, makeSampler } from './samplerFixtures.js';

const gc = (globalThis as { gc?: () => void }).gc;

function data(nMajor: number, nMinor: number, seed: number): lib.Matrix & { y: Int32Array } {
  const rs = new RandomState(seed);
  const n = nMajor + nMinor;
  const X = rs.standardNormal(n * 2);
  const y = new Int32Array(n);
  for (let i = nMajor; i < n; i++) {
    y[i] = 1;
    X[i * 2] += 1.5;
  }
  return { data: X, rows: n, cols: 2, y };
}

const smallData = data(60, 20, 1);
// 'large' is 50x the small case; kept at 2,000 rows so SVC- and CV-based samplers stay quick
const largeData = data(1_800, 200, 2);

/** The data set as this sampler sees it (rounded to categories for categorical-only samplers). */
function prepared(name: string, m: lib.Matrix & { y: Int32Array }): lib.Matrix & { y: Int32Array } {
  const rows = Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * 2, i * 2 + 2)));
  return { ...lib.toMatrix(dataFor(name, rows)), y: m.y };
}

describe.each(samplers)('%s memory', (name, Cls) => {
  const small = prepared(name, smallData);
  const large = prepared(name, largeData);
  it('is steady over 10,000 small calls and 100 large calls', () => {
    const { sampler } = makeSampler(name, Cls, 2);
    for (let i = 0; i < 50; i++) sampler.fitResample(small, small.y);
    sampler.fitResample(large, large.y);
    gc?.();
    const wasmBefore = memoryStats();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 10_000; i++) sampler.fitResample(small, small.y);
    for (let i = 0; i < 100; i++) sampler.fitResample(large, large.y);
    gc?.();
    const wasmAfter = memoryStats();
    expect(wasmAfter.liveBlocks).toBe(wasmBefore.liveBlocks);
    expect(wasmAfter.liveBytes).toBe(wasmBefore.liveBytes);
    // once warmed up, the same calls fit in the same WebAssembly memory
    expect(wasmAfter.memoryBytes).toBe(wasmBefore.memoryBytes);
    // the JS heap returns to its level (bound: 16 MiB of slack for JIT and caches)
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(16 * 2 ** 20);
  });

  it('stays usable after a call that throws', () => {
    const { sampler } = makeSampler(name, Cls, 2);
    const before = memoryStats().liveBlocks;
    expect(() => sampler.fitResample([[1, NaN], [2, 3]], [0, 1])).toThrow(RangeError);
    expect(memoryStats().liveBlocks).toBe(before);
    const res = sampler.fitResample(small, small.y);
    expect(res.X.rows).toBeGreaterThan(0);
  });
});

it('has samplers to check', () => expect(samplers.length).toBeGreaterThan(0));
