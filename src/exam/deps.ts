// What the core needs to offer exam prep: the blueprints (content/exams), the exam store, and
// where to write chart pictures for the console. main.ts builds it; tests pass their own.
import type { Blueprint } from './blueprint.js';
import type { Prior } from './readiness.js';
import type { ExamStore } from './store.js';

export interface ExamDeps {
  store: ExamStore;
  blueprints(): Blueprint[];
  /** Folder for chart PNGs on the console (e.g. `./data/charts`); unset: charts are not written. */
  chartDir?: string;
  /** What unseen questions count at (default: the guess rate). */
  prior?: Prior;
}
