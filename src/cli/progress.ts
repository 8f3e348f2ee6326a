/**
 * A progress bar on stderr for long work, shown only to a person watching: when stderr is a
 * terminal, or when `--progress` asks for it. It never touches stdout (machine output).
 */
import cliProgress from 'cli-progress';

/** A started progress bar, or a no-op when progress is not shown. */
export interface Progress {
  /** Sets the done amount (and optionally a new total). */
  update(value: number, total?: number): void;
  /** Removes the bar (idempotent). */
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/** Should a bar be drawn? `forced` is the `--progress` flag. */
export function progressWanted(forced: boolean | undefined): boolean {
  return forced === true || (forced !== false && process.stderr.isTTY === true);
}

/**
 * Starts a bar named `label` out of `total` (0 when unknown: the bar then shows the count only).
 * @example const bar = startProgress(true, 'reading', size); bar.update(bytes); bar.stop();
 */
export function startProgress(enabled: boolean, label: string, total: number, unit = ''): Progress {
  if (!enabled) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 1000,
      format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total}${unit}`,
      clearOnComplete: true,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0);
  let stopped = false;
  const unknownTotal = total <= 0; // stdin: the total grows with what has been read
  return {
    update(value: number, newTotal?: number) {
      if (stopped) return;
      if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
      else if (unknownTotal) bar.setTotal(Math.max(value, 1));
      bar.update(value);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
