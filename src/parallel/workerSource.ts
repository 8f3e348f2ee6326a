/**
 * The source text of a pool worker: it instantiates the shared-memory build on the pool's
 * `WebAssembly.Memory` and runs `runKnnChunks` for each job. It imports nothing, so it starts
 * the same way from TypeScript sources, from `dist/` and from a browser Blob URL.
 * @internal
 */
import { CONTROL, runKnnChunks } from './chunks.js';

/** JavaScript source of a pool worker (Node `eval` worker or browser classic worker). */
export function poolWorkerSource(): string {
  return `'use strict';
const runKnnChunks = ${runKnnChunks.toString()};
let kern = null;
let control = null;
function onMessage(msg) {
  if (msg.type === 'init') {
    const instance = new WebAssembly.Instance(msg.module, { env: { memory: msg.memory, abort() { throw new Error('imbalanced-wasm: WebAssembly abort in a pool worker'); } } });
    kern = instance.exports;
    control = new Int32Array(msg.control);
    Atomics.add(control, ${CONTROL.ready}, 1);
    Atomics.notify(control, ${CONTROL.ready});
  } else if (msg.type === 'knn') {
    try {
      runKnnChunks(kern, control, msg.job, msg.slot);
    } catch (error) {
      Atomics.store(control, ${CONTROL.failed}, 1);
    }
    Atomics.add(control, ${CONTROL.done}, 1);
    Atomics.notify(control, ${CONTROL.done});
  }
}
if (typeof process !== 'undefined' && process.versions && process.versions.node) {
  require('node:worker_threads').parentPort.on('message', onMessage);
} else {
  self.onmessage = (event) => onMessage(event.data);
}
`;
}
