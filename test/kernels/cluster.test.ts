/** The k-means kernels (assembly/cluster.ts) against plain TypeScript on seeded data. */
import { describe, expect, it } from 'vitest';
import { RandomState } from '../../src/index.js';
import { clusterKernels } from '../../src/cluster/kernels.js';
import { f64View, readF64, readI32, withArena } from '../../src/core/memory.js';

function sq(x: Float64Array, i: number, c: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) { const u = x[i * d + t] - c[j * d + t]; s += u * u; }
  return s;
}

/** Nearest centre (ties: smaller index) and its squared distance, plain TS. */
function nearestTS(x: Float64Array, i: number, c: Float64Array, k: number, d: number): [number, number] {
  let best = 0;
  let bd = sq(x, i, c, 0, d);
  for (let j = 1; j < k; j++) { const v = sq(x, i, c, j, d); if (v < bd) { bd = v; best = j; } }
  return [best, bd];
}

function data(seed: number, n: number, d: number) {
  const rs = new RandomState(seed);
  return rs.standardNormal(n * d).map((v) => v * 10);
}

describe('cluster kernels', () => {
  it('cluster_assign breaks ties between equal centres by the smaller index, also across SIMD lanes and groups', () => {
    const d = 3;
    const x = data(4, 21, d);
    // centres 1, 4 and 6 equal (lanes 1 and 0, groups 0 and 1); 2 = 5
    const base = data(5, 3, d);
    const c = new Float64Array(7 * d);
    const pick = [0, 1, 2, 1, 1, 2, 1];
    pick.forEach((b, j) => c.set(base.subarray(b * d, b * d + d), j * d));
    const got = withArena((a) => {
      const xp = a.f64From(x), cp = a.f64From(c), lp = a.i32(21), dp = a.f64(21);
      const packed = a.f64(clusterKernels().cluster_packed_f64(7, d));
      clusterKernels().cluster_assign(xp, 21, d, cp, 7, lp, dp, packed);
      return readI32(lp, 21);
    });
    for (let i = 0; i < 21; i++) {
      expect(got[i]).toBe(nearestTS(x, i, c, 7, d)[0]);
      expect([0, 1, 2]).toContain(got[i]);
    }
  });

  for (const [n, d, k] of [[200, 2, 5], [97, 7, 3], [64, 20, 8], [10, 1, 10], [33, 3, 1], [51, 5, 9], [40, 4, 2], [3, 6, 4]] as const) {
    it(`cluster_assign matches plain TS (n=${n}, d=${d}, k=${k})`, () => {
      const x = data(n + d, n, d);
      const c = data(k + 1000, k, d);
      const got = withArena((a) => {
        const xp = a.f64From(x), cp = a.f64From(c), lp = a.i32(n), dp = a.f64(n);
        const packed = a.f64(clusterKernels().cluster_packed_f64(k, d));
        const inertia = clusterKernels().cluster_assign(xp, n, d, cp, k, lp, dp, packed);
        return { inertia, labels: readI32(lp, n), d2: readF64(dp, n) };
      });
      let inertia = 0;
      for (let i = 0; i < n; i++) {
        const [l, v] = nearestTS(x, i, c, k, d);
        expect(got.labels[i]).toBe(l);
        expect(got.d2[i]).toBe(v);
        inertia += v;
      }
      expect(got.inertia).toBe(inertia);
    });

    it(`cluster_lloyd_step sums, counts and changed labels (n=${n}, d=${d}, k=${k})`, () => {
      const x = data(n * 3 + d, n, d);
      const c = data(k + 7, k, d);
      const prev = new RandomState(5).randint(0, k, n) as Int32Array;
      const got = withArena((a) => {
        const xp = a.f64From(x), cp = a.f64From(c), lp = a.i32From(prev), dp = a.f64(n);
        const sp = a.f64(k * d), np = a.f64(k), ip = a.f64(1);
        const packed = a.f64(clusterKernels().cluster_packed_f64(k, d));
        const changed = clusterKernels().cluster_lloyd_step(xp, n, d, cp, k, lp, dp, sp, np, ip, packed);
        return { changed, labels: readI32(lp, n), sums: readF64(sp, k * d), counts: readF64(np, k), inertia: f64View(ip, 1)[0] };
      });
      const sums = new Float64Array(k * d);
      const counts = new Float64Array(k);
      let changed = 0;
      let inertia = 0;
      for (let i = 0; i < n; i++) {
        const [l, v] = nearestTS(x, i, c, k, d);
        if (l !== prev[i]) changed++;
        inertia += v;
        counts[l]++;
        for (let t = 0; t < d; t++) sums[l * d + t] += x[i * d + t];
        expect(got.labels[i]).toBe(l);
      }
      expect(got.changed).toBe(changed);
      expect(Array.from(got.sums)).toEqual(Array.from(sums));
      expect(Array.from(got.counts)).toEqual(Array.from(counts));
      expect(got.inertia).toBe(inertia);
    });

    it(`cluster_minibatch_step moves centres as scikit-learn (n=${n}, d=${d}, k=${k})`, () => {
      const x = data(n + 77, n, d);
      const c = data(k + 78, k, d);
      const w = new RandomState(9).randint(0, 5, k) as Int32Array;
      const batch = new RandomState(10).randint(0, n, Math.min(n, 50)) as Int32Array;
      const m = batch.length;
      const got = withArena((a) => {
        const xp = a.f64From(x), cp = a.f64From(c), wp = a.f64From(Float64Array.from(w)), bp = a.i32From(batch);
        const lp = a.i32(m), dp = a.f64(m), sp = a.f64(k * d), np = a.f64(k);
        const packed = a.f64(clusterKernels().cluster_packed_f64(k, d));
        const inertia = clusterKernels().cluster_minibatch_step(xp, d, bp, m, cp, k, wp, lp, dp, sp, np, packed);
        return { inertia, centers: readF64(cp, k * d), weights: readF64(wp, k), labels: readI32(lp, m) };
      });
      const centers = Float64Array.from(c);
      const weights = Float64Array.from(w);
      const sums = new Float64Array(k * d);
      const counts = new Float64Array(k);
      let inertia = 0;
      batch.forEach((row, i) => {
        const [l, v] = nearestTS(x, row, c, k, d);
        expect(got.labels[i]).toBe(l);
        inertia += v;
        counts[l]++;
        for (let t = 0; t < d; t++) sums[l * d + t] += x[row * d + t];
      });
      for (let j = 0; j < k; j++) {
        if (!counts[j]) continue;
        const old = weights[j];
        weights[j] += counts[j];
        for (let t = 0; t < d; t++) centers[j * d + t] = (c[j * d + t] * old + sums[j * d + t]) * (1 / weights[j]);
      }
      expect(got.inertia).toBe(inertia);
      expect(Array.from(got.weights)).toEqual(Array.from(weights));
      expect(Array.from(got.centers)).toEqual(Array.from(centers));
    });

    it(`cluster_pp_candidate, cluster_sq_dist_to and cluster_pairwise_distance_sum (n=${n}, d=${d})`, () => {
      const x = data(n + 5, n, d);
      const closest = new RandomState(3).uniform(0, 400, n);
      const cand = n >> 1;
      const got = withArena((a) => {
        const xp = a.f64From(x), clp = a.f64From(closest), op = a.f64(n), p = a.f64(d), dp = a.f64(n);
        const pot = clusterKernels().cluster_pp_candidate(xp, n, d, cand, clp, op);
        f64View(p, d).set(x.subarray(0, d));
        const sum = clusterKernels().cluster_sq_dist_to(xp, n, d, p, dp);
        const pair = clusterKernels().cluster_pairwise_distance_sum(xp, n, d);
        return { pot, out: readF64(op, n), sum, d2: readF64(dp, n), pair };
      });
      let pot = 0;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const v = Math.min(closest[i], sq(x, i, x, cand, d));
        expect(got.out[i]).toBe(v);
        pot += v;
        const w = sq(x, i, x, 0, d);
        expect(got.d2[i]).toBe(w);
        sum += w;
      }
      expect(got.pot).toBe(pot);
      expect(got.sum).toBe(sum);
      let pair = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) pair += Math.sqrt(sq(x, i, x, j, d));
      expect(Math.abs(got.pair - pair)).toBeLessThanOrEqual(1e-9 * Math.max(1, pair));
    });
  }
});
