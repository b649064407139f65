import type { OAuthGuild } from '../auth/discord-oauth.js';
import type { DiscordDirectory } from './discord-directory.js';
import type { GuildAccess } from './guild-access.service.js';
import { TtlCache } from './ttl-cache.js';

export interface PickerGuild {
  id: string;
  name: string;
  icon: string | null;
}

/** Lists, for the guild picker, the guilds a user may manage in which the bot is present. */
export interface GuildPicker {
  list(userId: string, userGuilds: readonly OAuthGuild[]): Promise<PickerGuild[]>;
}

/**
 * Intersects the user's guilds (from OAuth2 at login) with the bot's guilds first, so only the
 * few shared guilds cost a permission check against Discord.
 */
export function createGuildPicker(options: {
  directory: DiscordDirectory;
  guildAccess: GuildAccess;
  ttlMs?: number;
  now?: () => number;
}): GuildPicker {
  const botGuilds = new TtlCache<Set<string>>(options.ttlMs ?? 30_000, 1, options.now);
  return {
    async list(userId, userGuilds) {
      const present = await botGuilds.getOrLoad('bot', () => options.directory.listBotGuildIds());
      const shared = userGuilds.filter((g) => present.has(g.id));
      const checks = await Promise.all(shared.map((g) => options.guildAccess.check(g.id, userId)));
      return shared
        .map((g, i) => ({ g, access: checks[i] }))
        .filter(({ access }) => access?.allowed)
        .map(({ g, access }) => ({ id: g.id, name: access?.guild?.name ?? g.name, icon: g.icon }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
