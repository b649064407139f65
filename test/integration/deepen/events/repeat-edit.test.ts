/**
 * `/event edit … repeat:` changes a series' repeat from one occurrence on: the occurrences from
 * there are re-planned (kept, moved, created, removed) in Tsunagu and in Discord, the "yes"
 * holders of removed ones are told, and a refusal changes nothing.
 */
import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { EventOccurrence, EventSeries } from '../../../../shared/deepen/events/event.model.js';
import { planAhead } from '../../../../shared/deepen/events/series.service.js';
import { editFrom } from '../../../../shared/deepen/events/manage.service.js';
import { EVENT_PLAN_JOB } from '../../../../shared/deepen/events/event-jobs.job.js';
import mongoose from 'mongoose';
import { at, createEvent, EN, stampOf } from './helpers.js';

const zone = 'Asia/Tokyo';
const db = () => mongoose.connection.db!;

describe('Events: changing a series’ repeat from an occurrence on (emulator)', () => {
  useMongoose('events_repeat_edit');
  let w: EventsWorld;
  beforeEach(async () => {
    // Wednesday 13 January 2027.
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
  });
  afterEach(async () => {
    await w.stop();
  });

  const scheduled = async () =>
    EventOccurrence.find({ guildId: w.guildId, status: 'scheduled' }).sort({ start: 1 }).lean();
  const dates = async () => (await scheduled()).map((o) => o.localDate);
  const discordStarts = () =>
    w.emu.state.scheduledEvents
      .list(w.guildId)
      .map((e) => e.scheduledStartTime)
      .sort();
  // A re-plan is several Discord calls per occurrence (events, announcements, DMs) before the
  // reply: on a loaded machine that takes longer than a plain command's 5 s.
  const edit = (options: Record<string, string | number | boolean>) =>
    w.drivers
      .runSlashCommand(w.guildId, w.channels.general, w.organiserId, 'event edit', options, EN)
      .waitForReply(15_000);
  const saturdays = () =>
    createEvent(w, { title: 'Saturday chat', when: '2027-01-16 20:00', repeat: 'weekly' });
  const click = (messageId: string, id: string, userId: string) =>
    w.drivers.clickButton(messageId, id, userId, EN).waitForFollowUp();

  it('weekly → every two weeks: keeps the dates both have, removes the others, and tells their "yes" holders', async () => {
    const { occurrences, announcement } = await saturdays();
    expect(occurrences.map((o) => o.localDate)).to.deep.equal([
      '2027-01-16',
      '2027-01-23',
      '2027-01-30',
      '2027-02-06',
    ]);
    const second = occurrences[1]!;
    const fan = w.seeded.members[2]!.id;
    await click(second.announcement!.messageId!, `event:rsvp:${second._id}:yes`, fan);
    const reply = await edit({ event: String(occurrences[0]!._id), repeat: 'every two weeks' });
    expect(reply.content).to.include('Occurrences updated: 2, added: 0, removed: 2');
    expect(await dates()).to.deep.equal(['2027-01-16', '2027-01-30']);
    const removed = await EventOccurrence.find({ status: 'cancelled' }).lean();
    expect(removed.map((o) => [o.localDate, o.problems])).to.deep.equal([
      ['2027-01-23', ['deepen.events.problem.replanned']],
      ['2027-02-06', ['deepen.events.problem.replanned']],
    ]);
    // Their Discord events are deleted; the kept ones stay, one each.
    expect(discordStarts()).to.deep.equal((await scheduled()).map((o) => o.start.toISOString()));
    for (const o of removed)
      expect(w.emu.state.scheduledEvents.list(w.guildId).map((e) => e.id)).to.not.include(o.discordEventId);
    const dm = await w.until(
      () => w.drivers.dmsTo(fan).find((m) => m.content?.includes('no longer planned')),
      'the DM to the "yes" of a removed occurrence',
    );
    expect(dm.content).to.include('Saturday chat');
    await w.until(
      () => announcement(second.announcement!.messageId!)!.embeds?.[0]?.title?.startsWith('Cancelled:'),
      'the removed occurrence’s announcement says so',
    );
    const series = await EventSeries.findOne({}).lean();
    expect(series!.recurrence).to.deep.equal({ kind: 'weekly', interval: 2, weekday: 6 });
  });

  it('weekly → 2nd Saturday from the second occurrence: never drags its RSVPs three weeks on; it goes, 13 Feb is new', async () => {
    const { occurrences } = await saturdays();
    const second = occurrences[1]!;
    const fan = w.seeded.members[2]!.id;
    await click(second.announcement!.messageId!, `event:rsvp:${second._id}:yes`, fan);
    const reply = await edit({ event: String(second._id), repeat: '第2土曜' });
    expect(reply.content).to.include('Occurrences updated: 0, added: 1, removed: 3');
    const kept = await w.until(async () => {
      const docs = await scheduled();
      return docs.length === 2 && docs[1]!.discordEventId && docs[1]!.announcement?.messageId ? docs : null;
    }, 'the new occurrence published');
    expect(kept.map((o) => o.localDate)).to.deep.equal(['2027-01-16', '2027-02-13']);
    expect(String(kept[1]!._id)).to.not.equal(String(second._id));
    expect(kept[1]!.rsvps).to.deep.equal([]);
    expect(kept[1]!.toPublish).to.equal(false);
    const dm = await w.until(
      () => w.drivers.dmsTo(fan).find((m) => m.content?.includes('no longer planned')),
      'the removed occurrence’s "yes" told',
    );
    expect(dm.content).to.include(stampOf(second.start));
    expect(discordStarts()).to.deep.equal(kept.map((o) => o.start.toISOString()));
    const series = await EventSeries.findOne({}).lean();
    expect(series!.recurrence).to.deep.equal({ kind: 'monthlyNthWeekday', nth: 2, weekday: 6 });
    expect(series!.startDate).to.equal('2027-02-13');
  });

  it('Saturdays → Sundays: each moves a day with its RSVPs and Discord event, and its "yes" holders get both times', async () => {
    const { occurrences } = await saturdays();
    const second = occurrences[1]!;
    const fan = w.seeded.members[2]!.id;
    await click(second.announcement!.messageId!, `event:rsvp:${second._id}:yes`, fan);
    const reply = await edit({
      event: String(occurrences[0]!._id),
      when: '2027-01-17 20:00',
      repeat: 'weekly',
    });
    expect(reply.content).to.include('Updated 4 occurrences');
    expect(await dates()).to.deep.equal(['2027-01-17', '2027-01-24', '2027-01-31', '2027-02-07']);
    const moved = (await EventOccurrence.findById(second._id).lean())!;
    expect(moved.rsvps.map((r) => r.userId)).to.deep.equal([fan]);
    expect(moved.discordEventId).to.equal(second.discordEventId);
    const dm = await w.until(
      () => w.drivers.dmsTo(fan).find((m) => m.content?.includes('has moved')),
      'the DM with the new time',
    );
    expect(dm.content)
      .to.include(stampOf(at('2027-01-23T20:00', zone)))
      .and.include(stampOf(at('2027-01-24T20:00', zone)));
    await w.until(
      async () => (await EventOccurrence.findById(second._id).lean())!.changeToTell.length === 0,
      'the notice dropped once told',
    );
    expect(w.drivers.dmsTo(fan).filter((m) => m.content?.includes('has moved'))).to.have.length(1);
  });

  it('refuses a `when` before the edited occurrence (the series changes from it on), changing nothing', async () => {
    const { occurrences } = await saturdays();
    const before = { dates: await dates(), discord: discordStarts() };
    const reply = await edit({
      event: String(occurrences[2]!._id),
      when: '2027-01-17 20:00',
      repeat: 'weekly',
    });
    expect(reply.content).to.include('is before this occurrence (2027-01-30)');
    expect(await dates()).to.deep.equal(before.dates);
    expect(discordStarts()).to.deep.equal(before.discord);
  });

  it('a worker that dies after Tsunagu’s side: a run again returns the removed ones, and the planning job deletes them and tells each person once', async () => {
    const { occurrences } = await saturdays();
    const second = occurrences[1]!;
    const fan = w.seeded.members[2]!.id;
    await click(second.announcement!.messageId!, `event:rsvp:${second._id}:yes`, fan);
    const run = () =>
      editFrom({
        guildId: w.guildId,
        occurrenceId: String(occurrences[0]!._id),
        patch: { repeat: 'every two weeks' },
        locale: 'en',
        now: w.now(),
      });
    await run();
    const pending = (await EventOccurrence.findById(second._id).lean())!;
    expect([pending.status, pending.removalPending, pending.changeToTell]).to.deep.equal([
      'cancelled',
      true,
      [fan],
    ]);
    // The replacement worker runs the edit again: the removed ones are still handed to Discord's side.
    const again = await run();
    expect(again.filter((o) => o.status === 'cancelled').map((o) => o.localDate)).to.deep.equal([
      '2027-01-23',
      '2027-02-06',
    ]);
    expect(w.emu.state.scheduledEvents.list(w.guildId)).to.have.length(4);
    const runPlanning = async () => {
      const stamp = new Date();
      await db()
        .collection('agendaJobs')
        .updateMany({ name: EVENT_PLAN_JOB }, { $set: { nextRunAt: new Date() } });
      await w.until(
        async () =>
          (await db()
            .collection('agendaJobs')
            .countDocuments({ name: EVENT_PLAN_JOB, lastFinishedAt: { $gte: stamp } })) > 0,
        'the planning job run',
      );
    };
    await runPlanning();
    const done = (await EventOccurrence.findById(second._id).lean())!;
    expect([done.removalPending, done.changeToTell]).to.deep.equal([false, []]);
    expect(discordStarts()).to.deep.equal((await scheduled()).map((o) => o.start.toISOString()));
    await runPlanning();
    expect(w.drivers.dmsTo(fan).filter((m) => m.content?.includes('no longer planned'))).to.have.length(1);
  });

  it('weekly → every two weeks → weekly again: the removed one comes back, and its former "yes" is told so', async () => {
    const { occurrences } = await saturdays();
    const second = occurrences[1]!;
    const fan = w.seeded.members[2]!.id;
    await click(second.announcement!.messageId!, `event:rsvp:${second._id}:yes`, fan);
    await edit({ event: String(occurrences[0]!._id), repeat: 'every two weeks' });
    await w.until(
      () => w.drivers.dmsTo(fan).find((m) => m.content?.includes('no longer planned')),
      'told it is gone',
    );
    const reply = await edit({ event: String(occurrences[0]!._id), repeat: 'weekly' });
    expect(reply.content).to.include('added: 2');
    const dm = await w.until(
      () => w.drivers.dmsTo(fan).find((m) => m.content?.includes('planned again')),
      'told it is back',
    );
    expect(dm.content).to.include(stampOf(second.start));
    const back = await w.until(async () => {
      const doc = await EventOccurrence.findById(second._id).lean();
      return doc?.status === 'scheduled' && doc.discordEventId && doc.changeToTell.length === 0 ? doc : null;
    }, 'the occurrence back, published, its notice done');
    expect([back.rsvps, back.removedYes, back.toPublish]).to.deep.equal([[], [], false]);
  });

  it('every two weeks → weekly: creates the dates in between, each with its Discord event and announcement', async () => {
    await createEvent(w, { title: 'Fortnightly', when: '2027-01-16 20:00', repeat: 'every two weeks' });
    const first = (await scheduled())[0]!;
    const reply = await edit({ event: String(first._id), repeat: 'weekly' });
    expect(reply.content).to.include('added: 2');
    const now = await w.until(async () => {
      const docs = await scheduled();
      return docs.length === 4 && docs.every((d) => d.discordEventId && d.announcement?.messageId)
        ? docs
        : null;
    }, 'the new occurrences published');
    expect(now.map((o) => o.localDate)).to.deep.equal([
      '2027-01-16',
      '2027-01-23',
      '2027-01-30',
      '2027-02-06',
    ]);
    expect(discordStarts()).to.deep.equal(now.map((o) => o.start.toISOString()));
    const jobs = await w.jobs();
    for (const o of now)
      expect(
        jobs.filter((j) => j.name === 'deepen:event:start' && j.data.occurrenceId === String(o._id)),
      ).to.have.length(1);
  });

  it('turns a one-off event into a weekly series from it, publishing the new occurrences', async () => {
    const { occurrences } = await createEvent(w, { title: 'Once', when: '2027-01-16 20:00' });
    const reply = await edit({ event: String(occurrences[0]!._id), repeat: 'weekly' });
    expect(reply.content).to.include('added: 3');
    const now = await w.until(async () => {
      const docs = await scheduled();
      return docs.length === 4 && docs.every((d) => d.discordEventId && d.announcement?.messageId)
        ? docs
        : null;
    }, 'the series published');
    expect(now.map((o) => o.localDate)).to.deep.equal([
      '2027-01-16',
      '2027-01-23',
      '2027-01-30',
      '2027-02-06',
    ]);
    expect(String(now[0]!._id)).to.equal(String(occurrences[0]!._id));
    expect((await EventSeries.findOne({}).lean())!.recurrence).to.deep.equal({
      kind: 'weekly',
      interval: 1,
      weekday: 6,
    });
  });

  it('stops repeating after an occurrence: the later ones go and planning adds none', async () => {
    const { occurrences } = await saturdays();
    await edit({ event: String(occurrences[1]!._id), stop_repeating: true });
    expect(await dates()).to.deep.equal(['2027-01-16', '2027-01-23']);
    const series = await EventSeries.findOne({}).lean();
    expect(series!.recurrence).to.equal(null);
    expect(await planAhead(String(series!._id), at('2027-01-24T10:00', zone))).to.deep.equal([]);
    expect(discordStarts()).to.have.length(2);
  });

  it('refuses a new repeat whose dates meet another event in the lobby, and changes nothing', async () => {
    const { occurrences } = await saturdays();
    await createEvent(w, { title: 'Tuesday talk', when: '2027-01-19 20:00' });
    const before = { dates: await dates(), discord: discordStarts() };
    const reply = await edit({ event: String(occurrences[0]!._id), repeat: 'weekdays' });
    expect(reply.content).to.include('Tuesday talk');
    expect(await dates()).to.deep.equal(before.dates);
    expect(discordStarts()).to.deep.equal(before.discord);
    expect((await EventSeries.findOne({ title: 'Saturday chat' }).lean())!.recurrence).to.deep.include({
      kind: 'weekly',
    });
  });

  it('answers an unreadable repeat, and a repeat given with stop_repeating, without changing anything', async () => {
    const { occurrences } = await saturdays();
    const unreadable = await edit({ event: String(occurrences[0]!._id), repeat: 'now and then' });
    expect(unreadable.content).to.include('now and then');
    const both = await edit({ event: String(occurrences[0]!._id), repeat: 'weekly', stop_repeating: true });
    expect(both.content).to.include('not both');
    expect(await dates()).to.deep.equal(occurrences.map((o) => o.localDate));
  });
});
