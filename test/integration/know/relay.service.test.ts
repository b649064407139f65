import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { recordJoin, recordLeave } from '../../../shared/connect/welcome.service.js';
import { saveIntro } from '../../../shared/know/profile.service.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import {
  cancelNominationsOfLeaver,
  getRelayStatus,
  nominate,
  onIntroduced,
  processRelayLink,
  relayCandidates,
} from '../../../shared/know/relay.service.js';
import { DomainError } from '../../../shared/errors.js';
import { RelayLink, openNomineeKey } from '../../../shared/know/relay-link.model.js';
import { RelayChain } from '../../../shared/know/relay-chain.model.js';
import { addDays } from '../../../shared/clock.js';

const guildId = '900000000000000002';
const id = (n: number) => `1000000000000000${String(n).padStart(2, '0')}`;
const t0 = new Date('2026-04-01T00:00:00Z');
const member = (n: number) => ({ userId: id(n), isBot: false, isMember: true });

async function introduce(n: number, now = t0) {
  await saveIntro({ guildId, userId: id(n), fields: { name: `Member ${n}`, career: 'Sales' }, now });
  return onIntroduced({ guildId, userId: id(n), now });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.code;
}

describe('relay service (mongoose on the store)', () => {
  useMongoose('relay');
  before(() => ensureIndexes());

  beforeEach(async () => {
    for (let n = 1; n <= 6; n++) await recordJoin({ guildId, userId: id(n), joinedAt: addDays(t0, -10 + n) });
  });

  it('starts a chain on a first intro nobody asked for, held by the introducer', async () => {
    const result = await introduce(1);
    expect(result.kind).to.equal('started');
    expect(result.chain).to.include({ number: 1, length: 1, batonHolderId: id(1), status: 'active' });
  });

  it('completes the nomination when the nominee introduces themself: length + 1, baton moves on', async () => {
    await introduce(1);
    const { link } = await nominate({ guildId, by: { userId: id(1) }, nominee: member(2), now: t0 });
    expect(link).to.include({
      fromUserId: id(1),
      nomineeId: id(2),
      status: 'pending',
      position: 1,
      attempt: 1,
    });
    const result = await introduce(2, addDays(t0, 1));
    expect(result.kind).to.equal('completed');
    expect(result.chain).to.include({ length: 2, batonHolderId: id(2) });
    const status = await getRelayStatus(guildId);
    expect(status.chains[0]?.links.map((l) => l.status)).to.deep.equal(['completed']);
    expect(status.longestLength).to.equal(2);
  });

  it('does not start a second chain when an introduced member edits their intro', async () => {
    await introduce(1);
    await nominate({ guildId, by: { userId: id(1) }, nominee: member(2) });
    const again = await introduce(1, addDays(t0, 1));
    expect(again.kind).to.equal('none');
    const status = await getRelayStatus(guildId);
    expect(status.chains).to.have.length(1);
  });

  it('rejects self, bots, members who left, the already introduced and the already nominated', async () => {
    await introduce(1);
    await introduce(3);
    expect(await codeOf(nominate({ guildId, by: { userId: id(1) }, nominee: member(1) }))).to.equal(
      'RELAY_SELF',
    );
    expect(
      await codeOf(nominate({ guildId, by: { userId: id(1) }, nominee: { ...member(2), isBot: true } })),
    ).to.equal('RELAY_BOT');
    expect(
      await codeOf(nominate({ guildId, by: { userId: id(1) }, nominee: { ...member(2), isMember: false } })),
    ).to.equal('RELAY_NOMINEE_LEFT');
    await recordLeave({ guildId, userId: id(5) });
    expect(await codeOf(nominate({ guildId, by: { userId: id(1) }, nominee: member(5) }))).to.equal(
      'RELAY_NOMINEE_LEFT',
    );
    expect(await codeOf(nominate({ guildId, by: { userId: id(1) }, nominee: member(3) }))).to.equal(
      'RELAY_ALREADY_INTRODUCED',
    );
    await nominate({ guildId, by: { userId: id(3) }, nominee: member(2) });
    expect(await codeOf(nominate({ guildId, by: { userId: id(1) }, nominee: member(2) }))).to.equal(
      'RELAY_ALREADY_NOMINATED',
    );
  });

  it('lets only one of two simultaneous nominations of the same member through', async () => {
    await introduce(1);
    await introduce(3);
    const results = await Promise.allSettled([
      nominate({ guildId, by: { userId: id(1) }, nominee: member(2) }),
      nominate({ guildId, by: { userId: id(3) }, nominee: member(2) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).to.be.instanceOf(DomainError);
    expect(((rejected as PromiseRejectedResult).reason as DomainError).code).to.equal(
      'RELAY_ALREADY_NOMINATED',
    );
    const holders = (await getRelayStatus(guildId)).chains.map((c) => c.batonHolderId).filter(Boolean);
    expect(holders).to.have.length(1);
  });

  it('has the database refuse a second open nomination of the same member (unique sparse index)', async () => {
    const { chain } = await introduce(1);
    if (!chain) throw new Error('expected a chain');
    const base = { guildId, chainId: chain.chainId, nominatedAt: t0, reminderDueAt: t0 };
    await RelayLink.create({
      ...base,
      position: 1,
      nomineeId: id(2),
      openNomineeKey: openNomineeKey(guildId, id(2)),
    });
    const duplicate = await RelayLink.create({
      ...base,
      position: 2,
      nomineeId: id(2),
      openNomineeKey: openNomineeKey(guildId, id(2)),
    }).catch((e: unknown) => e);
    expect((duplicate as { code?: number }).code).to.equal(11000);
    await RelayLink.create({ ...base, position: 3, nomineeId: id(3), status: 'passed' });
    await RelayLink.create({ ...base, position: 4, nomineeId: id(3), status: 'passed' });
    expect(await RelayLink.countDocuments({ nomineeId: id(3) })).to.equal(2);
  });

  it('lets a baton be passed once: a double click gets RELAY_NOT_HOLDER', async () => {
    await introduce(1);
    await nominate({ guildId, by: { userId: id(1) }, nominee: member(2) });
    expect(await codeOf(nominate({ guildId, by: { userId: id(1) }, nominee: member(3) }))).to.equal(
      'RELAY_NOT_HOLDER',
    );
  });

  it('keeps the baton with the holder when the nomination is refused', async () => {
    await introduce(1);
    await codeOf(nominate({ guildId, by: { userId: id(1) }, nominee: member(1) }));
    const { link } = await nominate({ guildId, by: { userId: id(1) }, nominee: member(2) });
    expect(link.nomineeId).to.equal(id(2));
  });

  it('reminds once after N days, then hands the baton back with a candidate pool after N more', async () => {
    await updateGuildSettings(guildId, { relayReminderDays: 2 });
    await introduce(1);
    await introduce(6);
    const { link } = await nominate({ guildId, by: { userId: id(1) }, nominee: member(2), now: t0 });
    expect((await processRelayLink(link.linkId, addDays(t0, 1))).action).to.equal('waiting');
    const reminded = await processRelayLink(link.linkId, addDays(t0, 2));
    expect(reminded.action).to.equal('reminded');
    const again = await processRelayLink(link.linkId, addDays(t0, 3));
    expect(again.action).to.equal('waiting');
    const passed = await processRelayLink(link.linkId, addDays(t0, 4));
    if (passed.action !== 'passed') throw new Error(`expected passed, got ${passed.action}`);
    expect(passed.holderId).to.equal(id(1));
    expect(passed.link.status).to.equal('passed');
    expect(passed.candidates).to.have.members([id(3), id(4), id(5)]);
    expect((await processRelayLink(link.linkId, addDays(t0, 9))).action).to.equal('closed');

    const retry = await nominate({ guildId, by: { userId: id(1) }, nominee: member(3), now: addDays(t0, 4) });
    expect(retry.link).to.include({ position: 1, attempt: 2, replacesLinkId: link.linkId });
    const status = await getRelayStatus(guildId);
    const chain = status.chains.find((c) => c.chainId === passed.chain.chainId);
    expect(chain?.breaks.map((b) => b.kind)).to.deep.equal(['passed']);
    expect(chain?.openLink?.nomineeId).to.equal(id(3));
  });

  it('gives the baton to the bot when the nominator has left by the time it passes', async () => {
    await updateGuildSettings(guildId, { relayReminderDays: 1 });
    await introduce(1);
    const { link } = await nominate({ guildId, by: { userId: id(1) }, nominee: member(2), now: t0 });
    await recordLeave({ guildId, userId: id(1) });
    await processRelayLink(link.linkId, addDays(t0, 1));
    const passed = await processRelayLink(link.linkId, addDays(t0, 2));
    if (passed.action !== 'passed') throw new Error('expected passed');
    expect(passed.holderId).to.equal(null);
    expect(passed.chain).to.include({ batonWithBot: true, status: 'broken' });
    const revived = await nominate({
      guildId,
      by: { bot: true, chainId: passed.chain.chainId },
      nominee: member(3),
    });
    expect(revived.link).to.include({ nominatedByBot: true, fromUserId: null });
    expect(revived.chain.status).to.equal('active');
    // While that nomination is open, the bot cannot open a second one on the same chain.
    const error = await nominate({
      guildId,
      by: { bot: true, chainId: passed.chain.chainId },
      nominee: member(4),
    }).catch((e: unknown) => e);
    expect((error as DomainError).code).to.equal('RELAY_NOT_HOLDER');
  });

  it('cancels a nomination when the nominee leaves and returns the baton', async () => {
    await introduce(1);
    await nominate({ guildId, by: { userId: id(1) }, nominee: member(2) });
    await recordLeave({ guildId, userId: id(2) });
    const result = await cancelNominationsOfLeaver({ guildId, userId: id(2) });
    expect(result.cancelled).to.have.length(1);
    expect(result.cancelled[0]?.chain.batonHolderId).to.equal(id(1));
    const { link } = await nominate({ guildId, by: { userId: id(1) }, nominee: member(3) });
    expect(link.attempt).to.equal(2);
  });

  it('offers as candidates only present members without an intro who are not nominated', async () => {
    await introduce(1);
    await nominate({ guildId, by: { userId: id(1) }, nominee: member(2) });
    await recordLeave({ guildId, userId: id(4) });
    expect(await relayCandidates(guildId)).to.deep.equal([id(6), id(5), id(3)]);
  });

  it('lets the bot take only a baton it holds; an organiser’s override may take a person’s', async () => {
    const { chain } = await introduce(1);
    if (!chain) throw new Error('expected a chain');
    // A newcomer's pickup or the bot's own pick read "bot-held" a moment ago; the holder is a person now.
    expect(
      await codeOf(nominate({ guildId, by: { bot: true, chainId: chain.chainId }, nominee: member(2) })),
    ).to.equal('RELAY_NOT_HOLDER');
    expect(await RelayChain.findById(chain.chainId).lean()).to.include({ batonHolderId: id(1) });
    const { link } = await nominate({
      guildId,
      by: { bot: true, chainId: chain.chainId, override: true },
      nominee: member(2),
    });
    expect(link).to.include({ nominatedByBot: true, nomineeId: id(2) });
  });

  /**
   * A nomination that loses the race for its nominee at the database (another chain's nomination
   * of them committed between the check and the insert): modelled by an inconsistent link that
   * holds the nominee's open key while looking closed.
   */
  async function nominationRacedFor(n: number) {
    const other = await RelayChain.create({ guildId, number: 99, startedAt: t0, lastActivityAt: t0 });
    await RelayLink.create({
      guildId,
      chainId: other._id,
      position: 1,
      nomineeId: id(n),
      status: 'passed',
      nominatedAt: t0,
      reminderDueAt: t0,
      openNomineeKey: openNomineeKey(guildId, id(n)),
    });
  }

  it('gives the baton back to its holder when the nomination fails at the database', async () => {
    const { chain } = await introduce(1);
    await nominationRacedFor(3);
    expect(await codeOf(nominate({ guildId, by: { userId: id(1) }, nominee: member(3) }))).to.equal(
      'RELAY_ALREADY_NOMINATED',
    );
    expect(await RelayChain.findById(chain!.chainId).lean()).to.include({
      batonHolderId: id(1),
      batonWithBot: false,
    });
  });

  it('gives a failed nomination’s baton to the bot, not back to a holder who has left', async () => {
    const { chain } = await introduce(1);
    await nominationRacedFor(3);
    // An organiser acts for the chain while its holder is leaving (the leave is recorded first).
    await recordLeave({ guildId, userId: id(1) });
    expect(
      await codeOf(
        nominate({ guildId, by: { bot: true, chainId: chain!.chainId, override: true }, nominee: member(3) }),
      ),
    ).to.equal('RELAY_ALREADY_NOMINATED');
    expect(await RelayChain.findById(chain!.chainId).lean()).to.include({
      batonHolderId: null,
      batonWithBot: true,
    });
  });
});
