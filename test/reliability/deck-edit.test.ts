// A deck file broken while the real bot (src/main.ts, console mode) runs: the bot keeps serving
// the last good version, and logs each finding (the file, the line, what is wrong).
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startMain, waitForOutput, type Run } from '../console/spawn-main.js';

describe('deck file edited or broken while the bot runs', () => {
  let run: Run | undefined;
  afterAll(async () => {
    if (process.env.DEBUG_DECK_EDIT) console.log(run?.stdout(), run?.stderr());
    if (run && run.child.exitCode === null) {
      run.child.stdin.end();
      await run.exited;
    }
  });

  it('serves the last good version and logs each finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'studybot-decks-'));
    const file = join(dir, 'api-gateway.md');
    copyFileSync(join(ROOT, 'content/api-gateway.md'), file);
    run = startMain({ CONTENT_DIR: dir });
    const all = () => run!.stdout() + run!.stderr();
    const count = (s: string) => all().split(s).length - 1;

    run.child.stdin.write('/apigw quiz 1\n');
    await waitForOutput(run, () => all().includes('API Gateway Q1'));

    // Broken: unterminated frontmatter and no questions.
    writeFileSync(file, '---\ntitle: [oops\n---\n## Questions\n');
    await waitForOutput(run, () => all().includes('kept-last-good') || all().includes('still serving the last good version'));
    await waitForOutput(run, () => /api-gateway\.md:4: error: no scored questions.*content problem/.test(all()));
    expect(all()).toMatch(/api-gateway\.md:2: error: front matter is not valid YAML.*content problem/);

    // The last good version is still served (a quiz is open, so ask for a concept from the same deck).
    const before = count('Stage variables are name-value pairs');
    run.child.stdin.write('/apigw explain stage-variables\n');
    await waitForOutput(run, () => count('Stage variables are name-value pairs') > before);

    run.child.stdin.end();
    expect(await run.exited).toBe(0);
  }, 30_000);
});
