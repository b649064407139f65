import { DiscordAPIError, RESTJSONErrorCodes, Routes, type REST } from 'discord.js';
import type { APIGuild, APIGuildMember, RESTGetAPICurrentUserGuildsResult } from 'discord-api-types/v10';
import type { RoleBits } from './permissions.js';

/** What the dashboard needs to know about a guild, read with the bot token. */
export interface GuildInfo {
  id: string;
  name: string;
  icon: string | null;
  ownerId: string;
  roles: RoleBits[];
  approximateMemberCount?: number;
}

export interface MemberInfo {
  userId: string;
  roleIds: string[];
}

/** Read-only view of Discord through the bot's REST client (the web app never holds a gateway Client). */
export interface DiscordDirectory {
  /** The guild, or null when the bot is not in it. */
  getGuild(guildId: string): Promise<GuildInfo | null>;
  /** The member, or null when the user is not in the guild. */
  getMember(guildId: string, userId: string): Promise<MemberInfo | null>;
  /** Ids of every guild the bot is in. */
  listBotGuildIds(): Promise<Set<string>>;
}

/** Codes that mean "no such thing for this bot", which we answer with null instead of an error. */
const ABSENT = new Set<number | string>([
  RESTJSONErrorCodes.UnknownGuild,
  RESTJSONErrorCodes.UnknownMember,
  RESTJSONErrorCodes.UnknownUser,
  RESTJSONErrorCodes.MissingAccess,
]);

/**
 * Builds a DiscordDirectory on a discord.js REST client that already holds the bot token
 * (its `api` option points at Discord or at the local emulator).
 */
export function createDiscordDirectory(rest: REST): DiscordDirectory {
  return {
    async getGuild(guildId) {
      const guild = await absentAsNull(() => rest.get(Routes.guild(guildId), { query: withCounts() }));
      if (!guild) return null;
      const g = guild as APIGuild;
      return {
        id: g.id,
        name: g.name,
        icon: g.icon,
        ownerId: g.owner_id,
        roles: g.roles.map((r) => ({ id: r.id, permissions: r.permissions })),
        approximateMemberCount: g.approximate_member_count,
      };
    },
    async getMember(guildId, userId) {
      const member = await absentAsNull(() => rest.get(Routes.guildMember(guildId, userId)));
      if (!member) return null;
      const m = member as APIGuildMember;
      return { userId: m.user.id, roleIds: m.roles };
    },
    async listBotGuildIds() {
      const ids = new Set<string>();
      let after: string | undefined;
      // Discord pages this list by 200; a large bot needs several pages.
      for (;;) {
        const query = new URLSearchParams({ limit: '200', ...(after ? { after } : {}) });
        const page = (await rest.get(Routes.userGuilds(), { query })) as RESTGetAPICurrentUserGuildsResult;
        for (const g of page) ids.add(g.id);
        if (page.length < 200) return ids;
        after = page[page.length - 1]?.id;
      }
    },
  };
}

function withCounts(): URLSearchParams {
  return new URLSearchParams({ with_counts: 'true' });
}

async function absentAsNull<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DiscordAPIError && (ABSENT.has(error.code) || error.status === 404)) return null;
    throw error;
  }
}
