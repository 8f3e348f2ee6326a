/**
 * The penalised logistic objectives over data held in WebAssembly memory. The sums over rows run in
 * the `lr_` kernels; these classes only add the L2 term and move the few coefficients in and out.
 * Every buffer is allocated up front from the caller's arena, so views made here stay valid.
 */
import { f64View, type Arena, type Ptr } from '../core/memory.js';
import type { LogisticKernels } from './kernels.js';
import type { TwiceSmoothObjective, SmoothObjective } from './optimizer.js';
import type { BinaryRowSums } from './rowSums.js';

/** Adds λ w_j to grad_j for the first `nPenalized` weights; returns λ/2 Σ w_j² (0 when λ = 0). */
function addL2Penalty(w: Float64Array, grad: Float64Array, lambda: number, nPenalized: number): number {
  if (!(lambda > 0)) return 0;
  let sq = 0;
  for (let j = 0; j < nPenalized; j++) {
    sq += w[j] * w[j];
    grad[j] += lambda * w[j];
  }
  return 0.5 * lambda * sq;
}

/** The training rows, already in WASM memory. */
export interface DataInWasm {
  x: Ptr;
  n: number;
  d: number;
}

/**
 * Binary objective Σ s_i log(1 + e^{-t_i z_i}) + λ/2 ‖w‖² with z_i = w·x_i + scale·b.
 * `scale = 0` means no intercept; `penalizeIntercept` adds b to the penalty (liblinear's form).
 * Set the targets and weights with `setProblem` before solving (one-vs-rest reuses the buffers).
 */
export class BinaryLogisticObjective implements TwiceSmoothObjective {
  readonly dim: number;
  private readonly y: Ptr;
  private readonly sw: Ptr;
  private readonly coef: Ptr;
  private readonly grad: Ptr;
  private readonly v: Ptr;
  private readonly out: Ptr;
  private curvTrial: Ptr;
  private curvAccepted: Ptr;
  private readonly nPenalized: number;

  constructor(
    arena: Arena,
    private readonly k: LogisticKernels,
    private readonly data: DataInWasm,
    private readonly scale: number,
    private readonly lambda: number,
    penalizeIntercept: boolean,
  ) {
    const { n, d } = data;
    this.dim = scale !== 0 ? d + 1 : d;
    this.nPenalized = scale !== 0 && penalizeIntercept ? d + 1 : d;
    this.y = arena.f64(n);
    this.sw = arena.f64(n);
    this.coef = arena.f64(this.dim);
    this.grad = arena.f64(this.dim);
    this.v = arena.f64(this.dim);
    this.out = arena.f64(this.dim);
    this.curvTrial = arena.f64(n);
    this.curvAccepted = arena.f64(n);
  }

  /** Targets (1 for the positive class, else 0) and per-row weights of one binary problem. */
  setProblem(targets: Float64Array, weights: Float64Array): void {
    f64View(this.y, this.data.n).set(targets);
    f64View(this.sw, this.data.n).set(weights);
  }

  evaluate(w: Float64Array, grad: Float64Array): number {
    const { x, n, d } = this.data;
    f64View(this.coef, this.dim).set(w);
    const f = this.k.lr_binary_loss_grad(x, n, d, this.y, this.sw, this.coef, this.scale, this.grad, this.curvTrial);
    grad.set(f64View(this.grad, this.dim));
    return f + addL2Penalty(w, grad, this.lambda, this.nPenalized);
  }

  accept(): void {
    const t = this.curvTrial;
    this.curvTrial = this.curvAccepted;
    this.curvAccepted = t;
  }

  hessVec(v: Float64Array, out: Float64Array): void {
    const { x, n, d } = this.data;
    f64View(this.v, this.dim).set(v);
    this.k.lr_binary_hess_vec(x, n, d, this.curvAccepted, this.scale, this.v, this.out);
    out.set(f64View(this.out, this.dim));
    if (this.lambda > 0) for (let j = 0; j < this.nPenalized; j++) out[j] += this.lambda * v[j];
  }
}

/**
 * The binary objective for L-BFGS: the row sums of `rows` (on this thread or the worker pool)
 * plus λ/2 ‖w‖² over the d weights (the intercept is not penalised).
 */
export class PenalizedBinaryObjective implements SmoothObjective {
  readonly dim: number;

  constructor(private readonly rows: BinaryRowSums, private readonly lambda: number, private readonly nPenalized: number) {
    this.dim = rows.dim;
  }

  evaluate(w: Float64Array, grad: Float64Array): number {
    const f = this.rows.evaluate(w, grad);
    return f + addL2Penalty(w, grad, this.lambda, this.nPenalized);
  }
}

/**
 * Multinomial objective Σ s_i [logsumexp_k z_ik − z_{i,y_i}] + λ/2 ‖W‖²_F, W stored as K rows of
 * d weights followed by the (unpenalised) intercept when `fitIntercept`.
 */
export class MultinomialObjective implements SmoothObjective {
  readonly dim: number;
  private readonly stride: number;
  private readonly codes: Ptr;
  private readonly sw: Ptr;
  private readonly w: Ptr;
  private readonly grad: Ptr;
  private readonly scratch: Ptr;

  constructor(
    arena: Arena,
    private readonly k: LogisticKernels,
    private readonly data: DataInWasm,
    private readonly nClasses: number,
    codes: Int32Array,
    weights: Float64Array,
    private readonly fitIntercept: boolean,
    private readonly lambda: number,
  ) {
    this.stride = data.d + (fitIntercept ? 1 : 0);
    this.dim = nClasses * this.stride;
    this.codes = arena.i32From(codes);
    this.sw = arena.f64From(weights);
    this.w = arena.f64(this.dim);
    this.grad = arena.f64(this.dim);
    this.scratch = arena.f64(nClasses);
  }

  evaluate(w: Float64Array, grad: Float64Array): number {
    const { x, n, d } = this.data;
    f64View(this.w, this.dim).set(w);
    let f = this.k.lr_multinomial_loss_grad(
      x, n, d, this.nClasses, this.codes, this.sw, this.w, this.fitIntercept ? 1 : 0, this.grad, this.scratch,
    );
    grad.set(f64View(this.grad, this.dim));
    if (this.lambda > 0) {
      let sq = 0;
      for (let c = 0; c < this.nClasses; c++) {
        for (let j = c * this.stride, end = j + d; j < end; j++) {
          sq += w[j] * w[j];
          grad[j] += this.lambda * w[j];
        }
      }
      f += 0.5 * this.lambda * sq;
    }
    return f;
  }
}
