// Which exam domain each question belongs to. In order: the question's own `Domain:` line
// (Question.domain), the deck's front matter `domain:`, then the blueprint's hint words found in
// the question (only when exactly one domain has the most hits). A deck joins an exam with `exam:`.
import { stripCodeSpans } from '../content/code-spans.js';
import type { Deck, Finding, Question } from '../content/types.js';
import { findDomain, type Blueprint, type ExamDomain } from './blueprint.js';
import { examQuotas, fullExamSize } from './quotas.js';

export type MappedVia = 'question' | 'deck' | 'hint';

export interface ExamQuestion {
  deck: Deck;
  question: Question;
  domain: ExamDomain;
  via: MappedVia;
}

export interface ExamMapping {
  blueprint: Blueprint;
  /** Decks whose front matter names this exam. */
  decks: Deck[];
  /** Scored multiple-choice questions with their domain, deck order. */
  questions: ExamQuestion[];
  /** Scored questions of the exam's decks that no rule could place. */
  unmapped: { deck: Deck; question: Question }[];
  findings: Finding[];
}

/** The exam a deck belongs to (front matter `exam:`, lower-cased), if any. */
export function examIdOf(deck: Deck): string | undefined {
  const raw = deck.meta.exam;
  return typeof raw === 'string' && raw.trim() ? raw.trim().toLowerCase() : undefined;
}

const normalize = (s: string) => ` ${s.toLowerCase().replace(/https?:\/\/\S+/g, ' ').replace(/[^a-z0-9]+/g, ' ').trim()} `;

/** Hint hits per domain in the question's text; the domain with strictly the most hits, if any. */
export function hintedDomain(blueprint: Blueprint, question: Question): { domain: ExamDomain; words: string[] } | undefined {
  const text = normalize([question.prompt, ...question.options.map((o) => o.text), question.explanation].map(stripCodeSpans).join(' '));
  const scored = blueprint.domains.map((domain) => ({
    domain,
    words: domain.hints.filter((h) => {
      const term = normalize(h).trim();
      return term.length > 0 && (text.includes(` ${term} `) || text.includes(` ${term}s `));
    }),
  }));
  scored.sort((a, b) => b.words.length - a.words.length);
  const [best, second] = scored;
  if (!best || best.words.length === 0 || (second && second.words.length === best.words.length)) return undefined;
  return best;
}

const domainList = (b: Blueprint) => b.domains.map((d) => `${d.id} ${d.name}`).join(', ');

/** Maps every scored choice question of the exam's decks to a domain, with findings for what it cannot place. */
export function mapExam(decks: Deck[], blueprint: Blueprint): ExamMapping {
  const mine = decks.filter((d) => examIdOf(d) === blueprint.id);
  const findings: Finding[] = [];
  const questions: ExamQuestion[] = [];
  const unmapped: ExamMapping['unmapped'] = [];
  for (const deck of mine) {
    const deckRaw = typeof deck.meta.domain === 'string' || typeof deck.meta.domain === 'number' ? String(deck.meta.domain) : undefined;
    const deckDomain = deckRaw === undefined ? undefined : findDomain(blueprint, deckRaw);
    if (deckRaw !== undefined && !deckDomain) {
      findings.push({ path: deck.path, line: 1, severity: 'warning', code: 'exam-domain', message: `front matter domain "${deckRaw}" is not a domain of ${blueprint.id} (${domainList(blueprint)})` });
    }
    for (const question of deck.questions) {
      if (!question.scored || question.kind !== 'choice') continue;
      const own = question.domain === undefined ? undefined : findDomain(blueprint, question.domain);
      if (question.domain !== undefined && !own && question.domain !== deckRaw) {
        findings.push({ path: deck.path, line: question.source.line, severity: 'warning', code: 'exam-domain', message: `${question.number}: domain "${question.domain}" is not a domain of ${blueprint.id} (${domainList(blueprint)})` });
      }
      const hinted = own || deckDomain ? undefined : hintedDomain(blueprint, question);
      const domain = own ?? deckDomain ?? hinted?.domain;
      if (!domain) {
        unmapped.push({ deck, question });
        continue;
      }
      questions.push({ deck, question, domain, via: own ? 'question' : deckDomain ? 'deck' : 'hint' });
    }
  }
  return { blueprint, decks: mine, questions, unmapped, findings };
}

/** Questions per domain a full-size mock exam draws: the real exam's size split by weight, as the draw does. */
export function fullExamNeeds(blueprint: Blueprint): Map<string, number> {
  return examQuotas(blueprint, fullExamSize(blueprint));
}

export interface ExamCoverage {
  examId: string;
  title: string;
  decks: number;
  perDomain: { domain: ExamDomain; questions: number; needed: number }[];
  unmapped: number;
}

export function examCoverage(mapping: ExamMapping): ExamCoverage {
  const needs = fullExamNeeds(mapping.blueprint);
  return {
    examId: mapping.blueprint.id,
    title: mapping.blueprint.title,
    decks: mapping.decks.length,
    perDomain: mapping.blueprint.domains.map((domain) => ({
      domain,
      questions: mapping.questions.filter((q) => q.domain.id === domain.id).length,
      needed: needs.get(domain.id) ?? 0,
    })),
    unmapped: mapping.unmapped.length,
  };
}

/** One line per exam for content:check: `dva-c02: 6 questions in 1 deck — 1 Development with AWS Services 4, …`. */
export function formatCoverage(c: ExamCoverage): string {
  const total = c.perDomain.reduce((s, d) => s + d.questions, 0);
  const domains = c.perDomain.map((d) => `${d.domain.id} ${d.domain.name} ${d.questions}`).join(', ');
  return `${c.examId}: ${total} question${total === 1 ? '' : 's'} in ${c.decks} deck${c.decks === 1 ? '' : 's'}: ${domains}; ${c.unmapped} unmapped`;
}

/**
 * content:check's exam findings: front-matter exams that do not exist, unknown domains, questions
 * no rule maps, and domains with fewer questions than a full-size mock exam draws from them.
 * `folder`: where the blueprints were read from (named when none loaded).
 */
export function examFindings(decks: Deck[], blueprints: Blueprint[], folder = 'content/exams'): Finding[] {
  const findings: Finding[] = [];
  const known = new Set(blueprints.map((b) => b.id));
  for (const deck of decks) {
    const exam = examIdOf(deck);
    if (exam && !known.has(exam)) {
      const list = blueprints.length ? blueprints.map((b) => b.id).join(', ') : `none in ${folder}`;
      findings.push({ path: deck.path, line: 1, severity: 'warning', code: 'exam-unknown', message: `front matter exam "${exam}" has no blueprint (known: ${list})` });
    }
  }
  for (const blueprint of blueprints) {
    const mapping = mapExam(decks, blueprint);
    if (!mapping.decks.length) continue;
    findings.push(...mapping.findings);
    for (const { deck, question } of mapping.unmapped) {
      findings.push({ path: deck.path, line: question.source.line, severity: 'warning', code: 'exam-unmapped', message: `${question.number}: no ${blueprint.id} domain; add \`domain:\` to the front matter or a \`Domain: <id>\` line to the question` });
    }
    for (const d of examCoverage(mapping).perDomain) {
      if (d.questions >= d.needed) continue;
      findings.push({
        path: blueprint.path,
        line: d.domain.line,
        severity: 'warning',
        code: 'exam-thin-domain',
        message: `domain ${d.domain.id} ${d.domain.name} has ${d.questions} question${d.questions === 1 ? '' : 's'}; a full ${fullExamSize(blueprint)}-question mock exam draws ${d.needed} from it`,
      });
    }
  }
  return findings;
}
