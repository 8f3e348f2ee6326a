import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  EditedNearestNeighbours, KMeansSMOTE, MiniBatchKMeans, NearestNeighbors, RandomState, SMOTE, SMOTEENN, TomekLinks, makeClassification,
} from '../src/index.js';
import { MIN_REDO_ASSIGN, MIN_THREADED_ASSIGN, setRedoPatience } from '../src/cluster/assignSpace.js';
import { CONTROL, REDO, runKnnChunks, type ChunkKernels, type KnnJob } from '../src/parallel/chunks.js';
import { withArena, readF64, readI32 } from '../src/core/memory.js';
import { kernels } from '../src/core/wasm.js';
import { searchNeighbors, searchNeighborsInArena, type KnnAlgorithm } from '../src/neighbors/search.js';
import { tileRounds } from '../src/parallel/selfTiles.js';
import { AUTO_MIN_BRUTE_TERMS, AUTO_MIN_KD_BUILD_ROWS, MIN_PARALLEL_QUERIES, searchNeighborsInArenaParallel, searchNeighborsParallel } from '../src/parallel/search.js';
import { closePool, fallbackNotice, getPool, poolSize, poolUnavailableReason } from '../src/parallel/pool.js';
import { cpuCount, getNJobs, isAutomaticJobs, resolveJobs, setNJobs } from '../src/parallel/jobs.js';

afterAll(() => closePool());

function gaussian(rs: RandomState, rows: number, cols: number) {
  return { data: rs.standardNormal(rows * cols), rows, cols };
}
/** Small integers: many exact duplicates and equal distances, to exercise the tie rule. */
function grid(rs: RandomState, rows: number, cols: number) {
  return { data: Float64Array.from(rs.randint(0, 6, rows * cols)), rows, cols };
}

function expectIdentical(a: { indices: Int32Array; distances: Float64Array }, b: { indices: Int32Array; distances: Float64Array }) {
  expect(a.indices.length).toBe(b.indices.length);
  let firstBad = -1;
  for (let i = 0; i < a.indices.length && firstBad < 0; i++) {
    if (a.indices[i] !== b.indices[i] || !Object.is(a.distances[i], b.distances[i])) firstBad = i;
  }
  expect(firstBad).toBe(-1);
}

describe('searchNeighborsParallel', () => {
  it('runs here (Node has shared memory and workers)', () => {
    expect(poolUnavailableReason()).toBeNull();
  });

  it('equals the single-thread search for many n, d, k, both backends, self and explicit queries', () => {
    const rs = new RandomState(2024);
    const shapes: [number, number, number, KnnAlgorithm][] = [
      [MIN_PARALLEL_QUERIES, 1, 1, 'kd_tree'], [3001, 2, 3, 'auto'], [5000, 2, 6, 'kd_tree'], [4099, 3, 5, 'brute'],
      [2500, 7, 2, 'kd_tree'], [2600, 16, 4, 'auto'], [2200, 33, 3, 'brute'], [3000, 64, 1, 'brute'],
    ];
    for (const [n, d, k, algorithm] of shapes) {
      for (const make of [gaussian, grid]) {
        const X = make(rs, n, d);
        const Q = make(rs, MIN_PARALLEL_QUERIES + 17, d);
        for (const jobs of [2, 3]) {
          const self = searchNeighborsParallel(X, null, k, algorithm, jobs);
          const selfRef = searchNeighbors(X, null, k, algorithm);
          expect(self.method).toBe(selfRef.method);
          expectIdentical(self, selfRef);
          expectIdentical(searchNeighborsParallel(X, Q, k, algorithm, jobs), searchNeighbors(X, Q, k, algorithm));
        }
      }
    }
  });

  it('brute force with many fit rows splits the fit rows over threads and merges their heaps, bit for bit', () => {
    // nFit x d >= BRUTE_PACK_HEAVY_VALUES: each thread scans one range of fit rows for every query
    const rs = new RandomState(77);
    for (const [n, d, nQ] of [[20000, 16, 120], [16500, 20, 301], [9000, 33, 120]] as const) {
      expect(nQ * n * d).toBeGreaterThanOrEqual(AUTO_MIN_BRUTE_TERMS); // enough work for the pool
      for (const make of [gaussian, grid]) {
        const X = make(rs, n, d);
        // queries: some fit rows themselves (distance 0, duplicates in the grid) and fresh rows
        const Q = make(rs, nQ, d);
        for (let i = 0; i < nQ; i += 3) Q.data.set(X.data.subarray(i * 97 * d, i * 97 * d + d), i * d);
        for (const k of [1, 6, 17]) {
          const ref = searchNeighbors(X, Q, k, 'brute', 1);
          for (const jobs of [2, 3]) expectIdentical(searchNeighborsParallel(X, Q, k, 'brute', jobs), ref);
        }
      }
    }
  });

  it('in-arena variant writes what searchNeighborsInArena writes (self, explicit queries, excludeSelf)', () => {
    const rs = new RandomState(7);
    for (const [n, d, k] of [[4000, 2, 2], [3000, 20, 3]] as const) {
      const X = grid(rs, n, d);
      for (const [useQuery, excludeSelf] of [[false, true], [false, false], [true, false], [true, true]] as const) {
        const run = (parallel: boolean) => withArena((arena) => {
          const fit = arena.f64From(X.data);
          const query = useQuery ? arena.f64From(X.data.subarray(0, 3000 * d)) : 0;
          const nQ = useQuery ? 3000 : n;
          const idx = arena.i32(nQ * k);
          const dist = arena.f64(nQ * k);
          if (parallel) searchNeighborsInArenaParallel(arena, fit, n, d, query, nQ, k, excludeSelf, idx, dist, 'auto', 0, 2);
          else searchNeighborsInArena(arena, fit, n, d, query, nQ, k, excludeSelf, idx, dist, 'auto');
          return { indices: readI32(idx, nQ * k), distances: readF64(dist, nQ * k) };
        });
        expectIdentical(run(true), run(false));
      }
    }
  });

  it('honours a mask: dense masks run on the pool, sparse ones on one thread, selected rows equal', () => {
    const rs = new RandomState(17);
    const n = 6000, d = 2, k = 3;
    const X = grid(rs, n, d);
    for (const density of [0.9, 0.1]) {
      const selected = Array.from(rs.randomSample(n), (u) => (u < density ? 1 : 0));
      const run = (parallel: boolean) => withArena((arena) => {
        const fit = arena.f64From(X.data);
        const mask = arena.u8From(selected);
        const idx = arena.i32(n * k), dist = arena.f64(n * k);
        if (parallel) searchNeighborsInArenaParallel(arena, fit, n, d, 0, n, k, true, idx, dist, 'kd_tree', mask, 2);
        else searchNeighborsInArena(arena, fit, n, d, 0, n, k, true, idx, dist, 'kd_tree', mask, 1);
        const keep = (_: number, i: number) => selected[Math.floor(i / k)] === 1;
        return { indices: readI32(idx, n * k).filter(keep), distances: readF64(dist, n * k).filter(keep) };
      });
      closePool();
      expectIdentical(run(true), run(false));
      expect(poolSize()).toBe(density > 0.5 ? 1 : 0);
    }
  });

  it('reuses one pool across calls and starts again after closePool', () => {
    const rs = new RandomState(3);
    const X = gaussian(rs, 4000, 2);
    const ref = searchNeighbors(X, null, 2);
    expectIdentical(searchNeighborsParallel(X, null, 2, 'auto', 3), ref);
    const size = poolSize();
    expect(size).toBe(2);
    expectIdentical(searchNeighborsParallel(X, null, 2, 'auto', 2), ref);
    expect(poolSize()).toBe(size);
    closePool();
    expect(poolSize()).toBe(0);
    expectIdentical(searchNeighborsParallel(X, null, 2, 'auto', 2), ref);
    expect(poolSize()).toBe(1);
  });

  it('keeps the single-thread errors', () => {
    const X = gaussian(new RandomState(1), 3000, 2);
    expect(() => searchNeighborsParallel(X, null, 3000, 'auto', 2)).toThrow(RangeError);
    expect(() => searchNeighborsParallel(X, { data: new Float64Array(3000 * 3), rows: 3000, cols: 3 }, 2, 'auto', 2)).toThrow(/features/);
  });

  it('lets the process exit without closePool (workers are unref\'d)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imbalanced-pool-'));
    const script = join(dir, 'exit.mts');
    const src = new URL('../src/', import.meta.url).href;
    writeFileSync(script, [
      `import { RandomState } from ${JSON.stringify(src + 'index.ts')};`,
      `import { searchNeighborsParallel } from ${JSON.stringify(src + 'parallel/search.ts')};`,
      `import { poolSize } from ${JSON.stringify(src + 'parallel/pool.ts')};`,
      'const rs = new RandomState(1);',
      'const X = { data: rs.standardNormal(8000), rows: 4000, cols: 2 };',
      'const r = searchNeighborsParallel(X, null, 2, "auto", 2);',
      'console.log(JSON.stringify({ rows: r.indices.length / 2, workers: poolSize() }));',
    ].join('\n'));
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { timeout: 60_000, encoding: 'utf8', cwd: new URL('..', import.meta.url).pathname });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ rows: 4000, workers: 1 });
  });
});

describe('par_knn_scatter (WASM) against a plain TypeScript version', () => {
  function scatterTs(tmpIdx: Int32Array, tmpDist: Float64Array, nQ: number, kIn: number, kOut: number, perm: Int32Array | null, first: number, dropSelf: boolean, outIdx: Int32Array, outDist: Float64Array) {
    for (let i = 0; i < nQ; i++) {
      const self = perm ? perm[first + i] : first + i;
      let w = 0;
      for (let j = 0; j < kIn && w < kOut; j++) {
        const id = tmpIdx[i * kIn + j];
        if (dropSelf && id === self) continue;
        outIdx[self * kOut + w] = id;
        outDist[self * kOut + w] = tmpDist[i * kIn + j];
        w++;
      }
    }
  }
  it('matches on seeded data with and without a permutation and self-dropping', () => {
    const rs = new RandomState(11);
    const scatter = kernels().par_knn_scatter as (...a: number[]) => void;
    for (const [n, nQ, first, kOut, usePerm, dropSelf] of [[50, 20, 5, 3, true, true], [40, 40, 0, 2, false, true], [30, 10, 7, 4, true, false], [30, 12, 3, 1, false, false]] as const) {
      const kIn = dropSelf ? kOut + 1 : kOut;
      const perm = usePerm ? rs.permutation(n) : null;
      // each row: distinct candidate ids, the row's own id placed at a random position or absent
      const tmpIdx = new Int32Array(nQ * kIn);
      for (let i = 0; i < nQ; i++) {
        const ids = rs.permutation(n);
        tmpIdx.set(ids.subarray(0, kIn), i * kIn);
      }
      const tmpDist = rs.randomSample(nQ * kIn);
      const expIdx = new Int32Array(n * kOut).fill(-1);
      const expDist = new Float64Array(n * kOut).fill(-1);
      scatterTs(tmpIdx, tmpDist, nQ, kIn, kOut, perm, first, dropSelf, expIdx, expDist);
      const got = withArena((arena) => {
        const ti = arena.i32From(tmpIdx), td = arena.f64From(tmpDist);
        const pp = perm ? arena.i32From(perm) : 0;
        const oi = arena.i32From(new Int32Array(n * kOut).fill(-1)), od = arena.f64From(new Float64Array(n * kOut).fill(-1));
        scatter(ti, td, nQ, kIn, kOut, pp, first, dropSelf ? 1 : 0, oi, od);
        return { indices: readI32(oi, n * kOut), distances: readF64(od, n * kOut) };
      });
      expectIdentical(got, { indices: expIdx, distances: expDist });
    }
  });
});

describe('par_knn_merge_heaps (WASM) against a plain TypeScript version', () => {
  /** The k smallest (distance, index) pairs of two lists, sorted (what merged heaps must hold). */
  function mergeTs(a: [number, number][], b: [number, number][], k: number): [number, number][] {
    return [...a, ...b].sort((x, y) => x[0] - y[0] || x[1] - y[1]).slice(0, k);
  }
  it('merges heaps of disjoint row ranges into the heaps of the whole, ties by index', () => {
    const rs = new RandomState(5);
    const kern = kernels() as unknown as Record<string, (...a: number[]) => void>;
    for (const [nQ, k, offset, fillA, fillB] of [[6, 4, 100, 4, 4], [5, 3, 7, 3, 1], [4, 5, 50, 2, 5], [3, 1, 9, 1, 0]] as const) {
      // distances from a few values, so ties across the two sets are common
      const lists = (fill: number, base: number) => Array.from({ length: nQ }, () =>
        Array.from({ length: fill }, (_, j): [number, number] => [Number(rs.randint(0, 4, 1)[0]), base + j * 3 + Number(rs.randint(0, 3, 1)[0])]));
      const A = lists(fillA, 0);
      const B = lists(fillB, 0);
      const got = withArena((arena) => {
        // a valid max-heap per query: sentinels (+inf, MAX) first, then the entries in descending order
        const heaps = (L: [number, number][][]) => {
          const idx = new Int32Array(nQ * k).fill(2 ** 31 - 1);
          const dist = new Float64Array(nQ * k).fill(Infinity);
          L.forEach((row, q) => [...row].sort((x, y) => y[0] - x[0] || y[1] - x[1]).forEach(([e, i], j) => {
            dist[q * k + (k - row.length) + j] = e;
            idx[q * k + (k - row.length) + j] = i;
          }));
          return { ip: arena.i32From(idx), dp: arena.f64From(dist) };
        };
        const a = heaps(A);
        const b = heaps(B);
        kern.par_knn_merge_heaps(a.ip, a.dp, b.ip, b.dp, nQ, k, offset);
        kern.knn_brute_finish(a.ip, a.dp, nQ, k);
        return { indices: readI32(a.ip, nQ * k), distances: readF64(a.dp, nQ * k) };
      });
      const expIdx = new Int32Array(nQ * k).fill(2 ** 31 - 1);
      const expDist = new Float64Array(nQ * k).fill(Infinity);
      for (let q = 0; q < nQ; q++) {
        const merged = mergeTs(A[q], B[q].map(([e, i]): [number, number] => [e, i + offset]), k);
        merged.forEach(([e, i], j) => { expIdx[q * k + j] = i; expDist[q * k + j] = Math.sqrt(e); });
      }
      expectIdentical(got, { indices: expIdx, distances: expDist });
    }
  });
});

describe('par_kdtree_* (WASM) build the same tree as knn_kdtree_build', () => {
  /** Median positions of the implicit tree (where `split` is meaningful), as a plain TS walk. */
  function medians(n: number, leafSize: number): number[] {
    const out: number[] = [];
    const stack = [[0, n - 1]];
    while (stack.length) {
      const [lo, hi] = stack.pop()!;
      if (hi - lo + 1 <= leafSize) continue;
      const m = (lo + hi) >> 1;
      out.push(m);
      stack.push([lo, m - 1], [m + 1, hi]);
    }
    return out.sort((a, b) => a - b);
  }
  it('splits the top levels then builds subtrees into identical tree, perm and split arrays', () => {
    const k = kernels() as unknown as Record<string, (...a: number[]) => number>;
    const rs = new RandomState(5);
    for (const [n, d] of [[1000, 2], [777, 3], [5000, 1], [300, 9]] as const) {
      for (const X of [gaussian(rs, n, d), grid(rs, n, d)]) {
        const leaf = 16;
        const build = (parallel: boolean) => withArena((arena) => {
          const size = k.knn_kdtree_tree_f64(n, d, leaf);
          const data = arena.f64From(X.data), tree = arena.f64From(new Float64Array(size)), perm = arena.i32(n), split = arena.i32From(new Int32Array(n));
          const stk = arena.i32(k.knn_kdtree_build_stack_i32());
          if (!parallel) k.knn_kdtree_build(data, n, d, leaf, tree, perm, split, stk);
          else {
            // heap node numbers: root 0, children of i are 2i+1 (left) and 2i+2 (right)
            k.par_kdtree_init(data, n, d, tree, perm);
            const root = k.par_kdtree_split(tree, perm, split, n, d, leaf, 0, n - 1, 0);
            const left = k.par_kdtree_split(tree, perm, split, n, d, leaf, 0, root - 1, 1);
            k.par_kdtree_build_range(tree, perm, split, n, d, leaf, root + 1, n - 1, 2, stk);
            k.par_kdtree_build_range(tree, perm, split, n, d, leaf, left + 1, root - 1, 4, stk);
            k.par_kdtree_build_range(tree, perm, split, n, d, leaf, 0, left - 1, 3, stk);
          }
          const splits = readI32(split, n);
          // the whole buffer: rows and every node box
          return { tree: readF64(tree, size), perm: readI32(perm, n), split: medians(n, leaf).map((m) => splits[m]) };
        });
        const a = build(true);
        const b = build(false);
        expect(Array.from(a.perm)).toEqual(Array.from(b.perm));
        expect(Array.from(a.tree)).toEqual(Array.from(b.tree));
        expect(a.split).toEqual(b.split);
        // and it is a valid KD-tree: every median separates its range on its split dimension
        const stack = [[0, n - 1]];
        const splitAt = new Map(medians(n, leaf).map((m, i) => [m, a.split[i]]));
        while (stack.length) {
          const [lo, hi] = stack.pop()!;
          if (hi - lo + 1 <= leaf) continue;
          const m = (lo + hi) >> 1;
          const s = splitAt.get(m)!;
          const v = a.tree[m * d + s];
          for (let r = lo; r < m; r++) expect(a.tree[r * d + s]).toBeLessThanOrEqual(v);
          for (let r = m + 1; r <= hi; r++) expect(a.tree[r * d + s]).toBeGreaterThanOrEqual(v);
          stack.push([lo, m - 1], [m + 1, hi]);
        }
      }
    }
  });
});

describe('fallback to one thread', () => {
  it('prints its notice once per process', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      fallbackNotice('SharedArrayBuffer is not available');
      fallbackNotice('SharedArrayBuffer is not available');
      expect(info).toHaveBeenCalledTimes(1);
      expect(String(info.mock.calls[0][0])).toMatch(/nJobs > 1 runs on one thread: SharedArrayBuffer is not available/);
    } finally {
      info.mockRestore();
    }
  });

  it('small queries stay on the calling thread (no pool is started)', () => {
    closePool();
    const X = gaussian(new RandomState(8), MIN_PARALLEL_QUERIES - 1, 2);
    expectIdentical(searchNeighborsParallel(X, null, 2, 'auto', 2), searchNeighbors(X, null, 2));
    expect(poolSize()).toBe(0);
  });
});

describe('nJobs values', () => {
  it('reads nJobs as scikit-learn does and validates it', () => {
    expect(resolveJobs(3)).toBe(3);
    expect(resolveJobs(-1)).toBe(cpuCount());
    expect(getNJobs()).toBeNull(); // automatic until setNJobs
    expect(isAutomaticJobs(undefined)).toBe(true);
    expect(resolveJobs(null)).toBe(cpuCount()); // under Node: every processor (for large searches)
    expect(() => resolveJobs(0)).toThrow(RangeError);
    expect(() => resolveJobs(1.5)).toThrow(TypeError);
    expect(() => setNJobs(0)).toThrow(/nJobs/);
    setNJobs(2);
    expect(resolveJobs(undefined)).toBe(2);
    expect(isAutomaticJobs(undefined)).toBe(false);
    setNJobs(1);
    expect(resolveJobs(undefined)).toBe(1);
    setNJobs(null);
    expect(isAutomaticJobs(undefined)).toBe(true);
    expect(isAutomaticJobs(1)).toBe(false);
  });
});

describe('automatic thread count (no nJobs, no setNJobs)', () => {
  it('threads a large separate brute-force search only, with the one-thread result', () => {
    const rs = new RandomState(31);
    const fit = gaussian(rs, 1000, 20);
    const small = gaussian(rs, 100, 20);
    const large = gaussian(rs, MIN_PARALLEL_QUERIES + 100, 20);
    expect(large.rows * fit.rows * fit.cols).toBeGreaterThanOrEqual(AUTO_MIN_BRUTE_TERMS);
    closePool();
    const oneSmall = searchNeighbors(fit, small, 3, 'brute', 1);
    const oneLarge = searchNeighbors(fit, large, 3, 'brute', 1);
    expectIdentical(searchNeighbors(fit, small, 3, 'brute'), oneSmall);
    expect(poolSize()).toBe(0);
    expectIdentical(searchNeighbors(fit, large, 3, 'brute'), oneLarge);
    expect(poolSize()).toBe(cpuCount() - 1);
  });

  it('threads the build of a large KD-tree even for few queries, with the one-thread result (ties included)', () => {
    const rs = new RandomState(33);
    for (const make of [gaussian, grid]) {
      const fit = make(rs, AUTO_MIN_KD_BUILD_ROWS + 500, 2);
      const few = make(rs, 300, 2);
      const smallFit = make(rs, AUTO_MIN_KD_BUILD_ROWS - 1, 2);
      closePool();
      const oneSmall = searchNeighbors(smallFit, few, 5, 'kd_tree', 1);
      expectIdentical(searchNeighbors(smallFit, few, 5, 'kd_tree'), oneSmall);
      expect(poolSize()).toBe(0);
      const one = searchNeighbors(fit, few, 5, 'kd_tree', 1);
      expectIdentical(searchNeighbors(fit, few, 5, 'kd_tree'), one);
      expect(poolSize()).toBe(cpuCount() - 1);
    }
  });

  it('threads a large brute-force self query in tiles, with the one-thread result (ties included)', () => {
    const rs = new RandomState(32);
    for (const make of [gaussian, grid]) {
      const X = make(rs, 2600, 20);
      expect((X.rows * X.rows * X.cols) / 2).toBeGreaterThanOrEqual(AUTO_MIN_BRUTE_TERMS);
      closePool();
      const one = searchNeighbors(X, null, 4, 'brute', 1);
      const oneWithSelf = searchNeighbors(X, X, 4, 'brute', 1); // the row itself may come back
      expectIdentical(searchNeighbors(X, null, 4, 'brute'), one);
      expect(poolSize()).toBe(cpuCount() - 1);
      expectIdentical(searchNeighbors(X, X, 4, 'brute'), oneWithSelf);
      expectIdentical(searchNeighbors(X, X, 4, 'brute', 3), oneWithSelf);
    }
  });
});

describe('tileRounds (the schedule of threaded brute-force self queries)', () => {
  for (const [nGroups, threads] of [[100, 2], [7, 3], [1000, 4], [3, 2], [1, 2], [64, 1]] as const) {
    it(`covers every pair g <= h once, with disjoint heaps within a round (${nGroups} groups, ${threads} threads)`, () => {
      const seen = new Uint8Array(nGroups * nGroups);
      for (const round of tileRounds(nGroups, threads)) {
        const owner = new Int32Array(nGroups).fill(-1);
        round.forEach(([gLo, gHi, hLo, hHi], t) => {
          for (const [lo, hi] of [[gLo, gHi], [hLo, hHi]]) {
            for (let g = lo; g < hi; g++) {
              expect(owner[g] === -1 || owner[g] === t).toBe(true); // no group in two tiles of a round
              owner[g] = t;
            }
          }
          for (let h = hLo; h < hHi; h++) for (let g = gLo; g < Math.min(gHi, h + 1); g++) seen[g * nGroups + h]++;
        });
      }
      for (let g = 0; g < nGroups; g++) for (let h = 0; h < nGroups; h++) expect(seen[g * nGroups + h]).toBe(h >= g ? 1 : 0);
    });
  }
});

describe('nJobs through NearestNeighbors and every sampler', () => {
  it('NearestNeighbors({ nJobs: 2 }) returns what one thread returns, on the pool', () => {
    closePool();
    const rs = new RandomState(21);
    for (const algorithm of ['kd_tree', 'brute'] as const) {
      const X = grid(rs, 3000, 3);
      const Q = gaussian(rs, 2500, 3);
      const one = new NearestNeighbors({ nNeighbors: 4, algorithm }).fit(X);
      const two = new NearestNeighbors({ nNeighbors: 4, algorithm, nJobs: 2 }).fit(X);
      expectIdentical(two.kneighbors(), one.kneighbors());
      expectIdentical(two.kneighbors(Q, 2), one.kneighbors(Q, 2));
    }
    expect(poolSize()).toBe(1);
    expect(new NearestNeighbors({ nJobs: -1 }).getParams()).toEqual({ nNeighbors: 5, algorithm: 'auto', nJobs: -1 });
  });

  it('NearestNeighbors validates nJobs at fit', () => {
    const X = [[0, 0], [1, 1], [2, 2]];
    expect(() => new NearestNeighbors({ nJobs: 0 }).fit(X)).toThrow(RangeError);
    expect(() => new NearestNeighbors({ nJobs: 0 }).fit(X)).toThrow(/'nJobs' parameter of NearestNeighbors/);
    expect(() => new NearestNeighbors({ nJobs: 2.5 }).fit(X)).toThrow(TypeError);
  });

  it('setNJobs(2) leaves SMOTE, TomekLinks, EditedNearestNeighbours and SMOTEENN results unchanged', () => {
    const { X, y } = makeClassification({ nSamples: 30_000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.8], flipY: 0.05, randomState: 4 });
    const makers = [() => new SMOTE({ randomState: 1 }), () => new TomekLinks(), () => new EditedNearestNeighbours(), () => new SMOTEENN({ randomState: 1 })];
    closePool();
    setNJobs(1);
    const serial = makers.map((m) => m().fitResample(X, y));
    expect(poolSize()).toBe(0);
    setNJobs(2);
    try {
      const parallel = makers.map((m) => m().fitResample(X, y));
      expect(poolSize()).toBe(1);
      parallel.forEach((res, i) => {
        expect(Array.from(res.X.data)).toEqual(Array.from(serial[i].X.data));
        expect(Array.from(res.y as Int32Array)).toEqual(Array.from(serial[i].y as Int32Array));
      });
    } finally {
      setNJobs(null);
    }
  });
});

describe('k-means assignments on the pool', () => {
  it('MiniBatchKMeans and KMeansSMOTE give the one-thread results, bit for bit, when threads share the assignments', () => {
    // 6,000 x 32 rows, 16 centres: MiniBatchKMeans' batches of 2,048 (2,048 x 32 x 16 values)
    // and every final assignment are large enough for plain threaded jobs (MIN_THREADED_ASSIGN);
    // KMeansSMOTE's batches of 1,024 go as redoable jobs (MIN_REDO_ASSIGN)
    const { X, y } = makeClassification({ nSamples: 6000, nFeatures: 32, nRedundant: 0, nClustersPerClass: 1, weights: [0.9], flipY: 0, randomState: 3 });
    expect(2048 * 32 * 16).toBeGreaterThanOrEqual(MIN_THREADED_ASSIGN);
    expect(1024 * 32 * 10).toBeLessThan(MIN_THREADED_ASSIGN);
    expect(1024 * 32 * 10).toBeGreaterThanOrEqual(MIN_REDO_ASSIGN);
    const fit = () => {
      const m = new MiniBatchKMeans({ nClusters: 16, batchSize: 2048, randomState: 2 }).fit(X);
      const poolAfterKMeans = poolSize();
      const s = new KMeansSMOTE({ kmeansEstimator: 10, clusterBalanceThreshold: 0.02, randomState: 1 }).fitResample(X, y);
      return { m, s, poolAfterKMeans };
    };
    closePool();
    setNJobs(1);
    const serial = fit();
    expect(poolSize()).toBe(0);
    setNJobs(2);
    try {
      const parallel = fit();
      expect(parallel.poolAfterKMeans).toBe(1); // the k-means fit itself started the pool
      expect(parallel.m.nSteps_).toBe(serial.m.nSteps_);
      expect(Array.from(parallel.m.labels_!)).toEqual(Array.from(serial.m.labels_!));
      expect(Array.from(parallel.m.clusterCenters_!.data)).toEqual(Array.from(serial.m.clusterCenters_!.data));
      expect(parallel.m.inertia_).toBe(serial.m.inertia_);
      expect(Array.from(parallel.s.X.data)).toEqual(Array.from(serial.s.X.data));
      expect(Array.from(parallel.s.y as Int32Array)).toEqual(Array.from(serial.s.y as Int32Array));
    } finally {
      setNJobs(null);
    }
  });

  it('redoable batches: with chunks taken over from the worker at once, the fits equal the one-thread fits', () => {
    // patience 0: the calling thread takes over every chunk the worker still holds when it gets
    // to it, so both the worker's commits and its dropped results occur
    const { X, y } = makeClassification({ nSamples: 20000, nFeatures: 16, nRedundant: 0, nClustersPerClass: 1, weights: [0.95], flipY: 0, randomState: 8 });
    expect(1024 * 16 * 12).toBeGreaterThanOrEqual(MIN_REDO_ASSIGN);
    expect(1024 * 16 * 12).toBeLessThan(MIN_THREADED_ASSIGN);
    const fit = () => ({
      m: new MiniBatchKMeans({ nClusters: 12, randomState: 6 }).fit(X),
      s: new KMeansSMOTE({ kmeansEstimator: 12, clusterBalanceThreshold: 0.02, randomState: 5 }).fitResample(X, y),
    });
    setNJobs(1);
    const serial = fit();
    setNJobs(2);
    const was = setRedoPatience(0);
    try {
      const pool = getPool()!;
      const before = pool.takenOver;
      for (let round = 0; round < 3; round++) {
        const parallel = fit();
        expect(parallel.m.nSteps_).toBe(serial.m.nSteps_);
        expect(Array.from(parallel.m.labels_!)).toEqual(Array.from(serial.m.labels_!));
        expect(Array.from(parallel.m.clusterCenters_!.data)).toEqual(Array.from(serial.m.clusterCenters_!.data));
        expect(parallel.m.inertia_).toBe(serial.m.inertia_);
        expect(Array.from(parallel.s.X.data)).toEqual(Array.from(serial.s.X.data));
      }
      expect(pool.takenOver, 'chunks taken over from the worker').toBeGreaterThan(before);
    } finally {
      setRedoPatience(was);
      setNJobs(null);
    }
  });

  it('automatic thread count: small k-means fits stay on the calling thread', () => {
    closePool();
    const { X } = makeClassification({ nSamples: 2000, nFeatures: 4, randomState: 1 });
    expect(2000 * 4 * 8).toBeLessThan(MIN_THREADED_ASSIGN);
    new MiniBatchKMeans({ randomState: 0 }).fit(X);
    expect(poolSize()).toBe(0);
  });
});

describe('redoable jobs: the chunk protocol of runKnnChunks, one thread playing each role', () => {
  // 300 entries in chunks of 64: chunks 0..3 of 64 rows and chunk 4 of 44
  const job = (patience: number): KnnJob => ({
    method: 6, ranges: [], nFit: 0, d: 8, leafSize: 0, tree: 0, perm: 0, split: 0, fit: 64, query: 1000, nQuery: 300, k: 3,
    excludeSelf: 0, outIdx: 5000, outDist: 9000, chunkRows: 64, nChunks: 5,
    slots: [0, 1].map((s) => ({ stk: 0, off: 0, pairs: 100 + s, tmpIdx: 200 + s, tmpDist: 300 + s, buildStk: 0 })),
    km: { centers: 32, q16: 0, mode: 0, out: 0, redo: 1, patience },
  });
  type Call = number[];
  /** A kernel stand-in that logs its calls (assign: entry list, lo, hi, label and distance outputs; copy: all arguments). */
  function fake(onAssign: (call: Call) => void = () => {}) {
    const assigns: Call[] = [];
    const copies: Call[] = [];
    const kern = {
      cluster_assign_rows_q16: (...a: number[]) => { const call = [a[2], a[3], a[4], a[7], a[8]]; assigns.push(call); onAssign(call); return 1; },
      cluster_copy_assigned: (...a: number[]) => { copies.push(a); },
    } as unknown as ChunkKernels;
    return { kern, assigns, copies };
  }
  const control = () => new Int32Array(new SharedArrayBuffer(CONTROL.length * 4));
  const setStates = (c: Int32Array, gen: number, status: number[]) => status.forEach((v, i) => { c[CONTROL.states + i] = (gen << 3) | v; });
  const statesOf = (c: Int32Array) => Array.from(c.subarray(CONTROL.states, CONTROL.states + 5));
  const done = (gen: number) => Array(5).fill((gen << 3) | REDO.done);

  it('the calling thread alone computes every free chunk into the output, in order', () => {
    const c = control();
    setStates(c, 7, [0, 0, 0, 0, 0]);
    const f = fake();
    expect(runKnnChunks(f.kern, c, job(0), 0, 7)).toBe(0);
    expect(f.assigns).toEqual([[1000, 0, 64, 5000, 9000], [1000, 64, 128, 5000, 9000], [1000, 128, 192, 5000, 9000], [1000, 192, 256, 5000, 9000], [1000, 256, 300, 5000, 9000]]);
    expect(statesOf(c)).toEqual(done(7));
  });

  it('a worker takes chunks from the end into its scratch and copies each out', () => {
    const c = control();
    setStates(c, 7, [REDO.main, REDO.done, 0, 0, 0]);
    const f = fake();
    runKnnChunks(f.kern, c, job(0), 1, 7);
    // its entries start at the chunk's place in the list; its scratch is slot 1's
    expect(f.assigns).toEqual([[1000 + 4 * 256, 0, 44, 201, 301], [1000 + 4 * 192, 0, 64, 201, 301], [1000 + 4 * 128, 0, 64, 201, 301]]);
    expect(f.copies).toEqual([[5000 + 4 * 256, 9000 + 8 * 256, 201, 301, 44], [5000 + 4 * 192, 9000 + 8 * 192, 201, 301, 64], [5000 + 4 * 128, 9000 + 8 * 128, 201, 301, 64]]);
    expect(statesOf(c)).toEqual([(7 << 3) | REDO.main, ...done(7).slice(1)]);
  });

  it('the calling thread takes over a chunk a worker holds (a worker that lost its core)', () => {
    const c = control();
    setStates(c, 7, [0, 0, REDO.worker, 0, 0]);
    const f = fake();
    expect(runKnnChunks(f.kern, c, job(0), 0, 7)).toBe(1);
    expect(f.assigns.map((a) => a[1])).toEqual([0, 64, 192, 256, 128]);
    expect(statesOf(c)).toEqual(done(7));
  });

  it('a worker whose chunk was taken over meanwhile drops its result and stops', () => {
    const c = control();
    setStates(c, 7, [0, 0, 0, 0, 0]);
    // while the worker computes its first chunk (4), the calling thread takes it over
    const f = fake(() => { c[CONTROL.states + 4] = (7 << 3) | REDO.main; });
    runKnnChunks(f.kern, c, job(0), 1, 7);
    expect(f.assigns.length).toBe(1);
    expect(f.copies).toEqual([]);
    expect(statesOf(c)).toEqual([0, 0, 0, 0, REDO.main].map((v) => (7 << 3) | v));
  });

  it('a worker assigning rows lo..hi (no row list) writes them from its scratch minus lo, then copies them out', () => {
    const c = control();
    setStates(c, 7, [REDO.done, REDO.done, REDO.done, REDO.done, 0]);
    const f = fake();
    runKnnChunks(f.kern, c, { ...job(0), query: 0 }, 1, 7);
    expect(f.assigns).toEqual([[0, 256, 300, 201 - 4 * 256, 301 - 8 * 256]]);
    expect(f.copies).toEqual([[5000 + 4 * 256, 9000 + 8 * 256, 201, 301, 44]]);
  });

  it('quantisation chunks: computed in place by whoever takes them, no scratch and no copy', () => {
    const log: number[][] = [];
    const kern = {
      cluster_rows16_deviation: (...a: number[]) => { log.push([1, ...a]); },
      cluster_rows16_quantise: (...a: number[]) => { log.push([2, ...a]); },
    } as unknown as ChunkKernels;
    for (const mode of [1, 2]) {
      log.length = 0;
      const c = control();
      setStates(c, 7, [0, 0, 0, REDO.worker, 0]);
      const j = { ...job(0), query: 0, km: { ...job(0).km!, mode, out: 700, q16: 800 } };
      // this worker takes every free chunk from the end (3 is held by another, stalled worker);
      // the calling thread then takes 3 over
      runKnnChunks(kern, c, j, 1, 7);
      expect(runKnnChunks(kern, c, j, 0, 7)).toBe(1);
      const args = (lo: number, hi: number, chunk: number) => (mode === 1 ? [1, 64, 8, lo, hi, 800, 700 + 16 * chunk] : [2, 64, 8, lo, hi, 800]);
      expect(log).toEqual([args(256, 300, 4), args(128, 192, 2), args(64, 128, 1), args(0, 64, 0), args(192, 256, 3)]);
      expect(statesOf(c)).toEqual(done(7));
    }
  });

  it('a worker still on an older generation takes nothing', () => {
    const c = control();
    setStates(c, 8, [0, 0, 0, 0, 0]);
    const f = fake();
    runKnnChunks(f.kern, c, job(0), 1, 7);
    expect(f.assigns).toEqual([]);
    expect(statesOf(c)).toEqual(Array(5).fill(8 << 3));
  });

  it('the state words sit where runKnnChunks reads them (it may not import CONTROL)', () => {
    expect(CONTROL.states).toBe(16);
    expect(runKnnChunks.toString()).toContain('16 + c');
  });
});
