/**
 * Where a k-means loop keeps its buffers and how it assigns rows to centres: in the library's
 * WebAssembly memory on the calling thread, or in the worker pool's shared memory with the rows
 * of each assignment shared out over the pool's threads (`cluster_assign_rows` on chunks of the
 * row list). Every row's label and distance depend only on that row and the centres, and sums
 * over them are taken afterwards in row order, so the thread count never changes a result.
 * @internal
 */
import { f64View, i32View, withArena, type Ptr } from '../core/memory.js';
import type { KnnJob } from '../parallel/chunks.js';
import { isAutomaticJobs, resolveJobs } from '../parallel/jobs.js';
import { getPool, type Pool, type PoolArena } from '../parallel/pool.js';
import { clusterKernels, type ClusterKernels } from './kernels.js';

/**
 * Threads are used for an assignment of this many values (rows × features × centres) or more:
 * about 50 µs of work on one thread here, several times the cost of handing a job to the pool.
 */
export const MIN_THREADED_ASSIGN = 2 ** 17;

/** Buffers and assignments of one k-means fit. @internal */
export interface AssignSpace {
  readonly kern: ClusterKernels;
  /** Room for `n` float64 values (freed when the space ends). */
  f64(n: number): Ptr;
  /** Room for `n` int32 values. */
  i32(n: number): Ptr;
  /** A fresh float64 view (valid until the next allocation). */
  f64View(ptr: Ptr, n: number): Float64Array;
  /** A fresh int32 view (valid until the next allocation). */
  i32View(ptr: Ptr, n: number): Int32Array;
  /**
   * Nearest of the `k` centres at `centers` for the `m` entries of a row list of `x` (`d`
   * columns): entry i is row `batch[i]`, or row i when `batch` is 0. Labels to `labels`,
   * squared distances to `d2`.
   */
  assign(x: Ptr, d: number, batch: Ptr, m: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr): void;
}

/**
 * Runs `body` in a space for a fit of `n × d` rows with `k` centres: the pool's when more than
 * one thread is asked (`setNJobs`; automatic: every processor under Node) and an assignment of
 * all rows reaches `MIN_THREADED_ASSIGN` values, else the calling thread's. Buffers are freed
 * afterwards.
 */
export function withAssignSpace<R>(n: number, d: number, k: number, body: (space: AssignSpace) => R): R {
  const threads = resolveJobs(undefined);
  const pool = threads > 1 && (!isAutomaticJobs(undefined) || n * d * k >= MIN_THREADED_ASSIGN) ? getPool() : null;
  if (!pool) return withArena((arena) => body(localSpace(arena)));
  return pool.withArena((arena) => body(new PoolSpace(pool, arena, threads, k, d)));
}

function localSpace(arena: { f64(n: number): Ptr; i32(n: number): Ptr }): AssignSpace {
  const kern = clusterKernels();
  let packed = 0;
  let packedFor = '';
  return {
    kern,
    f64: (n) => arena.f64(n),
    i32: (n) => arena.i32(n),
    f64View,
    i32View,
    assign(x, d, batch, m, centers, k, labels, d2) {
      if (packedFor !== `${k},${d}`) {
        packed = arena.f64(kern.cluster_packed_f64(k, d));
        packedFor = `${k},${d}`;
      }
      kern.cluster_assign_rows(x, d, batch, 0, m, centers, k, labels, d2, packed, 1);
    },
  };
}

/** The pool's shared memory; assignments of at least `MIN_THREADED_ASSIGN` values go to its threads. */
class PoolSpace implements AssignSpace {
  readonly kern: ClusterKernels;
  /** One screen scratch per thread (slot). */
  private readonly slots: KnnJob['slots'];
  /** The last job, run again while its arguments stay the same (workers parse it once). */
  private job: KnnJob | null = null;

  constructor(private readonly pool: Pool, private readonly arena: PoolArena, private readonly threads: number, k: number, d: number) {
    this.kern = pool.kern as unknown as ClusterKernels;
    const scratch = this.kern.cluster_packed_f64(k, d);
    this.slots = Array.from({ length: threads }, () => ({ stk: 0, off: 0, pairs: arena.f64(scratch), tmpIdx: 0, tmpDist: 0, buildStk: 0 }));
  }

  f64(n: number): Ptr { return this.arena.f64(n); }
  i32(n: number): Ptr { return this.arena.i32(n); }
  f64View(ptr: Ptr, n: number): Float64Array { return this.pool.f64View(ptr, n); }
  i32View(ptr: Ptr, n: number): Int32Array { return this.pool.i32View(ptr, n); }

  assign(x: Ptr, d: number, batch: Ptr, m: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr): void {
    if (m * d * k < MIN_THREADED_ASSIGN) {
      this.kern.cluster_assign_rows(x, d, batch, 0, m, centers, k, labels, d2, this.slots[0].pairs, 1);
      return;
    }
    let job = this.job;
    if (!job || job.fit !== x || job.d !== d || job.query !== batch || job.nQuery !== m || job.km!.centers !== centers || job.k !== k || job.outIdx !== labels || job.outDist !== d2) {
      // chunks of a multiple of 4 rows (the four-row screen's groups), about four per thread
      const chunkRows = Math.max(64, Math.ceil(m / (4 * this.threads) / 4) * 4);
      job = {
        method: 6, ranges: [], nFit: 0, d, leafSize: 0, tree: 0, perm: 0, split: 0, fit: x, query: batch, nQuery: m, k,
        excludeSelf: 0, outIdx: labels, outDist: d2, chunkRows, nChunks: Math.ceil(m / chunkRows), slots: this.slots, km: { centers },
      };
      this.job = job;
    }
    this.pool.run(job, Math.min(this.threads, job.nChunks) - 1);
  }
}
