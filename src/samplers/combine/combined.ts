/** The shape shared by SMOTEENN and SMOTETomek: over-sample with SMOTE, then clean. */
import { paramTypeError } from '../../core/errors.js';
import type { Matrix } from '../../core/types.js';
import type { RandomStateLike } from '../../random/RandomState.js';
import { BaseSampler, type ResampleContext, type ResampleOutput } from '../base.js';
import type { SamplingStrategy, SamplingType } from '../samplingStrategy.js';
import { SMOTE } from '../over/smote.js';

/** Options shared by the combined samplers. */
export interface CombinedOptions {
  /** Passed to the default SMOTE (ignored when `smote` is given); default `'auto'`. */
  samplingStrategy?: SamplingStrategy;
  /** Passed to the default SMOTE (ignored when `smote` is given). */
  randomState?: RandomStateLike;
  /** The over-sampler to use (cloned); default `new SMOTE({ samplingStrategy, randomState })`. */
  smote?: SMOTE | null;
  /** Threads for this sampler's neighbour searches (an integer >= 1, or -1 for all processors); results do not depend on it. */
  nJobs?: number | null;
}

/**
 * Over-sampling with SMOTE followed by a cleaning sampler (imbalanced-learn's `SMOTEENN` /
 * `SMOTETomek`). Subclasses name the cleaner's option and its default.
 */
export abstract class CombinedSampler<O extends CombinedOptions, C extends BaseSampler> extends BaseSampler<O> {
  protected override readonly readsXOnly = true;
  readonly samplingType: SamplingType = 'over-sampling';
  /** The SMOTE used by the last fit (a clone of `smote`, or the default). */
  smote_?: SMOTE;
  /** The cleaner used by the last fit. */
  protected cleaner_?: C;

  /** Name of the cleaner option (`'enn'`, `'tomek'`). */
  protected abstract readonly cleanerOption: 'enn' | 'tomek';
  /** The cleaner's class (for validation). */
  protected abstract readonly cleanerClass: abstract new (...args: never[]) => C;
  /** The cleaner used when the option is omitted. */
  protected abstract defaultCleaner(): C;

  protected override validateOptions(): void {
    const smote = this.options.smote;
    if (smote !== undefined && smote !== null && !(smote instanceof SMOTE)) {
      throw paramTypeError(this.samplerName, 'smote', 'a SMOTE or null', smote);
    }
    const cleaner = (this.options as Record<string, unknown>)[this.cleanerOption];
    if (cleaner !== undefined && cleaner !== null && !(cleaner instanceof this.cleanerClass)) {
      throw paramTypeError(this.samplerName, this.cleanerOption, `an instance of ${this.cleanerClass.name} or null`, cleaner);
    }
  }

  protected _fitResample(X: Matrix, codes: Int32Array, ctx: ResampleContext): ResampleOutput {
    const given = this.options.smote;
    const smote = given ? given.clone() : new SMOTE({ samplingStrategy: this.options.samplingStrategy, randomState: this.options.randomState });
    const cleanerGiven = (this.options as Record<string, unknown>)[this.cleanerOption] as C | null | undefined;
    const cleaner = cleanerGiven ? cleanerGiven.clone() : this.defaultCleaner();
    this.smote_ = smote;
    this.cleaner_ = cleaner;
    const over = smote.resampleEncoded(X, { classes: ctx.classes, codes, kind: ctx.kind });
    const cleaned = cleaner.resampleEncoded(over.X, { classes: ctx.classes, codes: over.codes, kind: ctx.kind });
    return { X: cleaned.X, codes: cleaned.codes };
  }
}
