#!/usr/bin/env node
/**
 * The `imbalanced-wasm` command: resample CSV tables with any sampler of the library, compare
 * samplers by cross-validation, make synthetic datasets and plot them.
 * Exit status: 0 success, 1 bad input data or I/O failure, 2 bad command line.
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from './errors.js';
import { evaluateCommand } from './evaluate.js';
import { makeClassificationCommand } from './makeClassification.js';
import { plotCommand } from './plot.js';
import { resampleCommand } from './resample.js';

/** The package version, read from package.json next to dist/. */
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Builds the program with every subcommand. Commander errors are thrown (not exited on) so
 * `main` chooses the exit status.
 */
export function buildProgram(): Command {
  const program = new Command('imbalanced-wasm')
    .description('imbalanced-learn on the command line: resample CSV files, compare samplers, make and plot datasets')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');
  for (const command of [resampleCommand(), evaluateCommand(), makeClassificationCommand(), plotCommand()]) {
    program.addCommand(command.exitOverride().showHelpAfterError('(add --help for usage)'));
  }
  return program;
}

/** Runs the CLI on `argv` and returns the exit status. */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE; // commander printed it
    if (error instanceof CliError) {
      process.stderr.write(`imbalanced-wasm: error: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`imbalanced-wasm: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

// Leaving through exitCode (not process.exit) lets stdout drain when it is a pipe.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main();
