import { describe, expect, it } from 'vitest';
import { RandomState } from '../src/index.js';
import { loadReference, firstMismatch } from './helpers.js';

type Call = { method: string; args: Record<string, any> };
const ref = loadReference('rng.json');

function run(rs: RandomState, { method, args }: Call): unknown {
  switch (method) {
    case 'random_sample': return Array.from(rs.randomSample(args.size));
    case 'uniform': return Array.from(rs.uniform(args.low, args.high, args.size));
    case 'randint': {
      const v = Array.from(rs.randint(args.low, args.high, args.size ?? 1));
      return args.size === null ? v[0] : v;
    }
    case 'standard_normal': return Array.from(rs.standardNormal(args.size));
    case 'permutation': return Array.from(rs.permutation(args.n));
    case 'shuffle': {
      const a = Array.from({ length: args.n }, (_, i) => i);
      return rs.shuffle(a);
    }
    case 'choice': return Array.from(rs.choice(args.a, args.size, args.replace, args.p ?? undefined));
    case 'get_state': {
      const s = rs.getState();
      return { key_first4: Array.from(s.key.slice(0, 4)), key_last2: Array.from(s.key.slice(622)), pos: s.pos };
    }
    default: throw new Error(`unknown method ${method}`);
  }
}

const gaussian = new Set(['standard_normal']);

describe.each([
  ['TypeScript path', Infinity],
  ['WebAssembly path', 0],
])('RandomState matches numpy (%s)', (_label, threshold) => {
  for (const c of ref.cases) {
    it(c.id, () => {
      const saved = RandomState.wasmThreshold;
      RandomState.wasmThreshold = threshold;
      try {
        const rs = new RandomState(c.inputs.seed);
        c.params.calls.forEach((call: Call, i: number) => {
          const exp = c.expected.results[i];
          const got = run(rs, call);
          if (gaussian.has(call.method)) {
            expect(firstMismatch(got as number[], exp.value, 1e-14)).toBe(-1);
          } else {
            expect(got).toEqual(exp.value);
          }
          const st = rs.getState();
          expect(st.pos).toBe(exp.state_after.pos);
          expect(st.hasGauss).toBe(exp.state_after.has_gauss);
          expect(Math.abs(st.cachedGaussian - exp.state_after.cached_gaussian)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(exp.state_after.cached_gaussian)));
        });
      } finally {
        RandomState.wasmThreshold = saved;
      }
    });
  }
});
