/** Probability calibration: `CalibratedClassifierCV` with Platt scaling or isotonic regression. */
export { CalibratedClassifierCV } from './CalibratedClassifierCV.js';
export type { CalibratedClassifierCVOptions, CalibratedClassifier } from './CalibratedClassifierCV.js';
export { fitSigmoid, predictSigmoid } from './sigmoid.js';
export type { SigmoidFit } from './sigmoid.js';
export { fitIsotonic, predictIsotonic, poolAdjacentViolators } from './isotonic.js';
export type { IsotonicFit } from './isotonic.js';
