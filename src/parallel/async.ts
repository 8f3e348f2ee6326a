/**
 * The async API: runs a whole `fitResample` or `fit` in a worker (Node `worker_threads`, or a
 * module Web Worker in browsers), so the calling thread (a page's UI) stays free. The estimator
 * travels as its class name and `getParams()`; the result comes back with its typed arrays
 * transferred, and the caller's estimator receives the fitted attributes.
 */
import type { LabelsLike, MatrixLike } from '../core/types.js';
import type { ResampleResult } from '../samplers/base.js';
import { isNode } from './environment.js';
import type { AsyncReply, AsyncRequest, AsyncStage } from './protocol.js';
import { startModuleWorker, type WorkerHandle } from './spawn.js';
import { decodeValue, encodeValue, randomStatesIn, setRandomStateBytes, type EstimatorSpec } from './transfer.js';

/** A progress report of an async call. */
export interface AsyncProgress {
  /** `'start'`: the worker is up; `'running'`: the library is loaded and the call started; `'end'`: done. */
  stage: AsyncStage;
  /** Milliseconds since the worker started. */
  elapsedMs: number;
}

/** Options of `fitResampleAsync` and `fitAsync`. */
export interface AsyncOptions {
  /** Aborting terminates the worker and rejects the promise with an `AbortError`. */
  signal?: AbortSignal;
  /** Called at each stage (at least at start and end). */
  onProgress?: (progress: AsyncProgress) => void;
}

/** Something with `fitResample` (every sampler, a `Pipeline` of samplers). */
export interface AsyncSampler {
  fitResample(X: MatrixLike, y: LabelsLike): ResampleResult;
}

/** Something with `fit` (a model such as `LogisticRegression`). */
export interface AsyncEstimator {
  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): unknown;
}

function abortError(): Error {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** Starts the async worker: a literal `new Worker(new URL(...))` in browsers, so bundlers ship it. */
async function startAsyncWorker(): Promise<WorkerHandle> {
  if (isNode) {
    const ts = import.meta.url.endsWith('.ts');
    return startModuleWorker(new URL(ts ? './asyncWorker.ts' : './asyncWorker.js', import.meta.url));
  }
  const worker = new Worker(new URL('./asyncWorker.js', import.meta.url), { type: 'module' });
  return {
    post: (m, t) => worker.postMessage(m, t ?? []),
    onMessage: (l) => worker.addEventListener('message', (e) => l((e as MessageEvent).data)),
    onError: (l) => worker.addEventListener('error', (e) => l(new Error(`imbalanced-wasm: worker error: ${(e as ErrorEvent).message}`))),
    terminate: () => worker.terminate(),
    unref: () => {},
  };
}

function rebuildError(name: string, message: string): Error {
  const Ctor = name === 'TypeError' ? TypeError : name === 'RangeError' ? RangeError : Error;
  const error = new Ctor(message);
  if (Ctor === Error && name !== 'Error') error.name = name;
  return error;
}

async function runInWorker(
  estimator: object, kind: AsyncRequest['kind'], X: MatrixLike, y: LabelsLike, options: AsyncOptions,
  sampleWeight?: ArrayLike<number>,
): Promise<unknown> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortError();
  const library = (await import('../index.js')) as unknown as Record<string, unknown>;
  // Encode first: a function option is a TypeError here, before any worker starts.
  const spec = encodeValue(estimator, 'estimator', true, library) as EstimatorSpec;
  if (!spec || typeof spec !== 'object' || !('$estimator' in spec)) {
    throw new TypeError('estimator must be an imbalanced-wasm estimator (an object with getParams()).');
  }
  const callerStates = randomStatesIn(estimator);
  const worker = await startAsyncWorker();
  // an abort that came while the library or the worker was loading
  if (signal?.aborted) {
    worker.terminate();
    throw abortError();
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(abortError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onError((error) => finish(() => reject(error)));
    worker.onMessage((reply: AsyncReply) => {
      if (settled) return;
      if (reply.type === 'progress') {
        onProgress?.({ stage: reply.stage, elapsedMs: reply.elapsedMs });
      } else if (reply.type === 'error') {
        finish(() => reject(rebuildError(reply.name, reply.message)));
      } else {
        finish(() => {
          try {
            Object.assign(estimator, decodeValue(reply.fitted, library) as object);
            // The worker drew from copies of the caller's generators: advance the originals alike.
            reply.randomStates.forEach((bytes, i) => callerStates[i] && setRandomStateBytes(callerStates[i], bytes));
            resolve(reply.result);
          } catch (error) {
            reject(error);
          }
        });
      }
    });
    const request: AsyncRequest = { kind, estimator: spec, X, y };
    if (sampleWeight) request.sampleWeight = sampleWeight;
    worker.post(request);
  });
}

/**
 * `sampler.fitResample(X, y)` in a worker: the same result (same seed, same numbers) without
 * blocking the calling thread. The sampler's fitted attributes (`samplingStrategy_`,
 * `sampleIndices_`, ...) are set on `sampler` and a `RandomState` option is advanced as the
 * synchronous call would. Options that are functions cannot cross to a worker (TypeError).
 * @throws (rejects) an `AbortError` `DOMException` when `signal` aborts; the sampler's own
 * TypeError / RangeError for bad options or data.
 * @example
 * const controller = new AbortController();
 * const res = await fitResampleAsync(new SMOTE({ randomState: 1 }), X, y, {
 *   signal: controller.signal, onProgress: (p) => console.log(p.stage),
 * });
 */
export async function fitResampleAsync<S extends AsyncSampler>(
  sampler: S, X: MatrixLike, y: LabelsLike, options: AsyncOptions = {},
): Promise<ReturnType<S['fitResample']>> {
  return (await runInWorker(sampler, 'fitResample', X, y, options)) as ReturnType<S['fitResample']>;
}

/**
 * `estimator.fit(X, y, sampleWeight)` in a worker; resolves to `estimator`, now fitted (its
 * fitted fields are copied back). For estimators whose fitted state is data (LogisticRegression,
 * StandardScaler, NearestNeighbors, ...).
 * @example
 * const model = await fitAsync(new LogisticRegression({ classWeight: 'balanced' }), X, y);
 * model.predict(XTest);
 */
export async function fitAsync<E extends AsyncEstimator>(
  estimator: E, X: MatrixLike, y: LabelsLike, options: AsyncOptions & { sampleWeight?: ArrayLike<number> } = {},
): Promise<E> {
  await runInWorker(estimator, 'fit', X, y, options, options.sampleWeight);
  return estimator;
}
