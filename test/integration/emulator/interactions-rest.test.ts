/**
 * The interaction and application-command REST surface at the HTTP level: Discord's validation,
 * error codes and token windows, checked with plain fetch so every status and body is visible.
 */
import { expect } from 'chai';
import { silentLogger } from '../../../shared/logger.js';
import { driversFor, type Drivers, type InteractionHandle } from '../../../sandbox/discord/drivers.js';
import { interactionsOf } from '../../../sandbox/discord/rest/interactions.js';
import {
  startDiscordEmulator,
  seedGuild,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

describe('emulator interaction REST routes', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;
  let drivers: Drivers;

  const api = async (method: string, path: string, body?: unknown, auth = true) => {
    const res = await fetch(`${emu.restBase}/v10${path}`, {
      method,
      headers: {
        ...(auth ? { Authorization: `Bot ${emu.botToken}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const guildCommands = () => `/applications/${emu.application.id}/guilds/${seeded.guild.id}/commands`;
  const callback = (h: InteractionHandle, body: unknown, query = '') =>
    api('POST', `/interactions/${h.id}/${h.token}/callback${query}`, body, false);
  const webhook = (h: InteractionHandle, suffix = '', method = 'POST', body?: unknown) =>
    api(method, `/webhooks/${emu.application.id}/${h.token}${suffix}`, body, false);
  const slash = (name = 'ping') =>
    drivers.runSlashCommand(seeded.guild.id, seeded.channels['general']!.id, seeded.members[0]!.id, name);

  before(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    seeded = seedGuild(emu.state, { memberCount: 3 });
    drivers = driversFor(emu);
    const put = await api('PUT', guildCommands(), [{ name: 'ping', description: 'Ping' }]);
    expect(put.status).to.equal(200);
  });

  after(async () => {
    await emu?.stop();
  });

  afterEach(() => {
    const settings = interactionsOf(emu.state).settings;
    settings.initialResponseMs = 3000;
    settings.followUpMs = 15 * 60 * 1000;
  });

  describe('application commands', () => {
    it('returns the created commands with ids on bulk overwrite and keeps an id when the name stays', async () => {
      const first = await api('PUT', guildCommands(), [
        { name: 'ping', description: 'Ping' },
        {
          name: 'about',
          description: 'About',
          name_localizations: { ja: 'について' },
          description_localizations: { ja: '説明' },
        },
      ]);
      const second = await api('PUT', guildCommands(), [{ name: 'ping', description: 'Ping again' }]);
      expect(first.status).to.equal(200);
      expect(first.body.map((c: { name: string }) => c.name)).to.deep.equal(['ping', 'about']);
      expect(first.body[1].name_localizations).to.deep.equal({ ja: 'について' });
      expect(second.body[0].id).to.equal(first.body[0].id);
      expect((await api('GET', guildCommands())).body).to.have.length(1);
    });

    it('lists localization dictionaries only with with_localizations=true', async () => {
      await api('PUT', guildCommands(), [
        { name: 'about', description: 'About', name_localizations: { ja: 'について' } },
      ]);
      const plain = await api('GET', guildCommands());
      const full = await api('GET', `${guildCommands()}?with_localizations=true`);
      expect(plain.body[0]).not.to.have.property('name_localizations');
      expect(full.body[0].name_localizations).to.deep.equal({ ja: 'について' });
      await api('PUT', guildCommands(), [{ name: 'ping', description: 'Ping' }]);
    });

    it('rejects an uppercase or spaced name with 50035 at the command index', async () => {
      const res = await api('PUT', guildCommands(), [
        { name: 'ok', description: 'd' },
        { name: 'Bad Name', description: 'd' },
      ]);
      expect(res.status).to.equal(400);
      expect(res.body.code).to.equal(50035);
      expect(res.body.errors['1'].name._errors[0].code).to.equal('APPLICATION_COMMAND_INVALID_NAME');
    });

    it('rejects a 101-character description, 26 options and an unknown locale', async () => {
      const options = Array.from({ length: 26 }, (_, i) => ({ type: 3, name: `o${i}`, description: 'd' }));
      const res = await api('POST', guildCommands(), {
        name: 'big',
        description: 'x'.repeat(101),
        options,
        name_localizations: { xx: 'big' },
      });
      expect(res.status).to.equal(400);
      expect(res.body.errors.description._errors[0].code).to.equal('BASE_TYPE_BAD_LENGTH');
      expect(res.body.errors.options._errors[0].code).to.equal('BASE_TYPE_MAX_LENGTH');
      expect(res.body.errors.name_localizations.xx._errors[0].code).to.equal('LOCALE_INVALID');
    });

    it('answers 10063 for an unknown command id', async () => {
      const res = await api('GET', `${guildCommands()}/123456789012345678`);
      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal(10063);
    });
  });

  describe('slash commands typed by the drivers', () => {
    before(async () => {
      await api('POST', guildCommands(), {
        name: 'event',
        description: 'Events',
        options: [
          {
            type: 1,
            name: 'create',
            description: 'Create',
            options: [
              { type: 3, name: 'title', description: 'Title', required: true },
              {
                type: 4,
                name: 'rounds',
                description: 'Rounds',
                choices: [
                  { name: 'two', value: 2 },
                  { name: 'three', value: 3 },
                ],
              },
            ],
          },
        ],
      });
      await api('POST', guildCommands(), {
        name: 'admin',
        description: 'Admins only',
        default_member_permissions: '32',
      });
    });

    it('nests subcommand options as Discord does', () => {
      const h = drivers.runSlashCommand(
        seeded.guild.id,
        seeded.channels['general']!.id,
        seeded.members[0]!.id,
        'event create',
        { title: 'Mixer', rounds: 3 },
      );
      const data = h.record.payload.data as {
        name: string;
        options: { name: string; type: number; options: { name: string; value: unknown }[] }[];
      };
      expect(data.name).to.equal('event');
      expect(data.options[0]).to.deep.include({ name: 'create', type: 1 });
      expect(data.options[0]!.options.map((o) => [o.name, o.value])).to.deep.equal([
        ['title', 'Mixer'],
        ['rounds', 3],
      ]);
    });

    it('refuses a missing required option, a value outside the choices and an unknown option', () => {
      const run = (options: Record<string, string | number>) => () =>
        drivers.runSlashCommand(
          seeded.guild.id,
          seeded.channels['general']!.id,
          seeded.members[0]!.id,
          'event create',
          options,
        );
      expect(run({})).to.throw(/title is required/);
      expect(run({ title: 'x', rounds: 5 })).to.throw(/not a choice/);
      expect(run({ title: 'x', colour: 'red' })).to.throw(/Unknown option/);
    });

    it('hides a command from a member without its default_member_permissions, but not from the owner', () => {
      const where = [seeded.guild.id, seeded.channels['general']!.id] as const;
      expect(() => drivers.runSlashCommand(...where, seeded.members[0]!.id, 'admin')).to.throw(
        /cannot see \/admin/,
      );
      expect(drivers.runSlashCommand(...where, seeded.owner.id, 'admin').record.payload.type).to.equal(2);
    });

    it('refuses a global command that is not allowed in DMs when typed in the bot’s DM', async () => {
      await api('POST', `/applications/${emu.application.id}/commands`, {
        name: 'guildonly',
        description: 'No DMs',
        contexts: [0],
      });
      expect(() => drivers.runSlashCommand(null, null, seeded.members[0]!.id, 'guildonly')).to.throw(
        /not available in DMs/,
      );
    });

    it('carries the fields discord.js needs in INTERACTION_CREATE', () => {
      const payload = slash().record.payload as unknown as Record<string, unknown>;
      expect(payload).to.include.keys(
        'application_id',
        'type',
        'data',
        'guild_id',
        'channel',
        'channel_id',
        'member',
        'token',
        'version',
        'locale',
        'guild_locale',
        'app_permissions',
        'entitlements',
        'authorizing_integration_owners',
        'context',
        'attachment_size_limit',
      );
      expect(payload.authorizing_integration_owners).to.deep.equal({ '0': seeded.guild.id });
      expect((payload.member as { user: { id: string }; permissions: string }).user.id).to.equal(
        seeded.members[0]!.id,
      );
      expect((payload.member as { permissions: string }).permissions).to.match(/^\d+$/);
    });
  });

  describe('callbacks and follow-ups', () => {
    it('answers 10062 Unknown interaction once the initial response window has passed', async () => {
      interactionsOf(emu.state).settings.initialResponseMs = 30;
      const h = slash();
      await new Promise((r) => setTimeout(r, 60));
      const res = await callback(h, { type: 4, data: { content: 'late' } });
      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal(10062);
    });

    it('answers 10062 for a wrong token', async () => {
      const h = slash();
      const res = await api(
        'POST',
        `/interactions/${h.id}/not-the-token/callback`,
        { type: 4, data: { content: 'x' } },
        false,
      );
      expect(res.body.code).to.equal(10062);
    });

    it('refuses a follow-up before the interaction is acknowledged (10015)', async () => {
      const res = await webhook(slash(), '?wait=true', 'POST', { content: 'too early' });
      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal(10015);
    });

    it('refuses follow-ups after the token expired with 401 50027', async () => {
      const h = slash();
      await callback(h, { type: 5 });
      interactionsOf(emu.state).settings.followUpMs = 0;
      await new Promise((r) => setTimeout(r, 5));
      const res = await webhook(h, '?wait=true', 'POST', { content: 'late' });
      expect(res.status).to.equal(401);
      expect(res.body.code).to.equal(50027);
    });

    it('rejects an embed field over 1024 characters with 50035 and leaves the interaction unacknowledged', async () => {
      const h = slash();
      const bad = await callback(h, {
        type: 4,
        data: { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] },
      });
      const good = await callback(h, { type: 4, data: { content: 'fine' } });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors.data.embeds['0'].fields['0'].value._errors[0].code).to.equal(
        'BASE_TYPE_MAX_LENGTH',
      );
      expect(good.status).to.equal(204);
    });

    it('rejects a sixth action row with 50035', async () => {
      const row = { type: 1, components: [{ type: 2, style: 1, label: 'b', custom_id: 'b' }] };
      const res = await callback(slash(), {
        type: 4,
        data: { content: 'rows', components: Array.from({ length: 6 }, () => row) },
      });
      expect(res.status).to.equal(400);
      expect(res.body.errors.data.components._errors[0].code).to.equal('BASE_TYPE_BAD_LENGTH');
    });

    it('refuses UPDATE_MESSAGE on a slash command (no message to update)', async () => {
      const res = await callback(slash(), { type: 7, data: { content: 'x' } });
      expect(res.status).to.equal(400);
      expect(res.body.code).to.equal(50035);
    });

    it('returns the callback resource with with_response=true', async () => {
      const res = await callback(slash(), { type: 4, data: { content: 'hi' } }, '?with_response=true');
      expect(res.status).to.equal(200);
      expect(res.body.resource.type).to.equal(4);
      expect(res.body.resource.message.content).to.equal('hi');
      expect(res.body.interaction.response_message_id).to.equal(res.body.resource.message.id);
    });

    it('serves GET, PATCH and DELETE on @original and follow-up ids', async () => {
      const h = slash();
      await callback(h, { type: 4, data: { content: 'v1' } });
      const follow = await webhook(h, '?wait=true', 'POST', { content: 'f1' });
      const edited = await webhook(h, '/messages/@original', 'PATCH', { content: 'v2' });
      const fetched = await webhook(h, `/messages/${follow.body.id}`, 'GET');
      const deleted = await webhook(h, '/messages/@original', 'DELETE');
      const gone = await webhook(h, '/messages/@original', 'GET');
      expect(edited.body.content).to.equal('v2');
      expect(fetched.body.content).to.equal('f1');
      expect(deleted.status).to.equal(204);
      expect(gone.body.code).to.equal(10008);
    });

    it('has no @original after a modal callback (10008)', async () => {
      const h = slash();
      const modal = {
        type: 9,
        data: {
          custom_id: 'm',
          title: 'T',
          components: [{ type: 1, components: [{ type: 4, custom_id: 'f', label: 'F', style: 1 }] }],
        },
      };
      expect((await callback(h, modal)).status).to.equal(204);
      const res = await webhook(h, '/messages/@original', 'GET');
      expect(res.body.code).to.equal(10008);
    });
  });
});
