// All-time usage per (model, project label) for the Prometheus counters, with a bounded set of project labels.
// A project keeps its own label once given one (so its counters never fold back into `other` and go down);
// the first tick labels the top N by cost, later ticks fill free slots the same way.
import { NO_MODEL, type UsageLedger } from './ledger.ts';
import { Tally } from './tally.ts';
import type { UsageSeries } from './outputs.ts';
import { UsageCube } from './usage-cube.ts';

/** Projects with their own label; the rest are summed as `other`. */
export const LABELLED_PROJECTS = 20;
export const OTHER_PROJECT = 'other';
/** Label of usage lines that name no model. */
export const UNKNOWN_MODEL = 'unknown';

export class UsageSeriesBuilder {
  readonly #labelled = new Set<number>();

  constructor(private readonly limit = LABELLED_PROJECTS) {}

  build(ledger: UsageLedger): UsageSeries[] {
    this.#label(ledger.cube.byProject);
    const series = new Map<string, { model: string; project: string; tally: Tally }>();
    for (const [key, tally] of ledger.cube.byModelProject) {
      if (tally.isEmpty) continue;
      const pair = UsageCube.pair(key);
      const modelName = ledger.models.name(pair.model);
      const model = modelName === NO_MODEL ? UNKNOWN_MODEL : modelName;
      const project = this.#labelled.has(pair.project) ? ledger.projects.name(pair.project) : OTHER_PROJECT;
      const id = `${model}\n${project}`;
      let entry = series.get(id);
      if (!entry) series.set(id, (entry = { model, project, tally: new Tally() }));
      entry.tally.merge(tally);
    }
    return [...series.values()]
      .sort((a, b) => a.project.localeCompare(b.project) || a.model.localeCompare(b.model))
      .map(({ model, project, tally: t }) => ({
        model,
        project,
        input: t.input,
        output: t.output,
        cacheRead: t.cacheRead,
        cacheCreation: t.cacheCreation,
        cost: t.cost,
        messages: t.messages,
        failed: t.failed,
      }));
  }

  /** Gives free label slots to the costliest unlabelled projects (by tokens when costs tie). */
  #label(byProject: ReadonlyMap<number, Tally>): void {
    if (this.#labelled.size >= this.limit) return;
    const ranked = [...byProject]
      .filter(([project, tally]) => !this.#labelled.has(project) && !tally.isEmpty)
      .sort(([, a], [, b]) => b.cost - a.cost || b.tokens - a.tokens);
    for (const [project] of ranked.slice(0, this.limit - this.#labelled.size)) this.#labelled.add(project);
  }
}
