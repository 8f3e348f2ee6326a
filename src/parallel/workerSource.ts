/**
 * The source text of a pool worker: it instantiates the shared-memory build on the pool's
 * `WebAssembly.Memory` and runs `runKnnChunks` for each job it finds in the shared mailbox (a
 * job is announced with Atomics, not postMessage: a wake-up costs microseconds, not a turn of
 * the worker's event loop). It imports nothing, so it starts
 * the same way from TypeScript sources, from `dist/` and from a browser Blob URL.
 * @internal
 */
import { CONTROL, runKnnChunks } from './chunks.js';

/** Mailbox polls of an idle worker before it blocks (0.1–0.5 ms measured here). */
export const WORKER_SPINS = 20_000;

/**
 * JavaScript source of a pool worker (Node `eval` worker or browser classic worker): after its
 * `init` message it serves jobs from the shared mailbox (see `CONTROL`) until generation -1.
 */
export function poolWorkerSource(): string {
  return `'use strict';
const runKnnChunks = ${runKnnChunks.toString()};
// After a job, poll the mailbox this many times before blocking: jobs often come back to back
// (one per L-BFGS evaluation), and a blocked thread takes tens of microseconds to wake.
const SPINS = ${WORKER_SPINS};
function serve(kern, memory, control, slot, gen) {
  const decoder = new TextDecoder();
  let job = null;
  let jobSeq = -1;
  for (;;) {
    for (let i = 0; i < SPINS && Atomics.load(control, ${CONTROL.gen}) === gen; i++);
    // (announced first: the pool skips the wake-up call while nobody sleeps; a job posted
    // in between changes gen, and wait then returns at once)
    Atomics.add(control, ${CONTROL.sleeping}, 1);
    Atomics.wait(control, ${CONTROL.gen}, gen);
    Atomics.sub(control, ${CONTROL.sleeping}, 1);
    gen = Atomics.load(control, ${CONTROL.gen});
    if (gen === -1) return;
    if (slot > Atomics.load(control, ${CONTROL.nWorkers})) continue;
    const seq = Atomics.load(control, ${CONTROL.jobSeq});
    if (seq !== jobSeq) {
      // (a copy: TextDecoder does not read shared memory in every engine)
      const bytes = new Uint8Array(memory.buffer, Atomics.load(control, ${CONTROL.jobPtr}), Atomics.load(control, ${CONTROL.jobLen})).slice();
      job = JSON.parse(decoder.decode(bytes));
      jobSeq = seq;
    }
    // a redoable job is never waited for (the pool takes over what a worker does not finish):
    // it only acknowledges its generation, which the pool awaits before it frees or rewrites
    // anything such a job reads
    const redo = job.method === 6 && job.km && job.km.redo;
    try {
      runKnnChunks(kern, control, job, slot, gen);
    } catch (error) {
      if (!redo) Atomics.store(control, ${CONTROL.failed}, 1);
    }
    Atomics.store(control, ${CONTROL.acks} + slot, gen);
    Atomics.notify(control, ${CONTROL.acks} + slot);
    if (redo) continue;
    Atomics.add(control, ${CONTROL.done}, 1);
    Atomics.notify(control, ${CONTROL.done});
  }
}
function onMessage(msg) {
  if (msg.type !== 'init') return;
  const instance = new WebAssembly.Instance(msg.module, { env: { memory: msg.memory, abort() { throw new Error('imbalanced-wasm: WebAssembly abort in a pool worker'); } } });
  const control = new Int32Array(msg.control);
  // the generation before announcing readiness: the pool posts a job only after that
  const gen = Atomics.load(control, ${CONTROL.gen});
  Atomics.add(control, ${CONTROL.ready}, 1);
  Atomics.notify(control, ${CONTROL.ready});
  serve(instance.exports, msg.memory, control, msg.slot, gen);
}
if (typeof process !== 'undefined' && process.versions && process.versions.node) {
  require('node:worker_threads').parentPort.on('message', onMessage);
} else {
  self.onmessage = (event) => onMessage(event.data);
}
`;
}
