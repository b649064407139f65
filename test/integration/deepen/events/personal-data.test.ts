import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { ensureIndexes } from '../../../../shared/db/indexes.js';
import { eventsPart } from '../../../../shared/deepen/events/personal-data.js';
import { createSeries } from '../../../../shared/deepen/events/series.service.js';
import { answerRsvp, setInterested, setRemindersOff } from '../../../../shared/deepen/events/rsvp.service.js';
import { recordPublished } from '../../../../shared/deepen/events/series.service.js';
import {
  claimReminderRecipient,
  markReminded,
  markStarted,
  recordAttendance,
} from '../../../../shared/deepen/events/lifecycle.service.js';
import { EventDraft, EventOccurrence } from '../../../../shared/deepen/events/event.model.js';
import { EventRequest } from '../../../../shared/deepen/events/request.model.js';
import { requestEdit } from '../../../../shared/deepen/events/request.service.js';

const GUILD = '300000000000000001';
const ALICE = '300000000000000002';
const BOB = '300000000000000003';
const NOW = new Date('2027-01-13T01:00:00Z');

describe('events personal data: export and erase RSVPs, Interested marks, attendance', () => {
  useMongoose('events_pd');
  before(() => ensureIndexes());

  it("exports a member's answers and attendance, then erases them and leaves the others' intact", async () => {
    const { occurrences } = await createSeries({
      guildId: GUILD,
      organiserId: BOB,
      checked: {
        title: 'Chat',
        theme: 'icebreaker',
        description: '',
        durationMinutes: 60,
        lobbyChannelId: '300000000000000004',
        capacity: null,
        mixer: null,
      },
      zone: 'Asia/Tokyo',
      wallClock: '2027-01-14T20:00',
      recurrence: null,
      now: NOW,
    });
    const id = occurrences[0]!.occurrenceId;
    await recordPublished(id, { discordEventId: '300000000000000005' });
    await answerRsvp({ guildId: GUILD, occurrenceId: id, userId: ALICE, answer: 'yes', now: NOW });
    await answerRsvp({ guildId: GUILD, occurrenceId: id, userId: BOB, answer: 'maybe', now: NOW });
    await setInterested('300000000000000005', ALICE, true);
    await setRemindersOff({ guildId: GUILD, occurrenceId: id, userId: ALICE, off: true });
    await markStarted(id, occurrences[0]!.start);
    await recordAttendance(id, [ALICE, BOB], occurrences[0]!.start);

    const exported = (await eventsPart.export({ guildId: GUILD, userId: ALICE, now: NOW })) as {
      occurrences: { rsvp: { answer: string } | null; interested: boolean; attended: string | null }[];
      remindersStoppedFor: string[];
    };
    expect(exported.occurrences).to.have.length(1);
    expect(exported.occurrences[0]).to.deep.include({
      interested: true,
      attended: occurrences[0]!.start.toISOString(),
    });
    expect(exported.occurrences[0]!.rsvp?.answer).to.equal('yes');
    expect(exported.remindersStoppedFor).to.deep.equal(['Chat']);

    const erased = await eventsPart.erase({ guildId: GUILD, userId: ALICE, now: NOW });
    expect(erased.counts).to.deep.equal({ eventOccurrencesErased: 1, eventRequestsErased: 0 });
    const doc = await EventOccurrence.findById(id).lean();
    expect(JSON.stringify(doc)).to.not.include(ALICE);
    expect(doc!.rsvps.map((r) => r.userId)).to.deep.equal([BOB]);
    expect(doc!.attendance.map((a) => a.userId)).to.deep.equal([BOB]);
  });

  it('erases a seated "yes" so the first in line takes the seat, and covers drafts, requests and reminders', async () => {
    const CAROL = '300000000000000006';
    const { occurrences } = await createSeries({
      guildId: GUILD,
      organiserId: BOB,
      checked: {
        title: 'Two seats',
        theme: 'icebreaker',
        description: '',
        durationMinutes: 60,
        lobbyChannelId: '300000000000000007',
        capacity: 2,
        mixer: null,
      },
      zone: 'Asia/Tokyo',
      wallClock: '2027-01-15T20:00',
      recurrence: null,
      now: NOW,
    });
    const id = occurrences[0]!.occurrenceId;
    for (const userId of [BOB, ALICE, CAROL])
      await answerRsvp({ guildId: GUILD, occurrenceId: id, userId, answer: 'yes', now: NOW });
    expect(
      (await EventOccurrence.findById(id).lean())!.rsvps.find((r) => r.userId === CAROL)!.waitlisted,
    ).to.equal(true);
    expect(await claimReminderRecipient(id, 15, ALICE, NOW)).to.equal(true);
    await markReminded(id, 15, [ALICE]);
    await requestEdit({
      guildId: GUILD,
      userId: ALICE,
      occurrenceId: id,
      patch: { title: 'Mine' },
      locale: 'en',
    });
    await EventDraft.create({
      guildId: GUILD,
      organiserId: ALICE,
      input: { title: 'Draft' },
      start: NOW,
      expiresAt: new Date(NOW.getTime() + 60_000),
    });

    const exported = (await eventsPart.export({ guildId: GUILD, userId: ALICE, now: NOW })) as {
      occurrences: { remindersSent: number[] }[];
      drafts: unknown[];
      dashboardRequests: { kind: string }[];
    };
    expect(exported.occurrences[0]!.remindersSent).to.deep.equal([15]);
    expect(exported.drafts).to.have.length(1);
    expect(exported.dashboardRequests.map((r) => r.kind)).to.deep.equal(['edit']);
    const organiser = (await eventsPart.export({ guildId: GUILD, userId: BOB, now: NOW })) as {
      organisedOccurrences: { occurrenceId: string }[];
    };
    expect(organiser.organisedOccurrences.map((o) => o.occurrenceId)).to.deep.equal([id]);

    const erased = await eventsPart.erase({ guildId: GUILD, userId: ALICE, now: NOW });
    expect(erased.counts).to.deep.equal({ eventOccurrencesErased: 1, eventRequestsErased: 1 });
    const doc = await EventOccurrence.findById(id).lean();
    expect(JSON.stringify(doc)).to.not.include(ALICE);
    expect(doc!.rsvps.map((r) => [r.userId, r.waitlisted])).to.deep.equal([
      [BOB, false],
      [CAROL, false],
    ]);
    expect(await EventRequest.countDocuments({ requestedBy: ALICE })).to.equal(0);
    expect(await EventDraft.countDocuments({ organiserId: ALICE })).to.equal(0);
  });

  it('erases pending notices of a move or a removal, and the record of a removed "yes"', async () => {
    const { occurrences } = await createSeries({
      guildId: GUILD,
      organiserId: BOB,
      checked: {
        title: 'Moved about',
        theme: 'icebreaker',
        description: '',
        durationMinutes: 60,
        lobbyChannelId: '300000000000000007',
        capacity: null,
        mixer: null,
      },
      zone: 'Asia/Tokyo',
      wallClock: '2027-01-15T20:00',
      recurrence: null,
      now: NOW,
    });
    const id = occurrences[0]!.occurrenceId;
    // As a change of repeat leaves them (replan.service.ts), with nothing else about Alice.
    await EventOccurrence.updateOne(
      { _id: id },
      {
        $set: {
          changeToTell: [ALICE, BOB],
          removedYes: [ALICE],
          noticeClaims: { [ALICE]: NOW },
        },
      },
    );
    const out = await eventsPart.erase({ guildId: GUILD, userId: ALICE, now: NOW });
    expect(out.counts?.eventOccurrencesErased).to.equal(1);
    const doc = (await EventOccurrence.findById(id).lean())!;
    expect([doc.changeToTell, doc.removedYes, doc.noticeClaims]).to.deep.equal([[BOB], [], {}]);
  });
});
