/**
 * The work every thread of a parallel neighbour search does: take chunks of query rows from a
 * shared counter until none is left, run the same query kernel as the single-thread path on
 * each, and write the rows to their place (`par_knn_scatter`). The main thread calls this
 * function directly; pool workers get its source text (`workerSource.ts`), so it must stay
 * self-contained: no imports, no outer variables, no nested functions.
 * @internal
 */

/**
 * Slots of the shared control array (`Int32Array`): the chunk counter, finished and started
 * workers, a failure flag, and the job mailbox (generation, workers taking part, the job's JSON
 * at jobPtr / jobLen in the shared WebAssembly memory; generation -1 ends the workers) and the
 * number of workers blocked on it (only then does a new job need a wake-up call); jobSeq changes
 * whenever new JSON is written, so a worker parses a job that runs again only once.
 */
export const CONTROL = { next: 0, done: 1, ready: 2, failed: 3, gen: 4, nWorkers: 5, jobPtr: 6, jobLen: 7, sleeping: 8, jobSeq: 9, states: 16, acks: 16 + 64, length: 16 + 64 + 256 } as const;

/**
 * Chunks of a redoable job at most (`km.redo`: one state word each, at `CONTROL.states`); the
 * words at `CONTROL.acks + slot` hold the generation each worker last finished (up to 255 workers).
 */
export const MAX_REDO_CHUNKS = 64;

/**
 * A redoable chunk's state word is `(gen << 3) | status`: the job's generation, so that a worker
 * still on an older job can never take or commit a chunk of a newer one.
 */
export const REDO = { free: 0, worker: 1, committing: 2, main: 3, done: 4 } as const;

/** One search, as sent to every thread (all pointers into the pool's shared memory). */
export interface KnnJob {
  /**
   * 0: KD-tree queries, 1: brute-force queries, 2: build the KD-subtrees of `ranges`, 3: logistic
   * loss chunks (`lr`), 4: brute-force self-query tiles (`ranges`: [gLo, gHi, hLo, hHi] per tile,
   * the packed rows at `packed`, `chunkRows` groups per kernel call), 5: brute-force queries
   * over ranges of the fit rows (`ranges`: [lo, hi, outIdx, outDist] per range: heaps of
   * `knn_brute_heaps`, indices from lo), 6: nearest k-means centres of a row list
   * (`cluster_assign_rows_q16`: entries of `query`, or rows of `fit` when it is 0; `nQuery`
   * entries, `k` centres at `km.centers`, the rows quantised once at `km.q16` or 0, labels to
   * `outIdx`, squared distances to `outDist`, each thread's screen in its `pairs` scratch; with
   * `km.mode` 1 or 2 instead phase 2 or 4 of the rows' quantisation for that screen on chunks
   * of the `nQuery` rows of `fit`, phase-2 results to `km.out`, 2 float64 per chunk).
   */
  method: number;
  /** Build jobs (method 2): flat [lo, hi, heap node] per subtree (chunk). */
  ranges: number[];
  nFit: number;
  d: number;
  leafSize: number;
  /** KD-tree only. */
  tree: number;
  perm: number;
  split: number;
  /** The fit rows (brute force). */
  fit: number;
  /** Query rows, or 0 for the fit rows themselves (in tree order for the KD-tree). */
  query: number;
  nQuery: number;
  k: number;
  /** 1: leave each query's own row out (query i is fit row i). */
  excludeSelf: number;
  outIdx: number;
  outDist: number;
  chunkRows: number;
  nChunks: number;
  /** Per thread (slot): scratch pointers. */
  slots: { stk: number; off: number; pairs: number; tmpIdx: number; tmpDist: number; buildStk: number }[];
  /**
   * Method 3, chunks of the binary logistic loss (`lr_binary_loss_grad_chunks`): the rows are
   * `fit` (`nFit` x `d`), `chunkRows` rows per chunk, outputs per chunk at `out`.
   */
  lr?: { y: number; sw: number; coef: number; scale: number; out: number };
  /** Method 4: the rows packed by `knn_brute_self_prepare`, shared by every thread. */
  packed?: number;
  /**
   * Method 6: the centres (`k x d`) and the int16 screen's quantised rows (0: none); `mode` 0:
   * assignment, 1: `cluster_rows16_deviation` (to `out`), 2: `cluster_rows16_quantise`.
   */
  km?: {
    centers: number; q16: number; mode: number; out: number;
    /**
     * 1: a redoable job (see `runKnnChunks`): for an assignment, workers write into their
     * slot's `tmpIdx` / `tmpDist` (`chunkRows` entries) and commit a chunk only while it is
     * still theirs; the quantisation's phases write the same values whoever computes a chunk.
     * The calling thread takes over a chunk a worker holds for longer than `patience` polls.
     * Absent or 0: a plain job.
     */
    redo?: number;
    patience?: number;
  };
}

/** The kernels a thread calls. */
export interface ChunkKernels {
  knn_kdtree_query(...args: number[]): void;
  knn_brute(...args: number[]): void;
  par_knn_scatter(...args: number[]): void;
  par_kdtree_build_range(...args: number[]): void;
  lr_binary_loss_grad_chunks(...args: number[]): void;
  knn_brute_self_tile(...args: number[]): void;
  knn_brute_heaps(...args: number[]): void;
  cluster_assign_rows_q16(...args: number[]): number;
  cluster_rows16_deviation(...args: number[]): void;
  cluster_rows16_quantise(...args: number[]): void;
  cluster_copy_assigned(...args: number[]): void;
}

/**
 * Runs chunks of `job` until the shared counter `control[0]` passes `job.nChunks`; a redoable
 * job (`km.redo`) instead claims its chunks through their state words, tagged with `gen`, the
 * generation it was posted as.
 *
 * Redoable jobs (every k-means job of MiniBatchKMeans: its batch steps come every ~50 µs, and a
 * worker that loses its core to the garbage collector's threads on two cores would stall the
 * calling thread for a time slice): the calling thread never waits long for a worker. Workers
 * take chunks from the end; an assignment goes into their own scratch and is copied out only
 * after moving the chunk from `worker` to `committing` (compare-and-swap). The calling thread
 * takes chunks from the start, then waits for each chunk a worker holds, and after `patience`
 * polls takes it over (`worker` to `main`) and computes it itself. Each assignment chunk is
 * written once, by one thread, with the same values (a row's label depends only on the row and
 * the centres), and a worker that comes back late finds its chunk taken (or a newer
 * generation) and drops its result; a quantisation chunk may be written twice, with the same
 * values, as its inputs do not change. (The state words' offset, 16, is
 * `CONTROL.states`, written out: this function must not read outer variables.) Returns the
 * chunks the calling thread took over from workers (0 for other jobs).
 */
export function runKnnChunks(kern: ChunkKernels, control: Int32Array, job: KnnJob, slot: number, gen = 0): number {
  const s = job.slots[slot];
  if (job.method === 6 && job.km!.redo) {
    const km = job.km!;
    const tag = gen << 3;
    const worker = slot > 0;
    const patience = km.patience ?? 0;
    let ready = 0;
    let takenOver = 0;
    // pass 0: free chunks (workers from the end); pass 1 (calling thread): chunks workers hold
    for (let pass = 0; pass < (worker ? 1 : 2); pass++) {
      for (let i = 0; i < job.nChunks; i++) {
        const c = worker ? job.nChunks - 1 - i : i;
        if (pass === 0) {
          if (Atomics.compareExchange(control, 16 + c, tag, worker ? tag | 1 : tag | 3) !== tag) continue;
        } else {
          // wait for the chunk, or take it over
          let polls = 0;
          let mine = false;
          for (;;) {
            const v = Atomics.load(control, 16 + c);
            if (v === (tag | 4)) break;
            if (v === (tag | 1) && polls >= patience && Atomics.compareExchange(control, 16 + c, tag | 1, tag | 3) === (tag | 1)) {
              mine = true;
              break;
            }
            polls++;
          }
          if (!mine) continue;
          takenOver++;
        }
        const lo = c * job.chunkRows;
        const hi = Math.min(lo + job.chunkRows, job.nQuery);
        // the quantisation's phases write the same values whoever computes a chunk: in place
        if (km.mode === 1) kern.cluster_rows16_deviation(job.fit, job.d, lo, hi, km.q16, km.out + 16 * c);
        else if (km.mode === 2) kern.cluster_rows16_quantise(job.fit, job.d, lo, hi, km.q16);
        else if (!worker) kern.cluster_assign_rows_q16(job.fit, job.d, job.query, lo, hi, km.centers, job.k, job.outIdx, job.outDist, s.pairs, ready ? 0 : 1, km.q16);
        // a worker's assignment goes to its scratch, entry i of the chunk at i: a row list from the
        // chunk's place, or rows lo..hi written from scratch - lo (32-bit addresses wrap back)
        else if (job.query !== 0) kern.cluster_assign_rows_q16(job.fit, job.d, job.query + 4 * lo, 0, hi - lo, km.centers, job.k, s.tmpIdx, s.tmpDist, s.pairs, ready ? 0 : 1, km.q16);
        else kern.cluster_assign_rows_q16(job.fit, job.d, 0, lo, hi, km.centers, job.k, s.tmpIdx - 4 * lo, s.tmpDist - 8 * lo, s.pairs, ready ? 0 : 1, km.q16);
        if (km.mode === 0) ready = 1;
        if (worker && km.mode === 0) {
          // committed only while the chunk is still this worker's
          if (Atomics.compareExchange(control, 16 + c, tag | 1, tag | 2) !== (tag | 1)) return 0;
          kern.cluster_copy_assigned(job.outIdx + 4 * lo, job.outDist + 8 * lo, s.tmpIdx, s.tmpDist, hi - lo);
        }
        if (worker && km.mode !== 0) Atomics.compareExchange(control, 16 + c, tag | 1, tag | 4);
        else Atomics.store(control, 16 + c, tag | 4);
      }
    }
    return takenOver;
  }
  const kIn = job.excludeSelf ? job.k + 1 : job.k;
  // method 6: a thread prepares the centres' screen in its scratch once per job
  let prepared = 0;
  for (;;) {
    const c = Atomics.add(control, 0, 1);
    if (c >= job.nChunks) break;
    if (job.method === 6) {
      const km = job.km!;
      const lo = c * job.chunkRows;
      const hi = Math.min(lo + job.chunkRows, job.nQuery);
      if (km.mode === 1) kern.cluster_rows16_deviation(job.fit, job.d, lo, hi, km.q16, km.out + 16 * c);
      else if (km.mode === 2) kern.cluster_rows16_quantise(job.fit, job.d, lo, hi, km.q16);
      else {
        kern.cluster_assign_rows_q16(job.fit, job.d, job.query, lo, hi, km.centers, job.k, job.outIdx, job.outDist, s.pairs, prepared ? 0 : 1, km.q16);
        prepared = 1;
      }
      continue;
    }
    if (job.method === 4) {
      const r = job.ranges;
      const gLo = r[4 * c], gHi = r[4 * c + 1], hHi = r[4 * c + 3];
      // short calls: an engine only swaps in optimised code between calls
      for (let h = r[4 * c + 2]; h < hHi; h += job.chunkRows) {
        kern.knn_brute_self_tile(job.fit, job.nFit, job.d, job.k, job.excludeSelf, job.outIdx, job.outDist, job.packed!, gLo, gHi, h, Math.min(h + job.chunkRows, hHi));
      }
      continue;
    }
    if (job.method === 5) {
      const r = job.ranges;
      const lo = r[4 * c];
      kern.knn_brute_heaps(job.fit + lo * job.d * 8, r[4 * c + 1] - lo, job.d, job.query, job.nQuery, job.k, 0, r[4 * c + 2], r[4 * c + 3], s.pairs);
      continue;
    }
    if (job.method === 3) {
      const lr = job.lr!;
      kern.lr_binary_loss_grad_chunks(job.fit, job.nFit, job.d, lr.y, lr.sw, lr.coef, lr.scale, lr.out, job.chunkRows, c, c + 1);
      continue;
    }
    if (job.method === 2) {
      kern.par_kdtree_build_range(job.tree, job.perm, job.split, job.nFit, job.d, job.leafSize, job.ranges[3 * c], job.ranges[3 * c + 1], job.ranges[3 * c + 2], s.buildStk);
      continue;
    }
    const q0 = c * job.chunkRows;
    const nq = Math.min(job.chunkRows, job.nQuery - q0);
    const rowBytes = job.d * 8;
    // Tree-ordered self queries land at perm[t]; everything else at its own row.
    const perm = job.query === 0 && job.method === 0 ? job.perm : 0;
    const base = job.query !== 0 ? job.query : job.method === 0 ? job.tree : job.fit;
    const q = base + q0 * rowBytes;
    const direct = perm === 0 && !job.excludeSelf;
    const idx = direct ? job.outIdx + q0 * job.k * 4 : s.tmpIdx;
    const dist = direct ? job.outDist + q0 * job.k * 8 : s.tmpDist;
    if (job.method === 0) {
      kern.knn_kdtree_query(job.tree, job.perm, job.split, job.nFit, job.d, job.leafSize, q, nq, kIn, 0, idx, dist, s.stk, s.off, 0);
    } else {
      kern.knn_brute(job.fit, job.nFit, job.d, q, nq, kIn, 0, idx, dist, s.pairs);
    }
    if (!direct) kern.par_knn_scatter(s.tmpIdx, s.tmpDist, nq, kIn, job.k, perm, q0, job.excludeSelf, job.outIdx, job.outDist);
  }
  return 0;
}
