/**
 * `clone(estimator)`: a fresh, unfitted copy with the same parameters (scikit-learn's `clone`).
 *
 * Convention for every estimator of the library (and for user-written ones): the constructor
 * takes one options object and stores it unchanged in a `params` property; `clone` rebuilds the
 * estimator with `new estimator.constructor(params)`, where `params` is, in this order of
 * preference, `estimator.getParams()`, `estimator.params` or `estimator.options`. An object with
 * its own `clone()` method is cloned by it. Estimator-valued parameters (a `fit` or `fitResample`
 * method on a class instance) are cloned too, as scikit-learn does.
 */
import type { Label, Labels, LabelsLike, Matrix, MatrixLike } from './types.js';
import { formatValue } from './errors.js';

/** The duck-typed classifier the meta-estimators work with. */
export interface Classifier {
  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): unknown;
  predict?(X: MatrixLike): Labels | ArrayLike<Label>;
  predictProba?(X: MatrixLike): Matrix;
  decisionFunction?(X: MatrixLike): Float64Array | Matrix;
  /** The sorted classes once fitted (`classes` or scikit-learn's `classes_`). */
  classes?: ArrayLike<Label> | readonly Label[];
  classes_?: ArrayLike<Label> | readonly Label[];
  getParams?(): object;
  clone?(): unknown;
  params?: object;
  options?: object;
}

/** The constructor parameters of an estimator: `getParams()`, else `params`, else `options`. */
export function getParams(estimator: object): object {
  const e = estimator as Classifier;
  if (typeof e.getParams === 'function') return e.getParams();
  return e.params ?? e.options ?? {};
}

/**
 * A fresh unfitted estimator of the same class with the same parameters.
 * @example const fresh = clone(new LogisticRegression({ C: 0.1 }));
 */
export function clone<T extends object>(estimator: T): T {
  if (estimator === null || typeof estimator !== 'object') {
    throw new TypeError(`clone needs an estimator object. Got ${formatValue(estimator)}.`);
  }
  const own = (estimator as { clone?: () => T }).clone;
  if (typeof own === 'function') return own.call(estimator);
  const Ctor = (estimator as { constructor?: new (params: object) => T }).constructor;
  if (typeof Ctor !== 'function' || (Ctor as unknown) === Object) {
    throw new TypeError('clone needs an estimator made by a class (new Estimator(options)), so that a fresh copy can be built.');
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(getParams(estimator))) copy[key] = cloneParam(value);
  return new Ctor(copy);
}

/** Nested estimators are cloned; every other value is shared. */
function cloneParam(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof Map)) {
    const proto = Object.getPrototypeOf(value);
    const v = value as { fit?: unknown; fitResample?: unknown };
    if (proto !== Object.prototype && proto !== null && (typeof v.fit === 'function' || typeof v.fitResample === 'function')) {
      return clone(value);
    }
  }
  return value;
}
