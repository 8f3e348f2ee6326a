import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every example in examples/ must run to completion: they are the course's lessons.
const dir = fileURLToPath(new URL('../examples/', import.meta.url));
const examples = readdirSync(dir).filter((f) => /\.ts$/.test(f) && f !== 'tour.ts').sort();

describe('examples run', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(0));
  for (const file of examples) {
    it(file, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${file}`], { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) });
      expect(r.stderr).not.toMatch(/Error|RuntimeError/);
      expect(r.status).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
    });
  }
});
