/**
 * The worker pool behind `nJobs`: one shared `WebAssembly.Memory` owned by the pool, an
 * instance of the shared-memory build (`build/imbalanced.shared.wasm`) on the calling thread
 * that allocates and writes inputs, and workers that instantiate the same module on the same
 * memory and only compute. Started lazily, reused, workers unref'd (an idle pool never keeps
 * Node alive); `closePool()` ends it. The AssemblyScript runtime is not thread-safe, so only
 * the calling thread allocates.
 */
import { CONTROL, MAX_REDO_CHUNKS, runKnnChunks, type ChunkKernels, type KnnJob } from './chunks.js';
import { canBlock, hasSharedMemory, hasWorkers, isNode } from './environment.js';
import { startSourceWorker, type WorkerHandle } from './spawn.js';
import { poolWorkerSource } from './workerSource.js';

/** Kernels of the pool's own instance. */
export interface PoolKernels extends ChunkKernels {
  alloc(size: number): number;
  free(ptr: number): void;
  knn_kdtree_build_stack_i32(): number;
  knn_kdtree_tree_f64(n: number, d: number, leafSize: number): number;
  knn_kdtree_query_stack_f64(d: number): number;
  knn_kdtree_build(...args: number[]): void;
  par_kdtree_init(data: number, n: number, d: number, tree: number, perm: number): void;
  par_kdtree_split(tree: number, perm: number, split: number, n: number, d: number, leafSize: number, lo: number, hi: number, node: number): number;
  knn_brute_scratch_f64(nFit: number, d: number): number;
  knn_brute_self_prepare(fit: number, nFit: number, d: number, k: number, outIdx: number, outDist: number, pairs: number): void;
  knn_brute_finish(outIdx: number, outDist: number, nQuery: number, k: number): void;
  par_knn_merge_heaps(dstIdx: number, dstDist: number, srcIdx: number, srcDist: number, nQuery: number, k: number, offset: number): void;
}

const encoder = new TextEncoder();

/** Polls of `done` by the calling thread before it blocks (0.1–0.5 ms measured here). */
const MAIN_SPINS = 20_000;

/** Pages of 64 KiB: the wasm32 maximum (4 GiB). */
const MAX_PAGES = 65536;
/** The largest block the AssemblyScript allocator (TLSF) can hand out: 1 GiB minus its header. */
const MAX_BLOCK_BYTES = 2 ** 30 - 16;
/** How long a starting worker may take to report ready before the pool gives up. */
const START_TIMEOUT_MS = 30_000;

let compiled: WebAssembly.Module | null = null;
let pool: Pool | null = null;
let noticeShown = false;

/** Where the shared build lives by default (next to the main build). */
function defaultSharedWasmUrl(): URL {
  return new URL('../../build/imbalanced.shared.wasm', import.meta.url);
}

type NodeFs = typeof import('node:fs');
const nodeFs: NodeFs | null = isNode ? await import(/* @vite-ignore */ /* webpackIgnore: true */ ['node', 'fs'].join(':')) : null;

/** Compiles the shared build synchronously (Node reads the file; elsewhere `preparePool` must run first). */
function sharedModule(): WebAssembly.Module | null {
  if (compiled) return compiled;
  if (nodeFs) {
    compiled = new WebAssembly.Module(nodeFs.readFileSync(defaultSharedWasmUrl()));
    return compiled;
  }
  return null;
}

/** Why this environment cannot run the pool, or null when it can. */
export function poolUnavailableReason(): string | null {
  if (!hasSharedMemory()) return 'SharedArrayBuffer is not available (serve the page cross-origin isolated: COOP same-origin + COEP require-corp)';
  if (!hasWorkers()) return 'workers are not available here';
  if (!canBlock()) return "a browser's main thread may not wait for workers (call from a Web Worker, or use fitResampleAsync)";
  if (!compiled && !nodeFs) return 'the shared-memory module is not loaded (await preparePool() first)';
  return null;
}

/** Prints, once per process, why `nJobs > 1` runs on one thread here. */
export function fallbackNotice(reason: string): void {
  if (noticeShown) return;
  noticeShown = true;
  console.info(`imbalanced-wasm: nJobs > 1 runs on one thread: ${reason}.`);
}

/**
 * Loads and compiles the shared-memory build ahead of a synchronous `nJobs > 1` call, for
 * browsers (in a Web Worker, cross-origin isolated). Under Node it is optional.
 * @example
 * await preparePool({ source: '/assets/imbalanced.shared.wasm' });
 */
export async function preparePool(options: { source?: URL | string | ArrayBuffer | Uint8Array } = {}): Promise<void> {
  if (compiled) return;
  const source = options.source ?? defaultSharedWasmUrl();
  let bytes: BufferSource;
  if (source instanceof ArrayBuffer || source instanceof Uint8Array) bytes = source as BufferSource;
  else {
    const url = typeof source === 'string' ? new URL(source, import.meta.url) : source;
    if (nodeFs && url.protocol === 'file:') bytes = nodeFs.readFileSync(url);
    else bytes = await (await fetch(url)).arrayBuffer();
  }
  compiled = await WebAssembly.compile(bytes);
}

/** The blocks of one pool call, freed together. */
export class PoolArena {
  private readonly blocks: number[] = [];
  private readonly sizes: number[] = [];
  constructor(private readonly pool: Pool) {}

  /** `bytes` bytes of shared memory (16-byte aligned). */
  bytes(bytes: number): number {
    if (bytes > MAX_BLOCK_BYTES) {
      throw new RangeError(`imbalanced-wasm: a buffer of ${bytes} bytes exceeds the largest block of WebAssembly memory (${MAX_BLOCK_BYTES} bytes, 1 GiB; all buffers together are limited to 4 GiB).`);
    }
    const live = this.pool.liveBytes + bytes;
    if (live > 2 ** 32) {
      throw new RangeError(`imbalanced-wasm: the parallel search needs ${live} bytes of shared WebAssembly memory, more than the 4 GiB limit of 32-bit WebAssembly memory.`);
    }
    let ptr = 0;
    try {
      ptr = this.pool.kern.alloc(Math.max(bytes, 8));
    } catch {
      ptr = 0;
    }
    if (ptr === 0) throw new RangeError(`imbalanced-wasm: out of shared WebAssembly memory asking for ${bytes} bytes (the limit is 4 GiB).`);
    this.blocks.push(ptr);
    this.pool.liveBytes += bytes;
    this.sizes.push(bytes);
    return ptr;
  }
  /** Room for `n` float64 values. */
  f64(n: number): number { return this.bytes(n * 8); }
  /** Room for `n` int32 values. */
  i32(n: number): number { return this.bytes(n * 4); }

  /** Frees every block. */
  release(): void {
    for (let i = 0; i < this.blocks.length; i++) {
      this.pool.kern.free(this.blocks[i]);
      this.pool.liveBytes -= this.sizes[i];
    }
    this.blocks.length = 0;
    this.sizes.length = 0;
  }
}

/** The pool: shared memory, the calling thread's instance, and the workers. */
export class Pool {
  readonly memory: WebAssembly.Memory;
  readonly kern: PoolKernels;
  readonly control = new Int32Array(new SharedArrayBuffer(CONTROL.length * 4));
  readonly workers: WorkerHandle[] = [];
  liveBytes = 0;
  /** The job mailbox in shared memory (grown as needed, never freed while the pool lives). */
  private mailbox = 0;
  private mailboxBytes = 0;
  /** The job whose JSON the mailbox holds. */
  private lastJob: KnnJob | null = null;

  constructor(private readonly module: WebAssembly.Module) {
    this.memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    const instance = new WebAssembly.Instance(module, {
      env: {
        memory: this.memory,
        abort() {
          throw new Error('imbalanced-wasm: WebAssembly abort in the pool (a bug: please report it).');
        },
      },
    });
    this.kern = instance.exports as unknown as PoolKernels;
  }

  /** Starts workers until there are `n`, and waits until each has instantiated the module. */
  ensureWorkers(n: number): void {
    if (this.workers.length >= n) return;
    const target = n;
    const source = poolWorkerSource();
    while (this.workers.length < target) {
      const worker = startSourceWorker(source);
      worker.unref();
      worker.post({ type: 'init', module: this.module, memory: this.memory, control: this.control.buffer, slot: this.workers.length + 1 });
      this.workers.push(worker);
    }
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const ready = Atomics.load(this.control, CONTROL.ready);
      if (ready >= target) break;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`imbalanced-wasm: ${target - ready} pool worker(s) did not start within ${START_TIMEOUT_MS / 1000} s.`);
      Atomics.wait(this.control, CONTROL.ready, ready, Math.min(left, 100));
    }
  }

  /**
   * Runs `job` on this thread (slot 0) and `nWorkers` workers (slots 1..), and waits for all.
   * A job object must not change after its first run (it may run again without being re-sent).
   */
  run(job: KnnJob, nWorkers: number): void {
    this.ensureWorkers(nWorkers);
    this.drain();
    const c = this.control;
    Atomics.store(c, CONTROL.next, 0);
    Atomics.store(c, CONTROL.done, 0);
    Atomics.store(c, CONTROL.failed, 0);
    if (nWorkers > 0) this.post(job, nWorkers);
    let failure: unknown = null;
    try {
      runKnnChunks(this.kern, c, job, 0);
    } catch (error) {
      failure = error;
      // Stop the others from taking more chunks.
      Atomics.store(c, CONTROL.next, job.nChunks);
    }
    // the workers usually finish within microseconds of this thread: poll before blocking (a
    // blocked thread takes tens of microseconds to wake, as much as an L-BFGS evaluation's share)
    for (let i = 0; i < MAIN_SPINS && Atomics.load(c, CONTROL.done) < nWorkers; i++);
    for (;;) {
      const done = Atomics.load(c, CONTROL.done);
      if (done >= nWorkers) break;
      Atomics.wait(c, CONTROL.done, done, 1000);
    }
    if (failure) throw failure;
    if (Atomics.load(c, CONTROL.failed)) throw new Error('imbalanced-wasm: a pool worker failed during a neighbour search (a bug: please report it).');
  }

  /**
   * Runs a redoable job (`km.redo`, at most `MAX_REDO_CHUNKS` chunks; see `runKnnChunks`) on this
   * thread and `nWorkers` workers, and returns as soon as every chunk is written, without waiting
   * for a worker that is late: it is waited for (`drain`) only before the next plain job, a new
   * job's text or the end of the arena. `meanwhile` runs on this thread after the workers have
   * the job and before this thread takes its chunks (it must not use the pool).
   */
  runRedoable(job: KnnJob, nWorkers: number, meanwhile?: () => void): void {
    if (job.nChunks > MAX_REDO_CHUNKS) throw new RangeError(`imbalanced-wasm: a redoable job has at most ${MAX_REDO_CHUNKS} chunks (got ${job.nChunks}).`);
    this.ensureWorkers(nWorkers);
    if (job !== this.lastJob) this.drain();
    const c = this.control;
    const gen = (Atomics.load(c, CONTROL.gen) + 1) & 0x3fffffff;
    for (let i = 0; i < job.nChunks; i++) Atomics.store(c, CONTROL.states + i, gen << 3);
    if (nWorkers > 0) {
      this.post(job, nWorkers);
      this.redoGen = gen;
      this.redoWorkers = nWorkers;
    }
    meanwhile?.();
    this.takenOver += runKnnChunks(this.kern, c, job, 0, gen);
  }

  /** Chunks of redoable jobs this thread took over from late workers (for tests and diagnostics). */
  takenOver = 0;

  /** The generation and workers of the last redoable job (0: none outstanding). */
  private redoGen = 0;
  private redoWorkers = 0;

  /** Waits until every worker of the last redoable job has finished it (usually long done). */
  drain(): void {
    if (this.redoWorkers === 0) return;
    const c = this.control;
    for (let w = 1; w <= this.redoWorkers; w++) {
      for (let i = 0; i < MAIN_SPINS && Atomics.load(c, CONTROL.acks + w) !== this.redoGen; i++);
      for (;;) {
        const ack = Atomics.load(c, CONTROL.acks + w);
        if (ack === this.redoGen) break;
        Atomics.wait(c, CONTROL.acks + w, ack, 1000);
      }
    }
    this.redoWorkers = 0;
  }

  /** Writes `job` to the mailbox for workers 1..nWorkers and wakes them (see `CONTROL`). */
  private post(job: KnnJob, nWorkers: number): void {
    if (job !== this.lastJob) this.write(job);
    const c = this.control;
    Atomics.store(c, CONTROL.nWorkers, nWorkers);
    Atomics.store(c, CONTROL.gen, (Atomics.load(c, CONTROL.gen) + 1) & 0x3fffffff);
    // workers still polling see the new generation themselves
    if (Atomics.load(c, CONTROL.sleeping) > 0) Atomics.notify(c, CONTROL.gen);
  }

  /** Puts a job's JSON in the mailbox (L-BFGS runs one job object per evaluation: written once). */
  private write(job: KnnJob): void {
    const bytes = encoder.encode(JSON.stringify(job));
    if (bytes.length > this.mailboxBytes) {
      if (this.mailbox) this.kern.free(this.mailbox);
      this.mailboxBytes = Math.max(bytes.length, 2 * this.mailboxBytes, 4096);
      this.mailbox = this.kern.alloc(this.mailboxBytes);
      if (!this.mailbox) throw new RangeError('imbalanced-wasm: out of shared memory for a pool job.');
    }
    new Uint8Array(this.memory.buffer, this.mailbox, bytes.length).set(bytes);
    Atomics.store(this.control, CONTROL.jobPtr, this.mailbox);
    Atomics.store(this.control, CONTROL.jobLen, bytes.length);
    Atomics.store(this.control, CONTROL.jobSeq, (Atomics.load(this.control, CONTROL.jobSeq) + 1) & 0x3fffffff);
    this.lastJob = job;
  }

  /** Runs `body` with a fresh arena whose blocks are freed afterwards. */
  withArena<R>(body: (arena: PoolArena) => R): R {
    const arena = new PoolArena(this);
    try {
      return body(arena);
    } finally {
      // a late worker of a redoable job may still read and write these blocks
      this.drain();
      arena.release();
    }
  }

  /** A fresh float64 view on the shared memory (it stays valid: shared memory never detaches). */
  f64View(ptr: number, n: number): Float64Array { return new Float64Array(this.buffer(), ptr, n); }
  /** A fresh int32 view on the shared memory. */
  i32View(ptr: number, n: number): Int32Array { return new Int32Array(this.buffer(), ptr, n); }

  /** True when `view` was made by `f64View` / `i32View` (its byte offset is then its address here). */
  holds(view: ArrayBufferView): boolean {
    return this.buffers.has(view.buffer);
  }

  /** The memory's current buffer object (a new one after each growth), remembered for `holds`. */
  private buffer(): SharedArrayBuffer {
    const b = this.memory.buffer as unknown as SharedArrayBuffer;
    this.buffers.add(b);
    return b;
  }
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  /** Ends the workers' job loops, then terminates them. */
  close(): void {
    // (no drain: the workers end here, and this memory is not used again)
    this.redoWorkers = 0;
    Atomics.store(this.control, CONTROL.gen, -1);
    Atomics.notify(this.control, CONTROL.gen);
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
  }
}

/**
 * The pool, started on first use, or null (with a one-time console notice) where threads
 * cannot be used synchronously here.
 */
export function getPool(): Pool | null {
  if (pool) return pool;
  const reason = poolUnavailableReason();
  if (reason) {
    fallbackNotice(reason);
    return null;
  }
  const module = sharedModule();
  if (!module) {
    fallbackNotice('the shared-memory module is not loaded (await preparePool() first)');
    return null;
  }
  pool = new Pool(module);
  return pool;
}

/**
 * Ends the worker pool and releases its shared memory (a later `nJobs > 1` call starts a new
 * one). The pool's workers never keep Node alive, so calling this is optional.
 * @example
 * new NearestNeighbors({ nJobs: 2 }).fit(X).kneighbors();
 * closePool();
 */
export function closePool(): void {
  pool?.close();
  pool = null;
}

/** Workers running now (0 when no pool), for tests and benchmarks. */
export function poolSize(): number {
  return pool?.workers.length ?? 0;
}

/** Bytes of the pool's shared memory (0 when no pool). */
export function poolMemoryBytes(): number {
  return pool?.memory.buffer.byteLength ?? 0;
}
