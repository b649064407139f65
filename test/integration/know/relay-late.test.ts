/**
 * Late intros in the relay: a nominee whose baton was already handed back introduces themself
 * after all. They are credited to the chain that nominated them, without disturbing the chain
 * that carried on meanwhile, and counted once.
 */
import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { recordJoin, recordLeave } from '../../../shared/connect/welcome.service.js';
import { saveIntro } from '../../../shared/know/profile.service.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { memberEventTotals } from '../../../shared/connect/member-events.service.js';
import {
  getRelayStatus,
  nominate,
  onIntroduced,
  processRelayLink,
  type RelayLinkView,
} from '../../../shared/know/relay.service.js';
import { addDays } from '../../../shared/clock.js';

const guildId = '900000000000000012';
const id = (n: number) => `1000000000000001${String(n).padStart(2, '0')}`;
const t0 = new Date('2026-05-01T00:00:00Z');
const member = (n: number) => ({ userId: id(n), isBot: false, isMember: true });

async function introduce(n: number, now: Date) {
  await saveIntro({ guildId, userId: id(n), fields: { name: `Member ${n}`, career: 'Sales' }, now });
  return onIntroduced({ guildId, userId: id(n), now });
}

/** Nominates `nominee` and lets the nomination lapse: reminded after 1 day, passed after 2. */
async function nominateAndLapse(by: number, nominee: number, at: Date): Promise<RelayLinkView> {
  const { link } = await nominate({ guildId, by: { userId: id(by) }, nominee: member(nominee), now: at });
  expect((await processRelayLink(link.linkId, addDays(at, 1))).action).to.equal('reminded');
  const passed = await processRelayLink(link.linkId, addDays(at, 2));
  if (passed.action !== 'passed') throw new Error(`expected passed, got ${passed.action}`);
  return passed.link;
}

async function onlyChain() {
  const status = await getRelayStatus(guildId);
  expect(status.chains).to.have.length(1);
  return { status, chain: status.chains[0]! };
}

describe('relay: late intros after the baton passed (mongoose on the store)', () => {
  useMongoose('relaylate');
  before(() => ensureIndexes());

  beforeEach(async () => {
    await updateGuildSettings(guildId, { relayReminderDays: 1 });
    for (let n = 1; n <= 6; n++) await recordJoin({ guildId, userId: id(n), joinedAt: addDays(t0, -10 + n) });
  });

  it('credits a late intro after the pass to the chain that nominated them, and hands them the baton', async () => {
    await introduce(1, t0);
    const lapsed = await nominateAndLapse(1, 2, t0);

    const result = await introduce(2, addDays(t0, 5));
    if (result.kind !== 'completedLate') throw new Error(`expected completedLate, got ${result.kind}`);
    expect(result.tookBaton).to.equal(true);
    expect(result.link).to.include({ linkId: lapsed.linkId, status: 'completed' });
    expect(result.link.passedAt).to.deep.equal(addDays(t0, 2));
    expect(result.link.completedAt).to.deep.equal(addDays(t0, 5));
    expect(result.chain).to.include({ number: 1, length: 2, batonHolderId: id(2), status: 'active' });

    const { status, chain } = await onlyChain();
    expect(status.totalIntroductions).to.equal(2);
    expect(chain.links.map((l) => [l.nomineeId, l.status])).to.deep.equal([[id(2), 'completed']]);
    // The history still says the chain stumbled there.
    expect(chain.breaks.map((b) => b.kind)).to.deep.equal(['passed']);
    expect((await memberEventTotals(guildId)).relayCompleted).to.equal(1);

    // The late introducer nominates as the chain's second introducer, not as a retry of the first.
    const next = await nominate({ guildId, by: { userId: id(2) }, nominee: member(3), now: addDays(t0, 5) });
    expect(next.link).to.include({ position: 2, attempt: 1, replacesLinkId: null });
  });

  it('credits a late intro without disturbing the chain that carried on meanwhile', async () => {
    await introduce(1, t0);
    const lapsed = await nominateAndLapse(1, 2, t0);
    const retry = await nominate({ guildId, by: { userId: id(1) }, nominee: member(3), now: addDays(t0, 2) });

    const result = await introduce(2, addDays(t0, 3));
    if (result.kind !== 'completedLate') throw new Error(`expected completedLate, got ${result.kind}`);
    expect(result.tookBaton).to.equal(false);
    expect(result.link.linkId).to.equal(lapsed.linkId);
    expect(result.chain).to.include({ length: 2, batonHolderId: null, batonWithBot: false });
    const { chain } = await onlyChain();
    expect(chain.openLink?.linkId).to.equal(retry.link.linkId);

    // The nomination that kept the chain going completes as usual and takes the baton.
    const completed = await introduce(3, addDays(t0, 4));
    expect(completed.kind).to.equal('completed');
    expect(completed.chain).to.include({ length: 3, batonHolderId: id(3) });
    const after = await onlyChain();
    expect(after.status.totalIntroductions).to.equal(3);
    expect(after.chain.links.map((l) => [l.nomineeId, l.status])).to.deep.equal([
      [id(2), 'completed'],
      [id(3), 'completed'],
    ]);
  });

  it('keeps numbering retries of the carried-on chain after a late credit', async () => {
    await introduce(1, t0);
    await nominateAndLapse(1, 2, t0);
    const second = await nominate({
      guildId,
      by: { userId: id(1) },
      nominee: member(3),
      now: addDays(t0, 2),
    });
    await introduce(2, addDays(t0, 2.5));
    // The retry lapses too, after the late credit: the baton is back with 1 and the late intro
    // of 2 happened before, so 1 tries a third time at the same position.
    expect((await processRelayLink(second.link.linkId, addDays(t0, 3))).action).to.equal('reminded');
    expect((await processRelayLink(second.link.linkId, addDays(t0, 4))).action).to.equal('passed');
    const third = await nominate({ guildId, by: { userId: id(1) }, nominee: member(4), now: addDays(t0, 4) });
    expect(third.link).to.include({ position: 1, attempt: 3, replacesLinkId: second.link.linkId });
  });

  it('revives a broken chain when the late nominee introduces while the baton waits for the organisers', async () => {
    await introduce(1, t0);
    const { link } = await nominate({ guildId, by: { userId: id(1) }, nominee: member(2), now: t0 });
    await recordLeave({ guildId, userId: id(1) });
    await processRelayLink(link.linkId, addDays(t0, 1));
    const passed = await processRelayLink(link.linkId, addDays(t0, 2));
    if (passed.action !== 'passed') throw new Error('expected passed');
    expect(passed.chain).to.include({ status: 'broken', batonWithBot: true });

    const result = await introduce(2, addDays(t0, 3));
    if (result.kind !== 'completedLate') throw new Error(`expected completedLate, got ${result.kind}`);
    expect(result.tookBaton).to.equal(true);
    expect(result.chain).to.include({
      status: 'active',
      batonWithBot: false,
      batonHolderId: id(2),
      length: 2,
    });
  });

  it('still starts a new chain for an intro with no pending or passed nomination', async () => {
    await introduce(1, t0);
    await nominateAndLapse(1, 2, t0);
    const result = await introduce(4, addDays(t0, 3));
    expect(result.kind).to.equal('started');
    expect(result.chain).to.include({ number: 2, length: 1, batonHolderId: id(4) });
    const status = await getRelayStatus(guildId);
    expect(status.chains).to.have.length(2);
    // The passed nomination of 2 is untouched by someone else's intro.
    const first = status.chains.find((c) => c.number === 1);
    expect(first?.links.map((l) => l.status)).to.deep.equal(['passed']);
    expect(first?.length).to.equal(1);
  });

  it('does not count a late intro twice when the intro is edited', async () => {
    await introduce(1, t0);
    await nominateAndLapse(1, 2, t0);
    expect((await introduce(2, addDays(t0, 3))).kind).to.equal('completedLate');

    const edited = await introduce(2, addDays(t0, 4));
    expect(edited.kind).to.equal('none');
    const { status, chain } = await onlyChain();
    expect(chain.length).to.equal(2);
    expect(status.totalIntroductions).to.equal(2);
    expect((await memberEventTotals(guildId)).relayCompleted).to.equal(1);
  });

  it('credits only the latest of two passed nominations, once, even across edits', async () => {
    await introduce(1, t0);
    await introduce(3, t0);
    await nominateAndLapse(1, 2, t0);
    await nominateAndLapse(3, 2, addDays(t0, 2));

    const result = await introduce(2, addDays(t0, 5));
    if (result.kind !== 'completedLate') throw new Error(`expected completedLate, got ${result.kind}`);
    expect(result.link.fromUserId).to.equal(id(3));
    expect((await introduce(2, addDays(t0, 6))).kind).to.equal('none');

    const status = await getRelayStatus(guildId);
    const byStarter = new Map(status.chains.map((c) => [c.startedBy, c]));
    expect(byStarter.get(id(1))?.length).to.equal(1);
    expect(byStarter.get(id(1))?.links.map((l) => l.status)).to.deep.equal(['passed']);
    expect(byStarter.get(id(3))?.length).to.equal(2);
    expect(status.totalIntroductions).to.equal(3);
  });
});
