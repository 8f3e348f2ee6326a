import { paramTypeError, checkKnownOptions } from '../core/errors.js';
import { encodeLabels, makeLabels } from '../core/labels.js';
import { toMatrix } from '../core/matrix.js';
import type { Labels, LabelsLike, Matrix, MatrixLike } from '../core/types.js';
import type { ResampleResult } from './types.js';

/** Options of `FunctionSampler`. */
export interface FunctionSamplerOptions {
  /** `(X, y, kwArgs) => [X, y]` or `{X, y}`; omitted = identity. */
  func?: ((X: Matrix, y: Labels, kwArgs: Record<string, unknown>) => [MatrixLike, LabelsLike] | { X: MatrixLike; y: LabelsLike; sampleIndices?: Int32Array }) | null;
  /** Validate X and y before calling `func` (default true). */
  validate?: boolean;
  /** Extra arguments passed to `func`. */
  kwArgs?: Record<string, unknown> | null;
}

/**
 * imbalanced-learn's `FunctionSampler`: turns any function of `(X, y)` into a sampler, so it can
 * stand in a `Pipeline` (it acts during `fit` only).
 * @example
 * const dropFirst = new FunctionSampler({ func: (X, y) => [takeRows(X, [1, 2, 3]), ...] });
 */
export class FunctionSampler {
  readonly options: FunctionSamplerOptions;

  constructor(options: FunctionSamplerOptions = {}) {
    checkKnownOptions('FunctionSampler', options, ['func', 'validate', 'kwArgs']);
    this.options = { ...options };
  }

  /** The constructor options (for cloning). */
  getParams(): FunctionSamplerOptions {
    return { ...this.options };
  }

  /** Calls `func` on (X, y) and returns its result as a validated `{X, y}`. */
  fitResample(X: MatrixLike, y: LabelsLike): ResampleResult {
    const { func = null, validate = true, kwArgs = null } = this.options;
    if (func !== null && typeof func !== 'function') throw paramTypeError('FunctionSampler', 'func', 'a function or null', func);
    const Xm = validate ? toMatrix(X, { owner: 'FunctionSampler' }) : (X as Matrix);
    const enc = validate ? encodeLabels(y, { owner: 'FunctionSampler', length: Xm.rows }) : null;
    const yv = enc ? makeLabels(Array.from(y as ArrayLike<number | string>), enc.kind) : (y as Labels);
    if (func === null) return { X: validate ? Xm : toMatrix(X, { owner: 'FunctionSampler' }), y: yv };
    const out = func(Xm, yv, kwArgs ?? {});
    const [Xr, yr, idx] = Array.isArray(out) ? [out[0], out[1], undefined] : [out.X, out.y, out.sampleIndices];
    const Xres = toMatrix(Xr, { owner: 'FunctionSampler', name: 'X returned by func', allowEmpty: true });
    const { kind } = encodeLabels(yr, { owner: 'FunctionSampler', name: 'y returned by func', length: Xres.rows, allowEmpty: true });
    const result: ResampleResult = { X: Xres, y: makeLabels(Array.from(yr as ArrayLike<number | string>), kind) };
    if (idx) result.sampleIndices = Int32Array.from(idx);
    return result;
  }
}
