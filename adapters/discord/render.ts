// MessageView → Discord message (embed + components), within Discord's limits.
// The core writes plain text; everything here is escaped for Discord markdown and
// neutralised against mentions before the few bits of formatting we add ourselves.
// Inline code in the text (`sam build`) and code blocks (``` fences) are the markdown kept (markdown.ts).

import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import { CLOSE_FENCE, ZWSP, codeBlockLines, escapeDiscord, escapeInline, isFence, neutraliseMentions, truncate, truncateMarkdown } from './markdown.js';
import { splitCodeBlocks } from '../../src/content/code-blocks.js';
import { PICTURE_URL_LIMITS } from '../../src/content/platform-limits.js';
import { graphemePrefix, wellFormedDeep } from '../../src/graphemes.js';
import type { FormView } from '../../src/quiz/api.js';
import type { MessageView, ViewAction, ViewBlock, ViewButton } from '../../src/quiz/views.js';

// The escaping lives in markdown.ts; tests and callers reach it through the renderer.
export { escapeDiscord, neutraliseMentions, truncate } from './markdown.js';

export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedsTotal: 6000,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rows: 5,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectPlaceholder: 150,
  modalTitle: 45,
  textInputLabel: 45,
  textInputPlaceholder: 100,
  textInputLength: 4000,
  /** Embeds per message: the view's own plus one per further picture. */
  embeds: 10,
  /** Our cap on a picture's URL (Discord documents none for embed images; longer ones stay links). */
  imageUrl: PICTURE_URL_LIMITS.discord,
} as const;

export const EMBED_COLOR = 0xff9900;

/** A rendered message, independent of the call that sends it. */
export interface DiscordMessage {
  /** Plain content; '' when the view is rendered as an embed. */
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

export interface RenderResult {
  message: DiscordMessage;
  /** Controls that could not be rendered (too many, id too long); the adapter logs them. */
  warnings: string[];
}

function blockLines(block: ViewBlock): string[] {
  switch (block.type) {
    case 'heading':
      return block.text.trim() ? [`**${escapeDiscord(block.text.trim())}**`] : [];
    case 'text': {
      const style = block.style;
      // Code blocks stay blocks of their own: neither quoted nor small.
      return splitCodeBlocks(block.text).flatMap((s) => {
        if (s.block) return codeBlockLines(s.block);
        const lines = s.text.split('\n');
        if (style === 'quote') return lines.map((l) => `> ${escapeInline(l)}`);
        if (style === 'muted') return lines.map((l) => (l.trim() ? `-# ${escapeInline(l)}` : ''));
        return lines.map(escapeInline);
      });
    }
    case 'options':
      return block.items.map(
        (o) => `${o.marked ? '✅ ' : ''}**${escapeDiscord(o.label)})** ${escapeDiscord(o.text)}`,
      );
    case 'bars':
      return block.rows.map(
        (r) =>
          `\`${neutraliseMentions(r.label.replace(/`/g, "'"))}\` ${r.bar} ${r.count} (${Math.round(r.percent)}%)${r.marked ? ' ✅' : ''}`,
      );
    case 'fields':
      return block.items.map((f) => `**${escapeDiscord(f.name)}:** ${escapeDiscord(f.value)}`);
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${escapeDiscord(item)}`);
    case 'image':
      return []; // shown as the embed's picture (see pictureEmbeds); the text names it as "alt (url)"
    case 'divider':
      return ['───────────'];
  }
}

type ImageBlock = Extract<ViewBlock, { type: 'image' }>;

const showable = (b: ViewBlock): b is ImageBlock => b.type === 'image' && /^https?:\/\/\S+$/i.test(b.url) && b.url.length <= DISCORD_LIMITS.imageUrl;

/**
 * The view's pictures: the first one without a caption goes on the view's own embed; every other
 * one gets an embed of its own (titled with its caption, "Option B"), up to Discord's 10 embeds.
 */
function pictureEmbeds(blocks: ViewBlock[]): { main?: string; extra: APIEmbed[] } {
  const pictures = blocks.filter(showable);
  const mainIndex = pictures.findIndex((p) => !p.title?.trim());
  const extra = pictures
    .filter((_, i) => i !== mainIndex)
    .slice(0, DISCORD_LIMITS.embeds - 1)
    .map((p): APIEmbed => {
      const title = truncate(escapeDiscord(p.title?.trim() ?? ''), DISCORD_LIMITS.embedTitle);
      return { color: EMBED_COLOR, ...(title ? { title } : {}), image: { url: p.url } };
    });
  return { ...(mainIndex >= 0 ? { main: pictures[mainIndex]!.url } : {}), extra };
}

/**
 * Joins lines until `max` is reached; the line that does not fit is cut with "…". Inside a code block
 * room is kept for its closing fence, which ends the text when it is cut there.
 */
function fitLines(lines: string[], max: number): string {
  let out = '';
  let inside = false;
  for (const line of lines) {
    const fence = isFence(line);
    const nowInside: boolean = fence ? !inside : inside;
    const next = out ? `${out}\n${line}` : line;
    if (next.length + (nowInside ? CLOSE_FENCE.length : 0) <= max) {
      out = next;
      inside = nowInside;
      continue;
    }
    const room = max - (out ? out.length + 1 : 0) - (inside ? CLOSE_FENCE.length : 0);
    if (!fence && room >= 2) out = out ? `${out}\n${truncate(line, room)}` : truncate(line, room);
    else if (!inside) out = truncate(out, max);
    break;
  }
  return inside ? out + CLOSE_FENCE : out;
}

function renderEmbeds(view: MessageView): APIEmbed[] {
  const pictures = pictureEmbeds(view.blocks);
  const picturesSize = pictures.extra.reduce((n, e) => n + (e.title?.length ?? 0), 0);
  const blocks = view.blocks.filter((b) => b.type !== 'image');
  // A plain object, not an EmbedBuilder: every text below is already cut to Discord's limits, and
  // the builder's validators (shapeshift) build and throw an Error per nullable setter, which was
  // ~8 % of the bot's CPU per Discord click (docs/reliability.md, "Discord closed loop").
  const embed: APIEmbed = { color: EMBED_COLOR };
  let title = '';
  if (blocks[0]?.type === 'heading') {
    title = truncate(escapeDiscord(blocks[0].text.trim()), DISCORD_LIMITS.embedTitle);
    blocks.shift();
    if (title) embed.title = title;
  }
  // One fields block becomes embed fields (inline, like a stats card); others stay in the text.
  const fieldsIndex = blocks.findIndex((b) => b.type === 'fields');
  const fields: { name: string; value: string; inline: boolean }[] = [];
  if (fieldsIndex >= 0) {
    const block = blocks[fieldsIndex] as Extract<ViewBlock, { type: 'fields' }>;
    if (block.items.length <= DISCORD_LIMITS.embedFields) {
      blocks.splice(fieldsIndex, 1);
      for (const f of block.items) {
        fields.push({
          // Discord refuses a blank field name or value.
          name: truncate(escapeDiscord(f.name.trim()), DISCORD_LIMITS.fieldName) || ZWSP,
          value: truncateMarkdown(escapeDiscord(f.value.trim()), DISCORD_LIMITS.fieldValue) || ZWSP,
          inline: true,
        });
      }
    }
  }
  let fieldsSize = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  // Fields may not eat the whole budget: keep at least 1,000 chars for the text.
  while (fields.length && title.length + fieldsSize + picturesSize > DISCORD_LIMITS.embedsTotal - 1000) {
    const f = fields.pop()!;
    fieldsSize -= f.name.length + f.value.length;
  }
  const lines: string[] = [];
  blocks.forEach((b, i) => {
    if (i > 0 && b.type !== 'divider' && blocks[i - 1]?.type !== 'divider') lines.push('');
    lines.push(...blockLines(b));
  });
  // Everything left after the title and the fields, for the description (at least 1,000, see above).
  const budget = Math.min(DISCORD_LIMITS.embedDescription, DISCORD_LIMITS.embedsTotal - title.length - fieldsSize - picturesSize);
  let description = fitLines(lines, budget).trim();
  // An embed needs a title or a description: fall back to the summary, within the same budget
  // (a view of only huge fields once got 4,096 more characters here: 6,146 in all).
  if (!description && !title) description = truncateMarkdown(escapeDiscord(view.text), budget).trim() || ZWSP;
  if (description) embed.description = description;
  if (fields.length) embed.fields = fields;
  if (pictures.main) embed.image = { url: pictures.main };
  return [embed, ...pictures.extra];
}

function buttonStyle(b: ViewButton): ButtonStyle {
  if (b.style === 'primary') return ButtonStyle.Primary;
  if (b.style === 'danger') return ButtonStyle.Danger;
  return ButtonStyle.Secondary;
}

function renderActions(actions: ViewAction[], warnings: string[]) {
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  const addRow = (row: APIActionRowComponent<APIComponentInMessageActionRow>, what: string) => {
    if (rows.length >= DISCORD_LIMITS.rows) warnings.push(`dropped ${what}: more than ${DISCORD_LIMITS.rows} rows`);
    else rows.push(row);
  };
  for (const action of actions) {
    if (action.type === 'buttons') {
      const buttons = action.buttons.filter((b) => {
        const ok = b.id.length > 0 && b.id.length <= DISCORD_LIMITS.customId;
        if (!ok) warnings.push(`dropped button "${b.label}": custom id of ${b.id.length} chars`);
        return ok;
      });
      for (let i = 0; i < buttons.length; i += DISCORD_LIMITS.buttonsPerRow) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow).map((b) =>
            new ButtonBuilder()
              .setCustomId(b.id)
              .setLabel(truncate(b.label, DISCORD_LIMITS.buttonLabel) || '?')
              .setStyle(buttonStyle(b)),
          ),
        );
        addRow(row.toJSON(), `buttons ${buttons.slice(i, i + 5).map((b) => b.label).join(', ')}`);
      }
    } else {
      // The select submits on choose, so its custom id is the view's submitId: the click maps
      // straight to the core's action without any state kept between render and click.
      if (action.submitId.length === 0 || action.submitId.length > DISCORD_LIMITS.customId) {
        warnings.push(`dropped select: submit id of ${action.submitId.length} chars`);
        continue;
      }
      const seen = new Set<string>();
      const options = action.options.filter((o) => {
        const ok = o.value.length > 0 && o.value.length <= DISCORD_LIMITS.selectOptionValue && !seen.has(o.value);
        if (!ok) warnings.push(`dropped select option "${o.label}"`);
        seen.add(o.value);
        return ok;
      });
      if (options.length > DISCORD_LIMITS.selectOptions) {
        warnings.push(`dropped ${options.length - DISCORD_LIMITS.selectOptions} select options over 25`);
        options.length = DISCORD_LIMITS.selectOptions;
      }
      if (options.length === 0) {
        warnings.push('dropped select without options');
        continue;
      }
      const max = Math.min(Math.max(action.max, 1), options.length);
      const min = Math.min(Math.max(action.min, 0), max);
      const select = new StringSelectMenuBuilder()
        .setCustomId(action.submitId)
        .setPlaceholder(truncate(action.placeholder, DISCORD_LIMITS.selectPlaceholder))
        .setMinValues(min)
        .setMaxValues(max)
        .addOptions(options.map((o) => ({ label: truncate(o.label, DISCORD_LIMITS.selectOptionLabel) || '?', value: o.value })));
      addRow(new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select).toJSON(), 'select');
    }
  }
  return rows;
}

/**
 * Renders a view. Views with blocks become one embed (plus one per further picture, see
 * pictureEmbeds); a view with only a summary becomes plain content.
 */
export function renderView(view: MessageView): DiscordMessage {
  return renderViewChecked(view).message;
}

/** renderView plus the list of controls that could not be rendered (for the operator's log). */
export function renderViewChecked(view: MessageView): RenderResult {
  // Backstop: no lone surrogate leaves, whatever a view carries.
  const { message, warnings } = renderViewUnchecked(view);
  return { message: wellFormedDeep(message), warnings };
}

function renderViewUnchecked(view: MessageView): RenderResult {
  const warnings: string[] = [];
  const components = renderActions(view.actions ?? [], warnings);
  if (view.blocks.length === 0) {
    return {
      message: {
        content: truncateMarkdown(escapeDiscord(view.text), DISCORD_LIMITS.content) || ZWSP,
        embeds: [],
        components,
      },
      warnings,
    };
  }
  return { message: { content: '', embeds: renderEmbeds(view), components }, warnings };
}

/** No mention in a bot message may ping anyone. */
export const NO_MENTIONS = { parse: [] as [] };

/** The body of a raw REST message create/edit (snake_case, as Discord's API takes it). */
export function toRestBody(message: DiscordMessage, mode: 'create' | 'edit') {
  return {
    ...(message.content || mode === 'edit' ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: NO_MENTIONS,
  };
}

/** Options for discord.js interaction methods (reply, update, editReply, followUp). */
export function toInteractionOptions(message: DiscordMessage, mode: 'create' | 'edit') {
  return {
    ...(message.content || mode === 'edit' ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    allowedMentions: NO_MENTIONS,
  };
}

/** The custom id of a form's one text input (the modal's own custom id is the form's submit id). */
export const FORM_FIELD_ID = 'text';

/**
 * A core form → a Discord modal (one labelled text input, required), clamped to Discord's limits.
 * Modal texts are plain text (no markdown, no mentions), so they are not markdown-escaped; mass
 * mentions are still broken. Null when the submit id cannot be a custom id (the adapter then shows
 * the form's fallback view).
 */
export function renderForm(form: FormView): { modal: APIModalInteractionResponseCallbackData | null; warnings: string[] } {
  if (form.id.length === 0 || form.id.length > DISCORD_LIMITS.customId) {
    return { modal: null, warnings: [`form not shown as a modal: submit id of ${form.id.length} chars`] };
  }
  const plain = (text: string, max: number) => truncate(neutraliseMentions(text.replace(/\s+/g, ' ').trim()), max);
  const max = Math.min(Math.max(Math.floor(form.field.maxLength) || 0, 1), DISCORD_LIMITS.textInputLength);
  const min = Math.min(Math.max(Math.floor(form.field.minLength) || 0, 0), max);
  const input = new TextInputBuilder()
    .setCustomId(FORM_FIELD_ID)
    .setStyle(form.field.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short)
    .setMinLength(min)
    .setMaxLength(max)
    .setRequired(true);
  const placeholder = plain(form.field.placeholder, DISCORD_LIMITS.textInputPlaceholder);
  if (placeholder) input.setPlaceholder(placeholder);
  const label = new LabelBuilder()
    .setLabel(plain(form.field.label, DISCORD_LIMITS.textInputLabel) || 'Your answer')
    .setTextInputComponent(input);
  const modal = new ModalBuilder()
    .setCustomId(form.id)
    .setTitle(plain(form.title, DISCORD_LIMITS.modalTitle) || 'Form')
    .addLabelComponents(label);
  try {
    return { modal: modal.toJSON(), warnings: [] };
  } catch (err) {
    return { modal: null, warnings: [`form not shown as a modal: ${err instanceof Error ? err.message : String(err)}`] };
  }
}
