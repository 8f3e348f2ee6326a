/** The k-means kernels (assembly/cluster.ts) against plain TypeScript on seeded data. */
import { describe, expect, it } from 'vitest';
import { MiniBatchKMeans, RandomState, makeClassification, setNJobs } from '../../src/index.js';
import { MIN_THREADED_QUANTISE } from '../../src/cluster/assignSpace.js';
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

    it(`cluster_sq_dist_to and cluster_pairwise_distance_sum (n=${n}, d=${d})`, () => {
      const x = data(n + 5, n, d);
      const got = withArena((a) => {
        const xp = a.f64From(x), p = a.f64(d), dp = a.f64(n);
        f64View(p, d).set(x.subarray(0, d));
        const sum = clusterKernels().cluster_sq_dist_to(xp, n, d, p, dp);
        const pair = clusterKernels().cluster_pairwise_distance_sum(xp, n, d);
        return { sum, d2: readF64(dp, n), pair };
      });
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const w = sq(x, i, x, 0, d);
        expect(got.d2[i]).toBe(w);
        sum += w;
      }
      expect(got.sum).toBe(sum);
      let pair = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) pair += Math.sqrt(sq(x, i, x, j, d));
      expect(Math.abs(got.pair - pair)).toBeLessThanOrEqual(1e-9 * Math.max(1, pair));
    });

    it(`cluster_pp_candidates: 1 to 4 candidates in one pass, each as plain TS (n=${n}, d=${d})`, () => {
      const x = data(n + 9, n, d);
      // some rows' closest distances are 0 or below every candidate's (min keeps them)
      const closest = new RandomState(4).uniform(0, 400, n).map((v, i) => (i % 5 === 0 ? 0 : v));
      for (let nc = 1; nc <= 4; nc++) {
        const cands = Int32Array.from({ length: nc }, (_, c) => (c * 7 + n - 1) % n); // a repeat when n is small
        const got = withArena((a) => {
          const xp = a.f64From(x), clp = a.f64From(closest), ip = a.i32From(cands), op = a.f64(nc * n), pp = a.f64(nc);
          clusterKernels().cluster_pp_candidates(xp, n, d, ip, nc, clp, op, pp);
          return { outs: readF64(op, nc * n), pots: readF64(pp, nc) };
        });
        for (let c = 0; c < nc; c++) {
          let pot = 0;
          for (let i = 0; i < n; i++) {
            const v = Math.min(closest[i], sq(x, i, x, cands[c], d));
            if (got.outs[c * n + i] !== v) expect.fail(`nc ${nc}, candidate ${c}, row ${i}: ${got.outs[c * n + i]} vs ${v}`);
            pot += v;
          }
          expect(got.pots[c], `nc ${nc}, candidate ${c}`).toBe(pot);
        }
      }
    });
  }
});

/**
 * The screened nearest-centre search (assembly/clusterScreen.ts: an f32 screen under a rounding
 * bound, exact f64 sums for the centres it keeps; four rows at once for d <= 4 and k <= 32, one
 * row at a time otherwise) against the plain loop, on data made to defeat a screen: near-ties
 * below f32 resolution, exact ties, duplicates, huge and tiny scales, large offsets, rows far
 * outside the centres, overflowing and underflowing distances.
 */
describe('cluster_assign_rows_q16 with output addresses below lo (a pool worker\'s scratch)', () => {
  it('rows lo..hi written from scratch - lo land in the scratch even when that address wraps below 0', () => {
    // the scratch is allocated first (a low address), the rows after it, and lo is far enough
    // that scratch - 4 lo is negative: the kernel's 32-bit address arithmetic must wrap back
    const d = 6, k = 5, m = 64;
    const got = withArena((a) => {
      const kern = clusterKernels();
      const scratchL = a.i32(m), scratchD = a.f64(m);
      const n = Math.ceil(scratchD / 4) + 2 * m;
      const x = new RandomState(3).standardNormal(n * d) as Float64Array;
      const xp = a.f64From(x);
      const cp = a.f64From(x.subarray(0, k * d));
      const packed = a.f64(kern.cluster_packed_f64(k, d));
      const lo = n - m;
      expect(scratchL - 4 * lo).toBeLessThan(0);
      expect(scratchD - 8 * lo).toBeLessThan(0);
      // the float32 screen (no quantised rows) and the int16 one
      const q = a.f64(kern.cluster_rows16_f64(n, d));
      expect(kern.cluster_quantise_rows(xp, n, d, q)).toBe(1);
      const lp = a.i32(n), dp = a.f64(n);
      return [0, q].map((q16) => {
        const screened = kern.cluster_assign_rows_q16(xp, d, 0, lo, n, cp, k, scratchL - 4 * lo, scratchD - 8 * lo, packed, 1, q16);
        expect(screened, 'the int16 screen ran').toBe(q16 ? 1 : 0);
        const viaScratch = { labels: Array.from(readI32(scratchL, m)), d2: Array.from(readF64(scratchD, m)) };
        kern.cluster_assign_rows_q16(xp, d, 0, lo, n, cp, k, lp, dp, packed, 1, q16);
        return { viaScratch, direct: { labels: Array.from(readI32(lp + 4 * lo, m)), d2: Array.from(readF64(dp + 8 * lo, m)) } };
      });
    });
    for (const { viaScratch, direct } of got) {
      expect(viaScratch).toEqual(direct);
      expect(new Set(direct.labels).size).toBeGreaterThan(1);
    }
  });
});

describe('screened nearest-centre search equals the plain loop', () => {
  type Case = { name: string; x: Float64Array; c: Float64Array; n: number; d: number; k: number };

  /** Centres: random, then the second half copies the first half with a relative change of `eps` (0: duplicates). */
  function nearTwins(seed: number, k: number, d: number, eps: number, scale: number, shift: number): Float64Array {
    const rs = new RandomState(seed);
    const c = rs.standardNormal(k * d).map((v) => v * scale + shift);
    const half = k >> 1;
    const noise = rs.standardNormal(k * d);
    for (let j = k - half; j < k; j++) {
      for (let t = 0; t < d; t++) c[j * d + t] = c[(j - (k - half)) * d + t] * (1 + eps * noise[j * d + t]);
    }
    return c;
  }

  /** Rows: around the centres (a centre plus noise of `spread`), some exact copies of centres, some mirrored pairs. */
  function rowsNear(seed: number, n: number, c: Float64Array, k: number, d: number, spread: number): Float64Array {
    const rs = new RandomState(seed);
    const pick = rs.randint(0, k, n) as Int32Array;
    const noise = rs.standardNormal(n * d);
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const j = pick[i];
      for (let t = 0; t < d; t++) x[i * d + t] = i % 9 === 0 ? c[j * d + t] : c[j * d + t] + spread * noise[i * d + t];
    }
    return x;
  }

  const cases: Case[] = [];
  const dims = [1, 2, 3, 4, 5, 7, 8, 16, 20, 33, 64];
  const ks = [1, 2, 3, 5, 7, 20, 33];
  let seed = 100;
  for (const d of dims) {
    for (const k of ks) {
      const n = 37 + ((d * 7 + k) % 5); // not a multiple of 4
      seed++;
      // near-ties below f32 resolution: twin centres 1e-9 apart (relative), rows close to them
      let c = nearTwins(seed, k, d, 1e-9, 1, 0);
      cases.push({ name: `near twins d=${d} k=${k}`, x: rowsNear(seed + 1, n, c, k, d, 1e-3), c, n, d, k });
      // duplicates (exact ties: the smaller index), large offset
      c = nearTwins(seed + 2, k, d, 0, 1, 1e6);
      cases.push({ name: `duplicates, offset 1e6 d=${d} k=${k}`, x: rowsNear(seed + 3, n, c, k, d, 0.5), c, n, d, k });
      // tiny and huge scales (underflowing squares: all-zero ties; overflowing: +inf -> centre 0)
      for (const scale of [1e-160, 1e-300, 1e150, 1e200]) {
        c = nearTwins(seed + 4, k, d, 1e-6, scale, 0);
        cases.push({ name: `scale ${scale} d=${d} k=${k}`, x: rowsNear(seed + 5, n, c, k, d, scale), c, n, d, k });
      }
    }
  }
  // twins about one int16 quantum apart (1/M of the range, M ~ 3000..16000), rows a few quanta
  // from them: the grid's rounding reorders the centres, only the bound keeps the right ones
  for (const d of [5, 8, 20, 64]) {
    for (const k of [2, 7, 20]) {
      for (const eps of [1e-4, 3e-4, 1e-3]) {
        seed++;
        const c = nearTwins(seed, k, d, eps, 1, 0);
        cases.push({ name: `quantum twins eps=${eps} d=${d} k=${k}`, x: rowsNear(seed + 1, 41, c, k, d, 1e-3), c, n: 41, d, k });
      }
    }
  }
  // exact ties: centres mirrored around rows (x +- delta, the same distance bit for bit)
  for (const d of [1, 2, 3, 6, 20]) {
    const rs = new RandomState(d);
    const n = 21;
    const k = 6;
    const x = rs.standardNormal(n * d);
    const c = new Float64Array(k * d);
    for (let j = 0; j < k; j += 2) {
      for (let t = 0; t < d; t++) {
        const delta = 2 ** -(j + 3);
        c[j * d + t] = 0.5 + delta;
        c[(j + 1) * d + t] = 0.5 - delta;
      }
    }
    x.fill(0.5, 0, 7 * d); // rows at the mirror point
    cases.push({ name: `mirrored ties d=${d}`, x, c, n, d, k });
  }
  // rows far outside the centres (|x'|^2 beyond the screen's range: the plain loop for those rows)
  for (const d of [2, 9]) {
    const c = nearTwins(7, 5, d, 1e-3, 1, 0);
    const x = rowsNear(8, 23, c, 5, d, 0.1);
    for (let i = 0; i < 23; i += 3) x[i * d] = i % 2 ? 1e25 : -3e30;
    cases.push({ name: `far rows d=${d}`, x, c, n: 23, d, k: 5 });
  }
  // identical centres (no spread) and centres whose mean overflows (no screen at all)
  for (const d of [3, 12]) {
    const c = new Float64Array(4 * d).fill(1.25);
    cases.push({ name: `identical centres d=${d}`, x: data(d, 19, d), c, n: 19, d, k: 4 });
    const big = nearTwins(9, 5, d, 0, 1, 0).map((v, i) => (i % 2 ? 1.5e308 : -1.7e308) * Math.sign(v || 1));
    cases.push({ name: `overflowing mean d=${d}`, x: data(d + 1, 19, d).map((v) => v * 1e307), c: big, n: 19, d, k: 5 });
  }

  it(`cluster_assign, cluster_lloyd_step and cluster_minibatch_step on ${cases.length} adversarial cases`, () => {
    let rows = 0;
    for (const { name, x, c, n, d, k } of cases) {
      const plain = Array.from({ length: n }, (_, i) => nearestTS(x, i, c, k, d));
      const prev = new RandomState(n + d).randint(0, k, n) as Int32Array;
      const batch = new RandomState(k + d).randint(0, n, n + 3) as Int32Array; // repeats rows
      const m = batch.length;
      const weights = new Float64Array(k).map((_, j) => j % 3);
      const got = withArena((a) => {
        const kern = clusterKernels();
        const xp = a.f64From(x), cp = a.f64From(c), lp = a.i32(n), dp = a.f64(n);
        const packed = a.f64(kern.cluster_packed_f64(k, d));
        const inertia = kern.cluster_assign(xp, n, d, cp, k, lp, dp, packed);
        const labels = readI32(lp, n), d2 = readF64(dp, n);
        const llp = a.i32From(prev), ldp = a.f64(n), sp = a.f64(k * d), np = a.f64(k), ip = a.f64(1);
        const changed = kern.cluster_lloyd_step(xp, n, d, cp, k, llp, ldp, sp, np, ip, packed);
        const lloyd = { changed, labels: readI32(llp, n), d2: readF64(ldp, n), sums: readF64(sp, k * d), counts: readF64(np, k), inertia: f64View(ip, 1)[0] };
        const wp = a.f64From(weights), bp = a.i32From(batch), mlp = a.i32(m), mdp = a.f64(m);
        const mInertia = kern.cluster_minibatch_step(xp, d, bp, m, cp, k, wp, mlp, mdp, sp, np, packed);
        const mb = { inertia: mInertia, labels: readI32(mlp, m), d2: readF64(mdp, m), centers: readF64(cp, k * d), weights: readF64(wp, k) };
        return { inertia, labels, d2, lloyd, mb };
      });
      // assignment
      let inertia = 0;
      for (let i = 0; i < n; i++) {
        const [l, v] = plain[i];
        if (got.labels[i] !== l || !Object.is(got.d2[i], v)) expect.fail(`${name}: row ${i}: got ${got.labels[i]} (${got.d2[i]}), plain loop ${l} (${v})`);
        inertia += v;
      }
      expect(got.inertia, name).toBe(inertia);
      // Lloyd step: same labels, changed count, sums and counts in row order
      const sums = new Float64Array(k * d);
      const counts = new Float64Array(k);
      let changed = 0;
      for (let i = 0; i < n; i++) {
        const [l] = plain[i];
        if (l !== prev[i]) changed++;
        counts[l]++;
        for (let t = 0; t < d; t++) sums[l * d + t] += x[i * d + t];
      }
      expect(Array.from(got.lloyd.labels), name).toEqual(plain.map((p) => p[0]));
      expect(Array.from(got.lloyd.d2), name).toEqual(plain.map((p) => p[1]));
      expect(got.lloyd.changed, name).toBe(changed);
      expect(Array.from(got.lloyd.counts), name).toEqual(Array.from(counts));
      expect(Array.from(got.lloyd.sums), name).toEqual(Array.from(sums));
      expect(got.lloyd.inertia, name).toBe(inertia);
      // mini-batch step: labels of the batch rows, then the centre update
      const bs = new Float64Array(k * d);
      const bc = new Float64Array(k);
      let bi = 0;
      batch.forEach((row, i) => {
        const [l, v] = plain[row];
        if (got.mb.labels[i] !== l) expect.fail(`${name}: batch row ${i}: got ${got.mb.labels[i]}, plain loop ${l}`);
        expect(Object.is(got.mb.d2[i], v), name).toBe(true);
        bi += v;
        bc[l]++;
        for (let t = 0; t < d; t++) bs[l * d + t] += x[row * d + t];
      });
      expect(got.mb.inertia, name).toBe(bi);
      const centers = Float64Array.from(c);
      const w = Float64Array.from(weights);
      for (let j = 0; j < k; j++) {
        if (!bc[j]) continue;
        const old = w[j];
        w[j] += bc[j];
        for (let t = 0; t < d; t++) centers[j * d + t] = (c[j * d + t] * old + bs[j * d + t]) * (1 / w[j]);
      }
      expect(Array.from(got.mb.centers), name).toEqual(Array.from(centers));
      expect(Array.from(got.mb.weights), name).toEqual(Array.from(w));
      rows += n;
    }
    expect(rows).toBeGreaterThan(10000);
  });

  it(`cluster_assign_rows in chunks (as pool threads call it) on ${cases.length} adversarial cases`, () => {
    for (const { name, x, c, n, d, k } of cases) {
      const batch = new RandomState(n + k).randint(0, n, n + 5) as Int32Array;
      const got = withArena((a) => {
        const kern = clusterKernels();
        const xp = a.f64From(x), cp = a.f64From(c), bp = a.i32From(batch);
        const packed = a.f64(kern.cluster_packed_f64(k, d));
        const lists = [{ list: 0, m: n }, { list: bp, m: batch.length }].map(({ list, m }) => {
          const lp = a.i32(m), dp = a.f64(m);
          // uneven chunks, not on four-row boundaries; later chunks reuse the prepared screen
          const cuts = [0, 3, 10, 11, Math.max(11, m - 6), m].filter((v, i, all) => v <= m && (i === 0 || v > all[i - 1]));
          for (let s = 0; s + 1 < cuts.length; s++) kern.cluster_assign_rows(xp, d, list, cuts[s], cuts[s + 1], cp, k, lp, dp, packed, s === 0 ? 1 : 0);
          return { labels: readI32(lp, m), d2: readF64(dp, m), sum: kern.cluster_sum(dp, m) };
        });
        return lists;
      });
      const [rows, listed] = got;
      let inertia = 0;
      for (let i = 0; i < n; i++) {
        const [l, v] = nearestTS(x, i, c, k, d);
        if (rows.labels[i] !== l || !Object.is(rows.d2[i], v)) expect.fail(`${name}: row ${i}: got ${rows.labels[i]} (${rows.d2[i]}), plain loop ${l} (${v})`);
        inertia += v;
      }
      expect(rows.sum, name).toBe(inertia);
      batch.forEach((row, i) => {
        const [l, v] = nearestTS(x, row, c, k, d);
        if (listed.labels[i] !== l || !Object.is(listed.d2[i], v)) expect.fail(`${name}: list entry ${i} (row ${row}): got ${listed.labels[i]} (${listed.d2[i]}), plain loop ${l} (${v})`);
      });
    }
  });

  /** cluster_lloyd_step and cluster_lloyd_step_q16 from the same labels (one before, one after the other). */
  function lloydBoth(kern: ReturnType<typeof clusterKernels>, xp: number, n: number, d: number, cp: number, k: number, q: number, packed: number) {
    const prev = new RandomState(n + 7 * d).randint(0, k, n) as Int32Array;
    return withArena((a) => {
      const out = [0, q].map((q16) => {
        const lp = a.i32From(prev), dp = a.f64(n), sp = a.f64(k * d), np = a.f64(k), ip = a.f64(1), staged = a.i32(n);
        const changed = q16 ? kern.cluster_lloyd_step_q16(xp, n, d, cp, k, lp, dp, sp, np, ip, packed, q16, staged) : kern.cluster_lloyd_step(xp, n, d, cp, k, lp, dp, sp, np, ip, packed);
        return { changed, labels: Array.from(readI32(lp, n)), d2: Array.from(readF64(dp, n)), sums: Array.from(readF64(sp, k * d)), counts: Array.from(readF64(np, k)), inertia: readF64(ip, 1)[0] };
      });
      return { f32: out[0], q16: out[1] } as const;
    });
  }

  /**
   * The int16 screen (assembly/clusterScreen16.ts): rows quantised once by cluster_quantise_rows,
   * centres per call. Two grids per case: from the rows and centres together (every centre in
   * range: the int16 screen runs) and from the rows alone (centres outside it fall back to the
   * f32 screen); whole lists, uneven chunks that reuse the prepared centres, and batch lists.
   */
  it(`cluster_assign_rows_q16 (int16 screen on rows quantised once) on ${cases.length} + 12 adversarial cases`, () => {
    let used = 0, fellBack = 0, quantised = 0;
    // also k = 64 (the four-rows search's last k) and k = 70 (one row at a time)
    const bigK: Case[] = [];
    for (const d of [5, 20, 64]) {
      for (const k of [64, 70]) {
        const c = nearTwins(d + k, k, d, 1e-9, 1, 0);
        bigK.push({ name: `near twins d=${d} k=${k}`, x: rowsNear(d + k + 1, 45, c, k, d, 1e-3), c, n: 45, d, k });
        const dup = nearTwins(d + k + 2, k, d, 0, 1, 1e6);
        bigK.push({ name: `duplicates, offset 1e6 d=${d} k=${k}`, x: rowsNear(d + k + 3, 45, dup, k, d, 0.5), c: dup, n: 45, d, k });
      }
    }
    for (const { name, x, c: given, n, d, k } of [...cases, ...bigK]) {
      const batch = new RandomState(n + 2 * k).randint(0, n, n + 6) as Int32Array;
      // a centre beyond the rows' range (as user-given init centres may be): the f32 fallback
      let far = 0;
      for (const v of x) far = Math.max(far, Math.abs(v));
      const outlier = Float64Array.from(given);
      outlier[(k - 1) * d] = 4 * far + 1;
      const variants = [
        { grid: 'rows and centres', c: given, buf: Float64Array.from([...x, ...given]), nq: n + k },
        { grid: 'rows', c: given, buf: x, nq: n },
        { grid: 'rows, a centre outside', c: outlier, buf: x, nq: n },
      ];
      for (const { grid, c, buf, nq } of variants) {
        // rows first, then (for the wider grid) the centres as extra rows of the same buffer
        const got = withArena((a) => {
          const kern = clusterKernels();
          const xp = a.f64From(buf), cp = a.f64From(c), bp = a.i32From(batch);
          const q = a.f64(kern.cluster_rows16_f64(nq, d));
          const ok = kern.cluster_quantise_rows(xp, nq, d, q);
          const packed = a.f64(kern.cluster_packed_f64(k, d));
          const lists = [{ list: 0, m: n }, { list: bp, m: batch.length }].map(({ list, m }) => {
            const lp = a.i32(m), dp = a.f64(m);
            const cuts = [0, 3, 10, 11, Math.max(11, m - 6), m].filter((v, i, all) => v <= m && (i === 0 || v > all[i - 1]));
            let int16 = 0;
            for (let s = 0; s + 1 < cuts.length; s++) int16 += kern.cluster_assign_rows_q16(xp, d, list, cuts[s], cuts[s + 1], cp, k, lp, dp, packed, s === 0 ? 1 : 0, q);
            return { ok, int16: int16 / (cuts.length - 1), labels: readI32(lp, m), d2: readF64(dp, m) };
          });
          return { lists, lloyd: lloydBoth(kern, xp, n, d, cp, k, q, packed) };
        });
        const [rows, listed] = got.lists;
        const lloyd = got.lloyd;
        // the Lloyd step on the quantised rows equals cluster_lloyd_step (checked against plain TS above)
        expect(lloyd.q16, name).toEqual(lloyd.f32);
        if (rows.ok) quantised++;
        // every chunk of a list takes the same path (the one its first call prepared)
        expect([0, 1], name).toContain(rows.int16);
        if (rows.int16 === 1) used++;
        else if (rows.ok) fellBack++;
        const tag = `${name} (grid of ${grid})`;
        for (let i = 0; i < n; i++) {
          const [l, v] = nearestTS(x, i, c, k, d);
          if (rows.labels[i] !== l || !Object.is(rows.d2[i], v)) expect.fail(`${tag}: row ${i}: got ${rows.labels[i]} (${rows.d2[i]}), plain loop ${l} (${v})`);
        }
        batch.forEach((row, i) => {
          const [l, v] = nearestTS(x, row, c, k, d);
          if (listed.labels[i] !== l || !Object.is(listed.d2[i], v)) expect.fail(`${tag}: list entry ${i} (row ${row}): got ${listed.labels[i]} (${listed.d2[i]}), plain loop ${l} (${v})`);
        });
      }
    }
    // the int16 screen did run on most cases with 4 < d <= 64, and the fallback was exercised
    expect(used).toBeGreaterThan(300);
    expect(fellBack).toBeGreaterThan(100);
    expect(quantised).toBeGreaterThan(used);
  });

  /**
   * Worst-case rounding on a known grid: rows in +- pairs (mu = 0 exactly) with a largest value of
   * 1 (s = M), every value of the test rows half a quantum minus delta above a grid point. Centre
   * 1 (A) is nearer than centre 0 (B) in every coordinate by about one quantum, yet A rounds one
   * quantum away and B one quantum closer: sqrt D~_A - sqrt D~_B = sqrt d = E. A bound below E
   * drops A and returns B.
   */
  it('cluster_assign_rows_q16 keeps the nearest centre under worst-case grid rounding', () => {
    let checked = 0;
    for (const d of [5, 8, 20, 33, 64]) {
      const dp = d + (d & 1);
      const M = Math.min(32767, Math.floor(Math.sqrt((2 ** 31 - 1) / (3 * dp))));
      const rs = new RandomState(d);
      const n = 40;
      const x = new Float64Array(n * d);
      const delta = 0.01, eps = 0.01;
      const N = [0, 1, 3, 10];
      for (let i = 0; i < n; i += 2) {
        for (let t = 0; t < d; t++) {
          // row i: (a + 0.5 - delta) / M; row 0 holds the range 1
          const a = i === 0 ? M : Math.floor((rs.randomSample(1)[0] - 0.5) * (M / 2));
          const v = i === 0 ? 1 : (a + 0.5 - delta) / M;
          x[i * d + t] = v;
          x[(i + 1) * d + t] = -v;
        }
      }
      for (let i = 2; i < n; i += 2) {
        // centres: B (0) about N + 1 quanta below, A (1) about N above, then random others
        const nq = N[(i >> 1) % N.length];
        const k = 4;
        const c = new Float64Array(k * d);
        for (let t = 0; t < d; t++) {
          const a = Math.round(x[i * d + t] * M - 0.5 + delta);
          c[t] = (a - nq - 0.5 + eps) / M;
          c[d + t] = (a + nq + 0.5 + eps) / M;
          c[2 * d + t] = x[(i + 1) * d + t];
          c[3 * d + t] = 0.5 * x[(i + 2 < n ? i + 2 : 2) * d + t];
        }
        const got = withArena((ar) => {
          const kern = clusterKernels();
          const xp = ar.f64From(x), cp = ar.f64From(c);
          const q = ar.f64(kern.cluster_rows16_f64(n, d));
          const ok = kern.cluster_quantise_rows(xp, n, d, q);
          const head = readF64(q, 8 + d);
          const packed = ar.f64(kern.cluster_packed_f64(k, d));
          const lp = ar.i32(n), dp2 = ar.f64(n);
          const used = kern.cluster_assign_rows_q16(xp, d, 0, 0, n, cp, k, lp, dp2, packed, 1, q);
          return { ok, used, s: head[1], mu: head.subarray(8), labels: readI32(lp, n), d2: readF64(dp2, n) };
        });
        // the grid is the one designed: mu = 0, s = M, and the screen ran
        expect(got.ok).toBe(1);
        expect(got.used).toBe(1);
        expect(got.s).toBe(M);
        expect(Array.from(got.mu)).toEqual(new Array(d).fill(0));
        const [l, v] = nearestTS(x, i, c, k, d);
        expect(l, `d=${d} row ${i}`).toBe(1);
        expect(nearestTS(x, i, c, 1, d)[1]).toBeGreaterThan(v); // B truly farther
        for (let r = 0; r < n; r++) {
          const [lr, vr] = nearestTS(x, r, c, k, d);
          if (got.labels[r] !== lr || !Object.is(got.d2[r], vr)) expect.fail(`d=${d} centres of row ${i}: row ${r}: got ${got.labels[r]} (${got.d2[r]}), plain loop ${lr} (${vr})`);
        }
        checked++;
      }
    }
    expect(checked).toBe(5 * 19);
  });

  it('the quantisation in phases over uneven chunks (as pool threads run it) gives the same rows area', () => {
    let compared = 0;
    for (const { name, x, n, d } of cases) {
      const got = withArena((a) => {
        const kern = clusterKernels();
        const xp = a.f64From(x);
        const len = kern.cluster_rows16_f64(n, d);
        const whole = a.f64(len), phased = a.f64(len), out = a.f64(2 * 4);
        const ok = kern.cluster_quantise_rows(xp, n, d, whole);
        const cuts = [0, 5, 6, Math.max(6, n - 3), n];
        let okPhased = kern.cluster_rows16_begin(xp, n, d, phased);
        if (okPhased) {
          let m = 0, sq = 0;
          for (let c = 0; c < 4; c++) {
            kern.cluster_rows16_deviation(xp, d, cuts[c], cuts[c + 1], phased, out + 16 * c);
            const [v, s2] = readF64(out + 16 * c, 2);
            if (v !== v || v > m) m = v;
            sq += s2;
          }
          okPhased = kern.cluster_rows16_grid(phased, n, d, m, sq);
          if (okPhased) {
            for (let c = 3; c >= 0; c--) kern.cluster_rows16_quantise(xp, d, cuts[c], cuts[c + 1], phased);
            okPhased = kern.cluster_rows16_end(phased);
          }
        }
        // as int32: the header's flag, failure word, s, E and M, mu, the rows (not the scratch and padding)
        const rowsAt = (64 + Math.ceil((8 * d) / 16) * 16) / 4;
        const rowsEnd = rowsAt + n * ((d + (d & 1)) / 2 + 1);
        const skip = (i: number) => (i >= 8 && i < 16) || (i >= 16 + 2 * d && i < rowsAt) || i >= rowsEnd;
        return { ok, okPhased, a: Array.from(readI32(whole, 2 * len)).filter((_, i) => !skip(i)), b: Array.from(readI32(phased, 2 * len)).filter((_, i) => !skip(i)) };
      });
      expect(got.okPhased, name).toBe(got.ok);
      if (!got.ok) continue;
      const at = got.a.findIndex((v, i) => v !== got.b[i]);
      if (at >= 0) expect.fail(`${name}: int32 ${at} of the rows area: ${got.b[at]}, one pass ${got.a[at]}`);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('MiniBatchKMeans quantising its rows on the pool gives the one-thread fit, bit for bit', () => {
    // 20,000 x 16 values: the quantisation (MIN_THREADED_QUANTISE) and the assignments go to threads
    const { X } = makeClassification({ nSamples: 20000, nFeatures: 16, nRedundant: 0, nClustersPerClass: 1, randomState: 5 });
    expect(20000 * 16).toBeGreaterThanOrEqual(MIN_THREADED_QUANTISE);
    const fit = () => new MiniBatchKMeans({ nClusters: 12, randomState: 4 }).fit(X);
    setNJobs(1);
    try {
      const one = fit();
      setNJobs(2);
      const pool = fit();
      expect(pool.nSteps_).toBe(one.nSteps_);
      expect(Array.from(pool.labels_!)).toEqual(Array.from(one.labels_!));
      expect(Array.from(pool.clusterCenters_!.data)).toEqual(Array.from(one.clusterCenters_!.data));
      expect(pool.inertia_).toBe(one.inertia_);
    } finally {
      setNJobs(null);
    }
  });

  it('cluster_quantise_rows stores nearest((x - mu) s) and N(x) per row, within [-M, M]', () => {
    let checked = 0;
    for (const { x, n, d } of cases) {
      const got = withArena((a) => {
        const kern = clusterKernels();
        const xp = a.f64From(x);
        const len = kern.cluster_rows16_f64(n, d);
        const q = a.f64(len);
        const ok = kern.cluster_quantise_rows(xp, n, d, q);
        return { ok, f: readF64(q, len), i: readI32(q, 2 * len) };
      });
      if (d <= 4 || d > 64) { expect(got.ok).toBe(0); continue; }
      if (!got.ok) continue;
      const [s, E, M] = [got.f[1], got.f[2], got.f[3]];
      const dp = d + (d & 1);
      expect(M).toBe(Math.min(32767, Math.floor(Math.sqrt((2 ** 31 - 1) / (3 * dp)))));
      expect(E).toBe(2 * (0.5 + 1e-9) * Math.sqrt(d));
      const mu = got.f.subarray(8, 8 + d);
      const base = (64 + Math.ceil((8 * d) / 16) * 16) / 4;
      const pairs = dp / 2;
      for (let i = 0; i < n; i++) {
        const r = base + i * (pairs + 1);
        let norm = 0;
        for (let t = 0; t < dp; t++) {
          const word = got.i[r + (t >> 1)];
          const v = t & 1 ? word >> 16 : (word << 16) >> 16;
          const u = t < d ? (x[i * d + t] - mu[t]) * s : 0;
          // round half to even, as f64x2.nearest
          let want = Math.round(u);
          if (Math.abs(u % 1) === 0.5 && want % 2 !== 0) want -= 1;
          if (v !== want || Math.abs(v) > M) expect.fail(`row ${i} value ${t}: ${v}, expected ${want} (M ${M})`);
          norm += v * v;
        }
        expect(got.i[r + pairs]).toBe(norm);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('a NaN or an infinity in a row outside the mean\'s sample stops the quantisation (one pass and in phases)', () => {
    // 3,000 rows: the mean samples every 2nd row, so row 1001 is seen only by the range pass; the
    // columns reach the pass's four-wide, two-wide and odd-last paths
    let checked = 0;
    for (const d of [8, 10, 9]) {
      for (const col of [0, 3, d - 2, d - 1]) {
        for (const bad of [NaN, Infinity, -Infinity]) {
          const x = Float64Array.from(new RandomState(d + col).standardNormal(3000 * d) as Float64Array);
          x[1001 * d + col] = bad;
          const got = withArena((a) => {
            const kern = clusterKernels();
            const xp = a.f64From(x);
            const q = a.f64(kern.cluster_rows16_f64(3000, d)), out = a.f64(2);
            const began = kern.cluster_rows16_begin(xp, 3000, d, q);
            kern.cluster_rows16_deviation(xp, d, 1000, 1002, q, out);
            return { began, whole: kern.cluster_quantise_rows(xp, 3000, d, q), chunk: readF64(out, 2)[0] };
          });
          expect(got.began, `d=${d} col=${col} ${bad}: the sampled mean is finite`).toBe(1);
          expect(got.whole, `d=${d} col=${col} ${bad}`).toBe(0);
          expect(Number.isFinite(got.chunk), `d=${d} col=${col} ${bad}: chunk deviation ${got.chunk}`).toBe(false);
          if (bad !== bad) expect(got.chunk).toBeNaN();
          checked++;
        }
      }
    }
    expect(checked).toBe(36);
  });

  it('the adversarial cases do exercise ties and non-finite distances (the test cannot pass vacuously)', () => {
    let ties = 0, infinite = 0, twinsApart = 0;
    for (const { name, x, c, n, d, k } of cases) {
      for (let i = 0; i < n; i++) {
        const all = Array.from({ length: k }, (_, j) => sq(x, i, c, j, d));
        const [l, v] = nearestTS(x, i, c, k, d);
        if (all.some((e, j) => j !== l && e === v)) ties++;
        if (v === Infinity) infinite++;
        // the nearest and a runner-up closer than f32 can tell apart
        if (name.startsWith('near twins') && all.some((e, j) => j !== l && e > v && (e - v) < 1e-7 * v)) twinsApart++;
      }
    }
    expect(ties).toBeGreaterThan(100);
    expect(infinite).toBeGreaterThan(100);
    expect(twinsApart).toBeGreaterThan(100);
  });
});
