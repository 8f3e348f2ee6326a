export { StandardScaler } from './standardScaler.js';
export type { StandardScalerOptions } from './standardScaler.js';
