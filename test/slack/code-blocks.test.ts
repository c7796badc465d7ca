// Code blocks from a note reach Slack as code blocks: the real Bolt app (signed requests) on the real
// core, with decks parsed from test/fixtures/code-blocks, against the fake Slack API.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeckLibrary, explain } from '../../src/content/index.js';
import { createQuizStore } from '../../src/db/index.js';
import { createStudybot } from '../../src/quiz/index.js';
import type { RecordedCall } from '../fakes/slack-api.js';
import { openTestDatabase, dbTargets, type TestDatabase } from '../support/db.js';
import { startSlackHarness, type SlackHarness } from '../support/slack-harness.js';

const alice = { id: 'UALICE', name: 'alice' };
type Block = { type: string; text?: { text: string } };
const sectionTexts = (call: RecordedCall) => ((call.body.blocks ?? []) as Block[]).flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe.each(dbTargets)('Slack code blocks on the real core ($name)', (target) => {
  let t: TestDatabase;
  let h: SlackHarness;

  beforeAll(async () => {
    t = await openTestDatabase(target, 'slack_code_blocks');
    const log = pino({ level: 'silent' });
    const decks = await DeckLibrary.load('test/fixtures/code-blocks', { log });
    const bot = createStudybot({ store: createQuizStore(t.database), decks, explain, clock: { now: () => new Date() }, log });
    h = await startSlackHarness({ bot, signingSecret: 'code-blocks-secret', users: [alice], log });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await t?.close();
  });

  it('explain: the concept text reaches Slack with its YAML as a ``` block, indentation kept, not quoted', async () => {
    const [reply] = await h.command({ command: '/snippets', text: 'explain stage variables', user: alice, channelId: 'CC1' });
    const text = sectionTexts(reply!).join('\n');
    expect(text).toContain(
      '&gt; Stage variables are read with `${stageVariables.name}`:\n```\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Variables:\n        lambdaAlias: live\n```',
    );
  });

  it("explain: a concept bullet's JSON block follows its definition as a ``` block", async () => {
    const [reply] = await h.command({ command: '/snippets', text: 'explain resource policy', user: alice, channelId: 'CC2' });
    const text = sectionTexts(reply!).join('\n');
    expect(text).toContain('```\n{\n  "Effect": "Deny",\n  "Principal": "*",\n  "Action": "execute-api:Invoke"\n}\n```');
  });
});
