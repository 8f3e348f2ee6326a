// The one WebAssembly module: every kernel is exported from here.
// Kernels take pointers and sizes, write into caller-given buffers and never allocate.
export * from './memory';
export * from './random';
export * from './metrics';
export * from './datasets';
export * from './logistic';
export * from './neighbors/index';
export * from './smote';
export * from './cluster';
export * from './svm';
export * from './parallel';
export * from './rows';
