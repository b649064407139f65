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

export interface DemoCommunity {
  guildId: string;
  organiser: UserRecord;
  roles: { alumni: APIRole; introduced: APIRole; newcomer: APIRole; organiser: APIRole; moderator: APIRole };
  channels: { welcome: string; introductions: string; events: string; general: string; lobby: string };
  /** Cohort invites the organiser creates with /invite create (code filled in once created). */
  cohorts: { label: string; code?: string }[];
  /** Simulated alumni with their (not yet joined) Discord user. */
  alumni: { profile: SimulatedAlumnus; user: UserRecord }[];
}

/** Builds the demo guild and its people in the emulator; the dashboard login defaults to the organiser. */
export function seedDemoCommunity(
  emulator: DiscordEmulator,
  options: { alumniCount: number },
): DemoCommunity {
  const { state } = emulator;
  const organiser = state.users.create({
    username: 'acme.organiser',
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

  const cohorts = ['2024年卒業 – 営業', '2025年卒業 – エンジニアリング', 'Alumni referral'].map((label) => ({
    label,
  }));

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
  };
}
