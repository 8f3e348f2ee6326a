/** Typed view of the k-means kernels of assembly/cluster.ts. @internal */
import type { Ptr } from '../core/memory.js';
import { kernels } from '../core/wasm.js';

/** The k-means kernels (pointers and sizes; see assembly/cluster.ts). @internal */
export interface ClusterKernels {
  cluster_assign(x: Ptr, n: number, d: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr, packed: Ptr): number;
  /** Entries lo..hi-1 of a row list (`batch` indices, or rows when 0); `prepare` 0 reuses `packed`. */
  cluster_assign_rows(x: Ptr, d: number, batch: Ptr, lo: number, hi: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr, packed: Ptr, prepare: number): void;
  /** Sum of `n` float64 in order. */
  cluster_sum(v: Ptr, n: number): number;
  /** f64 values of the `packed` scratch of the assignment kernels. */
  cluster_packed_f64(k: number, d: number): number;
  cluster_lloyd_step(x: Ptr, n: number, d: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr, sums: Ptr, counts: Ptr, inertiaOut: Ptr, packed: Ptr): number;
  cluster_minibatch_step(x: Ptr, d: number, batch: Ptr, m: number, centers: Ptr, k: number, weightSums: Ptr, labels: Ptr, d2: Ptr, sums: Ptr, counts: Ptr, packed: Ptr): number;
  /** The centre update of `cluster_minibatch_step` for an assigned batch; returns its inertia. */
  cluster_minibatch_update(x: Ptr, d: number, batch: Ptr, m: number, centers: Ptr, k: number, weightSums: Ptr, labels: Ptr, d2: Ptr, sums: Ptr, counts: Ptr): number;
  cluster_pp_candidate(x: Ptr, n: number, d: number, cand: number, closest: Ptr, out: Ptr): number;
  cluster_sq_dist_to(x: Ptr, n: number, d: number, p: Ptr, out: Ptr): number;
  cluster_pairwise_distance_sum(x: Ptr, n: number, d: number): number;
}

/** The k-means kernels. @internal */
export function clusterKernels(): ClusterKernels {
  return kernels() as unknown as ClusterKernels;
}
