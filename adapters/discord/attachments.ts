// Chart pictures (MessageView.image) on Discord: the PNG goes along as a file of the same
// interaction reply (ephemeral when the reply is), and the view's embed shows it under its text
// (`image: { url: 'attachment://<filename>' }`). discord.js then sends multipart/form-data
// (`payload_json` plus `files[0]`).

import { AttachmentBuilder, type APIEmbed } from 'discord.js';
import type { ViewImage } from '../../src/quiz/views.js';
import { graphemePrefix } from '../../src/graphemes.js';

/** Discord's attachment description limit. */
const DESCRIPTION_MAX = 1024;

/** A safe attachment name: `attachment://` references must match it exactly. */
export function attachmentName(filename: string): string {
  const base = filename.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, 96);
  return /\.png$/i.test(base) ? base : `${base || 'chart'}.png`;
}

/** Adds the picture to reply/edit options: the file, and the embed's image pointing at it. */
export function withImage<T extends { embeds?: APIEmbed[] }>(options: T, image: ViewImage | undefined): T & { files?: AttachmentBuilder[] } {
  if (!image) return options;
  const name = attachmentName(image.filename);
  const file = new AttachmentBuilder(Buffer.from(image.png), { name, description: graphemePrefix(image.alt, DESCRIPTION_MAX) });
  const [first, ...rest] = options.embeds ?? [];
  const embeds = first ? [{ ...first, image: { url: `attachment://${name}` } }, ...rest] : options.embeds;
  return { ...options, ...(embeds ? { embeds } : {}), files: [file] };
}
