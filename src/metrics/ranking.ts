/**
 * Ranking metrics: `rocCurve`, `precisionRecallCurve`, `auc`, `rocAucScore` (binary, partial
 * with `maxFpr`, multiclass one-vs-rest / one-vs-one, multilabel) and `averagePrecisionScore`.
 * The sort and the cumulative scan run in WebAssembly (`binaryCurveCounts`).
 */
import { formatValue } from '../core/errors.js';
import type { Label, LabelsLike, Matrix, MatrixLike } from '../core/types.js';
import { toMatrix } from '../core/matrix.js';
import { binaryCurveCounts } from './kernels.js';
import { average, npSum } from './numeric.js';
import { warnMetric } from './warnings.js';
import { checkConsistentLength, checkSampleWeight, decodeValues, encodeTarget, labelListRepr, labelRepr, uniqueSorted, type EncodedTarget, type TargetType } from './targets.js';

/** `rocCurve` result. `thresholds[0]` is `max(yScore) + 1`, as in scikit-learn 1.2. */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  thresholds: Float64Array;
}

/** `precisionRecallCurve` result: one more precision / recall than thresholds (the (1, 0) end point). */
export interface PrecisionRecallCurve {
  precision: Float64Array;
  recall: Float64Array;
  thresholds: Float64Array;
}

/** Options of `rocCurve` / `precisionRecallCurve`. */
export interface CurveOptions {
  /** The positive class (default: 1 when the labels are {0, 1} or {-1, 1}). */
  posLabel?: Label | null;
  sampleWeight?: ArrayLike<number> | null;
}

/** Options of `rocCurve`. */
export interface RocCurveOptions extends CurveOptions {
  /** Drop thresholds that lie on a straight segment of the curve (default true). */
  dropIntermediate?: boolean;
}

function isMatrixLike(x: unknown): boolean {
  return (Array.isArray(x) && x.length > 0 && (Array.isArray(x[0]) || ArrayBuffer.isView(x[0])))
    || (typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && 'data' in x && 'rows' in x);
}

/** Validates a 1-D vector of finite scores. */
export function checkScores(yScore: unknown, name: string, owner: string): Float64Array {
  if (isMatrixLike(yScore)) {
    const m = toMatrix(yScore as MatrixLike, { name, owner });
    if (m.cols !== 1) throw new RangeError(`y should be a 1d array, got an array of shape (${m.rows}, ${m.cols}) instead.`);
    return m.data;
  }
  if (!(Array.isArray(yScore) || (ArrayBuffer.isView(yScore) && !(yScore instanceof DataView)))) {
    throw new TypeError(`The '${name}' parameter of ${owner} must be an array of numbers. Got ${formatValue(yScore)}.`);
  }
  const arr = yScore as ArrayLike<unknown>;
  const out = new Float64Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== 'number') throw new TypeError(`The '${name}' parameter of ${owner} must hold numbers: entry ${i} is ${formatValue(v)}.`);
    if (!Number.isFinite(v)) throw new RangeError(`Input contains ${Number.isNaN(v) ? 'NaN' : "infinity or a value too large for dtype('float64')"}: the '${name}' parameter of ${owner} has ${formatValue(v)} at entry ${i}.`);
    out[i] = v;
  }
  return out;
}

/** scikit-learn's `_check_pos_label_consistency`. */
function resolvePosLabel(posLabel: Label | null | undefined, classes: Label[], kind: string): Label {
  if (posLabel !== undefined && posLabel !== null) return posLabel;
  const same = (ref: number[]) => classes.length === ref.length && ref.every((v, i) => classes[i] === v);
  if (kind === 'string' || !([[0, 1], [-1, 1], [0], [-1], [1]].some(same))) {
    throw new RangeError(`y_true takes value in {${classes.map(labelRepr).join(', ')}} and pos_label is not specified: either make y_true take value in {0, 1} or {-1, 1} or pass pos_label explicitly.`);
  }
  return 1;
}

/** Cumulative counts of a binary problem given as a positive mask (zero weights dropped first). */
function countsOfMask(positive: Uint8Array, scores: Float64Array, weights: Float64Array | null) {
  if (weights) {
    const keep: number[] = [];
    for (let i = 0; i < weights.length; i++) if (weights[i] !== 0) keep.push(i);
    if (keep.length < weights.length) {
      positive = Uint8Array.from(keep, (i) => positive[i]);
      scores = Float64Array.from(keep, (i) => scores[i]);
      weights = Float64Array.from(keep, (i) => weights![i]);
    }
  }
  return binaryCurveCounts(scores, positive, weights);
}

function isEncoded(y: unknown): y is EncodedTarget {
  return typeof y === 'object' && y !== null && !Array.isArray(y) && !ArrayBuffer.isView(y) && 'codes' in y && 'classes' in y;
}

/** The scikit-learn target type of an encoded label array. */
function targetType(e: EncodedTarget): TargetType {
  return e.continuous ? 'continuous' : e.classes.length <= 2 ? 'binary' : 'multiclass';
}

/** scikit-learn's `_binary_clf_curve`: validated labels and scores to cumulative counts. */
function binaryClfCurve(yTrue: LabelsLike | EncodedTarget, yScore: unknown, options: CurveOptions, owner: string) {
  const target = isEncoded(yTrue) ? yTrue : encodeTarget(yTrue, 'yTrue', owner);
  const type = targetType(target);
  const posGiven = options.posLabel !== undefined && options.posLabel !== null;
  if (!(type === 'binary' || (type === 'multiclass' && posGiven))) throw new RangeError(`${type} format is not supported`);
  const scores = checkScores(yScore, 'yScore', owner);
  const n = target.codes.length;
  const weights = checkSampleWeight(options.sampleWeight, n, owner);
  checkConsistentLength(n, scores.length);
  if (n === 0) throw new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.');
  // Classes of the samples that count (scikit-learn drops zero weights first).
  const seen = new Uint8Array(target.classes.length);
  for (let i = 0; i < n; i++) if (!weights || weights[i] !== 0) seen[target.codes[i]] = 1;
  const pos = resolvePosLabel(options.posLabel, target.classes.filter((_, c) => seen[c]), target.kind);
  const posCode = target.classes.indexOf(pos);
  const positive = new Uint8Array(n);
  for (let i = 0; i < n; i++) positive[i] = target.codes[i] === posCode ? 1 : 0;
  return countsOfMask(positive, scores, weights);
}

function rocFromCounts(c: { fps: Float64Array; tps: Float64Array; thresholds: Float64Array }, dropIntermediate: boolean): RocCurve {
  let { fps, tps, thresholds } = c;
  if (dropIntermediate && fps.length > 2) {
    const keep: number[] = [0];
    for (let i = 0; i + 2 < fps.length; i++) {
      const d2f = (fps[i + 2] - fps[i + 1]) - (fps[i + 1] - fps[i]);
      const d2t = (tps[i + 2] - tps[i + 1]) - (tps[i + 1] - tps[i]);
      if (d2f !== 0 || d2t !== 0) keep.push(i + 1);
    }
    keep.push(fps.length - 1);
    fps = Float64Array.from(keep, (i) => fps[i]);
    tps = Float64Array.from(keep, (i) => tps[i]);
    thresholds = Float64Array.from(keep, (i) => thresholds[i]);
  }
  const m = fps.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const thr = new Float64Array(m);
  thr[0] = thresholds[0] + 1;
  thr.set(thresholds, 1);
  const fLast = fps[fps.length - 1];
  const tLast = tps[tps.length - 1];
  if (fLast <= 0) warnMetric('UndefinedMetricWarning', 'No negative samples in y_true, false positive value should be meaningless');
  if (tLast <= 0) warnMetric('UndefinedMetricWarning', 'No positive samples in y_true, true positive value should be meaningless');
  for (let i = 1; i < m; i++) {
    fpr[i] = fLast <= 0 ? NaN : fps[i - 1] / fLast;
    tpr[i] = tLast <= 0 ? NaN : tps[i - 1] / tLast;
  }
  if (fLast <= 0) fpr[0] = NaN;
  if (tLast <= 0) tpr[0] = NaN;
  return { fpr, tpr, thresholds: thr };
}

/**
 * scikit-learn's `roc_curve` (1.2): false and true positive rates at each distinct score.
 * @example const { fpr, tpr, thresholds } = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 */
export function rocCurve(yTrue: LabelsLike, yScore: ArrayLike<number>, options: RocCurveOptions = {}): RocCurve {
  const owner = 'rocCurve';
  const counts = binaryClfCurve(yTrue, yScore, options, owner);
  return rocFromCounts(counts, options.dropIntermediate ?? true);
}

function prFromCounts(c: { fps: Float64Array; tps: Float64Array; thresholds: Float64Array }): PrecisionRecallCurve {
  const { fps, tps, thresholds } = c;
  const m = tps.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thr = new Float64Array(m);
  const last = tps[m - 1];
  if (last === 0) warnMetric('UserWarning', 'No positive class found in y_true, recall is set to one for all thresholds.');
  for (let i = 0; i < m; i++) {
    const j = m - 1 - i; // reversed: lowest threshold first
    const ps = tps[j] + fps[j];
    precision[i] = ps !== 0 ? tps[j] / ps : 0;
    recall[i] = last === 0 ? 1 : tps[j] / last;
    thr[i] = thresholds[j];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: thr };
}

/**
 * scikit-learn's `precision_recall_curve` (1.2): precision and recall at each distinct score,
 * lowest threshold first, ending at (precision 1, recall 0).
 * @example const { precision, recall } = precisionRecallCurve(yTrue, probabilities);
 */
export function precisionRecallCurve(yTrue: LabelsLike, probasPred: ArrayLike<number>, options: CurveOptions = {}): PrecisionRecallCurve {
  return prFromCounts(binaryClfCurve(yTrue, probasPred, options, 'precisionRecallCurve'));
}

/**
 * scikit-learn's `auc`: the area under a curve by the trapezoidal rule; `x` must be monotonic.
 * @example auc([0, 0.5, 1], [0, 0.8, 1]) // 0.65
 */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const xs = checkScores(x, 'x', 'auc');
  const ys = checkScores(y, 'y', 'auc');
  checkConsistentLength(xs.length, ys.length);
  if (xs.length < 2) throw new RangeError(`At least 2 points are needed to compute area under curve, but x.shape = ${xs.length}`);
  let direction = 1;
  let anyNeg = false, allNonPos = true;
  for (let i = 1; i < xs.length; i++) {
    const d = xs[i] - xs[i - 1];
    if (d < 0) anyNeg = true;
    if (d > 0) allNonPos = false;
  }
  if (anyNeg) {
    if (allNonPos) direction = -1;
    else throw new RangeError(`x is neither increasing nor decreasing : ${formatValue(Array.from(xs))}.`);
  }
  const terms = new Float64Array(xs.length - 1);
  for (let i = 0; i < terms.length; i++) terms[i] = ((xs[i + 1] - xs[i]) * (ys[i + 1] + ys[i])) / 2.0;
  return direction * npSum(terms);
}

/** `_binary_roc_auc_score` on a positive mask. */
function binaryRocAuc(positive: Uint8Array, scores: Float64Array, weights: Float64Array | null, maxFpr: number | null): number {
  let nPos = 0;
  for (let i = 0; i < positive.length; i++) nPos += positive[i];
  if (nPos === 0 || nPos === positive.length) {
    throw new RangeError('Only one class present in y_true. ROC AUC score is not defined in that case.');
  }
  const { fpr, tpr } = rocFromCounts(countsOfMask(positive, scores, weights), true);
  if (maxFpr === null || maxFpr === 1) return auc(fpr, tpr);
  if (maxFpr <= 0 || maxFpr > 1) throw new RangeError(`Expected max_fpr in range (0, 1], got: ${maxFpr}`);
  let stop = 0;
  while (stop < fpr.length && fpr[stop] <= maxFpr) stop++;
  const x0 = fpr[stop - 1], x1 = fpr[stop], y0 = tpr[stop - 1], y1 = tpr[stop];
  const yInterp = ((y1 - y0) / (x1 - x0)) * (maxFpr - x0) + y0;
  const px = Float64Array.from([...fpr.subarray(0, stop), maxFpr]);
  const py = Float64Array.from([...tpr.subarray(0, stop), yInterp]);
  const partial = auc(px, py);
  const minArea = 0.5 * maxFpr ** 2;
  const maxArea = maxFpr;
  return 0.5 * (1 + (partial - minArea) / (maxArea - minArea));
}

/** `_binary_uninterpolated_average_precision` on a positive mask. */
function binaryAveragePrecision(positive: Uint8Array, scores: Float64Array, weights: Float64Array | null): number {
  const { precision, recall } = prFromCounts(countsOfMask(positive, scores, weights));
  const terms = new Float64Array(recall.length - 1);
  for (let i = 0; i < terms.length; i++) terms[i] = (recall[i + 1] - recall[i]) * precision[i];
  return -npSum(terms);
}

type BinaryMetric = (positive: Uint8Array, scores: Float64Array, weights: Float64Array | null) => number;

/** scikit-learn's `_average_binary_score` for an indicator matrix `Y` (n × c) and scores `S` (n × c). */
function averageBinaryScore(metric: BinaryMetric, Y: Matrix, S: Matrix, avg: string | null, weights: Float64Array | null): number | number[] {
  const allowed = [null, 'micro', 'macro', 'weighted', 'samples'];
  if (!allowed.includes(avg)) throw new RangeError("average has to be one of (None, 'micro', 'macro', 'weighted', 'samples')");
  const n = Y.rows, c = Y.cols;
  if (avg === 'micro') {
    const w = weights ? Float64Array.from({ length: n * c }, (_, k) => weights[Math.floor(k / c)]) : null;
    return metric(Uint8Array.from(Y.data, (v) => (v === 1 ? 1 : 0)), S.data, w);
  }
  const column = (M: Matrix, j: number) => Float64Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]);
  const row = (M: Matrix, i: number) => M.data.slice(i * M.cols, (i + 1) * M.cols);
  let averageWeight: Float64Array | null = null;
  let scoreWeight = weights;
  let scores: Float64Array;
  if (avg === 'samples') {
    averageWeight = weights;
    scoreWeight = null;
    scores = Float64Array.from({ length: n }, (_, i) => metric(Uint8Array.from(row(Y, i), (v) => (v === 1 ? 1 : 0)), row(S, i), null));
  } else {
    if (avg === 'weighted') {
      averageWeight = new Float64Array(c);
      for (let j = 0; j < c; j++) {
        const col = column(Y, j);
        averageWeight[j] = npSum(weights ? col.map((v, i) => v * weights[i]) : col);
      }
      if (Math.abs(npSum(averageWeight)) <= 1e-8) return 0;
    }
    scores = Float64Array.from({ length: c }, (_, j) => metric(Uint8Array.from(column(Y, j), (v) => (v === 1 ? 1 : 0)), column(S, j), scoreWeight));
  }
  if (avg === null) return Array.from(scores);
  if (averageWeight) for (let j = 0; j < scores.length; j++) if (averageWeight[j] === 0) scores[j] = 0;
  return average(scores, averageWeight);
}

/** Options of `rocAucScore`. */
export interface RocAucScoreOptions {
  /** Averaging of per-class scores (default `'macro'`; `null` per class for one-vs-rest). */
  average?: 'micro' | 'macro' | 'weighted' | 'samples' | null;
  sampleWeight?: ArrayLike<number> | null;
  /** Standardised partial AUC over [0, maxFpr] (binary only). */
  maxFpr?: number | null;
  /** Multiclass strategy: `'ovr'` or `'ovo'` (required for multiclass; default `'raise'`). */
  multiClass?: 'raise' | 'ovr' | 'ovo';
  /** The classes of the columns of `yScore` (multiclass; default: the sorted labels of `yTrue`). */
  labels?: Label[] | null;
}

function indicatorMatrix(values: readonly Label[], classes: readonly Label[]): Matrix {
  const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const data = new Float64Array(values.length * classes.length);
  values.forEach((v, i) => { const j = index.get(v); if (j !== undefined) data[i * classes.length + j] = 1; });
  return { data, rows: values.length, cols: classes.length };
}

function checkIndicator(yTrue: unknown, owner: string): Matrix {
  const Y = toMatrix(yTrue as MatrixLike, { name: 'yTrue', owner });
  for (const v of Y.data) if (v !== 0 && v !== 1) throw new RangeError('multilabel-indicator y_true must hold only 0 and 1.');
  return Y;
}

/**
 * scikit-learn's `roc_auc_score`. Binary: `yScore` is the score of the greater label. Multiclass:
 * `yScore` is a `Matrix` of probabilities (rows × classes) with `multiClass: 'ovr' | 'ovo'`.
 * Multilabel: `yTrue` is an indicator matrix.
 * @example rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAucScore(yTrue: LabelsLike | MatrixLike, yScore: ArrayLike<number> | MatrixLike, options: RocAucScoreOptions = {}): number | number[] {
  const owner = 'rocAucScore';
  const avg = options.average === undefined ? 'macro' : options.average;
  const maxFpr = options.maxFpr ?? null;
  const multiClass = options.multiClass ?? 'raise';
  if (isMatrixLike(yTrue)) {
    const Y = checkIndicator(yTrue, owner);
    const S = toMatrix(yScore as MatrixLike, { name: 'yScore', owner });
    checkConsistentLength(Y.rows, S.rows);
    const w = checkSampleWeight(options.sampleWeight, Y.rows, owner);
    return averageBinaryScore((p, s, ww) => binaryRocAuc(p, s, ww, maxFpr), Y, S, avg, w);
  }
  const target = encodeTarget(yTrue, 'yTrue', owner);
  const type = targetType(target);
  if (type === 'continuous') throw new RangeError('continuous format is not supported');
  const scoreIs2d = isMatrixLike(yScore);
  const S = scoreIs2d ? toMatrix(yScore as MatrixLike, { name: 'yScore', owner }) : null;
  if (type === 'multiclass' || (S !== null && S.cols > 2)) {
    if (maxFpr !== null && maxFpr !== 1) {
      throw new RangeError(`Partial AUC computation not available in multiclass setting, 'max_fpr' must be set to \`None\`, received \`max_fpr=${maxFpr}\` instead`);
    }
    if (multiClass === 'raise') throw new RangeError("multi_class must be in ('ovo', 'ovr')");
    if (S === null) throw new RangeError(`The 'yScore' parameter of ${owner} must be a Matrix (rows × classes) for a multiclass target.`);
    return multiclassRocAuc(decodeValues(target.codes, target.classes), S, options, avg, multiClass);
  }
  const scores = checkScores(yScore, 'yScore', owner);
  const n = target.codes.length;
  checkConsistentLength(n, scores.length);
  const weights = checkSampleWeight(options.sampleWeight, n, owner);
  // label_binarize: the greater label is the positive class.
  const positive = new Uint8Array(n);
  if (target.classes.length === 2) for (let i = 0; i < n; i++) positive[i] = target.codes[i];
  return binaryRocAuc(positive, scores, weights, maxFpr);
}

function multiclassRocAuc(values: Label[], S: Matrix, options: RocAucScoreOptions, avg: string | null, multiClass: string): number | number[] {
  const owner = 'rocAucScore';
  checkConsistentLength(values.length, S.rows);
  for (let i = 0; i < S.rows; i++) {
    let s = 0;
    for (let j = 0; j < S.cols; j++) s += S.data[i * S.cols + j];
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
      throw new RangeError('Target scores need to be probabilities for multiclass roc_auc, i.e. they should sum up to 1.0 over classes');
    }
  }
  const averageOptions = multiClass === 'ovr' ? ['micro', 'macro', 'weighted', null] : ['macro', 'weighted', null];
  if (!averageOptions.includes(avg)) {
    throw new RangeError(`average must be one of (${averageOptions.map((a) => (a === null ? 'None' : `'${a}'`)).join(', ')}) for multiclass problems`);
  }
  if (multiClass !== 'ovo' && multiClass !== 'ovr') {
    throw new RangeError(`multi_class='${multiClass}' is not supported for multiclass ROC AUC, multi_class must be in ('ovo', 'ovr')`);
  }
  if (avg === null && multiClass === 'ovo') throw new RangeError("average=None is not implemented for multi_class='ovo'.");
  let classes: Label[];
  if (options.labels !== undefined && options.labels !== null) {
    const labels = Array.from(options.labels);
    classes = uniqueSorted(labels);
    if (classes.length !== labels.length) throw new RangeError("Parameter 'labels' must be unique");
    if (!classes.every((c, i) => c === labels[i])) throw new RangeError("Parameter 'labels' must be ordered");
    if (classes.length !== S.cols) throw new RangeError(`Number of given labels, ${classes.length}, not equal to the number of columns in 'y_score', ${S.cols}`);
    const known = new Set(classes);
    if (values.some((v) => !known.has(v))) throw new RangeError("'y_true' contains labels not in parameter 'labels'");
  } else {
    classes = uniqueSorted(values);
    if (classes.length !== S.cols) throw new RangeError("Number of classes in y_true not equal to the number of columns in 'y_score'");
  }
  const weights = checkSampleWeight(options.sampleWeight, values.length, owner);
  if (multiClass === 'ovr') {
    return averageBinaryScore((p, s, w) => binaryRocAuc(p, s, w, null), indicatorMatrix(values, classes), S, avg, weights);
  }
  if (weights) throw new RangeError("sample_weight is not supported for multiclass one-vs-one ROC AUC, 'sample_weight' must be None in this case.");
  // _average_multiclass_ovo_score over the codes of the classes present in y_true.
  const index = new Map<Label, number>(classes.map((c, i) => [c, i]));
  const codes = Int32Array.from(values, (v) => index.get(v)!);
  const present = [...new Set(codes)].sort((a, b) => a - b);
  const pairScores: number[] = [];
  const prevalence: number[] = [];
  for (let ia = 0; ia < present.length; ia++) {
    for (let ib = ia + 1; ib < present.length; ib++) {
      const a = present[ia], b = present[ib];
      const rows: number[] = [];
      codes.forEach((c, i) => { if (c === a || c === b) rows.push(i); });
      prevalence.push(rows.length / codes.length);
      const aTrue = Uint8Array.from(rows, (i) => (codes[i] === a ? 1 : 0));
      const bTrue = Uint8Array.from(rows, (i) => (codes[i] === b ? 1 : 0));
      const aScore = Float64Array.from(rows, (i) => S.data[i * S.cols + a]);
      const bScore = Float64Array.from(rows, (i) => S.data[i * S.cols + b]);
      pairScores.push((binaryRocAuc(aTrue, aScore, null, null) + binaryRocAuc(bTrue, bScore, null, null)) / 2);
    }
  }
  return average(pairScores, avg === 'weighted' ? prevalence : null);
}

/** Options of `averagePrecisionScore`. */
export interface AveragePrecisionScoreOptions {
  /** Averaging over the columns of an indicator `yTrue` (default `'macro'`). */
  average?: 'micro' | 'macro' | 'weighted' | 'samples' | null;
  /** The positive class of a binary `yTrue` (default 1). */
  posLabel?: Label;
  sampleWeight?: ArrayLike<number> | null;
}

/**
 * scikit-learn's `average_precision_score`: Σ (R_n − R_{n−1}) P_n over the precision-recall
 * curve. For several classes pass `yTrue` one-hot encoded (an indicator matrix) and a score matrix.
 * @example averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.8333…
 */
export function averagePrecisionScore(yTrue: LabelsLike | MatrixLike, yScore: ArrayLike<number> | MatrixLike, options: AveragePrecisionScoreOptions = {}): number | number[] {
  const owner = 'averagePrecisionScore';
  const avg = options.average === undefined ? 'macro' : options.average;
  const posLabel = options.posLabel ?? 1;
  if (isMatrixLike(yTrue)) {
    if (posLabel !== 1) {
      throw new RangeError('Parameter pos_label is fixed to 1 for multilabel-indicator y_true. Do not set pos_label or set pos_label to 1.');
    }
    const Y = checkIndicator(yTrue, owner);
    const S = toMatrix(yScore as MatrixLike, { name: 'yScore', owner });
    checkConsistentLength(Y.rows, S.rows);
    const w = checkSampleWeight(options.sampleWeight, Y.rows, owner);
    return averageBinaryScore(binaryAveragePrecision, Y, S, avg, w);
  }
  const target = encodeTarget(yTrue, 'yTrue', owner);
  const type = targetType(target);
  if (type !== 'binary') throw new RangeError(`${type} format is not supported`);
  const present = target.classes;
  if (present.length === 2 && !present.includes(posLabel)) {
    throw new RangeError(`pos_label=${labelRepr(posLabel)} is not a valid label. It should be one of ${labelListRepr(present)}`);
  }
  const scores = checkScores(yScore, 'yScore', owner);
  checkConsistentLength(target.codes.length, scores.length);
  const weights = checkSampleWeight(options.sampleWeight, target.codes.length, owner);
  const counts = binaryClfCurve(target, scores, { posLabel, sampleWeight: weights }, owner);
  const { precision, recall } = prFromCounts(counts);
  const terms = new Float64Array(recall.length - 1);
  for (let i = 0; i < terms.length; i++) terms[i] = (recall[i + 1] - recall[i]) * precision[i];
  return -npSum(terms);
}
