/**
 * A fresh, unfitted copy of an estimator with the same parameters (scikit-learn's `clone`).
 * Estimators of this library keep their constructor options; a user object can offer
 * `clone()` or `getParams()` instead.
 */
export function cloneEstimator<T>(estimator: T): T {
  const e = estimator as unknown as {
    clone?: () => T;
    getParams?: () => object;
    params?: object;
    options?: object;
    constructor: new (options?: object) => T;
  };
  if (typeof e.clone === 'function') return e.clone();
  const params = typeof e.getParams === 'function' ? e.getParams() : (e.params ?? e.options);
  if (params === undefined) {
    throw new TypeError(`Cannot clone ${e.constructor?.name ?? 'the estimator'}: give it a clone() or getParams() method.`);
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) copy[key] = cloneParam(value);
  return new e.constructor(copy);
}

/** Nested estimators (a Pipeline's steps, SMOTEENN's smote) are cloned too; other values shared. */
function cloneParam(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof Map)) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const v = value as { fit?: unknown; fitResample?: unknown };
      if (typeof v.fit === 'function' || typeof v.fitResample === 'function') return cloneEstimator(value);
    }
  }
  return value;
}
