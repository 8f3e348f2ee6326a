// The float32 screen of the exact brute force (./brute.ts): the same idea as its f64 screen
// (a cheap expansion of |q - x|^2 under a rigorous rounding bound; the rows it cannot exclude are
// re-ranked with the exact f64 sum e = sum (q_t - x_t)^2 of the original rows, so indices and
// distances are bit-identical to `knn_brute_direct`), but in f32x4 lanes (twice the lanes of
// f64x2) on rows centred on the fit rows' mean c and scaled by a power of two p = 2^s chosen from
// the fit rows (max |x_t - c_t| p in [1, 2); s clamped to [-1000, 1000]): data shifted by 1e6 or
// scaled to 1e-30 or 1e200 still fit f32 and screen tightly.
//
// Notation (reals): u = 2^-24 (f32 unit roundoff), u64 = 2^-53; y_t = p (q_t - c_t),
// z_t = p (x_t - c_t); Q' = sum y_t^2, X' = sum z_t^2, S = Q' + X'; D = sum (y_t - z_t)^2 = p^2 times
// the exact distance (translation and power-of-two scaling change nothing). Computed in f32:
// qf_t, xf_t (the converted rows), nq = fl(sum qf_t^2), nx likewise, g = fl(sum qf_t xf_t)
// (left to right; N = nq + nx), and c = (4d + 20) u.
//  1. Conversion. qf_t = f32(f64(q_t - c_t) * p): the f64 difference has relative error <= u64 (a
//     subnormal difference is exact), the product by p is exact but for an f64 underflow
//     (<= 2^-1075), the f32 rounding is <= u relative or 2^-150 absolute (underflow): |qf_t - y_t|
//     <= u'|y_t| + 2^-149, u' = u (1 + 2^-28). With Df = sum (qf_t - xf_t)^2, the triangle inequality
//     gives |sqrt Df - sqrt D| <= delta = u' R + eps, R = sqrt Q' + sqrt X' (>= sqrt D, R^2 <= 2S),
//     eps = 2 sqrt(d) 2^-149, hence |Df - D| <= 2 delta R + delta^2 <= (4u' + u) S + eps^2 / u + ...
//     (2 eps R <= u R^2 + eps^2 / u) <= 6u S + d 2^-270.
//  2. f32 arithmetic: |nq - Qf| <= d u Qf, |nx - Xf| <= d u Xf, |2g - 2 qf.xf| <= d u (Qf + Xf), so
//     a = N - 2g (exactly, in reals) has |a - Df| <= 2d u (Qf + Xf) (+ (3d + 3) 2^-150 of underflow).
//  3. The exact e (f64, original units): |e - D/p^2| <= (d + 2) u64 D/p^2 + d 2^-1075 (each square
//     that underflows loses <= 2^-1075; subnormal sums are exact; e cannot overflow where it
//     matters: below the heap's finite root). Scaled: <= 2 (d + 2) u64 S + d 2^(2s - 1075) <= u S + ...
//  So |a - e p^2| <= (2d + 7) u S + A, A = (3d + 4) 2^-150 + d 2^-270 + d 2^(2s - 1075), first order
//  (S and N differ by (d + 4) u relatively). We take twice that, as ./brute.ts does (the factor
//  absorbs the second-order terms for d <= 2^20, beyond which this path is not used, and the
//  roundings below): T = (d + 1) 2^-146 + d 2^(2s - 1074) and the factors 1 -/+ c on the norms.
// Screen (exclusion): hx = fl((1 - c) nx) / 2 per fit row (1 - c is exact in f32), hq likewise,
//  w = fl(fl(hq + hx) - g). Skip the row when w > rho, rho an f32 >= (root p^2 + T) / 2:
//  w > rho => fl(hq + hx) - g > rho (rounding is monotone and rho representable) and
//  fl(hq + hx) <= (1 - c)(1 + 3u) N / 2 + 7 2^-151, so a > 2 rho + (c - 3u) N - 7 2^-150, and
//  e p^2 >= a - (2d + 7) u S - A > 2 rho - T >= root p^2: e > root, the row cannot enter the heap.
//  rho = f32(((root p p + T) (1 + 2^-20) + 2^-140) / 2): the products by p are exact (an underflow
//  loses <= 2^-1074; an overflow gives +inf: no exclusion), the factor and 2^-140 cover the f64
//  and f32 roundings (2^-53 relative; 2^-24 relative or 2^-150 absolute). An f32 threshold keeps
//  the test in f32x4 (promoting w would need two f64x2 compares per four rows). A heap root of
//  +inf gives rho = +inf: nothing excluded.
// Upper bounds (separate queries, k <= 16): U = fl(fl(hq+ + hx+) - g) with hx+ = fl((1 + c) nx) / 2
//  (1 + c exact: 4d + 20 is even) gives, with the roundings taken the other way, e p^2 <= 2U + T
//  while e p^2 < 1.8e308 p^2 (checked: (2 tau + T) / p^2 < 2^1000). If k distinct candidate rows
//  have U <= tau, a row with w > f32 >= tau + T has e p^2 > 2 tau + T >= e' p^2 for all k of them:
//  it is not among the k nearest, whatever the tie rule.
// Overflow: the fit rows are scaled below 2, so only a query can overflow f32; a query with
//  nq >= 2^100 gets hq = NaN (w, U NaN: never excluded, never a bound), which keeps every other
//  value finite. Tests are written !(w > rho): NaN is re-ranked.
// The path is used when the fit rows' mean and max |x_t - c_t| are finite and d <= 2^20;
// otherwise ./brute.ts screens in f64 (flag 0).
//
// Scratch (`pairs`, `knn_brute_scratch_f64` f64): a 16-byte aligned header, the centre (d f64), a
// staged 4-query group (d v128), the rho of the fit rows' heaps (f32 per row, -inf for padding
// rows), K_TAU f32 for the selection of tau, the dot products of 4 queries with one cache block
// of rows, then the data: in f32 mode the fit rows padded to a multiple of 8, 4 rows interleaved
// per v128 ([x_4g[t], .., x_4g+3[t]], group after group), then hx and hx+ per row (hx+ = +inf for
// padding rows); in f64 mode the packed pairs and norms of ./brute.ts.

import { heapOffer } from './heap';

/** Rounds a root's f64 scaled value up before the f32 rounding: 1 + 2^-20. */
const ROUND_UP: f64 = 1.0 + 1.0 / 1048576.0;
/** 2^-140: absolute slack of a rounded-up root (f32 underflow, f64 underflow of root p p). */
const ROOT_TINY: f64 = 7.174648137343064e-43;
/** 2^-146: the f32 underflow term of T, per dimension. */
const F32_TINY: f64 = 1.1210387714598537e-44;
/** 2^-537: half of the exponent of the f64 underflow term 2^-1074 of T. */
const HALF_F64_TINY: f64 = 2.2227587494850775e-162;
/** 2^-24, the f32 unit roundoff. */
const U32: f64 = 5.960464477539063e-8;
/** Largest dimension for the f32 path (keeps the second-order terms inside the factor 2). */
const MAX_D32: i32 = 1 << 20;

/** Fit rows padded to a multiple of 8 (two 4-row groups per block of `bruteQueries32`). */
@inline
function padded8(n: i32): i32 {
  return ((n + 7) >> 3) << 3;
}

/** k up to which separate queries select with upper bounds first (see `bruteQueries32`). */
const K_TAU: i32 = 16;

// header (bytes): flag i32 at 0, p f64 at 8, T f64 at 16, 1 - c (f32x4) at 32, 1 + c at 48, the
// staged queries' (1 - c) |q|^2 / 2 at 64 and (1 + c) |q|^2 / 2 at 80, their rho at 96, a 64-byte temp at 112
const HEADER_BYTES: usize = 192;

@inline
function headerPtr(pairs: usize): usize {
  return (pairs + 15) & ~(<usize>15);
}

@inline
function centrePtr(pairs: usize): usize {
  return headerPtr(pairs) + HEADER_BYTES;
}

@inline
function stagePtr(pairs: usize, d: i32): usize {
  return centrePtr(pairs) + ((<usize>d * 8 + 15) & ~(<usize>15));
}

@inline
function rootsPtr(pairs: usize, d: i32): usize {
  return stagePtr(pairs, d) + (<usize>d << 4);
}

/** K_TAU f32 for the selection of tau in `bruteQueries32`. */
@inline
function tausPtr(pairs: usize, n: i32, d: i32): usize {
  return rootsPtr(pairs, d) + ((<usize>padded8(n) * 4 + 15) & ~(<usize>15));
}

/** Fit rows per cache block of `bruteQueries32` (a multiple of 8). */
@inline
function blockRows(n: i32, d: i32): i32 {
  return 8 * min(blockRows8(d), padded8(n) >> 3);
}

/** Fit rows per cache block of the screens (./screen16.ts uses the same blocks). */
export function screenBlockRows(n: i32, d: i32): i32 {
  return blockRows(n, d);
}

/** The screened values of 4 queries against one cache block of rows (`bruteQueries32`). */
@inline
function valuesPtr(pairs: usize, n: i32, d: i32): usize {
  return tausPtr(pairs, n, d) + (<usize>K_TAU << 2);
}

/** Start of the packed data (f32 or f64 mode) in the scratch. */
export function scratchData(pairs: usize, n: i32, d: i32): usize {
  return valuesPtr(pairs, n, d) + (<usize>blockRows(n, d) << 4);
}

/** Bytes of the scratch before the data, plus alignment slack (see `scratchData`). */
export function scratchHeadBytes(n: i32, d: i32): i32 {
  return 16 + <i32>HEADER_BYTES + (d * 8 + 15) + d * 16 + (padded8(n) * 4 + 15) + (K_TAU << 2) + (blockRows(n, d) << 4);
}

/** Bytes of the f32-mode data: packed rows and their two scaled norms. */
export function scratchF32Bytes(n: i32, d: i32): i32 {
  return padded8(n) * d * 4 + padded8(n) * 8;
}

/** 1 when the last preparation chose the f32 screen. */
export function screenIsF32(pairs: usize): bool {
  return load<i32>(headerPtr(pairs)) == 1;
}

/** Exact squared distance: left-to-right sum of (q_t - x_t)^2 (bit-identical to the direct kernel's lanes). */
@inline
export function exactSq(q: usize, x: usize, d: i32): f64 {
  let s = 0.0;
  for (let t = 0; t < d; t++) {
    const diff = load<f64>(q + (<usize>t << 3)) - load<f64>(x + (<usize>t << 3));
    s += diff * diff;
  }
  return s;
}

/** rho: an f32 >= (root p^2 + T) / 2, the threshold of the screen (see the bound above). */
@inline
function rootUp(root: f64, p: f64, tiny: f64): f32 {
  return <f32>(((root * p * p + tiny) * ROUND_UP + ROOT_TINY) * 0.5);
}

/**
 * Packs the `n` rows at `rows` (d f64 each), centred on `centre` and scaled by `p`, into f32
 * groups of 4 rows interleaved per dimension at `dst` (`nGroups` groups of d v128; lanes past
 * row n are zeros), and writes per lane `lo` = fl((1 - c) |x'|^2) / 2 and `hi` =
 * fl((1 + c) |x'|^2) / 2 (`nGroups` v128 each; c = (4d + 20) 2^-24, the bound's factor). Shared
 * with the k-means screen, whose rows are the centres (../clusterScreen.ts).
 */
export function packScaled32(rows: usize, n: i32, nGroups: i32, d: i32, centre: usize, p: f64, dst: usize, lo: usize, hi: usize): void {
  const cm = f32x4.splat(<f32>(1.0 - <f64>(4 * d + 20) * U32)); // 1 - c, exact in f32
  const cp = f32x4.splat(<f32>(1.0 + <f64>(4 * d + 20) * U32)); // 1 + c, exact (4d + 20 is even)
  const rowBytes = <usize>d << 3;
  const groupBytes = <usize>d << 4;
  const half = f32x4.splat(0.5);
  for (let g = 0; g < nGroups; g++) {
    const out = dst + <usize>g * groupBytes;
    for (let l = 0; l < 4; l++) {
      const row = 4 * g + l;
      const x = rows + <usize>row * rowBytes;
      for (let t = 0; t < d; t++) {
        const v: f32 = row < n ? <f32>((load<f64>(x + (<usize>t << 3)) - load<f64>(centre + (<usize>t << 3))) * p) : 0;
        store<f32>(out + (<usize>t << 4) + (<usize>l << 2), v);
      }
    }
    let acc = f32x4.splat(0);
    for (let t = 0; t < d; t++) {
      const v = v128.load(out + (<usize>t << 4));
      acc = f32x4.add(acc, f32x4.mul(v, v));
    }
    v128.store(lo + (<usize>g << 4), f32x4.mul(f32x4.mul(cm, acc), half));
    v128.store(hi + (<usize>g << 4), f32x4.mul(f32x4.mul(cp, acc), half));
  }
}

/**
 * The mean of `n` rows (`n x d` at `rows`) into `centre` (d f64), and the power of two p = 2^s
 * with max |x_t - c_t| p in [1, 2) (s clamped to [-1000, 1000]: subnormal or zero spread); 0
 * when the mean or the spread is not finite. Shared with the k-means screen (../clusterScreen.ts).
 */
export function centreAndScale(rows: usize, n: i32, d: i32, centre: usize): f64 {
  const rowBytes = <usize>d << 3;
  for (let t = 0; t < d; t++) store<f64>(centre + (<usize>t << 3), 0.0);
  for (let i = 0; i < n; i++) {
    const x = rows + <usize>i * rowBytes;
    for (let t = 0; t < d; t++) {
      const o = <usize>t << 3;
      store<f64>(centre + o, load<f64>(centre + o) + load<f64>(x + o));
    }
  }
  for (let t = 0; t < d; t++) {
    const o = <usize>t << 3;
    const c = load<f64>(centre + o) / <f64>n;
    if (!isFinite(c)) return 0.0;
    store<f64>(centre + o, c);
  }
  let m = 0.0;
  for (let i = 0; i < n; i++) {
    const x = rows + <usize>i * rowBytes;
    for (let t = 0; t < d; t++) {
      const o = <usize>t << 3;
      const a = Math.abs(load<f64>(x + o) - load<f64>(centre + o));
      if (a > m) m = a;
    }
  }
  if (!(m < Infinity)) return 0.0;
  let s = 0;
  if (m > 0) s = 1023 - <i32>((reinterpret<u64>(m) >> 52) & 0x7ff);
  s = min(max(s, -1000), 1000);
  return reinterpret<f64>(<u64>(s + 1023) << 52);
}

/**
 * Centres, scales and packs the fit rows in f32 with their norms, and sets the rounded-up roots
 * of fresh heaps (+inf; -inf for padding rows). Returns false (flag 0, nothing packed) when the
 * f32 screen cannot be used: then the caller packs for the f64 screen.
 */
export function prepare32(fit: usize, n: i32, d: i32, pairs: usize): bool {
  const h = headerPtr(pairs);
  store<i32>(h, 0);
  if (n <= 0 || d <= 0 || d > MAX_D32) return false;
  const centre = centrePtr(pairs);
  const rowBytes = <usize>d << 3;
  const p = centreAndScale(fit, n, d, centre);
  if (p == 0.0) return false;
  const nPad = padded8(n);
  const pk = scratchData(pairs, n, d);
  const cm = f32x4.splat(<f32>(1.0 - <f64>(4 * d + 20) * U32)); // 1 - c, exact in f32
  const cp = f32x4.splat(<f32>(1.0 + <f64>(4 * d + 20) * U32)); // 1 + c, exact (4d + 20 is even)
  const norms = pk + <usize>nPad * <usize>d * 4;
  const normsUp = norms + (<usize>nPad << 2);
  packScaled32(fit, n, nPad >> 2, d, centre, p, pk, norms, normsUp);
  // padding rows: no upper bound (bruteQueries32 must not count them among the k)
  for (let r = n; r < nPad; r++) store<f32>(normsUp + (<usize>r << 2), Infinity);
  const roots = rootsPtr(pairs, d);
  for (let r = 0; r < nPad; r++) store<f32>(roots + (<usize>r << 2), r < n ? Infinity : -Infinity);
  const q = p * HALF_F64_TINY;
  store<f64>(h + 8, p);
  store<f64>(h + 16, <f64>(d + 1) * F32_TINY + <f64>d * q * q);
  v128.store(h + 32, cm);
  v128.store(h + 48, cp);
  store<i32>(h, 1);
  return true;
}

/** Screened values w = (hq + hx) - q.x of one query against 4 rows (h: (1 - c) |.|^2 / 2). */
@inline
function screenValues(acc: v128, hq: v128, hx: v128): v128 {
  return f32x4.sub(f32x4.add(hq, hx), acc);
}

/** Bit l set when lane l of `v` exceeds `r` (the row is excluded). */
@inline
function outMask(v: v128, r: v128): i32 {
  return i32x4.bitmask(f32x4.gt(v, r));
}

/**
 * Re-ranks the rows j + l (bit l of `keep`) exactly for one query (f64 row `q`) whose heap is
 * at outD/outI, skipping padding rows (>= n) and row `skip`; true when the heap changed.
 * Shared by the screens (./screen16.ts too).
 */
export function rerankRows(keep: i32, q: usize, fit: usize, d: i32, j: i32, n: i32, skip: i32, outD: usize, outI: usize, k: i32): bool {
  let changed = false;
  while (keep != 0) {
    const jj = j + ctz(keep);
    keep &= keep - 1;
    if (jj < n && jj != skip) {
      const e = exactSq(q, fit + ((<usize>jj * <usize>d) << 3), d);
      if (e <= load<f64>(outD)) {
        heapOffer(outD, outI, k, e, jj);
        changed = true;
      }
    }
  }
  return changed;
}

/** `rerankRows`, then the query's rounded-up root (the f32 at `rootAt`) when the heap changed. */
function rerank(
  keep: i32, q: usize, fit: usize, d: i32, j: i32, n: i32, skip: i32, outD: usize, outI: usize, k: i32, rootAt: usize, p: f64, tiny: f64,
): void {
  if (rerankRows(keep, q, fit, d, j, n, skip, outD, outI, k)) store<f32>(rootAt, rootUp(load<f64>(outD), p, tiny));
}

/**
 * Self queries, fit side: offers query rows i0 + m (bit 4m + l of `keep`) to the heaps of fit
 * rows j + l.
 */
function rerankBack(
  keep: i32, fit: usize, d: i32, i0: i32, j: i32, n: i32, outIdx: usize, outDist: usize, k: i32, roots: usize, p: f64, tiny: f64,
): void {
  while (keep != 0) {
    const b = ctz(keep);
    keep &= keep - 1;
    const i = i0 + (b >> 2);
    const jj = j + (b & 3);
    if (i < n && jj < n) {
      const row = <usize>jj * <usize>k;
      const outD = outDist + (row << 3);
      const e = exactSq(fit + ((<usize>jj * <usize>d) << 3), fit + ((<usize>i * <usize>d) << 3), d);
      if (e <= load<f64>(outD)) {
        heapOffer(outD, outIdx + (row << 2), k, e, i);
        store<f32>(roots + (<usize>jj << 2), rootUp(load<f64>(outD), p, tiny));
      }
    }
  }
}

/** Fit side of 4 queries x 4 rows j..j+3: screens against the rows' own rounded-up roots. */
@inline
function screenBack(
  va: v128, vb: v128, vc: v128, vd: v128, fit: usize, d: i32, i0: i32, j: i32, n: i32,
  outIdx: usize, outDist: usize, k: i32, roots: usize, p: f64, tiny: f64,
): void {
  const r = v128.load(roots + (<usize>j << 2));
  const out = outMask(va, r) | (outMask(vb, r) << 4) | (outMask(vc, r) << 8) | (outMask(vd, r) << 12);
  if (out != 0xffff) rerankBack(~out & 0xffff, fit, d, i0, j, n, outIdx, outDist, k, roots, p, tiny);
}

/**
 * Stages queries [q, q + valid rows) as one interleaved f32 group (missing queries: zeros) and
 * their (1 - c) |q|^2 / 2 (at `normsAt`) and (1 + c) |q|^2 / 2 (at `normsAt` + 16); NaN (never
 * excluded, never a bound) when |q|^2 is not below 2^100, which keeps every other value of the
 * screen finite (the fit rows are scaled below 2).
 */
function stageQueries(q: usize, valid: i32, d: i32, centre: usize, p: f64, stage: usize, normsAt: usize, cm: v128, cp: v128): void {
  const rowBytes = <usize>d << 3;
  let acc = f32x4.splat(0);
  for (let t = 0; t < d; t++) {
    const o = <usize>t << 3;
    const c = load<f64>(centre + o);
    const dst = stage + (<usize>t << 4);
    for (let m = 0; m < 4; m++) {
      const v: f32 = m < valid ? <f32>((load<f64>(q + <usize>m * rowBytes + o) - c) * p) : 0;
      store<f32>(dst + (<usize>m << 2), v);
    }
    const v = v128.load(dst);
    acc = f32x4.add(acc, f32x4.mul(v, v));
  }
  const ok = f32x4.lt(acc, f32x4.splat(1.2676506002282294e30));
  const nan = f32x4.splat(NaN);
  const half = f32x4.splat(0.5);
  v128.store(normsAt, v128.bitselect(f32x4.mul(f32x4.mul(cm, acc), half), nan, ok));
  v128.store(normsAt + 16, v128.bitselect(f32x4.mul(f32x4.mul(cp, acc), half), nan, ok));
}

/** 8-row blocks per cache block of `bruteQueries32` (about 64 KiB of f32 rows). */
@inline
function blockRows8(d: i32): i32 {
  const b = 2048 / d;
  return b < 4 ? 4 : b;
}

/**
 * The k-th smallest of the `count` values (f32 or i32) at `values`, via a sorted `sorted` of k
 * that starts full of `empty` (+inf, or i32.MAX); NaN values are skipped. Shared with ./screen16.ts.
 */
export function kthSmallest<T>(values: usize, count: i32, sorted: usize, k: i32, empty: T): T {
  const size = <usize>sizeof<T>();
  for (let r = 0; r < k; r++) store<T>(sorted + <usize>r * size, empty);
  for (let i = 0; i < count; i++) {
    const u = load<T>(values + <usize>i * size);
    let pos = k - 1;
    if (!(u < load<T>(sorted + <usize>pos * size))) continue;
    while (pos > 0 && load<T>(sorted + <usize>(pos - 1) * size) > u) {
      store<T>(sorted + <usize>pos * size, load<T>(sorted + <usize>(pos - 1) * size));
      pos--;
    }
    store<T>(sorted + <usize>pos * size, u);
  }
  return load<T>(sorted + <usize>(k - 1) * size);
}

// Results of dots4x8: four queries (a, b, c, e) x eight packed rows (0: rows 0-3, 1: rows 4-7).
let gA0 = f32x4.splat(0); let gA1 = f32x4.splat(0); let gB0 = f32x4.splat(0); let gB1 = f32x4.splat(0);
let gC0 = f32x4.splat(0); let gC1 = f32x4.splat(0); let gE0 = f32x4.splat(0); let gE1 = f32x4.splat(0);

/**
 * Dot products of four staged f32 queries (`q`: dimension-interleaved, 4 per v128) with two
 * packed 4-row groups (`pp0`, `pp1`): eight independent f32x4 sums, each packed value loaded once.
 */
@inline
function dots4x8(pp0: usize, pp1: usize, q: usize, d: i32): void {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), b0 = f32x4.splat(0), b1 = f32x4.splat(0);
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), e0 = f32x4.splat(0), e1 = f32x4.splat(0);
  for (let t = 0; t < d; t++) {
    const o = <usize>t << 4;
    const f0 = v128.load(pp0 + o);
    const f1 = v128.load(pp1 + o);
    const xa = v128.load32_splat(q + o);
    a0 = f32x4.add(a0, f32x4.mul(xa, f0));
    a1 = f32x4.add(a1, f32x4.mul(xa, f1));
    const xb = v128.load32_splat(q + o + 4);
    b0 = f32x4.add(b0, f32x4.mul(xb, f0));
    b1 = f32x4.add(b1, f32x4.mul(xb, f1));
    const xc = v128.load32_splat(q + o + 8);
    c0 = f32x4.add(c0, f32x4.mul(xc, f0));
    c1 = f32x4.add(c1, f32x4.mul(xc, f1));
    const xd = v128.load32_splat(q + o + 12);
    e0 = f32x4.add(e0, f32x4.mul(xd, f0));
    e1 = f32x4.add(e1, f32x4.mul(xd, f1));
  }
  gA0 = a0; gA1 = a1; gB0 = b0; gB1 = b1; gC0 = c0; gC1 = c1; gE0 = e0; gE1 = e1;
}

/** `dots4x8` for one packed 4-row group `pp`: results in gA0, gB0, gC0, gE0 (same sums, same order). */
@inline
function dots4x4(pp: usize, q: usize, d: i32): void {
  let a0 = f32x4.splat(0), b0 = f32x4.splat(0), c0 = f32x4.splat(0), e0 = f32x4.splat(0);
  for (let t = 0; t < d; t++) {
    const o = <usize>t << 4;
    const f0 = v128.load(pp + o);
    a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(q + o), f0));
    b0 = f32x4.add(b0, f32x4.mul(v128.load32_splat(q + o + 4), f0));
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(q + o + 8), f0));
    e0 = f32x4.add(e0, f32x4.mul(v128.load32_splat(q + o + 12), f0));
  }
  gA0 = a0; gB0 = b0; gC0 = c0; gE0 = e0;
}

/**
 * Separate queries on the f32-packed fit rows (`prepare32` done, heaps reset). Per cache block of
 * fit rows and group of 4 queries: first the dot products, 4 queries x 8 rows per register block
 * (8 f32x4 accumulators, stored); then per query (`screenQuery32`) tau (k <= K_TAU) and the
 * screen. Without tau every row that improves the heap at its turn is re-ranked (about
 * k ln(n / k) per query: measured 21 of 500 rows at k = 3, most of the time), with it about k.
 */
export function bruteQueries32(
  fit: usize, nFit: i32, d: i32, query: usize, nQuery: i32, k: i32, excludeSelf: i32,
  outIdx: usize, outDist: usize, pairs: usize,
): void {
  const h = headerPtr(pairs);
  const p = load<f64>(h + 8);
  const tiny = load<f64>(h + 16);
  const cm = v128.load(h + 32);
  const cp = v128.load(h + 48);
  const qNorms = h + 64;
  const qRoots = h + 96;
  const temp = h + 112;
  const centre = centrePtr(pairs);
  const stage = stagePtr(pairs, d);
  const taus = tausPtr(pairs, nFit, d);
  const dots = valuesPtr(pairs, nFit, d);
  const pk = scratchData(pairs, nFit, d);
  const nPad = padded8(nFit);
  const nB = nPad >> 3;
  const norms = pk + <usize>nPad * <usize>d * 4;
  const normsUp = norms + (<usize>nPad << 2);
  const groupBytes = <usize>d << 4;
  const rowBytes = <usize>d << 3;
  const kBytes = <usize>k << 3;
  const kIdx = <usize>k << 2;
  const bb = blockRows(nFit, d) >> 3;
  const useTau = k <= K_TAU && !excludeSelf; // (the excluded row must not count among the bounds)
  for (let b0 = 0; b0 < nB; b0 += bb) {
    const b1 = min(b0 + bb, nB);
    const valStride = <usize>(8 * (b1 - b0)) << 2; // bytes of one query's dot products
    for (let i = 0; i < nQuery; i += 4) {
      const valid = min(4, nQuery - i);
      const qa = query + <usize>i * rowBytes;
      stageQueries(qa, valid, d, centre, p, stage, qNorms, cm, cp);
      const rowA = <usize>i * <usize>k;
      const dA = outDist + (rowA << 3), iA = outIdx + (rowA << 2);
      for (let m = 0; m < 4; m++) {
        store<f32>(qRoots + (<usize>m << 2), m < valid ? rootUp(load<f64>(dA + <usize>m * kBytes), p, tiny) : -Infinity);
      }
      const skip = excludeSelf ? i : -(1 << 30); // query i + m skips fit row skip + m
      for (let b = b0; b < b1; b++) {
        const pp0 = pk + <usize>(2 * b) * groupBytes;
        const pp1 = pp0 + groupBytes;
        dots4x8(pp0, pp1, stage, d);
        const a0 = gA0, a1 = gA1, b0v = gB0, b1v = gB1, c0 = gC0, c1 = gC1, e0 = gE0, e1 = gE1;
        // the dot products, lanes = rows; w and U are formed per query in the second pass
        const vo = <usize>(8 * (b - b0)) << 2;
        v128.store(dots + vo, a0);
        v128.store(dots + vo + 16, a1);
        v128.store(dots + valStride + vo, b0v);
        v128.store(dots + valStride + vo + 16, b1v);
        v128.store(dots + 2 * valStride + vo, c0);
        v128.store(dots + 2 * valStride + vo + 16, c1);
        v128.store(dots + 3 * valStride + vo, e0);
        v128.store(dots + 3 * valStride + vo + 16, e1);
      }
      for (let m = 0; m < valid; m++) {
        screenQuery32(dots + <usize>m * valStride, 8 * b0, 8 * b1, norms, normsUp, qNorms + (<usize>m << 2),
          qRoots + (<usize>m << 2), taus, temp, useTau ? k : 0, qa + <usize>m * rowBytes, fit, d, nFit, skip + m,
          dA + <usize>m * kBytes, iA + <usize>m * kIdx, k, p, tiny);
      }
    }
  }
}

/**
 * Second pass of `bruteQueries32` for one query over the rows [j0, j1) of a cache block whose dot
 * products are at `dots`: with kTau > 0, tau first (the kTau-th smallest of the two smallest
 * upper bounds U of each lane column: distinct rows, cheap to keep in registers), then the rows
 * with w <= min(rho, f32 >= tau + T) re-ranked.
 */
function screenQuery32(
  dots: usize, j0: i32, j1: i32, norms: usize, normsUp: usize, qNormAt: usize, rootAt: usize, taus: usize, temp: usize,
  kTau: i32, q: usize, fit: usize, d: i32, n: i32, skip: i32, outD: usize, outI: usize, k: i32, p: f64, tiny: f64,
): void {
  let cut: f32 = Infinity;
  // tau pays only while the heap is not full (its first block): after that its root is the k-th
  // distance of at least one whole block, which a block's tau rarely beats
  if (kTau > 0 && load<f32>(rootAt) == Infinity) {
    // the two smallest U of each of the 8 lane columns (rows j = l mod 8): 16 distinct rows
    // (padding rows have U = +inf), of which the kTau-th smallest is tau
    const hqUp = v128.load32_splat(qNormAt + 16);
    const inf = f32x4.splat(Infinity);
    let lo0 = inf, hi0 = inf, lo1 = inf, hi1 = inf;
    for (let j = j0; j < j1; j += 8) {
      const xo = <usize>j << 2;
      const vo = <usize>(j - j0) << 2;
      const u0 = screenValues(v128.load(dots + vo), hqUp, v128.load(normsUp + xo));
      const u1 = screenValues(v128.load(dots + vo + 16), hqUp, v128.load(normsUp + xo + 16));
      // pmin/pmax (one instruction each); a NaN u (poisoned query) is never taken: tau stays +inf
      hi0 = f32x4.pmin(hi0, f32x4.pmax(lo0, u0));
      lo0 = f32x4.pmin(lo0, u0);
      hi1 = f32x4.pmin(hi1, f32x4.pmax(lo1, u1));
      lo1 = f32x4.pmin(lo1, u1);
    }
    v128.store(temp, lo0);
    v128.store(temp + 16, lo1);
    v128.store(temp + 32, hi0);
    v128.store(temp + 48, hi1);
    const t = <f64>kthSmallest<f32>(temp, 16, taus, kTau, Infinity);
    // (2 tau + T) / p^2 bounds the k e's: below 2^1000 none of them overflows, so the bound holds
    if ((2.0 * t + tiny) / p / p < 1.0715086071862673e301) cut = <f32>((t + tiny) * ROUND_UP + ROOT_TINY);
  }
  const hq = v128.load32_splat(qNormAt);
  let r = f32x4.splat(min(cut, load<f32>(rootAt)));
  for (let j = j0; j < j1; j += 8) {
    const xo = <usize>j << 2;
    const vo = <usize>(j - j0) << 2;
    const w0 = screenValues(v128.load(dots + vo), hq, v128.load(norms + xo));
    const w1 = screenValues(v128.load(dots + vo + 16), hq, v128.load(norms + xo + 16));
    const out = outMask(w0, r) | (outMask(w1, r) << 4);
    if (out == 0xff) continue;
    rerank(~out & 0xff, q, fit, d, j, n, skip, outD, outI, k, rootAt, p, tiny);
    r = f32x4.splat(min(cut, load<f32>(rootAt)));
  }
}

/** 4-row groups per cache block of `bruteSelf32` (about 32 KiB of f32 rows). */
@inline
function blockGroups(d: i32): i32 {
  const b = 2048 / d;
  return b < 8 ? 8 : b;
}

/**
 * Self queries on the f32-packed fit rows (`prepare32` done, heaps reset): each pair of 4-row
 * groups (g <= h) is computed once and offered to both rows' heaps, as ./brute.ts `bruteSelf`
 * does; 4 query rows x 8 fit rows (groups h, h + 1) per register block. Covers h in
 * [gFrom, gTo) against g in [gLo, gHi), g <= h.
 */
export function bruteSelf32(
  fit: usize, n: i32, d: i32, k: i32, excludeSelf: i32, outIdx: usize, outDist: usize, pairs: usize,
  gFrom: i32, gTo: i32, gLo: i32, gHi: i32,
): void {
  const h = headerPtr(pairs);
  const p = load<f64>(h + 8);
  const tiny = load<f64>(h + 16);
  const roots = rootsPtr(pairs, d);
  const pk = scratchData(pairs, n, d);
  const norms = pk + <usize>padded8(n) * <usize>d * 4;
  const groupBytes = <usize>d << 4;
  const rowBytes = <usize>d << 3;
  const kBytes = <usize>k << 3;
  const kIdx = <usize>k << 2;
  const bg = blockGroups(d);
  for (let h0 = gFrom; h0 < gTo; h0 += bg) {
    const h1 = min(h0 + bg, gTo);
    for (let g = gLo, gEnd = min(h1, gHi); g < gEnd; g++) {
      const i0 = 4 * g;
      const qg = pk + <usize>g * groupBytes;
      const qnA = v128.load32_splat(norms + (<usize>i0 << 2)), qnB = v128.load32_splat(norms + (<usize>i0 << 2) + 4);
      const qnC = v128.load32_splat(norms + (<usize>i0 << 2) + 8), qnD = v128.load32_splat(norms + (<usize>i0 << 2) + 12);
      const rA = roots + (<usize>i0 << 2);
      const rowA = <usize>i0 * <usize>k;
      const dA = outDist + (rowA << 3), iA = outIdx + (rowA << 2);
      const skip = excludeSelf ? i0 : -(1 << 30);
      const fa = fit + <usize>i0 * rowBytes;
      const nq = min(4, n - i0); // real query rows of the group
      let hh = max(h0, g);
      if (hh == g) {
        // the diagonal: its query side covers both directions
        dots4x4(qg, qg, d);
        const a0 = gA0, b0v = gB0, c0 = gC0, e0 = gE0;
        const xn0 = v128.load(norms + (<usize>i0 << 2));
        const va = screenValues(a0, qnA, xn0), vb = screenValues(b0v, qnB, xn0);
        const vc = screenValues(c0, qnC, xn0), vd = screenValues(e0, qnD, xn0);
        queryGroup4At(va, vb, vc, vd, nq, fa, fit, d, i0, n, skip, dA, iA, k, rA, p, tiny, rowBytes, kBytes, kIdx);
        hh++;
      }
      for (; hh + 1 < h1; hh += 2) {
        const pp0 = pk + <usize>hh * groupBytes;
        const pp1 = pp0 + groupBytes;
        dots4x8(pp0, pp1, qg, d);
        const a0 = gA0, a1 = gA1, b0v = gB0, b1v = gB1, c0 = gC0, c1 = gC1, e0 = gE0, e1 = gE1;
        const j = 4 * hh;
        const xn0 = v128.load(norms + (<usize>j << 2));
        const xn1 = v128.load(norms + (<usize>j << 2) + 16);
        const va0 = screenValues(a0, qnA, xn0), va1 = screenValues(a1, qnA, xn1);
        const vb0 = screenValues(b0v, qnB, xn0), vb1 = screenValues(b1v, qnB, xn1);
        const vc0 = screenValues(c0, qnC, xn0), vc1 = screenValues(c1, qnC, xn1);
        const vd0 = screenValues(e0, qnD, xn0), vd1 = screenValues(e1, qnD, xn1);
        queryGroup8(va0, va1, vb0, vb1, vc0, vc1, vd0, vd1, nq, fa, fit, d, j, n, skip, dA, iA, k, rA, p, tiny, rowBytes, kBytes, kIdx);
        screenBack(va0, vb0, vc0, vd0, fit, d, i0, j, n, outIdx, outDist, k, roots, p, tiny);
        screenBack(va1, vb1, vc1, vd1, fit, d, i0, j + 4, n, outIdx, outDist, k, roots, p, tiny);
      }
      if (hh < h1) {
        const pp0 = pk + <usize>hh * groupBytes;
        dots4x4(pp0, qg, d);
        const a0 = gA0, b0v = gB0, c0 = gC0, e0 = gE0;
        const j = 4 * hh;
        const xn0 = v128.load(norms + (<usize>j << 2));
        const va = screenValues(a0, qnA, xn0), vb = screenValues(b0v, qnB, xn0);
        const vc = screenValues(c0, qnC, xn0), vd = screenValues(e0, qnD, xn0);
        queryGroup4At(va, vb, vc, vd, nq, fa, fit, d, j, n, skip, dA, iA, k, rA, p, tiny, rowBytes, kBytes, kIdx);
        screenBack(va, vb, vc, vd, fit, d, i0, j, n, outIdx, outDist, k, roots, p, tiny);
      }
    }
  }
}

/** Query side of a 4 x 4 block: query rows of the group (nq real) against fit rows j..j+3. */
@inline
function queryGroup4At(
  va: v128, vb: v128, vc: v128, vd: v128, nq: i32, fa: usize, fit: usize, d: i32, j: i32, n: i32, skip: i32,
  dA: usize, iA: usize, k: i32, rA: usize, p: f64, tiny: f64, rowBytes: usize, kBytes: usize, kIdx: usize,
): void {
  let out = outMask(va, v128.load32_splat(rA));
  if (out != 0xf) rerank(~out & 0xf, fa, fit, d, j, n, skip, dA, iA, k, rA, p, tiny);
  if (nq < 2) return;
  out = outMask(vb, v128.load32_splat(rA + 4));
  if (out != 0xf) rerank(~out & 0xf, fa + rowBytes, fit, d, j, n, skip + 1, dA + kBytes, iA + kIdx, k, rA + 4, p, tiny);
  if (nq < 3) return;
  out = outMask(vc, v128.load32_splat(rA + 8));
  if (out != 0xf) rerank(~out & 0xf, fa + 2 * rowBytes, fit, d, j, n, skip + 2, dA + 2 * kBytes, iA + 2 * kIdx, k, rA + 8, p, tiny);
  if (nq < 4) return;
  out = outMask(vd, v128.load32_splat(rA + 12));
  if (out != 0xf) rerank(~out & 0xf, fa + 3 * rowBytes, fit, d, j, n, skip + 3, dA + 3 * kBytes, iA + 3 * kIdx, k, rA + 12, p, tiny);
}

/** Query side of a 4 x 8 block: query rows of the group (nq real) against fit rows j..j+7. */
@inline
function queryGroup8(
  va0: v128, va1: v128, vb0: v128, vb1: v128, vc0: v128, vc1: v128, vd0: v128, vd1: v128, nq: i32,
  fa: usize, fit: usize, d: i32, j: i32, n: i32, skip: i32,
  dA: usize, iA: usize, k: i32, rA: usize, p: f64, tiny: f64, rowBytes: usize, kBytes: usize, kIdx: usize,
): void {
  let r = v128.load32_splat(rA);
  let out = outMask(va0, r) | (outMask(va1, r) << 4);
  if (out != 0xff) rerank(~out & 0xff, fa, fit, d, j, n, skip, dA, iA, k, rA, p, tiny);
  if (nq < 2) return;
  r = v128.load32_splat(rA + 4);
  out = outMask(vb0, r) | (outMask(vb1, r) << 4);
  if (out != 0xff) rerank(~out & 0xff, fa + rowBytes, fit, d, j, n, skip + 1, dA + kBytes, iA + kIdx, k, rA + 4, p, tiny);
  if (nq < 3) return;
  r = v128.load32_splat(rA + 8);
  out = outMask(vc0, r) | (outMask(vc1, r) << 4);
  if (out != 0xff) rerank(~out & 0xff, fa + 2 * rowBytes, fit, d, j, n, skip + 2, dA + 2 * kBytes, iA + 2 * kIdx, k, rA + 8, p, tiny);
  if (nq < 4) return;
  r = v128.load32_splat(rA + 12);
  out = outMask(vd0, r) | (outMask(vd1, r) << 4);
  if (out != 0xff) rerank(~out & 0xff, fa + 3 * rowBytes, fit, d, j, n, skip + 3, dA + 3 * kBytes, iA + 3 * kIdx, k, rA + 12, p, tiny);
}
