// DESIGN.md: src/quiz talks to the world through ports only.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = ['@slack/bolt', 'discord.js', 'pg', 'drizzle-orm', '@electric-sql/pglite'];

describe('src/quiz boundaries', () => {
  it('imports no platform or database library', () => {
    const dir = new URL('../../src/quiz/', import.meta.url);
    const offenders: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const [, spec] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        if (FORBIDDEN.some((lib) => spec === lib || spec!.startsWith(`${lib}/`)) || spec!.includes('/db/')) offenders.push(`${file}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
