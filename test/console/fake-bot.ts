// A small hand-written Studybot for console tests: two questions (one single, one "select two"),
// rounds posted through the attached ChatPort, answers told privately, reveal on closeDueRounds.
// It is a test double of the core's surface only; the real core is exercised by the end-to-end test.

import { StudybotError } from '../../src/errors.js';
import type { ChatPort, Clock, CommandSpec, Reply, StartRoundRequest, StartedRound, Studybot } from '../../src/quiz/api.js';
import { channelKey } from '../../src/quiz/ids.js';
import type { MessageView } from '../../src/quiz/views.js';

interface Round {
  id: string;
  question: (typeof QUESTIONS)[number];
  messageRef: string;
  closesAt: Date;
  closed: boolean;
  answers: Map<string, string[]>;
}

const QUESTIONS = [
  { id: 'q1', prompt: 'Which integration lets you test without a back end?', options: ['HTTP proxy', 'mock', 'AWS service proxy', 'Lambda'], correct: ['B'], multi: false },
  { id: 'q2', prompt: 'Select TWO ways to cache', options: ['API caching', 'CloudFront', 'Stage variables'], correct: ['A', 'B'], multi: true },
] as const;
const LABELS = ['A', 'B', 'C', 'D'];

export class FakeBot implements Studybot {
  chats: ChatPort[] = [];
  rounds: Round[] = [];
  points = new Map<string, number>();
  flushes = 0;

  constructor(private readonly clock: Clock) {}

  attachChat(port: ChatPort): void {
    this.chats.push(port);
  }

  commands(): CommandSpec[] {
    return [
      {
        name: 'apigw',
        description: 'API Gateway study deck',
        deckId: 'api-gateway',
        subcommands: [
          { name: 'explain', description: 'Explain a concept', options: [{ name: 'concept', description: 'concept', required: false }] },
          { name: 'quiz', description: 'Post a question', options: [{ name: 'number', description: 'n', required: false }] },
          { name: 'leaderboard', description: 'Top players', options: [] },
          { name: 'stats', description: 'Your stats', options: [] },
        ],
      },
    ];
  }

  async command(inv: { channel: Parameters<ChatPort['post']>[0]; user: { id: string; name: string }; command: string; text: string }): Promise<Reply[]> {
    const [sub, ...rest] = inv.text.split(/\s+/);
    switch (sub) {
      case 'explain':
        if (rest[0] === 'stage-variables') {
          return [{ visibility: 'private', view: view('Stage variables', [{ type: 'heading', text: 'Stage variables' }, { type: 'text', style: 'quote', text: 'Name-value pairs for a deployment stage.' }]) }];
        }
        return [{ visibility: 'private', view: view('No such concept', [{ type: 'text', text: `No concept matches "${rest.join(' ')}".` }]) }];
      case 'quiz': {
        const n = rest[0] ? Number(rest[0]) : 1;
        const question = QUESTIONS[n - 1];
        if (!question) throw new StudybotError('quiz:not-found', `There is no question ${rest[0]} in this deck.`);
        await this.startRound({ channel: inv.channel, kind: 'quiz', closesAt: new Date(this.clock.now().getTime() + 3_600_000) }, question);
        return [];
      }
      case 'leaderboard': {
        const rows = [...this.points].sort((a, b) => b[1] - a[1]).map(([u, p]) => `${u}: ${p} pts`);
        return [{ visibility: 'channel', view: view('Leaderboard', [{ type: 'heading', text: 'Leaderboard, all time' }, { type: 'list', ordered: true, items: rows.length ? rows : ['Nobody has scored yet.'] }]) }];
      }
      case 'stats':
        return [{ visibility: 'private', view: view('Your stats', [{ type: 'fields', items: [{ name: 'Answered', value: String(this.rounds.filter((r) => r.answers.has(inv.user.id)).length) }] }]) }];
      default:
        throw new StudybotError('quiz:invalid-input', `Unknown subcommand "${sub ?? ''}". Try /apigw help.`);
    }
  }

  async action(inv: { user: { id: string }; actionId: string; values?: string[]; messageRef?: string | null }): Promise<Reply[]> {
    const [, roundId, choice] = inv.actionId.split(':');
    const round = this.rounds.find((r) => r.id === roundId);
    if (!round) throw new StudybotError('quiz:not-found', 'That question no longer exists.');
    if (round.closed) return [{ visibility: 'private', view: view('Closed', [{ type: 'text', text: 'This question has closed.' }]) }];
    const chosen = round.question.multi ? (inv.values ?? []) : [choice!];
    if (round.question.multi && chosen.length !== 2) throw new StudybotError('quiz:invalid-input', 'Choose exactly 2 options.');
    if (round.answers.has(inv.user.id)) return [{ visibility: 'private', view: view('Already', [{ type: 'text', text: 'You already answered.' }]) }];
    round.answers.set(inv.user.id, chosen);
    const right = [...chosen].sort().join() === [...round.question.correct].sort().join();
    if (right) this.points.set(inv.user.id, (this.points.get(inv.user.id) ?? 0) + 10);
    return [{ visibility: 'private', recorded: true, view: view(right ? 'Correct' : 'Not quite', [{ type: 'text', text: right ? 'Correct! +10 points' : 'Not quite.' }]) }];
  }

  async autocomplete() {
    return [];
  }

  async startRound(req: StartRoundRequest, question: (typeof QUESTIONS)[number] = QUESTIONS[0]): Promise<StartedRound> {
    const chat = this.chats.find((c) => c.platform === req.channel.platform);
    if (!chat) throw new Error(`no chat for ${channelKey(req.channel)}`);
    const id = `r${this.rounds.length + 1}`;
    const items = question.options.map((text, i) => ({ label: LABELS[i]!, text }));
    const actions: MessageView['actions'] = question.multi
      ? [{ type: 'multiselect', id: `pick:${id}`, submitId: `submit:${id}`, placeholder: 'Select two', min: 2, max: 2, options: items.map((o) => ({ value: o.label, label: o.label })) }]
      : [{ type: 'buttons', buttons: items.map((o) => ({ id: `answer:${id}:${o.label}`, label: o.label })) }];
    const messageRef = await chat.post(req.channel, { text: question.prompt, blocks: [{ type: 'heading', text: question.prompt }, { type: 'options', items }], actions });
    this.rounds.push({ id, question, messageRef, closesAt: req.closesAt, closed: false, answers: new Map() });
    return { roundId: id, messageRef, questionId: question.id };
  }

  async revealNow(messageRef: string): Promise<boolean> {
    const round = this.rounds.find((r) => r.messageRef === messageRef && !r.closed);
    if (!round) return false;
    round.closesAt = this.clock.now();
    return (await this.closeDueRounds()) > 0;
  }

  async closeDueRounds(): Promise<number> {
    let closed = 0;
    for (const round of this.rounds) {
      if (round.closed || round.closesAt > this.clock.now()) continue;
      round.closed = true;
      closed++;
      const counts = LABELS.slice(0, round.question.options.length).map((label) => {
        const count = [...round.answers.values()].filter((a) => a.includes(label)).length;
        const marked = (round.question.correct as readonly string[]).includes(label);
        return { label, count, percent: round.answers.size ? (100 * count) / round.answers.size : 0, bar: '█'.repeat(count), marked };
      });
      await this.chats[0]!.update(round.messageRef, {
        text: 'Answer revealed',
        blocks: [{ type: 'heading', text: `Answer: ${round.question.correct.join(', ')}` }, { type: 'bars', rows: counts }],
      });
    }
    return closed;
  }

  async flush(): Promise<void> {
    this.flushes++;
  }
}

const view = (text: string, blocks: MessageView['blocks']): MessageView => ({ text, blocks });
