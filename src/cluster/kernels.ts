/** Typed view of the k-means kernels of assembly/cluster.ts. @internal */
import type { Ptr } from '../core/memory.js';
import { kernels } from '../core/wasm.js';

/** The k-means kernels (pointers and sizes; see assembly/cluster.ts). @internal */
export interface ClusterKernels {
  cluster_assign(x: Ptr, n: number, d: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr, packed: Ptr): number;
  /** Entries lo..hi-1 of a row list (`batch` indices, or rows when 0); `prepare` 0 reuses `packed`. */
  cluster_assign_rows(x: Ptr, d: number, batch: Ptr, lo: number, hi: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr, packed: Ptr, prepare: number): void;
  /** f64 values of the quantised-rows area of `cluster_quantise_rows`. */
  cluster_rows16_f64(n: number, d: number): number;
  /** Quantises the rows once for the int16 screen; 1 when it applies (4 < d <= 64, usable range). */
  cluster_quantise_rows(x: Ptr, n: number, d: number, q16: Ptr): number;
  /** `cluster_quantise_rows` in phases for threads: mu from a sample (0: the screen does not apply). */
  cluster_rows16_begin(x: Ptr, n: number, d: number, q16: Ptr): number;
  /** Rows lo..hi-1: max deviation and sum of squares to `out` (2 float64). */
  cluster_rows16_deviation(x: Ptr, d: number, lo: number, hi: number, q16: Ptr, out: Ptr): void;
  /** The grid from the max deviation and sum of squares of all rows (0: does not apply). */
  cluster_rows16_grid(q16: Ptr, n: number, d: number, m: number, sq: number): number;
  /** Quantises rows lo..hi-1. */
  cluster_rows16_quantise(x: Ptr, d: number, lo: number, hi: number, q16: Ptr): void;
  /** 1 when every chunk quantised (the rows area is usable). */
  cluster_rows16_end(q16: Ptr): number;
  /** `cluster_assign_rows` with the int16 screen on rows quantised into `q16` (0: none); 1 when that screen ran. */
  cluster_assign_rows_q16(x: Ptr, d: number, batch: Ptr, lo: number, hi: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr, packed: Ptr, prepare: number, q16: Ptr): number;
  /** Sum of `n` float64 in order. */
  cluster_sum(v: Ptr, n: number): number;
  /** f64 values of the `packed` scratch of the assignment kernels. */
  cluster_packed_f64(k: number, d: number): number;
  cluster_lloyd_step(x: Ptr, n: number, d: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr, sums: Ptr, counts: Ptr, inertiaOut: Ptr, packed: Ptr): number;
  /** `cluster_lloyd_step` with the int16 screen on rows quantised into `q16` (0: none); new labels staged in `scratchLabels`. */
  cluster_lloyd_step_q16(x: Ptr, n: number, d: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr, sums: Ptr, counts: Ptr, inertiaOut: Ptr, packed: Ptr, q16: Ptr, scratchLabels: Ptr): number;
  cluster_minibatch_step(x: Ptr, d: number, batch: Ptr, m: number, centers: Ptr, k: number, weightSums: Ptr, labels: Ptr, d2: Ptr, sums: Ptr, counts: Ptr, packed: Ptr): number;
  /** The centre update of `cluster_minibatch_step` for an assigned batch; returns its inertia. */
  cluster_minibatch_update(x: Ptr, d: number, batch: Ptr, m: number, centers: Ptr, k: number, weightSums: Ptr, labels: Ptr, d2: Ptr, sums: Ptr, counts: Ptr): number;
  /** k-means++: for 1..4 candidate rows (`cands`, int32), min(closest, distance) to `outs + c n` and the potentials to `pots`. */
  cluster_pp_candidates(x: Ptr, n: number, d: number, cands: Ptr, nc: number, closest: Ptr, outs: Ptr, pots: Ptr): void;
  cluster_sq_dist_to(x: Ptr, n: number, d: number, p: Ptr, out: Ptr): number;
  cluster_pairwise_distance_sum(x: Ptr, n: number, d: number): number;
}

/** The k-means kernels. @internal */
export function clusterKernels(): ClusterKernels {
  return kernels() as unknown as ClusterKernels;
}
