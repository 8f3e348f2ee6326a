/** `cloneEstimator` is scikit-learn's `clone` (src/core/clone.ts), under the pipeline's name. */
export { clone as cloneEstimator } from '../core/clone.js';
