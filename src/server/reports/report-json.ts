// Report bodies as JSON text, each row's text kept with the row: a kept row (a day of a daily report, a session)
// is serialized once, not again for every report it is in; a year of daily rows is ~360 kB of JSON per request.
import { ROWS_KEY, rowsOf, type ReportBody } from '../../reports/report-engine.ts';
import type { ReportKind } from '../../api/values.ts';

export class ReportJson {
  readonly #rows = new WeakMap<object, string>();
  readonly #bodies = new WeakMap<ReportBody, string>();

  /** The same text as JSON.stringify(body). */
  text(kind: ReportKind, body: ReportBody): string {
    let text = this.#bodies.get(body);
    if (text !== undefined) return text;
    const rows = rowsOf(body, kind).map((row) => {
      let json = this.#rows.get(row);
      if (json === undefined) this.#rows.set(row, (json = JSON.stringify(row)));
      return json;
    });
    text = `{${JSON.stringify(ROWS_KEY[kind])}:[${rows.join(',')}],"totals":${JSON.stringify(body.totals)}}`;
    this.#bodies.set(body, text);
    return text;
  }
}
