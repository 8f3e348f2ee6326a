/**
 * The one owner of WebAssembly memory. A call allocates every buffer it needs first, then
 * writes inputs and runs kernels; views are made from the current `memory.buffer` at each
 * use, so a `memory.grow` during allocation never leaves a detached view behind. Results
 * are copied out, and every block is released in `finally`, whatever is thrown.
 */
import { kernels } from './wasm.js';

/** A pointer into WebAssembly memory (a byte offset). */
export type Ptr = number;

/** The largest block the AssemblyScript allocator (TLSF) can hand out: 1 GiB minus its header. */
const MAX_BLOCK_BYTES = 2 ** 30 - 16;
/** 32-bit WebAssembly memory holds at most 4 GiB (65536 pages). */
const MEMORY_LIMIT_BYTES = 2 ** 32;

let liveBlocks = 0;
let liveBytes = 0;

/** Allocations of one call; all released together by `withArena`. */
export class Arena {
  private readonly blocks: Ptr[] = [];
  private sizes = 0;

  /** Allocates `bytes` bytes (16-byte aligned). */
  bytes(bytes: number): Ptr {
    if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`Arena: a block size must be a whole number of bytes. Got ${bytes}.`);
    if (bytes > MAX_BLOCK_BYTES) {
      throw new RangeError(`imbalanced-wasm: a buffer of ${bytes} bytes exceeds the largest block of WebAssembly memory (${MAX_BLOCK_BYTES} bytes, 1 GiB; all buffers together are limited to 4 GiB).`);
    }
    if (liveBytes + bytes > MEMORY_LIMIT_BYTES) {
      throw new RangeError(`imbalanced-wasm: this call needs ${liveBytes + bytes} bytes of WebAssembly memory (${bytes} asked with ${liveBytes} in use), more than the 4 GiB limit of 32-bit WebAssembly memory.`);
    }
    let ptr = 0;
    try {
      ptr = kernels().alloc(Math.max(bytes, 8));
    } catch {
      ptr = 0; // the allocator traps when memory cannot grow; its state is unchanged
    }
    if (ptr === 0) throw new RangeError(`imbalanced-wasm: out of WebAssembly memory asking for ${bytes} bytes with ${liveBytes} in use (the limit is 4 GiB).`);
    this.blocks.push(ptr);
    this.sizes += bytes;
    liveBlocks++;
    liveBytes += bytes;
    return ptr;
  }
  /** Room for `n` float64 values. */
  f64(n: number): Ptr { return this.bytes(n * 8); }
  /** Room for `n` int32 values. */
  i32(n: number): Ptr { return this.bytes(n * 4); }
  /** Room for `n` uint8 values. */
  u8(n: number): Ptr { return this.bytes(n); }

  /** Allocates and fills a float64 buffer with `values`. */
  f64From(values: ArrayLike<number>): Ptr {
    const ptr = this.f64(values.length);
    f64View(ptr, values.length).set(values);
    return ptr;
  }
  /** Allocates and fills an int32 buffer with `values`. */
  i32From(values: ArrayLike<number>): Ptr {
    const ptr = this.i32(values.length);
    i32View(ptr, values.length).set(values);
    return ptr;
  }
  /** Allocates and fills a byte buffer with `values`. */
  u8From(values: ArrayLike<number>): Ptr {
    const ptr = this.u8(values.length);
    u8View(ptr, values.length).set(values);
    return ptr;
  }

  /** Releases every block (called by `withArena`). */
  releaseAll(): void {
    const { free } = kernels();
    for (const ptr of this.blocks) free(ptr);
    liveBlocks -= this.blocks.length;
    liveBytes -= this.sizes;
    this.blocks.length = 0;
    this.sizes = 0;
  }
}

/** Runs `body` with a fresh arena and releases all its blocks afterwards, even on a throw. */
export function withArena<R>(body: (arena: Arena) => R): R {
  const arena = new Arena();
  try {
    return body(arena);
  } finally {
    arena.releaseAll();
  }
}

/** A fresh float64 view (valid until the next allocation). */
export function f64View(ptr: Ptr, n: number): Float64Array {
  return new Float64Array(kernels().memory.buffer, ptr, n);
}
/** A fresh int32 view (valid until the next allocation). */
export function i32View(ptr: Ptr, n: number): Int32Array {
  return new Int32Array(kernels().memory.buffer, ptr, n);
}
/** A fresh uint8 view (valid until the next allocation). */
export function u8View(ptr: Ptr, n: number): Uint8Array {
  return new Uint8Array(kernels().memory.buffer, ptr, n);
}
/** Copies `n` float64 values out of WASM memory. */
export function readF64(ptr: Ptr, n: number): Float64Array {
  return f64View(ptr, n).slice();
}
/** Copies `n` int32 values out of WASM memory. */
export function readI32(ptr: Ptr, n: number): Int32Array {
  return i32View(ptr, n).slice();
}

/** Outstanding allocations and the size of WASM memory, for leak tests. */
export function memoryStats(): { liveBlocks: number; liveBytes: number; memoryBytes: number } {
  return { liveBlocks, liveBytes, memoryBytes: kernels().memory.buffer.byteLength };
}
