/** Losses of predicted probabilities: scikit-learn's `log_loss` and `brier_score_loss`. */
import { checkBoolean } from '../core/errors.js';
import { toMatrix } from '../core/matrix.js';
import type { Label, LabelsLike, MatrixLike } from '../core/types.js';
import { average, npSum } from './numeric.js';
import { checkScores } from './ranking.js';
import { checkConsistentLength, checkLabelList, checkSampleWeight, labelListRepr, labelRepr, labelValues, typeOfTarget, uniqueSorted } from './targets.js';

/** Options of `logLoss`. */
export interface LogLossOptions {
  /** Clipping of probabilities to [eps, 1 − eps]; `'auto'` (default) is float64's epsilon. */
  eps?: number | 'auto';
  /** Mean (default) or sum of the per-sample losses. */
  normalize?: boolean;
  sampleWeight?: ArrayLike<number> | null;
  /** The classes of the columns of `yPred` (default: the sorted labels of `yTrue`). */
  labels?: Label[] | null;
}

function isMatrixInput(x: unknown): boolean {
  return (Array.isArray(x) && x.length > 0 && (Array.isArray(x[0]) || ArrayBuffer.isView(x[0])))
    || (typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && 'data' in x);
}

/**
 * scikit-learn's `log_loss` (cross-entropy). `yPred` is the probability of the greater label
 * (binary) or a `Matrix` of probabilities, one column per class in sorted order.
 * @example logLoss([0, 1, 1], [0.1, 0.8, 0.6])
 */
export function logLoss(yTrue: LabelsLike, yPred: ArrayLike<number> | MatrixLike, options: LogLossOptions = {}): number {
  const owner = 'logLoss';
  const { values } = labelValues(yTrue, 'yTrue', owner);
  const eps = options.eps === undefined || options.eps === 'auto' ? 2.220446049250313e-16 : options.eps;
  const normalize = checkBoolean(owner, 'normalize', options.normalize ?? true);
  const given = checkLabelList(options.labels, owner);
  let P: { data: Float64Array; rows: number; cols: number };
  if (isMatrixInput(yPred)) P = toMatrix(yPred as MatrixLike, { name: 'yPred', owner });
  else { const v = checkScores(yPred, 'yPred', owner); P = { data: v, rows: v.length, cols: 1 }; }
  const weights = checkSampleWeight(options.sampleWeight, values.length, owner);
  checkConsistentLength(P.rows, values.length);
  const classes = uniqueSorted(given ?? values);
  if (classes.length === 1) {
    if (given === undefined) {
      throw new RangeError(`y_true contains only one label (${labelRepr(classes[0])}). Please provide the true labels explicitly through the labels argument.`);
    }
    throw new RangeError(`The labels array needs to contain at least two labels for log_loss, got ${labelListRepr(classes)}.`);
  }
  const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
  if (given !== undefined && values.some((v) => !index.has(v))) {
    throw new RangeError(`y contains previously unseen labels: ${labelListRepr(values.filter((v) => !index.has(v)))}`);
  }
  const cols = P.cols === 1 ? 2 : P.cols;
  if (classes.length !== cols) {
    if (given === undefined) {
      throw new RangeError(`y_true and y_pred contain different number of classes ${classes.length}, ${cols}. Please provide the true labels explicitly through the labels argument. Classes found in y_true: ${labelListRepr(classes)}`);
    }
    throw new RangeError(`The number of classes in labels is different from that in y_pred. Classes found in labels: ${labelListRepr(classes)}`);
  }
  const clip = (p: number) => Math.min(Math.max(p, eps), 1 - eps);
  const loss = new Float64Array(P.rows);
  const row = new Float64Array(cols);
  for (let i = 0; i < P.rows; i++) {
    if (P.cols === 1) {
      const p = clip(P.data[i]);
      row[0] = 1 - p;
      row[1] = p;
    } else {
      for (let j = 0; j < cols; j++) row[j] = clip(P.data[i * cols + j]);
    }
    const s = npSum(row);
    loss[i] = -Math.log(row[index.get(values[i])!] / s);
  }
  if (normalize) return average(loss, weights);
  if (!weights) return npSum(loss);
  let total = 0;
  for (let i = 0; i < loss.length; i++) total += loss[i] * weights[i];
  return total;
}

/** Options of `brierScoreLoss`. */
export interface BrierScoreLossOptions {
  sampleWeight?: ArrayLike<number> | null;
  /** The positive class (default: 1 for {0, 1} / {-1, 1} labels, else the greater numeric label). */
  posLabel?: Label | null;
}

/**
 * scikit-learn's `brier_score_loss`: mean squared difference between the probability of the
 * positive class and the outcome.
 * @example brierScoreLoss([0, 1, 1], [0.1, 0.9, 0.8]) // 0.02
 */
export function brierScoreLoss(yTrue: LabelsLike, yProb: ArrayLike<number>, options: BrierScoreLossOptions = {}): number {
  const owner = 'brierScoreLoss';
  const { values, kind } = labelValues(yTrue, 'yTrue', owner);
  const prob = checkScores(yProb, 'yProb', owner);
  const weights = checkSampleWeight(options.sampleWeight, values.length, owner);
  checkConsistentLength(values.length, prob.length);
  const type = typeOfTarget(values);
  if (type !== 'binary') throw new RangeError(`Only binary classification is supported. The type of the target is ${type}.`);
  let max = -Infinity, min = Infinity;
  for (const p of prob) { if (p > max) max = p; if (p < min) min = p; }
  if (max > 1) throw new RangeError('y_prob contains values greater than 1.');
  if (min < 0) throw new RangeError('y_prob contains values less than 0.');
  const classes = uniqueSorted(values);
  let pos = options.posLabel ?? null;
  if (pos === null) {
    const same = (ref: number[]) => classes.length === ref.length && ref.every((v, i) => classes[i] === v);
    const standard = kind !== 'string' && [[0, 1], [-1, 1], [0], [-1], [1]].some(same);
    if (standard) pos = 1;
    else if (kind !== 'string') pos = classes[classes.length - 1];
    else {
      throw new RangeError(`y_true takes value in {${classes.map(labelRepr).join(', ')}} and pos_label is not specified: either make y_true take value in {0, 1} or {-1, 1} or pass pos_label explicitly.`);
    }
  }
  const sq = Float64Array.from(values, (v, i) => ((v === pos ? 1 : 0) - prob[i]) ** 2);
  return average(sq, weights);
}
