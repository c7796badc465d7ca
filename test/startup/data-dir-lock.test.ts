// Issue 16.1: one process at a time on an embedded data folder, with real bot processes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForOutput } from '../console/spawn-main.js';
import { runBot, runScript, startBot } from './spawn.js';
import { oneQuestionFolder } from '../support/one-question-content.js';

const root = mkdtempSync(join(tmpdir(), 'studybot-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('two processes on one STUDYBOT_DATA_DIR', () => {
  it('refuses the second bot, db:migrate and content:check --reports while a bot runs; a SIGKILLed bot leaves nothing stuck', async () => {
    const dir = join(root, 'data');
    // A deck of one question: the plain (scored) quiz is Q1, B its answer.
    const holder = startBot({ STUDYBOT_DATA_DIR: dir, CONTENT_DIR: oneQuestionFolder('Q1') });
    try {
      holder.child.stdin.write('/apigw quiz\nb\n');
      await waitForOutput(holder, (out) => out.includes('First right: you'));
      const pid = holder.child.pid!;

      const second = await runBot(['/apigw stats'], { STUDYBOT_DATA_DIR: dir });
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `studybot: STUDYBOT_DATA_DIR: data folder ${dir} is in use by process ${pid} (the bot): stop it first (a crashed holder's lock expires within 20 s)\n`,
      );
      expect(second.stdout).toBe('');

      const migrate = await runScript('src/db/migrate-cli.ts', [], { STUDYBOT_DATA_DIR: dir });
      expect(migrate.code).toBe(1);
      expect(migrate.stderr).toContain(`db:migrate failed: STUDYBOT_DATA_DIR: data folder ${dir} is in use by process ${pid} (the bot)`);

      const reports = await runScript('src/content/cli.ts', ['content', '--reports'], { STUDYBOT_DATA_DIR: dir });
      expect(reports.code).toBe(2);
      expect(reports.stderr).toBe(`--reports: data folder ${dir} is in use by process ${pid} (the bot): stop it first (a crashed holder's lock expires within 20 s)\n`);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }

    // The holder died without releasing its lock: the next bot starts at once and finds the answer.
    const after = await runBot(['/apigw stats'], { STUDYBOT_DATA_DIR: dir });
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/Answered: +1\n/);
    expect(after.stdout).toMatch(/Points: +10\n/);
  }, 240_000);
});
