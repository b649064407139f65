import {
  Client,
  GatewayIntentBits,
  Options,
  Partials,
  type CacheFactory,
  type ClientOptions,
  type GuildMember,
  type SweeperOptions,
} from 'discord.js';

/**
 * The gateway intents Tsunagu asks for. Never MessageContent: Tsunagu counts messages, it never
 * reads them. GuildMembers is the one privileged intent (member joins for welcome and invites).
 */
export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildVoiceStates,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.GuildInvites,
  GatewayIntentBits.GuildScheduledEvents,
  GatewayIntentBits.DirectMessages,
] as const;

/** Privileged intents among INTENTS, by the name the Developer Portal shows. */
export const PRIVILEGED_INTENTS = { GuildMembers: 'Server Members Intent' } as const;

/** Members kept per guild besides the bot and members in voice; the rest are fetched when needed. */
export const MEMBER_CACHE_SIZE = 200;
/** Users kept across guilds (members hold their own User reference anyway). */
export const USER_CACHE_SIZE = 1_000;
/** Messages kept per channel: Tsunagu never reads history, replies and edits go through REST. */
export const MESSAGE_CACHE_SIZE = 10;

/**
 * Cache limits that keep memory bounded in guilds with tens of thousands of members.
 * Kept: guilds, channels, roles, voice states (mixers need who is in which room), scheduled
 * events and invites (invite tracking diffs their uses). Bounded: members, users, messages.
 * Dropped: presences (no intent), reactions, emojis, stickers, bans, thread members, commands.
 */
export function cacheFactory(): CacheFactory {
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: MESSAGE_CACHE_SIZE,
    GuildMemberManager: { maxSize: MEMBER_CACHE_SIZE, keepOverLimit: keepMember },
    UserManager: { maxSize: USER_CACHE_SIZE, keepOverLimit: (user) => user.id === user.client.user?.id },
    PresenceManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    GuildEmojiManager: 0,
    BaseGuildEmojiManager: 0,
    GuildStickerManager: 0,
    GuildBanManager: 0,
    ThreadMemberManager: 0,
    ApplicationCommandManager: 0,
    AutoModerationRuleManager: 0,
    StageInstanceManager: 0,
    EntitlementManager: 0,
  });
}

/** Periodic sweeps for what the size limits alone would let linger. Intervals in seconds. */
export function sweeperOptions(): SweeperOptions {
  return {
    ...Options.DefaultSweeperSettings,
    messages: { interval: 300, lifetime: 900 },
    // Every 15 minutes drop members who are neither the bot nor in voice; handlers fetch on demand.
    guildMembers: { interval: 900, filter: () => (member: GuildMember) => !keepMember(member) },
    users: { interval: 900, filter: () => (user) => user.id !== user.client.user?.id },
  };
}

/** The bot itself (permission checks) and members in voice (mixers) stay cached. */
function keepMember(member: GuildMember): boolean {
  return member.id === member.client.user?.id || member.guild.voiceStates.cache.has(member.id);
}

export interface CreateClientOptions {
  /**
   * discord.js's REST `api` base without the version, e.g. `https://discord.com/api` (default) or
   * the emulator's `http://127.0.0.1:PORT/api`. The gateway URL comes from `GET /gateway/bot` on it.
   */
  restApi?: string;
  /** Use discord.js's default caches instead of Tsunagu's limits (the memory benchmark's baseline). */
  defaultCaches?: boolean;
}

/** Builds the discord.js Client with Tsunagu's intents, partials, cache limits and REST base. */
export function createClient(options: CreateClientOptions = {}): Client {
  const clientOptions: ClientOptions = {
    intents: [...INTENTS],
    // Channel: DM channels arrive uncached; GuildMember: member updates/leaves of uncached members.
    // GuildScheduledEvent: discord.js drops Interested add/remove (GUILD_SCHEDULED_EVENT_USER_ADD/REMOVE)
    // for events it has not cached unless this partial is on (its GuildScheduledEventUserAdd action).
    partials: [Partials.Channel, Partials.GuildMember, Partials.User, Partials.GuildScheduledEvent],
    allowedMentions: { parse: ['users'], repliedUser: false },
    rest: { ...(options.restApi ? { api: normalizeRestApi(options.restApi) } : {}), retries: 3 },
    ...(options.defaultCaches ? {} : { makeCache: cacheFactory(), sweepers: sweeperOptions() }),
  };
  return new Client(clientOptions);
}

/** Accepts `…/api` or `…/api/v10` (and trailing slashes): discord.js appends the version itself. */
export function normalizeRestApi(base: string): string {
  return base.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}
