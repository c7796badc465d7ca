// Feedback columns of quiz spreadsheets (`Feedback OK` / `Feedback Fail`, `Correct feedback`, `Incorrect feedback`,
// `General feedback`, Moodle's `correctfeedback`, `Explanation for incorrect`, `Hint`) and keys of JSON banks are
// shown in the question's explanation, which learners see after answering; a column of notes no role reads is
// reported, so no filled cell is lost silently.
import { describe, expect, it } from 'vitest';
import { feedbackKind } from '../../src/content/import/feedback.js';
import { parseContent } from '../../src/content/import/index.js';
import type { ParseResult } from '../../src/content/types.js';
import { parseSourceLines } from './helpers.js';

const explained = (r: ParseResult) => r.deck.questions.map((q) => q.explanation);
const found = (r: ParseResult) => r.findings.map((f) => `${f.line} ${f.severity} ${f.code}: ${f.message}`);

describe('feedback header names', () => {
  it.each([
    ['feedback ok', 'right'],
    ['feedback fail', 'wrong'],
    ['correct feedback', 'right'],
    ['correctfeedback', 'right'],
    ['incorrect feedback', 'wrong'],
    ['incorrectfeedback', 'wrong'],
    ['partiallycorrectfeedback', 'partial'],
    ['partially correct feedback', 'partial'],
    ['general feedback', 'general'],
    ['generalfeedback', 'general'],
    ['feedback if correct', 'right'],
    ['feedback for the incorrect answer', 'wrong'],
    ['feedback when wrong', 'wrong'],
    ['explanation for correct', 'right'],
    ['explanation for incorrect', 'wrong'],
    ['explanation if wrong', 'wrong'],
    ['positive feedback', 'right'],
    ['negative feedback', 'wrong'],
    ['retroalimentación correcta', 'right'],
    ['hint', 'hint'],
    ['feedback', undefined],
    ['correct answer', undefined],
    ['explanation', undefined],
  ] as const)('%j -> %j', (name, kind) => {
    expect(feedbackKind(name)).toBe(kind);
  });
});

describe('CSV feedback columns', () => {
  it('Feedback OK and Feedback Fail are both shown, labelled, after the explanation', () => {
    const r = parseSourceLines('x/okfail.csv', [
      'Question,A,B,Answer,Explanation,Feedback OK,Feedback Fail',
      'Which stores objects?,S3,EBS,A,S3 is object storage.,"Right: buckets hold objects.","EBS is a block store, S3 holds objects."',
      'Which runs code?,Lambda,EBS,A,,,"Lambda runs functions; EBS stores blocks."',
      'Which is a CDN?,CloudFront,EBS,A,,,',
    ]);
    expect(r.findings).toEqual([]);
    expect(explained(r)).toEqual([
      'S3 is object storage.\nIf correct: Right: buckets hold objects.\nIf incorrect: EBS is a block store, S3 holds objects.',
      'If incorrect: Lambda runs functions; EBS stores blocks.',
      '',
    ]);
  });

  it('one feedback column is shown unlabelled; general feedback comes first; the same text twice is shown once', () => {
    const one = parseSourceLines('x/one.csv', ['Question,A,B,Answer,Incorrect feedback', 'Which stores objects?,S3,EBS,A,S3 stores objects; EBS blocks.']);
    expect(explained(one)).toEqual(['S3 stores objects; EBS blocks.']);
    const general = parseSourceLines('x/general.csv', [
      'Question,A,B,Answer,Correct feedback,Incorrect feedback,General feedback',
      'Which stores objects?,S3,EBS,A,Yes: objects in buckets.,No: EBS is blocks.,See the S3 FAQ.',
      'Which runs code?,Lambda,EBS,A,Lambda runs code.,Lambda runs code.,',
    ]);
    expect(explained(general)).toEqual([
      'See the S3 FAQ.\nIf correct: Yes: objects in buckets.\nIf incorrect: No: EBS is blocks.',
      'Lambda runs code.',
    ]);
  });

  it('feedback already in the explanation is not repeated (JSON banks copy it into correctFeedback)', () => {
    const r = parseSourceLines('x/dup.csv', ['Question,A,B,Answer,Explanation,Correct feedback,Incorrect feedback', 'Which stores objects?,S3,EBS,A,S3 stores objects.,S3 stores objects.,EBS stores blocks.']);
    expect(explained(r)).toEqual(['S3 stores objects.\nIf incorrect: EBS stores blocks.']);
  });

  it('a flashcard row keeps its feedback; a Hint column is a "Hint:" line', () => {
    const r = parseSourceLines('x/cards.csv', ['Question,Answer,Hint,General feedback', 'What does IAM stand for?,Identity and Access Management,Three words,Global service.']);
    expect(r.deck.questions[0]).toMatchObject({ kind: 'flashcard', explanation: 'Global service.\nHint: Three words' });
  });

  it('two explanation columns (Explanation and Feedback): both are shown', () => {
    const r = parseSourceLines('x/two.csv', ['Question,A,B,Answer,Explanation,Feedback', 'Which stores objects?,S3,EBS,A,S3 is object storage.,Review the storage chapter.']);
    expect(explained(r)).toEqual(['S3 is object storage.\nReview the storage chapter.']);
  });

  it('Feedback for option A … is why each option is right or wrong', () => {
    const r = parseSourceLines('x/per-option.csv', ['Question,A,B,Answer,Feedback for option A,Feedback for option B', 'Which stores objects?,S3,EBS,A,Objects.,Blocks.']);
    expect(explained(r)).toEqual(['A) Objects.\nB) Blocks.']);
  });

  it('a column of notes no role reads is reported once at the header when a row fills it; empty ones say nothing', () => {
    const r = parseSourceLines('x/unread.csv', ['Question,A,B,Answer,Reviewer comments,Internal notes on source', 'Which stores objects?,S3,EBS,A,Check wording,', 'Which runs code?,Lambda,EBS,A,,']);
    expect(found(r)).toEqual([
      '1 warning ignored-columns: column "Reviewer comments" not shown (not a name the reader knows): rename it Explanation, Correct feedback, Incorrect feedback, General feedback or Hint to show the cells after the answer; see docs/content-intake.md',
    ]);
  });

  it("Moodle's question bank CSV: questiontext, options A–D, the right letters in Answer 1 and Answer 2, Moodle's own verdicts not repeated", () => {
    const r = parseSourceLines('x/moodle.csv', [
      'questionname,questiontext,A,B,C,D,Answer 1,Answer 2,answernumbering,correctfeedback,partiallycorrectfeedback,incorrectfeedback,defaultmark',
      'Question1,The dmesg command,Shows logins,Shows syslog,kernel log messages,Shows daemon log,C,,123,Your answer is correct.,Your answer is partially correct.,Your answer is incorrect.,5',
      'Question2,"Which two store objects, files?",S3,EBS,EFS,RDS,A,C,ABCD,Yes.,Half of it.,S3 and EFS: objects and files.,10',
    ]);
    expect(r.findings).toEqual([]);
    expect(r.deck.questions.map((q) => [q.prompt, q.options.length, q.correct, q.explanation])).toEqual([
      ['The dmesg command', 4, ['C'], ''],
      ['Which two store objects, files?', 4, ['A', 'C'], 'If correct: Yes.\nIf partly correct: Half of it.\nIf incorrect: S3 and EFS: objects and files.'],
    ]);
  });

  it('a Kahoot sheet keeps Answer 1 … Answer 4 as its options', () => {
    const r = parseSourceLines('x/kahoot.csv', ['Question,Answer 1,Answer 2,Answer 3,Answer 4,Correct answer', 'Which stores objects?,S3,EBS,EFS,RDS,1']);
    expect(r.deck.questions[0]!.options.map((o) => o.text)).toEqual(['S3', 'EBS', 'EFS', 'RDS']);
    expect(r.deck.questions[0]!.correct).toEqual(['1']);
  });
});

describe('JSON feedback keys', () => {
  it('correctFeedback / incorrectFeedback / generalFeedback join the explanation; an option’s incorrectFeedback is its note', () => {
    const json = JSON.stringify([
      { question: 'Which stores objects?', options: ['S3', 'EBS'], answer: 0, explanation: 'S3 is object storage.', correctFeedback: 'S3 is object storage.', incorrectFeedback: 'EBS is a block store.' },
      { question: 'Which runs code?', options: [{ text: 'Lambda', isCorrect: true }, { text: 'EBS', isCorrect: false, incorrectFeedback: 'EBS stores blocks.' }], generalFeedback: 'See the Lambda FAQ.' },
    ]);
    const r = parseContent(json, 'x/feedback.json');
    expect(r.findings).toEqual([]);
    expect(explained(r)).toEqual(['S3 is object storage.\nIf incorrect: EBS is a block store.', 'B) EBS stores blocks.\nSee the Lambda FAQ.']);
  });
});

describe('option notes', () => {
  it('a filled Explanation 5 beside an empty Answer Option 5 is kept, not dropped', () => {
    const r = parseSourceLines('x/udemy.csv', [
      'Question,Question Type,Answer Option 1,Explanation 1,Answer Option 2,Explanation 2,Answer Option 3,Explanation 3,Correct Answers,Overall Explanation,Domain',
      'Which stores objects?,multiple-choice,Amazon S3,Object storage.,Amazon EBS,,,Was option 3 once.,1,S3 holds objects.,Storage',
    ]);
    expect(r.findings).toEqual([]);
    expect(r.deck.questions[0]).toMatchObject({ correct: ['1'], domain: 'Storage', explanation: 'S3 holds objects.\n1) Object storage.\n3) Was option 3 once.' });
  });
});

describe('JSON tip keys', () => {
  it('examTip is a "Tip:" line; a flag under such a key (remember: true) is not shown', () => {
    const json = JSON.stringify([
      { question: 'Which stores objects?', options: ['S3', 'EBS'], correctAnswerIndex: 0, explanation: 'S3 is object storage.', examTip: 'Objects: think S3.' },
      { question: 'Which runs code?', options: ['Lambda', 'EBS'], correctAnswerIndex: 0, remember: true },
    ]);
    const r = parseContent(json, 'x/tips.json');
    expect(r.findings).toEqual([]);
    expect(explained(r)).toEqual(['S3 is object storage.\nTip: Objects: think S3.', '']);
  });
});

describe('card sheets with a header', () => {
  it.each(['Extra', 'Example', 'Remarks'])('Front,Back,%s: the third cell is the explanation (it was dropped silently)', (third) => {
    const r = parseSourceLines('x/cards.csv', [`Front,Back,${third}`, 'What is S3?,Object storage,Buckets hold objects']);
    expect(r.findings).toEqual([]);
    expect(r.deck.questions[0]).toMatchObject({ answerText: 'Object storage', explanation: 'Buckets hold objects' });
  });
});
