// Exam blueprints: `content/exams/*.yml`, read with `yaml` (so every finding has a line) and
// checked with zod. A blueprint describes the real exam: size, time, scaled score and domains.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { Finding } from '../content/types.js';

export interface ExamDomain {
  /** As the exam guide numbers it: "1". */
  id: string;
  name: string;
  /** Percent of the scored questions; a blueprint's weights sum to 100. */
  weight: number;
  /** Lower-case words that suggest a question belongs here (used for unmapped questions and hints). */
  hints: string[];
  /** Line of the domain in the blueprint file. */
  line: number;
}

export interface Blueprint {
  id: string;
  title: string;
  scoredQuestions: number;
  unscoredQuestions: number;
  durationMinutes: number;
  scaledScore: { min: number; max: number };
  passingScore: number;
  domains: ExamDomain[];
  /** The file and line of the blueprint (findings about mapped decks point at decks, not here). */
  path: string;
}

const positiveInt = z.number().int().positive();
const domainSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1, 'a domain needs an id')),
  name: z.string().trim().min(1, 'a domain needs a name'),
  weight: z.number().positive('a weight is a percentage above 0').max(100, 'a weight is at most 100'),
  hints: z.array(z.string().trim().min(1)).default([]),
});

const blueprintSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'the id is lower-case letters, digits and hyphens (e.g. dva-c02)'),
    title: z.string().trim().min(1),
    questions: z.object({ scored: positiveInt, unscored: z.number().int().nonnegative().default(0) }),
    duration_minutes: positiveInt,
    scaled_score: z.object({ min: z.number().int().nonnegative(), max: positiveInt }),
    passing_score: positiveInt,
    domains: z.array(domainSchema).min(1, 'an exam needs at least one domain'),
  })
  .superRefine((b, ctx) => {
    const { min, max } = b.scaled_score;
    if (min >= max) ctx.addIssue({ code: 'custom', path: ['scaled_score', 'max'], message: `the scaled score's max (${max}) must be above its min (${min})` });
    if (b.passing_score < min || b.passing_score > max) {
      ctx.addIssue({ code: 'custom', path: ['passing_score'], message: `the passing score ${b.passing_score} is outside the scaled range ${min}–${max}` });
    }
    const total = b.domains.reduce((s, d) => s + d.weight, 0);
    if (Math.abs(total - 100) > 1e-9) ctx.addIssue({ code: 'custom', path: ['domains'], message: `domain weights sum to ${total}, not 100` });
    const seen = new Map<string, number>();
    b.domains.forEach((d, i) => {
      for (const key of [`id:${d.id.toLowerCase()}`, `name:${d.name.toLowerCase()}`]) {
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['domains', i], message: `domain ${key.split(':')[0]} "${key.slice(key.indexOf(':') + 1)}" appears twice` });
        seen.set(key, i);
      }
    });
  });

type BlueprintInput = z.output<typeof blueprintSchema>;

export interface BlueprintParse {
  blueprint?: Blueprint;
  findings: Finding[];
}

/** The line of the node at `path` (or of its nearest existing parent). */
function lineOf(doc: Document, lines: LineCounter, path: PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

const toBlueprint = (b: BlueprintInput, path: string, lineAt: (p: PropertyKey[]) => number): Blueprint => ({
  id: b.id,
  title: b.title,
  scoredQuestions: b.questions.scored,
  unscoredQuestions: b.questions.unscored,
  durationMinutes: b.duration_minutes,
  scaledScore: b.scaled_score,
  passingScore: b.passing_score,
  domains: b.domains.map((d, i) => ({ id: d.id, name: d.name, weight: d.weight, hints: d.hints.map((h) => h.toLowerCase()), line: lineAt(['domains', i]) })),
  path,
});

/** Parses one blueprint file's text; anything wrong becomes a `path:line` error and no blueprint. */
export function parseBlueprint(source: string, path: string): BlueprintParse {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const finding = (line: number, message: string, code: string): Finding => ({ path, line, severity: 'error', message, code });
  if (doc.errors.length) {
    return { findings: doc.errors.map((e) => finding(e.linePos?.[0]?.line ?? 1, `not valid YAML: ${e.message.split('\n')[0]}`, 'exam-yaml')) };
  }
  const parsed = blueprintSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      findings: parsed.error.issues.map((i) => {
        const where = i.path.length ? `${i.path.join('.')}: ` : '';
        return finding(lineOf(doc, lines, i.path), `${where}${i.message}`, 'exam-blueprint');
      }),
    };
  }
  return { blueprint: toBlueprint(parsed.data, path, (p) => lineOf(doc, lines, p)), findings: [] };
}

const isBlueprintFile = (name: string) => ['.yml', '.yaml'].includes(extname(name).toLowerCase()) && !name.startsWith('.');

/**
 * Every blueprint in `dir` (default `content/exams`). A missing folder means no exams; a repeated
 * id keeps the first file's blueprint.
 */
export async function loadBlueprints(dir = 'content/exams'): Promise<{ blueprints: Blueprint[]; findings: Finding[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isBlueprintFile).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { blueprints: [], findings: [] };
    return { blueprints: [], findings: [{ path: dir, line: 1, severity: 'error', message: `cannot read: ${String(err)}`, code: 'unreadable' }] };
  }
  const blueprints: Blueprint[] = [];
  const findings: Finding[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const source = await readFile(path, 'utf8').catch((err: unknown) => {
      findings.push({ path, line: 1, severity: 'error', message: `cannot read: ${String(err)}`, code: 'unreadable' });
      return null;
    });
    if (source === null) continue;
    const result = parseBlueprint(source, path);
    findings.push(...result.findings);
    const bp = result.blueprint;
    if (!bp) continue;
    const first = blueprints.find((b) => b.id === bp.id);
    if (first) findings.push({ path, line: 1, severity: 'error', message: `exam id "${bp.id}" is already used by ${first.path}; file skipped`, code: 'exam-duplicate' });
    else blueprints.push(bp);
  }
  return { blueprints, findings };
}

/** A domain by id ("2") or name ("Security"), case-insensitive; undefined when neither matches. */
export function findDomain(blueprint: Blueprint, raw: string): ExamDomain | undefined {
  const want = raw.trim().toLowerCase().replace(/^domain\s+/, '');
  return blueprint.domains.find((d) => d.id.toLowerCase() === want) ?? blueprint.domains.find((d) => d.name.toLowerCase() === want);
}
