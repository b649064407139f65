import { expect } from 'chai';
import { IntentsBitField, PermissionFlagsBits } from 'discord.js';
import { useMongoose } from '../../support/database.js';
import { getGuildHealth, type HealthReport } from '../../../shared/health/index.js';
import { StartupError } from '../../../bot/core/startup-error.js';
import { DEFAULT_BOT_PERMISSIONS } from '../../../sandbox/discord/state/seed.js';
import { capturingLogger, startWorld, type BotWorld } from './bot-world.js';
import { loadConfig } from '../../../shared/config.js';
import { startBot } from '../../../bot/start-bot.js';
import { seedGuild, startDiscordEmulator } from '../../../sandbox/discord/index.js';
import { pino } from 'pino';

describe('bot lifecycle against the Discord emulator', () => {
  useMongoose('bot_lifecycle');
  let world: BotWorld | undefined;

  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('logs in with the real discord.js Client, becomes ready and sees the seeded guild', async () => {
    world = await startWorld();
    expect(world.bot.client.isReady()).to.equal(true);
    expect(world.bot.client.guilds.cache.get(world.seeded.guild.id)?.name).to.equal('Acme アルムナイ');
  });

  it('records passing start-up checks for the dashboard when the bot has every permission', async () => {
    world = await startWorld();
    const health = await getGuildHealth(world.seeded.guild.id);
    expect(health.guild).to.deep.include({ ok: true, problems: [] });
    expect(health.global).to.deep.include({ ok: true, botUserId: world.emu.botUser.id });
  });

  it('records each missing permission of the bot in a guild', async () => {
    const lacking =
      DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.MoveMembers & ~PermissionFlagsBits.ManageRoles;
    world = await startWorld({ seed: { botPermissions: lacking } });
    const { guild } = await getGuildHealth(world.seeded.guild.id);
    expect(guild?.ok).to.equal(false);
    expect(guild?.problems.map((p) => [p.kind, p.subject])).to.deep.equal([
      ['missing-permission', 'ManageRoles'],
      ['missing-permission', 'MoveMembers'],
    ]);
    const warning = world.logs.find((l) => l.level === 40 && String(l.msg).includes('missing permissions'));
    expect(warning?.msg).to.include('ManageRoles, MoveMembers');
  });

  it('records a role to grant that sits above the bot as a hierarchy problem', async () => {
    let staffRoleId = '';
    world = await startWorld({
      bot: { guilds: { rolesToGrant: async () => [staffRoleId] } },
      beforeStart: (emu, seeded) => {
        // The seeded bot role is the top role; a role created above it cannot be granted.
        staffRoleId = emu.state.roles.create(seeded.guild.id, { name: 'Staff', position: 50 }).id;
      },
    });
    const { guild } = await getGuildHealth(world.seeded.guild.id);
    expect(guild?.problems).to.deep.equal([
      {
        kind: 'role-hierarchy',
        subject: staffRoleId,
        detail: `role "Staff" is not below the bot's highest role "${world.seeded.botRole?.name}"`,
      },
    ]);
  });

  it('checks a guild the bot is added to after start-up', async () => {
    world = await startWorld();
    const second = seedGuild(world.emu.state, {
      name: 'Second',
      memberCount: 1,
      botPermissions: PermissionFlagsBits.ViewChannel,
    });
    const recorded = await pollHealth(second.guild.id);
    expect(recorded?.problems.map((p) => p.subject)).to.include.members([
      'ManageRoles',
      'MoveMembers',
      'CreateEvents',
    ]);
  });

  it('re-checks a guild when an organiser fixes the bot role permissions', async () => {
    const lacking = DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.MoveMembers;
    world = await startWorld({ seed: { botPermissions: lacking } });
    const guildId = world.seeded.guild.id;
    expect((await getGuildHealth(guildId)).guild?.ok).to.equal(false);
    world.emu.state.roles.update(guildId, world.seeded.botRole!.id, { permissions: DEFAULT_BOT_PERMISSIONS });
    expect(await pollHealth(guildId, (h) => h.ok)).to.deep.include({ ok: true, problems: [] });
  });

  it('re-checks a guild when an organiser gives the bot another role', async () => {
    const lacking = DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.CreateEvents;
    world = await startWorld({ seed: { botPermissions: lacking } });
    const guildId = world.seeded.guild.id;
    const events = world.emu.state.roles.create(guildId, {
      name: 'Event bot',
      permissions: PermissionFlagsBits.CreateEvents,
      position: 1,
    });
    world.emu.state.members.addRole(guildId, world.emu.botUser.id, events.id);
    expect(await pollHealth(guildId, (h) => h.ok)).to.deep.include({ ok: true, problems: [] });
  });

  it('identifies with the seven intents and never MessageContent', async () => {
    world = await startWorld();
    const identify = world.emu.gateway.received.find((p) => p.op === 2);
    const intents = new IntentsBitField((identify?.d as { intents: number }).intents);
    expect(intents.toArray().sort()).to.deep.equal(
      [
        'Guilds',
        'GuildMembers',
        'GuildVoiceStates',
        'GuildMessages',
        'GuildInvites',
        'GuildScheduledEvents',
        'DirectMessages',
      ].sort(),
    );
    expect(intents.has('MessageContent')).to.equal(false);
  });

  it('stops with one clear message naming the Server Members Intent when it is not enabled (close 4014)', async () => {
    const emu = await startDiscordEmulator({
      logger: pino({ level: 'silent' }),
      intents: { guildMembers: false },
    });
    const { logger, lines } = capturingLogger();
    try {
      seedGuild(emu.state, { memberCount: 1 });
      const error = await startBot({
        token: emu.botToken,
        restApi: emu.restBase,
        config: loadConfig({ NODE_ENV: 'test' }),
        logger,
      }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(StartupError);
      expect((error as StartupError).kind).to.equal('disallowed-intent');
      const serious = lines.filter((l) => l.level >= 50);
      expect(serious).to.have.length(1);
      expect(serious[0]?.msg).to.include('"Server Members Intent" (GuildMembers) is not enabled');
      expect(serious[0]?.msg).to.include(
        'Developer Portal → your application → Bot → Privileged Gateway Intents',
      );
      const { global } = await getGuildHealth('any');
      expect(global?.problems).to.deep.equal([
        { kind: 'disallowed-intent', subject: 'GuildMembers', detail: serious[0]?.msg },
      ]);
    } finally {
      await emu.stop();
    }
  });

  it('stops cleanly: the client is destroyed', async () => {
    world = await startWorld();
    const { client } = world.bot;
    await world.stop();
    world = undefined;
    expect(client.isReady()).to.equal(false);
  });
});

/** Reads a guild's health until `ready` holds (the checks run on gateway events, asynchronously). */
async function pollHealth(guildId: string, ready: (report: HealthReport) => boolean = () => true) {
  for (let i = 0; i < 100; i++) {
    const { guild } = await getGuildHealth(guildId);
    if (guild && ready(guild)) return guild;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}
