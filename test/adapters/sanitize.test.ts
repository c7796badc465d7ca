import { describe, expect, it } from 'vitest';
import { cleanName, cleanText } from '../../adapters/sanitize.js';

describe('edge sanitizing', () => {
  it('removes NUL, other controls, bidi overrides and BOM from names', () => {
    expect(cleanName('ali\u0000ce\u202Egnp.exe\u0007\uFEFF')).toBe('alicegnp.exe');
    expect(cleanName('\u2066bob\u2069')).toBe('bob');
  });
  it('folds a name onto one line', () => {
    expect(cleanName('  Ann\n\tMarie  ')).toBe('Ann Marie');
  });
  it('keeps text in any script and emoji', () => {
    expect(cleanName('東京 Ошибка Größe 🎉')).toBe('東京 Ошибка Größe 🎉');
    expect(cleanText('line one\nline\ttwo ✓')).toBe('line one\nline\ttwo ✓');
  });
  it('removes controls from free text but keeps newlines', () => {
    expect(cleanText('a\u0000b\r\nc\u202Ed')).toBe('ab\nc' + 'd');
  });
  it('replaces a lone surrogate (half an emoji) with U+FFFD and keeps whole emoji', () => {
    expect(cleanName('ann \ud83c x \udf89')).toBe('ann \ufffd x \ufffd');
    expect(cleanText('ok 🎉\ud800')).toBe('ok 🎉\ufffd');
  });
  it('passes undefined through', () => {
    expect(cleanName(undefined)).toBeUndefined();
  });
});
