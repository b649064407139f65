/**
 * Who brings people in, through the services on the store: bot-made invites credited to the
 * person who asked, a member who comes back through the same link counted once, cohort labels
 * merged, personal invites kept one per member.
 */
import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import {
  attributeJoin,
  cohortStats,
  createCohortInvite,
  inviteLeaderboard,
  syncInvites,
  type InviteInfo,
} from '../../../shared/connect/invite-tracking.service.js';
import { cohortInvites } from '../../../shared/connect/invite-reads.js';
import { recordJoin, recordLeave } from '../../../shared/connect/welcome.service.js';
import {
  findPersonalInvite,
  retirePersonalInvite,
  savePersonalInvite,
} from '../../../shared/connect/personal-invite.service.js';
import { resolveCohortLabel } from '../../../shared/connect/invite-labels.js';
import { Profile } from '../../../shared/kernel/profile.model.js';
import { InviteRecord } from '../../../shared/connect/invite-record.model.js';
import { invitesPart } from '../../../shared/connect/personal-data.js';
import type { DomainError } from '../../../shared/errors.js';

const guildId = '900000000000000007';
const bot = '100000000000000001';
const organiser = '100000000000000002';
const aiko = '100000000000000003';
const joiner = (n: number) => `1000000000000003${String(n).padStart(2, '0')}`;
const invite = (code: string, uses: number, inviterId = bot): InviteInfo => ({
  code,
  uses,
  maxUses: 0,
  inviterId,
});

async function join(userId: string, invites: InviteInfo[]) {
  await recordJoin({ guildId, userId });
  return attributeJoin({ guildId, userId, invites });
}

describe('who brings people in (services on the store)', () => {
  useMongoose('connectors');
  before(() => ensureIndexes());

  it('credits a join through a bot-made cohort invite to the organiser who asked for it, label kept apart', async () => {
    await createCohortInvite({
      guildId,
      invite: invite('cohort', 0),
      label: '2025 leavers – Sales',
      createdBy: organiser,
    });
    const result = await join(joiner(1), [invite('cohort', 1)]);
    expect(result).to.include({ method: 'invite', inviterId: organiser, label: '2025 leavers – Sales' });
    expect((await Profile.findOne({ guildId, userId: joiner(1) }).lean())?.invitedBy).to.equal(organiser);
    const [row] = await inviteLeaderboard(guildId);
    expect(row).to.deep.include({ inviterId: organiser, joins: 1, stayed: 1, introduced: 0 });
    expect(row?.sources).to.deep.equal([{ kind: 'cohort', label: '2025 leavers – Sales', people: 1 }]);
  });

  it('counts a member who leaves and comes back through the same invite once, while Discord’s uses say 2', async () => {
    await createCohortInvite({ guildId, invite: invite('cohort', 0), label: 'Sales', createdBy: organiser });
    await join(joiner(1), [invite('cohort', 1)]);
    await recordLeave({ guildId, userId: joiner(1) });
    const back = await join(joiner(1), [invite('cohort', 2)]);
    expect(back.method).to.equal('invite');
    const [cohort] = await cohortInvites(guildId);
    expect(cohort).to.deep.include({ label: 'Sales', uses: 2, joins: 1 });
    expect(cohort?.invites[0]).to.deep.include({ uses: 2, people: 1 });
    expect((await cohortStats(guildId)).map((c) => [c.label, c.joins])).to.deep.equal([['Sales', 1]]);
    expect((await inviteLeaderboard(guildId))[0]).to.deep.include({ joins: 1, stayed: 1, uses: 2 });
  });

  it('ranks people by the members who stayed, then by those who introduced themselves', async () => {
    await syncInvites({ guildId, invites: [invite('aiko', 0, aiko), invite('org', 0, organiser)] });
    await join(joiner(1), [invite('aiko', 1, aiko), invite('org', 0, organiser)]);
    await join(joiner(2), [invite('aiko', 2, aiko), invite('org', 0, organiser)]);
    await join(joiner(3), [invite('aiko', 2, aiko), invite('org', 1, organiser)]);
    await recordLeave({ guildId, userId: joiner(1) });
    await recordLeave({ guildId, userId: joiner(2) });
    await Profile.updateOne({ guildId, userId: joiner(3) }, { $set: { introducedAt: new Date() } });
    const board = await inviteLeaderboard(guildId);
    expect(board.map((r) => [r.inviterId, r.joins, r.stayed, r.introduced])).to.deep.equal([
      [organiser, 1, 1, 1],
      [aiko, 2, 0, 0],
    ]);
  });

  it('merges a label that names an existing cohort instead of making a second row', async () => {
    await createCohortInvite({
      guildId,
      invite: invite('one', 0),
      label: '2025 Leavers – Sales',
      createdBy: organiser,
    });
    const second = await createCohortInvite({
      guildId,
      invite: invite('two', 0),
      label: '  ２０２５ leavers   – sales ',
      createdBy: aiko,
    });
    expect(second).to.deep.equal({ code: 'two', label: '2025 Leavers – Sales', merged: true });
    const cohorts = await cohortInvites(guildId);
    expect(cohorts.map((c) => [c.label, c.invites.map((i) => i.code)])).to.deep.equal([
      ['2025 Leavers – Sales', ['one', 'two']],
    ]);
  });

  it('refuses an empty or over-long label before anything is stored', async () => {
    const refusal = (raw: string) =>
      resolveCohortLabel(guildId, raw).then(
        () => null,
        (e: unknown) => (e as DomainError).i18nKey,
      );
    expect(await refusal('x'.repeat(101))).to.equal('connect.invite.error.labelTooLong');
    expect(await refusal('   ')).to.equal('connect.invite.error.labelEmpty');
    expect(await refusal('x'.repeat(100))).to.equal(null);
  });

  it('keeps one personal invite per member: the older wins a race, a retired one is replaced', async () => {
    const first = await savePersonalInvite({ guildId, userId: aiko, invite: invite('mine1', 0) });
    expect(first).to.deep.equal({ code: 'mine1', discard: null, renewed: false });
    const racing = await savePersonalInvite({ guildId, userId: aiko, invite: invite('mine2', 0) });
    expect(racing).to.deep.equal({ code: 'mine1', discard: 'mine2', renewed: false });
    expect((await findPersonalInvite({ guildId, userId: aiko }))?.code).to.equal('mine1');
    await retirePersonalInvite({ guildId, code: 'mine1' });
    expect(await findPersonalInvite({ guildId, userId: aiko })).to.equal(null);
    const next = await savePersonalInvite({ guildId, userId: aiko, invite: invite('mine3', 0) });
    expect(next).to.deep.equal({ code: 'mine3', discard: null, renewed: true });
    const result = await join(joiner(1), [invite('mine1', 1)]);
    expect(result.inviterId).to.equal(aiko);
  });

  it('erases the owner of a personal invite: nobody (not the bot) is credited, the members still count', async () => {
    await savePersonalInvite({ guildId, userId: aiko, invite: invite('mine', 0) });
    await join(joiner(1), [invite('mine', 1)]);
    const exported = await invitesPart.export({ guildId, userId: aiko, now: new Date() });
    expect(JSON.stringify(exported)).to.include('"kind":"personal"');
    await invitesPart.erase({ guildId, userId: aiko, now: new Date() });
    expect(await inviteLeaderboard(guildId)).to.deep.equal([]);
    const record = await InviteRecord.findOne({ guildId, code: 'mine' }).lean();
    expect(record).to.deep.include({ createdBy: null, inviterErased: true, uses: 1 });
    expect(await findPersonalInvite({ guildId, userId: aiko })).to.equal(null);
  });
});
