/**
 * Writes CSV (csv-stringify) to stdout or to a file. A file is written to a temporary name in
 * the same folder and renamed at the end, so a failure or an interrupt never leaves a partial
 * output file behind.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { CliError } from './errors.js';
import { startProgress } from './progress.js';

/** Temporary files still being written, removed if the process is interrupted. */
const pendingTemporaries = new Set<string>();
let cleanupInstalled = false;

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void removeTemporaries().finally(() => process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)));
    });
  }
}

async function removeTemporaries(): Promise<void> {
  await Promise.all([...pendingTemporaries].map((path) => rm(path, { force: true })));
  pendingTemporaries.clear();
}

/** Is `output` stdout (`undefined` or `-`)? */
export function isStdout(output: string | undefined): boolean {
  return output === undefined || output === '-';
}

/**
 * Writes `produce(stream)` to `output` atomically: into `.<name>.<pid>.<n>.tmp` beside it, then
 * renamed over it. stdout is written directly. On failure the temporary file is removed.
 */
export async function writeAtomically(output: string | undefined, produce: (out: Writable) => Promise<void>): Promise<void> {
  if (isStdout(output)) {
    await produce(process.stdout);
    return;
  }
  installCleanup();
  const target = output!;
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  pendingTemporaries.add(temporary);
  try {
    const file = createWriteStream(temporary, { flags: 'wx' });
    await new Promise<void>((resolve, reject) => {
      file.once('open', () => resolve());
      file.once('error', reject);
    });
    await produce(file);
    await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot write '${target}' (${code ?? (error as Error).message})`);
  } finally {
    pendingTemporaries.delete(temporary);
  }
}

/** Rows formatted per `stringify` call: one call per row would cost more than the formatting. */
const BATCH_ROWS = 2048;

/** Writes `text` to `out`, waiting for 'drain' when its buffer is full (backpressure). */
function writeChunk(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    out.once('error', onError);
    const flushed = out.write(text, (error) => {
      if (error) reject(error);
    });
    const done = () => {
      out.off('error', onError);
      resolve();
    };
    if (flushed) done();
    else out.once('drain', done);
  });
}

/**
 * Streams CSV rows (an optional header, then `rows`) into `out` without ending it, formatting
 * them with csv-stringify in batches.
 * @example await writeCsv(process.stdout, ['x0', 'y'], [[1.5, 'a']]);
 */
export async function writeCsv(
  out: Writable, header: readonly string[] | null, rows: Iterable<readonly unknown[]>, onRows?: (written: number) => void,
): Promise<void> {
  const options = { cast: { number: (v: number) => String(v) } };
  let batch: (readonly unknown[])[] = header ? [header] : [];
  let written = header ? -1 : 0; // count data rows, not the header
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= BATCH_ROWS) {
      await writeChunk(out, stringify(batch, options));
      written += batch.length;
      onRows?.(written);
      batch = [];
    }
  }
  if (batch.length > 0) await writeChunk(out, stringify(batch, options));
}

/**
 * Writes a CSV table to a file (atomically) or to stdout, with a 'writing' progress bar over
 * `totalRows` when `progress` is set.
 */
export async function writeCsvOutput(
  output: string | undefined, header: readonly string[] | null, rows: Iterable<readonly unknown[]>,
  progress: { enabled: boolean; totalRows: number } = { enabled: false, totalRows: 0 },
): Promise<void> {
  const bar = startProgress(progress.enabled, 'writing', progress.totalRows, ' rows');
  try {
    await writeAtomically(output, (out) => writeCsv(out, header, rows, (n) => bar.update(n)));
  } finally {
    bar.stop();
  }
}

/** Writes text to a file (atomically) or to stdout. */
export async function writeTextOutput(output: string | undefined, text: string): Promise<void> {
  await writeAtomically(output, (out) => new Promise<void>((resolve, reject) => out.write(text, (error) => (error ? reject(error) : resolve()))));
}
