/**
 * The README's TypeScript examples run as written: every ```ts block that imports
 * 'imbalanced-wasm' (and is not browser-only code) is run against the built package, which
 * Node resolves by the package's own name.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((m) => m[1])
  .filter((code) => code.includes("from 'imbalanced-wasm'") && !/\bself\.|document\.|new Worker/.test(code));

describe('README examples', () => {
  it('has runnable examples', () => expect(blocks.length).toBeGreaterThan(1));
  blocks.forEach((code, i) => {
    it(`example ${i + 1} runs: ${code.split('\n').find((l) => l.includes('import'))?.slice(0, 60)}`, () => {
      const dir = `${root}out/readme-examples`;
      mkdirSync(dir, { recursive: true });
      const file = `${dir}/example${i + 1}.ts`;
      writeFileSync(file, code);
      const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      // printed results match the comments next to them (`console.log(...); // expected`)
      const expectations = [...code.matchAll(/console\.log\(.*\);\s*\/\/\s*(.+)$/gm)].map((m) => m[1].trim());
      const printed = r.stdout.trim().split('\n');
      expectations.forEach((text, k) => expect(printed[k]).toBe(text));
    });
  });
});
