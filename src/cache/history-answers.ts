// /api/metrics/history answers, computed once per (range, step) for each state of the stats cache: between two ticks
// the figures cannot change, so a repeat costs a map lookup however many clients poll.
import { buildHistory, type History, type HistorySource } from './history.ts';
import type { HistoryRange } from '../api/values.ts';

/** Answers kept per state; a client cycling through steps only evicts, it never grows memory. */
const MAX_ANSWERS = 64;

/** The cache's state as the answers see it: a version that changes whenever the figures do, and their time. */
export interface AnswerSource extends HistorySource {
  readonly version: number;
  /** Epoch ms the figures are current as of. */
  readonly asOf: number;
}

export class HistoryAnswers {
  readonly #answers = new Map<string, History>();
  #version = -1;
  #computed = 0;

  constructor(private readonly cache: AnswerSource) {}

  /** Answers computed since start (a request answered from an earlier computation adds none). */
  get computed(): number {
    return this.#computed;
  }

  /**
   * The series ending when the figures were last brought up to date (the latest tick); throws HistoryError as
   * buildHistory does (errors are not kept: finding one is cheap).
   */
  answer(range: HistoryRange, step: string | undefined): History {
    if (this.#version !== this.cache.version) {
      this.#answers.clear();
      this.#version = this.cache.version;
    }
    const key = `${range} ${step ?? ''}`;
    let answer = this.#answers.get(key);
    if (!answer) {
      answer = buildHistory(this.cache, range, step, this.cache.asOf);
      this.#computed++;
      if (this.#answers.size >= MAX_ANSWERS) this.#answers.clear();
      this.#answers.set(key, answer);
    }
    return answer;
  }
}
