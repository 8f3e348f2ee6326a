/**
 * Loads the one WebAssembly module. Node reads the file with `fs`; browsers fetch it by URL,
 * so nothing Node-only is touched on the browser path.
 */
import * as loader from '@assemblyscript/loader';

/** Every export of the module is a kernel taking numbers (pointers, sizes, scalars). */
export type KernelExports = Record<string, (...args: number[]) => number> & {
  memory: WebAssembly.Memory;
};

let exportsOf: KernelExports | null = null;
let loading: Promise<void> | null = null;
let wasmSource: URL | string | ArrayBuffer | Uint8Array | null = null;

/** The default place of the module, next to the package's `build/` folder. */
function defaultWasmUrl(): URL {
  return new URL('../../build/imbalanced.wasm', import.meta.url);
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

async function readBytes(source: URL | string): Promise<ArrayBuffer | Uint8Array> {
  const url = typeof source === 'string' ? new URL(source, import.meta.url) : source;
  if (isNode && url.protocol === 'file:') {
    // A computed specifier: browser bundlers then leave this Node-only branch alone (no
    // "externalized for browser compatibility" warning, no stub in the bundle).
    const fsModule = 'node:fs/promises';
    const fs: typeof import('node:fs/promises') = await import(/* @vite-ignore */ /* webpackIgnore: true */ fsModule);
    return fs.readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`imbalanced-wasm: could not fetch ${url.href} (HTTP ${response.status}).`);
  const bytes = await response.arrayBuffer();
  // A dev server answering with its HTML fallback (Vite pre-bundling moves the module away from
  // its .wasm) would otherwise fail later with an obscure "expected magic word" error.
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  if (head.length < 4 || head[0] !== 0x00 || head[1] !== 0x61 || head[2] !== 0x73 || head[3] !== 0x6d) {
    throw new Error(
      `imbalanced-wasm: ${url.href} is not a WebAssembly file. With Vite's dev server, add ` +
        `optimizeDeps: { exclude: ['imbalanced-wasm'] } to vite.config; elsewhere, serve the package's ` +
        `build/imbalanced.wasm at that URL.`,
    );
  }
  return bytes;
}

/**
 * Tells `ready()` where the `.wasm` file is (a URL, or its bytes), for bundlers and pages that
 * serve it elsewhere. Call before `ready()`.
 */
export function setWasmSource(source: URL | string | ArrayBuffer | Uint8Array): void {
  wasmSource = source;
}

/**
 * Instantiates the WebAssembly module. Idempotent and cheap once done; after it resolves every
 * synchronous function of the library can be called.
 */
export function ready(): Promise<void> {
  if (exportsOf) return Promise.resolve();
  if (!loading) {
    loading = (async () => {
      const source = wasmSource ?? defaultWasmUrl();
      const bytes = source instanceof ArrayBuffer || source instanceof Uint8Array ? source : await readBytes(source);
      const { exports } = await loader.instantiate<Record<string, unknown>>(bytes as BufferSource, {
        env: {
          abort(_msg: number, _file: number, line: number, column: number) {
            throw new Error(`imbalanced-wasm: WebAssembly abort at ${line}:${column} (a bug: please report it).`);
          },
        },
      });
      exportsOf = exports as unknown as KernelExports;
    })().catch((error) => {
      loading = null;
      throw error;
    });
  }
  return loading;
}

/** True once `ready()` has resolved. */
export function isReady(): boolean {
  return exportsOf !== null;
}

/** The module's exports; throws a clear error before `ready()`. */
export function kernels(): KernelExports {
  if (!exportsOf) throw new Error('imbalanced-wasm: the WebAssembly module is not loaded yet: `await ready()` first.');
  return exportsOf;
}
