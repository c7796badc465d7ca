// What `readiness` says through the core (review findings 5, 7, 10, 12): uncovered domains and the
// score they cap, the last mock exam next to the prediction, who a word names, and a deck whose
// exam's blueprint did not load.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeckLibrary } from '../../src/content/library.js';
import { createExamStore } from '../../src/db/exam-store.js';
import { createQuizStore } from '../../src/db/index.js';
import type { Blueprint } from '../../src/exam/blueprint.js';
import { toScaled } from '../../src/exam/readiness.js';
import type { Reply } from '../../src/quiz/api.js';
import { createStudybot } from '../../src/quiz/index.js';
import { Conversation, RecordingChat, textOf } from '../support/chat-recorder.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { dva, examDeck, seeded } from './support.js';

const T0 = new Date('2026-03-02T09:00:00Z');

describe('readiness wording', () => {
  let t: TestDatabase;
  let now: Date;
  beforeAll(async () => {
    t = await openTestDatabase({ name: 'pglite' }, 'readiness_wording');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
    now = T0;
  });

  function setup(perDomain: number[], blueprints: Blueprint[] = [dva()]) {
    const bot = createStudybot({
      store: createQuizStore(t.database),
      decks: DeckLibrary.fromDecks([{ ...examDeck(perDomain, 'dev'), command: 'apigw' }]),
      clock: { now: () => now },
      random: seeded(5),
      exams: { store: createExamStore(t.database.db), blueprints: () => blueprints },
    });
    const chat = new RecordingChat('slack');
    bot.attachChat(chat);
    return new Conversation(bot, chat, { platform: 'slack', workspace: 'T1', channel: 'C1' });
  }
  const say = async (talk: Conversation, user: ReturnType<Conversation['user']>, text: string) => {
    const replies: Reply[] = await talk.say(user, text);
    expect(replies).toHaveLength(1);
    return textOf(replies[0]!.view);
  };

  it('names the domains without questions and the highest score the notes allow until they cover them', async () => {
    const talk = setup([3, 2, 0, 0]);
    const text = await say(talk, talk.user('U1', 'ann'), 'readiness');
    const ceiling = toScaled(dva(), 0.32 + 0.26 + 0.42 * 0.25);
    expect(text).toContain(
      `No questions in the notes yet for 3 Deployment, 4 Troubleshooting and Optimization (42% of the exam). They count at the prior, which holds the prediction at or below ${ceiling} / 1000 until the notes cover them.`,
    );
    expect(text).toContain('3 Deployment (24%): no questions in the notes yet (counted at the prior, 25%)');
    // Every domain covered: no such line.
    expect(await say(setup([1, 1, 1, 1]), talk.user('U1', 'ann'), 'readiness')).not.toContain('No questions in the notes yet');
  });

  it('shows your last mock exam, how its answers count in the prediction and why the numbers differ; not another user’s', async () => {
    const talk = setup([3, 2, 1, 1]);
    const ann = talk.user('U1', 'ann');
    const bob = talk.user('U2', 'bob');
    expect(await say(talk, ann, 'readiness')).not.toContain('Last mock exam');
    const [screen] = await talk.say(ann, 'exam 2');
    const [second] = await talk.click(ann, screen!.view, 'B');
    now = new Date(T0.getTime() + 3 * 60_000);
    await talk.click(ann, second!.view, 'A');
    await talk.click(ann, second!.view, 'End');
    const text = await say(talk, ann, 'readiness');
    expect(text).toMatch(
      /Last mock exam: \d+ \/ 1000 \(1 of 2 questions right, 09:0\d UTC\)\. Its 2 answered questions count in the prediction above like your other answers \(a question answered again since counts by its later answer\)\. The two numbers differ: a mock exam scores the questions it drew, once \(unanswered as wrong\), while readiness weighs your latest answer to every question in the notes, fading with time\./,
    );
    // The exam's two answers are the prediction's evidence: no line says otherwise.
    expect(text).toContain('Coverage: 2 of 7 questions seen (29%)');
    expect(text).not.toContain('not counted');
    // An exam ended with questions unanswered: those are no evidence, and the line says so.
    now = new Date(T0.getTime() + 10 * 60_000);
    const [third] = await talk.say(ann, 'exam 3');
    await talk.click(ann, third!.view, 'B');
    const [confirm] = await talk.click(ann, third!.view, 'End');
    await talk.click(ann, confirm!.view, 'End exam');
    expect(await say(talk, ann, 'readiness')).toMatch(/Last mock exam: \d+ \/ 1000 \(1 of 3 questions right, [^)]+\)\. Its 1 answered question counts in the prediction above like your other answers \(a question answered again since counts by its later answer\); the 2 unanswered ones do not\./);
    await say(talk, bob, 'readiness'); // bob is known to the bot now
    expect(await say(talk, bob, 'readiness <@U1>')).not.toContain('Last mock exam');
  });

  it('me is you; only mentions and known user ids are users; other words get the usage, and channel a did-you-mean', async () => {
    const talk = setup([1, 1, 1, 1]);
    const ann = talk.user('U1', 'ann');
    expect(await say(talk, ann, 'readiness me')).toContain('Readiness · AWS Certified Developer – Associate (DVA-C02) · you');
    for (const typo of ['chanel', 'channnel', 'CHANEL']) {
      expect(await say(talk, ann, `readiness ${typo}`)).toContain(`readiness takes nothing (you), me, a user (mention) or "channel"; "${typo}" is none of them. Did you mean readiness channel?`);
    }
    const everyone = await say(talk, ann, 'readiness everyone');
    expect(everyone).toContain('readiness takes nothing (you), me, a user (mention) or "channel"; "everyone" is none of them.');
    expect(everyone).toContain('Usage: /apigw readiness [@user|channel]');
    expect(everyone).not.toContain('Did you mean');
    expect(await say(talk, ann, 'readiness two words')).toContain('"two words" is none of them.');
    // A mention of someone the bot never saw, and a known user by mention or by id.
    expect(await say(talk, ann, 'readiness <@U7>')).toContain('I have no answers from that user in this workspace yet.');
    await say(talk, talk.user('U2', 'bob'), 'readiness');
    expect(await say(talk, ann, 'readiness <@U2>')).toContain('Readiness · AWS Certified Developer – Associate (DVA-C02) · bob');
    expect(await say(talk, ann, 'readiness U2')).toContain('· bob');
  });

  it('a deck whose exam’s blueprint did not load says so and points to content:check', async () => {
    const talk = setup([1, 1, 1, 1], []);
    const text = await say(talk, talk.user('U1', 'ann'), 'readiness');
    expect(text).toContain("Deck dev belongs to DVA-C02, but that exam's blueprint did not load, so its exam prep is off.");
    expect(text).toContain('An admin can run npm run content:check to see what is wrong in dva-c02.yml (in the content\'s exams folder); blueprints are read when the bot starts.');
    expect(text).not.toContain('belongs to no exam');
  });
});
