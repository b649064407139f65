/**
 * The Japanese relay texts name commands as Japanese clients see them: every "/command
 * subcommand" they mention is the registered command's ja name (the registry's body through
 * localizeCommandBody, as deploy-commands sends it), and no English command name is left in.
 */
import { expect } from 'chai';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { relay } from '../../../bot/know/commands/relay.js';
import { localizeCommandBody } from '../../../bot/core/localize.js';
import { knowJa } from '../../../shared/know/messages.ja.js';

describe('Know: Japanese relay texts use the Japanese command names', () => {
  const body = localizeCommandBody(relay.data.toJSON() as RESTPostAPIChatInputApplicationCommandsJSONBody);
  const jaName = body.name_localizations?.ja;
  const jaSubcommands = (body.options ?? []).map((o) => o.name_localizations?.ja);
  const texts = Object.values(knowJa) as string[];

  it('mentions the relay command only by its ja name and its ja subcommand names', () => {
    expect(jaName).to.equal('自己紹介バトン');
    const mentions = texts.flatMap((text) =>
      [...text.matchAll(/\/自己紹介バトン (\S+?)(?=[\s）)]|$)/g)].map((m) => m[1]),
    );
    expect(mentions).to.include.members(['渡す', '指名']);
    for (const sub of mentions) expect(jaSubcommands, `/自己紹介バトン ${sub}`).to.include(sub);
  });

  it('leaves no English /relay in a Japanese text', () => {
    expect(texts.filter((text) => /\/relay\b/.test(text))).to.deep.equal([]);
  });
});
