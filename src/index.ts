/**
 * imbalanced-wasm: imbalanced-learn for Node and the browser, with a WebAssembly core.
 * Importing the package loads the WebAssembly module (top-level await), so every function is
 * synchronous afterwards; `ready()` stays available for code that wants to await it explicitly.
 * @packageDocumentation
 */
import { ready } from './core/wasm.js';

export { ready, isReady, setWasmSource } from './core/wasm.js';
export { memoryStats } from './core/memory.js';
export type { Matrix, MatrixLike, Label, Labels, LabelsLike } from './core/types.js';
export { toMatrix, takeRows, toRows, vstack } from './core/matrix.js';
export { classCounts, formatCounter, encodeLabels } from './core/labels.js';
export { RandomState, checkRandomState } from './random/RandomState.js';
export type { RandomStateLike, RandomStateSnapshot } from './random/RandomState.js';
export * from './datasets/index.js';
export * from './modelSelection/index.js';
export * from './neighbors/index.js';
export * from './samplers/index.js';
export * from './linearModel/index.js';
export * from './metrics/index.js';
export * from './plot/index.js';
export * from './pipeline/index.js';
export * from './preprocessing/index.js';
export * from './report/index.js';
export * from './parallel/index.js';

await ready();
export * from './cluster/index.js';
export * from './svm/index.js';
