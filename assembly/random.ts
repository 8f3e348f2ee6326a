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

// The state pointer and position live in globals during a kernel call: the bulk loops then
// touch memory only for the key words (load at entry with `begin`, store at exit with `end`).
let gState: usize = 0;
let gPos: i32 = 0;

@inline
function begin(state: usize): void {
  gState = state;
  gPos = load<i32>(state + POS);
}

@inline
function end(): void {
  store<i32>(gState + POS, gPos);
}

/** The MT19937 twist, split in three loops so no index needs a modulo. */
function twist(state: usize): void {
  let i = 0;
  for (; i < N - M; i++) {
    const p = state + (<usize>i << 2);
    const y = (load<u32>(p) & 0x80000000) | (load<u32>(p, 4) & 0x7fffffff);
    store<u32>(p, load<u32>(p, (<usize>M) << 2) ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df));
  }
  for (; i < N - 1; i++) {
    const p = state + (<usize>i << 2);
    const y = (load<u32>(p) & 0x80000000) | (load<u32>(p, 4) & 0x7fffffff);
    store<u32>(p, load<u32>(p - (<usize>(N - M) << 2)) ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df));
  }
  const p = state + (<usize>(N - 1) << 2);
  const y = (load<u32>(p) & 0x80000000) | (load<u32>(state) & 0x7fffffff);
  store<u32>(p, load<u32>(state + (<usize>(M - 1) << 2)) ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df));
}

/** Next tempered 32-bit word (between `begin` and `end`). */
@inline
function next32(): u32 {
  if (gPos >= N) {
    twist(gState);
    gPos = 0;
  }
  let y = load<u32>(gState + (<usize>gPos << 2));
  gPos++;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y;
}

@inline
function nextDouble(): f64 {
  const a = next32() >>> 5;
  const b = next32() >>> 6;
  return (<f64>a * 67108864.0 + <f64>b) / 9007199254740992.0;
}

/** `random_sample(n)` into out[0..n). */
export function mt_random_sample(state: usize, out: usize, n: i32): void {
  begin(state);
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), nextDouble());
  end();
}

/** `uniform(low, high, n)`: low + (high - low) * random_sample(), as numpy computes it. */
export function mt_uniform(state: usize, out: usize, n: i32, low: f64, high: f64): void {
  begin(state);
  const range = high - low;
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), low + range * nextDouble());
  end();
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
    x1 = 2.0 * nextDouble() - 1.0;
    x2 = 2.0 * nextDouble() - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  const f = Math.sqrt(-2.0 * Math.log(r2) / r2);
  store<f64>(state + GAUSS, f * x1);
  store<i32>(state + HAS_GAUSS, 1);
  return f * x2;
}

/** `standard_normal(n)` into out[0..n). */
export function mt_standard_normal(state: usize, out: usize, n: i32): void {
  begin(state);
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), gauss(state));
  end();
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
function bounded(rng: u64): u64 {
  if (rng == 0) return 0;
  if (rng == 0xffffffff) return <u64>next32();
  const mask = maskFor(rng);
  let v: u64;
  if (rng <= 0xffffffff) {
    do { v = <u64>next32() & mask; } while (v > rng);
  } else {
    do {
      const hi = <u64>next32();
      v = ((hi << 32) | <u64>next32()) & mask;
    } while (v > rng);
  }
  return v;
}

/** `randint(low, low + rng + 1, n)` as float64 values, for ranges up to 2^32 whose values leave int32. */
export function mt_randint(state: usize, out: usize, n: i32, low: f64, rng: u32): void {
  begin(state);
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), low + <f64>bounded(<u64>rng));
  end();
}

/** `randint(low, low + rng + 1, n)` as int32 values (caller checks the range fits). */
export function mt_randint_i32(state: usize, out: usize, n: i32, low: i32, rng: u32): void {
  begin(state);
  for (let i = 0; i < n; i++) store<i32>(out + (<usize>i << 2), low + <i32>bounded(<u64>rng));
  end();
}

/** numpy's `shuffle` of an int32 array: Fisher-Yates from the end with masked-rejection draws. */
export function mt_shuffle_i32(state: usize, arr: usize, n: i32): void {
  begin(state);
  for (let i = n - 1; i >= 1; i--) {
    const j = <i32>bounded(<u64>i);
    const pi = arr + (<usize>i << 2);
    const pj = arr + (<usize>j << 2);
    const t = load<i32>(pi);
    store<i32>(pi, load<i32>(pj));
    store<i32>(pj, t);
  }
  end();
}
