/**
 * Precision, recall and F-scores: scikit-learn's `precision_recall_fscore_support` and the
 * single-score functions built on it.
 */
import { checkNumber, formatValue } from '../core/errors.js';
import type { Label, LabelsLike } from '../core/types.js';
import { labelSums } from './confusion.js';
import { warnMetric, warnPrf, warnPrfDivide } from './warnings.js';
import { average } from './numeric.js';
import { checkLabelList, checkSampleWeight, checkTargets, labelListRepr, labelRepr, type Targets } from './targets.js';

/** How per-label scores are combined; `null` returns one score per label. */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | 'samples' | null;

/** What to return for a 0/0 score: 0 (with `'warn'`, scikit-learn's default, also 0) or 1. */
export type ZeroDivision = 'warn' | 0 | 1;

/** Options shared by the precision / recall / F-score functions. */
export interface PrfOptions {
  /** Labels to score, in this order (default: the sorted labels of both arrays). */
  labels?: Label[] | null;
  /** The positive class when `average` is `'binary'` (default 1). */
  posLabel?: Label | null;
  average?: Average;
  sampleWeight?: ArrayLike<number> | null;
  zeroDivision?: ZeroDivision;
}

/** Options of `fbetaScore` / `precisionRecallFscoreSupport`. */
export interface FbetaOptions extends PrfOptions {
  /** Weight of recall against precision (default 1). */
  beta?: number;
}

/** Per-label arrays (`average: null`) or averaged numbers; `support` is null once averaged. */
export interface PrecisionRecallFscoreSupport<T = number | number[]> {
  precision: T;
  recall: T;
  fbetaScore: T;
  support: number[] | null;
}

const AVERAGES = [null, 'micro', 'macro', 'weighted', 'samples', 'binary'];

/** Checks `average` against the given allowed values, with scikit-learn's message. */
export function checkAverage(average: unknown, allowed: readonly unknown[] = AVERAGES): Average {
  if (!allowed.includes(average)) {
    throw new RangeError("average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')");
  }
  return average as Average;
}

/** Checks `zeroDivision`. */
export function checkZeroDivision(owner: string, zeroDivision: unknown): ZeroDivision {
  if (zeroDivision !== 'warn' && zeroDivision !== 0 && zeroDivision !== 1) {
    throw new RangeError(`The 'zeroDivision' parameter of ${owner} must be 'warn', 0 or 1. Got ${formatValue(zeroDivision)}.`);
  }
  return zeroDivision;
}

/**
 * scikit-learn's `_check_set_wise_labels`: with `average: 'binary'`, the labels become
 * `[posLabel]` (checked against the present labels).
 */
export function setWiseLabels(targets: Targets, average: Average, labels: Label[] | undefined, posLabel: Label | null): Label[] | undefined {
  if (average === 'binary') {
    if (targets.type !== 'binary') {
      throw new RangeError(`Target is multiclass but average='binary'. Please choose another average setting, one of [None, 'micro', 'macro', 'weighted'].`);
    }
    if (posLabel === null || !targets.classes.includes(posLabel)) {
      if (targets.classes.length >= 2) {
        throw new RangeError(`pos_label=${posLabel === null ? 'None' : labelRepr(posLabel)} is not a valid label. It should be one of ${labelListRepr(targets.classes)}`);
      }
    }
    return [posLabel as Label];
  }
  return labels;
}

/** What `prfDivide` warns about when a denominator is 0 (scikit-learn's `_prf_divide` arguments). */
export interface PrfWarning {
  metric: string;
  modifier: string;
  average: string | null;
  warnFor: readonly string[] | string;
}

/**
 * `_prf_divide`: elementwise num / den with x/0 set to the zero-division value, warning as
 * scikit-learn does when `zeroDivision` is `'warn'`.
 */
export function prfDivide(num: Float64Array, den: Float64Array, zeroDivision: ZeroDivision, warning?: PrfWarning): Float64Array {
  const out = new Float64Array(num.length);
  let anyZero = false;
  for (let i = 0; i < num.length; i++) {
    if (den[i] === 0) { anyZero = true; out[i] = zeroDivision === 1 ? 1 : 0; } else out[i] = num[i] / den[i];
  }
  if (anyZero && zeroDivision === 'warn' && warning) warnPrfDivide(warning.metric, warning.modifier, warning.average, warning.warnFor, num.length);
  return out;
}

const sumOf = (a: Float64Array) => Float64Array.of(a.reduce((s, v) => s + v, 0));

/** The computation of `precisionRecallFscoreSupport`, for callers that already checked `y`. */
export function prfsOf(targets: Targets, options: FbetaOptions, owner: string, warnFor: readonly string[] = ['precision', 'recall', 'f-score']): PrecisionRecallFscoreSupport {
  const zeroDivision = checkZeroDivision(owner, options.zeroDivision ?? 'warn');
  const beta = checkNumber(owner, 'beta', options.beta ?? 1, { min: 0 });
  const avg = checkAverage(options.average === undefined ? null : options.average);
  const posLabel = options.posLabel === undefined ? 1 : options.posLabel;
  const weights = checkSampleWeight(options.sampleWeight, targets.n, owner);
  if (avg === 'samples') throw new RangeError('Samplewise metrics are not available outside of multilabel classification.');
  const labels = setWiseLabels(targets, avg, checkLabelList(options.labels, owner), posLabel);
  if (avg !== 'binary' && posLabel !== null && posLabel !== 1) {
    warnMetric('UserWarning', `Note that pos_label (set to ${labelRepr(posLabel)}) is ignored when average != 'binary' (got ${avg === null ? 'None' : `'${avg}'`}). You may use labels=[pos_label] to specify a single positive class.`);
  }
  let { tp, predSum, trueSum } = labelSums(targets, labels, weights);
  if (avg === 'micro') {
    tp = sumOf(tp);
    predSum = sumOf(predSum);
    trueSum = sumOf(trueSum);
  }
  const beta2 = beta ** 2;
  const precision = prfDivide(tp, predSum, zeroDivision, { metric: 'precision', modifier: 'predicted', average: avg, warnFor });
  const recall = prfDivide(tp, trueSum, zeroDivision, { metric: 'recall', modifier: 'true', average: avg, warnFor });
  if (zeroDivision === 'warn' && warnFor.length === 1 && warnFor[0] === 'f-score') {
    if (trueSum.some((t, i) => t === 0 && predSum[i] === 0)) warnPrf(avg, 'true nor predicted', 'F-score is', trueSum.length);
  }
  const f = new Float64Array(tp.length);
  for (let i = 0; i < f.length; i++) {
    if (beta === Infinity) { f[i] = recall[i]; continue; }
    let denom = beta2 * precision[i] + recall[i];
    if (denom === 0) denom = 1;
    f[i] = ((1 + beta2) * precision[i] * recall[i]) / denom;
  }
  let weightsOfAverage: Float64Array | null = null;
  if (avg === 'weighted') {
    weightsOfAverage = trueSum;
    if (trueSum.reduce((s, v) => s + v, 0) === 0) {
      const zd = zeroDivision === 1 ? 1 : 0;
      if (predSum.reduce((s, v) => s + v, 0) === 0) return { precision: zd, recall: zd, fbetaScore: zd, support: null };
      return { precision: 0, recall: zd, fbetaScore: 0, support: null };
    }
  }
  if (avg !== null) {
    return {
      precision: average(precision, weightsOfAverage),
      recall: average(recall, weightsOfAverage),
      fbetaScore: average(f, weightsOfAverage),
      support: null,
    };
  }
  return { precision: Array.from(precision), recall: Array.from(recall), fbetaScore: Array.from(f), support: Array.from(trueSum) };
}

/**
 * scikit-learn's `precision_recall_fscore_support` (default `average: null`, per-label arrays
 * in the order of `labels`, or of the sorted labels).
 * @example precisionRecallFscoreSupport([0, 1, 1], [0, 1, 0], { average: 'macro' })
 */
export function precisionRecallFscoreSupport(yTrue: LabelsLike, yPred: LabelsLike, options: FbetaOptions = {}): PrecisionRecallFscoreSupport {
  const owner = 'precisionRecallFscoreSupport';
  return prfsOf(checkTargets(yTrue, yPred, owner), options, owner);
}

function single(owner: string, pick: 'precision' | 'recall' | 'fbetaScore', yTrue: LabelsLike, yPred: LabelsLike, options: FbetaOptions): number | number[] {
  const average = options.average === undefined ? 'binary' : options.average;
  const warnFor = pick === 'fbetaScore' ? ['f-score'] : [pick];
  return prfsOf(checkTargets(yTrue, yPred, owner), { ...options, average }, owner, warnFor)[pick];
}

/**
 * scikit-learn's `precision_score`: tp / (tp + fp); default `average: 'binary'` with `posLabel: 1`.
 * @example precisionScore([0, 1, 1, 0], [0, 1, 1, 1]) // 2/3
 */
export function precisionScore(yTrue: LabelsLike, yPred: LabelsLike, options: PrfOptions & { average: null }): number[];
export function precisionScore(yTrue: LabelsLike, yPred: LabelsLike, options?: PrfOptions): number;
export function precisionScore(yTrue: LabelsLike, yPred: LabelsLike, options: PrfOptions = {}): number | number[] {
  return single('precisionScore', 'precision', yTrue, yPred, options);
}

/**
 * scikit-learn's `recall_score`: tp / (tp + fn); default `average: 'binary'`.
 * @example recallScore([0, 1, 1, 0], [0, 1, 0, 0]) // 0.5
 */
export function recallScore(yTrue: LabelsLike, yPred: LabelsLike, options: PrfOptions & { average: null }): number[];
export function recallScore(yTrue: LabelsLike, yPred: LabelsLike, options?: PrfOptions): number;
export function recallScore(yTrue: LabelsLike, yPred: LabelsLike, options: PrfOptions = {}): number | number[] {
  return single('recallScore', 'recall', yTrue, yPred, options);
}

/**
 * scikit-learn's `f1_score`: the harmonic mean of precision and recall.
 * @example f1Score([0, 1, 1, 0], [0, 1, 0, 1]) // 0.5
 */
export function f1Score(yTrue: LabelsLike, yPred: LabelsLike, options: PrfOptions & { average: null }): number[];
export function f1Score(yTrue: LabelsLike, yPred: LabelsLike, options?: PrfOptions): number;
export function f1Score(yTrue: LabelsLike, yPred: LabelsLike, options: PrfOptions = {}): number | number[] {
  return single('f1Score', 'fbetaScore', yTrue, yPred, { ...options, beta: 1 });
}

/**
 * scikit-learn's `fbeta_score` (`beta` is required, as in Python).
 * @example fbetaScore([0, 1, 1, 0], [0, 1, 0, 1], { beta: 2 })
 */
export function fbetaScore(yTrue: LabelsLike, yPred: LabelsLike, options: FbetaOptions & { beta: number; average: null }): number[];
export function fbetaScore(yTrue: LabelsLike, yPred: LabelsLike, options: FbetaOptions & { beta: number }): number;
export function fbetaScore(yTrue: LabelsLike, yPred: LabelsLike, options: FbetaOptions & { beta: number }): number | number[] {
  if (options?.beta === undefined) throw new TypeError("fbetaScore is missing its required option 'beta'.");
  return single('fbetaScore', 'fbetaScore', yTrue, yPred, options);
}
