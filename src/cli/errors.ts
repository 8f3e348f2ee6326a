/**
 * Errors of the command-line tool, each carrying the exit status it ends the process with.
 * The split follows the usual Unix convention: 2 for a bad command line, 1 for bad input data
 * or a failure while working.
 */

/** Exit status of a bad command line: unknown sampler, unknown or invalid option. */
export const EXIT_USAGE = 2;
/** Exit status of bad input data (ragged row, non-numeric value, missing column) or I/O failure. */
export const EXIT_FAILURE = 1;

/** An error the CLI reports as one line on stderr, then exits with `exitCode`. */
export class CliError extends Error {
  /** The process exit status. */
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT_FAILURE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A bad command line (exit status 2). */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
    this.name = 'UsageError';
  }
}

/**
 * A problem in the input file, located as `file:line: message` like a compiler diagnostic.
 * @example new InputError('input.csv', 17, "column 'x2' is not a number: 'abc'")
 */
export class InputError extends CliError {
  constructor(source: string, line: number | null, detail: string) {
    super(line === null ? `${source}: ${detail}` : `${source}:${line}: ${detail}`, EXIT_FAILURE);
    this.name = 'InputError';
  }
}

/**
 * Turns an error thrown by the library into a CLI error: a parameter error (wrong option name,
 * type or value) is the user's command line (exit 2); anything else is a failure on the data (1).
 */
export function fromLibraryError(owner: string, error: unknown): CliError {
  if (error instanceof CliError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const isParameterError =
    (error instanceof TypeError || error instanceof RangeError) &&
    /parameter|has no option|options of/i.test(message);
  const text = message.includes(owner) ? message : `${owner}: ${message}`;
  return new CliError(text, isParameterError ? EXIT_USAGE : EXIT_FAILURE);
}
