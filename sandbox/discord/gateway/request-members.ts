/**
 * op 8 REQUEST_GUILD_MEMBERS → GUILD_MEMBERS_CHUNK dispatches (1000 members per chunk), with
 * query / limit / user_ids / nonce.
 */
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import type { GatewaySession } from './session.js';

interface RequestData {
  guild_id: string | string[];
  query?: string;
  limit?: number;
  presences?: boolean;
  user_ids?: string | string[];
  nonce?: string;
}

const CHUNK = 1000;

/**
 * Answers op 8. Like Discord: `presences` without GuildPresences is ignored; a full member list
 * without GuildMembers gets no answer at all (discord.js then fails with GuildMembersTimeout), so
 * the emulator logs that case as an error to make the missing intent obvious.
 */
export function handleRequestGuildMembers(
  ctx: Pick<EmulatorContext, 'state' | 'logger'>,
  session: GatewaySession,
  raw: unknown,
): void {
  const d = raw as RequestData;
  const hasMembers = (session.intents & GatewayIntentBits.GuildMembers) !== 0;
  const presences = d.presences === true && (session.intents & GatewayIntentBits.GuildPresences) !== 0;
  const userIds =
    d.user_ids === undefined ? undefined : Array.isArray(d.user_ids) ? d.user_ids : [d.user_ids];
  if (!userIds && (d.query ?? '') === '' && d.limit !== 1 && !hasMembers) {
    ctx.logger.error(
      { guildId: d.guild_id },
      'Discord emulator gateway: op 8 asked for every member without the GuildMembers intent; Discord sends no chunks',
    );
    return;
  }
  const guildIds = Array.isArray(d.guild_id) ? d.guild_id : [d.guild_id];
  for (const guildId of guildIds) {
    const guild = ctx.state.guilds.find(guildId);
    if (!guild || !guild.members.has(ctx.state.botUserId ?? '')) continue;
    let members = ctx.state.members.list(guildId);
    let notFound: string[] = [];
    if (userIds) {
      notFound = userIds.filter((id) => !guild.members.has(id));
      members = members.filter((m) => userIds.includes(m.userId));
    } else if (d.query) {
      const q = d.query.toLowerCase();
      members = members.filter((m) => {
        const user = ctx.state.users.get(m.userId);
        return [user.username, user.global_name, m.nick].some((name) => name?.toLowerCase().startsWith(q));
      });
      members = members.slice(0, Math.min(100, d.limit || 100));
    } else if (d.limit) {
      members = members.slice(0, d.limit);
    }
    const count = Math.max(1, Math.ceil(members.length / CHUNK));
    for (let i = 0; i < count; i++) {
      session.dispatch(GatewayDispatchEvents.GuildMembersChunk, {
        guild_id: guildId,
        members: members.slice(i * CHUNK, (i + 1) * CHUNK).map((m) => ctx.state.members.toApi(m)),
        chunk_index: i,
        chunk_count: count,
        ...(i === 0 && notFound.length ? { not_found: notFound } : {}),
        ...(presences ? { presences: [] } : {}),
        ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
      });
    }
  }
}
