import { expect } from 'chai';
import type {
  APIApplicationCommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ALL_COMMANDS as commands } from '../../../bot/features.js';
import { buildCommandRegistry, commandPayloads } from '../../../bot/core/command-registry.js';
import type { Command } from '../../../bot/core/command.js';

/** Discord's rule for command and option names (lowercase where the script has case). */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function localizedThings(body: RESTPostAPIChatInputApplicationCommandsJSONBody) {
  const things: {
    label: string;
    thing: Pick<
      APIApplicationCommandOption,
      'name' | 'description' | 'name_localizations' | 'description_localizations'
    >;
  }[] = [{ label: `/${body.name}`, thing: body as never }];
  const walk = (options: readonly APIApplicationCommandOption[] | undefined, path: string) => {
    for (const option of options ?? []) {
      things.push({ label: `${path} ${option.name}`, thing: option });
      walk(
        'options' in option ? (option.options as APIApplicationCommandOption[]) : undefined,
        `${path} ${option.name}`,
      );
    }
  };
  walk(body.options, `/${body.name}`);
  return things;
}

describe('slash command registry', () => {
  it('has at least the /about command', () => {
    expect(commands.map((c) => c.data.name)).to.include('about');
  });

  it('gives every command a unique name', () => {
    const names = commands.map((c) => c.data.name);
    expect(new Set(names).size).to.equal(names.length);
  });

  it('produces a valid toJSON() for every command', () => {
    for (const body of commandPayloads(commands)) {
      expect(body.name, body.name).to.match(NAME);
      expect(body.name.toLowerCase(), 'names are lowercase').to.equal(body.name);
      expect(body.description.length, `${body.name} description`).to.be.within(1, 100);
      expect(body.options?.length ?? 0, `${body.name} options`).to.be.at.most(25);
    }
  });

  it('localizes every command, subcommand and option description in Japanese and English', () => {
    for (const body of commandPayloads(commands)) {
      for (const { label, thing } of localizedThings(body)) {
        for (const locale of ['ja', 'en-US', 'en-GB'] as const) {
          expect(thing.description_localizations?.[locale], `${label} description ${locale}`)
            .to.be.a('string')
            .with.length.within(1, 100);
        }
        expect(thing.description_localizations?.ja, `${label} has a Japanese description`).to.not.equal(
          thing.description_localizations?.['en-US'],
        );
      }
    }
  });

  it('keeps names English and, where a name is localized, valid in every locale', () => {
    for (const body of commandPayloads(commands)) {
      for (const { label, thing } of localizedThings(body)) {
        expect(thing.name, label).to.match(/^[-_a-z0-9]{1,32}$/);
        for (const name of Object.values(thing.name_localizations ?? {})) expect(name, label).to.match(NAME);
      }
    }
  });

  it('gives every command a Japanese name that differs from the English one', () => {
    for (const body of commandPayloads(commands)) {
      const ja = body.name_localizations?.ja;
      expect(ja, `/${body.name} has a Japanese name`).to.be.a('string');
      expect(ja).to.match(NAME);
      expect(ja).to.not.equal(body.name);
    }
  });

  it('refuses two commands with the same name', () => {
    const twin = commands[0] as Command;
    expect(() => buildCommandRegistry([twin, twin])).to.throw(/duplicate slash command name/);
  });

  it('indexes commands by name', () => {
    const registry = buildCommandRegistry(commands);
    expect(registry.get('about')?.data.name).to.equal('about');
  });
});
