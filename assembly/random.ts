// numpy's legacy RandomState (MT19937 + the legacy distributions), bit for bit.
// State layout at `state` (RANDOM_STATE_BYTES bytes), shared with src/random/state.ts:
//   u32 key[624] | i32 pos @2496 | i32 hasGauss @2500 | f64 gauss @2504

const N: i32 = 624;
const M: i32 = 397;
const POS: usize = 2496;
const HAS_GAUSS: usize = 2500;
const GAUSS: usize = 2504;

/** Size in bytes of one generator state. */
export const RANDOM_STATE_BYTES: i32 = 2512;

/** numpy's `init_genrand`: Knuth's multiplicative seeding of the 624-word key. */
export function mt_seed(state: usize, seed: u32): void {
  let prev = seed;
  store<u32>(state, prev);
  for (let i = 1; i < N; i++) {
    prev = 1812433253 * (prev ^ (prev >>> 30)) + <u32>i;
    store<u32>(state + (<usize>i << 2), prev);
  }
  store<i32>(state + POS, N);
  store<i32>(state + HAS_GAUSS, 0);
  store<f64>(state + GAUSS, 0.0);
}

function twist(state: usize): void {
  for (let i = 0; i < N; i++) {
    const y = (load<u32>(state + (<usize>i << 2)) & 0x80000000) |
      (load<u32>(state + (<usize>((i + 1) % N) << 2)) & 0x7fffffff);
    let v = load<u32>(state + (<usize>((i + M) % N) << 2)) ^ (y >>> 1);
    if (y & 1) v ^= 0x9908b0df;
    store<u32>(state + (<usize>i << 2), v);
  }
  store<i32>(state + POS, 0);
}

/** Next tempered 32-bit word. */
@inline
function next32(state: usize): u32 {
  let pos = load<i32>(state + POS);
  if (pos >= N) {
    twist(state);
    pos = 0;
  }
  let y = load<u32>(state + (<usize>pos << 2));
  store<i32>(state + POS, pos + 1);
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y;
}

@inline
function nextDouble(state: usize): f64 {
  const a = next32(state) >>> 5;
  const b = next32(state) >>> 6;
  return (<f64>a * 67108864.0 + <f64>b) / 9007199254740992.0;
}

/** `random_sample(n)` into out[0..n). */
export function mt_random_sample(state: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), nextDouble(state));
}

/** `uniform(low, high, n)`: low + (high - low) * random_sample(), as numpy computes it. */
export function mt_uniform(state: usize, out: usize, n: i32, low: f64, high: f64): void {
  const range = high - low;
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), low + range * nextDouble(state));
}

/** One legacy polar-method Gaussian, using and refilling the one-value cache. */
@inline
function gauss(state: usize): f64 {
  if (load<i32>(state + HAS_GAUSS)) {
    const cached = load<f64>(state + GAUSS);
    store<i32>(state + HAS_GAUSS, 0);
    store<f64>(state + GAUSS, 0.0);
    return cached;
  }
  let x1: f64, x2: f64, r2: f64;
  do {
    x1 = 2.0 * nextDouble(state) - 1.0;
    x2 = 2.0 * nextDouble(state) - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  const f = Math.sqrt(-2.0 * Math.log(r2) / r2);
  store<f64>(state + GAUSS, f * x1);
  store<i32>(state + HAS_GAUSS, 1);
  return f * x2;
}

/** `standard_normal(n)` into out[0..n). */
export function mt_standard_normal(state: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), gauss(state));
}

/** Smallest 2^k - 1 that is >= v. */
@inline
function maskFor(v: u64): u64 {
  let m = v;
  m |= m >> 1; m |= m >> 2; m |= m >> 4; m |= m >> 8; m |= m >> 16; m |= m >> 32;
  return m;
}

/** One bounded draw in [0, rng] by numpy's masked rejection (32- or 64-bit words). */
@inline
function bounded(state: usize, rng: u64): u64 {
  if (rng == 0) return 0;
  if (rng == 0xffffffff) return <u64>next32(state);
  const mask = maskFor(rng);
  let v: u64;
  if (rng <= 0xffffffff) {
    do { v = <u64>next32(state) & mask; } while (v > rng);
  } else {
    do {
      const hi = <u64>next32(state);
      v = ((hi << 32) | <u64>next32(state)) & mask;
    } while (v > rng);
  }
  return v;
}

/** `randint(low, low + rng + 1, n)` as float64 values, for ranges up to 2^32 whose values leave int32. */
export function mt_randint(state: usize, out: usize, n: i32, low: f64, rng: u32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), low + <f64>bounded(state, <u64>rng));
}

/** `randint(low, low + rng + 1, n)` as int32 values (caller checks the range fits). */
export function mt_randint_i32(state: usize, out: usize, n: i32, low: i32, rng: u32): void {
  for (let i = 0; i < n; i++) store<i32>(out + (<usize>i << 2), low + <i32>bounded(state, <u64>rng));
}

/** numpy's `shuffle` of an int32 array: Fisher-Yates from the end with masked-rejection draws. */
export function mt_shuffle_i32(state: usize, arr: usize, n: i32): void {
  for (let i = n - 1; i >= 1; i--) {
    const j = <i32>bounded(state, <u64>i);
    const pi = arr + (<usize>i << 2);
    const pj = arr + (<usize>j << 2);
    const t = load<i32>(pi);
    store<i32>(pi, load<i32>(pj));
    store<i32>(pj, t);
  }
}
