/**
 * In-memory stand-ins for the dashboard's Discord-facing services, for tests of the
 * authorization logic itself. The end-to-end path through the Discord emulator is covered by
 * dashboard.test.ts and the e2e test.
 */
import type { DiscordOAuth, OAuthGuild, OAuthUser } from '../../../web/auth/discord-oauth.js';
import type { DiscordDirectory, GuildInfo, MemberInfo } from '../../../web/core/discord-directory.js';
import type { GuildReads } from '../../../web/core/reads.js';
import { emptyEventsReads, emptyPromptsReads } from './events-fakes.js';
import { emptyInsightsReads } from './insights-fakes.js';

export interface FakeDiscord {
  guilds: Map<string, GuildInfo>;
  /** `${guildId}:${userId}` → member */
  members: Map<string, MemberInfo>;
  users: Map<string, OAuthUser>;
  botGuildIds: Set<string>;
  calls: { getGuild: number; getMember: number };
  /** Makes the next directory call fail like a Discord outage. */
  failNext: boolean;
}

export function fakeDiscord(): FakeDiscord {
  return {
    guilds: new Map(),
    members: new Map(),
    users: new Map(),
    botGuildIds: new Set(),
    calls: { getGuild: 0, getMember: 0 },
    failNext: false,
  };
}

export function fakeDirectory(fake: FakeDiscord): DiscordDirectory {
  const maybeFail = () => {
    if (fake.failNext) {
      fake.failNext = false;
      throw new Error('Discord is down');
    }
  };
  return {
    async getGuild(guildId) {
      fake.calls.getGuild += 1;
      maybeFail();
      return fake.guilds.get(guildId) ?? null;
    },
    async getMember(guildId, userId) {
      fake.calls.getMember += 1;
      maybeFail();
      return fake.members.get(`${guildId}:${userId}`) ?? null;
    },
    async listBotGuildIds() {
      return new Set(fake.botGuildIds);
    },
  };
}

/** OAuth2 where the authorization code is simply the id of the user who consents. */
export function fakeOAuth(fake: FakeDiscord): DiscordOAuth {
  return {
    authorizeUrl: (state) => `https://discord.test/oauth2/authorize?state=${encodeURIComponent(state)}`,
    async exchangeCode(code) {
      if (!fake.users.has(code)) throw new Error('invalid_grant');
      return `token-${code}`;
    },
    async fetchUser(token) {
      const user = fake.users.get(token.replace(/^token-/, ''));
      if (!user) throw new Error('401');
      return user;
    },
    async fetchGuilds(token) {
      const userId = token.replace(/^token-/, '');
      const guilds: OAuthGuild[] = [];
      for (const [key] of fake.members) {
        const [guildId, memberId] = key.split(':');
        const guild = fake.guilds.get(guildId as string);
        if (memberId === userId && guild) guilds.push({ id: guild.id, name: guild.name, icon: null });
      }
      return guilds;
    },
  };
}

/**
 * Connect & Know reads for a guild with nothing recorded yet, for tests that build the app
 * without a database (the pages then show their empty states).
 */
export function emptyGuildReads(): GuildReads {
  return {
    settings: async () => ({ timeZone: 'Asia/Tokyo', relayEnabled: true }),
    memberTotal: async () => null,
    ...emptyInsightsReads(),
    ...emptyEventsReads(),
    ...emptyPromptsReads(),
    memberCounts: async () => ({ joined: 0, introduced: 0 }),
    latestIntros: async () => [],
    displayNames: async () => new Map(),
    inviteLeaderboard: async () => [],
    cohortInvites: async () => [],
    topConnectors: async () => [],
    attributionCounts: async () => ({ attributed: 0, ambiguous: 0, unknown: 0 }),
    relayStatus: async () => ({ chains: [], activeChains: 0, longestLength: 0, totalIntroductions: 0 }),
    openRelayBatons: async () => [],
    batonsAwaitingNomination: async () => 0,
    relayDashboard: async () => ({
      chains: [],
      moreChains: 0,
      idle: [],
      idleCount: 0,
      waitingForIntro: { count: 0, medianMs: null, longestMs: null },
      waitingForNomination: { count: 0, medianMs: null, longestMs: null },
      withBot: 0,
    }),
    relayCandidates: async () => [],
    requestRelayNomination: async () => {
      throw new Error('no database in this test');
    },
    organiserRole: async () => null,
  };
}
