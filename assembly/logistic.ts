// Logistic-regression loops over the data: loss, gradient, Hessian-vector product, decision values.
// X is row-major n x d (f64). A binary coefficient vector holds d weights, then, when `scale != 0`,
// one intercept weight whose feature value is `scale` (liblinear's intercept_scaling; 1 for lbfgs).
// The penalty is added by the caller: these kernels only sum over rows.

import { expF64x2 } from './simdExp';

/** a · b over d values (two f64x2 accumulators for instruction-level parallelism, scalar tail). */
@inline
function dot(a: usize, b: usize, d: i32): f64 {
  let acc0 = f64x2.splat(0.0);
  let acc1 = f64x2.splat(0.0);
  let j = 0;
  for (; j + 3 < d; j += 4) {
    const off = <usize>j << 3;
    acc0 = f64x2.add(acc0, f64x2.mul(v128.load(a + off), v128.load(b + off)));
    acc1 = f64x2.add(acc1, f64x2.mul(v128.load(a + off, 16), v128.load(b + off, 16)));
  }
  if (j + 1 < d) {
    const off = <usize>j << 3;
    acc0 = f64x2.add(acc0, f64x2.mul(v128.load(a + off), v128.load(b + off)));
    j += 2;
  }
  acc0 = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc0, 0) + f64x2.extract_lane(acc0, 1);
  if (j < d) s += load<f64>(a + (<usize>j << 3)) * load<f64>(b + (<usize>j << 3));
  return s;
}

/** out += alpha * x over d values. */
@inline
function axpy(out: usize, x: usize, alpha: f64, d: i32): void {
  const va = f64x2.splat(alpha);
  let j = 0;
  for (; j + 1 < d; j += 2) {
    const off = <usize>j << 3;
    v128.store(out + off, f64x2.add(v128.load(out + off), f64x2.mul(va, v128.load(x + off))));
  }
  if (j < d) {
    const off = <usize>j << 3;
    store<f64>(out + off, load<f64>(out + off) + alpha * load<f64>(x + off));
  }
}


/** Rows per batched log: a product of 512 factors in [1, 2] stays below 2^512, far from overflow. */
const LOG_BATCH: i32 = 512;

/** out += a0 * x0 + a1 * x1 over d values: two rows per pass over `out` halves its loads and stores. */
@inline
function axpy2(out: usize, x0: usize, a0: f64, x1: usize, a1: f64, d: i32): void {
  const v0 = f64x2.splat(a0);
  const v1 = f64x2.splat(a1);
  let j = 0;
  for (; j + 1 < d; j += 2) {
    const off = <usize>j << 3;
    const t = f64x2.add(f64x2.mul(v0, v128.load(x0 + off)), f64x2.mul(v1, v128.load(x1 + off)));
    v128.store(out + off, f64x2.add(v128.load(out + off), t));
  }
  if (j < d) {
    const off = <usize>j << 3;
    store<f64>(out + off, load<f64>(out + off) + (a0 * load<f64>(x0 + off) + a1 * load<f64>(x1 + off)));
  }
}

@inline
function zeroF64(ptr: usize, n: i32): void {
  memory.fill(ptr, 0, <usize>n << 3);
}


// Loss accumulators of lr_binary_loss_grad, shared by its inlined row step (see there).
let gLoss = 0.0;
let gLogs = 0.0;
let gWA = NaN; let gPA = 1.0; let gCA = 0;
let gWB = NaN; let gPB = 1.0; let gCB = 0;
let gZ0 = 0.0; let gZ1 = 0.0; let gZ2 = 0.0; let gZ3 = 0.0;

/** z of four rows at once: eight independent accumulators share each load of `c`. */
@inline
function dot4(r0: usize, r1: usize, r2: usize, r3: usize, c: usize, d: i32): void {
  let a0 = f64x2.splat(0.0), a1 = f64x2.splat(0.0), a2 = f64x2.splat(0.0), a3 = f64x2.splat(0.0);
  let b0 = f64x2.splat(0.0), b1 = f64x2.splat(0.0), b2 = f64x2.splat(0.0), b3 = f64x2.splat(0.0);
  let j = 0;
  for (; j + 3 < d; j += 4) {
    const off = <usize>j << 3;
    const ca = v128.load(c + off);
    const cb = v128.load(c + off, 16);
    a0 = f64x2.add(a0, f64x2.mul(v128.load(r0 + off), ca));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(r1 + off), ca));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(r2 + off), ca));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(r3 + off), ca));
    b0 = f64x2.add(b0, f64x2.mul(v128.load(r0 + off, 16), cb));
    b1 = f64x2.add(b1, f64x2.mul(v128.load(r1 + off, 16), cb));
    b2 = f64x2.add(b2, f64x2.mul(v128.load(r2 + off, 16), cb));
    b3 = f64x2.add(b3, f64x2.mul(v128.load(r3 + off, 16), cb));
  }
  if (j + 1 < d) {
    const off = <usize>j << 3;
    const ca = v128.load(c + off);
    a0 = f64x2.add(a0, f64x2.mul(v128.load(r0 + off), ca));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(r1 + off), ca));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(r2 + off), ca));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(r3 + off), ca));
    j += 2;
  }
  a0 = f64x2.add(a0, b0); a1 = f64x2.add(a1, b1); a2 = f64x2.add(a2, b2); a3 = f64x2.add(a3, b3);
  let z0 = f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1);
  let z1 = f64x2.extract_lane(a1, 0) + f64x2.extract_lane(a1, 1);
  let z2 = f64x2.extract_lane(a2, 0) + f64x2.extract_lane(a2, 1);
  let z3 = f64x2.extract_lane(a3, 0) + f64x2.extract_lane(a3, 1);
  if (j < d) {
    const off = <usize>j << 3;
    const cj = load<f64>(c + off);
    z0 += load<f64>(r0 + off) * cj; z1 += load<f64>(r1 + off) * cj;
    z2 += load<f64>(r2 + off) * cj; z3 += load<f64>(r3 + off) * cj;
  }
  gZ0 = z0; gZ1 = z1; gZ2 = z2; gZ3 = z3;
}

/** out += a0 x0 + a1 x1 + a2 x2 + a3 x3 over d values: four rows per pass over `out`. */
@inline
function axpy4(out: usize, x0: usize, a0: f64, x1: usize, a1: f64, x2: usize, a2: f64, x3: usize, a3: f64, d: i32): void {
  const v0 = f64x2.splat(a0), v1 = f64x2.splat(a1), v2 = f64x2.splat(a2), v3 = f64x2.splat(a3);
  let j = 0;
  for (; j + 1 < d; j += 2) {
    const off = <usize>j << 3;
    const t01 = f64x2.add(f64x2.mul(v0, v128.load(x0 + off)), f64x2.mul(v1, v128.load(x1 + off)));
    const t23 = f64x2.add(f64x2.mul(v2, v128.load(x2 + off)), f64x2.mul(v3, v128.load(x3 + off)));
    v128.store(out + off, f64x2.add(v128.load(out + off), f64x2.add(t01, t23)));
  }
  if (j < d) {
    const off = <usize>j << 3;
    store<f64>(out + off, load<f64>(out + off) +
      ((a0 * load<f64>(x0 + off) + a1 * load<f64>(x1 + off)) + (a2 * load<f64>(x2 + off) + a3 * load<f64>(x3 + off))));
  }
}

// The two-lane row steps (`pairStep`) keep their own loss sum and, for weight slot A, their own
// lane-wise products of u (two per lane per group of four rows; a log every LOG_BATCH / 4 groups).
let gVL = f64x2.splat(0.0);
let gVP = f64x2.splat(1.0);
let gVC = 0;

/**
 * `rowStepE` for two rows of weight slot A's weight `S` in the lanes (m, e = e^{-|m|}, labels
 * p0, p1): the loss into gVL, u into gVP, the curvature stored when `curv != 0`; returns the
 * residuals. Each lane computes what `rowStepE` computes, in f64x2 operations.
 */
@inline
function pairStep(M: v128, E: v128, p0: bool, p1: bool, S: v128, curv: usize, off: usize): v128 {
  const one = f64x2.splat(1.0);
  const U = f64x2.add(one, E);
  const inv = f64x2.div(one, U);
  const zero = f64x2.splat(0.0);
  gVL = f64x2.add(gVL, f64x2.mul(S, f64x2.add(f64x2.max(f64x2.neg(M), zero), f64x2.mul(f64x2.sub(E, f64x2.sub(U, one)), inv))));
  gVP = f64x2.mul(gVP, U);
  // σ(-m): inv where m < 0, else e·inv
  const wrong = v128.bitselect(inv, f64x2.mul(E, inv), f64x2.lt(M, zero));
  const sw = f64x2.mul(S, wrong);
  if (curv != 0) v128.store(curv + off, f64x2.mul(sw, f64x2.sub(one, wrong)));
  // residual -s·σ(-m) for a positive row, +s·σ(-m) otherwise
  const positive = i64x2.replace_lane(i64x2.splat(p0 ? -1 : 0), 1, p1 ? -1 : 0);
  return v128.bitselect(f64x2.neg(sw), sw, positive);
}

/**
 * One row's share of the binary loss (added to the accumulators above); returns its residual
 * ∂loss/∂z and, when `curv != 0`, stores its curvature.
 */
@inline
function rowStep(z: f64, positive: bool, s: f64, curv: usize, off: usize): f64 {
  // m = t·z with t = ±1: the row's loss is log(1 + e^{-m}) and its residual -t·σ(-m).
  // One exp serves both: e = e^{-|m|}, log(1 + e^{-m}) = max(-m, 0) + log1p(e).
  const m = positive ? z : -z;
  return rowStepE(m, Math.exp(-Math.abs(m)), positive, s, curv, off);
}

/** `rowStep` for m = ±z with e = e^{-|m|} already taken (four rows share two SIMD exps). */
@inline
function rowStepE(m: f64, e: f64, positive: bool, s: f64, curv: usize, off: usize): f64 {
  const u = 1.0 + e;
  const inv = 1.0 / u;
  // log1p(e) = log(u) plus the bits of e that 1 + e dropped; the log(u) terms are batched below.
  gLoss += s * (Math.max(-m, 0.0) + (e - (u - 1.0)) * inv);
  if (s == 0.0) {
    // no loss: keep the slots for real weights
  } else if (s == gWA) {
    gPA *= u;
    if (++gCA == LOG_BATCH) { gLogs += gWA * Math.log(gPA); gPA = 1.0; gCA = 0; }
  } else if (s == gWB) {
    gPB *= u;
    if (++gCB == LOG_BATCH) { gLogs += gWB * Math.log(gPB); gPB = 1.0; gCB = 0; }
  } else if (isNaN(gWA)) { // slots are claimed once, by the first two weights seen
    gWA = s; gPA = u; gCA = 1;
  } else if (isNaN(gWB)) {
    gWB = s; gPB = u; gCB = 1;
  } else {
    gLogs += s * Math.log(u);
  }
  const wrong = m < 0 ? inv : e * inv; // σ(-m): probability of the other class
  if (curv != 0) store<f64>(curv + off, s * wrong * (1.0 - wrong));
  return positive ? -s * wrong : s * wrong;
}

/**
 * Binary logistic loss Σ s_i [log(1 + e^{z_i}) − y_i z_i] (y_i ∈ {0, 1}, z_i = w·x_i + scale·b);
 * writes its gradient to `grad` (d [+1] values) and, when `curv != 0`, the curvature
 * s_i p_i (1 − p_i) of each row to `curv` (for `lr_binary_hess_vec`). Returns the loss.
 * Rows go four at a time: their dot products share the loads of the coefficients and run as
 * independent chains, and they enter the gradient in one pass over it.
 */
export function lr_binary_loss_grad(
  x: usize, n: i32, d: i32, y: usize, sw: usize, coef: usize, scale: f64, grad: usize, curv: usize,
): f64 {
  const hasB = scale != 0.0;
  const b = hasB ? load<f64>(coef + (<usize>d << 3)) * scale : 0.0;
  zeroF64(grad, hasB ? d + 1 : d);
  // Σ s_i log(u_i), u_i ∈ [1, 2], is taken as s · log(Π u_i) over the rows sharing a weight s: one
  // log per LOG_BATCH rows instead of one per row. Two weight slots cover unweighted data, class
  // weights and one-vs-rest (the rest weigh 1); rows with other weights take their own log.
  gLoss = 0.0; gLogs = 0.0;
  gWA = NaN; gPA = 1.0; gCA = 0;
  gWB = NaN; gPB = 1.0; gCB = 0;
  gVL = f64x2.splat(0.0); gVP = f64x2.splat(1.0); gVC = 0;
  let gb = 0.0;
  const rowBytes = <usize>d << 3;
  // two features: the gradient stays in a register across rows (in memory, its load and store
  // every four rows made the loop's speed depend on where the arrays lay relative to it)
  const inRegister = d == 2;
  let g2 = f64x2.splat(0.0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = x + <usize>i * rowBytes;
    const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
    dot4(r0, r1, r2, r3, coef, d);
    const off = <usize>i << 3;
    const p0 = load<f64>(y + off) > 0.5, p1 = load<f64>(y + off, 8) > 0.5;
    const p2 = load<f64>(y + off, 16) > 0.5, p3 = load<f64>(y + off, 24) > 0.5;
    const m0 = p0 ? gZ0 + b : -(gZ0 + b), m1 = p1 ? gZ1 + b : -(gZ1 + b);
    const m2 = p2 ? gZ2 + b : -(gZ2 + b), m3 = p3 ? gZ3 + b : -(gZ3 + b);
    // e^{-|m|} of the four rows in two SIMD exps (./simdExp.ts; a few ulps, as the scalar exp)
    const e01 = expF64x2(f64x2.neg(f64x2.abs(f64x2.replace_lane(f64x2.splat(m0), 1, m1))));
    const e23 = expF64x2(f64x2.neg(f64x2.abs(f64x2.replace_lane(f64x2.splat(m2), 1, m3))));
    const s0 = load<f64>(sw + off), s1 = load<f64>(sw + off, 8), s2 = load<f64>(sw + off, 16), s3 = load<f64>(sw + off, 24);
    let q0: f64, q1: f64, q2: f64, q3: f64;
    if (s0 == gWA && s1 == gWA && s2 == gWA && s3 == gWA && s0 != 0.0) {
      // the common case, four rows of the first weight: the row steps in two SIMD lanes
      const S = f64x2.splat(s0);
      const r01 = pairStep(f64x2.replace_lane(f64x2.splat(m0), 1, m1), e01, p0, p1, S, curv, off);
      const r23 = pairStep(f64x2.replace_lane(f64x2.splat(m2), 1, m3), e23, p2, p3, S, curv, off + 16);
      q0 = f64x2.extract_lane(r01, 0); q1 = f64x2.extract_lane(r01, 1);
      q2 = f64x2.extract_lane(r23, 0); q3 = f64x2.extract_lane(r23, 1);
      if (++gVC == LOG_BATCH / 4) { gLogs += gWA * (Math.log(f64x2.extract_lane(gVP, 0)) + Math.log(f64x2.extract_lane(gVP, 1))); gVP = f64x2.splat(1.0); gVC = 0; }
    } else {
      q0 = rowStepE(m0, f64x2.extract_lane(e01, 0), p0, s0, curv, off);
      q1 = rowStepE(m1, f64x2.extract_lane(e01, 1), p1, s1, curv, off + 8);
      q2 = rowStepE(m2, f64x2.extract_lane(e23, 0), p2, s2, curv, off + 16);
      q3 = rowStepE(m3, f64x2.extract_lane(e23, 1), p3, s3, curv, off + 24);
    }
    if (inRegister) {
      // axpy4's sums, in its order
      const t01 = f64x2.add(f64x2.mul(f64x2.splat(q0), v128.load(r0)), f64x2.mul(f64x2.splat(q1), v128.load(r1)));
      const t23 = f64x2.add(f64x2.mul(f64x2.splat(q2), v128.load(r2)), f64x2.mul(f64x2.splat(q3), v128.load(r3)));
      g2 = f64x2.add(g2, f64x2.add(t01, t23));
    } else {
      axpy4(grad, r0, q0, r1, q1, r2, q2, r3, q3, d);
    }
    gb += (q0 + q1) + (q2 + q3);
  }
  if (inRegister) v128.store(grad, g2);
  for (; i < n; i++) {
    const row = x + <usize>i * rowBytes;
    const off = <usize>i << 3;
    const q = rowStep(dot(row, coef, d) + b, load<f64>(y + off) > 0.5, load<f64>(sw + off), curv, off);
    if (q != 0.0) axpy(grad, row, q, d);
    gb += q;
  }
  if (gCA > 0) gLogs += gWA * Math.log(gPA);
  if (gCB > 0) gLogs += gWB * Math.log(gPB);
  if (gVC > 0) gLogs += gWA * (Math.log(f64x2.extract_lane(gVP, 0)) + Math.log(f64x2.extract_lane(gVP, 1)));
  gLoss += f64x2.extract_lane(gVL, 0) + f64x2.extract_lane(gVL, 1);
  if (hasB) store<f64>(grad + (<usize>d << 3), gb * scale);
  return gLoss + gLogs;
}

/**
 * Hessian-vector product of the binary loss: out = Σ curv_i (x̃_i·v) x̃_i, with x̃_i = (x_i, scale)
 * when `scale != 0`. `curv` comes from `lr_binary_loss_grad` at the current coefficients.
 */
export function lr_binary_hess_vec(x: usize, n: i32, d: i32, curv: usize, scale: f64, v: usize, out: usize): void {
  const hasB = scale != 0.0;
  const vb = hasB ? load<f64>(v + (<usize>d << 3)) * scale : 0.0;
  zeroF64(out, hasB ? d + 1 : d);
  let ob = 0.0;
  let pendingRow: usize = 0; // rows enter `out` in pairs, as in lr_binary_loss_grad
  let pendingT = 0.0;
  const rowBytes = <usize>d << 3;
  for (let i = 0; i < n; i++) {
    const row = x + <usize>i * rowBytes;
    const c = load<f64>(curv + (<usize>i << 3));
    if (c == 0.0) continue;
    const t = c * (dot(row, v, d) + vb);
    if (pendingRow != 0) { axpy2(out, pendingRow, pendingT, row, t, d); pendingRow = 0; }
    else { pendingRow = row; pendingT = t; }
    ob += t;
  }
  if (pendingRow != 0) axpy(out, pendingRow, pendingT, d);
  if (hasB) store<f64>(out + (<usize>d << 3), ob * scale);
}

/**
 * Multinomial loss Σ s_i [logsumexp_k z_ik − z_{i,y_i}] with W stored as K rows of `stride` values
 * (d weights, then the intercept when `hasIntercept`); writes the gradient (same layout) to `grad`.
 * `scratch` holds K f64. Returns the loss.
 */
export function lr_multinomial_loss_grad(
  x: usize, n: i32, d: i32, k: i32, codes: usize, sw: usize, w: usize, hasIntercept: i32, grad: usize, scratch: usize,
): f64 {
  const stride = hasIntercept ? d + 1 : d;
  const strideBytes = <usize>stride << 3;
  zeroF64(grad, k * stride);
  const rowBytes = <usize>d << 3;
  let loss = 0.0;
  for (let i = 0; i < n; i++) {
    const row = x + <usize>i * rowBytes;
    const s = load<f64>(sw + (<usize>i << 3));
    const yi = load<i32>(codes + (<usize>i << 2));
    let zmax = -Infinity;
    for (let c = 0; c < k; c++) {
      const wc = w + <usize>c * strideBytes;
      let z = dot(row, wc, d);
      if (hasIntercept) z += load<f64>(wc + rowBytes);
      store<f64>(scratch + (<usize>c << 3), z);
      if (z > zmax) zmax = z;
    }
    const zy = load<f64>(scratch + (<usize>yi << 3));
    let sum = 0.0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(load<f64>(scratch + (<usize>c << 3)) - zmax);
      store<f64>(scratch + (<usize>c << 3), e);
      sum += e;
    }
    loss += s * (zmax + Math.log(sum) - zy);
    const inv = 1.0 / sum;
    for (let c = 0; c < k; c++) {
      const p = load<f64>(scratch + (<usize>c << 3)) * inv;
      const r = s * (c == yi ? p - 1.0 : p);
      const gc = grad + <usize>c * strideBytes;
      if (r != 0.0) axpy(gc, row, r, d);
      if (hasIntercept) store<f64>(gc + rowBytes, load<f64>(gc + rowBytes) + r);
    }
  }
  return loss;
}

/** Decision values out[i*K + c] = coef_c · x_i + intercept_c (coef K x d row-major, intercept K). */
export function lr_decision(x: usize, n: i32, d: i32, k: i32, coef: usize, intercept: usize, out: usize): void {
  const rowBytes = <usize>d << 3;
  for (let i = 0; i < n; i++) {
    const row = x + <usize>i * rowBytes;
    const o = out + <usize>i * (<usize>k << 3);
    for (let c = 0; c < k; c++) {
      store<f64>(o + (<usize>c << 3), dot(row, coef + <usize>c * rowBytes, d) + load<f64>(intercept + (<usize>c << 3)));
    }
  }
}

/**
 * `lr_binary_loss_grad` over fixed blocks of `chunkRows` rows, chunks [c0, c1) of them: chunk c
 * writes its loss to `out[c * (dim + 1)]` and its gradient (dim values, dim = d [+1]) after it.
 * The caller adds the chunks up in chunk order, so the sum is the same whichever thread computed
 * which chunk (the threaded L-BFGS path runs chunks on the worker pool). No curvature.
 */
export function lr_binary_loss_grad_chunks(
  x: usize, n: i32, d: i32, y: usize, sw: usize, coef: usize, scale: f64, out: usize, chunkRows: i32, c0: i32, c1: i32,
): void {
  const dim = scale != 0.0 ? d + 1 : d;
  const rowBytes = <usize>d << 3;
  for (let c = c0; c < c1; c++) {
    const r0 = c * chunkRows;
    const rows = min(chunkRows, n - r0);
    if (rows <= 0) break;
    const o = out + ((<usize>c * <usize>(dim + 1)) << 3);
    const off = <usize>r0 << 3;
    const loss = lr_binary_loss_grad(x + <usize>r0 * rowBytes, rows, d, y + off, sw + off, coef, scale, o + 8, 0);
    store<f64>(o, loss);
  }
}
