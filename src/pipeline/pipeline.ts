import { paramTypeError } from '../core/errors.js';
import type { Label, Labels, LabelsLike, Matrix, MatrixLike } from '../core/types.js';
import { clone as cloneEstimator } from '../core/clone.js';
import { isSampler, isTransformer, type Estimator } from './types.js';

/** A named step of a pipeline. */
export type PipelineStep = [name: string, step: unknown];

/**
 * imbalanced-learn's `Pipeline`: samplers act only during `fit` (they resample the training data
 * passed on to the next step); `predict`, `predictProba`, `decisionFunction` and `score` pass
 * the data straight through the transformers to the final estimator, never through a sampler.
 *
 * @example
 * const model = new Pipeline([
 *   ['smote', new SMOTE({ randomState: 0 })],
 *   ['clf', new LogisticRegression()],
 * ]).fit(X, y);
 * model.predict(XTest);
 */
export class Pipeline implements Estimator {
  /** The steps, as given. */
  readonly steps: PipelineStep[];

  constructor(steps: PipelineStep[] | { steps: PipelineStep[] }) {
    const list = Array.isArray(steps) ? steps : steps?.steps;
    if (!Array.isArray(list) || list.length === 0) throw paramTypeError('Pipeline', 'steps', 'a non-empty array of [name, step] pairs', steps);
    const names = new Set<string>();
    list.forEach((entry, i) => {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') {
        throw paramTypeError('Pipeline', 'steps', `[name, step] pairs: step ${i} is not`, entry);
      }
      if (names.has(entry[0])) throw new RangeError(`Names provided are not unique: '${entry[0]}' appears twice in the Pipeline steps.`);
      names.add(entry[0]);
      const isLast = i === list.length - 1;
      const step = entry[1];
      if (!isLast && step !== null && step !== 'passthrough' && !isSampler(step) && !isTransformer(step)) {
        throw new TypeError(`All intermediate steps of the Pipeline should be samplers or transformers (have fitResample, or fit and transform). '${entry[0]}' is neither.`);
      }
      if (!isLast && isSampler(step) && isTransformer(step)) {
        throw new TypeError(`All intermediate steps of the Pipeline should be samplers or transformers, not both. '${entry[0]}' is both.`);
      }
    });
    this.steps = list;
  }

  /** The parameters to rebuild an unfitted copy (used by `crossValidate`). */
  getParams(): { steps: PipelineStep[] } {
    return { steps: this.steps.map(([name, step]) => [name, step && typeof step === 'object' ? cloneEstimator(step) : step]) };
  }

  /** Steps by name. */
  get namedSteps(): Record<string, unknown> {
    return Object.fromEntries(this.steps);
  }

  private get final(): Estimator {
    return this.steps[this.steps.length - 1][1] as Estimator;
  }

  /** The final estimator's classes. */
  get classes(): Label[] | Labels | undefined {
    return this.final.classes;
  }

  /** Fits the steps in order: samplers resample, transformers fit-transform, the last step fits. */
  fit(X: MatrixLike, y: LabelsLike, sampleWeight?: ArrayLike<number>): this {
    let Xt: MatrixLike = X;
    let yt: LabelsLike = y;
    let weights = sampleWeight;
    for (const [, step] of this.steps.slice(0, -1)) {
      if (step === null || step === 'passthrough') continue;
      if (isSampler(step)) {
        const res = step.fitResample(Xt, yt);
        if (weights !== undefined) {
          if (!res.sampleIndices) throw new RangeError('sampleWeight cannot follow a sampler that makes synthetic rows (it has no sampleIndices).');
          const w = weights;
          weights = Array.from(res.sampleIndices, (i) => w[i]);
        }
        Xt = res.X;
        yt = res.y;
      } else if (isTransformer(step)) {
        step.fit(Xt, yt);
        Xt = step.transform(Xt);
      }
    }
    if (this.final !== null && (this.final as unknown) !== 'passthrough') this.final.fit(Xt, yt, weights);
    return this;
  }

  /** Passes X through the transformers only (samplers are skipped outside `fit`). */
  private transformForPredict(X: MatrixLike): MatrixLike {
    let Xt = X;
    for (const [, step] of this.steps.slice(0, -1)) {
      if (isTransformer(step)) Xt = step.transform(Xt);
    }
    return Xt;
  }

  /** Predicted labels of the final estimator. */
  predict(X: MatrixLike): Labels {
    return this.final.predict(this.transformForPredict(X));
  }

  /** Class probabilities of the final estimator. */
  predictProba(X: MatrixLike): Matrix {
    if (!this.final.predictProba) throw new TypeError('The final step of this Pipeline has no predictProba.');
    return this.final.predictProba(this.transformForPredict(X));
  }

  /** Decision function of the final estimator. */
  decisionFunction(X: MatrixLike): Float64Array | Matrix {
    if (!this.final.decisionFunction) throw new TypeError('The final step of this Pipeline has no decisionFunction.');
    return this.final.decisionFunction(this.transformForPredict(X));
  }

  /** Mean accuracy of `predict(X)` against `y`. */
  score(X: MatrixLike, y: LabelsLike): number {
    const pred = this.predict(X);
    const truth = Array.from(y as ArrayLike<Label>);
    let hits = 0;
    for (let i = 0; i < truth.length; i++) if (pred[i] === truth[i]) hits++;
    return hits / truth.length;
  }
}

/**
 * A `Pipeline` whose step names are the lower-cased class names (imbalanced-learn's
 * `make_pipeline`).
 * @example makePipeline(new RandomUnderSampler({ randomState: 0 }), new LogisticRegression())
 */
export function makePipeline(...steps: unknown[]): Pipeline {
  const counts = new Map<string, number>();
  const names = steps.map((s) => {
    const base = ((s as object)?.constructor?.name ?? 'step').toLowerCase();
    counts.set(base, (counts.get(base) ?? 0) + 1);
    return base;
  });
  const seen = new Map<string, number>();
  return new Pipeline(steps.map((s, i) => {
    const base = names[i];
    if (counts.get(base)! > 1) {
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      return [`${base}-${k}`, s] as PipelineStep;
    }
    return [base, s] as PipelineStep;
  }));
}
