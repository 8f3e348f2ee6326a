import { TomekLinks } from '../under/tomekLinks.js';
import { CombinedSampler, type CombinedOptions } from './combined.js';

/** Options of `SMOTETomek` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface SMOTETomekOptions extends CombinedOptions {
  /** The cleaner (cloned); default `new TomekLinks({ samplingStrategy: 'all' })`. */
  tomek?: TomekLinks | null;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

/**
 * SMOTE over-sampling followed by Tomek-link cleaning (Batista et al., 2003),
 * imbalanced-learn's `SMOTETomek`. Rows come out in TomekLinks' order (kept rows in order).
 *
 * @example
 * const { X: Xr, y: yr } = new SMOTETomek({ randomState: 0 }).fitResample(X, y);
 */
export class SMOTETomek extends CombinedSampler<SMOTETomekOptions, TomekLinks> {
  protected readonly cleanerOption = 'tomek';
  protected readonly cleanerClass = TomekLinks;

  constructor(options: SMOTETomekOptions = {}) {
    super(options, ['samplingStrategy', 'randomState', 'smote', 'tomek']);
  }

  /** The TomekLinks used by the last fit. */
  get tomek_(): TomekLinks | undefined {
    return this.cleaner_;
  }

  protected defaultCleaner(): TomekLinks {
    return new TomekLinks({ samplingStrategy: 'all' });
  }
}
