import { checkBoolean, checkKnownOptions } from '../core/errors.js';
import { toMatrix } from '../core/matrix.js';
import type { Matrix, MatrixLike } from '../core/types.js';

/** Options of `StandardScaler`. */
export interface StandardScalerOptions {
  withMean?: boolean;
  withStd?: boolean;
}

/**
 * scikit-learn's `StandardScaler`: removes each column's mean and divides by its population
 * standard deviation (a constant column is left unscaled). A transformer, so it can stand in a
 * `Pipeline` before a sampler or a classifier.
 * @example new StandardScaler().fit(X).transform(X)
 */
export class StandardScaler {
  readonly options: StandardScalerOptions;
  /** Column means (fitted). */
  mean_: Float64Array | null = null;
  /** Column scales (fitted; 1 for constant columns). */
  scale_: Float64Array | null = null;

  constructor(options: StandardScalerOptions = {}) {
    checkKnownOptions('StandardScaler', options, ['withMean', 'withStd']);
    this.options = { ...options };
  }

  /** The constructor options (for cloning). */
  getParams(): StandardScalerOptions {
    return { ...this.options };
  }

  /** Learns column means and scales. */
  fit(X: MatrixLike): this {
    const withMean = checkBoolean('StandardScaler', 'withMean', this.options.withMean ?? true);
    const withStd = checkBoolean('StandardScaler', 'withStd', this.options.withStd ?? true);
    const m = toMatrix(X, { owner: 'StandardScaler' });
    const mean = new Float64Array(m.cols);
    const scale = new Float64Array(m.cols).fill(1);
    for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) mean[j] += m.data[i * m.cols + j];
    for (let j = 0; j < m.cols; j++) mean[j] /= m.rows;
    if (withStd) {
      const varSum = new Float64Array(m.cols);
      for (let i = 0; i < m.rows; i++) {
        for (let j = 0; j < m.cols; j++) {
          const d = m.data[i * m.cols + j] - mean[j];
          varSum[j] += d * d;
        }
      }
      for (let j = 0; j < m.cols; j++) {
        const sd = Math.sqrt(varSum[j] / m.rows);
        // a constant column would divide by ~0: scikit-learn leaves it unscaled
        scale[j] = sd < 10 * Number.EPSILON * Math.max(1, Math.abs(mean[j])) ? 1 : sd;
      }
    }
    this.mean_ = withMean ? mean : new Float64Array(m.cols);
    this.scale_ = scale;
    return this;
  }

  /** Scales X with the fitted means and scales. */
  transform(X: MatrixLike): Matrix {
    if (!this.mean_ || !this.scale_) throw new Error('This StandardScaler instance is not fitted yet. Call fit first.');
    const m = toMatrix(X, { owner: 'StandardScaler' });
    if (m.cols !== this.mean_.length) {
      throw new RangeError(`X has ${m.cols} features, but StandardScaler is expecting ${this.mean_.length} features as input.`);
    }
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) m.data[i * m.cols + j] = (m.data[i * m.cols + j] - this.mean_[j]) / this.scale_[j];
    }
    return m;
  }

  /** `fit(X).transform(X)`. */
  fitTransform(X: MatrixLike): Matrix {
    return this.fit(X).transform(X);
  }
}
