/**
 * The emulator's application-command size limit and localized listings, as discord-api-docs
 * describes them (interactions/application-commands: "Slash Commands" — 8000 characters, the
 * longest localization of each field counted — and "Retrieving localized commands"), checked over
 * HTTP with fetch and through discord.js's REST.
 */
import { expect } from 'chai';
import { DiscordAPIError, REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { silentLogger } from '../../../shared/logger.js';
import {
  startDiscordEmulator,
  seedGuild,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';

type Body = Record<string, unknown>;

/** A choice of 200 characters (name 100 + value 100). */
const choice = (i: number) => ({ name: `c${i}`.padEnd(100, 'n'), value: `v${i}`.padEnd(100, 'v') });

/**
 * A slash command of exactly 8000 characters plus `extra` (0–3) in its description:
 * name 3 + description 97, option "o" 100 + 25 choices × 200, option "p" 100 + 13 choices × 200, option "q" 100.
 */
function sized(extra = 0): Body {
  return {
    name: 'big',
    description: 'x'.repeat(97 + extra),
    options: [
      {
        type: 3,
        name: 'o',
        description: 'd'.repeat(99),
        choices: Array.from({ length: 25 }, (_, i) => choice(i)),
      },
      {
        type: 3,
        name: 'p',
        description: 'd'.repeat(99),
        choices: Array.from({ length: 13 }, (_, i) => choice(i)),
      },
      { type: 3, name: 'q', description: 'd'.repeat(99) },
    ],
  };
}

describe('emulator application commands: size limit and localized listings', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${emu.restBase}/v10${path}`, {
      method,
      headers: {
        Authorization: `Bot ${emu.botToken}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const guildCommands = () => `/applications/${emu.application.id}/guilds/${seeded.guild.id}/commands`;
  const tooLarge = { code: 'APPLICATION_COMMAND_TOO_LARGE', message: 'Command exceeds maximum size (8000)' };

  before(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    seeded = seedGuild(emu.state, { memberCount: 1 });
  });
  after(async () => {
    await emu?.stop();
  });

  it('accepts a slash command of exactly 8000 characters and refuses 8001 with 50035 at the command', async () => {
    expect((await api('POST', guildCommands(), sized(0))).status).to.equal(201);
    const refused = await api('POST', guildCommands(), sized(1));
    expect(refused.status).to.equal(400);
    expect(refused.body).to.deep.equal({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { _errors: [tooLarge] },
    });
  });

  it('reports the oversized command of a bulk overwrite at its index and keeps the old commands', async () => {
    await api('PUT', guildCommands(), [{ name: 'ping', description: 'Ping' }]);
    const refused = await api('PUT', guildCommands(), [{ name: 'ok', description: 'Fine' }, sized(3)]);
    expect(refused.status).to.equal(400);
    expect(refused.body.errors).to.deep.equal({ 1: { _errors: [tooLarge] } });
    const listed = await api('GET', guildCommands());
    expect(listed.body.map((c: Body) => c.name)).to.deep.equal(['ping']);
  });

  it('counts only the longest localization of each field, the default included', async () => {
    const same = 'あ'.repeat(97); // as long as the default description
    const everyLocale = { ...sized(0), description_localizations: { ja: same, fr: same, de: same } };
    expect((await api('POST', guildCommands(), everyLocale)).status, 'three locales, one counted').to.equal(
      201,
    );
    const longer = { ...sized(0), description_localizations: { ja: 'あ'.repeat(98) } };
    const refused = await api('POST', guildCommands(), longer);
    expect(refused.status).to.equal(400);
    expect(refused.body.errors).to.deep.equal({ _errors: [tooLarge] });
  });

  it('refuses through discord.js REST with the DiscordAPIError Discord gives', async () => {
    const rest = new REST({ api: emu.restBase, retries: 0 }).setToken(emu.botToken);
    const error = await rest
      .put(Routes.applicationGuildCommands(emu.application.id, seeded.guild.id), { body: [sized(1)] })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).to.be.instanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).to.equal(50035);
    expect((error as DiscordAPIError).message).to.include(
      '0[APPLICATION_COMMAND_TOO_LARGE]: Command exceeds maximum size (8000)',
    );
  });

  it('refuses autocomplete with choices or on a user option with 50035 at options.N.autocomplete', async () => {
    const refused = await api('POST', guildCommands(), {
      name: 'pick',
      description: 'Pick',
      options: [
        { type: 3, name: 'a', description: 'A', autocomplete: true, choices: [{ name: 'x', value: 'x' }] },
        { type: 6, name: 'u', description: 'U', autocomplete: true },
      ],
    });
    expect(refused.status).to.equal(400);
    expect(refused.body.code).to.equal(50035);
    expect(Object.keys(refused.body.errors.options)).to.deep.equal(['0', '1']);
    for (const i of ['0', '1']) expect(refused.body.errors.options[i].autocomplete._errors).to.have.length(1);
  });

  describe('listing', () => {
    before(async () => {
      const put = await api('PUT', guildCommands(), [
        {
          name: 'event',
          description: 'Events',
          name_localizations: { ja: 'イベント' },
          description_localizations: { ja: 'イベントの操作', fr: 'Événements' },
          options: [
            {
              type: 3,
              name: 'kind',
              description: 'Kind',
              name_localizations: { ja: '種類' },
              description_localizations: { 'en-GB': 'Sort', 'es-ES': 'Tipo' },
              choices: [{ name: 'Voice', value: 'voice', name_localizations: { ja: 'ボイス' } }],
            },
          ],
        },
      ]);
      expect(put.status).to.equal(200);
    });

    it('gives the requester-locale texts as name_localized / description_localized, not the dictionaries', async () => {
      const [command] = (await api('GET', guildCommands(), undefined, { 'X-Discord-Locale': 'ja' })).body;
      expect(command).to.not.have.property('name_localizations');
      expect(command).to.not.have.property('description_localizations');
      expect(command).to.include({ name_localized: 'イベント', description_localized: 'イベントの操作' });
      const [option] = command.options;
      expect(option).to.include({ name: 'kind', name_localized: '種類' });
      expect(option).to.not.have.property('description_localized'); // no ja description given
      expect(option.choices[0]).to.deep.equal({ name: 'Voice', value: 'voice', name_localized: 'ボイス' });
    });

    it('reads Accept-Language by its q-values when there is no X-Discord-Locale, and gives nothing for a locale without texts', async () => {
      // `ja` has the implicit q=1: it wins over fr;q=0.9 listed first.
      const [ja] = (await api('GET', guildCommands(), undefined, { 'Accept-Language': 'fr;q=0.9, ja' })).body;
      expect(ja).to.include({ name_localized: 'イベント', description_localized: 'イベントの操作' });
      const [fr] = (
        await api('GET', guildCommands(), undefined, { 'Accept-Language': 'ja;q=0, de;q=0.5, fr;q=0.8' })
      ).body;
      expect(fr).to.include({ description_localized: 'Événements' });
      expect(fr).to.not.have.property('name_localized');
      const [de] = (await api('GET', guildCommands(), undefined, { 'X-Discord-Locale': 'de' })).body;
      expect(Object.keys(de).filter((k) => k.includes('locali'))).to.deep.equal([]);
    });

    it('falls back as Discord does: en-US to en-GB, es-419 to es-ES, none for other locales', async () => {
      const option = async (locale: string) =>
        (await api('GET', guildCommands(), undefined, { 'X-Discord-Locale': locale })).body[0].options[0];
      expect(await option('en-US')).to.include({ description_localized: 'Sort' });
      expect(await option('es-419')).to.include({ description_localized: 'Tipo' });
      expect(await option('pt-BR')).to.not.have.property('description_localized');
    });

    it('gives the full dictionaries with with_localizations=true, and on a single command', async () => {
      const [full] = (
        await api('GET', `${guildCommands()}?with_localizations=true`, undefined, {
          'X-Discord-Locale': 'ja',
        })
      ).body;
      expect(full.name_localizations).to.deep.equal({ ja: 'イベント' });
      expect(full.options[0].choices[0].name_localizations).to.deep.equal({ ja: 'ボイス' });
      expect(full).to.not.have.property('name_localized');
      const one = await api('GET', `${guildCommands()}/${full.id}`);
      expect(one.body.description_localizations).to.deep.equal({ ja: 'イベントの操作', fr: 'Événements' });
    });
  });
});
