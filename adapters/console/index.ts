// The console adapter: a local "channel" on the terminal that drives the same core as Slack and
// Discord. Interactive: a prompt. Piped: one command per line, replies printed, exit at EOF.

import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { ChatPort, CommandSpec, FormView, Reply, Studybot } from '../../src/quiz/api.js';
import type { ChannelRef, UserRef } from '../../src/quiz/ids.js';
import type { MessageView } from '../../src/quiz/views.js';
import { isStudybotError } from '../../src/errors.js';
import { parseActionId } from '../../src/quiz/action-ids.js';
import { chooseAction, isOptionSequence, parseLine, type Actionable } from './input.js';
import { renderView, sanitize } from './render.js';

export { renderView, renderBlock, renderAction, sanitize } from './render.js';
export { parseLine, chooseAction } from './input.js';

export const CONSOLE_CHANNEL: ChannelRef = { platform: 'console', workspace: 'local', channel: 'terminal' };
export const CONSOLE_USER: UserRef = { platform: 'console', workspace: 'local', id: 'you', name: 'you', isAdmin: true };

export interface ConsoleOptions {
  bot: Studybot;
  input: Readable;
  output: Writable;
  /** A TTY: show a banner and a prompt, colour headings. */
  interactive: boolean;
  log?: Logger;
  user?: UserRef;
  channel?: ChannelRef;
  /**
   * Closes and reveals the round carried by a posted message now (the core's revealNow). Called
   * after an answer to a channel round (one player: no reason to wait) and by `reveal`.
   * Absent: rounds reveal when they close.
   */
  revealNow?: (messageRef: string) => Promise<unknown>;
  /** Aborting stops reading input; pending work still finishes. */
  signal?: AbortSignal;
}

export interface ConsoleScreen {
  print(text: string): void;
  /** Messages whose controls still answer typed input, newest last. */
  readonly actionable: Actionable[];
}

/** The console's ChatPort: posted and updated channel messages are printed. */
export function createConsoleChat(screen: ConsoleScreen, render: (v: MessageView) => string): ChatPort {
  let seq = 0;
  // Message refs are stored with their rounds: unique per process, so a restarted console never
  // reuses the ref of an earlier round (whose reveal would then land on the wrong round).
  const run = Date.now().toString(36);
  const track = (view: MessageView, messageRef: string) => {
    const i = screen.actionable.findIndex((a) => a.messageRef === messageRef);
    if (i >= 0) screen.actionable.splice(i, 1);
    if (view.actions?.length) screen.actionable.push({ view, messageRef });
  };
  return {
    platform: 'console',
    async post(channel, view) {
      const messageRef = `console:${channel.workspace}:${channel.channel}:${run}.${++seq}`;
      screen.print(render(view));
      track(view, messageRef);
      return messageRef;
    },
    async update(messageRef, view) {
      screen.print(render(view));
      track(view, messageRef);
    },
    async postPrivate(_channel, _userId, view) {
      screen.print(render(view));
    },
  };
}

export function helpText(specs: CommandSpec[], canRevealNow: boolean): string {
  const lines = ['Commands (the same as in Slack and Discord):'];
  for (const spec of specs) {
    for (const sub of spec.subcommands) {
      const args = sub.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
      lines.push(`  /${spec.name} ${sub.name}${args ? ` ${args}` : ''}`.padEnd(40) + ` ${sub.description}`);
    }
    if (spec.subcommands.length === 0) lines.push(`  /${spec.name}`.padEnd(40) + ` ${spec.description}`);
  }
  lines.push(
    '',
    'Answer the latest question by typing its option: b   (several: 1,2 or a c)',
    canRevealNow
      ? 'After you answer a channel question it is revealed at once; `reveal` closes the open one now.'
      : 'Questions are revealed when they close.',
    'help shows this, quit (or Ctrl-D) leaves.',
  );
  return lines.map(sanitize).join('\n');
}

export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const { bot, output, interactive } = opts;
  const channel = opts.channel ?? CONSOLE_CHANNEL;
  const user = opts.user ?? CONSOLE_USER;
  const render = (view: MessageView) => renderView(view, { color: interactive });
  let busy = false;
  let rl: ReturnType<typeof createInterface> | undefined;
  const screen: ConsoleScreen = {
    actionable: [],
    print: (text) => {
      if (interactive && !busy && rl) {
        // Something arrived on its own (a daily question, a reveal at close): clear the prompt line,
        // print, and show the prompt again with what the user had typed.
        output.write(`\r\u001b[K${text}\n\n`);
        rl.prompt(true);
      } else output.write(`${text}\n\n`);
    },
  };
  bot.attachChat(createConsoleChat(screen, render));

  // A form the core asked for (a report's reason): the next line typed is its text.
  let pendingForm: FormView | null = null;
  const show = (replies: Reply[], source: Actionable | null) => {
    for (const reply of replies) {
      if (reply.replaceSource && source) {
        const i = screen.actionable.indexOf(source);
        if (i >= 0) screen.actionable.splice(i, 1);
      }
      if (reply.form) {
        pendingForm = reply.form;
        const { label, minLength, maxLength } = reply.form.field;
        screen.print(sanitize(`${reply.form.title}: ${label} Type it on the next line (${minLength}-${maxLength} characters); an empty line cancels.`));
        continue;
      }
      screen.print(render(reply.view));
      if (reply.messageRef) {
        // A channel question shown again (e.g. the open quiz after a restart): answerable and
        // revealable like the message it copies.
        const i = screen.actionable.findIndex((a) => a.messageRef === reply.messageRef);
        if (i >= 0) screen.actionable.splice(i, 1);
      }
      if (reply.view.actions?.length) screen.actionable.push({ view: reply.view, messageRef: reply.messageRef ?? null });
    }
  };
  const fail = (e: unknown) => {
    if (isStudybotError(e) && e.code !== 'internal') screen.print(`Sorry: ${sanitize(e.message)}`);
    else {
      opts.log?.error({ err: e }, 'console command failed');
      screen.print('Sorry, something went wrong (details are in the log).');
    }
  };
  const reveal = async (messageRef: string) => {
    if (!opts.revealNow) return;
    await opts.revealNow(messageRef);
    await bot.flush();
  };

  const handle = async (line: string): Promise<'quit' | void> => {
    if (pendingForm) {
      const form: FormView = pendingForm;
      pendingForm = null;
      if (line.trim() === '') return void screen.print('Cancelled.');
      show(await bot.action({ channel, user, actionId: form.id, values: [line.trim()], messageRef: null }), null);
      return;
    }
    const parsed = parseLine(line);
    switch (parsed.type) {
      case 'empty':
        return;
      case 'quit':
        return 'quit';
      case 'help':
        screen.print(helpText(bot.commands(), !!opts.revealNow));
        return;
      case 'reveal': {
        const open = [...screen.actionable].reverse().find((a) => a.messageRef);
        if (!opts.revealNow) screen.print('Rounds are revealed when they close.');
        else if (!open?.messageRef) screen.print('There is no open question to reveal. Start one with /apigw quiz.');
        else await reveal(open.messageRef);
        return;
      }
      case 'command': {
        if (!bot.commands().some((c) => c.name === parsed.command)) {
          const known = bot.commands().map((c) => `/${c.name}`).join(', ') || 'none (no decks loaded)';
          screen.print(`Unknown command /${sanitize(parsed.command)}. Deck commands: ${known}. Type help for more.`);
          return;
        }
        show(await bot.command({ channel, user, command: parsed.command, text: parsed.text }), null);
        await bot.flush();
        return;
      }
      case 'answer': {
        const chosen = chooseAction(screen.actionable, parsed.raw, parsed.tokens);
        if (!chosen) {
          screen.print(
            !screen.actionable.some(looksLikeQuestion)
              ? `"${sanitize(parsed.raw)}" is not a command. Start a question with /apigw quiz, or type help.`
              : `"${sanitize(parsed.raw)}" does not match any option of the open question. Type help for how to answer.`,
          );
          return;
        }
        const source = findSource(screen.actionable, chosen.actionId);
        const replies = await bot.action({ channel, user, actionId: chosen.actionId, values: chosen.values, messageRef: chosen.messageRef });
        show(replies, source);
        // One player in this channel: reveal a channel round as soon as its answer is recorded. A
        // refused answer ("choose exactly 2 …") records nothing and leaves the round open for a retry.
        // The reveal replaces the pending count edit.
        const recorded = replies.some((r) => r.recorded);
        if (recorded && chosen.messageRef && opts.revealNow && source && isAnswerControl(source, chosen.actionId)) await reveal(chosen.messageRef);
        else await bot.flush();
        return;
      }
    }
  };

  rl = createInterface({ input: opts.input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = () => interactive && rl?.prompt();
  rl.setPrompt('studybot> ');
  rl.on('SIGINT', () => rl.close());
  opts.signal?.addEventListener('abort', () => rl.close(), { once: true });
  if (interactive) {
    output.write('studybot console: you are "you" (admin) in the local channel. Type help for commands, quit or Ctrl-D to leave.\n\n');
  }
  prompt();
  try {
    for await (const line of rl) {
      busy = true;
      const result = await handle(line).catch(fail);
      busy = false;
      if (result === 'quit') break;
      prompt();
    }
  } finally {
    rl.close();
    await bot.flush().catch(fail);
  }
}

/** A channel round, a multi-select or a row of option buttons A, B, C… (not "Share", "Next" or a rating row). */
function looksLikeQuestion(a: Actionable): boolean {
  const controls = a.view.actions ?? [];
  // A revealed round keeps only its "Report a problem" button: no longer a question to answer.
  const revealed = controls.length > 0 && controls.every((c) => c.type === 'buttons' && c.buttons.every((b) => parseActionId(b.id)?.type === 'report'));
  return (!!a.messageRef && !revealed) || controls.some((c) => c.type === 'multiselect' || (c.buttons.length > 1 && isOptionSequence(c.buttons)));
}

/** The control is one of a question's options (a multi-select, or a button in an A, B, C… row), not "Report a problem". */
function isAnswerControl(a: Actionable, actionId: string): boolean {
  return (a.view.actions ?? []).some((c) =>
    c.type === 'multiselect' ? c.submitId === actionId : isOptionSequence(c.buttons) && c.buttons.some((b) => b.id === actionId),
  );
}

function findSource(onScreen: Actionable[], actionId: string): Actionable | null {
  for (let i = onScreen.length - 1; i >= 0; i--) {
    const controls = onScreen[i]!.view.actions ?? [];
    const carries = controls.some((a) =>
      a.type === 'buttons' ? a.buttons.some((b) => b.id === actionId) : a.submitId === actionId,
    );
    if (carries) return onScreen[i]!;
  }
  return null;
}
