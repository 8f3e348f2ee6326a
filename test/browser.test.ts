/**
 * The package in a real browser (headless Chromium through playwright-core):
 * 1. the Vite-built playground (web/ -> web/dist, served alone by a tiny static server) generates the
 *    course's data in its Web Worker, runs a sampler, draws both scatter plots and scores the models;
 *    its counts must equal what the library computes here in Node for the same seeds;
 * 2. web/static.html loads dist/index.js as plain ES modules (no bundler) and fetches the .wasm by URL.
 * Neither page may log a console error. A screenshot goes to out/playground.png.
 *
 * Without /usr/bin/chromium the test passes with a notice, unless CI is set: then it fails.
 * Run: npx vitest run test/browser.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import * as lib from '../src/index.js';
import { optionsFor, parseOption } from '../web/samplerOptions.js';

/** Debian's chromium; CHROMIUM_PATH overrides it (e.g. to check the not-found path). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB_DIST = join(ROOT, 'web', 'dist');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A static file server on 127.0.0.1 rooted at `root`; records every path it could not serve. */
async function serveStatic(root: string, isolated = false): Promise<{ url: string; missing: string[]; close: () => Promise<void> }> {
  const missing: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    if (!(file === root || file.startsWith(root.endsWith(sep) ? root : root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      missing.push(path);
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // cross-origin isolation (COOP + COEP) is what gives a page SharedArrayBuffer
    const isolation = isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
    response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...isolation });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    missing,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Newest modification time under `dir` (recursively), in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

/** Console errors and uncaught exceptions of a page (and of its workers). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (message.type() === 'error') errors.push(`worker console: ${message.text()}`);
    });
  });
  return errors;
}

/** The class counts shown by a `.counts` element, as label -> count in display order. */
async function shownCounts(page: Page, selector: string): Promise<[string, number][]> {
  return page.$$eval(`${selector} .chip`, (chips) =>
    chips.map((chip) => [(chip as HTMLElement).dataset.label!, Number((chip as HTMLElement).dataset.count)] as [string, number]),
  );
}

const asPairs = (counts: Map<lib.Label, number>) => [...counts].map(([label, count]) => [String(label), count]);

/** Waits until the playground's status leaves 'busy', then requires 'done'. */
async function waitDone(page: Page): Promise<void> {
  await page.waitForFunction(() => !['busy', 'loading'].includes(document.getElementById('status')!.dataset.state!), null, {
    timeout: 60_000,
  });
  const state = await page.getAttribute('#status', 'data-state');
  if (state !== 'done') throw new Error(`playground failed: ${await page.textContent('#error')}`);
}

/** Opens the playground and waits until its worker has loaded the library. */
async function openPlayground(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  const errors = watchErrors(page);
  await page.goto(`${url}/index.html`);
  await page.waitForFunction(() => document.getElementById('status')!.dataset.state !== 'loading', null, { timeout: 60_000 });
  expect(await page.getAttribute('#status', 'data-state'), (await page.textContent('#error')) ?? '').toBe('idle');
  return { page, errors };
}

describe('browser: the playground and a plain static page in headless Chromium', () => {
  if (!existsSync(CHROMIUM)) {
    it(`needs ${CHROMIUM} (required when CI is set)`, () => {
      if (process.env.CI) throw new Error(`browser test: ${CHROMIUM} not found, and CI is set: install Debian's chromium.`);
      console.log(`browser test skipped: ${CHROMIUM} not found`);
    });
    return;
  }

  let browser: Browser;

  beforeAll(async () => {
    // The playground, bundled by Vite exactly as `npm run build:web` does.
    run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error']);
    // The static page imports dist/: rebuild it when a source file is newer.
    const distEntry = join(ROOT, 'dist', 'index.js');
    if (!existsSync(distEntry) || statSync(distEntry).mtimeMs < newestMtime(join(ROOT, 'src'))) {
      // tsc still emits when other parts of the tree have type errors; the page checks what matters.
      spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each([false, true])('fitResampleAsync runs in a module worker (and, isolated = %s, the worker pool)', async (isolated) => {
    const server = await serveStatic(WEB_DIST, isolated);
    const page = await browser.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(`${server.url}/scale.html`);
      await page.waitForFunction(() => document.getElementById('out')!.dataset.state !== 'running', null, { timeout: 90_000 });
      const data = await page.$eval('#out', (el) => ({ ...(el as HTMLElement).dataset }));
      expect(data.error).toBeUndefined();
      expect(data.state).toBe('done');
      expect(data.asyncEqual).toBe('true');
      expect(data.asyncCounts).toMatch(/^Counter\(\{0: \d+, 1: \d+\}\)$/);
      expect(Number(data.mainThreadTicks)).toBeGreaterThan(0);
      expect(data.abort).toBe('AbortError');
      expect(data.isolated).toBe(String(isolated));
      if (isolated) expect(data.poolEqual).toBe('true');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('the Vite playground generates data, resamples it in its worker and scores both models', async () => {
    const server = await serveStatic(WEB_DIST);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    const errors = watchErrors(page);
    const wasmRequests: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.wasm')) wasmRequests.push(`${response.status()} ${response.headers()['content-type']}`);
    });
    try {
      await page.goto(`${server.url}/index.html`);
      await page.waitForFunction(() => document.getElementById('status')!.dataset.state !== 'loading', null, { timeout: 60_000 });
      expect(await page.getAttribute('#status', 'data-state'), await page.textContent('#error') ?? '').toBe('idle');

      const samplers = await page.$$eval('#sampler option', (options) => options.map((o) => (o as HTMLOptionElement).value));
      const sampler = samplers.includes('SMOTE') ? 'SMOTE' : 'RandomUnderSampler';
      expect(samplers).toContain(sampler);

      // The course's data, as the page's defaults give it; split 50/50, stratified.
      await page.fill('#n-samples', '10000');
      await page.fill('#weight', '0.99');
      await page.fill('#data-seed', '1');
      await page.fill('#test-size', '0.5');
      await page.fill('#split-seed', '2');
      await page.click('#load');
      await waitDone(page);

      const { X, y } = lib.makeClassification({
        nSamples: 10000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1,
      });
      const split = lib.trainTestSplit(X, y, { testSize: 0.5, stratify: true, randomState: 2 });
      expect(await shownCounts(page, '#counts-dataset')).toEqual(asPairs(lib.classCounts(y)));
      expect(await shownCounts(page, '#counts-before')).toEqual(asPairs(lib.classCounts(split.yTrain)));
      expect(await page.locator('#plot-before svg').count()).toBe(1);
      expect(await page.locator('#plot-before svg circle.point').count()).toBe(split.XTrain.rows);

      await page.selectOption('#sampler', sampler);
      await page.fill('#opt-randomState', '3');
      await page.click('#run');
      await waitDone(page);

      const Sampler = sampler === 'SMOTE' ? lib.SMOTE : lib.RandomUnderSampler;
      const resampled = new Sampler({ randomState: 3 }).fitResample(split.XTrain, split.yTrain);
      const expected = asPairs(lib.classCounts(resampled.y));
      expect(await shownCounts(page, '#counts-after')).toEqual(expected);
      // 'auto' balances the two classes.
      expect(new Set(expected.map(([, count]) => count)).size).toBe(1);
      // One point per row; over-samplers ring their synthetic rows (appended after the originals).
      expect(await page.locator('#plot-after svg circle.point').count()).toBe(resampled.X.rows);
      const synthetic = resampled.origin?.base.length ?? 0;
      expect(await page.locator('#plot-after svg circle.ring').count()).toBe(synthetic);
      expect(await page.locator('#plot-before svg circle.ring').count()).toBe(0);
      if (synthetic > 0) {
        await page.uncheck('#show-rings');
        expect(await page.locator('#plot-after g.highlight').isVisible()).toBe(false);
        await page.check('#show-rings');
        expect(await page.locator('#plot-after g.highlight').isVisible()).toBe(true);
      }

      const metrics = await page.$$eval('#metrics tbody tr', (rows) =>
        rows.map((row) => Array.from(row.querySelectorAll('td')).slice(0, 2).map((cell) => cell.textContent)),
      );
      expect(metrics).toHaveLength(5);
      for (const [original, after] of metrics) {
        expect(original).toMatch(/^\d\.\d{3}$/);
        expect(after).toMatch(/^\d\.\d{3}$/);
      }

      mkdirSync(join(ROOT, 'out'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'out', 'playground.png'), fullPage: true });

      expect(wasmRequests).toEqual(['200 application/wasm']);
      expect(server.missing).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('every sampler of the menu gives in the browser the counts it gives in Node', async () => {
    const server = await serveStatic(WEB_DIST);
    const { page, errors } = await openPlayground(browser, server.url);
    try {
      await page.fill('#n-samples', '2000');
      await page.fill('#data-seed', '5');
      await page.fill('#split-seed', '6');
      await page.click('#load');
      await waitDone(page);
      const { X, y } = lib.makeClassification({
        nSamples: 2000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 5,
      });
      const split = lib.trainTestSplit(X, y, { testSize: 0.5, stratify: true, randomState: 6 });

      const samplers = await page.$$eval('#sampler option', (options) => options.map((o) => (o as HTMLOptionElement).value));
      expect(samplers.length).toBeGreaterThanOrEqual(2);
      for (const name of samplers) {
        await page.selectOption('#sampler', name);
        await page.click('#run');
        await waitDone(page);
        // The form's initial values are what the page sent (e.g. randomState 1 for seeded samplers).
        const options = Object.fromEntries(
          optionsFor(name).flatMap((spec) => (spec.initial === undefined ? [] : [[spec.key, parseOption(spec, spec.initial)]])),
        );
        const Sampler = (lib as unknown as Record<string, new (o: object) => { fitResample: typeof lib.SMOTE.prototype.fitResample }>)[name];
        const out = new Sampler(options).fitResample(split.XTrain, split.yTrain);
        expect({ name, counts: await shownCounts(page, '#counts-after') }).toEqual({ name, counts: asPairs(lib.classCounts(out.y)) });
        expect(await page.locator('#plot-after svg circle.point').count()).toBe(out.X.rows);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('loads a CSV file with string labels, downloads the resampled set, and reports a bad file', async () => {
    const server = await serveStatic(WEB_DIST);
    const { page, errors } = await openPlayground(browser, server.url);
    try {
      const { X, y } = lib.makeClassification({
        nSamples: 600, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.9], flipY: 0, randomState: 4,
      });
      const names = Array.from(y, (label) => (label === 1 ? 'fraud' : 'normal'));
      const lines = ['label,x1,x2', ...names.map((label, i) => `${label},${X.data[2 * i]},${X.data[2 * i + 1]}`)];
      await page.check('input[name=source][value=csv]');
      await page.setInputFiles('#csv-file', { name: 'fraud.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
      await page.fill('#label-column', 'label');
      await page.fill('#split-seed', '2');
      await page.click('#load');
      await waitDone(page);
      const split = lib.trainTestSplit(X, names, { testSize: 0.5, stratify: true, randomState: 2 });
      expect(await shownCounts(page, '#counts-dataset')).toEqual(asPairs(lib.classCounts(names)));
      expect(await shownCounts(page, '#counts-before')).toEqual(asPairs(lib.classCounts(split.yTrain)));
      expect(await page.textContent('#dataset-summary')).toContain('positive (minority) class: fraud');

      await page.selectOption('#sampler', 'RandomUnderSampler');
      await page.click('#run');
      await waitDone(page);
      const out = new lib.RandomUnderSampler({ randomState: 1 }).fitResample(split.XTrain, split.yTrain);
      expect(await shownCounts(page, '#counts-after')).toEqual(asPairs(lib.classCounts(out.y)));
      const scores = await page.$$eval('#metrics tbody td', (cells) => cells.map((cell) => cell.textContent));
      expect(scores.filter((text) => /^\d\.\d{3}$/.test(text ?? '')).length).toBe(10);

      // The download is the resampled training set, with the file's column names and labels.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      expect(download.suggestedFilename()).toBe('train-RandomUnderSampler.csv');
      const saved = (await readFile(await download.path())).toString('utf8').trim().split('\n');
      expect(saved[0]).toBe('x1,x2,label');
      expect(saved.slice(1)).toEqual(Array.from(out.y as string[], (label, i) => `${out.X.data[2 * i]},${out.X.data[2 * i + 1]},${label}`));
      await waitDone(page);

      // A value that is not a number: the page says where, and stays usable.
      const bad = ['label,x1,x2', 'normal,1,2', 'fraud,abc,3'].join('\n');
      await page.setInputFiles('#csv-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
      await page.click('#load');
      await page.waitForFunction(() => document.getElementById('status')!.dataset.state === 'error');
      expect(await page.textContent('#error')).toContain("CSV line 3: column 'x1' is not a number: 'abc'.");
      expect(await page.isEnabled('#load')).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('web/static.html runs dist/index.js as plain ES modules and fetches the .wasm by URL', async () => {
    const server = await serveStatic(resolve(ROOT));
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const wasmUrls: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.wasm')) wasmUrls.push(new URL(request.url()).pathname);
    });
    try {
      await page.goto(`${server.url}/web/static.html`);
      await page.waitForFunction(() => document.getElementById('result')!.dataset.state !== 'loading', null, { timeout: 30_000 });
      const { y } = lib.makeClassification({
        nSamples: 1000, nFeatures: 2, nRedundant: 0, nClustersPerClass: 1, weights: [0.99], flipY: 0, randomState: 1,
      });
      expect(await page.textContent('#result')).toBe(lib.formatCounter(lib.classCounts(y)));
      expect(await page.getAttribute('#result', 'data-state')).toBe('done');
      expect(wasmUrls).toEqual(['/build/imbalanced.wasm']);
      expect(server.missing).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
