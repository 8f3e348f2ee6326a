/**
 * `CalibratedClassifierCV` (scikit-learn's): calibrates a classifier's probabilities with
 * Platt's sigmoid or isotonic regression, fitted on cross-validated predictions.
 */
import { clone, type Classifier } from '../core/clone.js';
import { checkBoolean, checkInteger, checkKnownOptions, checkOneOf, formatValue } from '../core/errors.js';
import { decodeLabels, takeLabels } from '../core/labels.js';
import { takeRows, toMatrix } from '../core/matrix.js';
import type { Label, Labels, LabelsLike, Matrix, MatrixLike } from '../core/types.js';
import { labelValues, uniqueSorted } from '../metrics/targets.js';
import { StratifiedKFold } from '../modelSelection/kFold.js';
import { fittedClasses } from '../threshold/response.js';
import type { Splitter } from '../threshold/TunedThresholdClassifierCV.js';
import { fitIsotonic, predictIsotonic, type IsotonicFit } from './isotonic.js';
import { fitSigmoid, predictSigmoid, type SigmoidFit } from './sigmoid.js';

/** Options of `CalibratedClassifierCV`. */
export interface CalibratedClassifierCVOptions {
  /** The classifier to calibrate (cloned for every fit unless `cv: 'prefit'`). */
  estimator: Classifier;
  /** `'sigmoid'` (Platt scaling, default) or `'isotonic'`. */
  method?: 'sigmoid' | 'isotonic';
  /** Number of stratified folds (default 5), a splitter, or `'prefit'` for an already fitted estimator. */
  cv?: number | Splitter | 'prefit';
  /** One calibrated model per fold, averaged (default true); else one calibrator on out-of-fold predictions. */
  ensemble?: boolean;
}

type Calibrator = { kind: 'sigmoid'; fit: SigmoidFit } | { kind: 'isotonic'; fit: IsotonicFit };

/** A fitted estimator and one calibrator per calibrated column. */
export interface CalibratedClassifier {
  estimator: Classifier;
  calibrators: Calibrator[];
}

const KNOWN = ['estimator', 'method', 'cv', 'ensemble'];

/**
 * The uncalibrated predictions scikit-learn calibrates: the decision function when the estimator
 * has one, else the probabilities (only the positive column for two classes). One column per
 * calibrator, row-major.
 */
function rawPredictions(estimator: Classifier, X: MatrixLike, nClasses: number): Matrix {
  if (typeof estimator.decisionFunction === 'function') {
    const d = estimator.decisionFunction(X);
    if (ArrayBuffer.isView(d)) return { data: Float64Array.from(d as Float64Array), rows: (d as Float64Array).length, cols: 1 };
    return d as Matrix;
  }
  if (typeof estimator.predictProba !== 'function') throw new TypeError('CalibratedClassifierCV: the estimator has neither decisionFunction nor predictProba.');
  const P = estimator.predictProba(X);
  if (nClasses === 2) return { data: Float64Array.from({ length: P.rows }, (_, i) => P.data[i * P.cols + 1]), rows: P.rows, cols: 1 };
  return P;
}

function column(M: Matrix, j: number): Float64Array {
  return Float64Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]);
}

function fitCalibrator(method: 'sigmoid' | 'isotonic', f: Float64Array, y: Float64Array, w: ArrayLike<number> | null): Calibrator {
  return method === 'sigmoid' ? { kind: 'sigmoid', fit: fitSigmoid(f, y, w) } : { kind: 'isotonic', fit: fitIsotonic(f, y, w) };
}

function applyCalibrator(c: Calibrator, f: Float64Array): Float64Array {
  return c.kind === 'sigmoid' ? predictSigmoid(c.fit, f) : predictIsotonic(c.fit, f);
}

/**
 * Calibrates predicted probabilities (scikit-learn's `CalibratedClassifierCV`). With `ensemble`
 * (default), each fold fits a clone on its training part and a calibrator on its held-out part;
 * `predictProba` averages the calibrated probabilities of all folds.
 *
 * @example
 * const calibrated = new CalibratedClassifierCV({ estimator: new LogisticRegression(), method: 'isotonic', cv: 3 }).fit(X, y);
 * calibrated.predictProba(XTest);
 */
export class CalibratedClassifierCV {
  /** The constructor options, unchanged (see `clone`). */
  readonly params: CalibratedClassifierCVOptions;
  /** The sorted classes. */
  classes: Label[] = [];
  /** One fitted estimator with its calibrators per fold (one in all when `ensemble` is false). */
  calibratedClassifiers_: CalibratedClassifier[] = [];
  private kind: 'int' | 'float' | 'string' = 'int';

  constructor(options: CalibratedClassifierCVOptions) {
    this.params = options;
  }

  /** Returns the constructor options (for `clone`). */
  getParams(): CalibratedClassifierCVOptions {
    return { ...this.params };
  }

  /** Fits the estimator(s) and the calibrators. */
  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    const owner = 'CalibratedClassifierCV';
    checkKnownOptions(owner, this.params, KNOWN);
    const { estimator, cv = 5 } = this.params;
    const method = checkOneOf(owner, 'method', this.params.method ?? 'sigmoid', ['sigmoid', 'isotonic'] as const);
    const ensemble = checkBoolean(owner, 'ensemble', this.params.ensemble ?? true);
    if (!estimator || typeof estimator.fit !== 'function') throw new TypeError(`The 'estimator' parameter of ${owner} must be a classifier with fit. Got ${formatValue(estimator)}.`);
    const M = toMatrix(X, { owner });
    const { values, kind } = labelValues(y, 'y', owner);
    if (values.length !== M.rows) throw new RangeError(`Found input variables with inconsistent numbers of samples: [${M.rows}, ${values.length}]`);
    const w = sampleWeight ? Float64Array.from(sampleWeight) : null;
    const classes = uniqueSorted(values);
    if (classes.length < 2) throw new RangeError(`${owner} needs at least two classes. Got ${classes.length}.`);
    this.classes = classes;
    this.kind = kind;
    const yArr = (kind === 'string' ? values : Float64Array.from(values as number[])) as Labels;
    const fitModel = (rows: Int32Array | null): Classifier => {
      const model = clone(estimator);
      const Xs = rows ? takeRows(M, rows) : M;
      const ys = (rows ? takeLabels(yArr, rows) : yArr) as LabelsLike;
      const ws = w ? (rows ? Float64Array.from(rows, (i) => w[i]) : w) : undefined;
      if (ws) model.fit(Xs, ys, ws); else model.fit(Xs, ys);
      return model;
    };
    const calibrate = (model: Classifier, preds: Matrix, rows: Int32Array | null): CalibratedClassifier => {
      const modelClasses = fittedClasses(model, owner);
      const yRows = rows ? Array.from(rows, (i) => values[i]) : values;
      const wRows = w ? (rows ? Float64Array.from(rows, (i) => w[i]) : w) : null;
      const targetClasses = classes.length === 2 ? [classes[1]] : modelClasses;
      const calibrators = targetClasses.slice(0, preds.cols).map((c, j) =>
        fitCalibrator(method, column(preds, j), Float64Array.from(yRows, (v) => (v === c ? 1 : 0)), wRows));
      return { estimator: model, calibrators };
    };
    this.calibratedClassifiers_ = [];
    if (cv === 'prefit') {
      this.calibratedClassifiers_.push(calibrate(estimator, rawPredictions(estimator, M, classes.length), null));
      return this;
    }
    const splitter: Splitter = typeof cv === 'number' ? new StratifiedKFold({ nSplits: checkInteger(owner, 'cv', cv, 2) }) : cv;
    if (!splitter || typeof splitter.split !== 'function') throw new TypeError(`The 'cv' parameter of ${owner} must be an integer >= 2, 'prefit' or a splitter with split(X, y). Got ${formatValue(cv)}.`);
    if (ensemble) {
      for (const { train, test } of splitter.split(M, yArr as LabelsLike)) {
        const model = fitModel(train);
        this.calibratedClassifiers_.push(calibrate(model, rawPredictions(model, takeRows(M, test), classes.length), test));
      }
      return this;
    }
    // One calibrator on out-of-fold predictions (cross_val_predict), the estimator refitted on everything.
    let oof: Matrix | null = null;
    for (const { train, test } of splitter.split(M, yArr as LabelsLike)) {
      const p = rawPredictions(fitModel(train), takeRows(M, test), classes.length);
      oof ??= { data: new Float64Array(M.rows * p.cols), rows: M.rows, cols: p.cols };
      test.forEach((row, r) => oof!.data.set(p.data.subarray(r * p.cols, (r + 1) * p.cols), row * p.cols));
    }
    this.calibratedClassifiers_.push(calibrate(fitModel(null), oof!, null));
    return this;
  }

  /** Calibrated probabilities (rows × classes), averaged over the calibrated classifiers. */
  predictProba(X: MatrixLike): Matrix {
    if (this.calibratedClassifiers_.length === 0) throw new Error('This CalibratedClassifierCV instance is not fitted yet. Call fit first.');
    const M = toMatrix(X, { owner: 'CalibratedClassifierCV' });
    const k = this.classes.length;
    const mean = new Float64Array(M.rows * k);
    for (const { estimator, calibrators } of this.calibratedClassifiers_) {
      const preds = rawPredictions(estimator, M, k);
      const proba = new Float64Array(M.rows * k);
      if (k === 2) {
        const p1 = applyCalibrator(calibrators[0], column(preds, 0));
        for (let i = 0; i < M.rows; i++) { proba[i * 2 + 1] = p1[i]; proba[i * 2] = 1 - p1[i]; }
      } else {
        const index = new Map<Label, number>(this.classes.map((c, i) => [c, i]));
        fittedClasses(estimator, 'CalibratedClassifierCV').forEach((c, j) => {
          const p = applyCalibrator(calibrators[j], column(preds, j));
          const col = index.get(c)!;
          for (let i = 0; i < M.rows; i++) proba[i * k + col] = p[i];
        });
        for (let i = 0; i < M.rows; i++) {
          let s = 0;
          for (let j = 0; j < k; j++) s += proba[i * k + j];
          for (let j = 0; j < k; j++) {
            let v = s !== 0 ? proba[i * k + j] / s : 1 / k;
            if (v > 1 && v <= 1 + 1e-5) v = 1;
            proba[i * k + j] = v;
          }
        }
      }
      for (let t = 0; t < mean.length; t++) mean[t] += proba[t];
    }
    const m = this.calibratedClassifiers_.length;
    for (let t = 0; t < mean.length; t++) mean[t] /= m;
    return { data: mean, rows: M.rows, cols: k };
  }

  /** The class with the highest calibrated probability. */
  predict(X: MatrixLike): Labels {
    const P = this.predictProba(X);
    const codes = Int32Array.from({ length: P.rows }, (_, i) => {
      let best = 0;
      for (let j = 1; j < P.cols; j++) if (P.data[i * P.cols + j] > P.data[i * P.cols + best]) best = j;
      return best;
    });
    return decodeLabels(codes, this.classes, this.kind);
  }
}
