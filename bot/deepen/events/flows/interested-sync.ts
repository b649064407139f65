/**
 * Discord's Interested list read whole (GET /guild-events/{id}/users, paged with `after`): the
 * USER_ADD/REMOVE dispatches missed while the bot was offline are never replayed, so the stored
 * list is replaced with Discord's at start-up and before each start.
 */
import type { Guild } from 'discord.js';
import type { BotContext } from '../../../context.js';
import type { OccurrenceView } from '../../../../shared/deepen/events/event-view.js';
import { refreshAnnouncement } from './publish.js';

/** Discord's page size maximum for scheduled event users. */
const PAGE = 100;

export async function syncInterested(ctx: BotContext, guild: Guild, occ: OccurrenceView): Promise<void> {
  if (!occ.discordEventId) return;
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await guild.scheduledEvents.fetchSubscribers(occ.discordEventId, {
      limit: PAGE,
      ...(after ? { after } : {}),
    });
    const users = [...page.keys()];
    ids.push(...users);
    // Users come in ascending id order; a short page is the last one.
    if (users.length < PAGE) break;
    after = users.reduce((max, id) => (BigInt(id) > BigInt(max) ? id : max));
  }
  const changed = await ctx.services.deepenEvents.rsvp.replaceInterested(occ.occurrenceId, ids);
  if (changed) await refreshAnnouncement(ctx, guild, occ.occurrenceId);
}
