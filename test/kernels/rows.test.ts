/** The row gather (assembly/rows.ts) against plain TypeScript on seeded index lists. */
import { describe, expect, it } from 'vitest';
import { RandomState } from '../../src/index.js';
import { readF64, withArena } from '../../src/core/memory.js';
import { kernels } from '../../src/core/wasm.js';

const gather = () => kernels() as unknown as { rows_gather(src: number, d: number, idx: number, m: number, dst: number): void };

describe('rows_gather', () => {
  for (const [n, d] of [[1, 1], [7, 3], [500, 2], [300, 20], [64, 33]] as const) {
    it(`copies the listed rows in list order: runs, repeats, reversals and single rows (n=${n}, d=${d})`, () => {
      const rs = new RandomState(n * 31 + d);
      const X = rs.standardNormal(n * d);
      const keep = rs.randomSample(n);
      const lists = [
        Int32Array.from({ length: n }, (_, i) => i), // one run
        Int32Array.from(Array.from({ length: n }, (_, i) => i).filter((i) => keep[i] < 0.8)), // a sorted fold
        rs.randint(0, n, 2 * n + 1) as Int32Array, // repeats, any order
        Int32Array.from({ length: n }, (_, i) => n - 1 - i), // reversed: no runs
        new Int32Array(0),
      ];
      for (const idx of lists) {
        const got = withArena((a) => {
          const src = a.f64From(X), ip = a.i32From(idx), dst = a.f64(Math.max(1, idx.length * d));
          gather().rows_gather(src, d, ip, idx.length, dst);
          return readF64(dst, idx.length * d);
        });
        const want = new Float64Array(idx.length * d);
        idx.forEach((r, i) => { for (let t = 0; t < d; t++) want[i * d + t] = X[r * d + t]; });
        expect(Array.from(got)).toEqual(Array.from(want));
      }
    });
  }
});
