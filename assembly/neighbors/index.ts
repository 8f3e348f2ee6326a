// Exact k-nearest-neighbour kernels: a KD-tree (low dimension) and a blocked SIMD brute force
// (high dimension), both writing nearest-first rows with ties broken by the smaller index.
export * from './kdtree';
export * from './brute';
export * from './incremental';
