import { describe, expect, it } from 'vitest';
import { classCounts, formatCounter, memoryStats, ready, toMatrix, encodeLabels } from '../src/index.js';
import { withArena, readF64 } from '../src/core/memory.js';
import { kernels } from '../src/core/wasm.js';
import { decodeLabels } from '../src/core/labels.js';
import { readMatrix } from '../src/core/matrix.js';

describe('ready()', () => {
  it('is idempotent and resolves quickly once loaded', async () => {
    await ready();
    await expect(ready()).resolves.toBeUndefined();
  });
});

describe('toMatrix', () => {
  it('accepts rows and matrices, float32 data, and copies the input', () => {
    const rows = [[1, 2], [3, 4]];
    const m = toMatrix(rows);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4]);
    m.data[0] = 99;
    expect(rows[0][0]).toBe(1);
    const f32 = toMatrix({ data: new Float32Array([0.5, 1.5]), rows: 1, cols: 2 });
    expect(f32.data).toBeInstanceOf(Float64Array);
    expect(Array.from(f32.data)).toEqual([0.5, 1.5]);
  });
  it.each([
    ['NaN', [[1, NaN]], RangeError, /row 0, column 1 is NaN/],
    ['Infinity', [[1, 2], [Infinity, 0]], RangeError, /row 1, column 0 is Infinity/],
    ['ragged rows', [[1, 2], [3]], RangeError, /ragged rows: row 0 has 2 values but row 1 has 1/],
    ['empty', [], RangeError, /must not be empty/],
    ['a string cell', [[1, '2']], TypeError, /row 0, column 1 is '2'/],
    ['not an array', 'abc', TypeError, /The 'X' parameter of SMOTE must be a 2-D array/],
    ['a flat array', [1, 2, 3], TypeError, /must be a 2-D array/],
    ['wrong data length', { data: new Float64Array(3), rows: 2, cols: 2 }, RangeError, /rows \* cols = 4 values. Got 3/],
  ])('rejects %s with a message naming the parameter', (_name, X, Type, message) => {
    expect(() => toMatrix(X as never, { owner: 'SMOTE' })).toThrow(Type);
    expect(() => toMatrix(X as never, { owner: 'SMOTE' })).toThrow(message);
  });
});

describe('labels', () => {
  it('encodes sorted classes and decodes to the same kind', () => {
    const ints = encodeLabels([7, -1, 7, 3]);
    expect(ints.classes).toEqual([-1, 3, 7]);
    expect(Array.from(ints.codes)).toEqual([2, 0, 2, 1]);
    expect(decodeLabels(ints.codes, ints.classes, ints.kind)).toEqual(Int32Array.from([7, -1, 7, 3]));
    const strs = encodeLabels(['b', 'a', 'b']);
    expect(decodeLabels(strs.codes, strs.classes, strs.kind)).toEqual(['b', 'a', 'b']);
    const floats = encodeLabels([0.5, 1.5]);
    expect(floats.kind).toBe('float');
  });
  it('rejects mismatched lengths, mixed types and non-finite labels', () => {
    expect(() => encodeLabels([0, 1], { length: 3 })).toThrow(/X has 3 rows but y has 2 labels/);
    expect(() => encodeLabels(['a', 1] as never)).toThrow(TypeError);
    expect(() => encodeLabels([0, NaN])).toThrow(/label 1 is NaN/);
    expect(() => encodeLabels({} as never)).toThrow(TypeError);
  });
  it('counts like collections.Counter and prints like it', () => {
    const counts = classCounts([1, 0, 0, 2, 0, 1]);
    expect([...counts.entries()]).toEqual([[1, 2], [0, 3], [2, 1]]);
    expect(formatCounter(counts)).toBe('Counter({0: 3, 1: 2, 2: 1})');
    expect(formatCounter(classCounts(['x', 'y', 'y']))).toBe("Counter({'y': 2, 'x': 1})");
  });
});

describe('readMatrix', () => {
  it('returns a valid float64 Matrix without copying it', () => {
    const m = { data: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), rows: 5, cols: 2 };
    expect(readMatrix(m).data).toBe(m.data);
  });
  // Every position of a 7 x 3 matrix (21 values: two blocks of 8 and a tail of 5) with each kind,
  // among the largest finite values (whose sums would overflow).
  for (const bad of [NaN, Infinity, -Infinity]) {
    it(`finds ${bad} at any position and names its row and column`, () => {
      for (let k = 0; k < 21; k++) {
        const data = Float64Array.from({ length: 21 }, (_, i) => (i % 2 ? -1 : 1) * Number.MAX_VALUE / (1 + (i % 3)));
        expect(readMatrix({ data, rows: 7, cols: 3 }).data).toBe(data);
        data[k] = bad;
        const row = Math.floor(k / 3);
        expect(() => readMatrix({ data, rows: 7, cols: 3 }, { name: 'X' }))
          .toThrow(new RegExp(`row ${row}, column ${k - row * 3} is ${String(bad).replace('+', '')}`));
        expect(readMatrix({ data, rows: 7, cols: 3 }, { allowNonFinite: true }).data).toBe(data);
      }
    });
  }
});

describe('encodeLabels on numbers (one-pass path)', () => {
  /** np.unique with return_inverse, written plainly: sorted distinct values, then each label's index. */
  function plainEncode(values: number[]): { classes: number[]; codes: number[] } {
    const classes = [...new Set(values)].sort((a, b) => a - b);
    return { classes, codes: values.map((v) => classes.indexOf(v)) };
  }
  const rs = (seed: number) => { let s = seed; return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648; };
  for (const [seed, n, nClasses, float] of [[1, 1000, 2, false], [2, 5000, 7, false], [3, 300, 40, true], [4, 17, 3, true]] as const) {
    it(`equals a plain np.unique (seed ${seed}, ${n} labels, ${nClasses} classes, ${float ? 'float' : 'int'})`, () => {
      const r = rs(seed);
      const values = Array.from({ length: n }, () => {
        const c = Math.floor(r() * nClasses) - 3;
        return float ? c + 0.25 : c;
      });
      const expected = plainEncode(values);
      for (const input of [values, Float64Array.from(values), ...(float ? [] : [Int32Array.from(values)])]) {
        const got = encodeLabels(input);
        expect(got.classes).toEqual(expected.classes);
        expect(Array.from(got.codes)).toEqual(expected.codes);
        expect(got.kind).toBe(float ? 'float' : 'int');
      }
    });
  }
  it('keeps the error messages of the general path', () => {
    expect(() => encodeLabels(Float64Array.of(0, 1, Infinity))).toThrow(/label 2 is Infinity/);
    expect(() => encodeLabels([0, 0, 1, 'a'] as never)).toThrow(/label 3 is 'a'|label 3 is "a"|label 3 is a/);
    expect(() => encodeLabels(Float64Array.of(0, 1), { length: 3 })).toThrow(/X has 3 rows but y has 2 labels/);
    expect(() => encodeLabels(new Float64Array(0))).toThrow(/must not be empty/);
    expect(encodeLabels([3e9, 1]).kind).toBe('float');
  });
});

describe('memory module', () => {
  it('releases every block, also when the body throws', () => {
    const before = memoryStats().liveBlocks;
    expect(() => withArena((arena) => {
      arena.f64(1000);
      arena.i32(10);
      throw new Error('boom');
    })).toThrow('boom');
    expect(memoryStats().liveBlocks).toBe(before);
    const out = withArena((arena) => readF64(arena.f64From([1, 2, 3]), 3));
    expect(Array.from(out)).toEqual([1, 2, 3]);
    expect(memoryStats().liveBlocks).toBe(before);
  });
  it('keeps data intact across memory.grow (views are made after allocation)', () => {
    const pages = kernels().memory.buffer.byteLength;
    const result = withArena((arena) => {
      const small = arena.f64From([4, 5, 6]);
      arena.bytes(pages + 65536 * 4); // forces memory.grow
      return readF64(small, 3);
    });
    expect(Array.from(result)).toEqual([4, 5, 6]);
  });
  it('refuses a buffer beyond the 4 GiB wasm32 limit with a clear error', () => {
    expect(() => withArena((arena) => arena.f64(2 ** 30))).toThrow(/4 GiB/);
  });
  it('does not grow across repeated calls', () => {
    for (let i = 0; i < 50; i++) withArena((arena) => arena.f64(100_000));
    const size = memoryStats().memoryBytes;
    for (let i = 0; i < 500; i++) withArena((arena) => arena.f64(100_000));
    expect(memoryStats().memoryBytes).toBe(size);
  });
});

describe('takeRows', () => {
  it('equals a row-by-row copy for runs of consecutive indices, repeats and any order', async () => {
    const { takeRows } = await import('../src/core/matrix.js');
    const { RandomState } = await import('../src/random/RandomState.js');
    const rs = new RandomState(3);
    for (const cols of [1, 2, 7, 20, 32, 33, 40]) {
      const rows = 300;
      const X = { data: rs.standardNormal(rows * cols), rows, cols };
      // long runs (sorted folds), short runs, repeats, reversed and random order
      const sorted = Int32Array.from({ length: rows }, (_, i) => i).filter((i) => i % 5 !== 3);
      const all = Int32Array.from({ length: rows }, (_, i) => i); // one long run (a block copy)
      const cases = [all, sorted, Int32Array.from([5, 6, 7, 7, 8, 0, 1, 2, 3]), sorted.slice().reverse(), rs.randint(0, rows, 150) as Int32Array, new Int32Array(0)];
      for (const idx of cases) {
        const want = new Float64Array(idx.length * cols);
        idx.forEach((r, i) => { for (let c = 0; c < cols; c++) want[i * cols + c] = X.data[r * cols + c]; });
        const got = takeRows(X, idx);
        expect(got.rows).toBe(idx.length);
        expect(Array.from(got.data)).toEqual(Array.from(want));
      }
    }
  });
});
