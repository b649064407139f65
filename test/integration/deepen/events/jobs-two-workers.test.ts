import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import {
  EVENT_REMINDER_JOB,
  scheduleOccurrenceJobs,
} from '../../../../shared/deepen/events/event-jobs.job.js';
import { EventOccurrence } from '../../../../shared/deepen/events/event.model.js';
import {
  claimReminderRecipient,
  markReminded,
  REMINDER_LEASE_MS,
} from '../../../../shared/deepen/events/lifecycle.service.js';
import { sendReminder } from '../../../../bot/deepen/events/flows/lifecycle.js';
import { at, createEvent, EN } from './helpers.js';

const db = () => mongoose.connection.db as unknown as Db;
const reminderDms = (w: EventsWorld, userId: string) =>
  w.drivers.dmsTo(userId).filter((m) => m.content?.includes('Reminder'));

describe('Event jobs: each reminder once per person, with two workers and a run cut short', () => {
  useMongoose('events_jobs');
  let w: EventsWorld;
  afterEach(async () => {
    await w.stop();
  });

  async function eventWithFans(fans: number) {
    const zone = 'Asia/Tokyo';
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const { occurrences } = await createEvent(w, { title: 'Twice?', when: 'tomorrow 8pm' });
    const occ = occurrences[0]!;
    const ids = w.seeded.members.slice(2, 2 + fans).map((m) => m.id);
    for (const id of ids)
      await w.drivers
        .clickButton(occ.announcement!.messageId!, `event:rsvp:${occ._id}:yes`, id, EN)
        .waitForFollowUp();
    w.setNow(new Date(occ.start.getTime() - 15 * 60_000));
    return { occurrenceId: String(occ._id), start: occ.start, fans: ids };
  }

  it('two workers running one due reminder at once DM each person once; scheduling twice keeps one job', async () => {
    const { occurrenceId, start, fans } = await eventWithFans(3);
    const { ctx, client } = w.bot;
    await scheduleOccurrenceJobs(
      w.agenda,
      { occurrenceId, start },
      [15],
      new Date(start.getTime() - 3600_000),
    );
    await scheduleOccurrenceJobs(
      w.agenda,
      { occurrenceId, start },
      [15],
      new Date(start.getTime() - 3600_000),
    );
    expect(
      await db().collection('agendaJobs').countDocuments({
        name: EVENT_REMINDER_JOB,
        'data.occurrenceId': occurrenceId,
        'data.offsetMinutes': 15,
      }),
    ).to.equal(1);
    await Promise.all([
      sendReminder(ctx, client, occurrenceId, 15),
      sendReminder(ctx, client, occurrenceId, 15),
    ]);
    for (const fan of fans) expect(reminderDms(w, fan), fan).to.have.length(1);
    const doc = await EventOccurrence.findById(occurrenceId).lean();
    expect(doc!.remindersSent).to.include(15);
    // A rerun (a retry, a restored job) finds the reminder done and sends nothing.
    await sendReminder(ctx, client, occurrenceId, 15);
    for (const fan of fans) expect(reminderDms(w, fan), fan).to.have.length(1);
  });

  it('finishes a reminder a dying worker left halfway, without a second DM to those already reminded', async () => {
    const { occurrenceId, fans } = await eventWithFans(3);
    const [first, second, third] = fans as [string, string, string];
    // The dead run: the first DM went and was recorded; it had taken the second when it died.
    const died = new Date(w.now().getTime() - REMINDER_LEASE_MS - 60_000);
    expect(await claimReminderRecipient(occurrenceId, 15, first, died)).to.equal(true);
    await markReminded(occurrenceId, 15, [first]);
    expect(await claimReminderRecipient(occurrenceId, 15, second, died)).to.equal(true);
    // Agenda runs the job again once the dead worker's lock expires.
    await sendReminder(w.bot.ctx, w.bot.client, occurrenceId, 15);
    expect(reminderDms(w, first)).to.have.length(0);
    expect(reminderDms(w, second)).to.have.length(1);
    expect(reminderDms(w, third)).to.have.length(1);
    expect((await EventOccurrence.findById(occurrenceId).lean())!.remindersSent).to.include(15);
  });

  it('leaves a recipient another run holds right now to that run', async () => {
    const { occurrenceId, fans } = await eventWithFans(2);
    const [held, free] = fans as [string, string];
    expect(await claimReminderRecipient(occurrenceId, 15, held, w.now())).to.equal(true);
    await sendReminder(w.bot.ctx, w.bot.client, occurrenceId, 15);
    expect(reminderDms(w, held)).to.have.length(0);
    expect(reminderDms(w, free)).to.have.length(1);
    // Not everyone is done: the offset stays open for the run that holds the last one.
    expect((await EventOccurrence.findById(occurrenceId).lean())!.remindersSent).to.not.include(15);
  });
});
