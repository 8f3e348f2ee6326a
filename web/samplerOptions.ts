/**
 * The sampler options the playground offers, with imbalanced-learn's defaults as placeholders.
 * An empty field is left out, so the library applies its own default; whatever is typed is
 * passed through and the library's validation messages show on the page.
 */

export type OptionKind = 'strategy' | 'integer' | 'number' | 'choice' | 'boolean';

export interface OptionSpec {
  /** The camelCase option name of the library's constructors. */
  key: string;
  /** imbalanced-learn's name, shown to Python users. */
  pythonName: string;
  kind: OptionKind;
  /** Default shown as placeholder (imbalanced-learn's), per sampler when they differ. */
  placeholder: Record<string, string> | string;
  /** Value filled in when the sampler is picked ('' = leave out). */
  initial?: string;
  choices?: string[];
  samplers: readonly string[] | 'all';
}

const SEEDED = [
  'RandomOverSampler', 'SMOTE', 'ADASYN', 'BorderlineSMOTE', 'SVMSMOTE', 'KMeansSMOTE', 'RandomUnderSampler',
  'CondensedNearestNeighbour', 'OneSidedSelection', 'InstanceHardnessThreshold', 'ClusterCentroids', 'SMOTEENN',
  'SMOTETomek',
];

/** Families for the sampler menu's groups. */
export const FAMILIES: { name: string; samplers: readonly string[] }[] = [
  { name: 'Over-sampling', samplers: ['SMOTE', 'RandomOverSampler', 'ADASYN', 'BorderlineSMOTE', 'SVMSMOTE', 'KMeansSMOTE'] },
  {
    name: 'Under-sampling',
    samplers: [
      'RandomUnderSampler', 'NearMiss', 'TomekLinks', 'EditedNearestNeighbours', 'RepeatedEditedNearestNeighbours',
      'AllKNN', 'CondensedNearestNeighbour', 'OneSidedSelection', 'NeighbourhoodCleaningRule',
      'InstanceHardnessThreshold', 'ClusterCentroids',
    ],
  },
  { name: 'Over- and under-sampling', samplers: ['SMOTEENN', 'SMOTETomek'] },
];

export const OPTIONS: OptionSpec[] = [
  { key: 'samplingStrategy', pythonName: 'sampling_strategy', kind: 'strategy', placeholder: 'auto', samplers: 'all' },
  { key: 'randomState', pythonName: 'random_state', kind: 'integer', placeholder: 'none', initial: '1', samplers: SEEDED },
  {
    key: 'kNeighbors',
    pythonName: 'k_neighbors',
    kind: 'integer',
    placeholder: { KMeansSMOTE: '2', default: '5' },
    samplers: ['SMOTE', 'BorderlineSMOTE', 'SVMSMOTE', 'KMeansSMOTE'],
  },
  {
    key: 'nNeighbors',
    pythonName: 'n_neighbors',
    kind: 'integer',
    placeholder: { ADASYN: '5', CondensedNearestNeighbour: 'none', OneSidedSelection: 'none', default: '3' },
    samplers: [
      'ADASYN', 'EditedNearestNeighbours', 'RepeatedEditedNearestNeighbours', 'AllKNN', 'NearMiss',
      'CondensedNearestNeighbour', 'OneSidedSelection', 'NeighbourhoodCleaningRule',
    ],
  },
  { key: 'mNeighbors', pythonName: 'm_neighbors', kind: 'integer', placeholder: '10', samplers: ['BorderlineSMOTE', 'SVMSMOTE'] },
  { key: 'kind', pythonName: 'kind', kind: 'choice', placeholder: 'borderline-1', choices: ['borderline-1', 'borderline-2'], samplers: ['BorderlineSMOTE'] },
  {
    key: 'kindSel',
    pythonName: 'kind_sel',
    kind: 'choice',
    placeholder: 'all',
    choices: ['all', 'mode'],
    samplers: ['EditedNearestNeighbours', 'RepeatedEditedNearestNeighbours', 'AllKNN'],
  },
  { key: 'version', pythonName: 'version', kind: 'choice', placeholder: '1', choices: ['1', '2', '3'], samplers: ['NearMiss'] },
  { key: 'replacement', pythonName: 'replacement', kind: 'boolean', placeholder: 'false', samplers: ['RandomUnderSampler'] },
  { key: 'shrinkage', pythonName: 'shrinkage', kind: 'number', placeholder: 'none', samplers: ['RandomOverSampler'] },
  { key: 'maxIter', pythonName: 'max_iter', kind: 'integer', placeholder: '100', samplers: ['RepeatedEditedNearestNeighbours'] },
  { key: 'allowMinority', pythonName: 'allow_minority', kind: 'boolean', placeholder: 'false', samplers: ['AllKNN'] },
  // imbalanced-learn's 'auto' threshold finds no minority-dense cluster on the course's 1:100 data
  { key: 'clusterBalanceThreshold', pythonName: 'cluster_balance_threshold', kind: 'number', placeholder: 'auto', initial: '0.01', samplers: ['KMeansSMOTE'] },
  { key: 'thresholdCleaning', pythonName: 'threshold_cleaning', kind: 'number', placeholder: '0.5', samplers: ['NeighbourhoodCleaningRule'] },
];

/** The options `sampler` takes, in display order. */
export function optionsFor(sampler: string): OptionSpec[] {
  return OPTIONS.filter((spec) => spec.samplers === 'all' || spec.samplers.includes(sampler));
}

/** The placeholder (imbalanced-learn's default) of `spec` for `sampler`. */
export function placeholderFor(spec: OptionSpec, sampler: string): string {
  if (typeof spec.placeholder === 'string') return spec.placeholder;
  return spec.placeholder[sampler] ?? spec.placeholder.default;
}

/**
 * The typed value of a field, or undefined to leave the option out. A sampling strategy may be a
 * number ("0.5"), a keyword ("not majority") or a JSON object of counts ('{"1": 500}').
 */
export function parseOption(spec: OptionSpec, text: string): unknown {
  const value = text.trim();
  if (value === '') return undefined;
  switch (spec.kind) {
    case 'strategy':
      if (value.startsWith('{') || value.startsWith('[')) return JSON.parse(value);
      return value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'integer':
    case 'number':
      // Non-numbers go through as typed so the library's message names them.
      return Number.isFinite(Number(value)) ? Number(value) : value;
    case 'choice':
      return spec.key === 'version' ? Number(value) : value;
    case 'boolean':
      return value === 'true';
  }
}
