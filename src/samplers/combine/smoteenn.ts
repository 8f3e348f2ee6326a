import { EditedNearestNeighbours } from '../under/editedNearestNeighbours.js';
import { CombinedSampler, type CombinedOptions } from './combined.js';

/** Options of `SMOTEENN` (imbalanced-learn's parameters, camelCased; same defaults). */
export interface SMOTEENNOptions extends CombinedOptions {
  /** The cleaner (cloned); default `new EditedNearestNeighbours({ samplingStrategy: 'all' })`. */
  enn?: EditedNearestNeighbours | null;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

/**
 * SMOTE over-sampling followed by Edited Nearest Neighbours cleaning (Batista et al., 2004),
 * imbalanced-learn's `SMOTEENN`. Rows come out in ENN's order (grouped by class, sorted labels).
 *
 * @example
 * const { X: Xr, y: yr } = new SMOTEENN({ samplingStrategy: 0.5, randomState: 1 }).fitResample(X, y);
 */
export class SMOTEENN extends CombinedSampler<SMOTEENNOptions, EditedNearestNeighbours> {
  protected readonly cleanerOption = 'enn';
  protected readonly cleanerClass = EditedNearestNeighbours;

  constructor(options: SMOTEENNOptions = {}) {
    super(options, ['samplingStrategy', 'randomState', 'smote', 'enn']);
  }

  /** The ENN used by the last fit. */
  get enn_(): EditedNearestNeighbours | undefined {
    return this.cleaner_;
  }

  protected defaultCleaner(): EditedNearestNeighbours {
    return new EditedNearestNeighbours({ samplingStrategy: 'all' });
  }
}
