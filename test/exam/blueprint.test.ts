import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDecks } from '../../src/content/load.js';
import { findDomain, loadBlueprints, parseBlueprint } from '../../src/exam/blueprint.js';
import { examCoverage, examFindings, formatCoverage, mapExam } from '../../src/exam/domain-map.js';
import { apiGatewayDeck, question } from '../support/decks.js';

const VALID = `id: demo
title: Demo exam
questions:
  scored: 10
  unscored: 2
duration_minutes: 20
scaled_score: { min: 100, max: 1000 }
passing_score: 700
domains:
  - id: 1
    name: Building
    weight: 60
    hints: [lambda]
  - id: "2"
    name: Security
    weight: 40
    hints: [cognito, iam]
`;

describe('blueprint files', () => {
  it('ships DVA-C02 as the exam guide describes it', async () => {
    const { blueprints, findings } = await loadBlueprints('content/exams');
    expect(findings).toEqual([]);
    const dva = blueprints.find((b) => b.id === 'dva-c02')!;
    expect(dva).toMatchObject({
      scoredQuestions: 50,
      unscoredQuestions: 15,
      durationMinutes: 130,
      scaledScore: { min: 100, max: 1000 },
      passingScore: 720,
      path: join('content/exams', 'dva-c02.yml'),
    });
    expect(dva.domains.map((d) => [d.id, d.name, d.weight])).toEqual([
      ['1', 'Development with AWS Services', 32],
      ['2', 'Security', 26],
      ['3', 'Deployment', 24],
      ['4', 'Troubleshooting and Optimization', 18],
    ]);
    expect(dva.domains.map((d) => d.line)).toEqual([15, 19, 23, 27]);
  });

  it('reads a valid file, numeric ids as text', () => {
    const { blueprint, findings } = parseBlueprint(VALID, 'x.yml');
    expect(findings).toEqual([]);
    expect(blueprint!.domains.map((d) => d.id)).toEqual(['1', '2']);
    expect(findDomain(blueprint!, 'SECURITY')?.id).toBe('2');
    expect(findDomain(blueprint!, ' 1 ')?.name).toBe('Building');
    expect(findDomain(blueprint!, 'domain 2')?.name).toBe('Security');
    expect(findDomain(blueprint!, 'Securty')).toBeUndefined();
  });

  it('reports weights that do not sum to 100 at the domains line', () => {
    const { blueprint, findings } = parseBlueprint(VALID.replace('weight: 40', 'weight: 30'), 'x.yml');
    expect(blueprint).toBeUndefined();
    expect(findings).toEqual([{ path: 'x.yml', line: 10, severity: 'error', code: 'exam-blueprint', message: 'domains: domain weights sum to 90, not 100' }]);
  });

  it('points at the line of a bad field, a missing field and a passing score out of range', () => {
    const src = VALID.replace('duration_minutes: 20\n', '').replace('name: Security', 'name: ""');
    const { findings } = parseBlueprint(src, 'x.yml');
    const byMessage = Object.fromEntries(findings.map((f) => [f.message.split(':')[0], f.line]));
    expect(byMessage['duration_minutes']).toBe(1);
    expect(byMessage['domains.1.name']).toBe(14);
    // Cross-field rules run once the fields themselves are valid.
    const high = parseBlueprint(VALID.replace('passing_score: 700', 'passing_score: 1200'), 'x.yml');
    expect(high.findings).toEqual([expect.objectContaining({ line: 8, message: 'passing_score: the passing score 1200 is outside the scaled range 100–1000' })]);
  });

  it('reports broken YAML and duplicate domains with lines', () => {
    expect(parseBlueprint('id: [unclosed\n', 'x.yml').findings[0]).toMatchObject({ line: 1, severity: 'error', code: 'exam-yaml' });
    const dup = parseBlueprint(VALID.replace('name: Security', 'name: building'), 'x.yml');
    expect(dup.findings[0]).toMatchObject({ line: 14, message: 'domains.1: domain name "building" appears twice' });
  });

  it('loads a folder: a repeated id keeps the first file, a missing folder means no exams', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bp-'));
    await writeFile(join(dir, 'a.yml'), VALID);
    await writeFile(join(dir, 'b.yaml'), VALID);
    await writeFile(join(dir, 'notes.txt'), 'not a blueprint');
    const { blueprints, findings } = await loadBlueprints(dir);
    expect(blueprints.map((b) => b.path)).toEqual([join(dir, 'a.yml')]);
    expect(findings).toEqual([expect.objectContaining({ path: join(dir, 'b.yaml'), code: 'exam-duplicate' })]);
    expect(await loadBlueprints(join(dir, 'nope'))).toEqual({ blueprints: [], findings: [] });
  });
});

describe('mapping questions to domains', () => {
  const bp = parseBlueprint(VALID, 'content/exams/demo.yml').blueprint!;
  const deck = (meta: Record<string, unknown>, questions = apiGatewayDeck().questions) => apiGatewayDeck({ meta, questions });

  it('a deck without an exam shows nothing', () => {
    expect(mapExam([deck({})], bp).questions).toEqual([]);
    expect(examFindings([deck({})], [bp])).toEqual([]);
  });

  it('uses the question line first, then the deck, then hint words; flashcards and unscored questions are left out', () => {
    const qs = [
      question('api-gateway', 'Q1', { domain: 'security' }),
      question('api-gateway', 'Q2'),
      question('api-gateway', 'Q3', { scored: false, correct: [] }),
      question('api-gateway', 'Q4', { kind: 'flashcard', options: [], correct: [], answerText: 'x' }),
    ];
    const withDeck = mapExam([deck({ exam: 'Demo', domain: 1 }, qs)], bp);
    expect(withDeck.questions.map((q) => [q.question.number, q.domain.id, q.via])).toEqual([
      ['Q1', '2', 'question'],
      ['Q2', '1', 'deck'],
    ]);
    const hinted = mapExam([deck({ exam: 'demo' }, [question('api-gateway', 'Q1', { prompt: 'Which Cognito feature…' }), question('api-gateway', 'Q2')])], bp);
    expect(hinted.questions.map((q) => [q.question.number, q.domain.id, q.via])).toEqual([['Q1', '2', 'hint']]);
    expect(hinted.unmapped.map((u) => u.question.number)).toEqual(['Q2']);
  });

  it('findings: unknown exam, unknown domain, unmapped questions, thin domains', () => {
    const qs = [question('api-gateway', 'Q1', { domain: 'Securty', source: { path: 'content/api-gateway.md', line: 70 } }), question('api-gateway', 'Q2', { source: { path: 'content/api-gateway.md', line: 90 } })];
    const other = apiGatewayDeck({ id: 'other', path: 'content/other.md', command: 'other', meta: { exam: 'saa-c03' } });
    const findings = examFindings([deck({ exam: 'demo' }, qs), other], [bp]);
    expect(findings).toEqual([
      { path: 'content/other.md', line: 1, severity: 'warning', code: 'exam-unknown', message: 'front matter exam "saa-c03" has no blueprint (known: demo)' },
      { path: 'content/api-gateway.md', line: 70, severity: 'warning', code: 'exam-domain', message: 'Q1: domain "Securty" is not a domain of demo (1 Building, 2 Security)' },
      { path: 'content/api-gateway.md', line: 70, severity: 'warning', code: 'exam-unmapped', message: 'Q1: no demo domain; add `domain:` to the front matter or a `Domain: <id>` line to the question' },
      { path: 'content/api-gateway.md', line: 90, severity: 'warning', code: 'exam-unmapped', message: 'Q2: no demo domain; add `domain:` to the front matter or a `Domain: <id>` line to the question' },
      { path: 'content/exams/demo.yml', line: 10, severity: 'warning', code: 'exam-thin-domain', message: 'domain 1 Building has 0 questions; a full 12-question mock exam draws 7 from it' },
      { path: 'content/exams/demo.yml', line: 14, severity: 'warning', code: 'exam-thin-domain', message: 'domain 2 Security has 0 questions; a full 12-question mock exam draws 5 from it' },
    ]);
  });

  it('an unknown exam with no blueprint loaded names the folder the blueprints were read from', () => {
    const findings = examFindings([deck({ exam: 'dva-c02' }, [])], [], '/tmp/notes/exams');
    expect(findings.map((f) => f.message)).toEqual(['front matter exam "dva-c02" has no blueprint (known: none in /tmp/notes/exams)']);
  });

  it('the seed deck belongs to DVA-C02: domain 1 by its front matter, Q5 (Cognito sign-up) Security by its Domain line', async () => {
    const { decks } = await loadDecks(['content/api-gateway.md']);
    const { blueprints } = await loadBlueprints('content/exams');
    const mapping = mapExam(decks, blueprints[0]!);
    expect(mapping.unmapped).toEqual([]);
    expect(mapping.questions.length).toBe(decks[0]!.questions.filter((q) => q.scored && q.kind === 'choice').length);
    expect(formatCoverage(examCoverage(mapping))).toBe(
      `dva-c02: ${mapping.questions.length} questions in 1 deck: 1 Development with AWS Services ${mapping.questions.length - 1}, 2 Security 1, 3 Deployment 0, 4 Troubleshooting and Optimization 0; 0 unmapped`,
    );
    expect(mapping.questions.find((m) => m.domain.id === '2')?.question.number).toBe('Q5');
    const thin = examFindings(decks, blueprints).filter((f) => f.code === 'exam-thin-domain');
    expect(thin.map((f) => f.line)).toEqual([15, 19, 23, 27]);
  });
});
