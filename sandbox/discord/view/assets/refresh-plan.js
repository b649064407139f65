/**
 * Which parts of the view a feed notice makes stale: the guild list, the users, the open guild,
 * the open channel's messages (ephemeral replies only for the person who got them).
 */
import { currentChannelId, view } from './state.js';

const GUILD_WIDE = /^(GUILD_(MEMBER|ROLE)_|CHANNEL_|VOICE_STATE_UPDATE|INVITE_|GUILD_UPDATE)/;

/**
 * @param {{ event: string, guildId?: string, channelId?: string, userId?: string }} notice
 * @param {Set<string>} wanted
 */
export function planRefresh(notice, wanted) {
  const { event } = notice;
  if (event === 'HELLO' || event === 'GUILD_CREATE' || event === 'GUILD_DELETE')
    return void wanted.add('world');
  if (GUILD_WIDE.test(event) && notice.guildId === view.guildId) wanted.add('guild');
  if (/^GUILD_MEMBER_(ADD|REMOVE)/.test(event) || event === 'GUILD_UPDATE') wanted.add('users');
  if (event.startsWith('MESSAGE_')) {
    if (notice.channelId === currentChannelId()) wanted.add('messages');
    // A DM the view has not seen yet: the users list says which person it belongs to.
    else if (!notice.guildId && !view.users.some((u) => u.dmChannelId === notice.channelId))
      wanted.add('users').add('messages');
  }
  if (
    event === 'INTERACTION_RESPONSE' &&
    notice.userId === view.actorId &&
    notice.channelId === currentChannelId()
  )
    wanted.add('messages');
}
