/**
 * Warnings of the metrics, with scikit-learn's categories and texts (`UndefinedMetricWarning`
 * for 0/0 scores, `UserWarning`, `RuntimeWarning`). By default each distinct warning is shown
 * once (like Python's default filter) through Node's `process.emitWarning` (or `console.warn` in
 * browsers); `setMetricWarningHandler` redirects them.
 */

/** One warning: scikit-learn's category name and message. */
export interface MetricWarning {
  category: 'UndefinedMetricWarning' | 'UserWarning' | 'RuntimeWarning';
  message: string;
}

/** Receives every warning the metrics raise. */
export type MetricWarningHandler = (warning: MetricWarning) => void;

const shown = new Set<string>();

/** Shows each distinct warning once, as Python's default warning filter does. */
function defaultHandler({ category, message }: MetricWarning): void {
  const key = `${category}: ${message}`;
  if (shown.has(key)) return;
  shown.add(key);
  const proc = (globalThis as { process?: { emitWarning?: (m: string, type: string) => void } }).process;
  if (proc?.emitWarning) proc.emitWarning(message, category);
  else console.warn(`${category}: ${message}`);
}

let handler: MetricWarningHandler = defaultHandler;

/**
 * Sends the metrics' warnings to `fn` (for example to collect or silence them); `null` restores
 * the default (Node's `process.emitWarning`, or `console.warn`).
 * @example setMetricWarningHandler(() => {}); // silence UndefinedMetricWarning and friends
 */
export function setMetricWarningHandler(fn: MetricWarningHandler | null): void {
  handler = fn ?? defaultHandler;
}

/** Raises one warning through the current handler. */
export function warnMetric(category: MetricWarning['category'], message: string): void {
  handler({ category, message });
}

/** scikit-learn's `_warn_prf`: "<start> ill-defined and being set to 0.0 due to / in labels with no <modifier> samples." */
export function warnPrf(average: string | null, modifier: string, msgStart: string, resultSize: number): void {
  const [axis0, axis1] = average === 'samples' ? ['label', 'sample'] : ['sample', 'label'];
  const where = resultSize === 1 ? 'due to' : `in ${axis1}s with`;
  warnMetric('UndefinedMetricWarning', `${msgStart} ill-defined and being set to 0.0 ${where} no ${modifier} ${axis0}s. Use \`zero_division\` parameter to control this behavior.`);
}

/** The warning part of scikit-learn's `_prf_divide` (called when some denominator is 0). */
export function warnPrfDivide(metric: string, modifier: string, average: string | null, warnFor: readonly string[] | string, size: number): void {
  const has = (m: string) => (typeof warnFor === 'string' ? warnFor.includes(m) : warnFor.includes(m));
  if (!has(metric)) return;
  const title = metric.charAt(0).toUpperCase() + metric.slice(1);
  const msgStart = has('f-score') ? `${title} and F-score are` : `${title} is`;
  warnPrf(average, modifier, msgStart, size);
}
