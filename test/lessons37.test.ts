// Lessons 3 and 7 of the mini-course against lessons.json (seeds 1-3): printed lines, values,
// the model at the optimum and the confusion matrix.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lesson03 } from '../examples/lesson03.js';
import { lesson07 } from '../examples/lesson07.js';
import { firstMismatch, flat, loadReference } from './helpers.js';

const ref = loadReference('lessons.json');
const cases = ref.cases.filter((c: any) => c.lesson === 3 || c.lesson === 7);
const root = fileURLToPath(new URL('..', import.meta.url));

describe('lessons 3 and 7 reproduce the Python listings', () => {
  it('has the six reference cases', () => expect(cases.map((c: any) => c.id).sort()).toEqual(
    ['lesson03/seed=1', 'lesson03/seed=2', 'lesson03/seed=3', 'lesson07/seed=1', 'lesson07/seed=2', 'lesson07/seed=3'],
  ));
  for (const c of cases) {
    it(c.id, () => {
      const seed = c.inputs.seed;
      const result = c.lesson === 3 ? lesson03(seed) : lesson07(seed);
      const e = c.expected;
      expect(result.lines).toEqual(e.stdout);
      for (const [key, value] of Object.entries(e.values as Record<string, number>)) {
        const got = (result.values as Record<string, number>)[key];
        expect(Math.abs(got - value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(value)));
      }
      const cp = e.checkpoints;
      expect(result.confusion).toEqual(cp.confusion_matrix);
      expect(firstMismatch(result.model.coef.data, flat(cp.optimum.coef), 1e-6)).toBe(-1);
      expect(firstMismatch(result.model.intercept, cp.optimum.intercept, 1e-6)).toBe(-1);
      expect(result.model.converged).toBe(true);
    });
  }
  for (const file of ['lesson03.ts', 'lesson07.ts']) {
    it(`examples/${file} prints the listing's lines first (seed 2)`, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', `examples/${file}`, '--seed', '2'], { encoding: 'utf8', cwd: root });
      expect(r.status).toBe(0);
      const expected = cases.find((c: any) => c.id === `${file.slice(0, 8)}/seed=2`).expected.stdout as string[];
      expect(r.stdout.split('\n').slice(0, expected.length)).toEqual(expected);
      expect(r.stdout).toContain('# Bonus');
    });
  }
});
