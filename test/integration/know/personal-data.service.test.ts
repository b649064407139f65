import { expect } from 'chai';
import mongoose from 'mongoose';
import { EJSON, type Document } from 'bson';
import type { Db } from 'mongodb';
import { useMongoose } from '../../support/database.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { createAgenda } from '../../../shared/db/agenda.js';
import { scheduleRelayCheck } from '../../../shared/know/relay-reminder.job.js';
import { recordJoin } from '../../../shared/connect/welcome.service.js';
import {
  saveIntro,
  setIntroMessage,
  updateAttributes,
  setVisibility,
} from '../../../shared/know/profile.service.js';
import { nominate, onIntroduced, getRelayStatus } from '../../../shared/know/relay.service.js';
import {
  attributeJoin,
  createCohortInvite,
  syncInvites,
  inviteLeaderboard,
  cohortStats,
} from '../../../shared/connect/invite-tracking.service.js';
import { createRolePanel } from '../../../shared/connect/role-panel.service.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { createPersonalData, profilePart } from '../../../shared/kernel/personal-data.service.js';
import { invitesPart } from '../../../shared/connect/personal-data.js';
import { relayPart } from '../../../shared/know/personal-data.js';
import { introDraftPart, saveDraft } from '../../../shared/know/intro-draft.service.js';
import {
  forgetErasedMessages,
  PostedMessage,
  postedMessagesPart,
  recordPostedMessage,
} from '../../../shared/kernel/personal-data-messages.js';
import type { ProfileData } from '../../../shared/kernel/profile-data.js';

// The parts of every slice that stores personal data, in the composition roots' order.
const { erasePersonalData, exportPersonalData } = createPersonalData([
  profilePart,
  invitesPart,
  relayPart,
  introDraftPart,
  postedMessagesPart,
]);
import { memberEventTotals } from '../../../shared/connect/member-events.service.js';

const guildId = '900000000000000004';
const host = '100000000000000010'; // invited the subject, nominated them
const subject = '100000000000000020'; // the person who asks for erasure
const friend = '100000000000000030'; // joined through the subject's invite, nominated by them
const personal = {
  name: 'Zephyrine Okabe-Whitlock',
  career: 'Quantum Marmalade Division 2011-2019',
  currentWork: 'Chief Kite Engineer',
  interests: 'paragliding-xyz, origami-qrs',
  greeting: 'Greetings from the subject, a unique sentence 7f3a.',
};
const personalStrings = [
  subject,
  personal.name,
  personal.career,
  personal.currentWork,
  'paragliding-xyz',
  'origami-qrs',
  personal.greeting,
  'skill-unique-42',
  'need-unique-43',
];

/** Every document of every collection in the database, as extended JSON text. */
async function everyDocument(): Promise<{ collection: string; doc: Document; text: string }[]> {
  const db = mongoose.connection.db as unknown as Db;
  const out: { collection: string; doc: Document; text: string }[] = [];
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    for (const doc of await db.collection(name).find({}).toArray()) {
      out.push({ collection: name, doc, text: EJSON.stringify(doc) });
    }
  }
  return out;
}

async function buildHistory(): Promise<void> {
  await updateGuildSettings(guildId, { channels: { introductions: '200000000000000001' } });
  await syncInvites({ guildId, invites: [{ code: 'hostcode', uses: 0, maxUses: 0, inviterId: host }] });
  await recordJoin({ guildId, userId: host });
  await saveIntro({ guildId, userId: host, fields: { name: 'Host', career: 'HR' } });
  await onIntroduced({ guildId, userId: host });

  await recordJoin({ guildId, userId: subject });
  await attributeJoin({
    guildId,
    userId: subject,
    invites: [{ code: 'hostcode', uses: 1, maxUses: 0, inviterId: host }],
  });
  await nominate({
    guildId,
    by: { userId: host },
    nominee: { userId: subject, isBot: false, isMember: true },
  });
  await saveIntro({ guildId, userId: subject, fields: personal });
  await updateAttributes({
    guildId,
    userId: subject,
    attributes: {
      leaveYear: 2019,
      industry: 'it',
      lifeStages: ['parenting'],
      skills: 'skill-unique-42',
      needs: 'need-unique-43',
    },
  });
  await setVisibility({ guildId, userId: subject, visibility: { industry: 'staff' } });
  await setIntroMessage({
    guildId,
    userId: subject,
    channelId: '200000000000000001',
    messageId: '300000000000000001',
  });
  await onIntroduced({ guildId, userId: subject });

  await createCohortInvite({
    guildId,
    invite: { code: 'subjcode', uses: 0, maxUses: 0, inviterId: subject },
    label: '2019 leavers – Marmalade',
    createdBy: subject,
  });
  await recordJoin({ guildId, userId: friend });
  await attributeJoin({
    guildId,
    userId: friend,
    invites: [
      { code: 'hostcode', uses: 1, maxUses: 0, inviterId: host },
      { code: 'subjcode', uses: 1, maxUses: 0, inviterId: subject },
    ],
  });
  const { link } = await nominate({
    guildId,
    by: { userId: subject },
    nominee: { userId: friend, isBot: false, isMember: true },
  });
  // A refused intro's draft, and bot messages naming the subject (one about the friend they nominated).
  await saveDraft({ guildId, userId: subject, fields: { name: personal.name, greeting: personal.greeting } });
  await recordPostedMessage({
    guildId,
    channelId: '200000000000000001',
    messageId: '300000000000000002',
    userIds: [subject],
    kind: 'welcome',
  });
  await recordPostedMessage({
    guildId,
    channelId: '200000000000000001',
    messageId: '300000000000000003',
    userIds: [friend, subject],
    kind: 'relayAnnouncement',
    subjectId: friend,
  });
  const agenda = createAgenda({ db: mongoose.connection.db as unknown as Db, processEveryMs: 1000 });
  await scheduleRelayCheck(agenda, link.linkId, link.reminderDueAt);
  await createRolePanel({
    guildId,
    channelId: '200000000000000002',
    mode: 'buttons',
    maxPicks: 1,
    options: [{ roleId: '400000000000000001', label: 'Kansai' }],
  });
}

describe('personal data export and erasure (every collection scanned)', () => {
  useMongoose('privacy');
  before(() => ensureIndexes());

  it('exports every stored document that mentions the person', async () => {
    await buildHistory();
    const exported = await exportPersonalData(guildId, subject);
    const text = JSON.stringify(exported);
    for (const value of personalStrings) expect(text, value).to.contain(value);
    const profile = exported.profile as ProfileData | null;
    expect(profile).to.include({
      leaveYear: 2019,
      industry: 'it',
      introMessageId: '300000000000000001',
    });
    expect(profile?.visibility.industry).to.equal('staff');
    // The relay's share is the person's own part: never the ids of who nominated them or whom they nominated.
    const relay = exported.relay as {
      nominationsMade: unknown[];
      nominationsReceived: unknown[];
      chains: unknown[];
    };
    expect(relay.nominationsMade).to.have.length.greaterThan(0);
    expect(relay.nominationsReceived).to.have.length.greaterThan(0);
    expect(JSON.stringify(relay)).to.not.contain(host).and.not.contain(friend);
    const mentioning = (await everyDocument()).filter(
      (d) => d.text.includes(subject) && d.collection !== 'profiles',
    );
    expect(mentioning.length).to.be.greaterThan(4);
    for (const { collection, doc } of mentioning) {
      expect(text, `${collection} ${String(doc._id)}`).to.contain(String(doc._id));
    }
  });

  it('leaves no trace of the person in any collection, and keeps the aggregate counts', async () => {
    await buildHistory();
    const before = await memberEventTotals(guildId);
    const leaderboardBefore = await inviteLeaderboard(guildId);
    expect(leaderboardBefore.map((r) => r.inviterId)).to.have.members([host, subject]);

    const report = await erasePersonalData(guildId, subject);
    expect(report.profileDeleted).to.equal(true);
    expect(report.profilesAnonymised).to.equal(1);
    expect(report.messagesToRemove).to.have.deep.members([
      { channelId: '200000000000000001', messageId: '300000000000000001', kind: 'intro' },
      { channelId: '200000000000000001', messageId: '300000000000000002', kind: 'welcome' },
      {
        channelId: '200000000000000001',
        messageId: '300000000000000003',
        kind: 'relayAnnouncement',
        rewriteFor: friend,
      },
    ]);
    // The bot removed every message from Discord: only now are their records forgotten.
    expect(await PostedMessage.countDocuments({ userIds: subject }), 'kept until removed').to.equal(2);
    await forgetErasedMessages({ guildId, userId: subject, stillThere: [] });

    const docs = await everyDocument();
    expect(new Set(docs.map((d) => d.collection))).to.include.members([
      'profiles',
      'relaylinks',
      'relaychains',
      'joinattributions',
      'inviterecords',
      'memberevents',
      'agendaJobs',
      'rolepanels',
      'guildsettings',
      // The friend's announcement stays remembered, without the subject (drafts: all gone).
      'postedmessages',
    ]);
    for (const { collection, text } of docs) {
      for (const value of personalStrings)
        expect(text, `${collection} still holds "${value}"`).not.to.contain(value);
    }

    const after = await memberEventTotals(guildId);
    expect(after).to.include({
      join: before.join,
      intro: before.intro,
      relayCompleted: before.relayCompleted,
      erasure: 1,
    });
    expect((await cohortStats(guildId)).map((c) => [c.label, c.joins])).to.deep.equal([
      ['2019 leavers – Marmalade', 1],
    ]);
    expect((await inviteLeaderboard(guildId)).map((r) => r.inviterId)).to.deep.equal([host]);
    const status = await getRelayStatus(guildId);
    expect(status.totalIntroductions).to.equal(2);
    expect((await exportPersonalData(guildId, subject)).profile).to.equal(null);
  });

  it('keeps the record of a message that could not be removed from Discord, for the next attempt', async () => {
    await buildHistory();
    const report = await erasePersonalData(guildId, subject);
    const welcome = report.messagesToRemove.find((m) => m.kind === 'welcome')!;
    await forgetErasedMessages({ guildId, userId: subject, stillThere: [welcome] });
    const left = await PostedMessage.find({ userIds: subject }).lean();
    expect(left.map((d) => d.messageId)).to.deep.equal([welcome.messageId]);
    // The friend's announcement is remembered for the friend only.
    const friends = await PostedMessage.findOne({ messageId: '300000000000000003' }).lean();
    expect(friends?.userIds).to.deep.equal([friend]);
    // A second erasure finds it again and, once it is gone, forgets it.
    const again = await erasePersonalData(guildId, subject);
    expect(again.messagesToRemove.map((m) => m.messageId)).to.deep.equal([welcome.messageId]);
    await forgetErasedMessages({ guildId, userId: subject, stillThere: [] });
    expect(await PostedMessage.countDocuments({ userIds: subject })).to.equal(0);
  });

  it('keeps the nomination the erased person made open, with the nominator anonymised', async () => {
    await buildHistory();
    const report = await erasePersonalData(guildId, subject);
    expect(report.cancelledLinkIds).to.have.length(0);
    const status = await getRelayStatus(guildId);
    const open = status.chains.flatMap((c) => (c.openLink ? [c.openLink] : []));
    expect(open.map((l) => [l.fromUserId, l.nomineeId])).to.deep.equal([[null, friend]]);
  });
});
