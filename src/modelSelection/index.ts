/**
 * Model selection: scikit-learn's `train_test_split` and k-fold cross-validators, drawing the
 * same random numbers as scikit-learn for the same seed.
 * @module
 */
export { trainTestSplit } from './trainTestSplit.js';
export type { TrainTestSplitOptions, TrainTestSplit } from './trainTestSplit.js';
export { KFold, StratifiedKFold, RepeatedKFold, RepeatedStratifiedKFold } from './kFold.js';
export type { Split, KFoldOptions, RepeatedKFoldOptions } from './kFold.js';
export { approximateMode } from './approximateMode.js';
