import { describe, expect, it } from 'vitest';
import { RandomState, memoryStats } from '../../src/index.js';
import { argsortStable, binaryCurveCounts, confusionCounts } from '../../src/metrics/kernels.js';

/** Plain TypeScript references of the kernels. */
function naiveArgsort(values: Float64Array): Int32Array {
  const idx = Array.from(values, (_, i) => i);
  idx.sort((a, b) => values[a] - values[b] || a - b); // stable ascending
  return Int32Array.from(idx);
}

function naiveCurve(scores: Float64Array, positive: Uint8Array, weights: Float64Array | null) {
  const order = naiveArgsort(scores).reverse(); // numpy: argsort(kind='mergesort')[::-1]
  const fps: number[] = [], tps: number[] = [], thr: number[] = [];
  let tp = 0, fp = 0;
  order.forEach((i, k) => {
    const w = weights ? weights[i] : 1;
    if (positive[i]) tp += w; else fp += w;
    if (k === order.length - 1 || scores[order[k + 1]] !== scores[i]) { fps.push(fp); tps.push(tp); thr.push(scores[i]); }
  });
  return { fps, tps, thresholds: thr };
}

function naiveConfusion(t: Int32Array, p: Int32Array, k: number, w: Float64Array | null): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < t.length; i++) if (t[i] >= 0 && t[i] < k && p[i] >= 0 && p[i] < k) out[t[i] * k + p[i]] += w ? w[i] : 1;
  return out;
}

/** Scores with many ties, negative values, zeros of both signs and a wide range of magnitudes. */
function seededScores(rs: RandomState, n: number): Float64Array {
  const u = rs.randomSample(n);
  const kind = rs.randint(0, 4, n);
  return Float64Array.from(u, (v, i) => {
    switch (kind[i]) {
      case 0: return Math.round(v * 20) / 20; // ties
      case 1: return (v - 0.5) * 1e6;
      case 2: return v < 0.1 ? -0 : v < 0.2 ? 0 : v;
      default: return -v * 1e-300;
    }
  });
}

describe('metrics kernels against plain TypeScript', () => {
  for (const [seed, n] of [[0, 1], [1, 2], [2, 17], [3, 1000], [4, 54_321]] as const) {
    it(`argsort is the stable ascending order (seed ${seed}, n ${n})`, () => {
      const scores = seededScores(new RandomState(seed), n);
      const ours = argsortStable(scores);
      // -0 and +0 are equal keys: compare the sorted values and the stability on equal values.
      const expected = naiveArgsort(scores.map((v) => (v === 0 ? 0 : v)));
      expect(Array.from(ours)).toEqual(Array.from(expected));
    });
    it(`binary curve counts (seed ${seed}, n ${n}, unweighted and weighted)`, () => {
      const rs = new RandomState(seed + 100);
      const scores = seededScores(rs, n);
      const positive = Uint8Array.from(rs.randint(0, 2, n));
      const weights = Float64Array.from(rs.randomSample(n), (v) => 0.1 + v);
      for (const w of [null, weights]) {
        const ours = binaryCurveCounts(scores, positive, w);
        const ref = naiveCurve(scores, positive, w);
        expect(Array.from(ours.fps)).toEqual(ref.fps);
        expect(Array.from(ours.tps)).toEqual(ref.tps);
        expect(Array.from(ours.thresholds)).toEqual(ref.thresholds);
      }
    });
    it(`confusion counts (seed ${seed}, n ${n})`, () => {
      const rs = new RandomState(seed + 200);
      const k = 1 + (seed % 5);
      const t = Int32Array.from(rs.randint(-1, k + 1, n)); // out-of-range codes are left out
      const p = Int32Array.from(rs.randint(-1, k + 1, n));
      const w = rs.randomSample(n);
      expect(Array.from(confusionCounts(t, p, k, null))).toEqual(Array.from(naiveConfusion(t, p, k, null)));
      expect(Array.from(confusionCounts(t, p, k, w))).toEqual(Array.from(naiveConfusion(t, p, k, w)));
    });
  }

  it('handles 10^6 scores and releases its memory', () => {
    const rs = new RandomState(7);
    const n = 1_000_000;
    const scores = Float64Array.from(rs.randomSample(n), (v) => Math.round(v * 1e5) / 1e5);
    const positive = Uint8Array.from(rs.randint(0, 2, n));
    const before = memoryStats().liveBlocks;
    const ours = binaryCurveCounts(scores, positive, null);
    const ref = naiveCurve(scores, positive, null);
    expect(ours.fps.length).toBe(ref.fps.length);
    expect(Array.from(ours.tps)).toEqual(ref.tps);
    expect(Array.from(ours.thresholds)).toEqual(ref.thresholds);
    expect(memoryStats().liveBlocks).toBe(before);
  });
});
