/**
 * The bot's own pick for a baton it holds (relay-actions.ts batonReturned → botNominates) stops at
 * once when the baton is no longer the bot's: a stale read must not make it try every candidate
 * and log that nobody was left. Mongoose on the store; the guild is a stand-in holding members.
 */
import { expect } from 'chai';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Guild } from 'discord.js';
import { useMongoose } from '../../support/database.js';
import { fakeContext } from '../../support/fake-context.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { recordJoin } from '../../../shared/connect/welcome.service.js';
import { saveIntro } from '../../../shared/know/profile.service.js';
import { onIntroduced } from '../../../shared/know/relay.service.js';
import { RelayChain } from '../../../shared/know/relay-chain.model.js';
import { RelayLink } from '../../../shared/know/relay-link.model.js';
import { batonReturned } from '../../../bot/know/flows/relay-actions.js';

const guildId = '900000000000000077';
const id = (n: number) => `1000000000000000${String(n).padStart(2, '0')}`;

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

describe('the bot’s own nomination stops when the baton was taken meanwhile', () => {
  useMongoose('know_bot_nominates');
  before(() => ensureIndexes());

  it('tries no further candidate once the chain is not the bot’s, and says so in one line', async () => {
    for (const n of [1, 2, 3])
      await recordJoin({ guildId, userId: id(n), joinedAt: new Date(Date.now() - n * 1000) });
    await saveIntro({ guildId, userId: id(1), fields: { name: 'Member 1', career: 'Sales' } });
    const started = await onIntroduced({ guildId, userId: id(1) });
    const chain = started.chain!;
    // What a handler read a moment ago: the bot held the baton. Member 1 holds it now.
    const stale = { ...chain, batonHolderId: null, batonWithBot: true };
    const members = new Map([2, 3].map((n) => [id(n), { id: id(n), user: { bot: false } }]));
    const guild = { id: guildId, name: 'Acme', members: { cache: members } } as unknown as Guild;
    const { logger, lines } = capturingLogger();

    await batonReturned(fakeContext({ logger }), guild, { chain: stale, nomineeId: null });

    const messages = lines.map((l) => l.msg);
    expect(messages).to.include('the baton was taken meanwhile: the bot nominates nobody');
    expect(messages).to.not.include('candidate refused; trying the next');
    expect(messages.some((m) => String(m).startsWith('no member without an intro is left'))).to.equal(false);
    expect(await RelayLink.countDocuments({ guildId })).to.equal(0);
    expect(await RelayChain.findById(chain.chainId).lean()).to.include({ batonHolderId: id(1) });
  });
});
