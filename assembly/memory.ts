// Raw allocation for the TypeScript memory module (src/core/memory.ts).
// Kernels never allocate: every buffer of a call is allocated here first, by the caller.

/** Allocates `size` bytes (16-byte aligned); returns the pointer. */
export function alloc(size: usize): usize {
  return heap.alloc(size);
}

/** Releases a block returned by `alloc`. */
export function free(ptr: usize): void {
  heap.free(ptr);
}
