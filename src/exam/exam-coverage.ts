// How far a mock exam's draw stands for the real exam. The draw follows the blueprint's domain
// weights only while the notes have enough questions in every domain; with thin notes it gives a
// short domain's places to the others, or draws fewer questions than asked. Such an exam's scaled
// score stands for a different exam than the one named: the first screen says what is missing and
// the result gives no pass/fail (render-exam.ts).
import type { Blueprint, ExamDomain } from './blueprint.js';
import { examQuotas } from './quotas.js';

export interface DrawGap {
  domain: ExamDomain;
  /** Questions drawn from the domain. */
  drawn: number;
  /** What an exam of the requested size draws from it when the notes have enough. */
  share: number;
}

export interface DrawCoverage {
  /** Questions asked for (`exam 50`) and drawn. */
  requested: number;
  drawn: number;
  /** Domains drawn below their share of the requested size (drawn 0: not covered). */
  gaps: DrawGap[];
  /** Drawn as asked and split by the blueprint's weights: the score is comparable to the real exam's. */
  comparable: boolean;
}

/** Coverage of a draw: `domainIds` are the drawn items' domains, `requested` the size asked for. */
export function drawCoverage(bp: Blueprint, requested: number, domainIds: readonly string[]): DrawCoverage {
  const count = (id: string) => domainIds.filter((d) => d === id).length;
  const wanted = examQuotas(bp, requested);
  const balanced = examQuotas(bp, domainIds.length);
  const gaps = bp.domains.map((domain) => ({ domain, drawn: count(domain.id), share: wanted.get(domain.id) ?? 0 })).filter((g) => g.drawn < g.share);
  const comparable = domainIds.length === requested && bp.domains.every((d) => count(d.id) === balanced.get(d.id));
  return { requested, drawn: domainIds.length, gaps, comparable };
}

/** What the result keeps of an incomparable draw (absent on a comparable one, and on results stored before). */
export interface NotComparable {
  requested: number;
  drawn: number;
  /** "3 Deployment", domains with no question drawn. */
  missing: string[];
  /** "1 Development with AWS Services (5 of 16)", domains drawn below their share. */
  short: string[];
}

export function notComparable(c: DrawCoverage): NotComparable | undefined {
  if (c.comparable) return undefined;
  const name = (g: DrawGap) => `${g.domain.id} ${g.domain.name}`;
  return {
    requested: c.requested,
    drawn: c.drawn,
    missing: c.gaps.filter((g) => g.drawn === 0).map(name),
    short: c.gaps.filter((g) => g.drawn > 0).map((g) => `${name(g)} (${g.drawn} of ${g.share})`),
  };
}
