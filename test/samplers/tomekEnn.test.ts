// TomekLinks and EditedNearestNeighbours against imbalanced-learn 0.10.0
// (test/reference/samplers_deterministic.json), plus their building blocks.
import { describe, expect, it } from 'vitest';
import { EditedNearestNeighbours, NearestNeighbors, RandomState, TomekLinks } from '../../src/index.js';
import { tomekLinkMask } from '../../src/samplers/under/tomekLinks.js';
import { neighbourhoodAgrees } from '../../src/samplers/under/editedNearestNeighbours.js';
import { flat, loadReference } from '../helpers.js';

const ref = loadReference('samplers_deterministic.json');
const cases = ref.cases.filter((c: any) => c.sampler === 'TomekLinks' || c.sampler === 'EditedNearestNeighbours');

/** Python keyword arguments → our options. */
function toOptions(params: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const name = key.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
    if (value && typeof value === 'object' && value.__class__ === 'NearestNeighbors') {
      out[name] = new NearestNeighbors({ nNeighbors: value.n_neighbors });
    } else out[name] = value;
  }
  return out;
}

function make(sampler: string, options: Record<string, unknown>) {
  return sampler === 'TomekLinks' ? new TomekLinks(options) : new EditedNearestNeighbours(options as object);
}

describe('samplers_deterministic.json: TomekLinks and EditedNearestNeighbours', () => {
  it('has the cases', () => {
    expect(cases.length).toBe(64);
  });
  for (const c of cases) {
    it(c.id, () => {
      const sampler = make(c.sampler, toOptions(c.params));
      const { X, y } = c.inputs;
      const exp = c.expected;
      if (exp.error) {
        let caught: unknown;
        try { sampler.fitResample(X, y); } catch (e) { caught = e; }
        expect(caught, 'an error').toBeInstanceOf(Error);
        const err = caught as Error;
        if (exp.error.type === 'ValueError') {
          expect(err).toBeInstanceOf(RangeError);
          expect(err.message).toBe(exp.error.message);
        } else {
          // InvalidParameterError: our wording names the owner, the camelCased parameter and the value
          const param = /The '(\w+)' parameter/.exec(exp.error.message)![1].replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
          const isObject = typeof Object.values(c.params)[0] === 'object';
          expect(err).toBeInstanceOf(isObject ? TypeError : RangeError);
          expect(err.message).toContain(`The '${param}' parameter of ${c.sampler} must be`);
        }
        return;
      }
      const res = sampler.fitResample(X, y);
      expect(Array.from(res.sampleIndices!)).toEqual(exp.sample_indices_);
      expect(Array.from(res.y as Int32Array)).toEqual(exp.y_res);
      expect(Array.from(res.X.data)).toEqual(flat(exp.X_res));
      expect(res.X.rows).toBe(exp.X_res.length);
      expect([...sampler.samplingStrategy_!.entries()]).toEqual(exp.sampling_strategy_);
      expect(Array.from(sampler.sampleIndices_!)).toEqual(exp.sample_indices_);
    });
  }
});

describe('Tomek links and ENN votes', () => {
  it('tomekLinkMask marks mutual nearest neighbours of different classes in cleaned classes only', () => {
    const codes = Int32Array.from([0, 1, 0, 0, 1]);
    const nearest = Int32Array.from([1, 0, 3, 2, 3]);
    expect(Array.from(tomekLinkMask(codes, nearest, Uint8Array.from([1, 1])))).toEqual([1, 1, 0, 0, 0]);
    expect(Array.from(tomekLinkMask(codes, nearest, Uint8Array.from([1, 0])))).toEqual([1, 0, 0, 0, 0]);
  });

  it("neighbourhoodAgrees: 'all' needs every neighbour, 'mode' breaks ties toward the smallest class", () => {
    // column 0 is the row itself and is ignored
    const codes = Int32Array.from([0, 1, 2, 1, 0]);
    const neighbors = Int32Array.from([9, 1, 0, 9, 2, 3, 9, 3, 3]);
    const padded = Int32Array.from([...codes, 0, 0, 0, 0, 0]);
    expect(Array.from(neighbourhoodAgrees(neighbors, 3, padded, 1, 3, 'all'))).toEqual([0, 0, 1]);
    // row 0: votes {1, 0} tie -> 0 (not 1); row 1: votes {2, 1} tie -> 1; row 2: {1, 1} -> 1
    expect(Array.from(neighbourhoodAgrees(neighbors, 3, padded, 1, 3, 'mode'))).toEqual([0, 1, 1]);
  });

  it('keeps string labels and never mutates its inputs', () => {
    const rs = new RandomState(7);
    const data = rs.standardNormal(60 * 2);
    const X = Array.from({ length: 60 }, (_, i) => [data[2 * i], data[2 * i + 1]]);
    const y = X.map((r, i) => (r[0] > 0.8 || i % 9 === 0 ? 'cat' : 'dog'));
    const copyX = JSON.stringify(X);
    const copyY = [...y];
    for (const s of [new TomekLinks({ samplingStrategy: 'all' }), new EditedNearestNeighbours({ kindSel: 'mode' })]) {
      const res = s.fitResample(X, y);
      expect(Array.isArray(res.y)).toBe(true);
      (res.y as string[]).forEach((label, r) => expect(label).toBe(y[res.sampleIndices![r]]));
      expect(JSON.stringify(X)).toBe(copyX);
      expect(y).toEqual(copyY);
    }
  });

  it('EditedNearestNeighbours gives the same rows with either search backend', () => {
    const rs = new RandomState(11);
    const n = 400;
    const data = rs.standardNormal(n * 3);
    const X = { data: Float64Array.from(data), rows: n, cols: 3 };
    const y = Int32Array.from({ length: n }, (_, i) => (data[3 * i] > 0.9 ? 2 : data[3 * i + 1] > 0.5 ? 1 : 0));
    for (const samplingStrategy of ['auto', 'all', 'majority', [1]]) {
      for (const kindSel of ['all', 'mode'] as const) {
        const run = (algorithm: 'kd_tree' | 'brute') => new EditedNearestNeighbours({
          samplingStrategy, kindSel, nNeighbors: new NearestNeighbors({ nNeighbors: 5, algorithm }),
        }).fitResample(X, y).sampleIndices!;
        const kd = run('kd_tree');
        expect(kd.length).toBeLessThan(n);
        expect(Array.from(run('brute'))).toEqual(Array.from(kd));
      }
    }
  });

  it('rejects a neighbourhood larger than the data', () => {
    const X = [[0], [1], [2], [3]];
    expect(() => new EditedNearestNeighbours({ nNeighbors: 4 }).fitResample(X, [0, 0, 1, 1])).toThrow(
      new RangeError('Expected n_neighbors <= n_samples, but n_samples = 4, n_neighbors = 5'));
    expect(() => new EditedNearestNeighbours({ nNeighbors: 4, unknown: 1 } as object)).toThrow(/no option 'unknown'/);
  });
});
