// A GIFT question whose only answer is worth part of the marks (`{~%50%22}`): found by the importers' property
// test (intake-property.test.ts), which requires every scored question to have two options or more.
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/import/index.js';

describe('GIFT: one answer with part credit', () => {
  it('is reported, not served as a choice of one option', () => {
    const r = parseContent('::One:: Which port? {\n\t~%50%22#Half right.\n}\n\n::Two:: Which port is SSH? {=22 ~23}\n', 'x/one.gift');
    expect(r.deck.questions.map((q) => q.prompt)).toEqual(['Which port is SSH?']);
    expect(r.findings.map((f) => `${f.line} ${f.code}`)).toEqual(['1 one-option']);
  });
});
