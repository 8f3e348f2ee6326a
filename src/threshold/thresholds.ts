/**
 * Threshold moving: the decision threshold on a score that maximises the G-mean or Youden's J
 * on the ROC curve, the F-measure on the precision-recall curve, or any metric of predictions.
 */
import { checkNumber, checkOneOf, formatValue } from '../core/errors.js';
import type { Label, LabelsLike } from '../core/types.js';
import { precisionRecallCurve, rocCurve } from '../metrics/ranking.js';
import { checkScores } from '../metrics/ranking.js';
import { labelValues, uniqueSorted } from '../metrics/targets.js';

/** A chosen threshold and the score it reaches. */
export interface ThresholdChoice {
  /** Predict the positive class when the score is `>= threshold`. */
  threshold: number;
  score: number;
}

/** Options of `thresholdFromRoc`. */
export interface ThresholdFromRocOptions {
  /** `'gmean'` (default): sqrt(tpr × (1 − fpr)); `'youden'`: tpr − fpr (Youden's J). */
  criterion?: 'gmean' | 'youden';
  /** The positive class (default: 1 for {0, 1} / {-1, 1} labels). */
  posLabel?: Label | null;
}

/** Index of the first maximum (np.argmax). */
function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * The ROC threshold that maximises the G-mean of sensitivity and specificity (or Youden's J).
 * All ROC points are considered (`dropIntermediate: false`); ties go to the highest threshold.
 * @example const { threshold, score } = thresholdFromRoc(yTest, probabilities, { criterion: 'gmean' });
 */
export function thresholdFromRoc(yTrue: LabelsLike, yScore: ArrayLike<number>, options: ThresholdFromRocOptions = {}): ThresholdChoice {
  const criterion = checkOneOf('thresholdFromRoc', 'criterion', options.criterion ?? 'gmean', ['gmean', 'youden'] as const);
  const { fpr, tpr, thresholds } = rocCurve(yTrue, yScore, { posLabel: options.posLabel, dropIntermediate: false });
  const scores = Float64Array.from(fpr, (f, i) => (criterion === 'gmean' ? Math.sqrt(tpr[i] * (1 - f)) : tpr[i] - f));
  const i = argmax(scores);
  return { threshold: thresholds[i], score: scores[i] };
}

/** Options of `thresholdFromPrecisionRecall`. */
export interface ThresholdFromPrecisionRecallOptions {
  /** Weight of recall in the F-measure (default 1: F1). */
  beta?: number;
  posLabel?: Label | null;
}

/**
 * The precision-recall threshold that maximises the F-beta measure (0 where precision and
 * recall are both 0). Ties go to the lowest threshold.
 * @example const { threshold, score } = thresholdFromPrecisionRecall(yTest, probabilities);
 */
export function thresholdFromPrecisionRecall(yTrue: LabelsLike, yScore: ArrayLike<number>, options: ThresholdFromPrecisionRecallOptions = {}): ThresholdChoice {
  const beta = checkNumber('thresholdFromPrecisionRecall', 'beta', options.beta ?? 1, { min: 0, minExclusive: true });
  const { precision, recall, thresholds } = precisionRecallCurve(yTrue, yScore, { posLabel: options.posLabel });
  const b2 = beta * beta;
  // The last (precision 1, recall 0) point has no threshold.
  const f = Float64Array.from(thresholds, (_, i) => {
    const den = b2 * precision[i] + recall[i];
    return den === 0 ? 0 : ((1 + b2) * precision[i] * recall[i]) / den;
  });
  const i = argmax(f);
  return { threshold: thresholds[i], score: f[i] };
}

/** A metric of true and predicted labels (higher is better), such as `f1Score`. */
export type LabelMetric = (yTrue: LabelsLike, yPred: LabelsLike) => number | number[];

/** Options of `bestThreshold`. */
export interface BestThresholdOptions {
  /**
   * Candidate thresholds: an array, or a count of evenly spaced values between the lowest and the
   * highest score. Default: every distinct score when there are at most 1000, else 1000 evenly
   * spaced values.
   */
  thresholds?: ArrayLike<number> | number;
  /** The positive class (default: the greater of the two labels). */
  posLabel?: Label | null;
}

/** `np.linspace(lo, hi, n)`. */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = n > 1 ? (hi - lo) / (n - 1) : 0;
  for (let i = 0; i < n; i++) out[i] = lo + i * step;
  if (n > 1) out[n - 1] = hi;
  return out;
}

/** Labels predicted by thresholding scores: `posLabel` where `score >= threshold`, else the other class. */
export function labelsAtThreshold(scores: Float64Array, threshold: number, pos: Label, neg: Label): Label[] {
  return Array.from(scores, (s) => (s >= threshold ? pos : neg));
}

/**
 * The threshold maximising any metric of predicted labels (the mini-course's threshold moving:
 * `yPred = score >= t ? positive : negative` for each candidate t). Ties go to the first candidate.
 * @example
 * const thresholds = Array.from({ length: 1000 }, (_, i) => i / 1000);
 * const { threshold, score } = bestThreshold(yTest, probabilities, f1Score, { thresholds });
 */
export function bestThreshold(yTrue: LabelsLike, yScore: ArrayLike<number>, metric: LabelMetric, options: BestThresholdOptions = {}): ThresholdChoice {
  const owner = 'bestThreshold';
  if (typeof metric !== 'function') throw new TypeError(`The 'metric' parameter of ${owner} must be a function (yTrue, yPred) => number. Got ${formatValue(metric)}.`);
  const { values } = labelValues(yTrue, 'yTrue', owner);
  const scores = checkScores(yScore, 'yScore', owner);
  if (scores.length !== values.length) throw new RangeError(`Found input variables with inconsistent numbers of samples: [${values.length}, ${scores.length}]`);
  const classes = uniqueSorted(values);
  if (classes.length > 2) throw new RangeError(`${owner} needs a binary target. Got ${classes.length} classes.`);
  const pos = options.posLabel ?? classes[classes.length - 1];
  const neg = classes.find((c) => c !== pos) ?? (typeof pos === 'number' ? (pos === 0 ? 1 : 0) : `not ${pos}`);
  const candidates = candidateThresholds(scores, options.thresholds, owner);
  let best: ThresholdChoice = { threshold: NaN, score: -Infinity };
  for (const t of candidates) {
    const pred = labelsAtThreshold(scores, t, pos, neg);
    const s = metric(yTrue, (typeof pos === 'string' ? pred : Float64Array.from(pred as number[])) as LabelsLike);
    if (typeof s !== 'number') throw new TypeError(`${owner}: the metric must return a number. Got ${formatValue(s)}.`);
    if (s > best.score || Number.isNaN(best.threshold)) best = { threshold: t, score: s };
  }
  return best;
}

function candidateThresholds(scores: Float64Array, thresholds: ArrayLike<number> | number | undefined, owner: string): Float64Array {
  let lo = Infinity, hi = -Infinity;
  for (const s of scores) { if (s < lo) lo = s; if (s > hi) hi = s; }
  if (typeof thresholds === 'number') {
    if (!Number.isInteger(thresholds) || thresholds < 1) throw new RangeError(`The 'thresholds' parameter of ${owner} must be an integer >= 1 or an array of numbers. Got ${thresholds}.`);
    return linspace(lo, hi, thresholds);
  }
  if (thresholds !== undefined) return checkScores(thresholds, 'thresholds', owner);
  const distinct = Float64Array.from(new Set(scores)).sort();
  return distinct.length <= 1000 ? distinct : linspace(lo, hi, 1000);
}
