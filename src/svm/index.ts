/** Support vector classification: `SVC` with the RBF kernel (used by SVMSMOTE). */
export { SVC } from './SVC.js';
export type { SVCOptions } from './SVC.js';
