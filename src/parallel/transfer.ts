/**
 * Moves estimators and their options across a worker boundary. Structured cloning keeps data
 * (numbers, strings, arrays, plain objects, `Map`, typed arrays) but drops classes and refuses
 * functions, so an estimator travels as its class name and parameters (scikit-learn's
 * `get_params` / `clone` idea) and a `RandomState` as its generator state.
 * @internal
 */
import { RandomState } from '../random/RandomState.js';

/** An estimator as sent to a worker: its exported class name and encoded parameters. */
export interface EstimatorSpec {
  $estimator: string;
  params: Record<string, unknown>;
}

/** A `RandomState` as sent to a worker: the bytes of its MT19937 state. */
export interface RandomStateSpec {
  $randomState: Uint8Array;
}

/** Anything with parameters: `getParams()`, an `options` object, or `NearestNeighbors`' fields. */
interface EstimatorLike {
  getParams?: () => Record<string, unknown>;
  options?: Record<string, unknown>;
  constructor: { name: string };
}

/** The bytes of a generator's state (its only field that matters; see `mt19937.ts`). */
function stateBytes(rs: RandomState): Uint8Array {
  return (rs as unknown as { mt: { bytes: Uint8Array } }).mt.bytes;
}

/** Copies generator state `bytes` into `rs` (so a worker's draws advance the caller's generator). */
export function setRandomStateBytes(rs: RandomState, bytes: Uint8Array): void {
  stateBytes(rs).set(bytes);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The parameters of an estimator-like object, or null when it has none. */
export function paramsOf(value: object): Record<string, unknown> | null {
  const e = value as EstimatorLike;
  if (typeof e.getParams === 'function') return { ...e.getParams() };
  if (e.options && typeof e.options === 'object') return { ...e.options };
  return null;
}

/**
 * Encodes `value` for `postMessage`: estimators become `EstimatorSpec`, generators
 * `RandomStateSpec`, containers are walked; data is kept as is.
 * With `allowEstimators` false (a model's fitted fields), an estimator inside is refused, since
 * only its parameters, not its fitted state, could travel.
 * @throws TypeError for a function or an object that cannot be rebuilt in a worker; the message
 * names `path` (e.g. `SMOTE.samplingStrategy`).
 */
export function encodeValue(value: unknown, path: string, allowEstimators = true, library?: Record<string, unknown>): unknown {
  if (value === null || value === undefined) return value;
  const type = typeof value;
  if (type === 'number' || type === 'string' || type === 'boolean' || type === 'bigint') return value;
  if (type === 'function') {
    throw new TypeError(`${path} is a function, which cannot be sent to a worker: call the synchronous method instead, or give a value.`);
  }
  if (type !== 'object') throw new TypeError(`${path} (${type}) cannot be sent to a worker.`);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (value instanceof RandomState) return { $randomState: stateBytes(value).slice() } satisfies RandomStateSpec;
  if (Array.isArray(value)) return value.map((v, i) => encodeValue(v, `${path}[${i}]`, allowEstimators, library));
  if (value instanceof Map) {
    return new Map([...value].map(([k, v]) => [encodeValue(k, `${path} key`, allowEstimators, library), encodeValue(v, `${path}.get(${String(k)})`, allowEstimators, library)]));
  }
  const obj = value as object;
  if (isPlainObject(obj)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = encodeValue(v, `${path}.${k}`, allowEstimators, library);
    return out;
  }
  const params = paramsOf(obj);
  // the exported name, not `constructor.name`: a minifying bundler renames classes
  const ctor = (obj as EstimatorLike).constructor;
  const name = (library && Object.keys(library).find((key) => library[key] === ctor)) || ctor?.name;
  if (params && name && !allowEstimators) {
    throw new TypeError(`${path} is a fitted ${name}, whose fitted state cannot come back from a worker: fit this estimator synchronously.`);
  }
  if (params && name) return { $estimator: name, params: encodeValue(params, name, true, library) as Record<string, unknown> } satisfies EstimatorSpec;
  throw new TypeError(`${path} (a ${name ?? 'object'}) cannot be sent to a worker: it has no getParams().`);
}

/** Rebuilds what `encodeValue` made; estimator classes are looked up in `library` by name. */
export function decodeValue(value: unknown, library: Record<string, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, library));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [decodeValue(k, library), decodeValue(v, library)]));
  const rec = value as Record<string, unknown>;
  if (rec.$randomState instanceof Uint8Array) {
    const rs = new RandomState(0);
    setRandomStateBytes(rs, rec.$randomState);
    return rs;
  }
  if (typeof rec.$estimator === 'string') {
    const Ctor = library[rec.$estimator];
    if (typeof Ctor !== 'function') throw new TypeError(`${rec.$estimator} is not a class exported by imbalanced-wasm, so a worker cannot rebuild it.`);
    const params = decodeValue(rec.params, library) as Record<string, unknown>;
    return new (Ctor as new (p: Record<string, unknown>) => unknown)(params);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) out[k] = decodeValue(v, library);
  return out;
}

/**
 * Every `RandomState` reachable from an estimator's parameters, in a fixed walk order, so the
 * caller's generators can be advanced exactly as the worker's copies were.
 */
export function randomStatesIn(value: unknown, found: RandomState[] = [], seen = new Set<object>()): RandomState[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return found;
  seen.add(value);
  if (value instanceof RandomState) {
    found.push(value);
    return found;
  }
  if (ArrayBuffer.isView(value)) return found;
  if (Array.isArray(value)) for (const v of value) randomStatesIn(v, found, seen);
  else if (value instanceof Map) for (const [k, v] of value) { randomStatesIn(k, found, seen); randomStatesIn(v, found, seen); }
  else {
    const params = isPlainObject(value) ? (value as Record<string, unknown>) : paramsOf(value);
    if (params) for (const v of Object.values(params)) randomStatesIn(v, found, seen);
  }
  return found;
}

/** The state bytes of each generator of `randomStatesIn` (sent back by a worker). */
export function randomStateBytes(states: readonly RandomState[]): Uint8Array[] {
  return states.map((rs) => stateBytes(rs).slice());
}

/**
 * The own enumerable fields of a fitted object to send back: all of them (`fit`), or only
 * the fitted ones ending in `_` (`fitResample`); each encoded by `encodeValue`.
 */
export function fittedFields(target: object, onlyTrailingUnderscore: boolean, library?: Record<string, unknown>): Record<string, unknown> {
  // Sub-samplers of a sampler (SMOTEENN's smote_) come back unfitted; a model's fitted parts must be data.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(target)) {
    if (k === 'options') continue;
    if (onlyTrailingUnderscore && !k.endsWith('_')) continue;
    if (typeof v === 'function') continue;
    out[k] = encodeValue(v, `${target.constructor.name}.${k}`, onlyTrailingUnderscore, library);
  }
  return out;
}

/** The distinct non-shared `ArrayBuffer`s under `value`, for a transfer list. */
export function transferables(value: unknown, found = new Set<ArrayBuffer>(), seen = new Set<object>()): ArrayBuffer[] {
  if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      if (value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) found.add(value.buffer);
    } else if (Array.isArray(value)) {
      for (const v of value) transferables(v, found, seen);
    } else if (value instanceof Map) {
      for (const v of value.values()) transferables(v, found, seen);
    } else if (isPlainObject(value)) {
      for (const v of Object.values(value)) transferables(v, found, seen);
    }
  }
  return [...found];
}
