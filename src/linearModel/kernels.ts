/** Typed view of the logistic-regression kernels of the WebAssembly module (assembly/logistic.ts). */
import { kernels } from '../core/wasm.js';
import type { Ptr } from '../core/memory.js';

/** The `lr_` exports: pointers are byte offsets into WASM memory. */
export interface LogisticKernels {
  lr_binary_loss_grad(x: Ptr, n: number, d: number, y: Ptr, sw: Ptr, coef: Ptr, scale: number, grad: Ptr, curv: Ptr): number;
  lr_binary_hess_vec(x: Ptr, n: number, d: number, curv: Ptr, scale: number, v: Ptr, out: Ptr): void;
  lr_multinomial_loss_grad(
    x: Ptr, n: number, d: number, k: number, codes: Ptr, sw: Ptr, w: Ptr, hasIntercept: number, grad: Ptr, scratch: Ptr,
  ): number;
  lr_decision(x: Ptr, n: number, d: number, k: number, coef: Ptr, intercept: Ptr, out: Ptr): void;
  lr_binary_loss_grad_chunks(
    x: Ptr, n: number, d: number, y: Ptr, sw: Ptr, coef: Ptr, scale: number, out: Ptr, chunkRows: number, c0: number, c1: number,
  ): void;
}

/** The logistic-regression kernels (the module must be loaded). */
export function logisticKernels(): LogisticKernels {
  return kernels() as unknown as LogisticKernels;
}
