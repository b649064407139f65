/**
 * The shipped commands registered against the Discord emulator keep every Japanese name the
 * registry gives them, and the emulator refuses localizations Discord refuses (discord-api-docs,
 * application-commands "Naming", "Localization" and the choice structure) with 400 50035 and
 * the field path.
 */
import { expect } from 'chai';
import {
  DiscordAPIError,
  REST,
  Routes,
  type APIApplicationCommandOption,
  type RESTGetAPIApplicationCommandsResult,
} from 'discord.js';
import { deployCommands } from '../../../bot/deploy-commands.js';
import { silentLogger } from '../../../shared/logger.js';
import { listCommands } from '../../../sandbox/discord/control-api/reads.js';
import { seedGuild, startDiscordEmulator, type DiscordEmulator } from '../../../sandbox/discord/index.js';

type Option = APIApplicationCommandOption & { options?: Option[] };

/** `/event create when` → the option, walking subcommand groups and subcommands by default name. */
function find(commands: readonly { name: string; options?: Option[] }[], path: string): Option | undefined {
  const [name, ...rest] = path.split(' ');
  let options = commands.find((c) => c.name === name)?.options;
  let found: Option | undefined;
  for (const part of rest) {
    found = options?.find((o) => o.name === part);
    options = found?.options;
  }
  return found;
}

describe('slash command localizations against the Discord emulator', () => {
  let emu: DiscordEmulator;
  let guildId: string;
  let rest: REST;

  const api = async (method: string, body: unknown) => {
    const res = await fetch(
      `${emu.restBase}/v10/applications/${emu.application.id}/guilds/${guildId}/commands`,
      {
        method,
        headers: { Authorization: `Bot ${emu.botToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    return { status: res.status, body: (await res.json()) as { code: number; errors: unknown } };
  };
  /** The first error code Discord's tree holds at a dotted path (`0.options.1.name`). */
  const codeAt = (errors: unknown, path: string): string | undefined => {
    let node = errors as Record<string, unknown> | undefined;
    for (const key of path.split('.')) node = node?.[key] as Record<string, unknown> | undefined;
    return (node?._errors as { code: string }[] | undefined)?.[0]?.code;
  };
  const command = (options: unknown[], extra: Record<string, unknown> = {}) => ({
    name: 'event',
    description: 'Events',
    ...extra,
    options,
  });
  const sub = (options: unknown[]) => ({ type: 1, name: 'create', description: 'Create', options });
  const text = (name: string, extra: Record<string, unknown> = {}) => ({
    type: 3,
    name,
    description: name,
    ...extra,
  });

  before(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger() });
    guildId = seedGuild(emu.state, { memberCount: 1 }).guild.id;
    rest = new REST({ api: emu.restBase }).setToken(emu.botToken);
  });

  after(async () => {
    await emu?.stop();
  });

  it('registers the real commands with a Japanese name for every subcommand and option', async () => {
    await deployCommands({
      token: emu.botToken,
      applicationId: emu.application.id,
      guildId,
      restApi: emu.restBase,
    });
    const saved = (await rest.get(Routes.applicationGuildCommands(emu.application.id, guildId), {
      query: new URLSearchParams({ with_localizations: 'true' }),
    })) as RESTGetAPIApplicationCommandsResult as { name: string; options?: Option[] }[];
    expect(find(saved, 'event create when')?.name_localizations?.ja).to.equal('日時');
    expect(find(saved, 'mixer prompts')?.name_localizations?.ja).to.equal('トークテーマ');
    expect(find(saved, 'mixer prompts add text')?.name_localizations?.ja).to.equal('本文');
    expect(find(saved, 'setup roles organiser')?.name_localizations?.ja).to.equal('運営');
    const missing: string[] = [];
    const walk = (options: Option[] | undefined, path: string) => {
      for (const o of options ?? []) {
        if (!o.name_localizations?.ja) missing.push(`${path} ${o.name}`);
        walk(o.options, `${path} ${o.name}`);
      }
    };
    for (const c of saved) walk(c.options, `/${c.name}`);
    expect(missing).to.deep.equal([]);
  });

  it('shows the Japanese names to the Discord view (the control API lists them with localizations)', () => {
    const listed = listCommands(emu, guildId) as { name: string; options?: Option[] }[];
    expect(find(listed, 'profile view user')?.name_localizations?.ja).to.equal('ユーザー');
  });

  it('refuses a localized option name equal to a sibling’s default name, at its locale', async () => {
    const res = await api('PUT', [
      command([sub([text('title', { name_localizations: { ja: 'when' } }), text('when')])]),
    ]);
    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal(50035);
    expect(codeAt(res.body.errors, '0.options.0.options.0.name_localizations.ja')).to.equal(
      'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
    );
  });

  it('refuses two siblings with the same name in one locale', async () => {
    const clash = await api(
      'POST',
      command([
        { ...sub([]), name_localizations: { ja: '作成' } },
        { ...sub([]), name: 'edit', name_localizations: { ja: '作成' } },
      ]),
    );
    expect(clash.status).to.equal(400);
    expect(codeAt(clash.body.errors, 'options.1.name_localizations.ja')).to.equal(
      'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
    );
  });

  it('refuses an option’s localized name with capitals or a space, per locale', async () => {
    const res = await api(
      'POST',
      command([sub([text('when', { name_localizations: { ja: '日 時', fr: 'Quand' } })])]),
    );
    expect(res.status).to.equal(400);
    const names = 'options.0.options.0.name_localizations';
    expect(codeAt(res.body.errors, `${names}.ja`)).to.equal('APPLICATION_COMMAND_INVALID_NAME');
    expect(codeAt(res.body.errors, `${names}.fr`)).to.equal('APPLICATION_COMMAND_INVALID_NAME');
  });

  it('refuses a command’s invalid localized name at the dictionary, as Discord reports it', async () => {
    const res = await api('PUT', [command([], { name_localizations: { ja: 'イベント 作成' } })]);
    expect(res.status).to.equal(400);
    expect(codeAt(res.body.errors, '0.name_localizations')).to.equal('APPLICATION_COMMAND_INVALID_NAME');
  });

  it('refuses a choice name over 100 characters in any locale, and a string value over 100', async () => {
    const res = await api(
      'POST',
      command([
        sub([
          text('theme', {
            choices: [
              { name: 'Easy', value: 'easy', name_localizations: { ja: 'あ'.repeat(101) } },
              { name: 'Long', value: 'x'.repeat(101) },
            ],
          }),
        ]),
      ]),
    );
    expect(res.status).to.equal(400);
    const choices = 'options.0.options.0.choices';
    expect(codeAt(res.body.errors, `${choices}.0.name_localizations.ja`)).to.equal('BASE_TYPE_BAD_LENGTH');
    expect(codeAt(res.body.errors, `${choices}.1.value`)).to.equal('BASE_TYPE_BAD_LENGTH');
  });

  it('fails the deploy loudly with Discord’s error when a body breaks the rules', async () => {
    const bad = {
      data: {
        name: 'event',
        toJSON: () => command([sub([text('title', { name_localizations: { ja: 'when' } }), text('when')])]),
      },
      execute: async () => {},
    };
    const error = await deployCommands({
      token: emu.botToken,
      applicationId: emu.application.id,
      guildId,
      restApi: emu.restBase,
      commands: [bad as never],
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).to.equal(50035);
    expect((error as DiscordAPIError).message).to.include('name_localizations');
  });
});
