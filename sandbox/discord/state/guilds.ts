import { GatewayDispatchEvents, PermissionFlagsBits, type RoleFlags } from 'discord-api-types/v10';
import { Errors } from '../errors.js';
import { snowflake } from '../snowflake.js';
import { buildGuildCreate } from './guild-payload.js';
import { serializeGuild } from './serialize.js';
import type { DiscordState } from './state.js';
import type { GuildRecord } from './types.js';

/** What @everyone may do in a new guild (Discord's defaults, minus the rarely relevant ones). */
export const DEFAULT_EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak |
  PermissionFlagsBits.UseVAD |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.RequestToSpeak |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.Stream;

export interface CreateGuildInput {
  id?: string;
  name: string;
  ownerId: string;
  description?: string | null;
  preferredLocale?: string;
  everyonePermissions?: bigint;
}

export interface UpdateGuildInput {
  name?: string;
  description?: string | null;
  preferredLocale?: string;
  systemChannelId?: string | null;
  icon?: string | null;
}

/** Guilds, each with its mandatory @everyone role (id = guild id) and its owner as first member. */
export class GuildStore {
  constructor(private readonly s: DiscordState) {}

  /** Creates the guild, its @everyone role and the owner's membership (no events: nobody is connected to it yet). */
  create(input: CreateGuildInput): GuildRecord {
    this.s.users.get(input.ownerId);
    const id = input.id ?? snowflake();
    const guild: GuildRecord = {
      id,
      name: input.name,
      ownerId: input.ownerId,
      icon: null,
      description: input.description ?? null,
      preferredLocale: input.preferredLocale ?? 'ja',
      systemChannelId: null,
      features: [],
      roles: new Map(),
      members: new Map(),
      channelIds: new Set(),
      voiceStates: new Map(),
      scheduledEvents: new Map(),
    };
    guild.roles.set(id, {
      id,
      name: '@everyone',
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: 0,
      permissions: (input.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS).toString(),
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
    });
    this.s.data.guilds.set(id, guild);
    this.s.members.insert(guild, input.ownerId, {});
    return guild;
  }

  /** Returns the guild or throws 404 10004 Unknown Guild. */
  get(id: string): GuildRecord {
    const guild = this.s.data.guilds.get(id);
    if (!guild) throw Errors.unknownGuild();
    return guild;
  }

  find(id: string): GuildRecord | undefined {
    return this.s.data.guilds.get(id);
  }

  list(): GuildRecord[] {
    return [...this.s.data.guilds.values()];
  }

  /** Guilds the user is a member of. */
  listForUser(userId: string): GuildRecord[] {
    return this.list().filter((g) => g.members.has(userId));
  }

  /** Applies a patch and emits GUILD_UPDATE. */
  update(id: string, patch: UpdateGuildInput): GuildRecord {
    const guild = this.get(id);
    if (patch.name !== undefined) guild.name = patch.name;
    if (patch.description !== undefined) guild.description = patch.description;
    if (patch.preferredLocale !== undefined) guild.preferredLocale = patch.preferredLocale;
    if (patch.systemChannelId !== undefined) guild.systemChannelId = patch.systemChannelId;
    if (patch.icon !== undefined) guild.icon = patch.icon;
    this.s.emit(GatewayDispatchEvents.GuildUpdate, serializeGuild(guild), guild.id);
    return guild;
  }

  /**
   * An outage of the guild, as Discord reports one (discord-api-docs, Gateway Events, Guild
   * Delete: "If the unavailable field is not set, the user was removed from the guild"; with
   * `unavailable: true` the guild is unavailable due to an outage). Its sessions get GUILD_DELETE
   * `{ id, unavailable: true }` and then nothing of that guild (whatever happens meanwhile is
   * lost, as on Discord) until `recover`. REST keeps answering: Discord documents no outage shape.
   */
  outage(id: string): void {
    const guild = this.get(id);
    this.s.emit(GatewayDispatchEvents.GuildDelete, { id, unavailable: true }, id);
    guild.unavailable = true;
  }

  /**
   * The guild is back (docs, Guild Create: sent "when a Guild becomes available again to the
   * client"): a fresh GUILD_CREATE with its state as it is now (channels, voice states).
   */
  recover(id: string): void {
    const guild = this.get(id);
    guild.unavailable = false;
    this.announce(id);
  }

  /** Emits GUILD_CREATE for a guild (used when the bot joins a guild after READY). */
  announce(id: string): void {
    this.s.emit(GatewayDispatchEvents.GuildCreate, buildGuildCreate(this.s, this.get(id)), id);
  }
}
