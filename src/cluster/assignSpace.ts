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
 * An assignment of all rows is shared out over the pool's threads from this many values (rows ×
 * features × centres) on, and a fit starts the pool (automatic thread count) only when its final
 * assignment reaches it: about 0.1 ms of work on one thread here.
 */
export const MIN_THREADED_ASSIGN = 2 ** 20;

/**
 * A batch (MiniBatchKMeans' steps, one every ~50 µs) is shared out from this many values on. Every
 * k-means job on the pool is redoable (`Pool.runRedoable`): the calling thread never waits long
 * for a worker that lost its core (to the garbage collector's threads on two cores), it computes
 * that worker's chunk itself. With plain jobs, KMeansSMOTE at 50,000 × 20 varied twice as much
 * with its 62 batches of 1,024 × 20 × 20 values threaded as without; as redoable jobs the
 * MiniBatchKMeans fit there went from 7.7 to 6.6 ms (`scratch/mbkprof.mts`).
 */
export const MIN_REDO_ASSIGN = 2 ** 17;

/** Rows per chunk of a batch (a multiple of 4, the four-row screen's groups). */
const REDO_CHUNK_ROWS = 64;

/**
 * Polls of a worker's chunk of `REDO_CHUNK_ROWS` rows before the calling thread computes it
 * itself (about the chunk's own time; larger chunks in proportion). With another process taking
 * a core, MiniBatchKMeans at 50,000 × 20 had a median fit of 9.6 ms at 500 polls, 10.6 at 4,000.
 */
let redoPatience = 500;

/** Polls before a worker's chunk of `chunkRows` rows is taken over (`redoPatience` in proportion). */
function patienceFor(chunkRows: number): number {
  return Math.round((redoPatience * chunkRows) / REDO_CHUNK_ROWS);
}

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
   * Runs `meanwhile` once on the calling thread, while the pool's workers make their first pass
   * over the rows (it must not use the pool).
   */
  quantise(x: Ptr, n: number, d: number, meanwhile: () => void): void;
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
  return pool.withArena((arena) => body(new PoolSpace(pool, arena, threads, n, k, d)));
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
    quantise(x, n, d, meanwhile) {
      meanwhile();
      if (!quantises(d)) return;
      const q = arena.f64(kern.cluster_rows16_f64(n, d));
      if (kern.cluster_quantise_rows(x, n, d, q)) { q16 = q; q16For = x; }
    },
  };
}

/** The pool's shared memory; assignments of at least `MIN_THREADED_ASSIGN` values go to its threads. */
class PoolSpace implements AssignSpace {
  readonly kern: ClusterKernels;
  /** One screen scratch per thread (slot), and a worker's assignment chunk before it commits it. */
  private readonly slots: KnnJob['slots'];
  /** The last assignment job of a batch and of all rows, each run again while its arguments stay the same (workers parse it once). */
  private batchJob: KnnJob | null = null;
  private wholeJob: KnnJob | null = null;
  /** Quantised rows (`quantise`) and the rows they are of. */
  private q16 = 0;
  private q16For = 0;

  constructor(private readonly pool: Pool, private readonly arena: PoolArena, private readonly threads: number, n: number, k: number, d: number) {
    this.kern = pool.kern as unknown as ClusterKernels;
    const scratch = this.kern.cluster_packed_f64(k, d);
    const chunk = Math.max(wholeChunkRows(n, threads), batchChunkRows(n));
    this.slots = Array.from({ length: threads }, () => ({
      stk: 0, off: 0, pairs: arena.f64(scratch), tmpIdx: arena.i32(chunk), tmpDist: arena.f64(chunk), buildStk: 0,
    }));
  }

  f64(n: number): Ptr { return this.arena.f64(n); }
  i32(n: number): Ptr { return this.arena.i32(n); }
  f64View(ptr: Ptr, n: number): Float64Array { return this.pool.f64View(ptr, n); }
  i32View(ptr: Ptr, n: number): Int32Array { return this.pool.i32View(ptr, n); }

  quantise(x: Ptr, n: number, d: number, meanwhile: () => void): void {
    const kern = this.kern;
    if (!quantises(d) || n * d < MIN_THREADED_QUANTISE) {
      meanwhile();
      if (!quantises(d)) return;
      const q = this.arena.f64(kern.cluster_rows16_f64(n, d));
      if (kern.cluster_quantise_rows(x, n, d, q)) { this.q16 = q; this.q16For = x; }
      return;
    }
    // the phases of cluster_quantise_rows, the passes over the rows on the pool's threads
    const q = this.arena.f64(kern.cluster_rows16_f64(n, d));
    if (!kern.cluster_rows16_begin(x, n, d, q)) {
      meanwhile();
      return;
    }
    const chunkRows = Math.ceil(n / (4 * this.threads));
    const nChunks = Math.ceil(n / chunkRows);
    const out = this.arena.f64(2 * nChunks);
    const run = (mode: number, during?: () => void) => this.run({
      method: 6, ranges: [], nFit: 0, d, leafSize: 0, tree: 0, perm: 0, split: 0, fit: x, query: 0, nQuery: n, k: 0,
      excludeSelf: 0, outIdx: 0, outDist: 0, chunkRows, nChunks, slots: this.slots, km: { centers: 0, q16: q, mode, out, ...this.redo(nChunks, chunkRows) },
    }, during);
    run(1, meanwhile);
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
    const values = m * d * k;
    const whole = batch === 0;
    if (values < (whole ? MIN_THREADED_ASSIGN : MIN_REDO_ASSIGN)) {
      this.kern.cluster_assign_rows_q16(x, d, batch, 0, m, centers, k, labels, d2, this.slots[0].pairs, 1, q16);
      return;
    }
    let job = whole ? this.wholeJob : this.batchJob;
    if (!job || job.fit !== x || job.d !== d || job.query !== batch || job.nQuery !== m || job.km!.centers !== centers || job.km!.q16 !== q16 || job.k !== k || job.outIdx !== labels || job.outDist !== d2 || job.km!.patience !== patienceFor(job.chunkRows)) {
      // chunks of a multiple of 4 rows (the four-row screen's groups)
      const chunkRows = whole ? wholeChunkRows(m, this.threads) : batchChunkRows(m);
      const nChunks = Math.ceil(m / chunkRows);
      job = {
        method: 6, ranges: [], nFit: 0, d, leafSize: 0, tree: 0, perm: 0, split: 0, fit: x, query: batch, nQuery: m, k,
        excludeSelf: 0, outIdx: labels, outDist: d2, chunkRows, nChunks, slots: this.slots, km: { centers, q16, mode: 0, out: 0, ...this.redo(nChunks, chunkRows) },
      };
      if (whole) this.wholeJob = job;
      else this.batchJob = job;
    }
    this.run(job);
  }

  /** The redo fields of a job of `nChunks` chunks of `chunkRows` rows: redoable when the pool's state words hold them all. */
  private redo(nChunks: number, chunkRows: number): { redo: number; patience: number } {
    return { redo: nChunks <= MAX_REDO_CHUNKS ? 1 : 0, patience: patienceFor(chunkRows) };
  }

  /** Runs a job on the pool's threads: redoable (see `Pool.runRedoable`) when it is marked so; `meanwhile` runs on this thread first (redoable) or before (plain). */
  private run(job: KnnJob, meanwhile?: () => void): void {
    const nWorkers = Math.min(this.threads, job.nChunks) - 1;
    if (job.km!.redo) {
      this.pool.runRedoable(job, nWorkers, meanwhile);
      return;
    }
    meanwhile?.();
    this.pool.run(job, nWorkers);
  }
}

/** Rows per chunk of a batch of `m` rows: `REDO_CHUNK_ROWS`, or more for a batch of over `MAX_REDO_CHUNKS` such chunks. */
function batchChunkRows(m: number): number {
  return Math.max(REDO_CHUNK_ROWS, Math.ceil(m / MAX_REDO_CHUNKS / 4) * 4);
}

/** Rows per chunk of an assignment of all `n` rows: a multiple of 4, about four chunks per thread. */
function wholeChunkRows(n: number, threads: number): number {
  return Math.max(64, Math.ceil(n / (4 * threads) / 4) * 4);
}
