/**
 * Logs a person can read: a user's mistake is one line without a stack on every surface, and the
 * start-up check says "passed" once (the re-checks /setup and role changes run stay at debug).
 */
import { Writable } from 'node:stream';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { Collection, PermissionsBitField, type Guild, type Interaction } from 'discord.js';
import { pino } from 'pino';
import { checkAllGuilds, checkAndRecordGuild } from '../../../bot/core/startup-checks.js';
import { handleInteractionError } from '../../../bot/core/interaction-error-boundary.js';
import { UserError } from '../../../bot/core/user-error.js';
import { errorHandler } from '../../../web/middleware/error-handler.js';
import { DomainError } from '../../../shared/errors.js';
import { fakeContext } from '../../support/fake-context.js';

const INFO = 30;
const DEBUG = 20;

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** A guild where the bot has every permission and nothing to grant. */
function healthyGuild(): Guild {
  return {
    id: '100000000000000001',
    name: 'Acme',
    client: { user: { id: '100000000000000009' } },
    members: {
      me: {
        partial: false,
        permissions: new PermissionsBitField(['Administrator']),
        roles: { highest: { position: 5, name: 'Tsunagu' } },
      },
    },
    roles: { cache: new Map() },
  } as unknown as Guild;
}

function fakeInteraction(): Interaction {
  return {
    locale: 'en-US',
    guildLocale: 'en-US',
    guildId: '100000000000000001',
    user: { id: '200000000000000002' },
    replied: false,
    deferred: false,
    ephemeral: null,
    commandName: 'relay',
    isChatInputCommand: () => true,
    options: { getSubcommand: () => 'nominate' },
    isRepliable: () => true,
    reply: async () => undefined,
  } as unknown as Interaction;
}

describe('readable logs', () => {
  it('GIVEN a start-up and two re-checks that pass THEN "start-up checks passed" is logged once', async () => {
    const { logger, lines } = capturingLogger();
    const ctx = fakeContext({ logger });
    const guild = healthyGuild();
    await checkAllGuilds({ guilds: { cache: new Collection([[guild.id, guild]]) } } as never, ctx);
    await checkAndRecordGuild(guild, ctx);
    await checkAndRecordGuild(guild, ctx);
    const info = lines.filter((l) => l.level === INFO);
    expect(info.map((l) => l.msg)).to.deep.equal(['start-up checks passed in "Acme"']);
    expect(lines.filter((l) => l.level === DEBUG)).to.have.length(2);
  });

  for (const [what, error] of [
    [
      'an invalid field (DomainError)',
      new DomainError('INVALID_INPUT', 'error.generic', {}, { reason: 'BAD_YEAR' }),
    ],
    [
      'a refused nomination (DomainError)',
      new DomainError('FORBIDDEN', 'error.generic', {}, { reason: 'RELAY_SELF' }),
    ],
    ['a UserError', new UserError('bot.error.expiredComponent')],
  ] as const) {
    it(`GIVEN ${what} in an interaction THEN one info line with the reason and no stack`, async () => {
      const { logger, lines } = capturingLogger();
      await handleInteractionError(fakeInteraction(), error, fakeContext({ logger }));
      expect(lines).to.have.length(1);
      expect(lines[0]!.level).to.equal(INFO);
      expect(lines[0]).to.include({ command: '/relay nominate' });
      expect(lines[0]!.msg).to.match(/^\/relay nominate refused: [\w.]+$/);
      expect(lines[0]).to.not.have.property('err');
      expect(JSON.stringify(lines[0])).to.not.include('    at ');
    });
  }

  it('GIVEN a DomainError on the dashboard THEN one debug line with status and reason, no stack', async () => {
    const { logger, lines } = capturingLogger();
    const app = express();
    app.get('/x', () => {
      throw new DomainError('INVALID_INPUT', 'error.generic', {}, { reason: 'BAD_FILTER' });
    });
    app.use(errorHandler(logger));
    await request(app).get('/x').set('Accept', 'application/json').expect(400);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ level: DEBUG, status: 400 });
    expect(lines[0]).to.not.have.property('err');
    expect(JSON.stringify(lines[0])).to.not.include('    at ');
  });

  it('GIVEN a real fault on the dashboard THEN it is an error with its stack', async () => {
    const { logger, lines } = capturingLogger();
    const app = express();
    app.get('/x', () => {
      throw new Error('database on fire');
    });
    app.use(errorHandler(logger));
    await request(app).get('/x').set('Accept', 'application/json').expect(500);
    expect(lines[0]).to.include({ level: 50 });
    expect((lines[0]!.err as { stack: string }).stack).to.include('database on fire');
  });
});
