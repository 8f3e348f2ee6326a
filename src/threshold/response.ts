/**
 * The continuous output of a fitted classifier for one class (scikit-learn's
 * `_get_response_values`): the `predictProba` column of `posLabel`, or the `decisionFunction`
 * (negated when `posLabel` is the first class).
 */
import type { Classifier } from '../core/clone.js';
import type { Label, MatrixLike } from '../core/types.js';

/** Which output of the classifier to read. */
export type ResponseMethod = 'predictProba' | 'decisionFunction' | 'auto';

/** The fitted classes of a classifier (`classes` or `classes_`). */
export function fittedClasses(estimator: Classifier, owner: string): Label[] {
  const c = estimator.classes ?? estimator.classes_;
  if (c === undefined || c === null) throw new TypeError(`${owner}: the fitted estimator exposes no 'classes'.`);
  return Array.from(c as ArrayLike<Label>);
}

/** Scores of `posLabel` for each row of X: higher means more likely positive. */
export function positiveScores(estimator: Classifier, X: MatrixLike, posLabel: Label, method: ResponseMethod, owner: string): Float64Array {
  const classes = fittedClasses(estimator, owner);
  const col = classes.indexOf(posLabel);
  if (col < 0) throw new RangeError(`${owner}: posLabel ${String(posLabel)} is not one of the classes of the estimator.`);
  const useProba = method === 'predictProba' || (method === 'auto' && typeof estimator.predictProba === 'function');
  if (useProba) {
    if (typeof estimator.predictProba !== 'function') throw new TypeError(`${owner}: the estimator has no predictProba method.`);
    const P = estimator.predictProba(X);
    return Float64Array.from({ length: P.rows }, (_, i) => P.data[i * P.cols + col]);
  }
  if (typeof estimator.decisionFunction !== 'function') {
    throw new TypeError(`${owner}: the estimator has neither predictProba nor decisionFunction.`);
  }
  const d = estimator.decisionFunction(X);
  const v = ArrayBuffer.isView(d) ? Float64Array.from(d as Float64Array) : Float64Array.from((d as { data: Float64Array }).data);
  if (classes.length === 2 && col === 0) for (let i = 0; i < v.length; i++) v[i] = -v[i];
  return v;
}
