/** Linear models: cost-sensitive logistic regression. */
export { LogisticRegression } from './LogisticRegression.js';
export type { LogisticRegressionOptions } from './LogisticRegression.js';
export { computeClassWeight } from './classWeight.js';
export type { ClassWeight } from './classWeight.js';
