import { paramRangeError, paramTypeError, checkInteger } from '../core/errors.js';
import { withArena, u8View, readF64, readI32, i32View } from '../core/memory.js';
import { kernels } from '../core/wasm.js';
import { MTState, STATE_BYTES } from './mt19937.js';

/** The state of the generator, as numpy's `get_state()` describes it. */
export interface RandomStateSnapshot {
  key: Uint32Array;
  pos: number;
  hasGauss: number;
  cachedGaussian: number;
}

/**
 * A faithful port of numpy's legacy `RandomState` (MT19937 with the legacy distributions).
 * For the same integer seed every method returns numpy's numbers and advances the stream
 * exactly as numpy's method of the same name.
 *
 * @example
 * const rs = new RandomState(42);
 * rs.randint(0, 10, 3); // Int32Array [6, 3, 7], as np.random.RandomState(42).randint(0, 10, 3)
 */
export class RandomState {
  /** Draws of at least this many values go through the WebAssembly kernel. */
  static wasmThreshold = 64;
  private readonly mt = new MTState();

  /** @param seed an integer in [0, 2^32); omitted seeds from the platform's entropy. */
  constructor(seed?: number) {
    if (seed === undefined) seed = entropySeed();
    this.seed(seed);
  }

  /** Re-seeds the generator as `RandomState(seed)` would. */
  seed(seed: number): void {
    checkInteger('RandomState', 'seed', seed, 0, 4294967295);
    this.mt.seed(seed);
  }

  /** A copy of the internal state. */
  getState(): RandomStateSnapshot {
    return { key: this.mt.key.slice(), pos: this.mt.meta[0], hasGauss: this.mt.meta[1], cachedGaussian: this.mt.gauss[0] };
  }

  /** One raw tempered 32-bit word. */
  nextUint32(): number {
    return this.mt.next32();
  }

  /** One double in [0, 1). */
  nextDouble(): number {
    return this.mt.nextDouble();
  }

  /** Runs a kernel on a copy of the state in WASM memory and copies the state back. */
  private bulk<R>(run: (state: number, arena: import('../core/memory.js').Arena) => R): R {
    return withArena((arena) => {
      const state = arena.bytes(STATE_BYTES);
      u8View(state, STATE_BYTES).set(this.mt.bytes);
      const result = run(state, arena);
      this.mt.bytes.set(u8View(state, STATE_BYTES));
      return result;
    });
  }

  /** `random_sample(n)`: n doubles in [0, 1). */
  randomSample(n = 1): Float64Array {
    checkSize('randomSample', n);
    if (n < RandomState.wasmThreshold) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = this.mt.nextDouble();
      return out;
    }
    return this.bulk((state, arena) => {
      const out = arena.f64(n);
      kernels().mt_random_sample(state, out, n);
      return readF64(out, n);
    });
  }

  /** `uniform(low, high, n)`: `low + (high - low) * random_sample()`. */
  uniform(low = 0, high = 1, n = 1): Float64Array {
    checkSize('uniform', n);
    if (!Number.isFinite(low) || !Number.isFinite(high)) throw paramRangeError('RandomState.uniform', 'low/high', 'finite numbers', [low, high]);
    if (n < RandomState.wasmThreshold) {
      const out = new Float64Array(n);
      const range = high - low;
      for (let i = 0; i < n; i++) out[i] = low + range * this.mt.nextDouble();
      return out;
    }
    return this.bulk((state, arena) => {
      const out = arena.f64(n);
      kernels().mt_uniform(state, out, n, low, high);
      return readF64(out, n);
    });
  }

  /** `standard_normal(n)`: the legacy polar method with its cached second value. */
  standardNormal(n = 1): Float64Array {
    checkSize('standardNormal', n);
    if (n < RandomState.wasmThreshold) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = this.mt.nextGauss();
      return out;
    }
    return this.bulk((state, arena) => {
      const out = arena.f64(n);
      kernels().mt_standard_normal(state, out, n);
      return readF64(out, n);
    });
  }

  /**
   * `randint(low, high, n)`: integers in [low, high) by numpy's masked rejection. With one bound,
   * `randint(high)` draws from [0, high). Returns an `Int32Array` when every value fits in int32,
   * else a `Float64Array` (exact up to 2^53).
   */
  randint(low: number, high?: number, n = 1): Int32Array | Float64Array {
    if (high === undefined) [low, high] = [0, low];
    checkSize('randint', n);
    for (const [name, v] of [['low', low], ['high', high]] as const) {
      if (typeof v !== 'number') throw paramTypeError('RandomState.randint', name, 'an integer', v);
      if (!Number.isSafeInteger(v)) throw paramRangeError('RandomState.randint', name, 'a safe integer', v);
    }
    if (low >= high) throw new RangeError(`RandomState.randint: low >= high (low=${low}, high=${high}).`);
    const rng = high - 1 - low;
    const fitsInt32 = low >= -2147483648 && high - 1 <= 2147483647;
    if (n < RandomState.wasmThreshold || rng > 0xffffffff) {
      const out = fitsInt32 ? new Int32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = low + this.mt.bounded(rng);
      return out;
    }
    return this.bulk((state, arena) => {
      if (fitsInt32) {
        const out = arena.i32(n);
        kernels().mt_randint_i32(state, out, n, low, rng);
        return readI32(out, n);
      }
      const out = arena.f64(n);
      kernels().mt_randint(state, out, n, low, rng);
      return readF64(out, n);
    });
  }

  /** `permutation(n)`: a shuffled `arange(n)`. */
  permutation(n: number): Int32Array {
    checkSize('permutation', n);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffleInt32(out);
    return out;
  }

  private shuffleInt32(arr: Int32Array): void {
    const n = arr.length;
    if (n < RandomState.wasmThreshold) {
      for (let i = n - 1; i >= 1; i--) {
        const j = this.mt.bounded(i);
        const t = arr[i];
        arr[i] = arr[j];
        arr[j] = t;
      }
      return;
    }
    this.bulk((state, arena) => {
      const buf = arena.i32From(arr);
      kernels().mt_shuffle_i32(state, buf, n);
      arr.set(i32View(buf, n));
    });
  }

  /** `shuffle(array)`: shuffles in place, drawing exactly as numpy does; returns the array. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    if (!(Array.isArray(array) || ArrayBuffer.isView(array))) throw paramTypeError('RandomState.shuffle', 'array', 'an array or a typed array', array);
    if (array instanceof Int32Array) {
      this.shuffleInt32(array);
      return array;
    }
    const perm = this.permutation(array.length);
    const copy = Array.from(array as ArrayLike<unknown>);
    for (let i = 0; i < perm.length; i++) array[i] = copy[perm[i]];
    return array;
  }

  /**
   * `choice(a, size, replace, p)`: `a` is a population size (or an array to draw from).
   * Without `p`: with replacement ≡ `randint(0, a, size)`; without ≡ `permutation(a)[:size]`.
   * With `p`: inverse-CDF search on `random_sample`, as numpy does.
   */
  choice(a: number | ArrayLike<number>, size = 1, replace = true, p?: ArrayLike<number>): Int32Array | Float64Array {
    const pool = typeof a === 'number' ? null : a;
    const n = typeof a === 'number' ? a : a.length;
    checkInteger('RandomState.choice', 'a', n, 0);
    checkSize('choice', size);
    if (n === 0 && size > 0) throw new RangeError("RandomState.choice: 'a' cannot be empty unless no samples are taken.");
    let idx: Int32Array;
    if (p !== undefined) {
      if (p.length !== n) throw new RangeError(`RandomState.choice: 'a' and 'p' must have the same size. Got ${n} and ${p.length}.`);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        if (!(p[i] >= 0)) throw new RangeError(`RandomState.choice: probabilities must be non-negative. Got p[${i}] = ${p[i]}.`);
        sum += p[i];
      }
      if (Math.abs(sum - 1) > Math.sqrt(Number.EPSILON)) throw new RangeError(`RandomState.choice: probabilities do not sum to 1 (sum ${sum}).`);
      idx = replace ? this.choiceWeighted(p, size) : this.choiceWeightedUnique(Float64Array.from(p), size);
    } else if (replace) {
      idx = size === 0 ? new Int32Array(0) : (this.randint(0, n, size) as Int32Array);
    } else {
      if (size > n) throw new RangeError(`RandomState.choice: cannot take a larger sample than population when replace is false (size ${size} > ${n}).`);
      idx = this.permutation(n).slice(0, size);
    }
    if (!pool) return idx;
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = pool[idx[i]];
    return out;
  }

  private choiceWeighted(p: ArrayLike<number>, size: number): Int32Array {
    const cdf = cumulative(p);
    const u = this.randomSample(size);
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = searchsortedRight(cdf, u[i]);
    return out;
  }

  private choiceWeightedUnique(p: Float64Array, size: number): Int32Array {
    let nonzero = 0;
    for (const v of p) if (v > 0) nonzero++;
    if (size > nonzero) throw new RangeError(`RandomState.choice: fewer non-zero entries in p (${nonzero}) than size (${size}).`);
    const found = new Int32Array(size);
    let nUniq = 0;
    while (nUniq < size) {
      const x = this.randomSample(size - nUniq);
      for (let i = 0; i < nUniq; i++) p[found[i]] = 0;
      const cdf = cumulative(p);
      const seen = new Set<number>();
      for (let i = 0; i < x.length; i++) {
        const k = searchsortedRight(cdf, x[i]);
        if (!seen.has(k)) {
          seen.add(k);
          found[nUniq++] = k;
        }
      }
    }
    return found;
  }
}

/** numpy's `cumsum` (sequential) normalised by its last value. */
function cumulative(p: ArrayLike<number>): Float64Array {
  const cdf = new Float64Array(p.length);
  let s = 0;
  for (let i = 0; i < p.length; i++) cdf[i] = s += p[i];
  const last = cdf[p.length - 1];
  for (let i = 0; i < p.length; i++) cdf[i] /= last;
  return cdf;
}

/** First index whose value is greater than `x` (numpy `searchsorted(side='right')`). */
function searchsortedRight(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkSize(method: string, n: number): void {
  checkInteger(`RandomState.${method}`, 'size', n, 0);
}

function entropySeed(): number {
  const c = (globalThis as { crypto?: { getRandomValues?(a: Uint32Array): Uint32Array } }).crypto;
  if (c?.getRandomValues) return c.getRandomValues(new Uint32Array(1))[0];
  return Math.floor(Math.random() * 4294967296);
}

/** What every `randomState` option accepts. */
export type RandomStateLike = number | RandomState | null | undefined;

/**
 * scikit-learn's `check_random_state`: an integer gives a fresh `RandomState(seed)`, a
 * `RandomState` is used as is, and `null`/`undefined` give a fresh unseeded one.
 */
export function checkRandomState(randomState: RandomStateLike, owner = 'randomState'): RandomState {
  if (randomState instanceof RandomState) return randomState;
  if (randomState === null || randomState === undefined) return new RandomState();
  if (typeof randomState !== 'number') throw paramTypeError(owner, 'randomState', 'an integer seed, a RandomState or null', randomState);
  if (!Number.isInteger(randomState) || randomState < 0 || randomState > 4294967295) {
    throw paramRangeError(owner, 'randomState', 'an integer in [0, 4294967295]', randomState);
  }
  return new RandomState(randomState);
}
