/** Typed view of the RBF kernels of assembly/svm.ts. @internal */
import type { Ptr } from '../core/memory.js';
import { kernels } from '../core/wasm.js';

/** The SVC kernels (pointers and sizes; see assembly/svm.ts). @internal */
export interface SvmKernels {
  svm_rbf_row(x: Ptr, n: number, d: number, i: number, gamma: number, out: Ptr): void;
  svm_smo(x: Ptr, n: number, d: number, y: Ptr, gamma: number, C: number, tol: number, maxIter: number,
    alpha: Ptr, G: Ptr, cache: Ptr, tags: Ptr, cacheRows: number, spare: Ptr, out: Ptr): void;
  svm_rbf_decision(sv: Ptr, nsv: number, d: number, coef: Ptr, xq: Ptr, nq: number, gamma: number, rho: number, out: Ptr): void;
}

/** The SVC kernels. @internal */
export function svmKernels(): SvmKernels {
  return kernels() as unknown as SvmKernels;
}
