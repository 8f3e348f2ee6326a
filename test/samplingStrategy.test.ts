import { describe, expect, it } from 'vitest';
import { checkSamplingStrategy } from '../src/index.js';
import { loadReference } from './helpers.js';

const ref = loadReference('sampling_strategy.json');

/** JSON dict keys are label strings: turn them back into the labels of y (numbers unless y holds strings). */
function strategyFor(param: unknown, y: unknown[]): unknown {
  if (param === null || typeof param !== 'object' || Array.isArray(param)) return param;
  const numeric = typeof y[0] === 'number';
  const entries = Object.entries(param as Record<string, number>).map(([k, v]) => [numeric && k !== '' && Number.isFinite(Number(k)) ? Number(k) : k, v] as [number | string, number]);
  // Python dicts keep the written (ascending) order; JS objects do not, so rebuild it as a Map.
  entries.sort((a, b) => (typeof a[0] === 'number' && typeof b[0] === 'number' ? a[0] - b[0] : String(a[0]) < String(b[0]) ? -1 : 1));
  return new Map(entries);
}

describe('checkSamplingStrategy against imbalanced-learn 0.10 (sampling_strategy.json)', () => {
  it('has cases', () => expect(ref.cases.length).toBe(443));
  for (const c of ref.cases) {
    it(c.id, () => {
      const y = c.inputs.y;
      const run = () => checkSamplingStrategy(strategyFor(c.params.sampling_strategy, y) as never, y, c.params.sampling_type);
      if (c.expected.error) {
        const Type = c.expected.error.type === 'TypeError' ? TypeError : RangeError;
        expect(run).toThrow(Type);
        expect(run).toThrow(c.expected.error.message);
        try { run(); } catch (e) { expect((e as Error).message).toBe(c.expected.error.message); }
      } else {
        expect([...run().entries()]).toEqual(c.expected.result);
      }
    });
  }
});

describe('checkSamplingStrategy: forms beyond the vectors', () => {
  const y = [0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2];
  it('accepts a plain object with string keys, in any written order', () => {
    expect([...checkSamplingStrategy({ 2: 6, 1: 6 }, y, 'over-sampling')]).toEqual([[1, 4], [2, 3]]);
  });
  it('calls a function of y and treats its result as a dict', () => {
    const seen: unknown[] = [];
    const fn = (labels: unknown) => { seen.push(labels); return new Map([[1, 5]]); };
    expect([...checkSamplingStrategy(fn, y, 'over-sampling')]).toEqual([[1, 3]]);
    expect(Array.from(seen[0] as Int32Array)).toEqual(y);
  });
  it('rejects a strategy of an unsupported type with a TypeError', () => {
    expect(() => checkSamplingStrategy(true as never, y, 'over-sampling')).toThrow(TypeError);
  });
  it('breaks count ties toward the smallest label', () => {
    expect([...checkSamplingStrategy('minority', [5, 5, 3, 3, 9, 9, 9], 'over-sampling')]).toEqual([[3, 1]]);
    expect([...checkSamplingStrategy('majority', [5, 5, 3, 3], 'under-sampling')]).toEqual([[3, 2]]);
  });
});
