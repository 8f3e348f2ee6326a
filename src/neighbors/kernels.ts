/**
 * Typed view of the k-nearest-neighbour kernels (assembly/neighbors/*.ts).
 * @internal
 */
import { kernels } from '../core/wasm.js';
import type { Ptr } from '../core/memory.js';

/** The neighbour kernels of the WebAssembly module. */
export interface NeighborKernels {
  knn_kdtree_build_stack_i32(): number;
  /** f64 slots of a tree buffer (rows, then one box per node in heap order). */
  knn_kdtree_tree_f64(n: number, d: number, leafSize: number): number;
  /** Node (box) slots of a tree of n rows: 2^(h+1) - 1 for its depth h. */
  knn_kdtree_node_slots(n: number, leafSize: number): number;
  knn_kdtree_query_stack_f64(d: number): number;
  knn_kdtree_build(data: Ptr, n: number, d: number, leafSize: number, tree: Ptr, perm: Ptr, split: Ptr, buildStk: Ptr): void;
  knn_kdtree_query(
    tree: Ptr, perm: Ptr, split: Ptr, n: number, d: number, leafSize: number,
    query: Ptr, nQuery: number, k: number, excludeSelf: number,
    outIdx: Ptr, outDist: Ptr, queryStk: Ptr, off: Ptr, mask: Ptr,
  ): void;
  knn_brute_scratch_f64(nFit: number, d: number): number;
  knn_brute(
    fit: Ptr, nFit: number, d: number, query: Ptr, nQuery: number, k: number, excludeSelf: number,
    outIdx: Ptr, outDist: Ptr, pairs: Ptr,
  ): void;
  knn_brute_direct(
    fit: Ptr, nFit: number, d: number, query: Ptr, nQuery: number, k: number, excludeSelf: number,
    outIdx: Ptr, outDist: Ptr, pairs: Ptr,
  ): void;
  knn_brute_self_prepare(fit: Ptr, nFit: number, d: number, k: number, outIdx: Ptr, outDist: Ptr, pairs: Ptr): void;
  knn_brute_self_groups(
    fit: Ptr, nFit: number, d: number, k: number, excludeSelf: number, outIdx: Ptr, outDist: Ptr, pairs: Ptr,
    g0: number, g1: number,
  ): void;
  knn_brute_finish(outIdx: Ptr, outDist: Ptr, nQuery: number, k: number): void;
}

/** The neighbour kernels (after `ready()`). */
export function neighborKernels(): NeighborKernels {
  return kernels() as unknown as NeighborKernels;
}
