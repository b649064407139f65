import { expect } from 'chai';
import { DateTime } from 'luxon';
import { useMongoose } from '../../../support/database.js';
import { PLAN_JOBS, startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { EventOccurrence, EventSeries } from '../../../../shared/deepen/events/event.model.js';
import { at, createEvent, EN, JA } from './helpers.js';

const zone = 'Asia/Tokyo';
const local = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
const DAY = 86_400_000;

describe('Events: the daily planning of a series (emulator)', () => {
  useMongoose('events_planning');
  let w: EventsWorld;
  afterEach(async () => {
    await w.stop();
  });

  it('goes on planning a 第2土曜 series after its only planned occurrence is cancelled', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-04T10:00', zone) });
    const { occurrences } = await createEvent(
      w,
      { title: 'Monthly', when: '2027-01-09 20:00', repeat: '第2土曜' },
      JA,
    );
    expect(occurrences.map((o) => local(o.start))).to.deep.equal(['2027-01-09T20:00']);
    const [plan] = await w.planJobs();
    expect(plan!.seriesId).to.equal(String(occurrences[0]!.seriesId));
    // A day after creation (the emulator's clock runs on from its start), never at creation.
    expect(plan!.nextRunAt!.getTime()).to.be.closeTo(at('2027-01-05T10:00', zone).getTime(), 60_000);
    const cancel = w.drivers.runSlashCommand(
      w.guildId,
      w.channels.general,
      w.organiserId,
      'event cancel',
      { event: String(occurrences[0]!._id) },
      EN,
    );
    expect((await cancel.waitForReply()).content).to.include('Cancelled 1 occurrence');
    // Its start job is gone with it; the planning job is not.
    w.setNow(at('2027-01-05T10:05', zone));
    expect(await w.runDue(PLAN_JOBS)).to.equal(1);
    const planned = await w.until(async () => {
      const doc = await EventOccurrence.findOne({ title: 'Monthly', status: 'scheduled' }).lean();
      return doc?.discordEventId && doc.announcement?.messageId ? doc : null;
    }, 'the next occurrence published');
    expect(local(planned.start)).to.equal('2027-02-13T20:00');
    expect(w.emu.state.scheduledEvents.get(w.guildId, planned.discordEventId!).name).to.equal('Monthly');
    const [again] = await w.planJobs();
    expect(again!.nextRunAt!.getTime()).to.be.closeTo(at('2027-01-05T10:05', zone).getTime() + DAY, 60_000);
    // A second run the same day adds nothing.
    await w.bot.ctx.services.deepenEvents.series.planAhead(String(planned.seriesId), w.now());
    expect(await EventOccurrence.countDocuments({ title: 'Monthly' })).to.equal(2);
  });

  it('stops planning a cancelled series', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-04T10:00', zone) });
    const { occurrences } = await createEvent(w, {
      title: 'Weekly',
      when: '2027-01-06 20:00',
      repeat: 'weekly',
    });
    const all = w.drivers.runSlashCommand(
      w.guildId,
      w.channels.general,
      w.organiserId,
      'event cancel',
      { event: String(occurrences[0]!._id), series: true },
      EN,
    );
    await all.waitForReply();
    w.setNow(at('2027-01-05T10:05', zone));
    expect(await w.runDue(PLAN_JOBS)).to.equal(1);
    expect(await EventOccurrence.countDocuments({ status: 'scheduled' })).to.equal(0);
    const [plan] = await w.planJobs();
    expect(plan?.nextRunAt ?? null).to.equal(null);
    expect((await EventSeries.findOne().lean())!.status).to.equal('cancelled');
  });

  it('publishes again an occurrence Discord refused (30038) once there is room', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const others = [];
    for (let i = 0; i < 100; i++)
      others.push(
        w.emu.state.scheduledEvents.create(w.guildId, {
          name: `Other ${i}`,
          channelId: w.channels.room,
          scheduledStartTime: new Date(at('2027-02-01T10:00', zone).getTime() + i * 3_600_000).toISOString(),
          entityType: 2,
        }),
      );
    const { occurrences } = await createEvent(w, { title: 'One too many', when: '2027-01-20 20:00' });
    expect(occurrences[0]!.discordEventId).to.equal(null);
    w.emu.state.scheduledEvents.delete(w.guildId, others[0]!.id);
    w.setNow(at('2027-01-14T10:05', zone));
    expect(await w.runDue(PLAN_JOBS)).to.equal(1);
    const doc = await w.until(
      async () => (await EventOccurrence.findById(occurrences[0]!._id).lean())?.discordEventId ?? null,
      'the Discord event created on the retry',
    );
    expect(w.emu.state.scheduledEvents.get(w.guildId, doc).name).to.equal('One too many');
    expect((await EventOccurrence.findById(occurrences[0]!._id).lean())!.problems).to.deep.equal([]);
    // A one-off with its occurrence still ahead is planned again tomorrow (nothing left to retry is fine).
    const [plan] = await w.planJobs();
    expect(plan!.nextRunAt!.getTime()).to.be.closeTo(at('2027-01-15T10:05', zone).getTime(), 60_000);
  });
});
