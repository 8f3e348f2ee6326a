/**
 * Plain TypeScript MT19937 over the same state layout as the WebAssembly kernel
 * (assembly/random.ts). It serves small draws (no copy across the boundary) and is the
 * reference the kernel is tested against.
 */

/** Bytes of one generator state: u32 key[624] | i32 pos | i32 hasGauss | f64 gauss. */
export const STATE_BYTES = 2512;
const N = 624;
const M = 397;

/** Typed views over one state buffer. */
export class MTState {
  readonly bytes = new Uint8Array(STATE_BYTES);
  readonly key = new Uint32Array(this.bytes.buffer, 0, N);
  readonly meta = new Int32Array(this.bytes.buffer, 2496, 2);
  readonly gauss = new Float64Array(this.bytes.buffer, 2504, 1);

  /** numpy's `init_genrand`. */
  seed(seed: number): void {
    const key = this.key;
    key[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = key[i - 1] ^ (key[i - 1] >>> 30);
      key[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.meta[0] = N;
    this.meta[1] = 0;
    this.gauss[0] = 0;
  }

  private twist(): void {
    const key = this.key;
    for (let i = 0; i < N; i++) {
      const y = (key[i] & 0x80000000) | (key[(i + 1) % N] & 0x7fffffff);
      let v = key[(i + M) % N] ^ (y >>> 1);
      if (y & 1) v ^= 0x9908b0df;
      key[i] = v >>> 0;
    }
    this.meta[0] = 0;
  }

  /** Next tempered 32-bit word. */
  next32(): number {
    if (this.meta[0] >= N) this.twist();
    let y = this.key[this.meta[0]++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) from two words (numpy's `random_sample`). */
  nextDouble(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** One legacy polar-method Gaussian with the one-value cache. */
  nextGauss(): number {
    if (this.meta[1]) {
      const cached = this.gauss[0];
      this.meta[1] = 0;
      this.gauss[0] = 0;
      return cached;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2.0 * this.nextDouble() - 1.0;
      x2 = 2.0 * this.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * Math.log(r2)) / r2);
    this.gauss[0] = f * x1;
    this.meta[1] = 1;
    return f * x2;
  }

  /** A draw in [0, rng] by numpy's masked rejection (`rng` below 2^53). */
  bounded(rng: number): number {
    if (rng === 0) return 0;
    if (rng === 0xffffffff) return this.next32();
    if (rng < 0xffffffff) {
      const mask = maskFor32(rng);
      let v: number;
      do v = (this.next32() & mask) >>> 0; while (v > rng);
      return v;
    }
    const maskHi = Math.floor(rng / 4294967296);
    const hiMask = maskFor32(maskHi);
    let v: number;
    do {
      const hi = (this.next32() & hiMask) >>> 0;
      const lo = this.next32();
      v = hi * 4294967296 + lo;
    } while (v > rng);
    return v;
  }
}

/** Smallest 2^k - 1 that is >= v (v < 2^32). */
export function maskFor32(v: number): number {
  let m = v >>> 0;
  m |= m >>> 1; m |= m >>> 2; m |= m >>> 4; m |= m >>> 8; m |= m >>> 16;
  return m >>> 0;
}
