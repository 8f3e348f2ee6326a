/**
 * Synthetic datasets: scikit-learn's `make_classification` and imbalanced-learn's
 * `make_imbalance`, returning the same numbers for the same integer seed.
 * @module
 */
export { makeClassification, clusterSizes, completeWeights } from './makeClassification.js';
export type { MakeClassificationOptions } from './makeClassification.js';
export { makeImbalance } from './makeImbalance.js';
export type { MakeImbalanceOptions, ImbalanceStrategy } from './makeImbalance.js';
export { sampleWithoutReplacement, generateHypercube } from './hypercube.js';
export type { SampleMethod } from './hypercube.js';
