import { checkBoolean, checkKnownOptions, checkNumber, checkInteger, paramRangeError, paramTypeError } from '../core/errors.js';
import { decodeLabels, encodeLabels, type EncodedLabels } from '../core/labels.js';
import { readF64, withArena } from '../core/memory.js';
import { toMatrix } from '../core/matrix.js';
import type { Label, Labels, LabelsLike, Matrix, MatrixLike } from '../core/types.js';
import { svmKernels } from './kernels.js';
import { solveSmo } from './smo.js';

/** Options of `SVC` (scikit-learn's names, camelCased; same defaults; RBF kernel only). */
export interface SVCOptions {
  /** Regularisation: the bound on the dual variables (default 1). */
  C?: number;
  /** `'rbf'` (the only kernel). */
  kernel?: 'rbf';
  /** `'scale'` (default: 1 / (d * X.var())), `'auto'` (1 / d) or a positive number. */
  gamma?: 'scale' | 'auto' | number;
  /** Stopping tolerance (default 1e-3). */
  tol?: number;
  /** SMO iterations per binary problem; -1 (default) for libsvm's cap. */
  maxIter?: number;
  /** Kernel row cache in MB of float32 values (default 200, as scikit-learn; at most 1 GiB is used). */
  cacheSize?: number;
  /** libsvm's shrinking heuristic (default true). */
  shrinking?: boolean;
  /** Accepted for compatibility with scikit-learn (unused: no probability estimates). */
  randomState?: unknown;
}

const OWNER = 'SVC';
const KNOWN = ['C', 'kernel', 'gamma', 'tol', 'maxIter', 'cacheSize', 'shrinking', 'randomState'];

/** One binary one-vs-one machine: support vectors of classes a (-1) and b (+1). @internal */
interface Machine {
  a: number;
  b: number;
  /** Input row indices of its support vectors. */
  sv: Int32Array;
  /** alpha_i y_i of each support vector. */
  coef: Float64Array;
  rho: number;
}

/**
 * C-support vector classification with the RBF kernel (scikit-learn's `SVC(kernel='rbf')`):
 * libsvm's solver run in WebAssembly — SMO with second-order working set selection, shrinking
 * (with its unshrink step), an LRU cache of float32 kernel rows, and libsvm's data layout (rows
 * grouped by sorted label) — so it follows libsvm's path: the same iterations (`nIter_`), support
 * vectors and dual coefficients as scikit-learn up to floating-point rounding. One-vs-one for
 * more than two classes. `support_` lists the support vectors' row indices grouped by class
 * (sorted labels), as scikit-learn. For two classes, `decisionFunction` is positive towards
 * `classes_[1]`; with more, it returns the one-vs-one values (`nSamples x K(K-1)/2`,
 * scikit-learn's `decision_function_shape='ovo'`) and `predict` votes (ties to the smaller
 * label, as libsvm).
 * @example
 * const svc = new SVC({ C: 1 }).fit(X, y);
 * svc.support_; svc.predict(X); svc.decisionFunction(X);
 */
export class SVC {
  /** The options as given. */
  readonly options: Readonly<SVCOptions>;
  /** Sorted labels. */
  classes_?: Label[];
  /** Row indices of the support vectors, grouped by class. */
  support_?: Int32Array;
  /** The support vectors (rows of `support_`). */
  supportVectors_?: Matrix;
  /** Support vectors per class. */
  nSupport_?: Int32Array;
  /** The gamma used. */
  gamma_?: number;
  /** SMO iterations of each binary problem. */
  nIter_?: Int32Array;
  /** Two classes: `alpha_i * y_i` of each support vector (order of `support_`; y = +1 for `classes_[1]`). */
  dualCoef_?: Float64Array;
  /** Two classes: the constant of the decision function (`-rho`). */
  intercept_?: number;
  private machines?: Machine[];
  private fitX?: Matrix;
  private encoded?: EncodedLabels;

  /** Stores the options (checked by `fit`). */
  constructor(options: SVCOptions = {}) {
    checkKnownOptions(OWNER, options, KNOWN);
    this.options = Object.freeze({ ...options });
  }

  /** Row indices of the support vectors (same as `support_`). */
  get supportIndices(): Int32Array | undefined {
    return this.support_;
  }

  /** Fits the machines; returns `this`. */
  fit(X: MatrixLike, y: LabelsLike): this {
    const o = this.options;
    const C = checkNumber(OWNER, 'C', o.C ?? 1, { min: 0, minExclusive: true });
    if ((o.kernel ?? 'rbf') !== 'rbf') throw paramRangeError(OWNER, 'kernel', "'rbf'", o.kernel);
    const tol = checkNumber(OWNER, 'tol', o.tol ?? 1e-3, { min: 0, minExclusive: true });
    const maxIter = checkInteger(OWNER, 'maxIter', o.maxIter ?? -1, -1);
    const cacheSize = checkNumber(OWNER, 'cacheSize', o.cacheSize ?? 200, { min: 0, minExclusive: true });
    const shrinking = checkBoolean(OWNER, 'shrinking', o.shrinking ?? true);
    const Xm = toMatrix(X, { owner: OWNER });
    const enc = encodeLabels(y, { owner: OWNER, length: Xm.rows });
    if (enc.classes.length < 2) {
      throw new RangeError(`The number of classes has to be greater than one; got ${enc.classes.length} class`);
    }
    const gamma = resolveGamma(o.gamma ?? 'scale', Xm);
    const K = enc.classes.length;
    const byClass = groupByClass(enc.codes, K);
    const machines: Machine[] = [];
    const iters: number[] = [];
    const isSv = new Uint8Array(Xm.rows);
    for (let a = 0; a < K; a++) {
      for (let b = a + 1; b < K; b++) {
        // libsvm's layout: the rows of class a then of class b, y = +1 for a (its path, ties included)
        const la = byClass[a].length;
        const rows = new Int32Array(la + byClass[b].length);
        rows.set(byClass[a]);
        rows.set(byClass[b], la);
        const sub = subsetRows(Xm, rows);
        const yy = new Int8Array(rows.length).fill(-1).fill(1, 0, la);
        const res = solveSmo(sub, yy, { C, gamma, tol, maxIter, cacheSize, shrinking });
        // stored positive towards b (scikit-learn's sign): coef = -alpha y, rho = -rho
        const sv: number[] = [];
        const coef: number[] = [];
        for (let i = 0; i < rows.length; i++) {
          if (res.alpha[i] > 0) { sv.push(rows[i]); coef.push(-res.alpha[i] * yy[i]); isSv[rows[i]] = 1; }
        }
        machines.push({ a, b, sv: Int32Array.from(sv), coef: Float64Array.from(coef), rho: -res.rho });
        iters.push(res.nIter);
      }
    }
    const support: number[] = [];
    const nSupport = new Int32Array(K);
    for (let c = 0; c < K; c++) for (const r of byClass[c]) if (isSv[r]) { support.push(r); nSupport[c]++; }
    this.support_ = Int32Array.from(support);
    this.supportVectors_ = subsetRows(Xm, this.support_);
    this.nSupport_ = nSupport;
    this.classes_ = enc.classes;
    this.gamma_ = gamma;
    this.nIter_ = Int32Array.from(iters);
    this.machines = machines;
    if (K === 2) {
      const m = machines[0];
      const coefOf = new Map<number, number>();
      m.sv.forEach((r, i) => coefOf.set(r, m.coef[i]));
      this.dualCoef_ = Float64Array.from(this.support_, (r) => coefOf.get(r)!);
      this.intercept_ = -m.rho;
    }
    this.fitX = Xm;
    this.encoded = enc;
    return this;
  }

  /**
   * Decision values: a `Float64Array` for two classes (positive means `classes_[1]`), else a
   * `Matrix` of the one-vs-one values (pairs (0,1), (0,2), ..., positive towards the second class).
   */
  decisionFunction(X: MatrixLike): Float64Array | Matrix {
    const values = this.ovo(X);
    return values.cols === 1 ? values.data : values;
  }

  /** The predicted label of each row (in the label kind given to `fit`). */
  predict(X: MatrixLike): Labels {
    const values = this.ovo(X);
    const machines = this.machines!;
    const K = this.classes_!.length;
    const codes = new Int32Array(values.rows);
    const votes = new Int32Array(K);
    for (let q = 0; q < values.rows; q++) {
      votes.fill(0);
      machines.forEach((m, p) => { votes[values.data[q * values.cols + p] > 0 ? m.b : m.a]++; });
      let best = 0;
      for (let c = 1; c < K; c++) if (votes[c] > votes[best]) best = c;
      codes[q] = best;
    }
    return decodeLabels(codes, this.encoded!.classes, this.encoded!.kind);
  }

  /** One-vs-one decision values (`n x nMachines`), computed in WebAssembly. */
  private ovo(X: MatrixLike): Matrix {
    if (!this.machines || !this.fitX) {
      throw new Error(`This ${OWNER} instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.`);
    }
    const Xq = toMatrix(X, { owner: OWNER });
    if (Xq.cols !== this.fitX.cols) throw new RangeError(`X has ${Xq.cols} features, but ${OWNER} is expecting ${this.fitX.cols} features as input.`);
    const P = this.machines.length;
    const out = new Float64Array(Xq.rows * P);
    this.machines.forEach((m, p) => {
      const vals = rbfDecision(subsetRows(this.fitX!, m.sv), m.coef, Xq, this.gamma_!, m.rho);
      for (let q = 0; q < Xq.rows; q++) out[q * P + p] = vals[q];
    });
    return { data: out, rows: Xq.rows, cols: P };
  }
}

/** `sum_i coef_i exp(-gamma |sv_i - x|^2) - rho` for each row of `Xq`. @internal */
export function rbfDecision(sv: Matrix, coef: Float64Array, Xq: Matrix, gamma: number, rho: number): Float64Array {
  return withArena((arena) => {
    const svp = arena.f64From(sv.data);
    const cp = arena.f64From(coef);
    const qp = arena.f64From(Xq.data);
    const out = arena.f64(Xq.rows);
    svmKernels().svm_rbf_decision(svp, sv.rows, sv.cols, cp, qp, Xq.rows, gamma, rho, out);
    return readF64(out, Xq.rows);
  });
}

/** scikit-learn's gamma: 'scale' = 1 / (d * var(X)) (1 when the variance is 0), 'auto' = 1 / d. */
function resolveGamma(gamma: unknown, X: Matrix): number {
  if (gamma === 'auto') return 1 / X.cols;
  if (gamma === 'scale') {
    const n = X.data.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += X.data[i];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (X.data[i] - mean) ** 2;
    v /= n;
    if (!Number.isFinite(v)) throw new RangeError("SVC: the variance of 'X' overflows float64; rescale the data or give 'gamma'.");
    return v !== 0 ? 1 / (X.cols * v) : 1;
  }
  if (typeof gamma !== 'number') throw paramTypeError(OWNER, 'gamma', "'scale', 'auto' or a number > 0", gamma);
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw paramRangeError(OWNER, 'gamma', "'scale', 'auto' or a number > 0", gamma);
  return gamma;
}

function subsetRows(X: Matrix, rows: ArrayLike<number>): Matrix {
  const d = X.cols;
  const src = X.data;
  const data = new Float64Array(rows.length * d);
  for (let i = 0, o = 0; i < rows.length; i++) {
    const r = rows[i] * d;
    for (let t = 0; t < d; t++) data[o++] = src[r + t];
  }
  return { data, rows: rows.length, cols: d };
}

/** Row indices of each class code, ascending (a counting sort). */
function groupByClass(codes: Int32Array, K: number): Int32Array[] {
  const counts = new Int32Array(K);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  const groups = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(K);
  for (let i = 0; i < codes.length; i++) { const c = codes[i]; groups[c][fill[c]++] = i; }
  return groups;
}
