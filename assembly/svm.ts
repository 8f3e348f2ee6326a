// RBF-kernel SVC in WebAssembly: libsvm's SMO solver (Fan, Chen and Lin 2005: second-order
// working set selection, shrinking with the "unshrink" step, an LRU cache of float32 kernel rows
// of the active length) and the decision function over the support vectors.
//
// As libsvm: training kernels use |a|^2 + |b|^2 - 2 a.b and are cached as float32 (libsvm's
// Qfloat); the decision function uses the left-to-right sum of squared differences in float64.

import { exactSq } from './neighbors/screen32';
import { expF64x2 } from './simdExp';

/** a . b over d values: f64x2 lanes, scalar tail. */
@inline
function dot(a: usize, b: usize, d: i32): f64 {
  let acc = f64x2.splat(0.0);
  let t = 0;
  for (; t + 2 <= d; t += 2) {
    const off = <usize>t << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(a + off), v128.load(b + off)));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (t < d) {
    const off = <usize>t << 3;
    s += load<f64>(a + off) * load<f64>(b + off);
  }
  return s;
}


/** Squared norms: `xsq[i] = x_i . x_i` for the `n` rows of `x` (`n x d`), as `svm_rbf_row` uses them. */
export function svm_sq_norms(x: usize, n: i32, d: i32, xsq: usize): void {
  const rowBytes = <usize>d << 3;
  for (let i = 0; i < n; i++) {
    const a = x + <usize>i * rowBytes;
    store<f64>(xsq + (<usize>i << 3), dot(a, a, d));
  }
}

/** `out[k] = exp(x[k])` for `n` float64 values with `expF64x2` (tested against Math.exp). */
export function svm_exp(x: usize, n: i32, out: usize): void {
  let k = 0;
  for (; k + 2 <= n; k += 2) v128.store(out + (<usize>k << 3), expF64x2(v128.load(x + (<usize>k << 3))));
  if (k < n) store<f64>(out + (<usize>k << 3), f64x2.extract_lane(expF64x2(f64x2.splat(load<f64>(x + (<usize>k << 3)))), 0));
}

/** Stores the two lanes of `e` as float32 at `out`. */
@inline
function storeF32Pair(out: usize, e: v128): void {
  v128.store64_lane(out, f32x4.demote_f64x2_zero(e), 0);
}


/**
 * Four kernel values exp(-gamma (|a|^2 + |x_t|^2 - 2 a.x_t)) for rows t..t+3 from their dot
 * products (`dots0`: rows t, t+1; `dots1`: t+2, t+3), stored as float32 at out[t..t+3].
 */
@inline
function storeKernel4(out: usize, xsq: usize, t: i32, sa: v128, ng: v128, dots0: v128, dots1: v128): void {
  const two = f64x2.splat(2.0);
  const ps = xsq + (<usize>t << 3);
  const arg0 = f64x2.mul(ng, f64x2.sub(f64x2.add(sa, v128.load(ps)), f64x2.mul(two, dots0)));
  const arg1 = f64x2.mul(ng, f64x2.sub(f64x2.add(sa, v128.load(ps, 16)), f64x2.mul(two, dots1)));
  const e0 = f32x4.demote_f64x2_zero(expF64x2(arg0));
  const e1 = f32x4.demote_f64x2_zero(expF64x2(arg1));
  v128.store(out + (<usize>t << 2), v128.shuffle<f32>(e0, e1, 0, 1, 4, 5));
}

/**
 * Kernel row as float32, libsvm's training form: `out[t] = f32(exp(-gamma (xsq_i + xsq_t - 2 x_i.x_t)))`
 * for `t` in `[start, end)` (`out` indexed from 0 = row 0), four rows at a time.
 */
export function svm_rbf_row(x: usize, xsq: usize, d: i32, i: i32, start: i32, end: i32, gamma: f64, out: usize): void {
  const rowBytes = <usize>d << 3;
  const a = x + <usize>i * rowBytes;
  const sa = f64x2.splat(load<f64>(xsq + (<usize>i << 3)));
  const ng = f64x2.splat(-gamma);
  const two = f64x2.splat(2.0);
  let t = start;
  if (d == 2) {
    const va = v128.load(a);
    // four rows a step: two independent exp chains
    for (; t + 4 <= end; t += 4) {
      const px = x + (<usize>t << 4);
      const p0 = f64x2.mul(va, v128.load(px));
      const p1 = f64x2.mul(va, v128.load(px, 16));
      const p2 = f64x2.mul(va, v128.load(px, 32));
      const p3 = f64x2.mul(va, v128.load(px, 48));
      const dots0 = f64x2.add(v128.shuffle<f64>(p0, p1, 0, 2), v128.shuffle<f64>(p0, p1, 1, 3));
      const dots1 = f64x2.add(v128.shuffle<f64>(p2, p3, 0, 2), v128.shuffle<f64>(p2, p3, 1, 3));
      storeKernel4(out, xsq, t, sa, ng, dots0, dots1);
    }
    for (; t + 2 <= end; t += 2) {
      const p0 = f64x2.mul(va, v128.load(x + (<usize>t << 4)));
      const p1 = f64x2.mul(va, v128.load(x + (<usize>t << 4), 16));
      const dots = f64x2.add(v128.shuffle<f64>(p0, p1, 0, 2), v128.shuffle<f64>(p0, p1, 1, 3));
      const arg = f64x2.mul(ng, f64x2.sub(f64x2.add(sa, v128.load(xsq + (<usize>t << 3))), f64x2.mul(two, dots)));
      storeF32Pair(out + (<usize>t << 2), expF64x2(arg));
    }
  } else {
    for (; t + 4 <= end; t += 4) {
      // four dot products at once (independent sums; x_i read once), each summed as dot() sums
      const b0 = x + <usize>t * rowBytes;
      const b1 = b0 + rowBytes;
      const b2 = b1 + rowBytes;
      const b3 = b2 + rowBytes;
      let c0 = f64x2.splat(0.0);
      let c1 = f64x2.splat(0.0);
      let c2 = f64x2.splat(0.0);
      let c3 = f64x2.splat(0.0);
      let f = 0;
      for (; f + 2 <= d; f += 2) {
        const off = <usize>f << 3;
        const av = v128.load(a + off);
        c0 = f64x2.add(c0, f64x2.mul(av, v128.load(b0 + off)));
        c1 = f64x2.add(c1, f64x2.mul(av, v128.load(b1 + off)));
        c2 = f64x2.add(c2, f64x2.mul(av, v128.load(b2 + off)));
        c3 = f64x2.add(c3, f64x2.mul(av, v128.load(b3 + off)));
      }
      let dots0 = f64x2.add(v128.shuffle<f64>(c0, c1, 0, 2), v128.shuffle<f64>(c0, c1, 1, 3));
      let dots1 = f64x2.add(v128.shuffle<f64>(c2, c3, 0, 2), v128.shuffle<f64>(c2, c3, 1, 3));
      if (f < d) {
        const off = <usize>f << 3;
        const av = f64x2.splat(load<f64>(a + off));
        dots0 = f64x2.add(dots0, f64x2.mul(av, f64x2.replace_lane(f64x2.splat(load<f64>(b0 + off)), 1, load<f64>(b1 + off))));
        dots1 = f64x2.add(dots1, f64x2.mul(av, f64x2.replace_lane(f64x2.splat(load<f64>(b2 + off)), 1, load<f64>(b3 + off))));
      }
      storeKernel4(out, xsq, t, sa, ng, dots0, dots1);
    }
    for (; t + 2 <= end; t += 2) {
      const b = x + <usize>t * rowBytes;
      const dots = f64x2.replace_lane(f64x2.splat(dot(a, b, d)), 1, dot(a, b + rowBytes, d));
      const arg = f64x2.mul(ng, f64x2.sub(f64x2.add(sa, v128.load(xsq + (<usize>t << 3))), f64x2.mul(two, dots)));
      storeF32Pair(out + (<usize>t << 2), expF64x2(arg));
    }
  }
  if (t < end) {
    const dt = dot(a, x + <usize>t * rowBytes, d);
    const arg = -gamma * (f64x2.extract_lane(sa, 0) + load<f64>(xsq + (<usize>t << 3)) - 2 * dt);
    store<f32>(out + (<usize>t << 2), <f32>f64x2.extract_lane(expF64x2(f64x2.splat(arg)), 0));
  }
}

/**
 * `out[q] = sum_i coef[i] exp(-gamma |sv_i - x_q|^2) - rho` for the `nq` rows of `xq`, with the
 * `nsv` support vectors at `sv` (`nsv x d`) and their dual coefficients `coef`.
 */
export function svm_rbf_decision(sv: usize, nsv: i32, d: i32, coef: usize, xq: usize, nq: i32, gamma: f64, rho: f64, out: usize): void {
  const rowBytes = <usize>d << 3;
  for (let q = 0; q < nq; q++) {
    const b = xq + <usize>q * rowBytes;
    let s: f64 = 0;
    for (let i = 0; i < nsv; i++) {
      s += load<f64>(coef + (<usize>i << 3)) * Math.exp(-gamma * exactSq(sv + <usize>i * rowBytes, b, d));
    }
    store<f64>(out + (<usize>q << 3), s - rho);
  }
}

// ---------------------------------------------------------------------------------------------
// Solver state of one svm_smo call (module globals, reset at entry; nothing survives the call).
//
// The gradient is kept as v_t = y_t G_t (and G_bar as y_t G_bar_t): the updates then need no
// y (y_t^2 = 1, and sign flips round exactly, so every value equals libsvm's times y_t). The
// index sets of the working set selection are kept as penalties added to v: 0 inside the set,
// -Infinity outside (upPen: I_up = {y=+1, a<C} u {y=-1, a>0}; lowPen: I_low, the others).

const LOWER: u8 = 0;
const UPPER: u8 = 1;
const FREE: u8 = 2;
const TAU: f64 = 1e-12;

let gX: usize = 0; // rows, permuted with the active set (l x d f64)
let gXsq: usize = 0; // squared norms (l f64)
let gD: i32 = 0;
let gL: i32 = 0;
let gGamma: f64 = 0;
let gY: usize = 0; // +-1 (l f64)
let gAlpha: usize = 0;
let gV: usize = 0; // y_t G_t (l f64)
let gVbar: usize = 0; // y_t G_bar_t: the gradient part of the variables at the upper bound (l f64)
let gUpPen: usize = 0; // 0 on I_up, -Infinity elsewhere (l f64)
let gLowPen: usize = 0; // 0 on I_low, -Infinity elsewhere (l f64)
let gStatus: usize = 0; // LOWER / UPPER / FREE (l u8)
let gActiveSet: usize = 0; // original index of each position (l i32)
let gActive: i32 = 0;
let gC: f64 = 0;
// the maximal violation -v over I_up found by the last gradient update (valid until the active set changes)
let gBlockLow: usize = 0; // max of v over I_low of each BLOCK of positions, from the last scanUp
let gNextValid: bool = false;
let gNextGmax: f64 = 0;
let gNextI: i32 = -1;

// Kernel-row cache: `slots` rows of `stride` float32 values in `pool`; LRU order as a circular
// doubly linked list over slot ids with the sentinel `slots` (prev/next hold maxSlots + 1 i32).
let cPool: usize = 0;
let cPoolFloats: i64 = 0;
let cStride: i32 = 0;
let cSlots: i32 = 0;
let cMaxSlots: i32 = 0;
let cSlotOf: usize = 0; // row -> slot or -1 (l i32)
let cRow: usize = 0; // slot -> row or -1 (maxSlots i32)
let cLen: usize = 0; // slot -> cached length (maxSlots i32)
let cPrev: usize = 0;
let cNext: usize = 0;
let cFree: usize = 0; // stack of free slots (maxSlots i32)
let cFreeTop: i32 = 0;
let cRemap: usize = 0; // scratch for relayout (maxSlots i32)
let cScratch0: usize = 0; // two float32 rows of length l for rows longer than the stride
let cScratch1: usize = 0;
let cScratchTurn: i32 = 0;
let cSwaps: usize = 0; // pairs swapped by the current shrinking step (2 l i32)
let cNSwaps: i32 = 0;

@inline function i32At(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
@inline function setI32(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }
@inline function f64At(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function setF64(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
@inline function f32At(p: usize, i: i32): f64 { return <f64>load<f32>(p + (<usize>i << 2)); }
/** Two float32 kernel values at positions t, t + 1 as float64 lanes. */
@inline function f32Pair(p: usize, t: i32): v128 { return f64x2.promote_low_f32x4(v128.load64_zero(p + (<usize>t << 2))); }
@inline function statusAt(i: i32): u8 { return load<u8>(gStatus + <usize>i); }
@inline function slotData(s: i32): usize { return cPool + (<usize>s * <usize>cStride << 2); }

function lruDelete(s: i32): void {
  const p = i32At(cPrev, s);
  const n = i32At(cNext, s);
  setI32(cNext, p, n);
  setI32(cPrev, n, p);
}

function lruInsert(s: i32): void {
  const head = cSlots;
  const last = i32At(cPrev, head);
  setI32(cNext, s, head);
  setI32(cPrev, s, last);
  setI32(cNext, last, s);
  setI32(cPrev, head, s);
}

/**
 * Lays the cache out with rows of `stride` values. A shorter stride keeps the cached rows (cut to
 * it, LRU order kept) and makes room for more; a longer one empties the cache.
 */
function relayout(stride: i32): void {
  let slots = <i32>min<i64>(<i64>gL, cPoolFloats / <i64>stride);
  if (slots < 2) slots = 2;
  if (slots > cMaxSlots) slots = cMaxSlots;
  const oldSlots = cSlots;
  const oldStride = cStride;
  const keep = stride <= oldStride && oldSlots > 0;
  // new id of each kept old slot, in increasing old id (so copies only move data down)
  let k = 0;
  for (let s = 0; s < oldSlots; s++) {
    const row = i32At(cRow, s);
    if (keep && row >= 0 && k < slots) {
      const len = min(i32At(cLen, s), stride);
      memory.copy(cPool + (<usize>k * <usize>stride << 2), cPool + (<usize>s * <usize>oldStride << 2), <usize>len << 2);
      setI32(cRemap, s, k);
      k++;
    } else {
      if (row >= 0) setI32(cSlotOf, row, -1);
      setI32(cRemap, s, -1);
    }
  }
  const kept = k;
  // the old LRU order of the kept slots (cFree serves as scratch: it is rebuilt below)
  let m = 0;
  if (oldSlots > 0) {
    for (let s = i32At(cNext, oldSlots); s != oldSlots; s = i32At(cNext, s)) {
      if (i32At(cRemap, s) >= 0) { setI32(cFree, m, s); m++; }
    }
  }
  // rows and lengths under the new ids (new id <= old id: nothing is overwritten before it is read)
  for (let s = 0; s < oldSlots; s++) {
    const ns = i32At(cRemap, s);
    if (ns < 0) continue;
    const row = i32At(cRow, s);
    setI32(cRow, ns, row);
    setI32(cLen, ns, min(i32At(cLen, s), stride));
    setI32(cSlotOf, row, ns);
  }
  cStride = stride;
  cSlots = slots;
  for (let s = kept; s < slots; s++) { setI32(cRow, s, -1); setI32(cLen, s, 0); }
  setI32(cNext, slots, slots);
  setI32(cPrev, slots, slots);
  for (let t = 0; t < m; t++) lruInsert(i32At(cRemap, i32At(cFree, t)));
  cFreeTop = 0;
  for (let s = slots - 1; s >= kept; s--) { setI32(cFree, cFreeTop, s); cFreeTop++; }
}

/** Frees slot `s` (its row is no longer cached). */
function dropSlot(s: i32): void {
  lruDelete(s);
  setI32(cSlotOf, i32At(cRow, s), -1);
  setI32(cRow, s, -1);
  setI32(cLen, s, 0);
  setI32(cFree, cFreeTop, s);
  cFreeTop++;
}

/** Kernel row of position `i` with at least `[0, len)` filled (libsvm's get_Q, without the y's). */
function getRow(i: i32, len: i32): usize {
  let s = i32At(cSlotOf, i);
  if (len > cStride) {
    // longer than a cache row: fill a scratch row (copying what the cache holds)
    const out = cScratchTurn ? cScratch1 : cScratch0;
    cScratchTurn ^= 1;
    let start = 0;
    if (s >= 0) {
      start = i32At(cLen, s);
      memory.copy(out, slotData(s), <usize>start << 2);
    }
    svm_rbf_row(gX, gXsq, gD, i, start, len, gGamma, out);
    return out;
  }
  if (s >= 0) {
    lruDelete(s);
    const have = i32At(cLen, s);
    if (have < len) {
      svm_rbf_row(gX, gXsq, gD, i, have, len, gGamma, slotData(s));
      setI32(cLen, s, len);
    }
    lruInsert(s);
    return slotData(s);
  }
  if (cFreeTop > 0) {
    cFreeTop--;
    s = i32At(cFree, cFreeTop);
  } else {
    s = i32At(cNext, cSlots); // least recently used
    lruDelete(s);
    setI32(cSlotOf, i32At(cRow, s), -1);
  }
  setI32(cSlotOf, i, s);
  setI32(cRow, s, i);
  svm_rbf_row(gX, gXsq, gD, i, 0, len, gGamma, slotData(s));
  setI32(cLen, s, len);
  lruInsert(s);
  return slotData(s);
}

@inline function swapF64(p: usize, i: i32, j: i32): void {
  const pi = p + (<usize>i << 3);
  const pj = p + (<usize>j << 3);
  const v = load<f64>(pi);
  store<f64>(pi, load<f64>(pj));
  store<f64>(pj, v);
}

/** Swaps positions i and j (libsvm's Solver::swap_index; the cache's part is recorded for applyCacheSwaps). */
function swapIndex(i: i32, j: i32): void {
  if (i == j) return;
  if (i > j) { const t = i; i = j; j = t; }
  const rowBytes = <usize>gD << 3;
  const a = gX + <usize>i * rowBytes;
  const b = gX + <usize>j * rowBytes;
  for (let t = 0; t < gD; t++) {
    const off = <usize>t << 3;
    const v = load<f64>(a + off);
    store<f64>(a + off, load<f64>(b + off));
    store<f64>(b + off, v);
  }
  swapF64(gXsq, i, j);
  swapF64(gY, i, j);
  swapF64(gV, i, j);
  swapF64(gVbar, i, j);
  swapF64(gAlpha, i, j);
  swapF64(gUpPen, i, j);
  swapF64(gLowPen, i, j);
  const si = load<u8>(gStatus + <usize>i);
  store<u8>(gStatus + <usize>i, load<u8>(gStatus + <usize>j));
  store<u8>(gStatus + <usize>j, si);
  const ai = i32At(gActiveSet, i);
  setI32(gActiveSet, i, i32At(gActiveSet, j));
  setI32(gActiveSet, j, ai);
  // cache: rows i and j change owners now; entries i and j of the cached rows swap in applyCacheSwaps
  const slotI = i32At(cSlotOf, i);
  const slotJ = i32At(cSlotOf, j);
  setI32(cSlotOf, i, slotJ);
  setI32(cSlotOf, j, slotI);
  if (slotI >= 0) setI32(cRow, slotI, j);
  if (slotJ >= 0) setI32(cRow, slotJ, i);
  setI32(cSwaps, 2 * cNSwaps, i);
  setI32(cSwaps, 2 * cNSwaps + 1, j);
  cNSwaps++;
}

/**
 * The recorded swaps, in order, applied to every cached row (libsvm's Cache::swap_index, one
 * row at a time): entries i < j swap when the row holds both; a row holding i but not j is dropped.
 */
function applyCacheSwaps(): void {
  const n = cNSwaps;
  cNSwaps = 0;
  if (n == 0) return;
  const head = cSlots;
  let s = i32At(cNext, head);
  while (s != head) {
    const next = i32At(cNext, s);
    const len = i32At(cLen, s);
    const p = slotData(s);
    for (let k = 0; k < n; k++) {
      const i = i32At(cSwaps, 2 * k);
      if (len <= i) continue;
      const j = i32At(cSwaps, 2 * k + 1);
      if (len <= j) { dropSlot(s); break; }
      const pi = p + (<usize>i << 2);
      const pj = p + (<usize>j << 2);
      const v = load<f32>(pi);
      store<f32>(pi, load<f32>(pj));
      store<f32>(pj, v);
    }
    s = next;
  }
}

/** Status and index-set penalties of position `i` from its alpha. */
@inline function updateStatus(i: i32): void {
  const a = f64At(gAlpha, i);
  const st = a >= gC ? UPPER : a <= 0 ? LOWER : FREE;
  store<u8>(gStatus + <usize>i, st);
  const pos = f64At(gY, i) > 0;
  // I_up: y=+1 below C, or y=-1 above 0; I_low: y=+1 above 0, or y=-1 below C
  setF64(gUpPen, i, (pos ? st != UPPER : st != LOWER) ? 0 : -Infinity);
  setF64(gLowPen, i, (pos ? st != LOWER : st != UPPER) ? 0 : -Infinity);
}

/** libsvm's reconstruct_gradient: v of the inactive positions from v_bar and the free variables. */
function reconstructGradient(): void {
  const l = gL;
  const active = gActive;
  gNextValid = false;
  if (active == l) return;
  for (let j = active; j < l; j++) setF64(gV, j, f64At(gVbar, j) - f64At(gY, j));
  let nFree = 0;
  for (let j = 0; j < active; j++) if (statusAt(j) == FREE) nFree++;
  if (<i64>nFree * <i64>l > 2 * <i64>active * <i64>(l - active)) {
    // the free positions, ascending (cRemap is free scratch outside relayout)
    let k = 0;
    for (let j = 0; j < active; j++) if (statusAt(j) == FREE) { setI32(cRemap, k, j); k++; }
    for (let i = active; i < l; i++) {
      const Ki = getRow(i, active);
      let v = f64At(gV, i);
      for (let f = 0; f < k; f++) {
        const j = i32At(cRemap, f);
        v += (f64At(gAlpha, j) * f64At(gY, j)) * f32At(Ki, j);
      }
      setF64(gV, i, v);
    }
  } else {
    for (let i = 0; i < active; i++) {
      if (statusAt(i) != FREE) continue;
      const Ki = getRow(i, l);
      const ai = f64At(gAlpha, i) * f64At(gY, i);
      const av = f64x2.splat(ai);
      let j = active;
      for (; j + 2 <= l; j += 2) {
        const off = <usize>j << 3;
        v128.store(gV + off, f64x2.add(v128.load(gV + off), f64x2.mul(av, f32Pair(Ki, j))));
      }
      if (j < l) setF64(gV, j, f64At(gV, j) + ai * f32At(Ki, j));
    }
  }
}

/** Grows the active set to all positions (the cache then holds full rows). */
function activateAll(): void {
  gActive = gL;
  gNextValid = false;
  if (cStride < gL) relayout(gL);
}

let wI: i32 = -1;
let wJ: i32 = -1;
let wGmax: f64 = 0;

/**
 * Positions per block of the scans. The lanes keep only maxima: the block holding the maximal
 * violation is scanned again for its index, and the maximum of v over I_low of each block tells
 * the working set selection which blocks hold candidates at all (usually very few).
 */
const BLOCK: i32 = 64;

/** The last position in [b, end) with upPen - v == g (the block that holds the maximum). */
function lastIndexOf(b: i32, end: i32, g: f64): i32 {
  for (let t = end - 1; t >= b; t--) if (f64At(gUpPen, t) - f64At(gV, t) == g) return t;
  return -1;
}

/**
 * max of -v over I_up in [0, n) and its last index, into wGmax, wI (wI = -1 when I_up is empty),
 * and the max of v over I_low of each block of the even part into gBlockLow. With `update`,
 * first v += K_i cI + K_j cJ (libsvm's gradient update, fused with the scan).
 */
function scanUp(n: i32, update: bool, Ki: usize, Kj: usize, cI: f64, cJ: f64): void {
  const ci = f64x2.splat(cI);
  const cj = f64x2.splat(cJ);
  const nEven = n & ~1;
  let g = -Infinity;
  let gBlock = -1;
  let k = 0;
  for (let b = 0; b < nEven; b += BLOCK) {
    const end = min(b + BLOCK, nEven);
    let m = f64x2.splat(-Infinity);
    let w = f64x2.splat(-Infinity);
    if (update) {
      for (let t = b; t < end; t += 2) {
        const off = <usize>t << 3;
        const v = f64x2.add(v128.load(gV + off), f64x2.add(f64x2.mul(f32Pair(Ki, t), ci), f64x2.mul(f32Pair(Kj, t), cj)));
        v128.store(gV + off, v);
        m = f64x2.pmax(m, f64x2.sub(v128.load(gUpPen + off), v));
        w = f64x2.pmax(w, f64x2.add(v, v128.load(gLowPen + off)));
      }
    } else {
      for (let t = b; t < end; t += 2) {
        const off = <usize>t << 3;
        const v = v128.load(gV + off);
        m = f64x2.pmax(m, f64x2.sub(v128.load(gUpPen + off), v));
        w = f64x2.pmax(w, f64x2.add(v, v128.load(gLowPen + off)));
      }
    }
    const bm = max(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
    if (bm >= g) { g = bm; gBlock = b; }
    setF64(gBlockLow, k, max(f64x2.extract_lane(w, 0), f64x2.extract_lane(w, 1)));
    k++;
  }
  let gi = -1;
  if (nEven < n) {
    const t = nEven;
    let v = f64At(gV, t);
    if (update) { v += f32At(Ki, t) * cI + f32At(Kj, t) * cJ; setF64(gV, t, v); }
    const c = f64At(gUpPen, t) - v;
    if (c >= g) { g = c; gi = t; }
  }
  if (gi < 0 && gBlock >= 0 && g != -Infinity) gi = lastIndexOf(gBlock, min(gBlock + BLOCK, nEven), g);
  wGmax = g;
  wI = g == -Infinity ? -1 : gi;
}

/**
 * libsvm's second-order working set selection over the active set; 1 when optimal (else the
 * pair is in wI, wJ). Lane t of each step holds positions t and t + 1; ties go to the last index.
 * Only blocks with a candidate (gd = Gmax + v_j > 0 for some j of I_low) are visited: the sign of
 * a floating-point sum is exact, so a block whose maximum gives gd <= 0 has none.
 */
function selectWorkingSet(eps: f64): i32 {
  const active = gActive;
  if (gNextValid) { wGmax = gNextGmax; wI = gNextI; } else scanUp(active, false, 0, 0, 0, 0);
  gNextValid = false;
  const Gmax = wGmax;
  const i = wI;
  let Gmax2 = -Infinity;
  let jMin = -1;
  if (i != -1) {
    const Ki = getRow(i, active);
    const gm = f64x2.splat(Gmax);
    let objMin = f64x2.splat(Infinity);
    let jidx = f64x2.splat(-1);
    const two = f64x2.splat(2);
    const tau = f64x2.splat(TAU);
    const zero = f64x2.splat(0);
    const inf = f64x2.splat(Infinity);
    const nEven = active & ~1;
    let k = 0;
    for (let b = 0; b < nEven; b += BLOCK) {
      const bw = f64At(gBlockLow, k);
      k++;
      if (bw > Gmax2) Gmax2 = bw;
      if (!(Gmax + bw > 0)) continue;
      const end = min(b + BLOCK, nEven);
      let idx = f64x2.replace_lane(f64x2.splat(<f64>b), 1, <f64>(b + 1));
      for (let t = b; t < end; t += 2) {
        const off = <usize>t << 3;
        const w = f64x2.add(v128.load(gV + off), v128.load(gLowPen + off));
        const gd = f64x2.add(gm, w);
        const pos = f64x2.gt(gd, zero);
        if (v128.any_true(pos)) {
          // QD_i + QD_j - 2 y_i Q_ij = 2 - 2 K_ij for the RBF kernel (K_jj = 1)
          const quad = f64x2.sub(two, f64x2.mul(two, f32Pair(Ki, t)));
          const q = v128.bitselect(quad, tau, f64x2.gt(quad, zero));
          const obj = f64x2.neg(f64x2.div(f64x2.mul(gd, gd), q));
          const o = v128.bitselect(obj, inf, pos);
          const m = f64x2.le(o, objMin);
          objMin = v128.bitselect(o, objMin, m);
          jidx = v128.bitselect(idx, jidx, m);
        }
        idx = f64x2.add(idx, two);
      }
    }
    // the smaller objective, on a tie the larger index
    const o0 = f64x2.extract_lane(objMin, 0);
    const o1 = f64x2.extract_lane(objMin, 1);
    const lane = o1 < o0 || (o1 == o0 && f64x2.extract_lane(jidx, 1) > f64x2.extract_lane(jidx, 0)) ? 1 : 0;
    let om = lane ? o1 : o0;
    let jm = <i32>(lane ? f64x2.extract_lane(jidx, 1) : f64x2.extract_lane(jidx, 0));
    for (let t = nEven; t < active; t++) {
      const w = f64At(gV, t) + f64At(gLowPen, t);
      if (w >= Gmax2) Gmax2 = w;
      const gd = Gmax + w;
      if (gd > 0) {
        const quad = 2 - 2 * f32At(Ki, t);
        const obj = -(gd * gd) / (quad > 0 ? quad : TAU);
        if (obj <= om) { om = obj; jm = t; }
      }
    }
    jMin = om == Infinity ? -1 : jm;
  }
  if (Gmax + Gmax2 < eps || jMin == -1) return 1;
  wJ = jMin;
  return 0;
}

@inline
function beShrunk(i: i32, Gmax1: f64, Gmax2: f64): bool {
  if (statusAt(i) == FREE) return false;
  const v = f64At(gV, i);
  // outside I_up (so only in I_low): -v > Gmax1; outside I_low: v > Gmax2
  return f64At(gUpPen, i) != 0 ? -v > Gmax1 : v > Gmax2;
}

let gUnshrink: bool = false;

/** libsvm's do_shrinking (with the one-time unshrink near the tolerance). */
function doShrinking(eps: f64): void {
  let Gmax1 = -Infinity;
  let Gmax2 = -Infinity;
  gNextValid = false;
  for (let i = 0; i < gActive; i++) {
    const v = f64At(gV, i);
    const up = f64At(gUpPen, i) - v;
    const low = v + f64At(gLowPen, i);
    if (up >= Gmax1) Gmax1 = up;
    if (low >= Gmax2) Gmax2 = low;
  }
  if (!gUnshrink && Gmax1 + Gmax2 <= eps * 10) {
    gUnshrink = true;
    reconstructGradient();
    activateAll();
  }
  for (let i = 0; i < gActive; i++) {
    if (!beShrunk(i, Gmax1, Gmax2)) continue;
    gActive--;
    while (gActive > i) {
      if (!beShrunk(gActive, Gmax1, Gmax2)) {
        swapIndex(i, gActive);
        break;
      }
      gActive--;
    }
  }
  applyCacheSwaps();
  // shorter rows: lay the cache out again when the active set is under half a cache row
  if (gActive < (cStride >> 1) && gActive > 0) relayout(gActive);
}

/**
 * v += K_i cI + K_j cJ over the active set (libsvm's gradient update), and the maximal
 * violation of the updated v over I_up for the next working set selection.
 */
function updateGradient(Ki: usize, Kj: usize, cI: f64, cJ: f64): void {
  scanUp(gActive, true, Ki, Kj, cI, cJ);
  gNextGmax = wGmax;
  gNextI = wI;
  gNextValid = true;
}

/** v_bar_k += c y_i K_ik over all positions (variable i entered, c = C, or left, c = -C, the upper bound). */
function updateVbar(i: i32, c: f64): void {
  const Ki = getRow(i, gL);
  const cy = c * f64At(gY, i);
  const cv = f64x2.splat(cy);
  let t = 0;
  for (; t + 2 <= gL; t += 2) {
    const off = <usize>t << 3;
    v128.store(gVbar + off, f64x2.add(v128.load(gVbar + off), f64x2.mul(cv, f32Pair(Ki, t))));
  }
  for (; t < gL; t++) setF64(gVbar, t, f64At(gVbar, t) + cy * f32At(Ki, t));
}

/**
 * libsvm's SMO for the binary C-SVC dual with the RBF kernel: min 1/2 a'Qa - e'a,
 * 0 <= a <= C, y'a = 0, Q_ij = y_i y_j K_ij, from a = 0, with shrinking when `shrinking` != 0.
 *
 * Buffers (l = rows): `x` (l x d f64, permuted in place), `y` (+-1, l f64, permuted), `alphaOut`
 * (l f64, original order), `work` (6 l + l / 64 + 2 f64), `status` (l u8), `ints` (4 l + 6 maxSlots + 2 i32;
 * maxSlots <= l), `pool` (poolFloats + 2 l float32: the cache and two scratch rows).
 * `out`: [iterations, 1 if the stopping test was met, rho, objective].
 */
export function svm_smo(
  x: usize, l: i32, d: i32, y: usize, gamma: f64, C: f64, eps: f64, maxIter: i32, shrinking: i32,
  alphaOut: usize, work: usize, status: usize, ints: usize, maxSlots: i32, pool: usize, poolFloats: f64, out: usize,
): void {
  const lb = <usize>l << 3;
  gX = x; gL = l; gD = d; gGamma = gamma; gY = y; gC = C;
  gV = work;
  gVbar = work + lb;
  gAlpha = work + 2 * lb;
  gXsq = work + 3 * lb;
  gUpPen = work + 4 * lb;
  gLowPen = work + 5 * lb;
  gBlockLow = work + 6 * lb;
  gStatus = status;
  gActiveSet = ints;
  cSlotOf = ints + (<usize>l << 2);
  cRow = ints + (<usize>l << 3);
  cLen = cRow + (<usize>maxSlots << 2);
  cFree = cLen + (<usize>maxSlots << 2);
  cRemap = cFree + (<usize>maxSlots << 2);
  cPrev = cRemap + (<usize>maxSlots << 2);
  cNext = cPrev + (<usize>(maxSlots + 1) << 2);
  cSwaps = cNext + (<usize>(maxSlots + 1) << 2);
  cNSwaps = 0;
  cMaxSlots = maxSlots;
  cPoolFloats = <i64>poolFloats;
  cPool = pool;
  cScratch0 = pool + (<usize>cPoolFloats << 2);
  cScratch1 = cScratch0 + (<usize>l << 2);
  cScratchTurn = 0;
  cSlots = 0;
  cStride = 0;
  gUnshrink = false;
  gNextValid = false;
  svm_sq_norms(x, l, d, gXsq);
  for (let t = 0; t < l; t++) {
    setF64(gAlpha, t, 0);
    setF64(gV, t, -f64At(gY, t)); // G = p = -1
    setF64(gVbar, t, 0);
    setI32(gActiveSet, t, t);
    setI32(cSlotOf, t, -1);
    updateStatus(t);
  }
  relayout(l);
  gActive = l;
  let iter = 0;
  let converged = 0;
  let counter = min(l, 1000) + 1;
  while (true) {
    if (maxIter >= 0 && iter >= maxIter) break;
    if (--counter == 0) {
      counter = min(l, 1000);
      if (shrinking) doShrinking(eps);
    }
    if (selectWorkingSet(eps) != 0) {
      reconstructGradient();
      activateAll();
      if (selectWorkingSet(eps) != 0) { converged = 1; break; }
      counter = 1;
    }
    iter++;
    const i = wI;
    const j = wJ;
    const active = gActive;
    const Ki = getRow(i, active);
    const Kj = getRow(j, active);
    const yi = f64At(gY, i);
    const yj = f64At(gY, j);
    const Qij = yi * yj * f32At(Ki, j);
    const oldI = f64At(gAlpha, i);
    const oldJ = f64At(gAlpha, j);
    let ai = oldI;
    let aj = oldJ;
    const Gi = yi * f64At(gV, i);
    const Gj = yj * f64At(gV, j);
    if (yi != yj) {
      let quad = 2 + 2 * Qij;
      if (quad <= 0) quad = TAU;
      const delta = (-Gi - Gj) / quad;
      const diff = ai - aj;
      ai += delta;
      aj += delta;
      if (diff > 0) { if (aj < 0) { aj = 0; ai = diff; } } else if (ai < 0) { ai = 0; aj = -diff; }
      if (diff > 0) { if (ai > C) { ai = C; aj = C - diff; } } else if (aj > C) { aj = C; ai = C + diff; }
    } else {
      let quad = 2 - 2 * Qij;
      if (quad <= 0) quad = TAU;
      const delta = (Gi - Gj) / quad;
      const sum = ai + aj;
      ai -= delta;
      aj += delta;
      if (sum > C) { if (ai > C) { ai = C; aj = sum - C; } } else if (aj < 0) { aj = 0; ai = sum; }
      if (sum > C) { if (aj > C) { aj = C; ai = sum - C; } } else if (ai < 0) { ai = 0; aj = sum; }
    }
    setF64(gAlpha, i, ai);
    setF64(gAlpha, j, aj);
    const ui = statusAt(i) == UPPER;
    const uj = statusAt(j) == UPPER;
    updateStatus(i);
    updateStatus(j);
    // G_k += Q_ik da_i + Q_jk da_j, i.e. v_k += K_ik y_i da_i + K_jk y_j da_j
    updateGradient(Ki, Kj, (ai - oldI) * yi, (aj - oldJ) * yj);
    if (ui != (statusAt(i) == UPPER)) updateVbar(i, ui ? -C : C);
    if (uj != (statusAt(j) == UPPER)) updateVbar(j, uj ? -C : C);
  }
  // rho (libsvm's calculate_rho over the active set) and the objective
  let ub = Infinity;
  let lbd = -Infinity;
  let nFree = 0;
  let sumFree: f64 = 0;
  for (let t = 0; t < gActive; t++) {
    const yt = f64At(gY, t);
    const yG = f64At(gV, t);
    const st = statusAt(t);
    if (st == UPPER) { if (yt < 0) ub = min(ub, yG); else lbd = max(lbd, yG); }
    else if (st == LOWER) { if (yt > 0) ub = min(ub, yG); else lbd = max(lbd, yG); }
    else { nFree++; sumFree += yG; }
  }
  let obj: f64 = 0;
  for (let t = 0; t < l; t++) obj += f64At(gAlpha, t) * (f64At(gY, t) * f64At(gV, t) - 1);
  for (let t = 0; t < l; t++) setF64(alphaOut, i32At(gActiveSet, t), f64At(gAlpha, t));
  store<f64>(out, <f64>iter);
  store<f64>(out + 8, <f64>converged);
  store<f64>(out + 16, nFree > 0 ? sumFree / <f64>nFree : (ub + lbd) / 2);
  store<f64>(out + 24, obj / 2);
}
