/** Row counting and label handling shared by the splitters. */
import { formatValue } from '../core/errors.js';
import { encodeLabels } from '../core/labels.js';
import type { LabelsLike, MatrixLike } from '../core/types.js';

/** The number of rows of `X`: a row count, a `Matrix`, or an array of rows (not copied). */
export function countRows(X: MatrixLike | number, owner: string): number {
  if (typeof X === 'number') {
    if (!Number.isInteger(X) || X < 0) throw new RangeError(`The 'X' parameter of ${owner} must be a whole number of rows or a matrix. Got ${formatValue(X)}.`);
    return X;
  }
  if (Array.isArray(X)) return X.length;
  if (X && typeof X === 'object' && 'rows' in X && Number.isInteger((X as { rows: number }).rows)) return (X as { rows: number }).rows;
  throw new TypeError(`The 'X' parameter of ${owner} must be a matrix, an array of rows or a row count. Got ${formatValue(X)}.`);
}

/**
 * Class codes of `y` for stratification, rejecting continuous targets as scikit-learn does.
 * `classes` are sorted as `np.unique` sorts them.
 */
export function stratificationCodes(y: LabelsLike, owner: string, length: number, name = 'y'): { codes: Int32Array; nClasses: number } {
  const { classes, codes, kind } = encodeLabels(y, { owner, name, length });
  if (kind === 'float' && classes.some((c) => !Number.isInteger(c))) {
    throw new RangeError(`Supported target types are: ('binary', 'multiclass'). Got 'continuous' instead.`);
  }
  return { codes, nClasses: classes.length };
}
