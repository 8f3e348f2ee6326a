/** The SMOTE interpolation kernel and the per-class SMOTE step against plain TypeScript. */
import { describe, expect, it } from 'vitest';
import { NearestNeighbors, RandomState, SMOTE, memoryStats } from '../../src/index.js';
import { smoteClass, smoteInterpolate } from '../../src/samplers/over/smoteCore.js';
import { readF64, withArena } from '../../src/core/memory.js';
import { kernels } from '../../src/core/wasm.js';

/** Plain TypeScript SMOTE interpolation (numpy's order of operations). */
function interpolateTS(x: Float64Array, d: number, nn: Int32Array, k: number, sample: Int32Array, steps: Float64Array) {
  const out = new Float64Array(sample.length * d);
  for (let i = 0; i < sample.length; i++) {
    const row = Math.floor(sample[i] / k);
    const nb = nn[row * k + (sample[i] % k)];
    for (let j = 0; j < d; j++) out[i * d + j] = x[row * d + j] + steps[i] * (x[nb * d + j] - x[row * d + j]);
  }
  return out;
}

/** Brute-force k nearest neighbours of each row among the others (ties: smaller index). */
function knnTS(x: Float64Array, n: number, d: number, k: number): Int32Array {
  const out = new Int32Array(n * k);
  for (let i = 0; i < n; i++) {
    const cand: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let t = 0; t < d; t++) { const u = x[i * d + t] - x[j * d + t]; s += u * u; }
      cand.push([s, j]);
    }
    cand.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let t = 0; t < k; t++) out[i * k + t] = cand[t][1];
  }
  return out;
}

describe('smote_interpolate kernel', () => {
  for (const d of [1, 2, 3, 7, 20]) {
    it(`matches plain TypeScript bit for bit (d = ${d})`, () => {
      const rs = new RandomState(100 + d);
      const n = 57;
      const k = 4;
      const x = rs.standardNormal(n * d).map((v) => v * 1e3);
      const nn = rs.randint(0, n, n * k) as Int32Array;
      const sample = rs.randint(0, n * k, 301) as Int32Array;
      const steps = rs.uniform(0, 1, 301);
      const got = smoteInterpolate(x, d, nn, k, sample, steps);
      expect(Array.from(got.data)).toEqual(Array.from(interpolateTS(x, d, nn, k, sample, steps)));
      for (let i = 0; i < sample.length; i++) {
        expect(got.base[i]).toBe(Math.floor(sample[i] / k));
        expect(got.neighbor[i]).toBe(nn[sample[i]]);
      }
    });
  }
  it('interpolateBetween equals plain TypeScript bit for bit, by the kernel and by its own loop', async () => {
    const { interpolateBetween } = await import('../../src/samplers/over/generate.js');
    const rs = new RandomState(7);
    // rows made: 97; neighbour sets of 41 rows (the kernel: few rows to copy) and 500 (the loop)
    for (const d of [1, 2, 5, 20]) {
      for (const nz of [41, 500, 0]) {
        const nb = 23, k = 3;
        const base = { data: rs.standardNormal(nb * d).map((v) => v * 1e3), rows: nb, cols: d };
        const other = nz === 0 ? base : { data: rs.standardNormal(nz * d), rows: nz, cols: d };
        const nn = rs.randint(0, other.rows, nb * k) as Int32Array;
        const sample = rs.randint(0, nb * k, 97) as Int32Array;
        const steps = rs.uniform(-1, 1, 97);
        const want = new Float64Array(97 * d);
        for (let i = 0; i < 97; i++) {
          const r = Math.floor(sample[i] / k);
          const z = nn[sample[i]];
          for (let j = 0; j < d; j++) want[i * d + j] = base.data[r * d + j] + steps[i] * (other.data[z * d + j] - base.data[r * d + j]);
        }
        const got = interpolateBetween(base, other, nn, k, sample, steps);
        expect(Array.from(got.data), `d ${d}, ${nz} neighbour rows`).toEqual(Array.from(want));
        expect(Array.from(got.base)).toEqual(Array.from(sample, (s) => Math.floor(s / k)));
        expect(Array.from(got.neighbor)).toEqual(Array.from(sample, (s) => nn[s]));
        // written into a given buffer
        const out = new Float64Array(97 * d);
        expect(interpolateBetween(base, other, nn, k, sample, steps, out).data).toBe(out);
        expect(Array.from(out)).toEqual(Array.from(want));
      }
    }
  });

  it('handles zero samples', () => {
    const got = smoteInterpolate(new Float64Array(4), 2, new Int32Array([1, 0]), 1, new Int32Array(0), new Float64Array(0));
    expect(got.data.length).toBe(0);
  });
});

describe('smote_interpolate_scaled kernel (BorderlineSMOTE-2)', () => {
  for (const d of [1, 2, 3, 7, 20]) {
    it(`x[base] + step * ((x[nb] - x[base]) * u) as plain TypeScript, bit for bit; u = 1 as the plain SMOTE formula (d = ${d})`, () => {
      const rs = new RandomState(300 + d);
      const nRows = 41, n = 157;
      const x = rs.standardNormal(nRows * d).map((v) => v * 1e3);
      const base = rs.randint(0, nRows, n) as Int32Array;
      const nb = rs.randint(0, nRows, n) as Int32Array;
      const steps = rs.uniform(0, 1, n);
      const u = rs.uniform(0, 0.5, n).map((v, i) => (i % 3 === 0 ? 1 : v));
      const got = withArena((a) => {
        const out = a.f64(n * d);
        (kernels() as unknown as { smote_interpolate_scaled(...args: number[]): void }).smote_interpolate_scaled(
          a.f64From(x), d, a.i32From(base), a.i32From(nb), a.f64From(steps), a.f64From(u), n, out);
        return readF64(out, n * d);
      });
      const want = new Float64Array(n * d);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          const xa = x[base[i] * d + j], xb = x[nb[i] * d + j];
          want[i * d + j] = u[i] === 1 ? xa + steps[i] * (xb - xa) : xa + steps[i] * ((xb - xa) * u[i]);
        }
      }
      expect(Array.from(got)).toEqual(Array.from(want));
    });
  }
});

describe('smoteClass (neighbours in WASM memory + draws + kernel)', () => {
  for (const [n, d, k] of [[40, 2, 5], [33, 5, 3], [25, 20, 4]] as const) {
    it(`equals brute-force neighbours + TS interpolation with numpy's draw order (n=${n}, d=${d}, k=${k})`, () => {
      const rs = new RandomState(n * d);
      const total = n + 17;
      const X = { data: rs.standardNormal(total * d), rows: total, cols: d };
      // the class rows are a scattered subset of X
      const rows = Int32Array.from({ length: n }, (_, i) => (i * 7) % total).sort();
      const uniq = Int32Array.from(new Set(rows));
      const xc = new Float64Array(uniq.length * d);
      uniq.forEach((r, i) => xc.set(X.data.subarray(r * d, r * d + d), i * d));
      const nNew = 123;
      const before = memoryStats().liveBlocks;
      const got = smoteClass(X, uniq, { k, nNew, random: new RandomState(7) });
      expect(memoryStats().liveBlocks).toBe(before);
      const draws = new RandomState(7);
      const sample = draws.randint(0, uniq.length * k, nNew) as Int32Array;
      const steps = draws.uniform(0, 1, nNew);
      const nn = knnTS(xc, uniq.length, d, k);
      expect(Array.from(got.data)).toEqual(Array.from(interpolateTS(xc, d, nn, k, sample, steps)));
      expect(Array.from(got.step)).toEqual(Array.from(steps));
      for (let i = 0; i < nNew; i++) {
        expect(got.base[i]).toBe(uniq[Math.floor(sample[i] / k)]);
        expect(got.neighbor[i]).toBe(uniq[nn[sample[i]]]);
      }
    });
  }
});

describe('SMOTE options', () => {
  const rs = new RandomState(3);
  const X = Array.from({ length: 30 }, () => Array.from(rs.standardNormal(2)));
  const y = Array.from({ length: 30 }, (_, i) => (i < 22 ? 0 : 1));
  it('a NearestNeighbors kNeighbors counts the point itself', () => {
    const a = new SMOTE({ kNeighbors: 3, randomState: 4 }).fitResample(X, y);
    const b = new SMOTE({ kNeighbors: new NearestNeighbors({ nNeighbors: 4 }), randomState: 4 }).fitResample(X, y);
    expect(Array.from(b.X.data)).toEqual(Array.from(a.X.data));
    const c = new SMOTE({ kNeighbors: 2, randomState: 4 }).fitResample(X, y);
    expect(Array.from(c.X.data)).not.toEqual(Array.from(a.X.data));
  });
  it('rejects a bad kNeighbors with the library wording', () => {
    expect(() => new SMOTE({ kNeighbors: 0 }).fitResample(X, y)).toThrow("The 'kNeighbors' parameter of SMOTE must be an integer >= 1. Got 0.");
    expect(() => new SMOTE({ kNeighbors: 0 }).fitResample(X, y)).toThrow(RangeError);
    expect(() => new SMOTE({ kNeighbors: '3' as never }).fitResample(X, y)).toThrow(TypeError);
  });
  it('rejects unknown options in the constructor', () => {
    expect(() => new SMOTE({ k_neighbors: 3 } as never)).toThrow(RangeError);
  });
  it('string labels come back as strings and the input is not mutated', () => {
    const ys = y.map((v) => (v ? 'rare' : 'common'));
    const copy = JSON.stringify(X);
    const res = new SMOTE({ randomState: 0 }).fitResample(X, ys);
    expect(JSON.stringify(X)).toBe(copy);
    expect((res.y as string[]).filter((v) => v === 'rare').length).toBe(22);
  });
});
