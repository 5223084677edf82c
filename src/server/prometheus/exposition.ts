// Prometheus text exposition format 0.0.4: metric families with HELP/TYPE lines, escaped labels, histograms.
import type { Histogram } from '../../cache/histogram.ts';

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Readonly<Record<string, string>>;
export type Sample = readonly [labels: Labels, value: number];

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const escapeHelp = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabelValue = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Go's ParseFloat reads every JS number string; only the infinities and NaN are spelled differently. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function checkName(name: string, pattern: RegExp, kind: string): void {
  if (!pattern.test(name) || name.startsWith('__')) throw new Error(`invalid Prometheus ${kind} name '${name}'`);
}

/** Builds one exposition; `constLabels` (e.g. `machine`) go on every sample. */
export class Exposition {
  readonly #lines: string[] = [];
  readonly #families = new Set<string>();
  readonly #constLabels: string;

  constructor(constLabels: Labels = {}) {
    this.#constLabels = Exposition.#labelPairs(constLabels);
  }

  counter(name: string, help: string, samples: Iterable<Sample>): this {
    if (!name.endsWith('_total')) throw new Error(`counter '${name}' must end in _total`);
    return this.#family(name, 'counter', help, samples);
  }

  gauge(name: string, help: string, samples: Iterable<Sample>): this {
    return this.#family(name, 'gauge', help, samples);
  }

  histogram(name: string, help: string, histogram: Histogram, labels: Labels = {}): this {
    this.#header(name, 'histogram', help);
    for (const [bound, count] of histogram.buckets())
      this.#sample(`${name}_bucket`, { ...labels, le: formatValue(bound) }, count);
    this.#sample(`${name}_sum`, labels, histogram.sum);
    this.#sample(`${name}_count`, labels, histogram.count);
    return this;
  }

  toString(): string {
    return this.#lines.join('');
  }

  #family(name: string, type: string, help: string, samples: Iterable<Sample>): this {
    this.#header(name, type, help);
    for (const [labels, value] of samples) this.#sample(name, labels, value);
    return this;
  }

  #header(name: string, type: string, help: string): void {
    checkName(name, METRIC_NAME, 'metric');
    if (this.#families.has(name)) throw new Error(`metric family '${name}' written twice`);
    this.#families.add(name);
    this.#lines.push(`# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`);
  }

  #sample(name: string, labels: Labels, value: number): void {
    const own = Exposition.#labelPairs(labels);
    const all = this.#constLabels && own ? `${this.#constLabels},${own}` : this.#constLabels || own;
    this.#lines.push(`${name}${all ? `{${all}}` : ''} ${formatValue(value)}\n`);
  }

  static #labelPairs(labels: Labels): string {
    return Object.entries(labels)
      .map(([key, value]) => {
        checkName(key, LABEL_NAME, 'label');
        return `${key}="${escapeLabelValue(value)}"`;
      })
      .join(',');
  }
}
