/**
 * Cost-sensitive logistic regression, scikit-learn's `LogisticRegression` with the 'lbfgs' and
 * 'liblinear' solvers. The loops over the data (loss, gradient, Hessian-vector products,
 * decision values) run in WebAssembly; the data stays in WASM memory for the whole fit.
 */
import { checkBoolean, checkInteger, checkKnownOptions, formatValue, paramRangeError, paramTypeError } from '../core/errors.js';
import { decodeLabels, encodeLabels, type EncodedLabels } from '../core/labels.js';
import { f64View, readF64, withArena, type Arena } from '../core/memory.js';
import { readMatrix } from '../core/matrix.js';
import type { Label, Labels, LabelsLike, Matrix, MatrixLike } from '../core/types.js';
import { computeClassWeight, type ClassWeight } from './classWeight.js';
import { logisticKernels } from './kernels.js';
import { lbfgs } from './lbfgs.js';
import { BinaryLogisticObjective, MultinomialObjective, PenalizedBinaryObjective, type DataInWasm } from './objectives.js';
import { LocalRowSums, PoolRowSums, lbfgsPool, type BinaryRowSums } from './rowSums.js';
import type { SmoothObjective, SolveOptions, SolveResult } from './optimizer.js';
import { tron } from './tron.js';

const OWNER = 'LogisticRegression';

/**
 * How much tighter than `tol` the solvers stop: ‖∇f‖∞ ≤ tol · TOL_SCALE · max(1, ‖∇f(0)‖∞).
 * With the default tol = 1e-4 this solves to ~1e-8 of the starting gradient, which puts the
 * coefficients within ~1e-6 of the exact optimum (scikit-learn's own stopping points can be
 * 1e-3 away); the Newton and quasi-Newton tails make the extra digits cheap.
 */
const TOL_SCALE = 1e-4;
/** lbfgs: 1e-6 of the starting gradient at the default tol, still closer to the optimum than scipy's stopping rule leaves scikit-learn (about 5e-3), at 25% fewer iterations; tol = 1e-10 still reaches 1e-6 of the optimum. */
const LBFGS_TOL_SCALE = 1e-2;

/** Options of `LogisticRegression` (scikit-learn's names in camelCase, same defaults). */
export interface LogisticRegressionOptions {
  /** 'l2' (default) or 'none' / null for no penalty (lbfgs only). */
  penalty?: 'l2' | 'none' | null | 'l1' | 'elasticnet';
  /** Inverse of the regularisation strength (> 0, default 1). */
  C?: number;
  /** 'lbfgs' (default; multinomial for > 2 classes) or 'liblinear' (one-vs-rest, penalised intercept). */
  solver?: 'lbfgs' | 'liblinear';
  /** null (default), 'balanced' (n / (K · count_c)), or a weight per label (object or Map). */
  classWeight?: ClassWeight;
  /** Fit an intercept (default true). */
  fitIntercept?: boolean;
  /** liblinear: the value of the synthetic constant feature whose weight is the intercept (default 1). */
  interceptScaling?: number;
  /** Iteration budget of the solver (default 100). */
  maxIter?: number;
  /**
   * Stopping tolerance (default 1e-4). Both solvers stop when the gradient of the objective
   * satisfies ‖∇f‖∞ ≤ tol · 1e-4 · max(1, ‖∇f(0)‖∞), i.e. far tighter than scikit-learn's rules, so the
   * default already lands within ~1e-6 of the exact optimum. See `converged`.
   */
  tol?: number;
}

const KNOWN_OPTIONS = ['penalty', 'C', 'solver', 'classWeight', 'fitIntercept', 'interceptScaling', 'maxIter', 'tol'] as const;
const OTHER_SOLVERS = ['newton-cg', 'newton-cholesky', 'sag', 'saga'];

interface ResolvedOptions {
  penalty: 'l2' | 'none';
  C: number;
  solver: 'lbfgs' | 'liblinear';
  classWeight: ClassWeight;
  fitIntercept: boolean;
  interceptScaling: number;
  maxIter: number;
  tol: number;
}

/**
 * Logistic regression with class weights (cost-sensitive learning).
 *
 * Objectives (s_i = sample weight × class weight, z_i = w·x_i + b):
 * - `'lbfgs'`: Σ s_i [log(1 + e^{z_i}) − y_i z_i] + ‖w‖²/(2C), intercept not penalised; a
 *   multinomial (softmax) model for more than two classes, stored in the sum-zero gauge.
 * - `'liblinear'`: Σ s_i log(1 + e^{−t_i z_i}) + (‖w‖² + b²)/(2C), the intercept being the weight of
 *   a constant feature equal to `interceptScaling`; one-vs-rest for more than two classes, where the
 *   rest keep weight 1 (liblinear's rule).
 *
 * Both solvers stop on the gradient (see `tol`) and land on the exact optimum to ~1e-6, so results
 * equal scikit-learn's up to its own stopping error. When the budget `maxIter` runs out first, the
 * fit is kept and `converged` is false (no warning is printed: check the flag). Without a penalty,
 * separable classes have no finite optimum: the solver then runs to `maxIter`, returns a finite
 * fit that separates them, and sets `converged` to false.
 *
 * @example
 * const model = new LogisticRegression({ solver: 'liblinear', classWeight: 'balanced' }).fit(X, y);
 * const labels = model.predict(XTest);
 * const proba = model.predictProba(XTest); // Matrix: rows × classes
 */
export class LogisticRegression {
  /** The options as given (validated by `fit`). */
  readonly options: LogisticRegressionOptions;
  /** Fitted coefficients, K' × d (K' = 1 for two classes). */
  coef!: Matrix;
  /** Fitted intercepts (K'), zeros when `fitIntercept` is false. */
  intercept!: Float64Array;
  /** The class labels, sorted. */
  classes!: Labels;
  /** Solver iterations, like scikit-learn's `n_iter_` (one value: the maximum over sub-problems). */
  nIter!: Int32Array;
  /**
   * False when a solver stopped on `maxIter` before meeting its tolerance, or when, with no
   * penalty, the fit separates the classes (no finite optimum exists). scikit-learn would warn.
   */
  converged!: boolean;
  /** Number of features seen in `fit`. */
  nFeaturesIn!: number;

  private encoded: { classes: Label[]; kind: EncodedLabels['kind'] } | null = null;
  private multinomial = false;

  constructor(options: LogisticRegressionOptions = {}) {
    this.options = options;
  }

  /** The constructor options (a shallow copy), so `clone` can build a fresh unfitted twin. */
  getParams(): LogisticRegressionOptions {
    return { ...this.options };
  }

  /**
   * Fits the model. `sampleWeight` multiplies each row's loss (and its class weight).
   * @returns this
   */
  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    const opts = resolveOptions(this.options);
    const data = readMatrix(X, { name: 'X', owner: OWNER });
    const { classes, codes, kind } = encodeLabels(y, { name: 'y', owner: OWNER, length: data.rows });
    if (classes.length < 2) {
      throw new RangeError(
        `This solver needs samples of at least 2 classes in the data, but the data contains only one class: ${formatValue(classes[0])}`,
      );
    }
    const sw = checkSampleWeight(sampleWeight, data.rows);
    const classWeight = computeClassWeight(opts.classWeight, classes, codes, OWNER);
    const fitted = opts.solver === 'liblinear'
      ? fitLiblinear(data, codes, classes.length, sw, classWeight, opts)
      : fitLbfgs(data, codes, classes.length, sw, classWeight, opts);
    this.coef = fitted.coef;
    this.intercept = fitted.intercept;
    this.nIter = Int32Array.of(fitted.nIter);
    this.converged = fitted.converged;
    this.nFeaturesIn = data.cols;
    this.encoded = { classes, kind };
    this.multinomial = opts.solver === 'lbfgs' && classes.length > 2;
    this.classes = decodeLabels(classes.map((_, i) => i), classes, kind);
    return this;
  }

  /**
   * Signed distances to the decision boundary: a `Float64Array` for two classes (positive means
   * `classes[1]`), else a `Matrix` rows × classes.
   */
  decisionFunction(X: MatrixLike): Float64Array | Matrix {
    const scores = this.scores(X);
    return scores.cols === 1 ? scores.data : scores;
  }

  /** Class probabilities, a `Matrix` rows × classes (softmax for multinomial, normalised one-vs-rest otherwise). */
  predictProba(X: MatrixLike): Matrix {
    const scores = this.scores(X);
    const { rows } = scores;
    if (scores.cols === 1) {
      const data = new Float64Array(rows * 2);
      for (let i = 0; i < rows; i++) {
        const p = expit(scores.data[i]);
        data[2 * i] = 1 - p;
        data[2 * i + 1] = p;
      }
      return { data, rows, cols: 2 };
    }
    const k = scores.cols;
    const data = new Float64Array(rows * k);
    const multinomial = this.multinomial;
    for (let i = 0; i < rows; i++) {
      const row = scores.data.subarray(i * k, (i + 1) * k);
      let sum = 0;
      if (multinomial) {
        let max = -Infinity;
        for (const z of row) max = Math.max(max, z);
        for (let c = 0; c < k; c++) sum += (data[i * k + c] = Math.exp(row[c] - max));
      } else {
        for (let c = 0; c < k; c++) sum += (data[i * k + c] = expit(row[c]));
      }
      for (let c = 0; c < k; c++) data[i * k + c] /= sum;
    }
    return { data, rows, cols: k };
  }

  /** Predicted labels, in the kind of the training labels (Int32Array, Float64Array or string[]). */
  predict(X: MatrixLike): Labels {
    const scores = this.scores(X);
    const { rows, cols } = scores;
    const codes = new Int32Array(rows);
    if (cols === 1) {
      for (let i = 0; i < rows; i++) codes[i] = scores.data[i] > 0 ? 1 : 0;
    } else {
      for (let i = 0; i < rows; i++) {
        let best = 0;
        for (let c = 1; c < cols; c++) if (scores.data[i * cols + c] > scores.data[i * cols + best]) best = c;
        codes[i] = best;
      }
    }
    const { classes, kind } = this.encoded!;
    return decodeLabels(codes, classes, kind);
  }

  /** Decision values as a rows × K' matrix, computed by the `lr_decision` kernel. */
  private scores(X: MatrixLike): Matrix {
    if (!this.encoded) throw new Error(`This ${OWNER} instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.`);
    const data = readMatrix(X, { name: 'X', owner: OWNER });
    if (data.cols !== this.nFeaturesIn) {
      throw new RangeError(`X has ${data.cols} features, but ${OWNER} is expecting ${this.nFeaturesIn} features as input.`);
    }
    const k = this.coef.rows;
    const out = withArena((arena) => {
      const x = arena.f64From(data.data);
      const coef = arena.f64From(this.coef.data);
      const intercept = arena.f64From(this.intercept);
      const scores = arena.f64(data.rows * k);
      logisticKernels().lr_decision(x, data.rows, data.cols, k, coef, intercept, scores);
      return readF64(scores, data.rows * k);
    });
    return { data: out, rows: data.rows, cols: k };
  }
}

/** The logistic function without overflow. */
function expit(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

interface Fitted {
  coef: Matrix;
  intercept: Float64Array;
  nIter: number;
  converged: boolean;
}

function resolveOptions(o: LogisticRegressionOptions): ResolvedOptions {
  checkKnownOptions(OWNER, o, KNOWN_OPTIONS);
  const solverIn: unknown = o.solver ?? 'lbfgs';
  if (typeof solverIn !== 'string') throw paramTypeError(OWNER, 'solver', "one of 'lbfgs', 'liblinear'", solverIn);
  if (OTHER_SOLVERS.includes(solverIn)) {
    throw new RangeError(`The '${solverIn}' solver of ${OWNER} is not available in imbalanced-wasm: use 'lbfgs' or 'liblinear'.`);
  }
  if (solverIn !== 'lbfgs' && solverIn !== 'liblinear') throw paramRangeError(OWNER, 'solver', "one of 'lbfgs', 'liblinear'", solverIn);
  const solver = solverIn;
  const penaltyIn: unknown = o.penalty === undefined ? 'l2' : o.penalty;
  const penaltyRule = "one of 'l1', 'l2', 'elasticnet', 'none' or null";
  if (penaltyIn !== null && typeof penaltyIn !== 'string') throw paramTypeError(OWNER, 'penalty', penaltyRule, penaltyIn);
  if (penaltyIn !== null && !['l1', 'l2', 'elasticnet', 'none'].includes(penaltyIn)) throw paramRangeError(OWNER, 'penalty', penaltyRule, penaltyIn);
  const C: unknown = o.C ?? 1;
  if (typeof C !== 'number') throw paramTypeError(OWNER, 'C', 'a float in the range (0, inf]', C);
  if (!(C > 0)) throw paramRangeError(OWNER, 'C', 'a float in the range (0, inf]', C);
  // Solver/penalty combinations, with scikit-learn 1.2.1's messages.
  if (solver === 'lbfgs' && (penaltyIn === 'l1' || penaltyIn === 'elasticnet')) {
    throw new RangeError(`Solver lbfgs supports only 'l2' or 'none' penalties, got ${penaltyIn} penalty.`);
  }
  if (solver === 'liblinear') {
    if (penaltyIn === 'elasticnet') throw new RangeError(`Only 'saga' solver supports elasticnet penalty, got solver=liblinear.`);
    if (penaltyIn === 'none') throw new RangeError(`penalty='none' is not supported for the liblinear solver`);
    if (penaltyIn === null) {
      throw new RangeError(
        "Unsupported set of arguments: The combination of penalty='None' and loss='logistic_regression' is not supported, Parameters: penalty=None, loss='logistic_regression', dual=False",
      );
    }
    if (penaltyIn === 'l1') throw new RangeError(`The 'l1' penalty of ${OWNER} is not available in imbalanced-wasm: use 'l2'.`);
  }
  const fitIntercept = checkBoolean(OWNER, 'fitIntercept', o.fitIntercept ?? true);
  const interceptScaling: unknown = o.interceptScaling ?? 1;
  if (typeof interceptScaling !== 'number') throw paramTypeError(OWNER, 'interceptScaling', 'a finite number > 0', interceptScaling);
  if (!(interceptScaling > 0 && Number.isFinite(interceptScaling))) {
    throw paramRangeError(OWNER, 'interceptScaling', 'a finite number > 0', interceptScaling);
  }
  const maxIter = checkInteger(OWNER, 'maxIter', o.maxIter ?? 100, 0);
  const tol: unknown = o.tol ?? 1e-4;
  if (typeof tol !== 'number') throw paramTypeError(OWNER, 'tol', 'a float in the range [0, inf)', tol);
  if (!(tol >= 0 && Number.isFinite(tol))) throw paramRangeError(OWNER, 'tol', 'a float in the range [0, inf)', tol);
  const cw = o.classWeight ?? null;
  if (cw !== null && cw !== 'balanced' && !(cw instanceof Map) && (typeof cw !== 'object' || Array.isArray(cw))) {
    if (typeof cw === 'string') throw paramRangeError(OWNER, 'classWeight', "null, 'balanced', an object or a Map from label to weight", cw);
    throw paramTypeError(OWNER, 'classWeight', "null, 'balanced', an object or a Map from label to weight", cw);
  }
  return {
    penalty: penaltyIn === null || penaltyIn === 'none' ? 'none' : 'l2',
    C, solver, classWeight: cw, fitIntercept, interceptScaling, maxIter, tol,
  };
}

function checkSampleWeight(sampleWeight: ArrayLike<number> | undefined, n: number): Float64Array {
  if (sampleWeight === undefined || sampleWeight === null) return new Float64Array(n).fill(1);
  if (!(Array.isArray(sampleWeight) || ArrayBuffer.isView(sampleWeight))) {
    throw new TypeError(`The 'sampleWeight' parameter of ${OWNER} must be an array of numbers. Got ${formatValue(sampleWeight)}.`);
  }
  if (sampleWeight.length !== n) {
    throw new RangeError(`sample_weight.shape == (${sampleWeight.length},), expected (${n},)!`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = sampleWeight[i];
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new TypeError(`The 'sampleWeight' parameter of ${OWNER} must hold finite numbers: value ${i} is ${formatValue(w)}.`);
    }
    out[i] = w;
  }
  return out;
}

/** liblinear's problem: binary, or one binary sub-problem per class (one-vs-rest). */
function fitLiblinear(
  data: Matrix, codes: Int32Array, k: number, sw: Float64Array, classWeight: Float64Array, opts: ResolvedOptions,
): Fitted {
  const { rows: n, cols: d } = data;
  const scale = opts.fitIntercept ? opts.interceptScaling : 0;
  const problems = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  const coef = new Float64Array(problems.length * d);
  const intercept = new Float64Array(problems.length);
  let nIter = 0;
  let converged = true;
  withArena((arena) => {
    const wasmData: DataInWasm = { x: arena.f64From(data.data), n, d };
    const objective = new BinaryLogisticObjective(arena, logisticKernels(), wasmData, scale, 1 / opts.C, true);
    const targets = new Float64Array(n);
    const weights = new Float64Array(n);
    problems.forEach((positive, p) => {
      for (let i = 0; i < n; i++) {
        const isPositive = codes[i] === positive;
        targets[i] = isPositive ? 1 : 0;
        // Binary: each class keeps its weight; one-vs-rest: the rest weigh 1 (liblinear's weighted_C).
        weights[i] = sw[i] * (isPositive || k === 2 ? classWeight[codes[i]] : 1);
      }
      objective.setProblem(targets, weights);
      const result = tron(objective, new Float64Array(objective.dim), { relTol: opts.tol * TOL_SCALE, maxIter: opts.maxIter });
      coef.set(result.x.subarray(0, d), p * d);
      intercept[p] = scale !== 0 ? scale * result.x[d] : 0;
      nIter = Math.max(nIter, result.nIter);
      converged &&= result.converged;
    });
  });
  return { coef: { data: coef, rows: problems.length, cols: d }, intercept, nIter, converged };
}

/** lbfgs: a binary model for two classes, else multinomial (centred to the sum-zero gauge). */
function fitLbfgs(
  data: Matrix, codes: Int32Array, k: number, sw: Float64Array, classWeight: Float64Array, opts: ResolvedOptions,
): Fitted {
  const { rows: n, cols: d } = data;
  const lambda = opts.penalty === 'none' ? 0 : 1 / opts.C;
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = sw[i] * classWeight[codes[i]];
  const solveOpts = { relTol: opts.tol * LBFGS_TOL_SCALE, maxIter: opts.maxIter };
  return withArena((arena) => {
    if (k === 2) {
      // the rows go to the worker pool's memory when threads are used, else to this arena
      let inArena: DataInWasm | null = null;
      const wasmData = () => (inArena ??= { x: arena.f64From(data.data), n, d });
      const scale = opts.fitIntercept ? 1 : 0;
      const solve = (rows: BinaryRowSums): SolveResult => {
        rows.setProblem(Float64Array.from(codes), weights);
        return solveUnlessSeparable(new PenalizedBinaryObjective(rows, lambda, d), solveOpts, lambda, (x) =>
          separates(arena, wasmData(), codes, weights, binaryFitted(x, d, opts.fitIntercept)));
      };
      const threaded = lbfgsPool(n, d);
      const result = threaded
        ? threaded.pool.withArena((pa) => solve(new PoolRowSums(threaded.pool, pa, data.data, n, d, scale, threaded.threads)))
        : solve(new LocalRowSums(arena, logisticKernels(), wasmData(), scale));
      return { ...binaryFitted(result.x, d, opts.fitIntercept), nIter: result.nIter, converged: result.converged };
    }
    const wasmData: DataInWasm = { x: arena.f64From(data.data), n, d };
    const objective = new MultinomialObjective(arena, logisticKernels(), wasmData, k, codes, weights, opts.fitIntercept, lambda);
    const unpack = (x: Float64Array) => {
      const stride = d + (opts.fitIntercept ? 1 : 0);
      const coef = new Float64Array(k * d);
      const intercept = new Float64Array(k);
      for (let c = 0; c < k; c++) {
        coef.set(x.subarray(c * stride, c * stride + d), c * d);
        if (opts.fitIntercept) intercept[c] = x[c * stride + d];
      }
      centreAcrossClasses(coef, k, d);
      centreAcrossClasses(intercept, k, 1);
      return { coef: { data: coef, rows: k, cols: d }, intercept };
    };
    const result = solveUnlessSeparable(objective, solveOpts, lambda, (x) => separates(arena, wasmData, codes, weights, unpack(x)));
    return { ...unpack(result.x), nIter: result.nIter, converged: result.converged };
  });
}

/**
 * Runs L-BFGS. Without a penalty, a fit that separates the classes has no finite minimiser (the loss
 * only tends to 0 as ‖w‖ grows), so the gradient rule means nothing: the solver then keeps going
 * until `maxIter` (or until float64 stalls) and the result is marked unconverged.
 */
function solveUnlessSeparable(
  objective: SmoothObjective, solveOpts: SolveOptions, lambda: number, separated: (x: Float64Array) => boolean,
): SolveResult {
  const first = lbfgs(objective, new Float64Array(objective.dim), solveOpts);
  if (lambda > 0 || !separated(first.x)) return first;
  const rest = lbfgs(objective, first.x, { relTol: 0, maxIter: solveOpts.maxIter - first.nIter });
  return { ...rest, nIter: first.nIter + rest.nIter, converged: false };
}

/** True when every weighted training row is strictly on its own class's side (scores by `lr_decision`). */
function separates(
  arena: Arena, data: DataInWasm, codes: Int32Array, weights: Float64Array, model: { coef: Matrix; intercept: Float64Array },
): boolean {
  const k = model.coef.rows;
  const out = arena.f64(data.n * k);
  logisticKernels().lr_decision(data.x, data.n, data.d, k, arena.f64From(model.coef.data), arena.f64From(model.intercept), out);
  const scores = f64View(out, data.n * k);
  for (let i = 0; i < data.n; i++) {
    if (weights[i] === 0) continue;
    if (k === 1) {
      if (codes[i] === 1 ? !(scores[i] > 0) : !(scores[i] < 0)) return false;
    } else {
      const own = scores[i * k + codes[i]];
      for (let c = 0; c < k; c++) if (c !== codes[i] && !(scores[i * k + c] < own)) return false;
    }
  }
  return true;
}

function binaryFitted(x: Float64Array, d: number, fitIntercept: boolean): { coef: Matrix; intercept: Float64Array } {
  return {
    coef: { data: x.slice(0, d), rows: 1, cols: d },
    intercept: Float64Array.of(fitIntercept ? x[d] : 0),
  };
}

/** Subtracts each column's mean over the k rows: the softmax is unchanged (sum-zero gauge). */
function centreAcrossClasses(values: Float64Array, k: number, width: number): void {
  for (let j = 0; j < width; j++) {
    let mean = 0;
    for (let c = 0; c < k; c++) mean += values[c * width + j];
    mean /= k;
    for (let c = 0; c < k; c++) values[c * width + j] -= mean;
  }
}
