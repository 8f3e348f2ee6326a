/**
 * Where a k-means loop keeps its buffers and how it assigns rows to centres: in the library's
 * WebAssembly memory on the calling thread, or in the worker pool's shared memory with the rows
 * of each assignment shared out over the pool's threads (`cluster_assign_rows_q16` on chunks of
 * the row list). A fit may quantise its rows once (`quantise`) for the int16 screen of
 * assembly/clusterScreen16.ts, which every later assignment of those rows then uses. Every
 * row's label and distance depend only on that row and the centres, and sums over them are
 * taken afterwards in row order, so the thread count never changes a result.
 * @internal
 */
import { f64View, i32View, withArena, type Ptr } from '../core/memory.js';
import { MAX_REDO_CHUNKS, type KnnJob } from '../parallel/chunks.js';
import { isAutomaticJobs, resolveJobs } from '../parallel/jobs.js';
import { getPool, type Pool, type PoolArena } from '../parallel/pool.js';
import { clusterKernels, type ClusterKernels } from './kernels.js';

/**
 * Threads are used for an assignment of this many values (rows × features × centres) or more:
 * about 0.1 ms of work on one thread here. Every threaded assignment waits for the slowest
 * thread, and a worker that loses its core for a moment (to the garbage collector's threads on
 * two cores) stalls it: KMeansSMOTE at 50,000 × 20 varied twice as much with its 62 batches of
 * 1,024 × 20 × 20 values threaded (2^17) as with only its final assignment threaded.
 */
export const MIN_THREADED_ASSIGN = 2 ** 20;

/**
 * A batch of a row list (MiniBatchKMeans' steps) is shared out from this many values on, as a
 * redoable job (`Pool.runRedoable`): the calling thread never waits long for a worker that lost
 * its core, it computes that worker's chunk itself. MiniBatchKMeans at 50,000 × 20, k = 20
 * (1,024 × 20 × 20 values per batch): fit 7.7–7.8 → ~6.6 ms (`scratch/mbkprof.mts`).
 */
export const MIN_REDO_ASSIGN = 2 ** 17;

/** Rows per chunk of a redoable batch (a multiple of 4, the four-row screen's groups). */
const REDO_CHUNK_ROWS = 64;

/** Polls of a worker's chunk before the calling thread computes it itself (a few chunks' time). */
let redoPatience = 4000;

/** Sets the polls before a worker's chunk is taken over (tests set 0 to take over at once); returns the previous value. @internal */
export function setRedoPatience(polls: number): number {
  const was = redoPatience;
  redoPatience = polls;
  return was;
}

/** Threads quantise the rows for the int16 screen from this many values (rows × features) on. */
export const MIN_THREADED_QUANTISE = 2 ** 18;

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
  /**
   * Quantises the `n` rows at `x` once for the int16 screen (`cluster_quantise_rows`): later
   * assignments of rows of `x` use it (where it applies: 4 < d <= 64). Same results either way.
   */
  quantise(x: Ptr, n: number, d: number): void;
}

/** The int16 screen applies for these dimensions (at d <= 4 the f32 four-rows search is faster). @internal */
export function quantises(d: number): boolean {
  return d > 4 && d <= 64;
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
  if (!pool) return withArena((arena) => body(localSpace(arena, k, d)));
  return pool.withArena((arena) => body(new PoolSpace(pool, arena, threads, k, d)));
}

function localSpace(arena: { f64(n: number): Ptr; i32(n: number): Ptr }, k: number, d: number): AssignSpace {
  const kern = clusterKernels();
  const packed = arena.f64(kern.cluster_packed_f64(k, d));
  let q16 = 0;
  let q16For = 0;
  return {
    kern,
    f64: (n) => arena.f64(n),
    i32: (n) => arena.i32(n),
    f64View,
    i32View,
    assign(x, d, batch, m, centers, k, labels, d2) {
      kern.cluster_assign_rows_q16(x, d, batch, 0, m, centers, k, labels, d2, packed, 1, x === q16For ? q16 : 0);
    },
    quantise(x, n, d) {
      if (!quantises(d)) return;
      const q = arena.f64(kern.cluster_rows16_f64(n, d));
      if (kern.cluster_quantise_rows(x, n, d, q)) { q16 = q; q16For = x; }
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
  /** Quantised rows (`quantise`) and the rows they are of. */
  private q16 = 0;
  private q16For = 0;

  /** The last redoable batch job, run again while its arguments stay the same. */
  private redoJob: KnnJob | null = null;

  constructor(private readonly pool: Pool, private readonly arena: PoolArena, private readonly threads: number, k: number, d: number) {
    this.kern = pool.kern as unknown as ClusterKernels;
    const scratch = this.kern.cluster_packed_f64(k, d);
    // tmpIdx / tmpDist: a worker's chunk of a redoable batch before it commits it
    this.slots = Array.from({ length: threads }, () => ({
      stk: 0, off: 0, pairs: arena.f64(scratch), tmpIdx: arena.i32(REDO_CHUNK_ROWS), tmpDist: arena.f64(REDO_CHUNK_ROWS), buildStk: 0,
    }));
  }

  f64(n: number): Ptr { return this.arena.f64(n); }
  i32(n: number): Ptr { return this.arena.i32(n); }
  f64View(ptr: Ptr, n: number): Float64Array { return this.pool.f64View(ptr, n); }
  i32View(ptr: Ptr, n: number): Int32Array { return this.pool.i32View(ptr, n); }

  quantise(x: Ptr, n: number, d: number): void {
    if (!quantises(d)) return;
    const kern = this.kern;
    const q = this.arena.f64(kern.cluster_rows16_f64(n, d));
    if (n * d < MIN_THREADED_QUANTISE) {
      if (kern.cluster_quantise_rows(x, n, d, q)) { this.q16 = q; this.q16For = x; }
      return;
    }
    // the phases of cluster_quantise_rows, the passes over the rows on the pool's threads
    if (!kern.cluster_rows16_begin(x, n, d, q)) return;
    const chunkRows = Math.ceil(n / (4 * this.threads));
    const nChunks = Math.ceil(n / chunkRows);
    const out = this.arena.f64(2 * nChunks);
    const run = (mode: number) => this.pool.run({
      method: 6, ranges: [], nFit: 0, d, leafSize: 0, tree: 0, perm: 0, split: 0, fit: x, query: 0, nQuery: n, k: 0,
      excludeSelf: 0, outIdx: 0, outDist: 0, chunkRows, nChunks, slots: this.slots, km: { centers: 0, q16: q, mode, out },
    }, Math.min(this.threads, nChunks) - 1);
    run(1);
    const dev = this.pool.f64View(out, 2 * nChunks);
    let m = 0;
    let sq = 0;
    for (let c = 0; c < nChunks; c++) {
      const v = dev[2 * c];
      if (v !== v || v > m) m = v; // (a NaN stays)
      sq += dev[2 * c + 1];
    }
    if (!kern.cluster_rows16_grid(q, n, d, m, sq)) return;
    run(2);
    if (kern.cluster_rows16_end(q)) { this.q16 = q; this.q16For = x; }
  }

  assign(x: Ptr, d: number, batch: Ptr, m: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr): void {
    const q16 = x === this.q16For ? this.q16 : 0;
    if (m * d * k < MIN_THREADED_ASSIGN) {
      if (batch !== 0 && m * d * k >= MIN_REDO_ASSIGN && Math.ceil(m / REDO_CHUNK_ROWS) <= MAX_REDO_CHUNKS) {
        this.assignRedoable(x, d, batch, m, centers, k, labels, d2, q16);
        return;
      }
      this.kern.cluster_assign_rows_q16(x, d, batch, 0, m, centers, k, labels, d2, this.slots[0].pairs, 1, q16);
      return;
    }
    let job = this.job;
    if (!job || job.fit !== x || job.d !== d || job.query !== batch || job.nQuery !== m || job.km!.centers !== centers || job.km!.q16 !== q16 || job.k !== k || job.outIdx !== labels || job.outDist !== d2) {
      // chunks of a multiple of 4 rows (the four-row screen's groups), about four per thread
      const chunkRows = Math.max(64, Math.ceil(m / (4 * this.threads) / 4) * 4);
      job = {
        method: 6, ranges: [], nFit: 0, d, leafSize: 0, tree: 0, perm: 0, split: 0, fit: x, query: batch, nQuery: m, k,
        excludeSelf: 0, outIdx: labels, outDist: d2, chunkRows, nChunks: Math.ceil(m / chunkRows), slots: this.slots, km: { centers, q16, mode: 0, out: 0 },
      };
      this.job = job;
    }
    this.pool.run(job, Math.min(this.threads, job.nChunks) - 1);
  }

  /** A batch as a redoable job: chunks of `REDO_CHUNK_ROWS` entries (see `Pool.runRedoable`). */
  private assignRedoable(x: Ptr, d: number, batch: Ptr, m: number, centers: Ptr, k: number, labels: Ptr, d2: Ptr, q16: Ptr): void {
    let job = this.redoJob;
    if (!job || job.fit !== x || job.d !== d || job.query !== batch || job.nQuery !== m || job.km!.centers !== centers || job.km!.q16 !== q16 || job.k !== k || job.outIdx !== labels || job.outDist !== d2 || job.km!.patience !== redoPatience) {
      job = {
        method: 6, ranges: [], nFit: 0, d, leafSize: 0, tree: 0, perm: 0, split: 0, fit: x, query: batch, nQuery: m, k,
        excludeSelf: 0, outIdx: labels, outDist: d2, chunkRows: REDO_CHUNK_ROWS, nChunks: Math.ceil(m / REDO_CHUNK_ROWS), slots: this.slots,
        km: { centers, q16, mode: 0, out: 0, redo: 1, patience: redoPatience },
      };
      this.redoJob = job;
    }
    this.pool.runRedoable(job, Math.min(this.threads, job.nChunks) - 1);
  }
}
