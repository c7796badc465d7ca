import { describe, expect, it } from 'vitest';
import { commandFor, deckIdFromPath, parseDeck } from '../../src/content/index.js';

describe('deck id and command', () => {
  it('the id is the file name without extension', () => {
    expect(deckIdFromPath('content/api-gateway.md')).toBe('api-gateway');
    expect(deckIdFromPath('/x/y/Step Functions.markdown')).toBe('Step Functions');
  });

  it('front matter `command` wins; else the id lowercased, outside [a-z0-9-] removed, at most 32 characters', () => {
    expect(commandFor('api-gateway', 'apigw')).toBe('apigw');
    expect(commandFor('api-gateway', '/apigw')).toBe('apigw');
    expect(commandFor('api-gateway')).toBe('api-gateway');
    expect(commandFor('Step Functions_v2')).toBe('stepfunctionsv2');
    expect(commandFor('a'.repeat(40))).toBe('a'.repeat(32));
    expect(commandFor('api-gateway', '   ')).toBe('api-gateway');
  });

  it('a file name with nothing usable still gets a command', () => {
    const { deck } = parseDeck('## Questions\n', 'content/___.md');
    expect(deck.command).toBe('deck');
  });
});
