/**
 * A Discord emulator seeded for dashboard tests: guild A ("Acme アルムナイ") and guild B, each
 * with the bot, and people in every position of the authorization matrix.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { DiscordEmulator } from '../../../sandbox/discord/index.js';
import { silentLogger } from '../../../shared/logger.js';

export interface DashboardWorld {
  emu: DiscordEmulator;
  guildA: string;
  guildB: string;
  /** Guild A's configured moderator/organiser role (what GuildSettings would hold). */
  organiserRoleA: string;
  /** staffRoles lookup as GuildSettings would answer it: only guild A configures a role. */
  staffRoles: (guildId: string) => Promise<string[]>;
  people: { owner: string; manager: string; moderator: string; member: string; outsider: string };
}

export async function startDashboardWorld(): Promise<DashboardWorld> {
  // Loaded as ESM on purpose: the emulator's validation imports 'discord-api-spec/zod', which
  // only has an "import" export, and mocha would otherwise require() it through tsx.
  const { startDiscordEmulator, seedGuild } = await import('../../../sandbox/discord/index.js');
  const emu = await startDiscordEmulator({ logger: silentLogger() });
  const a = seedGuild(emu.state, { name: 'Acme アルムナイ', memberCount: 5 });
  const b = seedGuild(emu.state, { name: 'Beta Alumni', memberCount: 3 });
  const { users, members, roles } = emu.state;
  const manager = users.create({ username: 'manager', globalName: 'Manager' });
  const moderator = users.create({ username: 'moderator', globalName: 'Moderator' });
  const member = users.create({ username: 'member', globalName: 'Plain Member' });
  const outsider = users.create({ username: 'outsider' });
  const managers = roles.create(a.guild.id, {
    name: 'Managers',
    permissions: PermissionFlagsBits.ManageGuild,
  });
  const organiserRoleA = a.roles.Organiser!.id;
  members.add(a.guild.id, manager.id, { roles: [managers.id] });
  members.add(a.guild.id, moderator.id, { roles: [organiserRoleA] });
  // In B the moderator holds B's Organiser role, but B has no settings naming it.
  members.add(b.guild.id, moderator.id, { roles: [b.roles.Organiser!.id] });
  members.add(a.guild.id, member.id);
  return {
    emu,
    guildA: a.guild.id,
    guildB: b.guild.id,
    organiserRoleA,
    staffRoles: async (guildId) => (guildId === a.guild.id ? [organiserRoleA] : []),
    people: {
      owner: a.owner.id,
      manager: manager.id,
      moderator: moderator.id,
      member: member.id,
      outsider: outsider.id,
    },
  };
}
