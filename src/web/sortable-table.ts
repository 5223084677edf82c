// A table whose columns sort on a click or a key press (the headers are buttons; aria-sort says the order), with a
// filter over its rows and a CSV of exactly what it shows. Rows carry their exact figures in data-* for tests.
import { h } from './dom.ts';

export interface Column<R> {
  readonly key: string;
  readonly label: string;
  readonly numeric?: boolean;
  /** Hidden below 760 px (the phone layout). */
  readonly wide?: boolean;
  /** What it sorts by and what the CSV writes. */
  readonly value: (row: R) => number | string;
  readonly text: (row: R) => string;
}

type Sort = { readonly key: string; readonly descending: boolean };

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
const csvField = (value: number | string): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export class SortableTable<R> {
  readonly #head: HTMLTableRowElement;
  readonly #body: HTMLTableSectionElement;
  readonly #foot: HTMLTableSectionElement;
  #rows: readonly R[] = [];
  #filter: (row: R) => boolean = () => true;
  #sort: Sort | undefined;
  #footer: readonly string[] | undefined;

  constructor(
    table: HTMLTableElement,
    private readonly columns: readonly Column<R>[],
    private readonly rowTestId: string,
    private readonly dataset: (row: R) => Record<string, string | number>,
    private readonly empty: string,
  ) {
    this.#head = h('tr');
    this.#body = h('tbody');
    this.#foot = h('tfoot');
    table.replaceChildren(h('thead', {}, this.#head), this.#body, this.#foot);
    for (const column of columns) {
      const button = h('button', { type: 'button', 'data-sort': column.key }, column.label);
      button.addEventListener('click', () => this.sortBy(column.key));
      this.#head.append(h('th', { class: this.#classOf(column), 'aria-sort': 'none' }, button));
    }
  }

  /** Sorts by `key`: a number column biggest first, a text column A–Z; again on the same column reverses. */
  sortBy(key: string): void {
    const column = this.columns.find((c) => c.key === key);
    if (!column) return;
    const descending = this.#sort?.key === key ? !this.#sort.descending : column.numeric === true;
    this.#sort = { key, descending };
    this.#render();
  }

  show(rows: readonly R[], footer?: readonly string[]): void {
    this.#rows = rows;
    this.#footer = footer;
    this.#render();
  }

  filter(keep: (row: R) => boolean): void {
    this.#filter = keep;
    this.#render();
  }

  /** The rows shown, in the order shown. */
  visible(): R[] {
    const rows = this.#rows.filter(this.#filter);
    const sort = this.#sort;
    const column = sort && this.columns.find((c) => c.key === sort.key);
    if (!sort || !column) return rows;
    const sign = sort.descending ? -1 : 1;
    return rows.sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    });
  }

  csv(): string {
    const lines = [this.columns.map((c) => csvField(c.key)).join(',')];
    for (const row of this.visible()) lines.push(this.columns.map((c) => csvField(c.value(row))).join(','));
    return `${lines.join('\r\n')}\r\n`;
  }

  #classOf(column: Column<R>): string {
    return [column.numeric ? 'num' : '', column.wide ? 'wide' : ''].join(' ').trim();
  }

  #render(): void {
    for (const th of this.#head.children) {
      const key = th.querySelector('button')?.dataset.sort;
      const sort = this.#sort;
      th.setAttribute('aria-sort', sort?.key === key ? (sort?.descending ? 'descending' : 'ascending') : 'none');
    }
    const rows = this.visible();
    this.#body.replaceChildren(
      ...rows.map((row) => {
        const data: Record<string, string | number> = { 'data-testid': this.rowTestId };
        for (const [k, v] of Object.entries(this.dataset(row))) data[`data-${k}`] = v;
        return h('tr', data, ...this.columns.map((c) => h('td', { class: this.#classOf(c) }, c.text(row))));
      }),
    );
    if (rows.length === 0)
      this.#body.append(h('tr', { class: 'empty' }, h('td', { colspan: this.columns.length }, this.empty)));
    const footer = this.#footer;
    this.#foot.replaceChildren(
      ...(footer
        ? [h('tr', {}, ...this.columns.map((c, i) => h('th', { class: this.#classOf(c) }, footer[i] ?? '')))]
        : []),
    );
  }
}

/** Offers `text` as a file download (a blob URL: no inline script, nothing leaves the page). */
export function downloadCsv(doc: Document, name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = h('a', { href: url, download: name });
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
