import { expect } from 'chai';
import { REST, Routes, type RESTGetAPIApplicationCommandsResult } from 'discord.js';
import { pino } from 'pino';
import { deployCommands } from '../../../bot/deploy-commands.js';
import { seedGuild, startDiscordEmulator, type DiscordEmulator } from '../../../sandbox/discord/index.js';

describe('deploy-commands against the Discord emulator', () => {
  let emu: DiscordEmulator;
  let rest: REST;

  beforeEach(async () => {
    emu = await startDiscordEmulator({ logger: pino({ level: 'silent' }) });
    rest = new REST({ api: emu.restBase }).setToken(emu.botToken);
  });

  afterEach(async () => {
    await emu.stop();
  });

  it('registers the commands in one guild, with Japanese and English descriptions', async () => {
    const { guild } = seedGuild(emu.state, { memberCount: 1 });
    const names = await deployCommands({
      token: emu.botToken,
      applicationId: emu.application.id,
      guildId: guild.id,
      restApi: emu.restBase,
    });
    expect(names).to.include('about');
    const saved = (await rest.get(Routes.applicationGuildCommands(emu.application.id, guild.id), {
      query: new URLSearchParams({ with_localizations: 'true' }),
    })) as RESTGetAPIApplicationCommandsResult;
    const about = saved.find((c) => c.name === 'about');
    expect(about?.description_localizations?.['en-US']).to.equal(
      'About Tsunagu: version, servers, latency and links',
    );
    expect(about?.description_localizations?.ja).to.equal(
      'つなぐのバージョン、サーバー数、応答速度、リンクを表示します',
    );
    const global = (await rest.get(
      Routes.applicationCommands(emu.application.id),
    )) as RESTGetAPIApplicationCommandsResult;
    expect(global).to.deep.equal([]);
  });

  it('registers the commands globally when no guild is given', async () => {
    await deployCommands({
      token: emu.botToken,
      applicationId: emu.application.id,
      restApi: `${emu.restBase}/v10/`,
    });
    const global = (await rest.get(
      Routes.applicationCommands(emu.application.id),
    )) as RESTGetAPIApplicationCommandsResult;
    expect(global.map((c) => c.name)).to.include('about');
  });

  it('replaces what was registered before (bulk overwrite)', async () => {
    const base = { token: emu.botToken, applicationId: emu.application.id, restApi: emu.restBase };
    await deployCommands(base);
    await deployCommands({ ...base, commands: [] });
    const global = (await rest.get(
      Routes.applicationCommands(emu.application.id),
    )) as RESTGetAPIApplicationCommandsResult;
    expect(global).to.deep.equal([]);
  });
});
