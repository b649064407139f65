import type { EmbedBuilder } from 'discord.js';
import { truncate } from '../../shared/kernel/welcome-template.js';

/** Discord's embed limits (an embed over any of them is rejected with 50035). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  total: 6000,
} as const;

/** Cuts text to `max` characters with an ellipsis; empty text becomes a dash (Discord refuses empty values). */
export function fit(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed === '' ? '-' : truncate(trimmed, max);
}

/** Characters Discord counts towards an embed's 6000 total. */
export function embedLength(embed: EmbedBuilder): number {
  const d = embed.data;
  return (
    (d.title?.length ?? 0) +
    (d.description?.length ?? 0) +
    (d.footer?.text.length ?? 0) +
    (d.author?.name.length ?? 0) +
    (d.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}
