/** Shared steps of the events integration tests: create by typing, confirm, find the announcement. */
import { expect } from 'chai';
import type { APIMessage } from 'discord-api-types/v10';
import { DateTime } from 'luxon';
import { EventOccurrence } from '../../../../shared/deepen/events/event.model.js';
import type { EventsWorld } from '../../../support/events-world.js';

export const EN = { locale: 'en-US' } as const;
export const JA = { locale: 'ja' } as const;

/** The instant of a wall clock in a zone (luxon, never the process zone). */
export const at = (wall: string, zone: string): Date => DateTime.fromISO(wall, { zone }).toJSDate();
export const stampOf = (d: Date) => `<t:${Math.floor(d.getTime() / 1000)}:F>`;

export function customIds(message: APIMessage): string[] {
  return (message.components ?? []).flatMap((row) =>
    'components' in row ? row.components.map((c) => ('custom_id' in c ? c.custom_id : '')) : [],
  );
}

export function buttonLabels(message: APIMessage): string[] {
  return (message.components ?? []).flatMap((row) =>
    'components' in row ? row.components.map((c) => ('label' in c ? (c.label ?? '') : '')) : [],
  );
}

/** /event create as the organiser; resolves with the ephemeral preview. */
export async function preview(
  w: EventsWorld,
  options: Record<string, string | number | boolean>,
  acting: { locale: string } = EN,
): Promise<APIMessage> {
  const handle = w.drivers.runSlashCommand(
    w.guildId,
    w.channels.general,
    w.organiserId,
    'event create',
    options,
    acting,
  );
  return handle.waitForReply();
}

/** Previews, confirms, and waits for the announcement; returns the occurrence and its message. */
export async function createEvent(
  w: EventsWorld,
  options: Record<string, string | number | boolean>,
  acting: { locale: string } = EN,
) {
  const shown = await preview(w, options, acting);
  const confirm = customIds(shown).find((id) => id.startsWith('event:confirm:'));
  expect(confirm, JSON.stringify(shown)).to.be.a('string');
  // Confirming a series publishes each first occurrence (event, announcement, jobs) before the
  // reply: several Discord calls each, slower than a plain reply on a loaded machine.
  const done = await w.drivers.clickButton(shown.id, confirm!, w.organiserId, acting).waitForReply(15_000);
  const occurrences = await w.until(async () => {
    const docs = await EventOccurrence.find({ guildId: w.guildId }).sort({ start: 1 }).lean();
    return docs.length > 0 && docs.every((d) => d.announcement?.messageId) ? docs : null;
  }, 'occurrences published');
  const announcement = (id: string) => w.drivers.messagesIn(w.channels.events).find((m) => m.id === id);
  return { shown, done, occurrences, announcement };
}
