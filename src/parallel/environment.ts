/**
 * What the current JavaScript environment offers for threads: Node's `worker_threads` or Web
 * Workers, shared memory (`SharedArrayBuffer` needs cross-origin isolation in browsers), and
 * whether this thread may block (`Atomics.wait` is refused on a browser's main thread).
 * @internal
 */

/** True under Node (where `worker_threads` exists). */
export const isNode = typeof process !== 'undefined' && !!process.versions?.node;

/** True when shared WebAssembly memory can be created here. */
export function hasSharedMemory(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  // Browsers define SharedArrayBuffer only when cross-origin isolated, but check explicitly.
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isNode || isolated !== false;
}

/** True when this thread may block in `Atomics.wait` (Node anywhere; browsers only in workers). */
export function canBlock(): boolean {
  if (isNode) return true;
  const g = globalThis as { WorkerGlobalScope?: unknown; document?: unknown };
  return typeof g.WorkerGlobalScope !== 'undefined' && typeof g.document === 'undefined';
}

/** True when a worker of any kind can be started here. */
export function hasWorkers(): boolean {
  return isNode || typeof (globalThis as { Worker?: unknown }).Worker === 'function';
}
