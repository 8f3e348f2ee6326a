/**
 * The WebAssembly side of the metrics: weighted confusion counts and the sorted
 * cumulative scan behind `rocCurve` / `precisionRecallCurve` / `rocAucScore`.
 */
import { kernels } from '../core/wasm.js';
import { withArena, readF64, readI32, u8View } from '../core/memory.js';

interface MetricKernels {
  metrics_argsort_scratch_bytes(n: number): number;
  metrics_argsort(values: number, n: number, order: number, scratch: number): void;
  metrics_binary_curve(scores: number, positive: number, weights: number, order: number, n: number,
    fps: number, tps: number, thresholds: number): number;
  metrics_confusion(yTrue: number, yPred: number, weights: number, n: number, k: number, out: number): void;
}

function metricKernels(): MetricKernels {
  return kernels() as unknown as MetricKernels;
}

/**
 * Weighted confusion counts `out[t * k + p]` of integer codes; codes outside [0, k) are left out.
 * @param weights per-sample weights, or null for 1 each
 */
export function confusionCounts(yTrue: Int32Array, yPred: Int32Array, k: number, weights: Float64Array | null): Float64Array {
  const n = yTrue.length;
  return withArena((arena) => {
    const pt = arena.i32From(yTrue);
    const pp = arena.i32From(yPred);
    const pw = weights ? arena.f64From(weights) : 0;
    const out = arena.f64(k * k);
    metricKernels().metrics_confusion(pt, pp, pw, n, k, out);
    return readF64(out, k * k);
  });
}

/** Stable ascending argsort of finite float64 values (numpy's `argsort(kind='mergesort')`). */
export function argsortStable(values: Float64Array): Int32Array {
  const n = values.length;
  return withArena((arena) => {
    const k = metricKernels();
    const pv = arena.f64From(values);
    const order = arena.i32(n);
    const scratch = arena.bytes(k.metrics_argsort_scratch_bytes(n));
    k.metrics_argsort(pv, n, order, scratch);
    return readI32(order, n);
  });
}

/** Cumulative false / true positives at each distinct score, highest score first. */
export interface BinaryCurveCounts {
  fps: Float64Array;
  tps: Float64Array;
  thresholds: Float64Array;
}

/**
 * scikit-learn's `_binary_clf_curve` on validated inputs: sorts `scores` descending (stable) and
 * returns cumulative (weighted) counts at the last sample of each run of equal scores.
 * @param positive one byte per sample, 1 for the positive class
 * @param weights per-sample weights (no zeros: callers drop them first), or null
 */
export function binaryCurveCounts(scores: Float64Array, positive: Uint8Array, weights: Float64Array | null): BinaryCurveCounts {
  const n = scores.length;
  return withArena((arena) => {
    const k = metricKernels();
    const ps = arena.f64From(scores);
    const pp = arena.u8(n);
    const pw = weights ? arena.f64From(weights) : 0;
    const order = arena.i32(n);
    const scratch = arena.bytes(k.metrics_argsort_scratch_bytes(n));
    const fps = arena.f64(n);
    const tps = arena.f64(n);
    const thr = arena.f64(n);
    u8View(pp, n).set(positive);
    k.metrics_argsort(ps, n, order, scratch);
    const m = k.metrics_binary_curve(ps, pp, pw, order, n, fps, tps, thr);
    return { fps: readF64(fps, m), tps: readF64(tps, m), thresholds: readF64(thr, m) };
  });
}
