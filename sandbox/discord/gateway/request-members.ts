/**
 * op 8 REQUEST_GUILD_MEMBERS → GUILD_MEMBERS_CHUNK dispatches (1000 members per chunk), with
 * Discord's intent rules: the full list needs GuildMembers, presences need GuildPresences.
 */
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
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

export function handleRequestGuildMembers(
  ctx: Pick<EmulatorContext, 'state'>,
  session: GatewaySession,
  raw: unknown,
  reject: (code: number, reason: string) => void,
): void {
  const d = raw as RequestData;
  const hasMembers = (session.intents & GatewayIntentBits.GuildMembers) !== 0;
  if (d.presences && (session.intents & GatewayIntentBits.GuildPresences) === 0) {
    return reject(
      GatewayCloseCodes.DisallowedIntents,
      'Disallowed intent(s): presences need GUILD_PRESENCES',
    );
  }
  const userIds =
    d.user_ids === undefined ? undefined : Array.isArray(d.user_ids) ? d.user_ids : [d.user_ids];
  if (!userIds && (d.query ?? '') === '' && !hasMembers) {
    return reject(
      GatewayCloseCodes.DisallowedIntents,
      'Disallowed intent(s): requesting all members needs GUILD_MEMBERS',
    );
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
        ...(d.presences ? { presences: [] } : {}),
        ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
      });
    }
  }
}
