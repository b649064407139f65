import { GatewayDispatchEvents, type APIGuildMember } from 'discord-api-types/v10';
import { Errors } from '../errors.js';
import { compareSnowflakes } from '../snowflake.js';
import { serializeMember, serializeUser } from './serialize.js';
import type { DiscordState } from './state.js';
import type { GuildRecord, MemberRecord } from './types.js';

export interface AddMemberInput {
  nick?: string | null;
  roles?: string[];
  joinedAt?: Date;
  pending?: boolean;
}

export interface UpdateMemberInput {
  nick?: string | null;
  roles?: string[];
  deaf?: boolean;
  mute?: boolean;
  communicationDisabledUntil?: string | null;
}

/** Guild members. */
export class MemberStore {
  constructor(private readonly s: DiscordState) {}

  /** Returns the member or throws 404 10007 Unknown Member (10004 if the guild is unknown). */
  get(guildId: string, userId: string): MemberRecord {
    const member = this.s.guilds.get(guildId).members.get(userId);
    if (!member) throw Errors.unknownMember();
    return member;
  }

  find(guildId: string, userId: string): MemberRecord | undefined {
    return this.s.guilds.find(guildId)?.members.get(userId);
  }

  /** Members ordered by user id (as GET /guilds/:id/members pages them). */
  list(guildId: string): MemberRecord[] {
    return [...this.s.guilds.get(guildId).members.values()].sort((a, b) =>
      compareSnowflakes(a.userId, b.userId),
    );
  }

  /** The API shape of a member. */
  toApi(member: MemberRecord): APIGuildMember {
    return serializeMember(member, this.s.users.get(member.userId));
  }

  /** Adds a member without emitting (guild creation, seeding). */
  insert(guild: GuildRecord, userId: string, input: AddMemberInput): MemberRecord {
    this.s.users.get(userId);
    const member: MemberRecord = {
      guildId: guild.id,
      userId,
      nick: input.nick ?? null,
      roles: [...new Set(input.roles ?? [])].filter((r) => r !== guild.id),
      joinedAt: (input.joinedAt ?? new Date()).toISOString(),
      deaf: false,
      mute: false,
      pending: input.pending ?? false,
      communicationDisabledUntil: null,
      flags: 0,
    };
    for (const roleId of member.roles) this.s.roles.get(guild.id, roleId);
    guild.members.set(userId, member);
    return member;
  }

  /**
   * A user joins the guild: emits GUILD_MEMBER_ADD (or, when the bot itself joins, GUILD_CREATE).
   * Joining twice throws, as a second join cannot happen on Discord.
   */
  add(guildId: string, userId: string, input: AddMemberInput = {}): MemberRecord {
    const guild = this.s.guilds.get(guildId);
    if (guild.members.has(userId)) throw new Error(`User ${userId} is already a member of guild ${guildId}`);
    const member = this.insert(guild, userId, input);
    if (userId === this.s.botUserId) this.s.guilds.announce(guildId);
    else
      this.s.emit(
        GatewayDispatchEvents.GuildMemberAdd,
        { ...this.toApi(member), guild_id: guildId },
        guildId,
      );
    return member;
  }

  /** Updates nick/roles/mute/deaf/timeout and emits GUILD_MEMBER_UPDATE. */
  update(guildId: string, userId: string, patch: UpdateMemberInput): MemberRecord {
    const member = this.get(guildId, userId);
    if (patch.roles !== undefined) {
      const roles = [...new Set(patch.roles)].filter((r) => r !== guildId);
      for (const roleId of roles) this.s.roles.get(guildId, roleId);
      member.roles = roles;
    }
    if (patch.nick !== undefined) member.nick = patch.nick || null;
    if (patch.deaf !== undefined) member.deaf = patch.deaf;
    if (patch.mute !== undefined) member.mute = patch.mute;
    if (patch.communicationDisabledUntil !== undefined)
      member.communicationDisabledUntil = patch.communicationDisabledUntil;
    this.s.emit(
      GatewayDispatchEvents.GuildMemberUpdate,
      { ...this.toApi(member), guild_id: guildId },
      guildId,
    );
    return member;
  }

  addRole(guildId: string, userId: string, roleId: string): MemberRecord {
    const member = this.get(guildId, userId);
    this.s.roles.get(guildId, roleId);
    if (member.roles.includes(roleId)) return member;
    return this.update(guildId, userId, { roles: [...member.roles, roleId] });
  }

  removeRole(guildId: string, userId: string, roleId: string): MemberRecord {
    const member = this.get(guildId, userId);
    this.s.roles.get(guildId, roleId);
    if (!member.roles.includes(roleId)) return member;
    return this.update(guildId, userId, { roles: member.roles.filter((r) => r !== roleId) });
  }

  /**
   * The member leaves or is kicked: disconnects voice, emits GUILD_MEMBER_REMOVE. When the bot
   * itself leaves, its sessions get GUILD_DELETE instead (sent while it can still see the guild).
   */
  remove(guildId: string, userId: string): void {
    const guild = this.s.guilds.get(guildId);
    this.get(guildId, userId);
    if (guild.voiceStates.has(userId)) this.s.voice.leave(guildId, userId);
    if (userId === this.s.botUserId) {
      this.s.emit(GatewayDispatchEvents.GuildDelete, { id: guildId }, guildId);
      guild.members.delete(userId);
      return;
    }
    for (const event of guild.scheduledEvents.values()) event.interested.delete(userId);
    guild.members.delete(userId);
    this.s.emit(
      GatewayDispatchEvents.GuildMemberRemove,
      { guild_id: guildId, user: serializeUser(this.s.users.get(userId)) },
      guildId,
    );
  }
}
