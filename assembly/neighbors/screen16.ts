// The int16 screen of the exact brute force for separate queries (`knn_brute_heaps`): rows
// centred on the fit rows' mean c and quantised to integers, the dot products taken exactly in
// i32 lanes by `i32x4.dot_i16x8_s` (8 multiply-adds per instruction, twice the f32 screen's
// rate), and a rigorous bound from the quantisation alone. Rows it cannot exclude are re-ranked
// with the exact f64 sum of the original rows, so indices and distances stay bit-identical to
// `knn_brute_direct`.
//
// Quantisation: s = M / m, m = max |v_t - c_t| over the fit and query rows, M the largest
// integer with 3 dp M^2 <= 2^31 - 1 (dp = d rounded up to even; at most 32767); a row v becomes
// v~_t = nearest((v_t - c_t) s) clamped to [-M, M], so |v~_t - s (v_t - c_t)| <= h = 0.5 + 1e-9
// (the f64 difference and product add < 1e-11 at |.| <= M). Integer arithmetic is exact:
// N(x) = sum x~_t^2 <= dp M^2, |x~.q~| <= dp M^2, so N(x) - 2 x~.q~ fits an i32, and
// D~ = N(q) + N(x) - 2 x~.q~ = |x~ - q~|^2 exactly.
// Bound: the centre cancels in x - q, so by the triangle inequality
// |sqrt D~ - s |x - q|| <= |(x~ - s(x - c)) - (q~ - s(q - c))| <= 2 h sqrt d = E.
// The exact e (left-to-right f64 sum) is within (d + 2) 2^-53 relatively of |x - q|^2 (plus
// d 2^-1075 of underflow, below 1e-110 in D~ units as m >= 1e-100). Hence a row with
// D~ > T(root) = ((s sqrt(root) + E)(1 + 1e-9))^2 + 1 has e > root: it cannot enter the heap
// (the factor and the +1 absorb the relative and absolute errors and the f64 roundings of T).
// Upper bounds (k <= 16, first block of a query only): if k distinct rows have D~ <= tau, a row
// with D~ > ((sqrt(tau) + 2E)(1 + 1e-9))^2 + 1 is farther than all k of them (its |x - q| s
// exceeds theirs by a factor above 1 + 1e-9, which dominates the roundings of e): not among the
// k nearest, whatever the tie rule — provided their e cannot overflow, checked as
// ((sqrt(tau) + 2E)(1 + 1e-9) / s)^2 < 1e300.
// The path is taken when 16 <= nFit, d <= 64, and m is finite, >= 1e-100 and at most 32 times
// the fit rows' RMS deviation from c (beyond that the quantum grows against typical distances and
// the f32 screen of ./screen32.ts excludes more); otherwise the caller uses that screen.
//
// Scratch (inside `knn_brute_scratch_f64`'s size, which the f32 layout bounds): a 64-byte header
// (flag 2 at 0, s at 8, E at 16), the centre (d f64), 4 staged queries (dp / 2 v128: per
// dimension pair, one i32 of two i16 per query), the dot products of 4 queries with one cache
// block of rows (i32), K_TAU + 16 i32, then the rows: 4 rows per v128 per dimension pair
// ([x0[2t], x0[2t+1], x1[2t], .., x3[2t+1]], group after group), padded to a multiple of 8 rows
// with zeros, and N(x) per row (i32.MAX for padding rows: never a candidate, never below a cut).

import { kthSmallest, rerankRows, screenBlockRows } from './screen32';

/** Largest dimension for the int16 screen (M shrinks as 1 / sqrt(d)). */
const MAX_D16: i32 = 64;
/** Smallest fit set for the int16 screen (a first block with two real rows per lane column). */
const MIN_N16: i32 = 16;
/** Largest max / RMS deviation ratio for the int16 screen. */
const MAX_SPREAD: f64 = 32.0;
/** k up to which the first block selects with upper bounds (as ./screen32.ts). */
const K_TAU: i32 = 16;
/** Relative slack of every threshold (see the header). */
const SLACK: f64 = 1.0 + 1e-9;
const HEADER16: usize = 64;
const I32_MAX_F: f64 = 2147483647.0;

@inline
function padded8(n: i32): i32 {
  return ((n + 7) >> 3) << 3;
}

@inline
function header(pairs: usize): usize {
  return (pairs + 15) & ~(<usize>15);
}

@inline
function centre16(pairs: usize): usize {
  return header(pairs) + HEADER16;
}

@inline
function stage16(pairs: usize, d: i32): usize {
  return centre16(pairs) + ((<usize>d * 8 + 15) & ~(<usize>15));
}

@inline
function dots16(pairs: usize, d: i32): usize {
  return stage16(pairs, d) + (<usize>((d + 1) >> 1) << 4);
}

@inline
function taus16(pairs: usize, n: i32, d: i32): usize {
  return dots16(pairs, d) + (<usize>screenBlockRows(n, d) << 4);
}

/** After K_TAU i32 for the selection and 16 i32 for its candidates. */
@inline
function rows16(pairs: usize, n: i32, d: i32): usize {
  return taus16(pairs, n, d) + (<usize>(K_TAU + 16) << 2);
}

/** 1 when the last `prepare16` chose the int16 screen (flag 2). */
export function screenIsI16(pairs: usize): bool {
  return load<i32>(header(pairs)) == 2;
}

/** max |v_t - c_t| of the last row `quantiseRow` quantised (NaN propagates). */
let gDeviation: f64 = 0.0;

/**
 * Quantises one row (see the header) into i32 slots of two i16 (dimensions 2t, 2t + 1) at
 * dst + t * stride, a zero completing an odd dimension; returns N(row).
 */
@inline
function quantiseRow(x: usize, d: i32, centre: usize, s: f64, M: f64, dst: usize, stride: usize): i32 {
  const sv = f64x2.splat(s);
  const hi = f64x2.splat(M);
  const lo = f64x2.splat(-M);
  let norm = i32x4.splat(0);
  let dev = f64x2.splat(0.0);
  let nan = i64x2.splat(0);
  const dEven = d & ~1;
  let t = 0;
  for (; t < dEven; t += 2) {
    const o = <usize>t << 3;
    const a = f64x2.sub(v128.load(x + o), v128.load(centre + o));
    dev = f64x2.pmax(dev, f64x2.abs(a));
    nan = v128.or(nan, f64x2.ne(a, a));
    // pmin / pmax: one instruction each (the NaN-propagating min / max are long sequences on
    // x64); the same integers, NaN included (it stays NaN, and truncates to 0)
    const v = f64x2.pmin(f64x2.pmax(f64x2.nearest(f64x2.mul(a, sv)), lo), hi);
    const w = i32x4.trunc_sat_f64x2_s_zero(v);
    norm = i32x4.add(norm, i32x4.mul(w, w));
    store<i32>(dst + (<usize>(t >> 1)) * stride, i32x4.extract_lane(i16x8.narrow_i32x4_s(w, w), 0));
  }
  let last: i32 = 0;
  let devLast = 0.0;
  if (d & 1) {
    const v = load<f64>(x + (<usize>t << 3));
    const c = load<f64>(centre + (<usize>t << 3));
    devLast = Math.abs(v - c);
    last = quantise(v, c, s, M);
    store<i32>(dst + (<usize>(t >> 1)) * stride, last & 0xffff);
  }
  gDeviation = v128.any_true(nan) ? NaN : max(max(f64x2.extract_lane(dev, 0), f64x2.extract_lane(dev, 1)), devLast);
  return i32x4.extract_lane(norm, 0) + i32x4.extract_lane(norm, 1) + last * last;
}

/** nearest((v - c) s) clamped to [-M, M]. */
@inline
function quantise(v: f64, c: f64, s: f64, M: f64): i32 {
  return <i32>min(max(nearest((v - c) * s), -M), M);
}

/** Rows of the sample that sets the centre and the provisional range of `prepare16`. */
const SAMPLE_ROWS: i32 = 1024;
/** Margin of the provisional range over the sample's largest deviation. */
const RANGE_MARGIN: f64 = 1.5;

/**
 * max |v_t - c_t| over rows (`step` apart: every `step`-th row of `rows`; NaN when a difference
 * is NaN), the sum of squares at `sqOut` when non-zero. f64x2 lanes (two accumulators per
 * quantity, then an odd last dimension). The running max uses `pmax` (one instruction) and NaN
 * is tracked apart: wasm's NaN-propagating `f64x2.max` is a long instruction sequence on x64,
 * and in this loop-carried chain it made the pass 5x slower (1.96 ms over 50,000 x 20).
 */
export function maxDeviation(x0: usize, rows: i32, step: i32, d: i32, centre: usize, sqOut: usize): f64 {
  const rowBytes = <usize>d << 3;
  const d4 = d & ~3;
  const dEven = d & ~1;
  let mv0 = f64x2.splat(0.0);
  let mv1 = f64x2.splat(0.0);
  let sv0 = f64x2.splat(0.0);
  let sv1 = f64x2.splat(0.0);
  let nan = i64x2.splat(0);
  let mLast = 0.0;
  let sLast = 0.0;
  for (let i = 0; i < rows; i += step) {
    const x = x0 + <usize>i * rowBytes;
    let t = 0;
    for (; t < d4; t += 4) {
      const o = <usize>t << 3;
      const a = f64x2.sub(v128.load(x + o), v128.load(centre + o));
      const b = f64x2.sub(v128.load(x + o + 16), v128.load(centre + o + 16));
      mv0 = f64x2.pmax(mv0, f64x2.abs(a));
      mv1 = f64x2.pmax(mv1, f64x2.abs(b));
      nan = v128.or(nan, v128.or(f64x2.ne(a, a), f64x2.ne(b, b)));
      sv0 = f64x2.add(sv0, f64x2.mul(a, a));
      sv1 = f64x2.add(sv1, f64x2.mul(b, b));
    }
    if (t < dEven) {
      const o = <usize>t << 3;
      const a = f64x2.sub(v128.load(x + o), v128.load(centre + o));
      mv0 = f64x2.pmax(mv0, f64x2.abs(a));
      nan = v128.or(nan, f64x2.ne(a, a));
      sv0 = f64x2.add(sv0, f64x2.mul(a, a));
    }
    if (d & 1) {
      const a = load<f64>(x + (<usize>dEven << 3)) - load<f64>(centre + (<usize>dEven << 3));
      mLast = max(mLast, Math.abs(a));
      sLast += a * a;
    }
  }
  const sv = f64x2.add(sv0, sv1);
  if (sqOut) store<f64>(sqOut, f64x2.extract_lane(sv, 0) + f64x2.extract_lane(sv, 1) + sLast);
  if (v128.any_true(nan)) return NaN;
  const mv = f64x2.pmax(mv0, mv1);
  return max(max(f64x2.extract_lane(mv, 0), f64x2.extract_lane(mv, 1)), mLast);
}

/**
 * Quantises every fit row with range m (s = M / m) into the packed layout, padding rows zero
 * with N = i32.MAX; returns the fit rows' true max |x_t - c_t|: when it exceeds m, some value
 * was clamped and the packing must be redone with it.
 */
function packRows16(fit: usize, n: i32, d: i32, centre: usize, m: f64, M: f64, pk: usize, norms: usize): f64 {
  const s = M / m;
  const rowBytes = <usize>d << 3;
  const halfD = ((d + 1) & ~1) >> 1;
  const groupBytes = <usize>halfD << 4;
  const nPad = padded8(n);
  let worst = 0.0;
  for (let row = 0; row < nPad; row++) {
    const dst = pk + <usize>(row >> 2) * groupBytes + (<usize>(row & 3) << 2);
    if (row >= n) {
      for (let t = 0; t < halfD; t++) store<i32>(dst + (<usize>t << 4), 0);
      store<i32>(norms + (<usize>row << 2), i32.MAX_VALUE);
      continue;
    }
    store<i32>(norms + (<usize>row << 2), quantiseRow(fit + <usize>row * rowBytes, d, centre, s, M, dst, 16));
    worst = max(worst, gDeviation);
  }
  return worst;
}

/**
 * Centres and quantises the fit rows (flag 2) when the int16 screen applies (see the header);
 * returns false otherwise, with nothing changed but the flag (0). One pass over the fit rows in
 * the usual case: the centre and a provisional range come from a sample of rows (any centre
 * keeps the bound; only the range must cover every value), checked while packing.
 */
export function prepare16(fit: usize, n: i32, d: i32, query: usize, nQuery: i32, pairs: usize): bool {
  const h = header(pairs);
  store<i32>(h, 0);
  if (n < MIN_N16 || d < 1 || d > MAX_D16) return false;
  const centre = centre16(pairs);
  const sampled = sampleMean(fit, n, d, centre);
  if (sampled == 0) return false;
  const step = sampleStep(n);
  const sqAt = h + 32;
  const mSample = maxDeviation(fit, n, step, d, centre, sqAt);
  const mQuery = maxDeviation(query, nQuery, 1, d, centre, 0);
  const rms = Math.sqrt(load<f64>(sqAt) / (<f64>sampled * <f64>d));
  let m = max(mSample * RANGE_MARGIN, mQuery);
  // (NaN fails these tests too)
  if (!(m < Infinity) || !(mSample >= 1e-100) || !(m <= MAX_SPREAD * rms)) return false;
  const dp = (d + 1) & ~1;
  const M = gridMax(d);
  const pk = rows16(pairs, n, d);
  const norms = pk + <usize>(padded8(n) >> 2) * (<usize>(dp >> 1) << 4);
  const worst = packRows16(fit, n, d, centre, m, M, pk, norms);
  if (!(worst <= m)) {
    // a value beyond the provisional range (clamped): the true range, if still acceptable
    m = worst;
    if (!(m < Infinity) || !(m <= MAX_SPREAD * rms)) return false;
    packRows16(fit, n, d, centre, m, M, pk, norms);
  }
  store<f64>(h + 8, M / m);
  store<f64>(h + 16, gridError(d));
  store<f64>(h + 24, M);
  store<i32>(h, 2);
  return true;
}

/** M: the largest integer with 3 dp M^2 <= 2^31 - 1 (dp = d rounded up to even), at most 32767. */
export function gridMax(d: i32): f64 {
  return min(32767.0, Math.floor(Math.sqrt(I32_MAX_F / <f64>(3 * ((d + 1) & ~1)))));
}

/** E = 2 h sqrt(d) with h = 0.5 + 1e-9: the quantisation bound on |sqrt D~ - s |x - q|| (see the header). */
export function gridError(d: i32): f64 {
  return 2.0 * (0.5 + 1e-9) * Math.sqrt(<f64>d);
}

/** Every how many rows `sampleMean` takes one. */
export function sampleStep(n: i32): i32 {
  return max(1, n / SAMPLE_ROWS);
}

/**
 * The mean of about `SAMPLE_ROWS` evenly spaced rows of the `n` rows at `rows` (`d` f64 each)
 * into `out` (d f64): the centre of a quantisation grid (any centre keeps the bound). Returns
 * the number of rows sampled, or 0 when the mean is not finite.
 */
export function sampleMean(rows: usize, n: i32, d: i32, out: usize): i32 {
  const rowBytes = <usize>d << 3;
  const step = sampleStep(n);
  let sampled = 0;
  for (let t = 0; t < d; t++) store<f64>(out + (<usize>t << 3), 0.0);
  for (let i = 0; i < n; i += step) {
    const x = rows + <usize>i * rowBytes;
    for (let t = 0; t < d; t++) {
      const o = <usize>t << 3;
      store<f64>(out + o, load<f64>(out + o) + load<f64>(x + o));
    }
    sampled++;
  }
  for (let t = 0; t < d; t++) {
    const o = <usize>t << 3;
    const c = load<f64>(out + o) / <f64>sampled;
    if (!isFinite(c)) return 0;
    store<f64>(out + o, c);
  }
  return sampled;
}

/** The i32 cut on N(x) - 2 x~.q~ for D~ <= bound: floor(bound - N(q)), clamped to i32. */
@inline
function cutOf(bound: f64, nq: f64): i32 {
  const c = Math.floor(bound - nq);
  return c >= I32_MAX_F ? i32.MAX_VALUE : <i32>c; // bound >= 0 and N(q) < 2^31: c > -2^31
}

/** The cut of a heap root (+inf: no exclusion). */
@inline
function rootCut(root: f64, s: f64, E: f64, nq: f64): i32 {
  if (!(root < Infinity)) return i32.MAX_VALUE;
  const r = (s * Math.sqrt(root) + E) * SLACK;
  return cutOf(r * r + 1.0, nq);
}

/** Stages 4 queries (missing ones: zeros) as i32 pairs of i16 per dimension pair, and N(q) per query at `nqAt` (f64). */
function stage(q: usize, valid: i32, d: i32, centre: usize, s: f64, M: f64, dst: usize, nqAt: usize): void {
  const rowBytes = <usize>d << 3;
  const halfD = ((d + 1) & ~1) >> 1;
  for (let m = 0; m < 4; m++) {
    const at = dst + (<usize>m << 2);
    let norm: i32 = 0;
    if (m < valid) norm = quantiseRow(q + <usize>m * rowBytes, d, centre, s, M, at, 16);
    else for (let t = 0; t < halfD; t++) store<i32>(at + (<usize>t << 4), 0);
    store<f64>(nqAt + (<usize>m << 3), <f64>norm);
  }
}

// Results of dots16x8: four queries (a, b, c, e) x eight packed rows (0: rows 0-3, 1: rows 4-7).
let gA0 = i32x4.splat(0); let gA1 = i32x4.splat(0); let gB0 = i32x4.splat(0); let gB1 = i32x4.splat(0);
let gC0 = i32x4.splat(0); let gC1 = i32x4.splat(0); let gE0 = i32x4.splat(0); let gE1 = i32x4.splat(0);

/** Exact dot products of four staged queries with two packed 4-row groups (8 i32x4 sums). */
@inline
function dots16x8(pp0: usize, pp1: usize, q: usize, halfD: i32): void {
  let a0 = i32x4.splat(0), a1 = i32x4.splat(0), b0 = i32x4.splat(0), b1 = i32x4.splat(0);
  let c0 = i32x4.splat(0), c1 = i32x4.splat(0), e0 = i32x4.splat(0), e1 = i32x4.splat(0);
  for (let t = 0; t < halfD; t++) {
    const o = <usize>t << 4;
    const f0 = v128.load(pp0 + o);
    const f1 = v128.load(pp1 + o);
    const xa = v128.load32_splat(q + o);
    a0 = i32x4.add(a0, i32x4.dot_i16x8_s(f0, xa));
    a1 = i32x4.add(a1, i32x4.dot_i16x8_s(f1, xa));
    const xb = v128.load32_splat(q + o + 4);
    b0 = i32x4.add(b0, i32x4.dot_i16x8_s(f0, xb));
    b1 = i32x4.add(b1, i32x4.dot_i16x8_s(f1, xb));
    const xc = v128.load32_splat(q + o + 8);
    c0 = i32x4.add(c0, i32x4.dot_i16x8_s(f0, xc));
    c1 = i32x4.add(c1, i32x4.dot_i16x8_s(f1, xc));
    const xd = v128.load32_splat(q + o + 12);
    e0 = i32x4.add(e0, i32x4.dot_i16x8_s(f0, xd));
    e1 = i32x4.add(e1, i32x4.dot_i16x8_s(f1, xd));
  }
  gA0 = a0; gA1 = a1; gB0 = b0; gB1 = b1; gC0 = c0; gC1 = c1; gE0 = e0; gE1 = e1;
}

/** N(x) - 2 x~.q~ for 4 rows. */
@inline
function screenValues16(dot: v128, nx: v128): v128 {
  return i32x4.sub(nx, i32x4.shl(dot, 1));
}

/**
 * Separate queries on the int16-packed fit rows (`prepare16` done, heaps reset): per cache block
 * of fit rows and group of 4 queries, the exact dot products (4 queries x 8 rows per register
 * block), then per query the screen against the cut of its heap root (and, in its first block,
 * of its k-th smallest upper bound); survivors re-ranked exactly. Query i + m skips fit row
 * `i + m` with `excludeSelf`.
 */
export function bruteQueries16(
  fit: usize, nFit: i32, d: i32, query: usize, nQuery: i32, k: i32, excludeSelf: i32,
  outIdx: usize, outDist: usize, pairs: usize,
): void {
  const h = header(pairs);
  const s = load<f64>(h + 8);
  const E = load<f64>(h + 16);
  const M = load<f64>(h + 24);
  const nqAt = h + 32; // 4 f64: N(q) of the staged queries
  const centre = centre16(pairs);
  const stg = stage16(pairs, d);
  const dots = dots16(pairs, d);
  const taus = taus16(pairs, nFit, d);
  const pk = rows16(pairs, nFit, d);
  const nPad = padded8(nFit);
  const nB = nPad >> 3;
  const halfD = ((d + 1) & ~1) >> 1;
  const groupBytes = <usize>halfD << 4;
  const norms = pk + <usize>(nPad >> 2) * groupBytes;
  const rowBytes = <usize>d << 3;
  const kBytes = <usize>k << 3;
  const kIdx = <usize>k << 2;
  const bb = screenBlockRows(nFit, d) >> 3;
  const useTau = k <= K_TAU && !excludeSelf;
  for (let b0 = 0; b0 < nB; b0 += bb) {
    const b1 = min(b0 + bb, nB);
    const valStride = <usize>(8 * (b1 - b0)) << 2;
    for (let i = 0; i < nQuery; i += 4) {
      const valid = min(4, nQuery - i);
      const qa = query + <usize>i * rowBytes;
      stage(qa, valid, d, centre, s, M, stg, nqAt);
      for (let b = b0; b < b1; b++) {
        const pp0 = pk + <usize>(2 * b) * groupBytes;
        dots16x8(pp0, pp0 + groupBytes, stg, halfD);
        const vo = <usize>(8 * (b - b0)) << 2;
        v128.store(dots + vo, gA0);
        v128.store(dots + vo + 16, gA1);
        v128.store(dots + valStride + vo, gB0);
        v128.store(dots + valStride + vo + 16, gB1);
        v128.store(dots + 2 * valStride + vo, gC0);
        v128.store(dots + 2 * valStride + vo + 16, gC1);
        v128.store(dots + 3 * valStride + vo, gE0);
        v128.store(dots + 3 * valStride + vo + 16, gE1);
      }
      const rowA = <usize>i * <usize>k;
      for (let m = 0; m < valid; m++) {
        const skip = excludeSelf ? i + m : -1;
        screenQuery16(dots + <usize>m * valStride, 8 * b0, 8 * b1, norms, load<f64>(nqAt + (<usize>m << 3)), useTau ? k : 0,
          taus, qa + <usize>m * rowBytes, fit, d, nFit, skip, outDist + ((rowA + <usize>m * <usize>k) << 3),
          outIdx + ((rowA + <usize>m * <usize>k) << 2), k, s, E);
      }
    }
  }
}

/** The screen of one query over the rows [j0, j1) of a cache block (dot products at `dots`). */
function screenQuery16(
  dots: usize, j0: i32, j1: i32, norms: usize, nq: f64, kTau: i32, taus: usize, q: usize, fit: usize, d: i32, n: i32,
  skip: i32, outD: usize, outI: usize, k: i32, s: f64, E: f64,
): void {
  const root = load<f64>(outD);
  let cut = i32.MAX_VALUE;
  if (kTau > 0 && !(root < Infinity)) {
    // the two smallest values of each of the 8 lane columns: 16 distinct real rows (the block
    // holds at least 16, padding rows have N = i32.MAX), of which the kTau-th smallest bounds tau
    const big = i32x4.splat(i32.MAX_VALUE);
    let lo0 = big, hi0 = big, lo1 = big, hi1 = big;
    for (let j = j0; j < j1; j += 8) {
      const xo = <usize>j << 2;
      const vo = <usize>(j - j0) << 2;
      const u0 = screenValues16(v128.load(dots + vo), v128.load(norms + xo));
      const u1 = screenValues16(v128.load(dots + vo + 16), v128.load(norms + xo + 16));
      hi0 = i32x4.min_s(hi0, i32x4.max_s(lo0, u0));
      lo0 = i32x4.min_s(lo0, u0);
      hi1 = i32x4.min_s(hi1, i32x4.max_s(lo1, u1));
      lo1 = i32x4.min_s(lo1, u1);
    }
    const vals = taus + (<usize>K_TAU << 2);
    v128.store(vals, lo0);
    v128.store(vals + 16, lo1);
    v128.store(vals + 32, hi0);
    v128.store(vals + 48, hi1);
    const tau = <f64>kthSmallest<i32>(vals, 16, taus, kTau, i32.MAX_VALUE) + nq; // D~ of the kTau-th candidate
    const r = (Math.sqrt(tau) + 2.0 * E) * SLACK;
    // the k candidates' exact e must not overflow for the bound to hold: |x - q| <= r / s
    const reach = r / s;
    if (reach * reach < 1e300) cut = cutOf(r * r + 1.0, nq);
  }
  let c = i32x4.splat(min(cut, rootCut(root, s, E, nq)));
  for (let j = j0; j < j1; j += 8) {
    const xo = <usize>j << 2;
    const vo = <usize>(j - j0) << 2;
    const w0 = screenValues16(v128.load(dots + vo), v128.load(norms + xo));
    const w1 = screenValues16(v128.load(dots + vo + 16), v128.load(norms + xo + 16));
    const out = i32x4.bitmask(i32x4.gt_s(w0, c)) | (i32x4.bitmask(i32x4.gt_s(w1, c)) << 4);
    if (out == 0xff) continue;
    if (rerankRows(~out & 0xff, q, fit, d, j, n, skip, outD, outI, k)) {
      c = i32x4.splat(min(cut, rootCut(load<f64>(outD), s, E, nq)));
    }
  }
}
