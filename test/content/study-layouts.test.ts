// Layouts found in real study notes (second round): bold answer lines, <details> flashcards, quizdown blocks,
// angle-bracket words, two option lists under one heading, prompt labels and domain sections.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBroken, parseDeck, type Question } from '../../src/content/index.js';
import { questionHash } from '../../src/content/questions.js';
import { escapeDiscord } from '../../adapters/discord/index.js';
import { findingLines, parseNoteLines, slackQuestionJson } from './helpers.js';

const path = (name: string) => `test/fixtures/dialects/${name}`;
const read = (name: string) => readFileSync(new URL(`../fixtures/dialects/${name}`, import.meta.url), 'utf8');
const parse = (name: string) => parseDeck(read(name), path(name));
const view = (q: Question) => ({ n: q.number, line: q.source.line, prompt: q.prompt, correct: q.correct, explanation: q.explanation });

describe('`#### Q.` headings over plain bullets with the answer as a bold line', () => {
  it('the bold line names the option (exact, with a note, with a typo, two lines, "All of above"); no match is reported at its line', () => {
    const r = parse('bold-answers.md');
    expect(isBroken(r)).toBe(false);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', line: 4, prompt: 'Which device forwards packets between different networks?', correct: ['B'], explanation: 'A switch stays inside one network' },
      { n: '2', line: 14, prompt: 'Which TWO protocols run over UDP?', correct: ['A', 'C'], explanation: '' },
      { n: '3', line: 25, prompt: 'Which record maps a name to an IPv6 address?', correct: ['B'], explanation: 'quad-A record' },
      { n: '4', line: 34, prompt: 'Which tool shows the route a packet takes?', correct: ['B'], explanation: '' },
      { n: '5', line: 43, prompt: 'What does a firewall do?', correct: ['A', 'B', 'C'], explanation: '' },
      { n: '6', line: 52, prompt: 'Which layer does TLS sit on?', correct: [], explanation: '' },
    ]);
    expect(r.deck.questions[0]?.options.map((o) => `${o.id}=${o.text}`)).toEqual(['A=Switch', 'B=Router', 'C=Hub', 'D=Repeater']);
    expect(findingLines(r.findings)).toEqual(['1 warning no-title', '56 error answer-invalid']);
  });
});

describe('`<details><summary>` flashcards', () => {
  it('a summary that asks is the prompt (its number read), the body up to `</details>` the answer; reveal buttons and empty bodies are not cards (an empty one is reported)', () => {
    const r = parse('summary-cards.md');
    expect(isBroken(r)).toBe(false);
    expect(r.deck.questions.map((q) => ({ n: q.number, line: q.source.line, kind: q.kind, prompt: q.prompt, answer: q.answerText }))).toEqual([
      { n: '1', line: 6, kind: 'flashcard', prompt: 'What does DNS resolve?', answer: 'Names to IP addresses.\nTip: think of a phone book.' },
      { n: '2', line: 14, kind: 'flashcard', prompt: 'Which ports are well known?', answer: 'The main ones:\n\n- 22 SSH\n- 443 HTTPS' },
      { n: '3', line: 23, kind: 'flashcard', prompt: 'What is a subnet mask for?', answer: 'It splits an address into network and host parts.' },
    ]);
    expect(findingLines(r.findings)).toEqual(['1 warning no-title', '6 warning flashcards-only', '39 warning unread-question']);
  });
});

describe('quizdown blocks', () => {
  it('a `> Solution:` / `> Hint:` blockquote after the options is the explanation; the fences and their settings are not text', () => {
    const r = parse('quizdown.md');
    expect(isBroken(r)).toBe(false);
    expect(r.deck.questions.map(view)).toEqual([
      { n: '1', line: 12, prompt: 'Which protocol resolves names to addresses?', correct: ['2'], explanation: 'DNS maps names to IP addresses.' },
      { n: '2', line: 20, prompt: 'Which port does HTTPS use by default?', correct: ['2'], explanation: 'Hint: the same as TLS.' },
      { n: '3', line: 27, prompt: 'Which device joins two networks?', correct: ['2'], explanation: 'a router forwards between networks.' },
      { n: '4', line: 34, prompt: 'Which command shows the route to a host?', correct: ['2'], explanation: 'it lists every hop.' },
      expect.objectContaining({ n: '5', line: 41, correct: ['1'] }),
    ]);
    // Ids hashed over the prompt as read before (hint included): decks already served keep their progress.
    const first = r.deck.questions[0] as Question;
    expect(first.id).toBe(`quizdown:${questionHash('Which protocol resolves names to addresses?\n\nSolution: DNS maps names to IP addresses.', first.options)}`);
  });

  it('two checked option lists under one heading: a paragraph before the second is its prompt, else a warning at the second list', () => {
    const r = parse('quizdown.md');
    expect(r.deck.questions.map((q) => q.options.map((o) => o.text))).toContainEqual(['ping', 'traceroute']);
    expect(r.deck.questions.map((q) => q.options.map((o) => o.text))).toContainEqual(['Hub', 'Router']);
    expect(findingLines(r.findings)).toEqual(['1 warning no-title', '48 warning two-option-lists']);
  });
});

describe('words in angle brackets', () => {
  it('only known HTML elements are markup; `<outbound>`, `<Grant>…</Grant>`, `<bucket-name>` stay as written, and Slack shows them escaped', () => {
    const r = parse('angle-words.md');
    expect(isBroken(r)).toBe(false);
    const [q1, q2, q3] = r.deck.questions as [Question, Question, Question];
    expect(q1.prompt).toBe('The header rule belongs in the <outbound> section of the policy.');
    expect(q2.options.map((o) => o.text)).toEqual([
      'A bucket ACL that grants <Grant>READ_ACP</Grant> to everyone.',
      'A bucket policy that allows s3:GetObject on <bucket-name>/*.',
      'Static website hosting, with index.html as the index document.',
    ]);
    expect(q3.options.map((o) => o.text)).toEqual(['`<set-header>`', '<rewrite-uri template="/v2" />', 'Neither']);
    const slack = slackQuestionJson(r.deck, q1);
    expect(slack).toContain('&lt;outbound&gt; section');
    expect(escapeDiscord(q1.prompt)).toContain('<outbound>');
  });
});

describe('prompt labels and domain sections', () => {
  it('`**Pergunta:**` / `**Question:**` labels are not shown (ids hashed as written); `## Domínio: …` / `## Domain 2 - …` name the domain of the questions under them', () => {
    const r = parse('domain-sections.md');
    expect(isBroken(r)).toBe(false);
    expect(r.deck.questions.map((q) => ({ n: q.number, prompt: q.prompt, domain: q.domain, correct: q.correct }))).toEqual([
      { n: '1', prompt: 'Qual protocolo resolve nomes?', domain: 'Redes básicas', correct: ['B'] },
      { n: '2', prompt: 'Which device filters traffic?', domain: 'Security', correct: ['A'] },
      { n: '3', prompt: 'Which port does SSH use?', domain: 'Security', correct: ['A'] },
      { n: '4', prompt: 'Which layer is IP on?', domain: undefined, correct: ['A'] },
    ]);
    const first = r.deck.questions[0] as Question;
    expect(first.id).toBe(`domain-sections:${questionHash('Pergunta: Qual protocolo resolve nomes?', first.options)}`);
  });
});

describe('answer lines spelt wrong', () => {
  it('`**Resposta Correita:**` (a common misspelling) is the answer line, never left in the prompt', () => {
    const r = parseNoteLines('test/fixtures/dialects/correita.md', [
      '### Questão 1',
      'Qual protocolo resolve nomes?',
      '- A) DHCP',
      '- B) DNS',
      '',
      '**Resposta Correita:** B) DNS',
      '**Explicação:** O DNS traduz nomes.',
    ]);
    const q = r.deck.questions[0] as Question;
    expect({ prompt: q.prompt, correct: q.correct, explanation: q.explanation }).toEqual({
      prompt: 'Qual protocolo resolve nomes?',
      correct: ['B'],
      explanation: 'O DNS traduz nomes.',
    });
  });
});

describe('bold lines in study notes', () => {
  it('a topic heading over bullets and a bold line is not a question; a `?` heading whose bold names no option is not either', () => {
    const r = parseNoteLines('notes.md', [
      '# Pricing notes',
      '## Pricing',
      '- On-demand',
      '- Spot',
      '',
      '**Spot**',
      '',
      '## What are the benefits?',
      '- Scale',
      '- Pay as you go',
      '',
      '**Summary**',
    ]);
    expect(r.deck.questions).toEqual([]);
  });
});
