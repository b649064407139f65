/**
 * Every slash command, subcommand, group and option has a Japanese name, valid by Discord's
 * rules (https://discord.com/developers/docs/interactions/application-commands, "Application
 * Command Naming" and "Localization"): the naming regex, lowercase where the script has case,
 * and distinct from every sibling's default and Japanese name. The names come from the
 * catalogues by path, so a new option without a key fails here.
 */
import { expect } from 'chai';
import {
  SlashCommandBuilder,
  type APIApplicationCommandOption,
  type APIApplicationCommandOptionChoice,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ALL_COMMANDS as commands } from '../../../bot/features.js';
import { commandPayloads } from '../../../bot/core/command-registry.js';
import { choiceKey, localizeCommandBody, nameKey } from '../../../bot/core/localize.js';
import { catalogue } from '../../../shared/i18n/index.js';

/** Discord's regex; U+0027 is documented but refused by the API (discord-api-docs issue #7371). */
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Body = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Option = APIApplicationCommandOption & {
  options?: Option[];
  choices?: APIApplicationCommandOptionChoice[];
};
interface Named {
  path: string[];
  name: string;
  ja: string | undefined;
}
interface Level {
  label: string;
  siblings: Named[];
}

/** Every level of one command: its options (subcommands, groups) and each level's siblings. */
function levels(body: Body): {
  all: Named[];
  levels: Level[];
  choices: { path: string[]; choice: APIApplicationCommandOptionChoice }[];
} {
  const all: Named[] = [{ path: [body.name], name: body.name, ja: body.name_localizations?.ja ?? undefined }];
  const out: Level[] = [];
  const choices: { path: string[]; choice: APIApplicationCommandOptionChoice }[] = [];
  const walk = (options: Option[] | undefined, parent: string[]) => {
    if (!options?.length) return;
    const siblings = options.map((o) => ({
      path: [...parent, o.name],
      name: o.name,
      ja: o.name_localizations?.ja ?? undefined,
    }));
    out.push({ label: `/${parent.join(' ')}`, siblings });
    all.push(...siblings);
    for (const o of options) {
      for (const choice of o.choices ?? []) choices.push({ path: [...parent, o.name], choice });
      walk(o.options, [...parent, o.name]);
    }
  };
  walk(body.options as Option[] | undefined, [body.name]);
  return { all, levels: out, choices };
}

/** What Discord (or a Japanese reader) would refuse in one body, as readable lines. */
function problems(body: Body): string[] {
  const found: string[] = [];
  const { all, levels: byLevel } = levels(body);
  for (const thing of all) {
    const label = `/${thing.path.join(' ')}`;
    if (thing.ja === undefined) {
      found.push(`${label} has no Japanese name (add ${nameKey(thing.path)} to a catalogue)`);
      continue;
    }
    if (!NAME.test(thing.ja)) found.push(`${label}: "${thing.ja}" does not match Discord's name regex`);
    if (thing.ja !== thing.ja.toLowerCase()) found.push(`${label}: "${thing.ja}" must be lowercase`);
  }
  for (const level of byLevel) {
    for (const thing of level.siblings) {
      if (thing.ja === undefined || thing.ja === thing.name) continue;
      const clash = level.siblings.find((o) => o !== thing && (o.name === thing.ja || o.ja === thing.ja));
      if (clash) found.push(`${level.label}: "${thing.ja}" (${thing.name}) clashes with ${clash.name}`);
    }
  }
  return found;
}

describe('slash command names in Japanese', () => {
  const bodies = commandPayloads(commands);

  it('gives every command, subcommand, group and option a valid Japanese name, unique among its siblings', () => {
    expect(bodies.flatMap(problems)).to.deep.equal([]);
  });

  it('gives the commands Japanese names no two of them share', () => {
    const names = bodies.map((b) => b.name_localizations?.ja);
    expect(new Set(names).size, names.join(', ')).to.equal(names.length);
  });

  it('names every choice in Japanese within 1–100 characters', () => {
    for (const body of bodies)
      for (const { path, choice } of levels(body).choices) {
        const ja = choice.name_localizations?.ja;
        expect(ja, `/${path.join(' ')} ${choice.value}`).to.be.a('string');
        expect(ja!.length, `/${path.join(' ')} ${choice.value}`).to.be.within(1, 100);
      }
  });

  it('names the /setup clear and /rolepanel mode choices in Japanese from the catalogue', () => {
    const choicesOf = (command: string, option: string) =>
      levels(bodies.find((b) => b.name === command)!)
        .choices.filter((c) => c.path.at(-1) === option)
        .map((c) => c.choice.name_localizations?.ja);
    expect(choicesOf('setup', 'setting')).to.include('運営ロール').and.not.include(undefined);
    expect(choicesOf('rolepanel', 'mode')).to.deep.equal(['ボタン', 'セレクトメニュー']);
  });

  it('keeps no catalogue name for a subcommand or option that no longer exists, and each English one is the default name', () => {
    const existing = new Map(bodies.flatMap((b) => levels(b).all).map((t) => [nameKey(t.path), t.name]));
    const stale = Object.entries(catalogue('en'))
      .filter(([key]) => /^bot\.command\.[^.]+\..+\.name$/.test(key))
      .filter(([key, english]) => existing.get(key) !== english)
      .map(([key]) => key);
    expect(stale).to.deep.equal([]);
  });

  it('keeps no catalogue name for a choice that no longer exists', () => {
    const existing = new Set(
      bodies.flatMap((b) => levels(b).choices.map((c) => choiceKey(c.path, c.choice.value))),
    );
    const stale = Object.keys(catalogue('en')).filter(
      (key) => /^bot\.command\..+\.choice\./.test(key) && !existing.has(key),
    );
    expect(stale).to.deep.equal([]);
  });

  it('GIVEN a command file that names nothing in Japanese THEN the registry fills every level from the catalogue', () => {
    const bare = new SlashCommandBuilder()
      .setName('event')
      .setDescription('Events')
      .addSubcommand((s) =>
        s
          .setName('create')
          .setDescription('Create')
          .addStringOption((o) => o.setName('when').setDescription('When')),
      );
    const body = localizeCommandBody(bare.toJSON());
    const create = body.options?.[0] as Option;
    expect(body.name_localizations?.ja).to.equal('イベント');
    expect(create.name_localizations?.ja).to.equal('作成');
    expect(create.options?.[0]?.name_localizations?.ja).to.equal('日時');
  });

  it('GIVEN a Japanese name set in the command file THEN keeps it', () => {
    const own = new SlashCommandBuilder()
      .setName('event')
      .setDescription('Events')
      .addSubcommand((s) =>
        s.setName('create').setDescription('Create').setNameLocalizations({ ja: 'つくる' }),
      );
    expect((localizeCommandBody(own.toJSON()).options?.[0] as Option).name_localizations?.ja).to.equal(
      'つくる',
    );
  });

  it('GIVEN an option with no catalogue key, a bad name or a clash THEN reports each', () => {
    const body = localizeCommandBody(
      new SlashCommandBuilder()
        .setName('event')
        .setDescription('Events')
        .addSubcommand((s) =>
          s
            .setName('create')
            .setDescription('Create')
            .addStringOption((o) => o.setName('nowhere').setDescription('x'))
            .addStringOption((o) =>
              o.setName('title').setDescription('x').setNameLocalizations({ ja: '日時' }),
            )
            .addStringOption((o) => o.setName('when').setDescription('x'))
            .addStringOption((o) =>
              o.setName('theme').setDescription('x').setNameLocalizations({ ja: 'テーマ' }),
            )
            .addStringOption((o) =>
              o.setName('lobby').setDescription('x').setNameLocalizations({ ja: 'when' }),
            ),
        )
        .toJSON(),
    );
    const found = problems(body);
    expect(found.some((p) => p.includes('/event create nowhere has no Japanese name'))).to.equal(true);
    expect(found.some((p) => p.includes('"日時" (title) clashes with when'))).to.equal(true);
    expect(found.some((p) => p.includes('"when" (lobby) clashes with when'))).to.equal(true);
  });
});
