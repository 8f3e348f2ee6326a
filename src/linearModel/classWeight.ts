/** scikit-learn's `compute_class_weight`: one weight per class, in `classes` order. */
import { formatValue } from '../core/errors.js';
import type { Label } from '../core/types.js';

/** `null` (all 1), `'balanced'` (n / (K · count)), or weights keyed by label (object or Map). */
export type ClassWeight = null | 'balanced' | Record<string, number> | Map<Label, number>;

/**
 * Weight of each class (classes missing from a mapping get 1).
 * @example computeClassWeight('balanced', [0, 1], Int32Array.of(0, 0, 0, 1)) // [0.667, 2]
 */
export function computeClassWeight(
  classWeight: ClassWeight | undefined, classes: readonly Label[], codes: Int32Array, owner = 'LogisticRegression',
): Float64Array {
  const k = classes.length;
  const weights = new Float64Array(k).fill(1);
  if (classWeight === null || classWeight === undefined) return weights;
  if (classWeight === 'balanced') {
    const counts = new Float64Array(k);
    for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
    for (let c = 0; c < k; c++) weights[c] = codes.length / (k * counts[c]);
    return weights;
  }
  const entries: [unknown, unknown][] = classWeight instanceof Map
    ? [...classWeight.entries()]
    : typeof classWeight === 'object' && !Array.isArray(classWeight) && classWeight !== null
      ? Object.entries(classWeight)
      : (() => { throw new TypeError(`The 'classWeight' parameter of ${owner} must be null, 'balanced', an object or a Map from label to weight. Got ${formatValue(classWeight)}.`); })();
  const byKey = new Map<string, number>();
  for (const [key, w] of entries) {
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new TypeError(`The 'classWeight' parameter of ${owner} must map labels to finite numbers: ${formatValue(key)} maps to ${formatValue(w)}.`);
    }
    byKey.set(String(key), w);
  }
  const unweighted: Label[] = [];
  classes.forEach((c, i) => {
    const w = byKey.get(String(c));
    if (w === undefined) unweighted.push(c);
    else weights[i] = w;
  });
  if (unweighted.length > 0 && k - unweighted.length !== byKey.size) {
    throw new RangeError(`The classes, [${unweighted.map(formatValue).join(', ')}], are not in class_weight`);
  }
  return weights;
}
