/**
 * Messages between the async API and its worker (`asyncWorker.ts`).
 * @internal
 */
import type { EstimatorSpec } from './transfer.js';

/** What the main thread asks: one `fitResample` or `fit` call. */
export interface AsyncRequest {
  kind: 'fitResample' | 'fit';
  estimator: EstimatorSpec;
  X: unknown;
  y: unknown;
  sampleWeight?: ArrayLike<number>;
}

/** Stages reported through `onProgress`. */
export type AsyncStage = 'start' | 'running' | 'end';

/** What the worker answers. */
export type AsyncReply =
  | { type: 'progress'; stage: AsyncStage; elapsedMs: number }
  | { type: 'result'; result: unknown; fitted: Record<string, unknown>; randomStates: Uint8Array[] }
  | { type: 'error'; name: string; message: string };
