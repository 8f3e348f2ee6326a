/**
 * Worker entry of the async API (`fitResampleAsync`, `fitAsync`): loads the library, rebuilds
 * the estimator from its class name and parameters, runs the call and posts the result back
 * with its typed arrays transferred. One call per worker; the caller terminates it after.
 * @internal
 */
import { parentPort } from './spawn.js';
import { decodeValue, fittedFields, randomStateBytes, randomStatesIn, transferables } from './transfer.js';
import type { AsyncRequest, AsyncReply } from './protocol.js';

const port = parentPort();
const started = Date.now();
const post = (reply: AsyncReply, transfer?: Transferable[]) => port.post(reply, transfer);

port.onMessage(async (request: AsyncRequest) => {
  try {
    post({ type: 'progress', stage: 'start', elapsedMs: Date.now() - started });
    const library = (await import('../index.js')) as unknown as Record<string, unknown>;
    const estimator = decodeValue(request.estimator, library) as Record<string, any>;
    post({ type: 'progress', stage: 'running', elapsedMs: Date.now() - started });
    let result: unknown = null;
    if (request.kind === 'fitResample') {
      result = estimator.fitResample(request.X, request.y);
    } else {
      estimator.fit(request.X, request.y, ...(request.sampleWeight ? [request.sampleWeight] : []));
    }
    const fitted = fittedFields(estimator, request.kind === 'fitResample', library);
    const randomStates = randomStateBytes(randomStatesIn(estimator));
    post({ type: 'progress', stage: 'end', elapsedMs: Date.now() - started });
    post({ type: 'result', result, fitted, randomStates }, transferables({ result, fitted }));
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', name: e.name, message: e.message });
  }
});
