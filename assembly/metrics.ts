// Metric kernels: weighted confusion counts, a stable argsort of float64 scores, and the
// cumulative true/false-positive scan of scikit-learn's `_binary_clf_curve`.

const RADIX_BITS: i32 = 11;
const RADIX_SIZE: i32 = 1 << RADIX_BITS; // 2048 buckets per pass
const RADIX_PASSES: i32 = 6; // 6 × 11 bits cover the 64 bits of a key

/** Bytes of scratch `metrics_argsort` needs for `n` values. */
export function metrics_argsort_scratch_bytes(n: i32): i32 {
  // keys (u64) twice, indices (i32) once more, and one histogram per pass (u32).
  return n * 8 * 2 + n * 4 + RADIX_PASSES * RADIX_SIZE * 4;
}

/** Maps a float64 to a u64 whose unsigned order is the numeric order (-0 and +0 made equal). */
@inline
function sortableKey(x: f64): u64 {
  const bits = reinterpret<u64>(x == 0.0 ? 0.0 : x);
  return (bits >> 63) != 0 ? ~bits : bits | 0x8000000000000000;
}

/**
 * Stable ascending argsort of `n` finite float64 values (LSD radix sort on the bit patterns,
 * stable like numpy's `argsort(kind='mergesort')`). Writes the permutation to `order` (i32).
 * `scratch` must hold `metrics_argsort_scratch_bytes(n)` bytes.
 */
export function metrics_argsort(values: usize, n: i32, order: usize, scratch: usize): void {
  const keysA = scratch;
  const keysB = keysA + (<usize>n << 3);
  const idxB = keysB + (<usize>n << 3);
  const hist = idxB + (<usize>n << 2);
  memory.fill(hist, 0, <usize>(RADIX_PASSES * RADIX_SIZE * 4));
  for (let i = 0; i < n; i++) {
    const key = sortableKey(load<f64>(values + (<usize>i << 3)));
    store<u64>(keysA + (<usize>i << 3), key);
    store<i32>(order + (<usize>i << 2), i);
    for (let p = 0; p < RADIX_PASSES; p++) {
      const digit = <usize>((key >> <u64>(p * RADIX_BITS)) & <u64>(RADIX_SIZE - 1));
      const h = hist + (<usize>(p * RADIX_SIZE) << 2) + (digit << 2);
      store<u32>(h, load<u32>(h) + 1);
    }
  }
  let srcKeys = keysA;
  let dstKeys = keysB;
  let srcIdx = order;
  let dstIdx = idxB;
  for (let p = 0; p < RADIX_PASSES; p++) {
    const h = hist + (<usize>(p * RADIX_SIZE) << 2);
    // A pass where every key has the same digit changes nothing: skip it.
    let skip = false;
    for (let d = 0; d < RADIX_SIZE; d++) {
      const c = load<u32>(h + (<usize>d << 2));
      if (c != 0) {
        skip = c == <u32>n;
        break;
      }
    }
    if (skip) continue;
    let sum: u32 = 0;
    for (let d = 0; d < RADIX_SIZE; d++) {
      const c = load<u32>(h + (<usize>d << 2));
      store<u32>(h + (<usize>d << 2), sum);
      sum += c;
    }
    const shift = <u64>(p * RADIX_BITS);
    for (let i = 0; i < n; i++) {
      const key = load<u64>(srcKeys + (<usize>i << 3));
      const digit = <usize>((key >> shift) & <u64>(RADIX_SIZE - 1));
      const slot = h + (digit << 2);
      const pos = load<u32>(slot);
      store<u32>(slot, pos + 1);
      store<u64>(dstKeys + (<usize>pos << 3), key);
      store<i32>(dstIdx + (<usize>pos << 2), load<i32>(srcIdx + (<usize>i << 2)));
    }
    const tk = srcKeys; srcKeys = dstKeys; dstKeys = tk;
    const ti = srcIdx; srcIdx = dstIdx; dstIdx = ti;
  }
  if (srcIdx != order) memory.copy(order, srcIdx, <usize>n << 2);
}

/**
 * scikit-learn's `_binary_clf_curve` after the sort: walks `order` (an ascending stable
 * argsort of `scores`) from the end, accumulating true and false positives (weighted when
 * `weights` is not 0), and writes one (fps, tps, threshold) triple at the last sample of each
 * run of equal scores. `positive` holds one byte per sample (1 = positive class).
 * Returns the number of thresholds written.
 */
export function metrics_binary_curve(
  scores: usize, positive: usize, weights: usize, order: usize, n: i32,
  fps: usize, tps: usize, thresholds: usize,
): i32 {
  let tp: f64 = 0;
  let fp: f64 = 0;
  let count: i32 = 0;
  for (let k = n - 1; k >= 0; k--) {
    const i = <usize>load<i32>(order + (<usize>k << 2));
    const w = weights != 0 ? load<f64>(weights + (i << 3)) : 1.0;
    if (load<u8>(positive + i) != 0) tp += w;
    else fp += w;
    const score = load<f64>(scores + (i << 3));
    const last = k == 0 || load<f64>(scores + (<usize>load<i32>(order + (<usize>(k - 1) << 2)) << 3)) != score;
    if (last) {
      store<f64>(fps + (<usize>count << 3), fp);
      store<f64>(tps + (<usize>count << 3), tp);
      store<f64>(thresholds + (<usize>count << 3), score);
      count++;
    }
  }
  return count;
}

/**
 * Confusion counts: `out[t * k + p] += w` for every sample whose true code t and predicted
 * code p are both in [0, k) (samples with a label outside `labels` are left out, as in
 * scikit-learn). `weights` 0 means every weight is 1. `out` (k × k float64) is zeroed first.
 */
export function metrics_confusion(
  yTrue: usize, yPred: usize, weights: usize, n: i32, k: i32, out: usize,
): void {
  memory.fill(out, 0, <usize>(k * k) << 3);
  const uk = <u32>k;
  for (let i = 0; i < n; i++) {
    const t = <u32>load<i32>(yTrue + (<usize>i << 2));
    const p = <u32>load<i32>(yPred + (<usize>i << 2));
    if (t >= uk || p >= uk) continue; // negative codes wrap to large unsigned values
    const w = weights != 0 ? load<f64>(weights + (<usize>i << 3)) : 1.0;
    const cell = out + ((<usize>t * <usize>uk + <usize>p) << 3);
    store<f64>(cell, load<f64>(cell) + w);
  }
}
