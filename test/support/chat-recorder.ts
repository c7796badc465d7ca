// A recorder, not mocks: a fake chat platform for core tests. It implements the core's
// ChatPort, keeps every channel message with its edit history, and lets a test act as
// users ("alice clicks B") so tests read like conversations.
//
//   const chat = new RecordingChat('slack');
//   bot.attachChat(chat);
//   const talk = new Conversation(bot, chat, { platform: 'slack', workspace: 'T1', channel: 'C1' });
//   const alice = talk.user('U1', 'alice');
//   await talk.say(alice, 'quiz');                       // → Reply[]
//   const q = chat.lastPost();                           // the posted question
//   const replies = await talk.click(alice, q.ref, 'B'); // clicks the button labelled B
//   expect(textOf(replies[0].view)).toContain('Correct');
import type { ActionInvocation, ChatPort, Reply, Studybot } from '../../src/quiz/api.js';
import { channelKey, type ChannelRef, type Platform, type UserRef } from '../../src/quiz/ids.js';
import type { MessageView, ViewAction, ViewBlock } from '../../src/quiz/views.js';

export interface RecordedMessage {
  ref: string;
  channel: ChannelRef;
  /** The current version (after edits). */
  view: MessageView;
  /** Every version, first the posted one. */
  history: MessageView[];
}

export interface PrivateNote {
  channel: ChannelRef;
  userId: string;
  view: MessageView;
}

export class RecordingChat implements ChatPort {
  readonly messages = new Map<string, RecordedMessage>();
  readonly posts: RecordedMessage[] = [];
  readonly updates: { ref: string; view: MessageView }[] = [];
  readonly privateNotes: PrivateNote[] = [];
  private seq = 0;
  private failures: Error[] = [];
  /** Set `withPrivate = false` for a port without unsolicited private messages (postPrivate). */
  postPrivate?: (channel: ChannelRef, userId: string, view: MessageView) => Promise<void>;

  constructor(
    readonly platform: Platform = 'slack',
    opts: { withPrivate?: boolean } = {},
  ) {
    if (opts.withPrivate ?? true) {
      this.postPrivate = async (channel, userId, view) => {
        this.privateNotes.push({ channel, userId, view });
      };
    }
  }

  /** The next `n` post/update calls fail with `error` (platform outage, 429…). */
  failNext(n = 1, error = new Error('platform unavailable')) {
    for (let i = 0; i < n; i++) this.failures.push(error);
  }

  async post(channel: ChannelRef, view: MessageView): Promise<string> {
    this.maybeFail();
    const ref = `${channelKey(channel)}:${++this.seq}`;
    const msg: RecordedMessage = { ref, channel, view, history: [view] };
    this.messages.set(ref, msg);
    this.posts.push(msg);
    return ref;
  }

  async update(messageRef: string, view: MessageView): Promise<void> {
    this.maybeFail();
    const msg = this.messages.get(messageRef);
    if (!msg) throw new Error(`update of unknown message ${messageRef}`);
    msg.view = view;
    msg.history.push(view);
    this.updates.push({ ref: messageRef, view });
  }

  /** Like a platform's history: the channel message whose controls carry exactly this action id. */
  async findPosted(channel: ChannelRef, actionId: string, _since: Date): Promise<string | null> {
    const carries = (m: RecordedMessage) =>
      (m.view.actions ?? []).some((a) => (a.type === 'buttons' ? a.buttons.some((b) => b.id === actionId) : a.submitId === actionId || a.id === actionId));
    const hit = this.posts.find((m) => channelKey(m.channel) === channelKey(channel) && carries(m));
    return hit?.ref ?? null;
  }

  message(ref: string): RecordedMessage {
    const msg = this.messages.get(ref);
    if (!msg) throw new Error(`no message ${ref}`);
    return msg;
  }

  /** The latest channel post (optionally in one channel). */
  lastPost(channel?: ChannelRef): RecordedMessage {
    const list = channel ? this.posts.filter((p) => channelKey(p.channel) === channelKey(channel)) : this.posts;
    const msg = list.at(-1);
    if (!msg) throw new Error('nothing was posted');
    return msg;
  }

  updatesOf(ref: string) {
    return this.updates.filter((u) => u.ref === ref);
  }

  private maybeFail() {
    const err = this.failures.shift();
    if (err) throw err;
  }
}

/** Everything a user would read in a view, as one string (for `toContain` assertions). */
export function textOf(view: MessageView): string {
  return [view.text, ...view.blocks.map(blockText), ...(view.actions ?? []).map(actionText)].join('\n');
}

function blockText(b: ViewBlock): string {
  switch (b.type) {
    case 'heading':
    case 'text':
      return b.text;
    case 'options':
      return b.items.map((i) => `${i.marked ? '✓ ' : ''}${i.label}) ${i.text}`).join('\n');
    case 'bars':
      return b.rows.map((r) => `${r.marked ? '✓ ' : ''}${r.label} ${r.bar} ${r.count} (${r.percent}%)`).join('\n');
    case 'fields':
      return b.items.map((i) => `${i.name}: ${i.value}`).join('\n');
    case 'list':
      return b.items.join('\n');
    case 'image':
      return `[image: ${b.title ? `${b.title}: ` : ''}${b.alt}] ${b.url}`;
    case 'divider':
      return '---';
  }
}

function actionText(a: ViewAction): string {
  return a.type === 'buttons' ? a.buttons.map((b) => `[${b.label}]`).join(' ') : `[${a.placeholder}]`;
}

/** The button with this label in a view (throws if absent, so tests fail clearly). */
export function buttonId(view: MessageView, label: string): string {
  for (const a of view.actions ?? []) {
    if (a.type === 'buttons') {
      const b = a.buttons.find((x) => x.label === label);
      if (b) return b.id;
    }
  }
  throw new Error(`no button "${label}" in: ${view.text}`);
}

export function multiselectOf(view: MessageView) {
  const m = (view.actions ?? []).find((a) => a.type === 'multiselect');
  if (!m || m.type !== 'multiselect') throw new Error(`no multiselect in: ${view.text}`);
  return m;
}

export function blocksOf<T extends ViewBlock['type']>(view: MessageView, type: T): Extract<ViewBlock, { type: T }>[] {
  return view.blocks.filter((b): b is Extract<ViewBlock, { type: T }> => b.type === type);
}

/** Drives a Studybot as users in one channel would. */
export class Conversation {
  constructor(
    readonly bot: Studybot,
    readonly chat: RecordingChat,
    readonly channel: ChannelRef,
    readonly command = 'apigw',
  ) {}

  user(id: string, name = id, isAdmin = false): UserRef {
    return { platform: this.channel.platform, workspace: this.channel.workspace, id, name, isAdmin };
  }

  /** `/apigw <text>` */
  say(user: UserRef, text: string): Promise<Reply[]> {
    return this.bot.command({ channel: this.channel, user, command: this.command, text });
  }

  /** Clicks the button labelled `label` on a channel message (by ref) or on a view (private message). */
  click(user: UserRef, source: string | MessageView, label: string): Promise<Reply[]> {
    const view = typeof source === 'string' ? this.chat.message(source).view : source;
    return this.act(user, {
      actionId: buttonId(view, label),
      messageRef: typeof source === 'string' ? source : null,
    });
  }

  /** Picks options in a multiselect and submits. */
  choose(user: UserRef, source: string | MessageView, values: string[]): Promise<Reply[]> {
    const view = typeof source === 'string' ? this.chat.message(source).view : source;
    return this.act(user, {
      actionId: multiselectOf(view).submitId,
      values,
      messageRef: typeof source === 'string' ? source : null,
    });
  }

  /** A raw action, e.g. a tampered id. */
  act(user: UserRef, inv: Omit<ActionInvocation, 'channel' | 'user'> & { channel?: ChannelRef }): Promise<Reply[]> {
    return this.bot.action({ channel: this.channel, user, ...inv });
  }
}
