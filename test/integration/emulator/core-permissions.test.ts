/**
 * Permission computation as Discord does it: owner and Administrator hold everything, channel
 * overwrites apply @everyone → roles → member, and hiding a channel means 50001 Missing Access.
 */
import { expect } from 'chai';
import { OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import { silentLogger } from '../../../shared/logger.js';
import {
  seedGuild,
  startDiscordEmulator,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

describe('emulator core: permissions', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;

  beforeEach(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    seeded = seedGuild(emu.state, { memberCount: 2 });
  });

  afterEach(async () => {
    await emu.stop();
  });

  const get = (path: string) =>
    fetch(`${emu.restBase}/v10${path}`, { headers: { Authorization: `Bot ${emu.botToken}` } });

  it('gives the owner every permission and a plain member only @everyone’s', () => {
    const { guild, owner, members } = seeded;
    expect(emu.state.permissions.has(guild.id, owner.id, PermissionFlagsBits.Administrator)).to.equal(true);
    expect(emu.state.permissions.has(guild.id, members[0]!.id, PermissionFlagsBits.ManageRoles)).to.equal(
      false,
    );
    expect(emu.state.permissions.has(guild.id, members[0]!.id, PermissionFlagsBits.SendMessages)).to.equal(
      true,
    );
  });

  it('treats Administrator as every permission, overwrites included', () => {
    const { guild, members, channels } = seeded;
    const admin = emu.state.roles.create(guild.id, {
      name: 'Admin',
      permissions: PermissionFlagsBits.Administrator,
    });
    emu.state.members.addRole(guild.id, members[0]!.id, admin.id);
    emu.state.channels.update(channels.general!.id, {
      permissionOverwrites: [
        { id: guild.id, type: OverwriteType.Role, allow: '0', deny: String(PermissionFlagsBits.ViewChannel) },
      ],
    });
    expect(
      emu.state.permissions.hasIn(channels.general!.id, members[0]!.id, PermissionFlagsBits.ViewChannel),
    ).to.equal(true);
  });

  it('applies a member overwrite over a role overwrite over @everyone', () => {
    const { guild, members, channels, roles } = seeded;
    const user = members[1]!.id;
    emu.state.members.addRole(guild.id, user, roles.Alumni!.id);
    const send = String(PermissionFlagsBits.SendMessages);
    emu.state.channels.update(channels.general!.id, {
      permissionOverwrites: [
        { id: guild.id, type: OverwriteType.Role, allow: '0', deny: send },
        { id: roles.Alumni!.id, type: OverwriteType.Role, allow: send, deny: '0' },
      ],
    });
    expect(
      emu.state.permissions.hasIn(channels.general!.id, user, PermissionFlagsBits.SendMessages),
    ).to.equal(true);
    emu.state.channels.update(channels.general!.id, {
      permissionOverwrites: [
        { id: roles.Alumni!.id, type: OverwriteType.Role, allow: send, deny: '0' },
        { id: user, type: OverwriteType.Member, allow: '0', deny: send },
      ],
    });
    expect(
      emu.state.permissions.hasIn(channels.general!.id, user, PermissionFlagsBits.SendMessages),
    ).to.equal(false);
  });

  it('answers 403 50001 Missing Access for a channel hidden from the bot', async () => {
    const { guild, channels } = seeded;
    emu.state.channels.update(channels.general!.id, {
      permissionOverwrites: [
        { id: guild.id, type: OverwriteType.Role, allow: '0', deny: String(PermissionFlagsBits.ViewChannel) },
      ],
    });
    const res = await get(`/channels/${channels.general!.id}`);
    expect(res.status).to.equal(403);
    expect(await res.json()).to.deep.equal({ message: 'Missing Access', code: 50001 });
  });

  it('answers 404 10004 for an unknown guild and 403 50001 for a guild without the bot', async () => {
    expect(((await (await get('/guilds/1')).json()) as { code: number }).code).to.equal(10004);
    const other = seedGuild(emu.state, { name: 'Elsewhere', withBot: false, memberCount: 0 });
    const res = await get(`/guilds/${other.guild.id}`);
    expect(res.status).to.equal(403);
    expect(((await res.json()) as { code: number }).code).to.equal(50001);
  });

  it('hides the member list (50001) when the GuildMembers intent is not enabled for the application', async () => {
    const locked = await startDiscordEmulator({ logger: silentLogger(), intents: { guildMembers: false } });
    try {
      const guild = seedGuild(locked.state).guild;
      const res = await fetch(`${locked.restBase}/v10/guilds/${guild.id}/members?limit=10`, {
        headers: { Authorization: `Bot ${locked.botToken}` },
      });
      expect(res.status).to.equal(403);
    } finally {
      await locked.stop();
    }
  });
});
