/**
 * The sum over rows of the binary logistic loss and its gradient, for L-BFGS, computed in fixed
 * blocks of `LOSS_CHUNK_ROWS` rows (`lr_binary_loss_grad_chunks`) that are added up in block
 * order: on the calling thread, or with the blocks shared out over the worker pool. The blocks
 * and the order of the additions do not depend on the thread count, so neither does the fit.
 */
import { f64View, type Arena, type Ptr } from '../core/memory.js';
import type { KnnJob } from '../parallel/chunks.js';
import { isAutomaticJobs, resolveJobs } from '../parallel/jobs.js';
import { getPool, type Pool, type PoolArena } from '../parallel/pool.js';
import type { DataInWasm } from './objectives.js';
import type { LogisticKernels } from './kernels.js';

/** Rows per block (4,096: at 40,000 rows, ten blocks share out evenly over two threads). */
export const LOSS_CHUNK_ROWS = 4096;
/** With the automatic thread count, L-BFGS uses the pool from this many values (rows × features). */
export const AUTO_MIN_LBFGS_VALUES = 2 ** 17;

/** Σ_i s_i log(1 + e^{-t_i z_i}) and its gradient, without the penalty. */
export interface BinaryRowSums {
  /** d, plus 1 with an intercept. */
  readonly dim: number;
  /** Targets (1 positive, else 0) and row weights. */
  setProblem(targets: Float64Array, weights: Float64Array): void;
  /** The loss at `w`; writes its gradient into `grad`. */
  evaluate(w: Float64Array, grad: Float64Array): number;
}

/** Adds the per-block results (loss, then `dim` gradient values per block) in block order. */
function addBlocks(out: Float64Array, nBlocks: number, dim: number, grad: Float64Array): number {
  let loss = 0;
  grad.fill(0);
  for (let c = 0; c < nBlocks; c++) {
    const o = c * (dim + 1);
    loss += out[o];
    for (let j = 0; j < dim; j++) grad[j] += out[o + 1 + j];
  }
  return loss;
}

function blockCount(n: number): number {
  return Math.ceil(n / LOSS_CHUNK_ROWS);
}

/** The blocks on the calling thread, on data in the library's WebAssembly memory. */
export class LocalRowSums implements BinaryRowSums {
  readonly dim: number;
  private readonly y: Ptr;
  private readonly sw: Ptr;
  private readonly coef: Ptr;
  private readonly out: Ptr;
  private readonly nBlocks: number;

  constructor(arena: Arena, private readonly k: LogisticKernels, private readonly data: DataInWasm, private readonly scale: number) {
    this.dim = scale !== 0 ? data.d + 1 : data.d;
    this.nBlocks = blockCount(data.n);
    this.y = arena.f64(data.n);
    this.sw = arena.f64(data.n);
    this.coef = arena.f64(this.dim);
    this.out = arena.f64(this.nBlocks * (this.dim + 1));
  }

  setProblem(targets: Float64Array, weights: Float64Array): void {
    f64View(this.y, this.data.n).set(targets);
    f64View(this.sw, this.data.n).set(weights);
  }

  evaluate(w: Float64Array, grad: Float64Array): number {
    const { x, n, d } = this.data;
    f64View(this.coef, this.dim).set(w);
    this.k.lr_binary_loss_grad_chunks(x, n, d, this.y, this.sw, this.coef, this.scale, this.out, LOSS_CHUNK_ROWS, 0, this.nBlocks);
    return addBlocks(f64View(this.out, this.nBlocks * (this.dim + 1)), this.nBlocks, this.dim, grad);
  }
}

/** The blocks shared out over the worker pool, on a copy of the rows in the pool's shared memory. */
export class PoolRowSums implements BinaryRowSums {
  readonly dim: number;
  private readonly job: KnnJob;
  private readonly nBlocks: number;
  private readonly lr: NonNullable<KnnJob['lr']>;

  constructor(private readonly pool: Pool, arena: PoolArena, X: Float64Array, private readonly n: number, d: number, scale: number, private readonly threads: number) {
    this.dim = scale !== 0 ? d + 1 : d;
    this.nBlocks = blockCount(n);
    // rows a caller already gathered into this pool's memory (cross-validation folds) are read in place
    const inPlace = pool.holds(X);
    const x = inPlace ? X.byteOffset : arena.f64(n * d);
    this.lr = { y: arena.f64(n), sw: arena.f64(n), coef: arena.f64(this.dim), scale, out: arena.f64(this.nBlocks * (this.dim + 1)) };
    if (!inPlace) pool.f64View(x, n * d).set(X);
    this.job = {
      method: 3, ranges: [], nFit: n, d, leafSize: 0, tree: 0, perm: 0, split: 0, fit: x, query: 0, nQuery: 0, k: 0,
      excludeSelf: 0, outIdx: 0, outDist: 0, chunkRows: LOSS_CHUNK_ROWS, nChunks: this.nBlocks, slots: [], lr: this.lr,
    };
  }

  setProblem(targets: Float64Array, weights: Float64Array): void {
    this.pool.f64View(this.lr.y, this.n).set(targets);
    this.pool.f64View(this.lr.sw, this.n).set(weights);
  }

  evaluate(w: Float64Array, grad: Float64Array): number {
    this.pool.f64View(this.lr.coef, this.dim).set(w);
    this.pool.run(this.job, Math.min(this.threads, this.nBlocks) - 1);
    return addBlocks(this.pool.f64View(this.lr.out, this.nBlocks * (this.dim + 1)), this.nBlocks, this.dim, grad);
  }
}

/**
 * The pool and thread count for an L-BFGS fit on n × d rows, or null for the calling thread:
 * the `setNJobs` default, or automatically every processor under Node from
 * `AUTO_MIN_LBFGS_VALUES` values; never fewer than two blocks per extra thread's worth of rows.
 */
export function lbfgsPool(n: number, d: number): { pool: Pool; threads: number } | null {
  const automatic = isAutomaticJobs(undefined);
  const threads = Math.min(resolveJobs(undefined), blockCount(n));
  if (threads < 2 || (automatic && n * d < AUTO_MIN_LBFGS_VALUES)) return null;
  const pool = getPool();
  return pool ? { pool, threads } : null;
}
