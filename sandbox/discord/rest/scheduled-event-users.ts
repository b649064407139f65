/**
 * `GET /guilds/{guild.id}/scheduled-events/{event.id}/users` ("Get Guild Scheduled Event Users",
 * discord-api-docs): `limit` up to 100 (default 100), `with_member`, and `before`/`after` user-id
 * paging — "Users will always be returned in ascending order by user_id. If both before and after
 * are provided, only before is respected." Subscribing is a person's act: there is no REST route
 * for it (see `state.scheduledEvents.subscribe`).
 */
import type { Router } from '../router.js';
import { compareSnowflakes } from '../snowflake.js';
import { serializeUser } from '../state/serialize.js';
import { guildForBot, intQuery } from './access.js';
import { visibleEvent } from './scheduled-event-access.js';

/** The page of subscriber ids `limit`/`before`/`after` select, ascending. */
export function pageOfSubscribers(
  ids: Iterable<string>,
  limit: number,
  before: string | null,
  after: string | null,
): string[] {
  const sorted = [...ids].sort(compareSnowflakes);
  // Before a user: the `limit` closest ones below it (the page that precedes it), still ascending.
  if (before) return sorted.filter((id) => BigInt(id) < BigInt(before)).slice(-limit);
  if (after) return sorted.filter((id) => BigInt(id) > BigInt(after)).slice(0, limit);
  return sorted.slice(0, limit);
}

/** Registers the subscribers route. */
export function registerScheduledEventUserRoutes(router: Router): void {
  router.route('GET', '/guilds/:guildId/scheduled-events/:eventId/users', (req) => {
    const { emu, params, query } = req;
    const guild = guildForBot(emu, params.guildId!);
    const event = visibleEvent(emu, guild.id, params.eventId!);
    const limit = intQuery(req, 'limit', 100, 1, 100);
    const withMember = query.get('with_member') === 'true';
    const ids = pageOfSubscribers(event.interested, limit, query.get('before'), query.get('after'));
    return {
      body: ids.map((id) => {
        const member = withMember ? emu.state.members.find(guild.id, id) : undefined;
        return {
          guild_scheduled_event_id: event.id,
          user_id: id,
          user: serializeUser(emu.state.users.get(id)),
          response: 1, // INTERESTED
          ...(member ? { member: emu.state.members.toApi(member) } : {}),
        };
      }),
    };
  });
}
