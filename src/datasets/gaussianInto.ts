/**
 * Standard normals written straight into a WebAssembly buffer. `RandomState.standardNormal`
 * returns a JavaScript copy, which `makeClassification` would copy back in: at a million rows
 * that is two 128 MB copies. This runs the same kernel on the generator's own state instead.
 * The result and the generator's state afterwards are exactly those of `rs.standardNormal(n)`.
 */
import { f64View, u8View, type Arena, type Ptr } from '../core/memory.js';
import { kernels } from '../core/wasm.js';
import type { RandomState } from '../random/RandomState.js';
import { STATE_BYTES } from '../random/mt19937.js';

/** The generator's state bytes, when RandomState keeps them where this module expects. */
function stateBytes(rs: RandomState): Uint8Array | null {
  const bytes = (rs as unknown as { mt?: { bytes?: unknown } }).mt?.bytes;
  return bytes instanceof Uint8Array && bytes.length === STATE_BYTES ? bytes : null;
}

/**
 * Fills `out[0..n)` (float64, in WASM memory) with `rs.standardNormal(n)`'s values. `stateBuf`
 * is a block of `STATE_BYTES` from the caller's arena (allocated up front with the others).
 */
export function standardNormalInto(rs: RandomState, stateBuf: Ptr, out: Ptr, n: number): void {
  const bytes = stateBytes(rs);
  if (!bytes) {
    // Fallback through the public API (one extra copy).
    const values = rs.standardNormal(n);
    f64View(out, n).set(values);
    return;
  }
  u8View(stateBuf, STATE_BYTES).set(bytes);
  kernels().mt_standard_normal(stateBuf, out, n);
  bytes.set(u8View(stateBuf, STATE_BYTES));
}

/** Allocates the state block `standardNormalInto` needs. */
export function allocState(arena: Arena): Ptr {
  return arena.bytes(STATE_BYTES);
}
