/**
 * The emulator refuses `autocomplete` where Discord does (discord-api-docs, application-commands,
 * option structure): on option types other than STRING, INTEGER and NUMBER, and together with
 * `choices`; both at `options.N.autocomplete`. The bot's own commands pass.
 */
import { expect } from 'chai';
import { ALL_COMMANDS } from '../../../bot/features.js';
import { commandPayloads } from '../../../bot/core/command-registry.js';
import { validateCommand } from '../../../sandbox/discord/validation/commands.js';

const command = (options: unknown[]) => ({ name: 'pick', description: 'Pick one', options });

describe('emulator: autocomplete on command options', () => {
  it('GIVEN autocomplete with choices THEN refused at options.N.autocomplete', () => {
    const issues = validateCommand(
      command([
        { type: 3, name: 'a', description: 'A', autocomplete: true },
        { type: 3, name: 'b', description: 'B', autocomplete: true, choices: [{ name: 'x', value: 'x' }] },
      ]),
    );
    expect(issues.map((i) => i.path)).to.deep.equal([['options', 1, 'autocomplete']]);
    expect(issues[0]!.message).to.match(/choices/);
  });

  it('GIVEN autocomplete on a user, boolean or channel option THEN refused; on STRING, INTEGER, NUMBER accepted', () => {
    const refused = validateCommand(
      command([
        { type: 6, name: 'u', description: 'U', autocomplete: true },
        { type: 5, name: 'b', description: 'B', autocomplete: true },
        { type: 7, name: 'c', description: 'C', autocomplete: true },
      ]),
    );
    expect(refused.map((i) => i.path)).to.deep.equal([
      ['options', 0, 'autocomplete'],
      ['options', 1, 'autocomplete'],
      ['options', 2, 'autocomplete'],
    ]);
    expect(refused[0]!.message).to.match(/type of option/);
    const accepted = validateCommand(
      command([
        { type: 3, name: 's', description: 'S', autocomplete: true },
        { type: 4, name: 'i', description: 'I', autocomplete: true },
        { type: 10, name: 'n', description: 'N', autocomplete: true },
        { type: 6, name: 'u', description: 'U', autocomplete: false },
      ]),
    );
    expect(accepted).to.deep.equal([]);
  });

  it('GIVEN autocomplete in a subcommand THEN refused at its nested path', () => {
    const issues = validateCommand(
      command([
        {
          type: 1,
          name: 'sub',
          description: 'Sub',
          options: [{ type: 8, name: 'r', description: 'R', autocomplete: true }],
        },
      ]),
    );
    expect(issues.map((i) => i.path)).to.deep.equal([['options', 0, 'options', 0, 'autocomplete']]);
  });

  it('GIVEN the bot’s own commands, with their Japanese texts THEN none is refused', () => {
    const payloads = commandPayloads(ALL_COMMANDS);
    expect(payloads.length).to.be.greaterThan(0);
    for (const body of payloads) expect(validateCommand(body), body.name).to.deep.equal([]);
  });
});
