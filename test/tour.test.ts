/**
 * `npm start` (examples/tour.ts) writes the self-contained report, shows progress on stderr, and
 * is seeded: two runs give the same report (up to the timings it prints).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const runTour = () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'examples/tour.ts'], { cwd: root, encoding: 'utf8' });
  return { ...r, html: readFileSync(`${root}out/report.html`, 'utf8') };
};
// the report states how long each comparison row took: the only part allowed to differ
const withoutTimes = (html: string) => html.replace(/<td class="num">\d+\.\d{3}<\/td><\/tr>/g, '<td>t</td></tr>');

describe('the tour (npm start)', () => {
  it('writes a self-contained report with plots and tables, and prints a summary', () => {
    const first = runTour();
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/\[1\/9\] Lesson 2/);
    expect(first.stderr).toMatch(/\[9\/9\] Writing out\/report.html/);
    expect(first.stdout).toMatch(/Counter\(\{0: 9900, 1: 100\}\)/);
    expect(first.stdout).toMatch(/Every sampler × logistic regression/);
    expect(first.html).toMatch(/^<!doctype html>/);
    expect(first.html).not.toMatch(/<script|<link|src="http/); // nothing external
    expect((first.html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(7);
    expect(first.html).toMatch(/ROC/);
    expect(first.html).toMatch(/breast cancer/);
    expect(first.html).not.toMatch(/error:/);
    const second = runTour();
    expect(withoutTimes(second.html)).toBe(withoutTimes(first.html));
  });
});
