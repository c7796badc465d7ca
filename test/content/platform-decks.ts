// Content folders with many small decks, for the platform-limit tests (content:check and both CLIs).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function deckNote(title: string, command: string, description = 'A small deck'): string {
  return `---
title: ${title}
description: ${JSON.stringify(description)}
command: ${command}
---

## Questions

### Q1

**Which one is right?**

- A) This one
- B) That one

<details>
<summary>Explanation</summary>
<div>

<mark style="color:white">A</mark>

</div>
</details>
`;
}

/** A temporary content folder with `count` decks (commands deck-001 …) plus `extra` notes. */
export function contentFolder(count: number, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'studybot-limits-'));
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(3, '0');
    writeFileSync(join(dir, `deck-${n}.md`), deckNote(`Deck ${n}`, `deck-${n}`));
  }
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}
