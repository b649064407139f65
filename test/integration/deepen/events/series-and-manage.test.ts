import { expect } from 'chai';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { GuildScheduledEventStatus as Status } from 'discord-api-types/v10';
import { DateTime } from 'luxon';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { EventOccurrence, EventSeries } from '../../../../shared/deepen/events/event.model.js';
import { at, createEvent, EN } from './helpers.js';

const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

async function occurrences(w: EventsWorld) {
  return EventOccurrence.find({ guildId: w.guildId }).sort({ start: 1 }).lean();
}

describe('Events: recurring series across DST, list/info/edit/cancel (emulator)', () => {
  useMongoose('events_series');
  let w: EventsWorld;
  afterEach(async () => {
    await w.stop();
  });

  it('keeps a weekly Europe/London series at 19:00 local across the March change, one Discord event each', async () => {
    const zone = 'Europe/London';
    w = await startEventsWorld({ zone, start: at('2027-03-15T10:00', zone) });
    await createEvent(w, { title: 'Thursday chat', when: '2027-03-25 19:00', repeat: 'weekly' });
    let occs = await occurrences(w);
    expect(occs.map((o) => local(o.start, zone))).to.deep.equal([
      '2027-03-25T19:00',
      '2027-04-01T19:00',
      '2027-04-08T19:00',
    ]);
    // The UTC instant moves by an hour when the clocks go forward on 28 March.
    expect(occs.map((o) => o.start.toISOString().slice(11, 16))).to.deep.equal(['19:00', '18:00', '18:00']);
    for (const o of occs) {
      const discord = w.emu.state.scheduledEvents.get(w.guildId, o.discordEventId!);
      expect(Date.parse(discord.scheduledStartTime)).to.equal(o.start.getTime());
    }
    expect(new Set(occs.map((o) => o.discordEventId)).size).to.equal(3);

    // As the first occurrence starts, the series plans ahead: no occurrence twice, each its own event.
    w.setNow(occs[0]!.start);
    await w.runDue();
    await w.until(
      async () =>
        (await occurrences(w)).length === 5 && (await occurrences(w)).every((o) => o.discordEventId),
      'planned ahead',
    );
    occs = await occurrences(w);
    expect(occs.map((o) => local(o.start, zone)).slice(3)).to.deep.equal([
      '2027-04-15T19:00',
      '2027-04-22T19:00',
    ]);
  });

  it('keeps it at 19:00 local across the October change too', async () => {
    const zone = 'Europe/London';
    w = await startEventsWorld({ zone, start: at('2027-10-18T10:00', zone) });
    await createEvent(w, { title: 'Autumn chat', when: '2027-10-28 19:00', repeat: 'every Thursday' });
    const occs = await occurrences(w);
    expect(occs.map((o) => local(o.start, zone)).slice(0, 2)).to.deep.equal([
      '2027-10-28T19:00',
      '2027-11-04T19:00',
    ]);
    expect(occs.map((o) => o.start.toISOString().slice(11, 16)).slice(0, 2)).to.deep.equal([
      '18:00',
      '19:00',
    ]);
  });

  it('keeps a weekly America/New_York series at 20:00 local across the March change', async () => {
    const zone = 'America/New_York';
    w = await startEventsWorld({ zone, start: at('2027-03-08T09:00', zone) });
    await createEvent(w, { title: '土曜の会', when: '2027-03-13 20:00', repeat: '毎週土曜' });
    const occs = await occurrences(w);
    expect(occs.map((o) => local(o.start, zone))).to.deep.equal([
      '2027-03-13T20:00',
      '2027-03-20T20:00',
      '2027-03-27T20:00',
      '2027-04-03T20:00',
    ]);
    expect(occs[0]!.start.toISOString()).to.equal('2027-03-14T01:00:00.000Z');
    expect(occs[1]!.start.toISOString()).to.equal('2027-03-21T00:00:00.000Z');
  });

  it('cancels one occurrence (the series goes on, those who said yes are told), then edits from an occurrence on', async () => {
    const zone = 'Asia/Tokyo';
    w = await startEventsWorld({ zone, start: at('2027-01-04T10:00', zone) });
    const { announcement } = await createEvent(w, {
      title: 'Weekly',
      when: '2027-01-07 20:00',
      repeat: 'every Thursday',
    });
    let occs = await occurrences(w);
    const second = occs[1]!;
    const fan = w.seeded.members[3]!.id;
    await w.drivers
      .clickButton(second.announcement!.messageId!, `event:rsvp:${second._id}:yes`, fan, EN)
      .waitForFollowUp();

    const listed = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, fan, 'event list', {}, EN)
      .waitForReply();
    expect(listed.embeds?.[0]?.description).to.include(String(second._id)).and.include('1 going');
    const info = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, fan, 'event info', { event: String(second._id) }, EN)
      .waitForReply();
    expect(info.embeds?.[0]?.title).to.equal('Weekly');

    const cancel = w.drivers.runSlashCommand(
      w.guildId,
      w.channels.general,
      w.organiserId,
      'event cancel',
      { event: String(second._id) },
      EN,
    );
    expect((await cancel.waitForReply()).content).to.include('Cancelled 1 occurrence');
    await w.until(
      () => w.drivers.dmsTo(fan).find((m) => m.content?.includes('has been cancelled')),
      'the cancellation DM',
    );
    expect(w.emu.state.scheduledEvents.get(w.guildId, second.discordEventId!).status).to.equal(
      Status.Canceled,
    );
    await w.until(
      () => announcement(second.announcement!.messageId!)?.embeds?.[0]?.title?.startsWith('Cancelled'),
      'the announcement',
    );
    occs = await occurrences(w);
    expect(occs.map((o) => o.status)).to.deep.equal(['scheduled', 'cancelled', 'scheduled', 'scheduled']);
    expect((await EventSeries.findOne().lean())!.skips).to.deep.equal(['2027-01-14']);

    const third = occs[2]!;
    const edit = w.drivers.runSlashCommand(
      w.guildId,
      w.channels.general,
      w.organiserId,
      'event edit',
      { event: String(third._id), when: '21:30', title: 'Weekly (late)' },
      EN,
    );
    expect((await edit.waitForReply()).content).to.include('Updated 2 occurrence');
    occs = await occurrences(w);
    expect(occs.map((o) => `${local(o.start, zone)} ${o.title}`)).to.deep.equal([
      '2027-01-07T20:00 Weekly',
      '2027-01-14T20:00 Weekly',
      '2027-01-21T21:30 Weekly (late)',
      '2027-01-28T21:30 Weekly (late)',
    ]);
    const discord = w.emu.state.scheduledEvents.get(w.guildId, occs[2]!.discordEventId!);
    expect(discord.name).to.equal('Weekly (late)');
    expect(Date.parse(discord.scheduledStartTime)).to.equal(occs[2]!.start.getTime());

    const all = w.drivers.runSlashCommand(
      w.guildId,
      w.channels.general,
      w.organiserId,
      'event cancel',
      { event: String(occs[0]!._id), series: true },
      EN,
    );
    expect((await all.waitForReply()).content).to.include('Cancelled 3 occurrence');
    expect((await EventSeries.findOne().lean())!.status).to.equal('cancelled');
  });

  it('starts the mixer when an event with mixer settings starts, and records it on the occurrence', async () => {
    const zone = 'Asia/Tokyo';
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const { occurrences: occs } = await createEvent(w, {
      title: 'Mixer night',
      when: 'tomorrow 8pm',
      group_size: 3,
      rounds: 2,
      minutes: 10,
    });
    for (const i of [1, 2, 3, 4, 5, 6])
      w.drivers.voiceJoin(w.guildId, w.seeded.members[i]!.id, w.channels.lobby);
    w.setNow(occs[0]!.start);
    await w.runDue();
    const done = await w.until(async () => {
      const doc = await EventOccurrence.findById(occs[0]!._id).lean();
      return doc?.mixerOutcome?.state && !['none', 'pending'].includes(doc.mixerOutcome.state) ? doc : null;
    }, 'the mixer outcome');
    expect(done.mixerOutcome, JSON.stringify(done.mixerOutcome)).to.deep.include({ state: 'started' });
    const run = await MixerRun.findOne({ runId: done.mixerOutcome!.mixerId }).lean();
    expect(run).to.deep.include({
      guildId: w.guildId,
      lobbyChannelId: w.channels.lobby,
      eventId: String(occs[0]!._id),
    });
  });

  it('loses nothing across a worker restart between scheduling and firing', async () => {
    const zone = 'Asia/Tokyo';
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const { occurrences: occs } = await createEvent(w, { title: 'Restart', when: 'tomorrow 8pm' });
    const fan = w.seeded.members[2]!.id;
    await w.drivers
      .clickButton(occs[0]!.announcement!.messageId!, `event:rsvp:${occs[0]!._id}:yes`, fan, EN)
      .waitForFollowUp();
    await w.restartBot();
    w.setNow(new Date(occs[0]!.start.getTime() - 15 * 60_000));
    expect(await w.runDue()).to.equal(2); // the 24 h reminder (overdue) and the 15 min one
    await w.until(() => w.drivers.dmsTo(fan).length === 2, 'both reminders after the restart');
  });
});
