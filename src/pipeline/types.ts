import type { Label, Labels, LabelsLike, Matrix, MatrixLike } from '../core/types.js';

/** Anything with `fit` and `predict`: the library's classifiers, a Pipeline, or your own object. */
export interface Estimator {
  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): unknown;
  predict(X: MatrixLike): Labels;
  predictProba?(X: MatrixLike): Matrix;
  decisionFunction?(X: MatrixLike): Float64Array | Matrix;
  classes?: Label[] | Labels;
}

/** What a sampler returns from `fitResample`. */
export interface ResampleResult {
  X: Matrix;
  y: Labels;
  sampleIndices?: Int32Array;
}

/** Anything with `fitResample`: every sampler of the library, or a FunctionSampler. */
export interface Sampler {
  fitResample(X: MatrixLike, y: LabelsLike): ResampleResult;
}

/** A scikit-learn style transformer (`fit` + `transform`). */
export interface Transformer {
  fit(X: MatrixLike, y?: LabelsLike): unknown;
  transform(X: MatrixLike): Matrix;
}

/** True when `step` resamples (has `fitResample`). */
export function isSampler(step: unknown): step is Sampler {
  return typeof (step as Sampler)?.fitResample === 'function';
}

/** True when `step` transforms features (has `transform`). */
export function isTransformer(step: unknown): step is Transformer {
  return typeof (step as Transformer)?.transform === 'function' && typeof (step as Transformer)?.fit === 'function';
}
