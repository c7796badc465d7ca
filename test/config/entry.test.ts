// A bad variable stops the real entry point with one line naming it, and exit code 2.

import { describe, expect, it } from 'vitest';
import { runMain } from '../console/spawn-main.js';

describe('entry point with a bad configuration', () => {
  it.each([
    [{ PORT: 'abc' }, 'studybot: invalid configuration: PORT must be a port number from 0 to 65535 (got "abc")'],
    [
      { SLACK_BOT_TOKEN: 'xoxb-0000-not-a-real-token' },
      'studybot: invalid configuration: SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) is required when SLACK_BOT_TOKEN is set',
    ],
    [{ DISCORD_TOKEN: 'abc.def.ghi' }, 'studybot: invalid configuration: DISCORD_APPLICATION_ID is required when DISCORD_TOKEN is set'],
  ])('%j → exit 2 and one line on stderr', async (env, line) => {
    const { code, stdout, stderr } = await runMain(['/apigw quiz'], env);
    expect(code).toBe(2);
    expect(stderr).toBe(`${line}\n`);
    expect(stdout).toBe('');
  }, 60_000);

  it('a missing content folder stops start-up with exit 1 and says which variable to fix', async () => {
    const { code, stderr } = await runMain([], { CONTENT_DIR: '/nonexistent/studybot-decks' });
    expect(code).toBe(1);
    expect(stderr).toBe('studybot: CONTENT_DIR: the folder /nonexistent/studybot-decks does not exist: point it at your markdown notes\n');
  }, 60_000);
});
