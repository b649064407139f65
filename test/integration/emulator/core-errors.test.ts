/**
 * Discord's error shapes and codes, seen through discord.js (DiscordAPIError) and raw fetch.
 */
import { expect } from 'chai';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  DiscordAPIError,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  PermissionFlagsBits,
  Routes,
  type Guild,
} from 'discord.js';
import { pino } from 'pino';
import { startDiscordEmulator } from '../../../sandbox/discord/index.js';
import { startCoreWorld, type CoreWorld } from './core-helpers.js';

async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DiscordAPIError))
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}

describe('emulator core: Discord errors', () => {
  let world: CoreWorld;
  let guild: Guild;

  before(async () => {
    world = await startCoreWorld();
    guild = world.client.guilds.cache.get(world.seeded.guild.id)!;
  });

  after(async () => {
    await world.stop();
  });

  it('answers 403 50013 when the role to grant is above the bot in the hierarchy', async () => {
    const high = world.emu.state.roles.create(guild.id, { name: 'Admins', position: 99 });
    const target = world.seeded.members[0]!;
    const error = await apiError(guild.members.addRole({ user: target.id, role: high.id }));
    expect(error.status).to.equal(403);
    expect(error.code).to.equal(50013);
    expect(error.rawError).to.deep.equal({ message: 'Missing Permissions', code: 50013 });
  });

  it('answers 403 50013 when the bot lacks Manage Channels', async () => {
    const granted = BigInt(world.seeded.botRole!.permissions);
    world.emu.state.roles.update(guild.id, world.seeded.botRole!.id, { permissions: 0n });
    try {
      const error = await apiError(guild.channels.create({ name: 'nope' }));
      expect(error.code).to.equal(50013);
    } finally {
      world.emu.state.roles.update(guild.id, world.seeded.botRole!.id, { permissions: granted });
    }
  });

  it('answers 404 10007 Unknown Member', async () => {
    const stranger = world.emu.state.users.create({ username: 'stranger' });
    const error = await apiError(guild.members.fetch({ user: stranger.id, force: true }));
    expect(error.status).to.equal(404);
    expect(error.rawError).to.deep.equal({ message: 'Unknown Member', code: 10007 });
  });

  it('answers 404 10003, 10011 and 10013 for unknown channels, roles and users', async () => {
    const rest = world.client.rest;
    expect((await apiError(rest.get(Routes.channel('1')))).code).to.equal(10003);
    expect(
      (await apiError(rest.patch(Routes.guildRole(guild.id, '1'), { body: { name: 'x' } }))).code,
    ).to.equal(10011);
    expect((await apiError(rest.get(Routes.user('1')))).code).to.equal(10013);
  });

  it('answers 400 40032 when moving a member who is not in voice', async () => {
    const target = world.seeded.members[1]!;
    const error = await apiError(
      guild.members.edit(target.id, { channel: world.seeded.channels.Lounge!.id }),
    );
    expect(error.status).to.equal(400);
    expect(error.rawError).to.deep.equal({ message: 'Target user is not connected to voice.', code: 40032 });
  });

  it('answers 403 50007 when the user closed their DMs', async () => {
    const target = world.seeded.members[2]!;
    world.emu.state.users.setDmsClosed(target.id, true);
    const user = await world.client.users.fetch(target.id);
    const error = await apiError(user.send('こんにちは'));
    expect(error.status).to.equal(403);
    expect(error.rawError).to.deep.equal({ message: 'Cannot send messages to this user', code: 50007 });
  });

  it('delivers a DM to a user who accepts them', async () => {
    const target = world.seeded.members[3]!;
    const user = await world.client.users.fetch(target.id);
    const message = await user.send('ようこそ');
    const dm = world.emu.state.channels.findDm(target.id)!;
    expect(world.emu.state.messages.get(dm.id, message.id).content).to.equal('ようこそ');
  });

  it('answers 400 50035 with the errors tree for an embed field over 1024 characters', async () => {
    const body = { embeds: [{ title: 'ok', fields: [{ name: 'bio', value: 'x'.repeat(1025) }] }] };
    const error = await apiError(
      world.client.rest.post(Routes.channelMessages(world.seeded.channels.general!.id), { body }),
    );
    expect(error.status).to.equal(400);
    expect(error.rawError).to.deep.equal({
      message: 'Invalid Form Body',
      code: 50035,
      errors: {
        embeds: {
          0: {
            fields: {
              0: {
                value: {
                  _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 1024 or fewer in length.' }],
                },
              },
            },
          },
        },
      },
    });
  });

  it('answers 400 50035 for a sixth action row', async () => {
    const rows = Array.from({ length: 6 }, (_, i) =>
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(`b${i}`).setLabel('b').setStyle(ButtonStyle.Primary),
      ),
    );
    const channel = guild.channels.cache.get(world.seeded.channels.general!.id)!;
    if (!channel.isSendable()) throw new Error('general is not sendable');
    const error = await apiError(channel.send({ content: 'rows', components: rows }));
    expect(error.code).to.equal(50035);
    expect(error.rawError).to.have.nested.property(
      'errors.components._errors[0].code',
      'BASE_TYPE_BAD_LENGTH',
    );
  });

  it('answers 403 50013 when a new role would carry permissions the bot lacks', async () => {
    const error = await apiError(
      guild.roles.create({ name: 'Too strong', permissions: [PermissionFlagsBits.Administrator] }),
    );
    expect(error.code).to.equal(50013);
  });

  it('answers 400 50035 for an external event without a location', async () => {
    const error = await apiError(
      guild.scheduledEvents.create({
        name: 'Picnic',
        scheduledStartTime: new Date(Date.now() + 3_600_000),
        scheduledEndTime: new Date(Date.now() + 7_200_000),
        privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
        entityType: GuildScheduledEventEntityType.External,
      }),
    );
    expect(error.code).to.equal(50035);
    expect(error.rawError).to.have.nested.property(
      'errors.entity_metadata.location._errors[0].code',
      'BASE_TYPE_REQUIRED',
    );
  });

  it('answers 404 10070 for an unknown scheduled event and 10006 for an unknown invite', async () => {
    expect(
      (await apiError(guild.scheduledEvents.fetch({ guildScheduledEvent: '1', force: true }))).code,
    ).to.equal(10070);
    expect((await apiError(world.client.fetchInvite('nosuchcode'))).code).to.equal(10006);
  });

  it('answers 401 code 0 for a wrong bot token', async () => {
    const res = await fetch(`${world.emu.restBase}/v10/users/@me`, {
      headers: { Authorization: 'Bot wrong' },
    });
    expect(res.status).to.equal(401);
    expect(await res.json()).to.deep.equal({ message: '401: Unauthorized', code: 0 });
  });

  it('answers an unsupported route with 404 code 0, as Discord does for unknown routes', async () => {
    const res = await fetch(`${world.emu.restBase}/v10/guilds/${guild.id}/emojis`, {
      headers: { Authorization: `Bot ${world.emu.botToken}` },
    });
    expect(res.status).to.equal(404);
    expect(await res.json()).to.deep.equal({ message: '404: Not Found', code: 0 });
  });

  it('answers 400 50109 for a body that is not JSON', async () => {
    const res = await fetch(
      `${world.emu.restBase}/v10/channels/${world.seeded.channels.general!.id}/messages`,
      {
        method: 'POST',
        headers: { Authorization: `Bot ${world.emu.botToken}`, 'Content-Type': 'application/json' },
        body: '{oops',
      },
    );
    expect(res.status).to.equal(400);
    expect(((await res.json()) as { code: number }).code).to.equal(50109);
  });
});

describe('emulator core: unsupported routes are loud', () => {
  it('logs a warning naming the method and path of an unsupported route', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const emu = await startDiscordEmulator({ logger });
    try {
      const res = await fetch(`${emu.restBase}/v10/channels/1/pins`, {
        headers: { Authorization: `Bot ${emu.botToken}` },
      });
      expect(res.status).to.equal(404);
      const entry = lines
        .map((l) => JSON.parse(l) as { level: number; method?: string; path?: string })
        .find((e) => e.path === '/api/v10/channels/1/pins');
      expect(entry).to.include({ level: 40, method: 'GET' });
    } finally {
      await emu.stop();
    }
  });
});
