/** Typed view of the RBF kernels of assembly/svm.ts. @internal */
import type { Ptr } from '../core/memory.js';
import { kernels } from '../core/wasm.js';

/** The SVC kernels (pointers and sizes; see assembly/svm.ts). @internal */
export interface SvmKernels {
  svm_sq_norms(x: Ptr, n: number, d: number, xsq: Ptr): void;
  svm_exp(x: Ptr, n: number, out: Ptr): void;
  svm_rbf_row(x: Ptr, xsq: Ptr, d: number, i: number, start: number, end: number, gamma: number, out: Ptr): void;
  svm_smo(x: Ptr, l: number, d: number, y: Ptr, gamma: number, C: number, tol: number, maxIter: number, shrinking: number,
    alphaOut: Ptr, work: Ptr, status: Ptr, ints: Ptr, maxSlots: number, pool: Ptr, poolFloats: number, out: Ptr): void;
  svm_rbf_decision(sv: Ptr, nsv: number, d: number, coef: Ptr, xq: Ptr, nq: number, gamma: number, rho: number, out: Ptr): void;
}

/** The SVC kernels. @internal */
export function svmKernels(): SvmKernels {
  return kernels() as unknown as SvmKernels;
}
