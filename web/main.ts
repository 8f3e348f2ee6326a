/**
 * The playground page: reads the forms, sends requests to the worker, renders its answers. No
 * library code runs here, so the page stays responsive however long a sampler takes.
 */
import type {
  ClassCount, DataSource, ExportResult, InitResult, LoadResult, ModelOptions, ReadyMessage, Request, RequestBody, ResampleResult,
  Response, Result, Scores,
} from './protocol.js';
import { FAMILIES, optionsFor, parseOption, placeholderFor } from './samplerOptions.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

// ---- worker calls --------------------------------------------------------------------------

type Pending = { resolve: (result: Result) => void; reject: (error: Error) => void };

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const pending = new Map<number, Pending>();
let nextId = 1;
let workerReady: () => void;
const readyPromise = new Promise<void>((resolve) => (workerReady = resolve));

worker.onmessage = (event: MessageEvent<Response | ReadyMessage>) => {
  const message = event.data;
  if ('ready' in message) return workerReady();
  const call = pending.get(message.id);
  if (!call) return;
  pending.delete(message.id);
  if (message.ok) call.resolve(message.result);
  else call.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
};
worker.onerror = (event) => {
  event.preventDefault();
  showError(`The worker could not start: ${event.message || 'see the browser console'}.`);
  setStatus('error', 'Worker failed to load.');
};

/** Sends a request to the worker and resolves with its answer. */
async function call<R extends Result>(request: RequestBody): Promise<R> {
  await readyPromise;
  const id = nextId++;
  return new Promise<R>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (r: Result) => void, reject });
    worker.postMessage({ ...request, id } as Request);
  });
}

// ---- status --------------------------------------------------------------------------------

function setStatus(state: 'loading' | 'idle' | 'busy' | 'done' | 'error', text: string): void {
  const status = $('status');
  status.textContent = text;
  status.dataset.state = state;
  document.body.dataset.state = state;
  $('busy').hidden = state !== 'busy' && state !== 'loading';
  const busy = state === 'busy' || state === 'loading';
  $<HTMLButtonElement>('load').disabled = busy;
  $<HTMLButtonElement>('run').disabled = busy || !dataLoaded || $<HTMLSelectElement>('sampler').options.length === 0;
}

function showError(message: string): void {
  const box = $('error');
  box.textContent = message;
  box.hidden = message === '';
}

/** Runs `task` with the busy indicator on; errors land in the error box. */
async function busy(text: string, task: () => Promise<string>): Promise<void> {
  showError('');
  setStatus('busy', text);
  try {
    setStatus('done', await task());
  } catch (error) {
    const e = error as Error;
    showError(`${e.name}: ${e.message}`);
    setStatus('error', 'Failed.');
  }
}

// ---- rendering -----------------------------------------------------------------------------

function renderCounts(target: HTMLElement, counts: ClassCount[]): void {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  target.replaceChildren(
    ...counts.map(({ label, count }) => {
      const chip = document.createElement('span');
      chip.className = 'chip';
      chip.dataset.label = label;
      chip.dataset.count = String(count);
      const share = total > 0 ? ((100 * count) / total).toFixed(1) : '0';
      chip.innerHTML = `<b></b> ${count.toLocaleString('en')} <small>(${share}%)</small>`;
      chip.querySelector('b')!.textContent = `class ${label}`;
      return chip;
    }),
  );
  target.dataset.total = String(total);
}

/** Puts an SVG string built by the library's scatterPlot (trusted markup) into `target`. */
function renderSvg(target: HTMLElement, svg: string): void {
  target.innerHTML = svg;
}

const METRICS: { key: keyof Scores; name: string }[] = [
  { key: 'precision', name: 'Precision' },
  { key: 'recall', name: 'Recall' },
  { key: 'f1', name: 'F1' },
  { key: 'rocAuc', name: 'ROC AUC' },
  { key: 'balancedAccuracy', name: 'Balanced accuracy' },
];

const fmt = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));

function renderMetrics(before: Scores, after: Scores): void {
  const body = $('metrics').querySelector('tbody')!;
  body.replaceChildren(
    ...METRICS.map(({ key, name }) => {
      const row = document.createElement('tr');
      row.dataset.metric = key;
      const delta = before[key] !== null && after[key] !== null ? after[key]! - before[key]! : null;
      const deltaText = delta === null ? '' : `${delta >= 0 ? '+' : '−'}${Math.abs(delta).toFixed(3)}`;
      const cells = [name, fmt(before[key]), fmt(after[key]), deltaText];
      cells.forEach((text, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        cell.textContent = text;
        if (i === 3 && delta !== null) cell.className = delta > 0.0005 ? 'up' : delta < -0.0005 ? 'down' : '';
        row.append(cell);
      });
      return row;
    }),
  );
}

function clearAfter(): void {
  $('plot-after').innerHTML = '<p class="empty">Pick a sampler and press “Resample &amp; evaluate”.</p>';
  $('counts-after').replaceChildren();
  $('change').textContent = '';
  $('rings-toggle').hidden = true;
  $('download').hidden = true;
  $('metrics').querySelector('tbody')!.replaceChildren();
}

// ---- forms ---------------------------------------------------------------------------------

let dataLoaded = false;

function fillSamplers(init: InitResult): void {
  const select = $<HTMLSelectElement>('sampler');
  const groups = FAMILIES.map((family) => ({ ...family, found: init.samplers.filter((s) => family.samplers.includes(s)) }));
  const others = init.samplers.filter((s) => !FAMILIES.some((family) => family.samplers.includes(s)));
  if (others.length > 0) groups.push({ name: 'Other', samplers: others, found: others });
  select.replaceChildren(
    ...groups
      .filter((group) => group.found.length > 0)
      .map((group) => {
        const optgroup = document.createElement('optgroup');
        optgroup.label = group.name;
        optgroup.append(...group.found.map((name) => new Option(name, name)));
        return optgroup;
      }),
  );
  renderSamplerOptions();
}

function renderSamplerOptions(): void {
  const sampler = $<HTMLSelectElement>('sampler').value;
  const container = $('sampler-options');
  container.replaceChildren(
    ...optionsFor(sampler).map((spec) => {
      const label = document.createElement('label');
      label.textContent = spec.pythonName + ' ';
      label.title = `${spec.key} in imbalanced-wasm`;
      let field: HTMLInputElement | HTMLSelectElement;
      if (spec.kind === 'choice' || spec.kind === 'boolean') {
        field = document.createElement('select');
        const choices = spec.kind === 'boolean' ? ['true', 'false'] : spec.choices!;
        field.append(new Option(`default (${placeholderFor(spec, sampler)})`, ''), ...choices.map((c) => new Option(c, c)));
      } else {
        field = document.createElement('input');
        field.type = 'text';
        field.placeholder = placeholderFor(spec, sampler);
        if (spec.kind === 'strategy') field.setAttribute('list', 'strategy-choices');
        field.inputMode = spec.kind === 'strategy' ? 'text' : 'decimal';
      }
      field.id = `opt-${spec.key}`;
      field.dataset.option = spec.key;
      field.value = spec.initial ?? '';
      label.append(field);
      if (spec.kind === 'strategy') label.className = 'wide';
      return label;
    }),
  );
  const list = document.createElement('datalist');
  list.id = 'strategy-choices';
  list.append(...['auto', 'minority', 'not minority', 'not majority', 'majority', 'all', '0.5', '1'].map((v) => new Option(v)));
  container.append(list);
}

function samplerOptions(): Record<string, unknown> {
  const sampler = $<HTMLSelectElement>('sampler').value;
  const options: Record<string, unknown> = {};
  for (const spec of optionsFor(sampler)) {
    const field = $<HTMLInputElement>(`opt-${spec.key}`);
    const value = parseOption(spec, field.value);
    if (value !== undefined) options[spec.key] = value;
  }
  return options;
}

/** An optional integer field: empty means unseeded (null). */
function seedOf(id: string): number | null {
  const text = $<HTMLInputElement>(id).value.trim();
  return text === '' ? null : Number(text);
}

async function dataSource(): Promise<DataSource> {
  const kind = ($('data-form').querySelector('input[name=source]:checked') as HTMLInputElement).value;
  if (kind === 'csv') {
    const file = $<HTMLInputElement>('csv-file').files?.[0];
    if (!file) throw new Error('Choose a CSV file first.');
    return { kind: 'csv', text: await file.text(), labelColumn: $<HTMLInputElement>('label-column').value.trim(), fileName: file.name };
  }
  return {
    kind: 'generate',
    nSamples: Number($<HTMLInputElement>('n-samples').value),
    weights: [Number($<HTMLInputElement>('weight').value)],
    classSep: Number($<HTMLInputElement>('class-sep').value),
    randomState: seedOf('data-seed'),
  };
}

function modelOptions(): ModelOptions {
  return {
    solver: $<HTMLSelectElement>('solver').value as ModelOptions['solver'],
    classWeight: $<HTMLSelectElement>('class-weight').value === 'balanced' ? 'balanced' : null,
  };
}

async function loadData(): Promise<string> {
  const source = await dataSource();
  const result = await call<LoadResult>({
    type: 'load',
    source,
    split: { testSize: Number($<HTMLInputElement>('test-size').value), randomState: seedOf('split-seed') },
  });
  dataLoaded = true;
  $('dataset-summary').textContent =
    `${result.description}. ${result.nRows.toLocaleString('en')} rows × ${result.nFeatures} features; ` +
    `train ${sum(result.countsTrain)}, test ${sum(result.countsTest)}; positive (minority) class: ${result.positiveLabel}.`;
  renderCounts($('counts-dataset'), result.countsDataset);
  renderSvg($('plot-before'), result.svgTrain);
  renderCounts($('counts-before'), result.countsTrain);
  clearAfter();
  return `Data loaded in ${result.ms.toFixed(0)} ms.`;
}

async function runSampler(): Promise<string> {
  const name = $<HTMLSelectElement>('sampler').value;
  const result = await call<ResampleResult>({ type: 'resample', sampler: { name, options: samplerOptions() }, model: modelOptions() });
  $('after-name').textContent = result.sampler;
  renderSvg($('plot-after'), result.svgAfter);
  renderCounts($('counts-after'), result.countsAfter);
  const parts = [];
  if (result.nSynthetic > 0) parts.push(`${result.nSynthetic.toLocaleString('en')} synthetic rows`);
  $('rings-toggle').hidden = result.nSynthetic === 0;
  $('download').hidden = false;
  if (result.nRemoved > 0) parts.push(`${result.nRemoved.toLocaleString('en')} rows removed`);
  $('change').textContent = parts.length > 0 ? parts.join(', ') + '.' : 'No rows changed.';
  renderMetrics(result.scoresBefore, result.scoresAfter);
  return `${result.sampler} resampled in ${result.resampleMs.toFixed(0)} ms (everything: ${result.totalMs.toFixed(0)} ms).`;
}

const sum = (counts: ClassCount[]) => counts.reduce((total, c) => total + c.count, 0).toLocaleString('en');

// ---- wiring --------------------------------------------------------------------------------

$('data-form').addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement;
  if (target.name !== 'source') return;
  $('generate-fields').hidden = target.value !== 'generate';
  $('csv-fields').hidden = target.value !== 'csv';
});
$('data-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void busy('Loading data…', loadData);
});
$('sampler').addEventListener('change', renderSamplerOptions);
$('download').addEventListener('click', () => {
  void busy('Preparing the CSV…', async () => {
    const { fileName, csv } = await call<ExportResult>({ type: 'export' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    return `Saved ${fileName}.`;
  });
});
$('show-rings').addEventListener('change', () => {
  $('plot-after').classList.toggle('no-rings', !$<HTMLInputElement>('show-rings').checked);
});
$('sampler-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(`Running ${$<HTMLSelectElement>('sampler').value}…`, runSampler);
});

setStatus('loading', 'Loading WebAssembly…');
call<InitResult>({ type: 'init' }).then(
  (init) => {
    fillSamplers(init);
    if (init.missing.length > 0) showError(`This build of imbalanced-wasm does not export ${init.missing.join(', ')} yet.`);
    setStatus('idle', `Ready: ${init.samplers.length} samplers. Load data to begin.`);
  },
  (error: Error) => {
    showError(error.message);
    setStatus('error', 'Failed.');
  },
);
