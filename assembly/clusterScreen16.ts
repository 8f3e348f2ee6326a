// The int16 screen of the nearest-centre search (k-means assignment, 4 < d <= 64): the data rows
// are quantised ONCE per fit (`quantiseRows16`: i16 values and their N(x)), the k centres once
// per call (`prepareCentres16`) on the same grid; per row the dot products with 4 centres per
// v128 are exact in i32 lanes (`i32x4.dot_i16x8_s`, two dimensions per lane and instruction, no
// per-row conversion), and a rigorous bound from the quantisation alone excludes centres. The
// centres it keeps get the plain loop's exact f64 sum (`exactSq`: left to right, sum of
// (x_t - c_t)^2), compared in index order with a strict < from +inf at centre 0, so labels and
// distances equal the plain loop's bit for bit (ties to the smaller index; all +inf -> centre 0).
//
// Quantisation (as ./neighbors/screen16.ts): mu = the mean of a sample of rows (any mu keeps
// the bound: it cancels in x - c), m = max |x_t - mu_t| over ALL rows, s = M / m with M the
// largest integer with 3 dp M^2 <= 2^31 - 1 (dp = d rounded up to even; d <= 64: M <= 32767);
// v~_t = nearest((v_t - mu_t) s). A row's values satisfy |(x_t - mu_t) s| <= M up to the f64
// roundings, so |v~_t| <= M and |v~_t - s (v_t - mu_t)| <= h = 0.5 + 1e-9 (the f64 difference
// and product add < 1e-11 at |.| <= M + 1). A centre is quantised the same way; if any of its
// values rounds beyond [-M, M] (centres outside the rows' range, e.g. user-given init), the
// call does not use this screen (the caller falls back to the f32 screen, `nearestCentre`).
// Integer arithmetic is exact: N(v) = sum v~_t^2 <= dp M^2 and |x~.c~| <= dp M^2, so the lane
// value w_j = N(c_j) - 2 x~.c~_j (|w_j| <= 3 dp M^2 <= 2^31 - 1) and every partial sum fit an
// i32; D~_j = N(x) + w_j = |x~ - c~_j|^2 exactly (taken in f64: it may exceed 2^31).
// Bound: x~ - c~_j = s (x - c_j) + (ex - ec) with |ex_t - ec_t| <= 2h, so with
// delta_j = s |x - c_j| (real), |sqrt D~_j - delta_j| <= 2 h sqrt d = E (E >= 1 as d >= 1).
// Selection: tau = min_j D~_j = N(x) + min_j w_j (centre j0, exact), r = fl((sqrt(tau) + 2E)
// (1 + 1e-9)), cut = floor(fl(fl(r^2 + 1) - N(x))) clamped to i32; a centre is excluded when
// w_j > cut. Then (integers) w_j >= cut + 1 > fl(r^2 + 1) - N(x) - 2^-19 (a subtraction or
// addition of values below 2^34 rounds by at most 2^-19; fl(r^2 + 1) >= fl(r^2) + 1 - 2^-19),
// i.e. D~_j > fl(r^2) + 1 - 2^-18 > fl(r^2) and, as r^2 is within
// 6 2^-53 relatively of its real value, sqrt D~_j > (sqrt(tau) + 2E)(1 + 0.99e-9). So
// delta_j >= sqrt D~_j - E > (sqrt(tau) + E)(1 + 0.99e-9) >= delta_j0 (1 + 0.99e-9), and
// delta_j > E >= 1. Hence delta_j^2 - delta_j0^2 > 1.9e-9 delta_j^2 >= 1.9e-9, which dominates
// the errors of the exact sums: e_j within (d + 2) 2^-53 relatively (< 1e-14 for d <= 64) of
// |x - c_j|^2 plus d 2^-1075 of underflow (below 1e-110 in D~ units as s^2 <= (32767 / 1e-100)^2).
// So e_j > e_j0 strictly: j is neither the nearest nor tied with it, whatever the index order —
// provided e_j0 does not overflow (an infinite e_j0 ties with every farther centre, and the plain
// loop would then pick the smallest index). delta_j0 <= sqrt(tau) + E < r, so |x - c_j0| < r / s;
// the screen excludes only when (r / s)^2 < 1e300 (then every term and sum of e_j0 is finite);
// otherwise cut = i32.MAX (every centre is kept). The padding lanes of the last group have
// c~ = 0 and N(c) = i32.MAX (w = i32.MAX: never the minimum of a group with a real centre, and
// skipped by index when kept).
// Used for a fit when 4 < d <= 64, the sample mean is finite, and m is finite, >= 1e-100 (the
// underflow term above) and at most 32 times the rows' RMS deviation from mu (beyond that the
// quantum grows against typical distances and the f32 screen excludes more).
// Two shapes of the same screen: `nearestCentres16x4` (2 <= k <= 64), four rows at once (four
// independent dot-product chains per group of centres; the survivors' exact sums four at a
// time in f64x2 lanes, each lane the same operations as `exactSq`), and `nearestCentre16`, one
// row (k = 1: the one exact sum, no screen; k > 64). Both compute the same w_j and cut.
//
// Rows area (`rows16F64(n, d)` f64): a 64-byte header (flag at 0: 1 when usable; failure word
// of the quantisation phases at 4; s at 8, E at 16, M at 24; 2 f64 of phase-2 results at 32), mu (d f64, 16-byte multiple), then per row `pairs` i32 (two i16 each: dimensions
// 2p, 2p + 1, a zero completing an odd d) and N(x) (i32).
// Centres area (`centres16Bytes(k, d)`, inside the `packed` scratch): a 16-byte header (flag at
// 0: 1 when the centres are quantised), the centres (per group of 4 and dimension pair one v128
// [c0[2p], c0[2p+1], c1[2p], .., c3[2p+1]]), N(c) per centre (groups v128), the w values of the
// current rows (4 groups v128), the survivors' (row, centre) address pairs of a four-row block
// (4k + 4 of 8 bytes) and their exact distances (4k + 4 f64).

import { exactSq } from './neighbors/screen32';
import { gridError, gridMax, maxDeviation, sampleMean } from './neighbors/screen16';

/** Largest dimension for the int16 screen (M shrinks as 1 / sqrt(d)). */
export const MAX_D16: i32 = 64;
/** Smallest dimension (at d <= 4 the f32 four-rows search is faster). */
export const MIN_D16: i32 = 5;
/** Largest max / RMS deviation ratio. */
const MAX_SPREAD: f64 = 32.0;
/** Rows of the sample for mu. */
const SLACK: f64 = 1.0 + 1e-9;
const I32_MAX_F: f64 = 2147483647.0;
const HEAD_ROWS: usize = 64;
const HEAD_CENTRES: usize = 16;

@inline function pairsOf(d: i32): i32 { return (d + 1) >> 1; }
@inline function groupsOf(k: i32): i32 { return (k + 3) >> 2; }
@inline function muPtr(q: usize): usize { return q + HEAD_ROWS; }
@inline function rowsPtr(q: usize, d: i32): usize { return q + HEAD_ROWS + ((<usize>d * 8 + 15) & ~(<usize>15)); }
/** Bytes per quantised row: the i16 pairs and N(x). */
@inline function rowStride(d: i32): usize { return <usize>(pairsOf(d) + 1) << 2; }
@inline function cq(a: usize): usize { return a + HEAD_CENTRES; }
@inline function ncq(a: usize, d: i32, k: i32): usize { return cq(a) + <usize>groupsOf(k) * (<usize>pairsOf(d) << 4); }
@inline function wq(a: usize, d: i32, k: i32): usize { return ncq(a, d, k) + (<usize>groupsOf(k) << 4); }
/** (row, centre) address pairs of a four-row block's survivors (4k + 3 entries of 8 bytes), then their exact distances (f64). */
@inline function pairList(a: usize, d: i32, k: i32): usize { return wq(a, d, k) + (<usize>groupsOf(k) << 6); }
@inline function pairDists(a: usize, d: i32, k: i32): usize { return pairList(a, d, k) + (<usize>(4 * k + 4) << 3); }

/** f64 values of the rows area for `n` rows of `d` values. */
export function rows16F64(n: i32, d: i32): i32 {
  const bytes = <usize>HEAD_ROWS + ((<usize>d * 8 + 15) & ~(<usize>15)) + <usize>n * rowStride(d);
  return <i32>((bytes + 7) >> 3);
}

/** Bytes of the centres area for `k` centres of `d` values. */
export function centres16Bytes(k: i32, d: i32): i32 {
  return <i32>HEAD_CENTRES + groupsOf(k) * (pairsOf(d) << 4) + 5 * (groupsOf(k) << 4) + (k << 6) + 64;
}

/** True when the rows area `q` holds quantised rows (`quantiseRows16` succeeded). */
@inline
export function rows16Ready(q: usize): bool {
  return load<i32>(q) == 1;
}

/** 1.5 2^52: fl(v + MAGIC) = MAGIC + nearest(v) (ties to even) for |v| < 2^51, the integer in the low 32 bits. */
const MAGIC: f64 = 6755399441055744.0;

/**
 * Quantises rows lo..hi-1 of `x` with the grid in `q` (mu, s): v~ = nearest((x_t - mu_t) s),
 * by the magic-number rounding (the same integer as `nearest` while |.| < 2^51). Returns the
 * largest |(x_t - mu_t) s| (NaN when a value is not finite): the rows are valid when it is
 * below M + 0.5 (every v~ in [-M, M]; beyond, values would be stored wrapped).
 */
function quantiseRange(x: usize, d: i32, lo: i32, hi: i32, q: usize): f64 {
  const s = load<f64>(q + 8);
  const mu = muPtr(q);
  const rows = rowsPtr(q, d);
  const stride = rowStride(d);
  const rowBytes = <usize>d << 3;
  const sv = f64x2.splat(s);
  const magic = f64x2.splat(MAGIC);
  const zero = i32x4.splat(0);
  const d4 = d & ~3;
  const pairs = pairsOf(d);
  let big = f64x2.splat(0.0);
  // the sum of the scaled values: finite (below n d 2^16) unless one is infinite or NaN
  let chk = f64x2.splat(0.0);
  for (let i = lo; i < hi; i++) {
    const r = x + <usize>i * rowBytes;
    const dst = rows + <usize>i * stride;
    let norm = i32x4.splat(0);
    let t = 0;
    for (; t < d4; t += 4) {
      const o = <usize>t << 3;
      const u = f64x2.mul(f64x2.sub(v128.load(r + o), v128.load(mu + o)), sv);
      const v = f64x2.mul(f64x2.sub(v128.load(r + o + 16), v128.load(mu + o + 16)), sv);
      big = f64x2.pmax(big, f64x2.pmax(f64x2.abs(u), f64x2.abs(v))); // (non-finite values: chk)
      chk = f64x2.add(chk, f64x2.add(u, v));
      const w = i8x16.shuffle(f64x2.add(u, magic), f64x2.add(v, magic), 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
      const h = i16x8.narrow_i32x4_s(w, zero);
      norm = i32x4.add(norm, i32x4.dot_i16x8_s(h, h));
      v128.store64_lane(dst + (<usize>t << 1), h, 0);
    }
    if (t + 1 < d) {
      const o = <usize>t << 3;
      const u = f64x2.mul(f64x2.sub(v128.load(r + o), v128.load(mu + o)), sv);
      big = f64x2.pmax(big, f64x2.abs(u));
      chk = f64x2.add(chk, u);
      const w = i8x16.shuffle(f64x2.add(u, magic), zero, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23);
      const h = i16x8.narrow_i32x4_s(w, zero);
      norm = i32x4.add(norm, i32x4.dot_i16x8_s(h, h));
      v128.store32_lane(dst + (<usize>t << 1), h, 0);
      t += 2;
    }
    if (t < d) {
      const u = (load<f64>(r + (<usize>t << 3)) - load<f64>(mu + (<usize>t << 3))) * s;
      big = f64x2.pmax(big, f64x2.splat(Math.abs(u)));
      chk = f64x2.add(chk, f64x2.splat(u));
      const w = i32x4.splat(<i32>reinterpret<i64>(u + MAGIC));
      const h = i16x8.narrow_i32x4_s(i32x4.replace_lane(zero, 0, i32x4.extract_lane(w, 0)), zero);
      norm = i32x4.add(norm, i32x4.dot_i16x8_s(h, h));
      v128.store32_lane(dst + (<usize>t << 1), h, 0); // the value and a zero completing the pair
    }
    norm = i32x4.add(norm, i8x16.shuffle(norm, norm, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
    store<i32>(dst + (<usize>pairs << 2), i32x4.extract_lane(norm, 0) + i32x4.extract_lane(norm, 1));
  }
  const c = f64x2.extract_lane(chk, 0) + f64x2.extract_lane(chk, 1);
  if (!(Math.abs(c) < Infinity)) return NaN;
  return max(f64x2.extract_lane(big, 0), f64x2.extract_lane(big, 1));
}

/** Sets the grid of `q` for range m (s = M / m, E). */
function setGrid(q: usize, d: i32, m: f64): void {
  const M = gridMax(d);
  store<f64>(q + 8, M / m);
  store<f64>(q + 16, gridError(d));
  store<f64>(q + 24, M);
}

/**
 * Quantisation, phase 1 of 5 (phases 2 and 4 take any split of the rows, e.g. over threads):
 * mu = the mean of a sample of rows, the flag (0) and the failure word (at 4) cleared. Returns
 * false when the screen cannot apply (d out of range, a non-finite mean).
 */
export function rows16Begin(x: usize, n: i32, d: i32, q: usize): bool {
  store<i32>(q, 0);
  store<i32>(q + 4, 0);
  if (n < 1 || d < MIN_D16 || d > MAX_D16) return false;
  return sampleMean(x, n, d, muPtr(q)) > 0;
}

/** Phase 2: max |x_t - mu_t| (+inf or NaN when a difference is not finite) and the sum of (x_t - mu_t)^2 over rows lo..hi-1, to `out` (2 f64). */
export function rows16Deviation(x: usize, d: i32, lo: i32, hi: i32, q: usize, out: usize): void {
  store<f64>(out, maxDeviation(x + <usize>lo * (<usize>d << 3), hi - lo, 1, d, muPtr(q), out + 8));
}

/**
 * Phase 3: the grid for the range `m` (the max of phase 2 over all `n` rows: the finest grid,
 * so the fewest centres kept) and their sum of squares `sq`; false when the screen does not
 * apply (see the header).
 */
export function rows16Grid(q: usize, n: i32, d: i32, m: f64, sq: f64): bool {
  const rms = Math.sqrt(sq / (<f64>n * <f64>d));
  // (NaN fails these tests too)
  if (!(m < Infinity) || !(m >= 1e-100) || !(m <= MAX_SPREAD * rms)) return false;
  setGrid(q, d, m);
  return true;
}

/**
 * Phase 4: quantises rows lo..hi-1. |x_t - mu_t| <= m, so every |(x_t - mu_t) s| <= M up to the
 * roundings; checked all the same (a failure sets the word at 4: threads only ever write 1 there).
 */
export function rows16Quantise(x: usize, d: i32, lo: i32, hi: i32, q: usize): void {
  if (!(quantiseRange(x, d, lo, hi, q) < load<f64>(q + 24) + 0.5)) store<i32>(q + 4, 1);
}

/** Phase 5: sets the flag when no chunk failed; returns it. */
export function rows16End(q: usize): bool {
  const ok = load<i32>(q + 4) == 0;
  store<i32>(q, ok ? 1 : 0);
  return ok;
}

/**
 * Quantises the `n` rows of `x` (`n x d`) into the rows area `q` (`rows16F64(n, d)` f64) when
 * the screen applies (see the header), the five phases on one thread; returns false otherwise
 * (flag 0: the caller uses the f32 screen).
 */
export function quantiseRows16(x: usize, n: i32, d: i32, q: usize): bool {
  if (!rows16Begin(x, n, d, q)) return false;
  const dev = q + 32;
  rows16Deviation(x, d, 0, n, q, dev);
  if (!rows16Grid(q, n, d, load<f64>(dev), load<f64>(dev + 8))) return false;
  rows16Quantise(x, d, 0, n, q);
  return rows16End(q);
}

/**
 * Quantises the `k` centres (`k x d`) on the grid of the rows area `q` into the centres area
 * `a`; returns false (flag 0) when a centre value falls outside the grid's range.
 */
export function prepareCentres16(centers: usize, k: i32, d: i32, q: usize, a: usize): bool {
  store<i32>(a, 0);
  if (!rows16Ready(q)) return false;
  const s = load<f64>(q + 8);
  const M = load<f64>(q + 24);
  const mu = muPtr(q);
  const pairs = pairsOf(d);
  const dp = 2 * pairs;
  const nG = groupsOf(k);
  const groupBytes = <usize>pairs << 4;
  const cqp = cq(a);
  const ncp = ncq(a, d, k);
  const rowBytes = <usize>d << 3;
  for (let g = 0; g < nG; g++) {
    for (let l = 0; l < 4; l++) {
      const j = 4 * g + l;
      const base = cqp + <usize>g * groupBytes + (<usize>l << 2);
      if (j >= k) {
        for (let p = 0; p < pairs; p++) store<i32>(base + (<usize>p << 4), 0);
        store<i32>(ncp + (<usize>j << 2), i32.MAX_VALUE);
        continue;
      }
      const c = centers + <usize>j * rowBytes;
      let nc: i32 = 0;
      for (let t = 0; t < dp; t++) {
        let v: f64 = 0;
        if (t < d) {
          const o = <usize>t << 3;
          v = nearest((load<f64>(c + o) - load<f64>(mu + o)) * s);
          if (!(Math.abs(v) <= M)) return false; // (NaN too)
        }
        const iv = <i32>v;
        nc += iv * iv;
        store<i16>(base + (<usize>(t >> 1) << 4) + (<usize>(t & 1) << 1), <i16>iv);
      }
      store<i32>(ncp + (<usize>j << 2), nc);
    }
  }
  store<i32>(a, 1);
  return true;
}

/** True when `prepareCentres16` quantised the centres into `a`. */
@inline
export function centres16Ready(a: usize): bool {
  return load<i32>(a) == 1;
}

/** Address of row `r`'s quantised values (N(x) follows at `pairs` i32). */
@inline
export function row16(q: usize, d: i32, r: i32): usize {
  return rowsPtr(q, d) + <usize>r * rowStride(d);
}

/**
 * Nearest of the `k` centres to row `x` (f64, `d` values; quantised at `xq`) with the int16
 * screen (rows area `q`, centres area `a` prepared for these centres): its index to `labelOut`
 * (i32) and its exact squared distance to `distOut` (f64), equal to the plain loop's bit for bit.
 */
@inline
export function nearestCentre16(xq: usize, x: usize, centers: usize, k: i32, d: i32, q: usize, a: usize, labelOut: usize, distOut: usize): void {
  const rowBytes = <usize>d << 3;
  if (k == 1) {
    const e = exactSq(x, centers, d);
    store<i32>(labelOut, 0);
    store<f64>(distOut, e < Infinity ? e : Infinity);
    return;
  }
  const pairs = pairsOf(d);
  const nx = load<i32>(xq + (<usize>pairs << 2));
  const nG = groupsOf(k);
  const cqp = cq(a);
  const ncp = ncq(a, d, k);
  const wp = wq(a, d, k);
  const groupBytes = <usize>pairs << 4;
  let tmin = i32x4.splat(i32.MAX_VALUE);
  let g = 0;
  // two groups (8 centres) at a time, even and odd pairs in separate sums: four chains
  for (; g + 1 < nG; g += 2) {
    const p0 = cqp + <usize>g * groupBytes;
    const p1 = p0 + groupBytes;
    let a0 = i32x4.splat(0), a1 = i32x4.splat(0), b0 = i32x4.splat(0), b1 = i32x4.splat(0);
    let p = 0;
    for (; p + 1 < pairs; p += 2) {
      const r0 = v128.load32_splat(xq + (<usize>p << 2));
      const r1 = v128.load32_splat(xq + (<usize>p << 2) + 4);
      const o = <usize>p << 4;
      a0 = i32x4.add(a0, i32x4.dot_i16x8_s(r0, v128.load(p0 + o)));
      a1 = i32x4.add(a1, i32x4.dot_i16x8_s(r1, v128.load(p0 + o + 16)));
      b0 = i32x4.add(b0, i32x4.dot_i16x8_s(r0, v128.load(p1 + o)));
      b1 = i32x4.add(b1, i32x4.dot_i16x8_s(r1, v128.load(p1 + o + 16)));
    }
    if (p < pairs) {
      const r0 = v128.load32_splat(xq + (<usize>p << 2));
      const o = <usize>p << 4;
      a0 = i32x4.add(a0, i32x4.dot_i16x8_s(r0, v128.load(p0 + o)));
      b0 = i32x4.add(b0, i32x4.dot_i16x8_s(r0, v128.load(p1 + o)));
    }
    const go = <usize>g << 4;
    const w0 = i32x4.sub(v128.load(ncp + go), i32x4.shl(i32x4.add(a0, a1), 1));
    const w1 = i32x4.sub(v128.load(ncp + go + 16), i32x4.shl(i32x4.add(b0, b1), 1));
    v128.store(wp + go, w0);
    v128.store(wp + go + 16, w1);
    tmin = i32x4.min_s(tmin, i32x4.min_s(w0, w1));
  }
  if (g < nG) {
    const p0 = cqp + <usize>g * groupBytes;
    let a0 = i32x4.splat(0), a1 = i32x4.splat(0);
    let p = 0;
    for (; p + 1 < pairs; p += 2) {
      const o = <usize>p << 4;
      a0 = i32x4.add(a0, i32x4.dot_i16x8_s(v128.load32_splat(xq + (<usize>p << 2)), v128.load(p0 + o)));
      a1 = i32x4.add(a1, i32x4.dot_i16x8_s(v128.load32_splat(xq + (<usize>p << 2) + 4), v128.load(p0 + o + 16)));
    }
    if (p < pairs) a0 = i32x4.add(a0, i32x4.dot_i16x8_s(v128.load32_splat(xq + (<usize>p << 2)), v128.load(p0 + (<usize>p << 4))));
    const go = <usize>g << 4;
    const w0 = i32x4.sub(v128.load(ncp + go), i32x4.shl(i32x4.add(a0, a1), 1));
    v128.store(wp + go, w0);
    tmin = i32x4.min_s(tmin, w0);
  }
  const wmin = min(min(i32x4.extract_lane(tmin, 0), i32x4.extract_lane(tmin, 1)), min(i32x4.extract_lane(tmin, 2), i32x4.extract_lane(tmin, 3)));
  const nxf = <f64>nx;
  const tau = nxf + <f64>wmin; // D~ of the nearest on the grid (exact)
  const r = (Math.sqrt(tau) + 2.0 * load<f64>(q + 16)) * SLACK;
  const z = r / load<f64>(q + 8);
  let cut = i32.MAX_VALUE;
  if (z * z < 1e300) {
    const c = Math.floor((r * r + 1.0) - nxf);
    if (c < I32_MAX_F) cut = <i32>c; // c > -2^31: r^2 + 1 >= 1 and N(x) < 2^31
  }
  const cv = i32x4.splat(cut);
  let bi = 0;
  let bd = Infinity;
  if (k <= 32) {
    // all survivors in one mask first: no branch per group
    let bits = 0;
    for (let h = 0; h < nG; h++) bits |= (~i32x4.bitmask(i32x4.gt_s(v128.load(wp + (<usize>h << 4)), cv)) & 0xf) << (4 * h);
    if (k < 32) bits &= (1 << k) - 1;
    while (bits != 0) {
      const j = ctz(bits);
      bits &= bits - 1;
      const e = exactSq(x, centers + <usize>j * rowBytes, d);
      if (e < bd) { bd = e; bi = j; }
    }
  } else {
    for (let h = 0; h < nG; h++) {
      let keep = ~i32x4.bitmask(i32x4.gt_s(v128.load(wp + (<usize>h << 4)), cv)) & 0xf;
      while (keep != 0) {
        const j = 4 * h + ctz(keep);
        keep &= keep - 1;
        if (j >= k) break;
        const e = exactSq(x, centers + <usize>j * rowBytes, d);
        if (e < bd) { bd = e; bi = j; }
      }
    }
  }
  store<i32>(labelOut, bi);
  store<f64>(distOut, bd);
}

/** Largest k for the four-rows search (one survivor bit per centre in an u64). */
export const MAX_K4: i32 = 64;

/** Survivors (w > cut excluded) of the `nG` groups of w values at `w`, one bit per centre j < k. */
@inline
function survivors(w: usize, nG: i32, cut: i32, k: i32): u64 {
  const cv = i32x4.splat(cut);
  let bits: u64 = 0;
  for (let h = 0; h < nG; h++) bits |= <u64>(~i32x4.bitmask(i32x4.gt_s(v128.load(w + (<usize>h << 4)), cv)) & 0xf) << <u64>(4 * h);
  if (k < 64) bits &= (<u64>1 << <u64>k) - 1;
  return bits;
}

/** The cut on w of a row with N(x) = nx and smallest w = wmin (see the header). */
@inline
function cutOf(nx: i32, wmin: i32, s: f64, E2: f64): i32 {
  const nxf = <f64>nx;
  const r = (Math.sqrt(nxf + <f64>wmin) + E2) * SLACK;
  const z = r / s;
  let cut = i32.MAX_VALUE;
  if (z * z < 1e300) {
    const c = Math.floor((r * r + 1.0) - nxf);
    if (c < I32_MAX_F) cut = <i32>c; // c > -2^31: r^2 + 1 >= 1 and N(x) < 2^31
  }
  return cut;
}

/** Exact squared distances of rows xa..xd to centres ca..cd (`exactSq` per lane, bit for bit): to gE0 (a, b), gE1 (c, d). */
@inline
export function exactSq4(xa: usize, xb: usize, xc: usize, xd: usize, ca: usize, cb: usize, cc: usize, cd: usize, d: i32): void {
  let s0 = f64x2.splat(0.0), s1 = f64x2.splat(0.0);
  for (let t = 0; t < d; t++) {
    const o = <usize>t << 3;
    const u0 = f64x2.sub(v128.load64_lane(xb + o, v128.load64_zero(xa + o), 1), v128.load64_lane(cb + o, v128.load64_zero(ca + o), 1));
    const u1 = f64x2.sub(v128.load64_lane(xd + o, v128.load64_zero(xc + o), 1), v128.load64_lane(cd + o, v128.load64_zero(cc + o), 1));
    s0 = f64x2.add(s0, f64x2.mul(u0, u0));
    s1 = f64x2.add(s1, f64x2.mul(u1, u1));
  }
  gE0 = s0;
  gE1 = s1;
}
export let gE0 = f64x2.splat(0.0);
export let gE1 = f64x2.splat(0.0);

/** Index of the lowest set bit, 0 when none. */
@inline
function firstOf(bits: u64): usize {
  return bits == 0 ? 0 : <usize>ctz(bits);
}

/** Finishes one row: first survivor's exact distance `e0` (centre ctz(bits)), then the other survivors in index order; to the outputs. */
@inline
function finish(bits: u64, eFirst: f64, row: usize, cs: usize, kk: i32, dd: i32, labelOut: usize, distOut: usize): void {
  const cBytes = <usize>dd << 3;
  let bi = 0;
  let bd = Infinity;
  if (bits == 0) {
    // (cannot happen: the centre of tau is always kept) the plain loop
    for (let j = 0; j < kk; j++) {
      const e = exactSq(row, cs + <usize>j * cBytes, dd);
      if (e < bd) { bd = e; bi = j; }
    }
  } else {
    const j0 = <i32>ctz(bits);
    if (eFirst < bd) { bd = eFirst; bi = j0; }
    bits &= bits - 1;
    while (bits != 0) {
      const j = <i32>ctz(bits);
      bits &= bits - 1;
      const e = exactSq(row, cs + <usize>j * cBytes, dd);
      if (e < bd) { bd = e; bi = j; }
    }
  }
  store<i32>(labelOut, bi);
  store<f64>(distOut, bd);
}

/**
 * Four rows at once (2 <= k <= MAX_K4): rows r0..r3 of `x` (the first `nr` are used; the others
 * may repeat one), each with the same screen as `nearestCentre16` (four independent dot-product
 * chains per group of centres), then the first survivor of every row in two f64x2 exact sums
 * (the same roundings per lane as `exactSq`), the others one by one. Entry m's label to
 * `labels + 4m`, its distance to `d2 + 8m`: equal to the plain loop's bit for bit.
 */
export function nearestCentres16x4(x: usize, d: i32, r0: i32, r1: i32, r2: i32, r3: i32, nr: i32, centers: usize, k: i32, q: usize, a: usize, labels: usize, d2: usize): void {
  const pairs = pairsOf(d);
  const nG = groupsOf(k);
  const cqp = cq(a);
  const ncp = ncq(a, d, k);
  const wp = wq(a, d, k);
  const wStride = <usize>nG << 4;
  const groupBytes = <usize>pairs << 4;
  const q0 = row16(q, d, r0), q1 = row16(q, d, r1), q2 = row16(q, d, r2), q3 = row16(q, d, r3);
  let t0 = i32x4.splat(i32.MAX_VALUE), t1 = t0, t2 = t0, t3 = t0;
  for (let g = 0; g < nG; g++) {
    const pg = cqp + <usize>g * groupBytes;
    let a0 = i32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
    for (let p = 0; p < pairs; p++) {
      const cv = v128.load(pg + (<usize>p << 4));
      const o = <usize>p << 2;
      a0 = i32x4.add(a0, i32x4.dot_i16x8_s(v128.load32_splat(q0 + o), cv));
      a1 = i32x4.add(a1, i32x4.dot_i16x8_s(v128.load32_splat(q1 + o), cv));
      a2 = i32x4.add(a2, i32x4.dot_i16x8_s(v128.load32_splat(q2 + o), cv));
      a3 = i32x4.add(a3, i32x4.dot_i16x8_s(v128.load32_splat(q3 + o), cv));
    }
    const go = <usize>g << 4;
    const nc = v128.load(ncp + go);
    const w0 = i32x4.sub(nc, i32x4.shl(a0, 1));
    const w1 = i32x4.sub(nc, i32x4.shl(a1, 1));
    const w2 = i32x4.sub(nc, i32x4.shl(a2, 1));
    const w3 = i32x4.sub(nc, i32x4.shl(a3, 1));
    v128.store(wp + go, w0);
    v128.store(wp + wStride + go, w1);
    v128.store(wp + 2 * wStride + go, w2);
    v128.store(wp + 3 * wStride + go, w3);
    t0 = i32x4.min_s(t0, w0);
    t1 = i32x4.min_s(t1, w1);
    t2 = i32x4.min_s(t2, w2);
    t3 = i32x4.min_s(t3, w3);
  }
  // the smallest lane of t0..t3, as the lanes of one vector
  const u01 = i32x4.min_s(i8x16.shuffle(t0, t1, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23), i8x16.shuffle(t0, t1, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31));
  const u23 = i32x4.min_s(i8x16.shuffle(t2, t3, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23), i8x16.shuffle(t2, t3, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31));
  const mins = i32x4.min_s(i8x16.shuffle(u01, u23, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27), i8x16.shuffle(u01, u23, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31));
  const s = load<f64>(q + 8);
  const E2 = 2.0 * load<f64>(q + 16);
  const pn = <usize>pairs << 2;
  const b0 = survivors(wp, nG, cutOf(load<i32>(q0 + pn), i32x4.extract_lane(mins, 0), s, E2), k);
  const b1 = survivors(wp + wStride, nG, cutOf(load<i32>(q1 + pn), i32x4.extract_lane(mins, 1), s, E2), k);
  const b2 = survivors(wp + 2 * wStride, nG, cutOf(load<i32>(q2 + pn), i32x4.extract_lane(mins, 2), s, E2), k);
  const b3 = survivors(wp + 3 * wStride, nG, cutOf(load<i32>(q3 + pn), i32x4.extract_lane(mins, 3), s, E2), k);
  const rowBytes = <usize>d << 3;
  const x0 = x + <usize>r0 * rowBytes, x1 = x + <usize>r1 * rowBytes, x2 = x + <usize>r2 * rowBytes, x3 = x + <usize>r3 * rowBytes;
  if (b0 != 0 && b1 != 0 && b2 != 0 && b3 != 0 && ((b0 & (b0 - 1)) | (b1 & (b1 - 1)) | (b2 & (b2 - 1)) | (b3 & (b3 - 1))) == 0) {
    // the usual case: one survivor per row, four exact sums at once
    exactSq4(x0, x1, x2, x3,
      centers + <usize>ctz(b0) * rowBytes, centers + <usize>ctz(b1) * rowBytes,
      centers + <usize>ctz(b2) * rowBytes, centers + <usize>ctz(b3) * rowBytes, d);
    const pairA = gE0, pairB = gE1;
    finish(b0, f64x2.extract_lane(pairA, 0), x0, centers, k, d, labels, d2);
    if (nr > 1) finish(b1, f64x2.extract_lane(pairA, 1), x1, centers, k, d, labels + 4, d2 + 8);
    if (nr > 2) finish(b2, f64x2.extract_lane(pairB, 0), x2, centers, k, d, labels + 8, d2 + 16);
    if (nr > 3) finish(b3, f64x2.extract_lane(pairB, 1), x3, centers, k, d, labels + 12, d2 + 24);
    return;
  }
  // several survivors somewhere: every (row, survivor) pair in a list, four exact sums at a
  // time, then each row's sums compared in index order (the plain loop's comparisons)
  const list = pairList(a, d, k);
  const dists = pairDists(a, d, k);
  let cnt = 0;
  for (let m = 0; m < nr; m++) {
    let bits = m == 0 ? b0 : m == 1 ? b1 : m == 2 ? b2 : b3;
    const xm = m == 0 ? x0 : m == 1 ? x1 : m == 2 ? x2 : x3;
    while (bits != 0) {
      const j = <usize>ctz(bits);
      bits &= bits - 1;
      store<u32>(list + (<usize>cnt << 3), <u32>xm);
      store<u32>(list + (<usize>cnt << 3) + 4, <u32>(centers + j * rowBytes));
      cnt++;
    }
  }
  for (let p = 0; p < cnt; p += 4) {
    const e = list + (<usize>p << 3);
    const last = list + (<usize>(cnt - 1) << 3);
    const e1 = p + 1 < cnt ? e + 8 : last, e2 = p + 2 < cnt ? e + 16 : last, e3 = p + 3 < cnt ? e + 24 : last;
    exactSq4(load<u32>(e), load<u32>(e1), load<u32>(e2), load<u32>(e3), load<u32>(e + 4), load<u32>(e1 + 4), load<u32>(e2 + 4), load<u32>(e3 + 4), d);
    v128.store(dists + (<usize>p << 3), gE0);
    v128.store(dists + (<usize>p << 3) + 16, gE1);
  }
  let at = 0;
  for (let m = 0; m < nr; m++) {
    let bits = m == 0 ? b0 : m == 1 ? b1 : m == 2 ? b2 : b3;
    const lo = labels + (<usize>m << 2), dOut = d2 + (<usize>m << 3);
    if (bits == 0) {
      // (cannot happen: the centre of tau is always kept) the plain loop
      finish(0, Infinity, m == 0 ? x0 : m == 1 ? x1 : m == 2 ? x2 : x3, centers, k, d, lo, dOut);
      continue;
    }
    let bi = 0;
    let bd = Infinity;
    while (bits != 0) {
      const j = <i32>ctz(bits);
      bits &= bits - 1;
      const e = load<f64>(dists + (<usize>at << 3));
      at++;
      if (e < bd) { bd = e; bi = j; }
    }
    store<i32>(lo, bi);
    store<f64>(dOut, bd);
  }
}
