/**
 * Seeds the sandbox's demo guild "Acme アルムナイ" in the Discord emulator: channels, roles,
 * the demo organiser (who logs in to the dashboard), cohort invites, and the simulated alumni
 * as Discord users who have not joined yet — the simulation makes them join and introduce
 * themselves through the real bot, so everything the dashboard shows was produced by Tsunagu.
 */
import { ChannelType, PermissionFlagsBits, type APIRole } from 'discord-api-types/v10';
import type { DiscordEmulator } from '../discord/index.js';
import { seedGuild } from '../discord/index.js';
import { oauth2Of } from '../discord/oauth2.js';
import type { UserRecord } from '../discord/state/types.js';
import { generateAlumni, type SimulatedAlumnus } from './alumni-generator.js';

export const DEMO_GUILD_NAME = 'Acme アルムナイ';
const ORGANISER_USERNAME = 'acme.organiser';
const COHORT_LABELS = ['2024年卒業 – 営業', '2025年卒業 – エンジニアリング', 'Alumni referral'];

export interface DemoCommunity {
  guildId: string;
  organiser: UserRecord;
  roles: { alumni: APIRole; introduced: APIRole; newcomer: APIRole; organiser: APIRole; moderator: APIRole };
  channels: { welcome: string; introductions: string; events: string; general: string; lobby: string };
  /** Cohort invites the organiser creates with /invite create (code filled in once created). */
  cohorts: { label: string; code?: string }[];
  /** Simulated alumni with their (not yet joined) Discord user. */
  alumni: { profile: SimulatedAlumnus; user: UserRecord }[];
  /** How many alumni (in order) had already arrived when this handle was built: 0 on a fresh seed. */
  arrived: number;
}

/**
 * The demo guild a restored emulator already holds, described exactly as `seedDemoCommunity` first
 * did (same ids, the cohort invites the organiser created, the same alumni users), or undefined
 * when there is none. Nothing is created except alumni users that a larger SANDBOX_MEMBERS adds.
 */
export function findDemoCommunity(
  emulator: DiscordEmulator,
  options: { alumniCount: number },
): DemoCommunity | undefined {
  const { state } = emulator;
  const organiser = state.users.list().find((u) => u.username === ORGANISER_USERNAME);
  const guild = state.guilds.list().find((g) => g.name === DEMO_GUILD_NAME && g.ownerId === organiser?.id);
  if (!guild || !organiser) return undefined;
  const role = (name: string): APIRole => {
    const found = [...guild.roles.values()].find((r) => r.name === name);
    if (!found)
      throw new Error(`saved demo guild: role ${name} missing (npm run sandbox:reset starts fresh)`);
    return found;
  };
  const channels = state.channels.list(guild.id);
  const channel = (name: string, type = ChannelType.GuildText): string => {
    const found = channels.find((c) => c.name === name && c.type === type);
    if (!found)
      throw new Error(`saved demo guild: channel ${name} missing (npm run sandbox:reset starts fresh)`);
    return found.id;
  };
  // The organiser's set-up creates the cohort invites first, in this order, before anyone joins.
  const botInvites = state.invites.list(guild.id).filter((i) => i.inviterId === emulator.botUser.id);
  const cohorts = COHORT_LABELS.map((label, i) => ({ label, code: botInvites[i]?.code }));
  const users = new Map(state.users.list().map((u) => [u.username, u]));
  const alumni = generateAlumni(options.alumniCount).map((profile) => ({
    profile,
    user:
      users.get(profile.username) ??
      state.users.create({
        username: profile.username,
        globalName: profile.displayName,
        locale: profile.locale,
      }),
  }));
  const lastArrived = alumni.findLastIndex((a) => guild.members.has(a.user.id));
  return {
    guildId: guild.id,
    organiser,
    roles: {
      alumni: role('Alumni'),
      introduced: role('Introduced'),
      newcomer: role('Newcomer'),
      organiser: role('Organiser'),
      moderator: role('Moderator'),
    },
    channels: {
      welcome: channel('welcome'),
      introductions: channel('introductions'),
      events: channel('events'),
      general: channel('general'),
      lobby: channel('Lobby', ChannelType.GuildVoice),
    },
    cohorts,
    alumni,
    arrived: lastArrived + 1,
  };
}

/**
 * Builds the demo guild and its people in the emulator; the dashboard login defaults to the
 * organiser. When the emulator restored a saved demo guild, returns that one (nothing is seeded twice).
 */
export function seedDemoCommunity(
  emulator: DiscordEmulator,
  options: { alumniCount: number },
): DemoCommunity {
  const existing = findDemoCommunity(emulator, options);
  if (existing) return existing;
  const { state } = emulator;
  const organiser = state.users.create({
    username: ORGANISER_USERNAME,
    globalName: '運営 はるか',
    locale: 'ja',
  });
  const seeded = seedGuild(state, {
    name: DEMO_GUILD_NAME,
    ownerId: organiser.id,
    memberCount: 0,
    roles: [
      { name: 'Newcomer' },
      { name: 'Alumni', color: 0x5865f2 },
      { name: 'Introduced', color: 0x57f287 },
      { name: 'Moderator', permissions: PermissionFlagsBits.ManageMessages },
      { name: 'Organiser', permissions: PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageEvents },
    ],
    textChannels: ['welcome', 'introductions', 'events', 'general'],
    voiceChannels: ['Lobby', 'Room 1', 'Room 2', 'Room 3'],
  });
  const role = (name: string): APIRole => {
    const found = seeded.roles[name];
    if (!found) throw new Error(`seed: role ${name} missing`);
    return found;
  };
  const channel = (name: string): string => {
    const found = seeded.channels[name];
    if (!found) throw new Error(`seed: channel ${name} missing`);
    return found.id;
  };
  state.members.addRole(seeded.guild.id, organiser.id, role('Organiser').id);
  oauth2Of(state).defaultUserId = organiser.id;

  const cohorts: DemoCommunity['cohorts'] = COHORT_LABELS.map((label) => ({ label }));

  const alumni = generateAlumni(options.alumniCount).map((profile) => ({
    profile,
    user: state.users.create({
      username: profile.username,
      globalName: profile.displayName,
      locale: profile.locale,
    }),
  }));

  const lobby = Object.values(seeded.channels).find(
    (c) => c.type === ChannelType.GuildVoice && c.name === 'Lobby',
  );
  return {
    guildId: seeded.guild.id,
    organiser,
    roles: {
      alumni: role('Alumni'),
      introduced: role('Introduced'),
      newcomer: role('Newcomer'),
      organiser: role('Organiser'),
      moderator: role('Moderator'),
    },
    channels: {
      welcome: channel('welcome'),
      introductions: channel('introductions'),
      events: channel('events'),
      general: channel('general'),
      lobby: lobby?.id ?? channel('general'),
    },
    cohorts,
    alumni,
    arrived: 0,
  };
}
