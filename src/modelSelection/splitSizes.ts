/**
 * scikit-learn's `_validate_shuffle_split`: turns `testSize` / `trainSize` into row counts.
 * An integer of 1 or more is a count, anything else a fraction (Python's int/float distinction).
 */
import { formatValue } from '../core/errors.js';

function kind(size: number | null | undefined, name: string): 'i' | 'f' | null {
  if (size === null || size === undefined) return null;
  if (typeof size !== 'number' || Number.isNaN(size)) throw new TypeError(`Invalid value for ${name}: ${formatValue(size)}`);
  return Number.isInteger(size) ? 'i' : 'f';
}

/** `[nTrain, nTest]` for `nSamples` rows, with scikit-learn's rules and messages. */
export function splitSizes(
  nSamples: number,
  testSize: number | null | undefined,
  trainSize: number | null | undefined,
  defaultTestSize: number,
): [number, number] {
  if ((testSize === null || testSize === undefined) && (trainSize === null || trainSize === undefined)) testSize = defaultTestSize;
  const testKind = kind(testSize, 'test_size');
  const trainKind = kind(trainSize, 'train_size');
  const outOfRange = (size: number, k: 'i' | 'f' | null) =>
    (k === 'i' && (size >= nSamples || size <= 0)) || (k === 'f' && (size <= 0 || size >= 1));
  if (outOfRange(testSize as number, testKind)) {
    throw new RangeError(`test_size=${testSize} should be either positive and smaller than the number of samples ${nSamples} or a float in the (0, 1) range`);
  }
  if (outOfRange(trainSize as number, trainKind)) {
    throw new RangeError(`train_size=${trainSize} should be either positive and smaller than the number of samples ${nSamples} or a float in the (0, 1) range`);
  }
  if (trainKind === 'f' && testKind === 'f' && (trainSize as number) + (testSize as number) > 1) {
    throw new RangeError(`The sum of test_size and train_size = ${(trainSize as number) + (testSize as number)}, should be in the (0, 1) range. Reduce test_size and/or train_size.`);
  }
  let nTest = testKind === 'f' ? Math.ceil((testSize as number) * nSamples) : testKind === 'i' ? (testSize as number) : NaN;
  let nTrain = trainKind === 'f' ? Math.floor((trainSize as number) * nSamples) : trainKind === 'i' ? (trainSize as number) : NaN;
  if (trainKind === null) nTrain = nSamples - nTest;
  else if (testKind === null) nTest = nSamples - nTrain;
  if (nTrain + nTest > nSamples) {
    throw new RangeError(`The sum of train_size and test_size = ${nTrain + nTest}, should be smaller than the number of samples ${nSamples}. Reduce test_size and/or train_size.`);
  }
  if (nTrain === 0) {
    throw new RangeError(`With n_samples=${nSamples}, test_size=${testSize ?? null} and train_size=${trainSize ?? null}, the resulting train set will be empty. Adjust any of the aforementioned parameters.`);
  }
  return [nTrain, nTest];
}
