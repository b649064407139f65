import { Routes, type REST } from 'discord.js';
import type { APIGuildMember } from 'discord-api-types/v10';
import type { Logger } from '../../shared/logger.js';
import { TtlCache } from './ttl-cache.js';

/** Names for user ids of one guild; ids it cannot name are left out (callers fall back to the id). */
export type MemberNameLookup = (guildId: string, userIds: readonly string[]) => Promise<Map<string, string>>;

const PAGE = 1000;

/**
 * Names from Discord, read with the bot token: the server nickname, else the global display
 * name, else the username. Lists the guild's members (1,000 per request, at most `maxMembers`)
 * and caches the list per guild briefly, so a page costs at most one round of requests instead
 * of one per person. Needs the Server Members intent (as the bot's welcome does).
 */
export function createDiscordMemberNames(
  rest: REST,
  options: { ttlMs?: number; maxMembers?: number; now?: () => number } = {},
): MemberNameLookup {
  const maxMembers = options.maxMembers ?? 5000;
  const cache = new TtlCache<Map<string, string>>(options.ttlMs ?? 60_000, 100, options.now);

  async function listNames(guildId: string): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    let after = '0';
    while (names.size < maxMembers) {
      const query = new URLSearchParams({ limit: String(PAGE), after });
      const page = (await rest.get(Routes.guildMembers(guildId), { query })) as APIGuildMember[];
      for (const m of page) {
        const name = m.nick ?? m.user.global_name ?? m.user.username;
        if (name) names.set(m.user.id, name);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.user.id;
    }
    return names;
  }

  return async (guildId, userIds) => {
    const all = await cache.getOrLoad(guildId, () => listNames(guildId));
    return new Map(userIds.flatMap((id) => (all.has(id) ? [[id, all.get(id)!] as const] : [])));
  };
}

/**
 * How the dashboard names people: the name from their Tsunagu intro first (what they chose for
 * the community), else their name on Discord, else nothing (the page shows the user id). When
 * Discord cannot be asked (outage, intent off) the page still renders with intro names, and the
 * failure is logged rather than hidden.
 */
export function combinedMemberNames(deps: {
  introNames: MemberNameLookup;
  discordNames?: MemberNameLookup;
  logger: Logger;
}): MemberNameLookup {
  return async (guildId, userIds) => {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const [intro, discord] = await Promise.all([
      deps.introNames(guildId, ids),
      deps.discordNames
        ? deps.discordNames(guildId, ids).catch((error: unknown) => {
            deps.logger.warn({ err: error, guildId }, 'could not read member names from Discord');
            return new Map<string, string>();
          })
        : new Map<string, string>(),
    ]);
    return new Map([...discord, ...intro]);
  };
}
