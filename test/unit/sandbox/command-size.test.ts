import { expect } from 'chai';
import { ALL_COMMANDS } from '../../../bot/features.js';
import {
  commandSize,
  MAX_COMMAND_SIZE,
  validateCommand,
} from '../../../sandbox/discord/validation/commands.js';

describe('emulator: a slash command’s size as Discord counts it', () => {
  it('GIVEN a command with an option and choices THEN adds names, descriptions and choice names and values', () => {
    const size = commandSize({
      name: 'event', // 5
      description: 'Events', // 6
      options: [
        {
          type: 1,
          name: 'create', // 6
          description: 'Create one', // 10
          options: [
            {
              type: 4,
              name: 'rounds', // 6
              description: 'Rounds', // 6
              choices: [
                { name: 'two', value: 2 }, // 3 + 1
                { name: 'twelve', value: 12 }, // 6 + 2
              ],
            },
          ],
        },
      ],
    });
    expect(size).to.equal(5 + 6 + 6 + 10 + 6 + 6 + 4 + 8);
  });

  it('GIVEN localizations THEN counts only the longest text of each field, the default included', () => {
    const size = commandSize({
      name: 'profile', // 7; ja 'プロフィール' is 6: the default counts
      name_localizations: { ja: 'プロフィール' },
      description: 'Your profile', // 12; fr 16 counts, not 12 + 16 + 5
      description_localizations: { fr: 'Votre profil ici', ja: 'プロフィール' },
    });
    expect(size).to.equal(7 + 16);
  });

  it('GIVEN characters outside the BMP THEN counts each as one character', () => {
    expect(commandSize({ name: 'hi', description: '🎉🎉' })).to.equal(4);
  });

  it('GIVEN 8001 characters THEN validation answers APPLICATION_COMMAND_TOO_LARGE at the command', () => {
    const choices = Array.from({ length: 25 }, (_, i) => ({
      name: `c${i}`.padEnd(100, 'n'),
      value: `v${i}`.padEnd(100, 'v'),
    }));
    const body = {
      name: 'big',
      description: 'x'.repeat(98),
      options: [
        { type: 3, name: 'o', description: 'd'.repeat(99), choices },
        { type: 3, name: 'p', description: 'd'.repeat(99), choices: choices.slice(0, 13) },
        { type: 3, name: 'q', description: 'd'.repeat(99) },
      ],
    };
    expect(commandSize(body)).to.equal(8001);
    expect(validateCommand(body, [2])).to.deep.equal([
      { path: [2], code: 'APPLICATION_COMMAND_TOO_LARGE', message: 'Command exceeds maximum size (8000)' },
    ]);
    expect(validateCommand({ ...body, description: 'x'.repeat(97) })).to.deep.equal([]);
  });

  it('GIVEN the bot’s own commands THEN each fits Discord’s size, with its Japanese texts', () => {
    const sizes = ALL_COMMANDS.map((c) => {
      const body = c.data.toJSON() as unknown as Record<string, unknown>;
      return { name: body.name, size: commandSize(body) };
    });
    expect(sizes.length).to.be.greaterThan(0);
    expect(sizes.filter((s) => s.size > MAX_COMMAND_SIZE)).to.deep.equal([]);
  });
});
