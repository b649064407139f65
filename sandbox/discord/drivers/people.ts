/** People outside interactions: join and leave, voice, chat, DMs. Each emits what Discord would. */
import type { APIGuildMember, APIMessage } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import type { CreateUserInput } from '../state/users.js';
import { DriverError } from './types.js';

/** Creates a user (a person who is not in any guild yet). */
export function createUser(emu: EmulatorContext, input: CreateUserInput) {
  return emu.state.users.create(input);
}

/** A person joins a guild, optionally through an invite (its uses go up). Emits GUILD_MEMBER_ADD. */
export function memberJoin(
  emu: EmulatorContext,
  guildId: string,
  user: string | CreateUserInput,
  options: { inviteCode?: string } = {},
): APIGuildMember {
  const state = emu.state;
  const userId =
    typeof user === 'string' ? user : (state.users.find(user.id ?? '')?.id ?? state.users.create(user).id);
  state.users.get(userId);
  if (options.inviteCode) {
    const invite = state.invites.get(options.inviteCode);
    if (invite.guildId !== guildId)
      throw new DriverError(`Invite ${options.inviteCode} belongs to another guild`);
    state.invites.use(options.inviteCode);
  }
  return state.members.toApi(state.members.add(guildId, userId));
}

/** A person posts a message in a channel (members only). Emits MESSAGE_CREATE. */
export function sendMessage(
  emu: EmulatorContext,
  channelId: string,
  userId: string,
  content: string,
): APIMessage {
  const channel = emu.state.channels.get(channelId);
  if (channel.guildId) emu.state.members.get(channel.guildId, userId);
  return emu.state.messages.create(channelId, { authorId: userId, content });
}
