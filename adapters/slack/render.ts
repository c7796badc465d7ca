// MessageView → Slack Block Kit, within Slack's limits (DESIGN.md), every view string escaped.
// The core writes all wording; this module only lays it out and makes it inert: `&`, `<` and `>`
// become entities so `<!channel>`, `<@U1>` or `<https://evil|docs>` in content or user text
// render as literal text. Formatting added here (bold headings, option labels) is ours; inline
// code in the text (`sam build`) and code blocks (``` fences) are mrkdwn's own and show as code.

import type { types } from '@slack/bolt';
import { breakFences, splitCodeBlocks } from '../../src/content/code-blocks.js';
import { splitCodeSpans } from '../../src/content/code-spans.js';
import { PICTURE_URL_LIMITS } from '../../src/content/platform-limits.js';
import { graphemePrefix, wellFormedDeep } from '../../src/graphemes.js';
import type { MessageView, ViewAction, ViewBlock } from '../../src/quiz/views.js';

type KnownBlock = types.KnownBlock;
type ActionsBlock = types.ActionsBlock;
type Button = types.Button;
type Checkboxes = types.Checkboxes;

export const SLACK_LIMITS = {
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  blocks: 50,
  checkboxOptions: 10,
  optionText: 150,
  optionValue: 150,
  /** Top-level `text` of a message: Slack truncates past 40,000; notifications need far less. */
  fallbackText: 3000,
  /** An image block's alt_text (plain text, not mrkdwn). */
  imageAltText: 2000,
  /** An image block's image_url (http or https only) and its title. */
  imageUrl: PICTURE_URL_LIMITS.slack,
  imageTitle: 2000,
  /** Linked pictures (image_url blocks) per message: ours, so a question stays readable (prompt + five options). */
  linkedImages: 6,
} as const;

const ELLIPSIS = '…';

/** Prefix of the block_id of the blocks carrying one multiselect (checkbox groups + Submit). */
export const MULTISELECT_BLOCK_PREFIX = 'sb-ms';

/** Slack's own escaping rule: only these three characters, nothing else. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * View text as mrkdwn: escaped, its code spans as Slack writes them. mrkdwn has no code span that can
 * hold a backtick (`` a`b `` in markdown), so such code is shown as plain text without the fence, its
 * backticks as the look-alike U+02CB (a raw one would pair with another, ``` would open a block).
 */
export function slackText(text: string): string {
  if (!text.includes('`')) return escapeSlack(text);
  if (!text.includes('```')) return spansText(text);
  // Code blocks as mrkdwn ``` blocks (Slack shows no language). Nothing inside is mrkdwn, but `&<>` are
  // still escaped (Slack reads `<!channel>` anywhere), and no run of ``` is left to close the block early.
  return splitCodeBlocks(text)
    .map((s) => (s.block ? `${FENCE}\n${escapeSlack(breakFences(s.block.code))}\n${FENCE}` : spansText(s.text)))
    .join('\n');
}

function spansText(text: string): string {
  let out = '';
  for (const part of splitCodeSpans(text)) {
    if (part.code === undefined) out += breakFences(escapeSlack(part.text));
    // Raw, its backticks could pair with others (or open a block): they become the look-alike U+02CB.
    else out += part.code.includes('`') ? escapeSlack(part.code.replace(/`/g, '\u02CB')) : `\`${escapeSlack(part.code)}\``;
  }
  return out;
}

/** The line that opens and closes a code block in the mrkdwn we write (no other line is exactly this). */
const FENCE = '```';
const CLOSE_FENCE = `\n${FENCE}`;

/** True when the mrkdwn ends inside a code block (an odd number of fence lines). */
function insideCode(mrkdwnText: string): boolean {
  if (!mrkdwnText.includes(FENCE)) return false;
  let inside = false;
  for (const line of mrkdwnText.split('\n')) if (line === FENCE) inside = !inside;
  return inside;
}

/** mrkdwn quoted line by line, code blocks left as blocks (a quote marker inside one would show as text). */
function quote(escaped: string): string {
  let inside = false;
  return escaped
    .split('\n')
    .map((line) => {
      if (line === FENCE) {
        inside = !inside;
        return line;
      }
      return inside ? line : `&gt; ${line}`;
    })
    .join('\n');
}

/**
 * Truncate an (escaped) string to `max` chars, ending in "…", never cutting an entity in half; a code
 * block cut short is closed.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = safeCut(text, max - ELLIPSIS.length).trimEnd();
  if (!insideCode(cut)) return cut + ELLIPSIS;
  const shorter = safeCut(text, max - ELLIPSIS.length - CLOSE_FENCE.length).trimEnd();
  return shorter + ELLIPSIS + (insideCode(shorter) ? CLOSE_FENCE : '');
}

/**
 * Longest prefix of at most `max` chars that ends between two graphemes (never half an emoji: a
 * lone high surrogate would merge with the "…" after it on the Web API path) and not inside
 * `&amp;`/`&lt;`/`&gt;`.
 */
function safeCut(text: string, max: number): string {
  let cut = graphemePrefix(text, Math.max(0, max));
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && amp > cut.length - 5 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return cut;
}

/**
 * Split an (escaped) text into chunks of at most `max` chars, preferring line breaks, then spaces.
 * Used so long concept texts become several sections instead of being rejected by Slack. A code block
 * cut in two is closed at the end of one chunk and opened again at the start of the next, its
 * indentation kept.
 */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const room = rest.includes(FENCE) ? max - CLOSE_FENCE.length : max;
    const window = safeCut(rest, room);
    let at = window.lastIndexOf('\n');
    if (at < room / 2) at = window.lastIndexOf(' ');
    if (at < room / 2) at = window.length;
    const chunk = rest.slice(0, at);
    if (insideCode(chunk)) {
      chunks.push(chunk.trimEnd() + CLOSE_FENCE);
      // Only the line break (or the space) cut at goes: the next line's indentation is code.
      rest = `${FENCE}\n${rest.slice(at).replace(/^[\n ]/, '')}`;
      continue;
    }
    chunks.push(chunk.trimEnd());
    rest = rest.slice(at).replace(/^[\n ]+/, '');
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

function sections(escapedText: string): KnownBlock[] {
  return splitText(escapedText, SLACK_LIMITS.sectionText)
    .filter((t) => t.length > 0)
    .map((t) => ({ type: 'section', text: mrkdwn(t) }));
}

function renderBlock(block: ViewBlock): KnownBlock[] {
  switch (block.type) {
    case 'heading':
      // Section with bold mrkdwn rather than a header block: header blocks cap at 150 chars.
      return sections(`*${slackText(block.text.replace(/\s*\n\s*/g, ' ').trim())}*`);
    case 'text': {
      const escaped = slackText(block.text);
      if (block.style === 'muted') {
        return splitText(escaped, SLACK_LIMITS.contextText)
          .filter((t) => t.length > 0)
          .map((t) => ({ type: 'context', elements: [mrkdwn(t)] }));
      }
      if (block.style === 'quote') {
        // A line cut in two at a space continues the quote in the next section.
        return splitText(quote(escaped), SLACK_LIMITS.sectionText - 5)
          .filter((t) => t.length > 0)
          .map((t) => ({ type: 'section', text: mrkdwn(t.startsWith('&gt; ') || t.startsWith(FENCE) ? t : `&gt; ${t}`) }));
      }
      return sections(escaped);
    }
    case 'options':
      return sections(
        block.items
          .map((o) => `${o.marked ? ':white_check_mark: ' : ''}*${escapeSlack(o.label)})* ${slackText(o.text)}`)
          .join('\n'),
      );
    case 'bars':
      return sections(
        block.rows
          .map(
            (r) =>
              `\`${escapeSlack(r.bar)}\` *${escapeSlack(r.label)}* ${r.count} (${Math.round(r.percent)}%)` +
              (r.marked ? ' :white_check_mark:' : ''),
          )
          .join('\n'),
      );
    case 'fields': {
      const out: KnownBlock[] = [];
      for (let i = 0; i < block.items.length; i += SLACK_LIMITS.sectionFields) {
        out.push({
          type: 'section',
          fields: block.items
            .slice(i, i + SLACK_LIMITS.sectionFields)
            .map((f) => mrkdwn(truncate(`*${slackText(f.name)}*\n${slackText(f.value)}`, SLACK_LIMITS.fieldText))),
        });
      }
      return out;
    }
    case 'list':
      if (block.items.length === 0) return [];
      return sections(
        block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '•'} ${slackText(item)}`).join('\n'),
      );
    case 'image': {
      if (!/^https?:\/\/\S+$/i.test(block.url) || block.url.length > SLACK_LIMITS.imageUrl) return [];
      const picture: types.ImageBlock = {
        type: 'image',
        image_url: block.url,
        alt_text: truncate(escapeSlack(block.alt.trim()), SLACK_LIMITS.imageAltText) || 'Picture',
      };
      if (block.title?.trim()) picture.title = plain(truncate(escapeSlack(block.title.trim()), SLACK_LIMITS.imageTitle));
      return [picture];
    }
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/** True for an image block Slack must download itself (`image_url`), as opposed to an uploaded file. */
export const isLinkedPicture = (block: { type?: string; image_url?: unknown }): boolean => block.type === 'image' && typeof block.image_url === 'string';

/** The content blocks with at most `max` linked pictures (the first ones). */
function capPictures(blocks: KnownBlock[], max: number): KnownBlock[] {
  let seen = 0;
  return blocks.filter((b) => !isLinkedPicture(b as { type?: string; image_url?: unknown }) || ++seen <= max);
}

function button(id: string, label: string, style?: 'primary' | 'danger'): Button {
  const b: Button = {
    type: 'button',
    action_id: id.slice(0, SLACK_LIMITS.actionId),
    text: plain(truncate(escapeSlack(label), SLACK_LIMITS.buttonText)),
    value: id.slice(0, SLACK_LIMITS.buttonValue),
  };
  if (style) b.style = style;
  return b;
}

function renderAction(action: ViewAction, index: number): KnownBlock[] {
  if (action.type === 'buttons') {
    const out: ActionsBlock[] = [];
    for (let i = 0; i < action.buttons.length; i += SLACK_LIMITS.actionsElements) {
      out.push({
        type: 'actions',
        elements: action.buttons
          .slice(i, i + SLACK_LIMITS.actionsElements)
          .map((b) => button(b.id, b.label, b.style)),
      });
    }
    return out;
  }
  // Multiselect: checkbox groups of ≤10 options (action ids `id`, `id~2`, …) in blocks sharing a
  // block_id prefix, the Submit button in the last one. On submit the adapter reads every
  // checkbox state under that prefix (see selectedValues).
  const prefix = `${MULTISELECT_BLOCK_PREFIX}:${index}`;
  const groups: Checkboxes[] = [];
  for (let i = 0; i < action.options.length; i += SLACK_LIMITS.checkboxOptions) {
    const n = i / SLACK_LIMITS.checkboxOptions;
    groups.push({
      type: 'checkboxes',
      action_id: n === 0 ? action.id : `${action.id}~${n + 1}`,
      options: action.options.slice(i, i + SLACK_LIMITS.checkboxOptions).map((o) => ({
        text: plain(truncate(escapeSlack(o.label), SLACK_LIMITS.optionText)),
        value: o.value.slice(0, SLACK_LIMITS.optionValue),
      })),
    });
  }
  const blocks: KnownBlock[] = [];
  if (action.placeholder.trim()) {
    blocks.push({ type: 'context', elements: [mrkdwn(truncate(escapeSlack(action.placeholder), SLACK_LIMITS.contextText))] });
  }
  groups.forEach((g, n) => {
    const last = n === groups.length - 1;
    blocks.push({
      type: 'actions',
      block_id: `${prefix}:${n}`,
      elements: last ? [g, button(action.submitId, 'Submit', 'primary')] : [g],
    });
  });
  if (groups.length === 0) {
    blocks.push({ type: 'actions', block_id: `${prefix}:0`, elements: [button(action.submitId, 'Submit', 'primary')] });
  }
  return blocks;
}

export interface SlackMessage {
  /** Notification / fallback text (escaped). */
  text: string;
  blocks: KnownBlock[];
}

/** An uploaded picture to show in the message: the Slack file id and its alternative text. */
export interface SlackImageRef {
  fileId: string;
  alt: string;
}

export interface RenderOptions {
  /**
   * False: leave out the view's linked pictures (image blocks with an image_url), e.g. after Slack
   * refused the message because it could not download one. Their text ("alt (url)") stays.
   */
  pictures?: boolean;
}

/**
 * Render a view as a Slack message. Content blocks that would push the message past 50 blocks are
 * cut and replaced by a "…" context line; controls always survive (a question without its buttons
 * is useless). The view's image blocks become image blocks Slack downloads (`image_url`), at most
 * SLACK_LIMITS.linkedImages of them. With `image`, an image block referencing the uploaded file
 * follows the text (the text reads without it) and precedes the controls.
 */
export function renderView(view: MessageView, image?: SlackImageRef, opts: RenderOptions = {}): SlackMessage {
  const content = capPictures(view.blocks.flatMap(renderBlock), opts.pictures === false ? 0 : SLACK_LIMITS.linkedImages);
  const picture: KnownBlock[] = image
    ? [{ type: 'image', slack_file: { id: image.fileId }, alt_text: graphemePrefix(image.alt.trim(), SLACK_LIMITS.imageAltText) || 'Chart' }]
    : [];
  const controls = (view.actions ?? []).flatMap(renderAction).slice(0, SLACK_LIMITS.blocks - 1 - picture.length);
  const room = SLACK_LIMITS.blocks - controls.length - picture.length;
  const body =
    content.length > room
      ? [...content.slice(0, room - 1), { type: 'context', elements: [mrkdwn(ELLIPSIS)] } as KnownBlock]
      : content;
  const text = truncate(slackText(view.text.trim() || ' '), SLACK_LIMITS.fallbackText);
  // Backstop: no lone surrogate leaves, whatever a view carries (the Web API's form encoding would
  // merge one with the next character, or throw when it ends the text).
  return wellFormedDeep({ text, blocks: [...body, ...picture, ...controls] });
}

/** Shape of `body.state.values` in a block_actions payload (only what we read). */
export type SlackStateValues = Record<string, Record<string, { type?: string; selected_options?: { value: string }[] | null }>>;

/**
 * The checked values of the multiselect whose Submit button sits in `submitBlockId`, read from
 * every checkbox group sharing its block_id prefix, in the order the groups appear.
 */
export function selectedValues(state: SlackStateValues | undefined, submitBlockId: string): string[] | null {
  const m = /^(sb-ms:\d+):\d+$/.exec(submitBlockId);
  if (!m || !state) return m ? [] : null;
  const prefix = `${m[1]}:`;
  const values: string[] = [];
  const blockIds = Object.keys(state)
    .filter((id) => id.startsWith(prefix))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
  for (const blockId of blockIds) {
    for (const element of Object.values(state[blockId] ?? {})) {
      for (const option of element.selected_options ?? []) values.push(option.value);
    }
  }
  return values;
}
