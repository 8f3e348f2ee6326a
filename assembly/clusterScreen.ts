// Nearest-centre search of the k-means kernels (./cluster.ts) with a float32 screen: the centres
// are centred on their mean m and scaled by a power of two p = 2^s (max |c_t - m_t| p in [1, 2),
// s clamped to [-1000, 1000]) into f32, 4 centres interleaved per v128; each row is converted
// the same way and its f32 dot products with the centres give, per centre j, a lower value w_j
// and an upper value u_j of (e_j p^2) / 2 under a rigorous rounding bound, where e_j is the
// exact squared distance the plain loop computes (f64, left to right, sum of (x_t - c_t)^2).
// Only the centres the bound cannot exclude get that exact e_j, compared in index order with a
// strict <: labels and distances equal the plain loop's bit for bit (ties to the smaller index;
// all distances +inf -> centre 0).
//
// The bound is the one of the brute-force neighbour screen (./neighbors/screen32.ts; read its
// header for the proof), with the centres as its fit rows (so they are scaled below 2 and only a
// data row can overflow f32) and k = 1:
//  c = (4d + 20) u (u = 2^-24); hx_j = fl((1 - c) |c'_j|^2) / 2, hx+_j = fl((1 + c) |c'_j|^2) / 2,
//  hq, hq+ likewise for the row; g_j = the f32 dot product (any summation order: the error bound
//  d u holds for every order); w_j = fl(fl(hq + hx_j) - g_j), u_j = fl(fl(hq+ + hx+_j) - g_j);
//  T = (d + 1) 2^-146 + d 2^(2s - 1074). Then, for any f32 rho: w_j > rho => e_j p^2 > 2 rho - T,
//  and e_j p^2 <= 2 u_j + T as long as e_j does not overflow.
// Selection: tau = min_j u_j (centre j0), cut = an f32 >= tau + T (rounded up in f64 with a
// relative 2^-20 and an absolute 2^-140 of slack for the f64 and f32 roundings, also when
// tau + T < 0). A centre with w_j > cut has e_j p^2 > 2 cut - T >= 2 tau + T >= e_j0 p^2: it is
// strictly farther than j0 (which is never excluded: w_j0 <= u_j0 <= cut), so it is neither the
// nearest nor tied with it. When (2 tau + T) / p^2 >= 2^1000 (e_j0 might overflow) cut = +inf.
// (The search starts from centre 0 at +inf with a strict <, so even without that check a row
// whose every distance overflows gets centre 0, as in the plain loop: the excluded centres are
// farther than j0 in the reals, hence +inf too. The check is kept as the bound's own condition.)
// A row with |x'|^2 >= 2^100 in f32 (or +inf) skips the screen (every centre gets its exact e),
// which keeps every screened value finite. The screen is used when the centres' mean and
// max |c_t - m_t| are finite and d <= 2^20; otherwise every row takes the plain loop.
// Two shapes of the same screen: `nearestCentre`, one row against 4 centres per v128 (any d, k),
// and `nearestCentres4`, four rows in the lanes against one broadcast centre (d <= 4, k <= 32:
// at small d the per-row overhead dominates, and four rows share it). Both compute each w_j, u_j
// and cut with the same f32 operations on the same values (dot products and |x'|^2 may be summed
// in another order, which the bound allows), then the exact sums in index order.
//
// Scratch (`clusterScratchF64(k, d)` f64): a 64-byte header (flag, p, T, 2^1000 p^2, 1 - c,
// 1 + c), the mean (d f64), the row in f32 (d f32, 16-byte multiple), the w values (kPad f32), hx and hx+
// (kPad f32 each; +inf for the padding centres), the f32 centres (kPad / 4 groups of d v128),
// then for `nearestCentres4` the staged rows (d v128), w per centre (k v128) and its results.

import { centreAndScale, exactSq, packScaled32 } from './neighbors/screen32';

/** 1 + 2^-20 is the relative slack of a rounded-up cut: this is 2^-20. */
const CUT_REL: f64 = 1.0 / 1048576.0;
/** 2^-140: absolute slack of a rounded-up cut (f32 underflow). */
const CUT_TINY: f64 = 7.174648137343064e-43;
/** 2^-146: the f32 underflow term of T, per dimension. */
const F32_TINY: f64 = 1.1210387714598537e-44;
/** 2^-537: half of the exponent of the f64 underflow term 2^-1074 of T. */
const HALF_F64_TINY: f64 = 2.2227587494850775e-162;
/** 2^-24, the f32 unit roundoff. */
const U32: f64 = 5.960464477539063e-8;
/** 2^100: rows whose scaled |x|^2 reaches it skip the screen. */
const ROW_NORM_MAX: f32 = 1.2676506002282294e30;
/** 2^1000: above it the nearest centre's exact distance might overflow (no exclusion). */
const E_MAX: f64 = 1.0715086071862673e301;
/** Largest dimension for the screen (keeps the bound's second-order terms inside its factor 2). */
const MAX_D: i32 = 1 << 20;

const HEAD: usize = 64;

@inline function groups(k: i32): i32 { return (k + 3) >> 2; }
@inline function meanPtr(s: usize): usize { return s + HEAD; }
@inline function rowPtr(s: usize, d: i32): usize { return s + HEAD + (<usize>d << 3); }
@inline function wPtr(s: usize, d: i32): usize { return rowPtr(s, d) + (<usize>((d + 3) >> 2) << 4); }
@inline function hxPtr(s: usize, d: i32, k: i32): usize { return wPtr(s, d) + (<usize>groups(k) << 4); }
@inline function hxUpPtr(s: usize, d: i32, k: i32): usize { return hxPtr(s, d, k) + (<usize>groups(k) << 4); }
@inline function centresPtr(s: usize, d: i32, k: i32): usize { return hxUpPtr(s, d, k) + (<usize>groups(k) << 4); }
// `nearestCentres4` only: 4 staged rows (d v128), their w per centre (k v128), then the results
// (4 i32 indices, 4 f64 distances) and the 4 cuts (f32).
@inline function stagePtr(s: usize, d: i32, k: i32): usize { return centresPtr(s, d, k) + <usize>groups(k) * (<usize>d << 4); }
@inline function w4Ptr(s: usize, d: i32, k: i32): usize { return stagePtr(s, d, k) + (<usize>d << 4); }
@inline function res4Ptr(s: usize, d: i32, k: i32): usize { return w4Ptr(s, d, k) + (<usize>k << 4); }

/** f64 values of the scratch of `prepareCentres` / `nearestCentre` for `k` centres of `d` values. */
export function clusterScratchF64(k: i32, d: i32): i32 {
  const bytes = <i32>HEAD + (d << 3) + (((d + 3) >> 2) << 4) + 3 * (groups(k) << 4) + groups(k) * (d << 4) + (d << 4) + (k << 4) + 64;
  return (bytes + 7) >> 3;
}

/** Largest d for the four-rows-at-once search (`nearestCentres4`). */
const SMALL_D: i32 = 4;
/** Largest k for it (one survivor bit per centre in an i32 lane). */
const SMALL_K: i32 = 32;

/** True when `nearestCentres4` is the faster search for the prepared centres. */
@inline
export function useFour(s: usize, k: i32, d: i32): bool {
  return load<i32>(s) != 0 && d <= SMALL_D && k <= SMALL_K;
}

/** Index found by `nearestCentres4` for its row `m` (0..3). */
@inline
export function fourIndex(s: usize, k: i32, d: i32, m: i32): i32 {
  return load<i32>(res4Ptr(s, d, k) + (<usize>m << 2));
}

/** Squared distance found by `nearestCentres4` for its row `m` (0..3). */
@inline
export function fourDist(s: usize, k: i32, d: i32, m: i32): f64 {
  return load<f64>(res4Ptr(s, d, k) + 16 + (<usize>m << 3));
}

/** Plain loop: nearest of the `k` centres (strict <, from +inf at centre 0). Sets nearestIndex/nearestDist. */
@inline
function plainNearest(x: usize, centers: usize, k: i32, d: i32): void {
  const rowBytes = <usize>d << 3;
  let bi = 0;
  let bd = Infinity;
  for (let j = 0; j < k; j++) {
    const e = exactSq(x, centers + <usize>j * rowBytes, d);
    if (e < bd) { bd = e; bi = j; }
  }
  nearestIndex = bi;
  nearestDist = bd;
}

/** Result of `nearestCentre`: the centre index. */
export let nearestIndex: i32 = 0;
/** Result of `nearestCentre`: its exact squared distance. */
export let nearestDist: f64 = 0;

/**
 * Scales and packs the `k` centres (`k x d` at `centers`) into the scratch `s` for the screen;
 * returns false when it cannot be used (then `nearestCentre` runs the plain loop).
 */
export function prepareCentres(centers: usize, k: i32, d: i32, s: usize): bool {
  store<i32>(s, 0);
  if (k <= 0 || d <= 0 || d > MAX_D) return false;
  const mean = meanPtr(s);
  const p = centreAndScale(centers, k, d, mean);
  if (p == 0.0) return false;
  const nG = groups(k);
  const cm = f32x4.splat(<f32>(1.0 - <f64>(4 * d + 20) * U32)); // 1 - c, exact in f32
  const cp = f32x4.splat(<f32>(1.0 + <f64>(4 * d + 20) * U32)); // 1 + c, exact (4d + 20 is even)
  const hx = hxPtr(s, d, k);
  const hxUp = hxUpPtr(s, d, k);
  packScaled32(centers, k, nG, d, mean, p, centresPtr(s, d, k), hx, hxUp);
  // padding centres: never a bound, always excluded (and skipped by index anyway)
  for (let j = k; j < 4 * nG; j++) {
    store<f32>(hx + (<usize>j << 2), Infinity);
    store<f32>(hxUp + (<usize>j << 2), Infinity);
  }
  const q = p * HALF_F64_TINY;
  store<f64>(s + 8, p);
  store<f64>(s + 16, <f64>(d + 1) * F32_TINY + <f64>d * q * q);
  // (2 tau + T) / p^2 < 2^1000 <=> 2 tau + T < 2^1000 p^2 (powers of two: exact; +inf when it
  // overflows, where the quotient is below 2^1000 for every finite tau)
  store<f64>(s + 24, E_MAX * p * p);
  v128.store(s + 32, cm);
  v128.store(s + 48, cp);
  store<i32>(s, 1);
  return true;
}

/** Exact distances of the row to the centres 4g + l (bit l of `keep`, l < k - 4g), best so far in nearestIndex/nearestDist. */
@inline
function rerank(keep: i32, g: i32, x: usize, centers: usize, k: i32, d: i32): void {
  const rowBytes = <usize>d << 3;
  while (keep != 0) {
    const j = 4 * g + ctz(keep);
    keep &= keep - 1;
    if (j >= k) break;
    const e = exactSq(x, centers + <usize>j * rowBytes, d);
    if (e < nearestDist) { nearestDist = e; nearestIndex = j; }
  }
}

/**
 * Nearest of the `k` centres (`k x d` at `centers`, prepared into `s` by `prepareCentres`) to
 * the row `x`: sets `nearestIndex` and `nearestDist`, equal to the plain loop's bit for bit.
 */
@inline
export function nearestCentre(x: usize, centers: usize, k: i32, d: i32, s: usize): void {
  if (load<i32>(s) == 0) { plainNearest(x, centers, k, d); return; }
  const p = load<f64>(s + 8);
  const mean = meanPtr(s);
  const row = rowPtr(s, d);
  // two values per f64x2 (the same roundings as one at a time); |x'|^2 in two f32 lanes
  const pv = f64x2.splat(p);
  let acc = f32x4.splat(0);
  let t = 0;
  for (; t + 1 < d; t += 2) {
    const o = <usize>t << 3;
    const v = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.sub(v128.load(x + o), v128.load(mean + o)), pv));
    v128.store64_lane(row + (<usize>t << 2), v, 0);
    acc = f32x4.add(acc, f32x4.mul(v, v));
  }
  let nq: f32 = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1);
  if (t < d) {
    const o = <usize>t << 3;
    const v = <f32>((load<f64>(x + o) - load<f64>(mean + o)) * p);
    store<f32>(row + (<usize>t << 2), v);
    nq += v * v;
  }
  if (!(nq < ROW_NORM_MAX)) { plainNearest(x, centers, k, d); return; }
  const nv = f32x4.splat(nq);
  const half = f32x4.splat(0.5);
  const hq = f32x4.mul(f32x4.mul(v128.load(s + 32), nv), half);
  const hqUp = f32x4.mul(f32x4.mul(v128.load(s + 48), nv), half);
  const nG = groups(k);
  const cf = centresPtr(s, d, k);
  const hx = hxPtr(s, d, k);
  const hxUp = hxUpPtr(s, d, k);
  const wp = wPtr(s, d);
  const groupBytes = <usize>d << 4;
  let umin = f32x4.splat(Infinity);
  let g = 0;
  // two groups (8 centres) at a time, even and odd t in separate sums: four independent chains
  for (; g + 1 < nG; g += 2) {
    const pa = cf + <usize>g * groupBytes;
    const pb = pa + groupBytes;
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0), b0 = f32x4.splat(0), b1 = f32x4.splat(0);
    let t = 0;
    for (; t + 1 < d; t += 2) {
      const q0 = v128.load32_splat(row + (<usize>t << 2));
      const q1 = v128.load32_splat(row + (<usize>t << 2) + 4);
      const o = <usize>t << 4;
      a0 = f32x4.add(a0, f32x4.mul(q0, v128.load(pa + o)));
      a1 = f32x4.add(a1, f32x4.mul(q1, v128.load(pa + o + 16)));
      b0 = f32x4.add(b0, f32x4.mul(q0, v128.load(pb + o)));
      b1 = f32x4.add(b1, f32x4.mul(q1, v128.load(pb + o + 16)));
    }
    if (t < d) {
      const q0 = v128.load32_splat(row + (<usize>t << 2));
      const o = <usize>t << 4;
      a0 = f32x4.add(a0, f32x4.mul(q0, v128.load(pa + o)));
      b0 = f32x4.add(b0, f32x4.mul(q0, v128.load(pb + o)));
    }
    const ga = f32x4.add(a0, a1);
    const gb = f32x4.add(b0, b1);
    const go = <usize>g << 4;
    v128.store(wp + go, f32x4.sub(f32x4.add(hq, v128.load(hx + go)), ga));
    v128.store(wp + go + 16, f32x4.sub(f32x4.add(hq, v128.load(hx + go + 16)), gb));
    umin = f32x4.pmin(umin, f32x4.sub(f32x4.add(hqUp, v128.load(hxUp + go)), ga));
    umin = f32x4.pmin(umin, f32x4.sub(f32x4.add(hqUp, v128.load(hxUp + go + 16)), gb));
  }
  if (g < nG) {
    const pa = cf + <usize>g * groupBytes;
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
    let t = 0;
    for (; t + 1 < d; t += 2) {
      const o = <usize>t << 4;
      a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(row + (<usize>t << 2)), v128.load(pa + o)));
      a1 = f32x4.add(a1, f32x4.mul(v128.load32_splat(row + (<usize>t << 2) + 4), v128.load(pa + o + 16)));
    }
    if (t < d) a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(row + (<usize>t << 2)), v128.load(pa + (<usize>t << 4))));
    const ga = f32x4.add(a0, a1);
    const go = <usize>g << 4;
    v128.store(wp + go, f32x4.sub(f32x4.add(hq, v128.load(hx + go)), ga));
    umin = f32x4.pmin(umin, f32x4.sub(f32x4.add(hqUp, v128.load(hxUp + go)), ga));
  }
  const m01 = min(f32x4.extract_lane(umin, 0), f32x4.extract_lane(umin, 1));
  const m23 = min(f32x4.extract_lane(umin, 2), f32x4.extract_lane(umin, 3));
  const tau = <f64>min(m01, m23);
  const tiny = load<f64>(s + 16);
  const limit = load<f64>(s + 24);
  let cut: f32 = Infinity;
  if (2.0 * tau + tiny < limit) {
    const v = tau + tiny;
    cut = <f32>(v + Math.abs(v) * CUT_REL + CUT_TINY);
  }
  const cv = f32x4.splat(cut);
  nearestIndex = 0;
  nearestDist = Infinity;
  if (k <= 32) {
    // all survivors in one mask first: no branch per group (which group holds them is random)
    let bits = 0;
    for (let h = 0; h < nG; h++) bits |= (~i32x4.bitmask(f32x4.gt(v128.load(wp + (<usize>h << 4)), cv)) & 0xf) << (4 * h);
    if (k < 32) bits &= (1 << k) - 1;
    const rowBytes = <usize>d << 3;
    let bi = 0;
    let bd = Infinity;
    while (bits != 0) {
      const j = ctz(bits);
      bits &= bits - 1;
      const e = exactSq(x, centers + <usize>j * rowBytes, d);
      if (e < bd) { bd = e; bi = j; }
    }
    nearestIndex = bi;
    nearestDist = bd;
    return;
  }
  for (let h = 0; h < nG; h++) {
    const keep = ~i32x4.bitmask(f32x4.gt(v128.load(wp + (<usize>h << 4)), cv)) & 0xf;
    if (keep != 0) rerank(keep, h, x, centers, k, d);
  }
}

/**
 * Four rows at once for small d (`useFour`): rows in the f32 lanes, centres broadcast, the same
 * screen values and bound as `nearestCentre` (w_j, u_j and the cut of each lane are computed
 * with the same f32 operations on the same values; only the dot products' summation order
 * differs, which the bound allows), survivors as one bit per centre per lane. The rows
 * `x0..x3` (the first `nr` are used; the others may repeat one) get their nearest centre and
 * exact squared distance at `fourIndex` / `fourDist`, equal to the plain loop's bit for bit.
 */
export function nearestCentres4(x0: usize, x1: usize, x2: usize, x3: usize, nr: i32, centers: usize, k: i32, d: i32, s: usize): void {
  const p = load<f64>(s + 8);
  const mean = meanPtr(s);
  const stage = stagePtr(s, d, k);
  let nq = f32x4.splat(0);
  for (let t = 0; t < d; t++) {
    const o = <usize>t << 3;
    const mt = load<f64>(mean + o);
    let v = f32x4.splat(<f32>((load<f64>(x0 + o) - mt) * p));
    v = f32x4.replace_lane(v, 1, <f32>((load<f64>(x1 + o) - mt) * p));
    v = f32x4.replace_lane(v, 2, <f32>((load<f64>(x2 + o) - mt) * p));
    v = f32x4.replace_lane(v, 3, <f32>((load<f64>(x3 + o) - mt) * p));
    v128.store(stage + (<usize>t << 4), v);
    nq = f32x4.add(nq, f32x4.mul(v, v));
  }
  const half = f32x4.splat(0.5);
  const hq = f32x4.mul(f32x4.mul(v128.load(s + 32), nq), half);
  const hqUp = f32x4.mul(f32x4.mul(v128.load(s + 48), nq), half);
  const cf = centresPtr(s, d, k);
  const hx = hxPtr(s, d, k);
  const hxUp = hxUpPtr(s, d, k);
  const w4 = w4Ptr(s, d, k);
  const groupBytes = <usize>d << 4;
  let umin = f32x4.splat(Infinity);
  for (let j = 0; j < k; j++) {
    const cj = cf + <usize>(j >> 2) * groupBytes + (<usize>(j & 3) << 2);
    let g = f32x4.mul(v128.load(stage), v128.load32_splat(cj));
    for (let t = 1; t < d; t++) g = f32x4.add(g, f32x4.mul(v128.load(stage + (<usize>t << 4)), v128.load32_splat(cj + (<usize>t << 4))));
    const jo = <usize>j << 2;
    v128.store(w4 + (<usize>j << 4), f32x4.sub(f32x4.add(hq, v128.load32_splat(hx + jo)), g));
    umin = f32x4.pmin(umin, f32x4.sub(f32x4.add(hqUp, v128.load32_splat(hxUp + jo)), g));
  }
  const tiny = load<f64>(s + 16);
  const limit = load<f64>(s + 24);
  let cuts = f32x4.splat(Infinity);
  for (let m = 0; m < 4; m++) {
    // the lane's cut, as in nearestCentre (a NaN tau: the row skips the screen below)
    const tau = <f64>f32x4.extract_lane(umin, 0);
    umin = i32x4.shuffle(umin, umin, 1, 2, 3, 0);
    cuts = i32x4.shuffle(cuts, cuts, 1, 2, 3, 0);
    if (2.0 * tau + tiny < limit) {
      const v = tau + tiny;
      cuts = f32x4.replace_lane(cuts, 3, <f32>(v + Math.abs(v) * CUT_REL + CUT_TINY));
    }
  }
  let surv = i32x4.splat(0);
  for (let j = 0; j < k; j++) {
    const keep = v128.not(f32x4.gt(v128.load(w4 + (<usize>j << 4)), cuts));
    surv = v128.or(surv, v128.and(keep, i32x4.splat(1 << j)));
  }
  const res = res4Ptr(s, d, k);
  const rowBytes = <usize>d << 3;
  for (let m = 0; m < nr; m++) {
    const x = m == 0 ? x0 : m == 1 ? x1 : m == 2 ? x2 : x3;
    let bits = i32x4.extract_lane(surv, 0);
    surv = i32x4.shuffle(surv, surv, 1, 2, 3, 0);
    const n2 = f32x4.extract_lane(nq, 0);
    nq = i32x4.shuffle(nq, nq, 1, 2, 3, 0);
    let bi = 0;
    let bd = Infinity;
    if (!(n2 < ROW_NORM_MAX)) {
      plainNearest(x, centers, k, d);
      bi = nearestIndex;
      bd = nearestDist;
    } else {
      while (bits != 0) {
        const j = ctz(bits);
        bits &= bits - 1;
        const e = exactSq(x, centers + <usize>j * rowBytes, d);
        if (e < bd) { bd = e; bi = j; }
      }
    }
    store<i32>(res + (<usize>m << 2), bi);
    store<f64>(res + 16 + (<usize>m << 3), bd);
  }
}

