/**
 * One small interface over Node's `worker_threads` and the browser's module Web Workers, so
 * the pool and the async API are written once.
 * @internal
 */
import { isNode } from './environment.js';

/** What the library needs of a worker. */
export interface WorkerHandle {
  post(message: unknown, transfer?: Transferable[]): void;
  onMessage(listener: (message: any) => void): void;
  /** An uncaught error in the worker, or its exit before it answered. */
  onError(listener: (error: Error) => void): void;
  terminate(): void;
  /** Lets the process exit while this worker is idle (Node; nothing in browsers). */
  unref(): void;
}

type NodeWorkerThreads = typeof import('node:worker_threads');

// Loaded once at module evaluation (top-level await), so starting a pool can stay synchronous.
const workerThreads: NodeWorkerThreads | null = isNode
  ? await import(/* @vite-ignore */ /* webpackIgnore: true */ ['node:worker', 'threads'].join('_'))
  : null;

/** Node's `worker_threads` (null in browsers). */
export function nodeWorkerThreads(): NodeWorkerThreads | null {
  return workerThreads;
}

function wrapNode(worker: import('node:worker_threads').Worker): WorkerHandle {
  let exited = false;
  return {
    post: (message, transfer) => worker.postMessage(message, transfer as any),
    onMessage: (listener) => void worker.on('message', listener),
    onError: (listener) => {
      worker.on('error', listener);
      worker.on('exit', (code) => {
        if (!exited) listener(new Error(`imbalanced-wasm: a worker stopped unexpectedly (exit code ${code}).`));
      });
    },
    terminate: () => {
      exited = true;
      void worker.terminate();
    },
    unref: () => worker.unref(),
  };
}

function wrapBrowser(worker: Worker): WorkerHandle {
  return {
    post: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage: (listener) => worker.addEventListener('message', (event) => listener((event as MessageEvent).data)),
    onError: (listener) =>
      worker.addEventListener('error', (event) => {
        event.preventDefault?.();
        listener(new Error(`imbalanced-wasm: worker error: ${(event as ErrorEvent).message ?? 'unknown'}`));
      }),
    terminate: () => worker.terminate(),
    unref: () => {},
  };
}

/** `tsx`'s ESM import API, found from this file (only needed when running from TypeScript sources). */
async function tsxApiUrl(): Promise<string> {
  const meta = import.meta as ImportMeta & { resolve?: (specifier: string) => string };
  try {
    if (typeof meta.resolve === 'function') return meta.resolve('tsx/esm/api');
  } catch {
    // fall through to require.resolve
  }
  const moduleName = 'node:module';
  const urlName = 'node:url';
  const { createRequire } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ moduleName)) as typeof import('node:module');
  const { pathToFileURL } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ urlName)) as typeof import('node:url');
  // require.resolve gives the CommonJS build; its ESM twin sits beside it.
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}
const tsxApi: Promise<string> | null = workerThreads && import.meta.url.endsWith('.ts') ? tsxApiUrl() : null;

/**
 * Starts a module worker from a file URL. Under Node a `.ts` file (tests, `tsx` runs) is loaded
 * through `tsx`'s `tsImport` (Node 20 workers do not inherit `--import` hooks), so the same
 * entry works from sources and from `dist/`.
 */
export async function startModuleWorker(url: URL, workerData?: unknown): Promise<WorkerHandle> {
  if (workerThreads) {
    if (url.pathname.endsWith('.ts')) {
      const api = await (tsxApi ?? tsxApiUrl());
      const source = `import(${JSON.stringify(api)}).then((a) => a.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
      return wrapNode(new workerThreads.Worker(source, { eval: true, workerData }));
    }
    return wrapNode(new workerThreads.Worker(url, { workerData }));
  }
  return wrapBrowser(new Worker(url, { type: 'module' }));
}

/**
 * Starts a worker from JavaScript source text (a classic script in browsers, CommonJS-free
 * eval code in Node). Used for the small compute-only pool workers, which import nothing.
 */
export function startSourceWorker(source: string, workerData?: unknown): WorkerHandle {
  if (workerThreads) return wrapNode(new workerThreads.Worker(source, { eval: true, workerData }));
  const blob = new Blob([source], { type: 'text/javascript' });
  return wrapBrowser(new Worker(URL.createObjectURL(blob)));
}

/** The worker side of a `WorkerHandle`: the port to the thread that started this one. */
export interface ParentPort {
  post(message: unknown, transfer?: Transferable[]): void;
  onMessage(listener: (message: any) => void): void;
}

/** The port of the current worker (Node's `parentPort`, or the worker's global scope). */
export function parentPort(): ParentPort {
  if (workerThreads) {
    const port = workerThreads.parentPort;
    if (!port) throw new Error('imbalanced-wasm: this module is a worker entry point and must run in a worker.');
    return { post: (m, t) => port.postMessage(m, t as any), onMessage: (l) => void port.on('message', l) };
  }
  const scope = globalThis as unknown as { postMessage(m: unknown, t?: Transferable[]): void; addEventListener(t: string, l: (e: MessageEvent) => void): void };
  return { post: (m, t) => scope.postMessage(m, t ?? []), onMessage: (l) => scope.addEventListener('message', (e) => l(e.data)) };
}
