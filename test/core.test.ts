import { describe, expect, it } from 'vitest';
import { classCounts, formatCounter, memoryStats, ready, toMatrix, encodeLabels } from '../src/index.js';
import { withArena, readF64 } from '../src/core/memory.js';
import { kernels } from '../src/core/wasm.js';
import { decodeLabels } from '../src/core/labels.js';

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
