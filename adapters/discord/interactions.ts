// Interactions → core invocations, core replies → interaction responses.
// Every interaction is acknowledged within Discord's 3 s: the reply is sent directly when the
// core answers within `deferAfterMs`, otherwise the interaction is deferred first and the replies
// follow as edits and follow-ups.
// A click whose reply carries a form opens it as a modal (only possible as the first response, so
// not after a deferral: then the reply's fallback view is shown); the modal's submit comes back as
// its own interaction and goes to the core as an action with the typed text.

import {
  ComponentType,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionDeferReplyOptions,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import type { CommandSpec, Reply, Studybot } from '../../src/quiz/api.js';
import type { ChannelRef, UserRef } from '../../src/quiz/ids.js';
import { isStudybotError } from '../../src/errors.js';
import { graphemePrefix } from '../../src/graphemes.js';
import { ackLatency } from '../../src/ops/metrics.js';
import { cleanName, cleanText } from '../sanitize.js';
import { within } from '../within.js';
import { DECK_OPTION, commandText, discordName, resolveDeckCommand, type ChosenOption } from './commands.js';
import { formatMessageRef } from './chat.js';
import { FORM_FIELD_ID, escapeDiscord, renderForm, renderViewChecked, toInteractionOptions, truncate, NO_MENTIONS } from './render.js';
import { withImage } from './attachments.js';

type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;

/** What answering a slash command and a modal submit have in common: a new reply (ephemeral or not). */
interface ReplyTarget {
  reply(options: InteractionReplyOptions): Promise<unknown>;
  followUp(options: InteractionReplyOptions): Promise<unknown>;
  editReply(options: InteractionEditReplyOptions): Promise<unknown>;
  deferReply(options: InteractionDeferReplyOptions): Promise<unknown>;
  deleteReply(): Promise<void>;
}

export interface InteractionContext {
  bot: Studybot;
  log: Logger;
  /** User ids (plain, `discord:<id>` or `discord:<guild>:<id>`) treated as admins. */
  admins: Set<string>;
  /** Answer directly when the core replies within this time, else defer first (default 1,500 ms). */
  deferAfterMs: number;
  /** Specs by Discord command name (refreshed by the adapter). */
  specs: () => CommandSpec[];
}

const AUTOCOMPLETE_BUDGET_MS = 2500;
const NOT_IN_GUILD = 'Studybot works in server channels: use this command in a channel of a server.';
const FAILED = 'Something went wrong on my side. Please try again in a moment.';

/** The member's display name (cached member, raw member's nick, global or user name), cleaned at the edge. */
export function userName(i: Interaction): string {
  const member = i.member as { displayName?: string; nick?: string | null } | null;
  const candidates = [member?.displayName, member?.nick, i.user.globalName, i.user.username];
  for (const name of candidates) {
    const clean = cleanName(name);
    if (clean) return clean;
  }
  return i.user.id;
}

export function isAdmin(i: Interaction, admins: Set<string>): boolean {
  if (i.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const id = i.user.id;
  return admins.has(id) || admins.has(`discord:${id}`) || (!!i.guildId && admins.has(`discord:${i.guildId}:${id}`));
}

/** Channel and user refs, or null outside a guild (DMs). */
export function refsOf(i: Interaction, admins: Set<string>): { channel: ChannelRef; user: UserRef } | null {
  if (!i.guildId || !i.channelId) return null;
  return {
    channel: { platform: 'discord', workspace: i.guildId, channel: i.channelId },
    user: { platform: 'discord', workspace: i.guildId, id: i.user.id, name: userName(i), isAdmin: isAdmin(i, admins) },
  };
}

function errorText(err: unknown): string {
  if (isStudybotError(err) && err.code.startsWith('quiz:')) return err.message;
  return FAILED;
}

const render = (reply: Reply, log: Logger) => {
  const { message, warnings } = renderViewChecked(reply.view);
  if (warnings.length) log.warn({ warnings }, 'discord: parts of a view were not rendered');
  return message;
};

/** A reply as discord.js options, its picture (if any) attached. */
const optionsOf = (reply: Reply, log: Logger, mode: 'create' | 'edit') => withImage(toInteractionOptions(render(reply, log), mode), reply.view.image);

const ephemeral = (reply: Reply): { flags?: MessageFlags.Ephemeral } =>
  reply.visibility === 'private' ? { flags: MessageFlags.Ephemeral } : {};

/** Replies to a slash command or a modal submit (a `form` there is shown as its fallback view). */
async function sendCommandReplies(i: ReplyTarget, replies: Reply[], deferred: boolean, log: Logger) {
  if (!deferred) {
    const [first, ...rest] = replies;
    if (!first) {
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.deleteReply();
      return;
    }
    await i.reply({ ...optionsOf(first, log, 'create'), ...ephemeral(first) });
    for (const r of rest) await i.followUp({ ...optionsOf(r, log, 'create'), ...ephemeral(r) });
    return;
  }
  // Deferred as ephemeral: the first private reply fills the "thinking…" message, channel replies
  // are follow-ups, and the placeholder goes away when there was nothing private to say.
  let placeholderUsed = false;
  for (const r of replies) {
    if (r.visibility === 'private' && !placeholderUsed) {
      await i.editReply(optionsOf(r, log, 'edit'));
      placeholderUsed = true;
    } else {
      await i.followUp({ ...optionsOf(r, log, 'create'), ...ephemeral(r) });
    }
  }
  if (!placeholderUsed) await i.deleteReply();
}

async function sendComponentReplies(i: ComponentInteraction, replies: Reply[], deferred: boolean, log: Logger) {
  // A form opens as a modal when it is the whole answer and nothing has been sent yet (a modal can
  // only be the first response; after a deferral its fallback view is shown below instead).
  const form = replies.length === 1 ? replies[0]!.form : undefined;
  if (form && !deferred) {
    const { modal, warnings } = renderForm(form);
    if (warnings.length) log.warn({ warnings }, 'discord: form shown as its fallback view');
    if (modal) return void (await i.showModal(modal));
  } else if (form) {
    log.info({ interaction: i.id, form: form.id }, 'discord: deferred, so the form is shown as its fallback view');
  }
  const sourceIndex = replies.findIndex((r) => r.replaceSource);
  if (!deferred) {
    if (replies.length === 0) return void (await i.deferUpdate());
    const primaryIndex = sourceIndex >= 0 ? sourceIndex : 0;
    const primary = replies[primaryIndex]!;
    if (primary.replaceSource) await i.update(optionsOf(primary, log, 'edit'));
    else await i.reply({ ...optionsOf(primary, log, 'create'), ...ephemeral(primary) });
    for (const [n, r] of replies.entries()) {
      if (n === primaryIndex) continue;
      await i.followUp({ ...optionsOf(r, log, 'create'), ...ephemeral(r) });
    }
    return;
  }
  // Deferred as an update: @original is the message that carried the control.
  for (const r of replies) {
    if (r.replaceSource) await i.editReply(optionsOf(r, log, 'edit'));
    else await i.followUp({ ...optionsOf(r, log, 'create'), ...ephemeral(r) });
  }
}

async function tellFailure(i: ChatInputCommandInteraction | ComponentInteraction | ModalSubmitInteraction, text: string) {
  const options = { content: truncate(escapeDiscord(text), 2000), allowedMentions: NO_MENTIONS };
  if (i.deferred || i.replied) await i.followUp({ ...options, flags: MessageFlags.Ephemeral });
  else await i.reply({ ...options, flags: MessageFlags.Ephemeral });
}

export async function handleChatInput(ctx: InteractionContext, i: ChatInputCommandInteraction): Promise<void> {
  const refs = refsOf(i, ctx.admins);
  if (!refs) return void (await tellFailure(i, NOT_IN_GUILD));
  const sub = i.options.getSubcommand(false);
  const subOptions = i.options.data[0]?.options ?? (sub ? [] : i.options.data);
  const deckValue = subOptions.find((o) => o.name === DECK_OPTION)?.value;
  const { spec, viaDeckOption } = resolveDeckCommand(ctx.specs(), i.commandName, typeof deckValue === 'string' ? deckValue : null);
  if (!spec && viaDeckOption) return void (await tellFailure(i, `"${graphemePrefix(cleanText(String(deckValue)), 40)}" is not one of my decks.`));
  const chosen: ChosenOption[] = [];
  for (const opt of subOptions) {
    if (opt.value === undefined || (viaDeckOption && opt.name === DECK_OPTION)) continue;
    const value = typeof opt.value === 'string' ? cleanText(opt.value) : opt.value;
    chosen.push({ name: opt.name, value, ...(opt.user ? { userId: opt.user.id } : {}) });
  }
  const text = commandText(spec, sub, chosen);
  const work = ctx.bot.command({ ...refs, command: spec?.name ?? i.commandName, text });
  await respond(ctx, i, work, (replies, deferred) => sendCommandReplies(i, replies, deferred, ctx.log), () =>
    i.deferReply({ flags: MessageFlags.Ephemeral }),
  );
}

export async function handleComponent(ctx: InteractionContext, i: ComponentInteraction): Promise<void> {
  const refs = refsOf(i, ctx.admins);
  if (!refs) return void (await tellFailure(i, NOT_IN_GUILD));
  const isEphemeral = i.message.flags.has(MessageFlags.Ephemeral);
  const messageRef = isEphemeral
    ? null
    : formatMessageRef({ guildId: refs.channel.workspace, channelId: refs.channel.channel, messageId: i.message.id });
  const work = ctx.bot.action({
    ...refs,
    actionId: i.customId,
    ...(i.isStringSelectMenu() ? { values: [...i.values] } : {}),
    messageRef,
  });
  await respond(ctx, i, work, (replies, deferred) => sendComponentReplies(i, replies, deferred, ctx.log), () =>
    i.deferUpdate(),
  );
}

/**
 * A modal submit: the form's custom id (the core's submit id) and the typed text go to the core as
 * an action, in the channel of the click that opened it; answered like a command (a new reply,
 * ephemeral when private, or deferred as an ephemeral "thinking…").
 */
export async function handleModalSubmit(ctx: InteractionContext, i: ModalSubmitInteraction): Promise<void> {
  const refs = refsOf(i, ctx.admins);
  if (!refs) return void (await tellFailure(i, NOT_IN_GUILD));
  const work = ctx.bot.action({ ...refs, actionId: i.customId, values: [formText(i)], messageRef: null });
  await respond(ctx, i, work, (replies, deferred) => sendCommandReplies(i, replies, deferred, ctx.log), () =>
    i.deferReply({ flags: MessageFlags.Ephemeral }),
  );
}

/** The text typed into the form's field (or, for a modal we did not build, its first text input). */
function formText(i: ModalSubmitInteraction): string {
  const field = i.fields.fields.get(FORM_FIELD_ID) ?? i.fields.fields.find((f) => f.type === ComponentType.TextInput);
  return field && 'value' in field && typeof field.value === 'string' ? cleanText(field.value) : '';
}

async function respond(
  ctx: InteractionContext,
  i: ChatInputCommandInteraction | ComponentInteraction | ModalSubmitInteraction,
  work: Promise<Reply[]>,
  send: (replies: Reply[], deferred: boolean) => Promise<void>,
  defer: () => Promise<unknown>,
) {
  // Keep a rejection from being reported as unhandled while we wait on the timer.
  work.catch(() => undefined);
  let deferred = false;
  const started = performance.now();
  const acked = () =>
    ackLatency.observe({ platform: 'discord', kind: i.isChatInputCommand() ? 'command' : 'action' }, (performance.now() - started) / 1000);
  try {
    const fast = await within(work, ctx.deferAfterMs);
    let replies: Reply[];
    if (fast.done) replies = fast.value;
    else {
      await defer();
      acked();
      deferred = true;
      replies = await work;
    }
    await send(replies, deferred);
    if (!deferred) acked();
  } catch (err) {
    ctx.log.error(
      { err, interaction: i.id, kind: i.isChatInputCommand() ? `/${i.commandName}` : i.customId },
      'discord: interaction failed',
    );
    await tellFailure(i, errorText(err)).catch((e: unknown) => ctx.log.error({ err: e }, 'discord: could not report a failure'));
  }
}

export async function handleAutocomplete(ctx: InteractionContext, i: AutocompleteInteraction): Promise<void> {
  const refs = refsOf(i, ctx.admins);
  let choices: { name: string; value: string }[] = [];
  if (refs) {
    try {
      const focused = i.options.getFocused(true);
      const sub = i.options.getSubcommand(false) ?? '';
      const deckTyped = focused.name === DECK_OPTION ? null : i.options.getString(DECK_OPTION, false);
      const { spec, viaDeckOption } = resolveDeckCommand(ctx.specs(), i.commandName, deckTyped);
      if (!spec && focused.name === DECK_OPTION) {
        // The single command's deck option: answered here, from the deck commands.
        const partial = cleanText(String(focused.value ?? '')).toLowerCase();
        choices = ctx
          .specs()
          .filter((s) => s.name.includes(partial) || s.description.toLowerCase().includes(partial))
          .slice(0, 25)
          .map((s) => ({ name: truncate(`${s.name} · ${s.description}`, 100), value: discordName(s.name) }));
        return void (await i.respond(choices));
      }
      if (!spec && viaDeckOption) return void (await i.respond([]));
      const subSpec = spec?.subcommands.find((s) => discordName(s.name) === sub);
      const optSpec = subSpec?.options.find((o) => discordName(o.name) === focused.name);
      const work = ctx.bot.autocomplete({
        ...refs,
        command: spec?.name ?? i.commandName,
        subcommand: subSpec?.name ?? sub,
        option: optSpec?.name ?? focused.name,
        partial: cleanText(String(focused.value ?? '')),
      });
      work.catch(() => undefined);
      // Autocomplete cannot be deferred: past the budget, an empty list beats "loading failed".
      const answer = await within(work, AUTOCOMPLETE_BUDGET_MS);
      if (!answer.done) ctx.log.warn({ interaction: i.id }, 'discord: autocomplete too slow, answered with no choices');
      const found = answer.done ? answer.value : [];
      choices = found
        .filter((c) => c.value.length > 0 && c.value.length <= 100)
        .slice(0, 25)
        .map((c) => ({ name: truncate(c.name, 100) || c.value, value: c.value }));
    } catch (err) {
      ctx.log.error({ err, interaction: i.id }, 'discord: autocomplete failed');
    }
  }
  await i.respond(choices);
}

export async function handleInteraction(ctx: InteractionContext, i: Interaction): Promise<void> {
  try {
    if (i.isChatInputCommand()) await handleChatInput(ctx, i);
    else if (i.isAutocomplete()) await handleAutocomplete(ctx, i);
    else if (i.isButton() || i.isStringSelectMenu()) await handleComponent(ctx, i);
    else if (i.isModalSubmit()) await handleModalSubmit(ctx, i);
  } catch (err) {
    ctx.log.error({ err, interaction: i.id }, 'discord: could not answer an interaction');
    // Failed before any answer went out: still tell the user, instead of "did not respond".
    const tell = i.isAutocomplete()
      ? i.responded ? null : i.respond([])
      : i.isRepliable() && !i.replied && !i.deferred ? tellFailure(i as Parameters<typeof tellFailure>[0], FAILED) : null;
    await tell?.catch((e: unknown) => ctx.log.warn({ err: e, interaction: i.id }, 'discord: could not report a failure'));
  }
}
