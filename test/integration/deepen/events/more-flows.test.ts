import { expect } from 'chai';
import { DateTime } from 'luxon';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { EventOccurrence } from '../../../../shared/deepen/events/event.model.js';
import { updateGuildSettings } from '../../../../shared/kernel/guild-settings.service.js';
import { at, buttonLabels, createEvent, JA } from './helpers.js';

const MIN = 60_000;
const zone = 'Asia/Tokyo';
const local = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

describe('Events: Japanese guilds, monthly and weekday series, reminder settings, the mixer grace period', () => {
  useMongoose('events_more');
  let w: EventsWorld;
  afterEach(async () => {
    await w.stop();
  });

  it('labels the announcement 参加 / 未定 / 不参加 in a Japanese guild', async () => {
    w = await startEventsWorld({ zone, locale: 'ja', start: at('2027-01-13T10:00', zone) });
    const { occurrences, announcement } = await createEvent(w, { title: '交流会', when: '明日の夜8時' }, JA);
    expect(local(occurrences[0]!.start)).to.equal('2027-01-14T20:00');
    expect(buttonLabels(announcement(occurrences[0]!.announcement!.messageId!)!)).to.deep.equal([
      '参加 (0)',
      '未定 (0)',
      '不参加 (0)',
    ]);
  });

  it('plans a 第2土曜 series on the second Saturday of each month, and a weekday series on weekdays only', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-04T10:00', zone) });
    await createEvent(w, { title: 'Monthly', when: '2027-01-09 20:00', repeat: '第2土曜' }, JA);
    await createEvent(w, { title: 'Lunch', when: '2027-01-05 12:30', repeat: '平日', duration: 30 }, JA);
    const byTitle = async (title: string) =>
      (await EventOccurrence.find({ title }).sort({ start: 1 }).lean()).map((o) => local(o.start));
    // The next one is always planned, however far; later ones within four weeks.
    expect(await byTitle('Monthly')).to.deep.equal(['2027-01-09T20:00']);
    expect(await byTitle('Lunch')).to.deep.equal([
      '2027-01-05T12:30',
      '2027-01-06T12:30',
      '2027-01-07T12:30',
      '2027-01-08T12:30',
    ]);
  });

  it("uses the guild's own reminder times", async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    await updateGuildSettings(w.guildId, { eventReminderMinutes: [120, 60] });
    const { occurrences } = await createEvent(w, { title: 'Custom', when: 'tomorrow 8pm' });
    const start = occurrences[0]!.start.getTime();
    const reminders = (await w.jobs()).filter((j) => j.name === 'deepen:event:reminder');
    expect(reminders.map((j) => j.nextRunAt!.getTime()).sort()).to.deep.equal([
      start - 120 * MIN,
      start - 60 * MIN,
    ]);
  });

  it('waits five minutes for people before the mixer when too few are in the lobby at the start', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const { occurrences } = await createEvent(w, { title: 'Few', when: 'tomorrow 8pm', group_size: 3 });
    const occ = occurrences[0]!;
    w.drivers.voiceJoin(w.guildId, w.seeded.members[1]!.id, w.channels.lobby);
    w.setNow(occ.start);
    await w.runDue();
    const mixerJob = await w.until(
      async () => (await w.jobs()).find((j) => j.name === 'deepen:event:mixer'),
      'the mixer job',
    );
    expect(mixerJob.nextRunAt!.getTime()).to.equal(occ.start.getTime() + 5 * MIN);
    expect((await EventOccurrence.findById(occ._id).lean())!.mixerOutcome?.state).to.equal('none');
    w.setNow(new Date(occ.start.getTime() + 5 * MIN));
    await w.runDue();
    // One person came: the mixer refuses to start with fewer than 3, and the occurrence says why.
    const outcome = await w.until(async () => {
      const state = (await EventOccurrence.findById(occ._id).lean())?.mixerOutcome;
      return state && !['none', 'pending'].includes(state.state) ? state : null;
    }, 'the mixer outcome');
    expect(outcome).to.deep.include({
      state: 'notRun',
      detail: 'deepen.mixer.error.tooFew',
      detailVars: { count: 1 },
    });
  });

  it('keeps the event active when Discord completes it after the lobby empties (a mixer does that), then ends it', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const { occurrences } = await createEvent(w, { title: 'Emptied', when: 'tomorrow 8pm' });
    const occ = occurrences[0]!;
    const guest = w.seeded.members[1]!.id;
    w.drivers.voiceJoin(w.guildId, guest, w.channels.lobby);
    w.setNow(occ.start);
    await w.runDue();
    await w.until(
      () => w.emu.state.scheduledEvents.get(w.guildId, occ.discordEventId!).status === 2,
      'ACTIVE',
    );
    // Everyone moves to a breakout room: Discord completes the voice event minutes later.
    w.drivers.voiceMove(w.guildId, guest, w.channels.room);
    w.setNow(new Date(occ.start.getTime() + 10 * MIN));
    expect(w.emu.state.scheduledEvents.get(w.guildId, occ.discordEventId!).status).to.equal(3);
    expect((await EventOccurrence.findById(occ._id).lean())!.status).to.equal('active');
    w.setNow(occ.end);
    expect(await w.runDue()).to.be.greaterThan(0);
    await w.until(
      async () => (await EventOccurrence.findById(occ._id).lean())?.status === 'completed',
      'ended by the bot',
    );
    expect((await EventOccurrence.findById(occ._id).lean())!.attendance.map((a) => a.userId)).to.deep.equal([
      guest,
    ]);
  });

  it('tells the organiser when Discord refuses the 101st open event (30038), and still announces it', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    for (let i = 0; i < 100; i++)
      w.emu.state.scheduledEvents.create(w.guildId, {
        name: `Other ${i}`,
        channelId: w.channels.room,
        scheduledStartTime: new Date(at('2027-02-01T10:00', zone).getTime() + i * 3_600_000).toISOString(),
        entityType: 2,
      });
    const { done, occurrences } = await createEvent(w, { title: 'One too many', when: 'tomorrow 8pm' });
    expect(done.content).to.include('Discord allows 100 upcoming events per server');
    expect(occurrences[0]!.discordEventId).to.equal(null);
    expect(occurrences[0]!.problems).to.deep.equal(['deepen.events.problem.tooManyEvents']);
  });

  it('says when no events channel is set: the event exists, without an announcement', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    await updateGuildSettings(w.guildId, { channels: { events: null } });
    const shown = await w.drivers
      .runSlashCommand(
        w.guildId,
        w.channels.general,
        w.organiserId,
        'event create',
        { title: 'Quiet', when: 'tomorrow 8pm' },
        { locale: 'en-US' },
      )
      .waitForReply();
    const confirm =
      shown.components?.[0] && 'components' in shown.components[0]
        ? shown.components[0].components[0]
        : undefined;
    const id = confirm && 'custom_id' in confirm ? confirm.custom_id : '';
    const done = await w.drivers.clickButton(shown.id, id, w.organiserId, { locale: 'en-US' }).waitForReply();
    expect(done.content).to.include('No events channel is set');
    const occ = await EventOccurrence.findOne().lean();
    expect(occ!.discordEventId).to.be.a('string');
  });

  it('says in the events channel that the organiser left, and the event stays planned', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const { occurrences } = await createEvent(w, { title: 'Orphan', when: 'tomorrow 8pm' });
    w.drivers.memberLeave(w.guildId, w.organiserId);
    await w.until(
      () =>
        w.drivers
          .messagesIn(w.channels.events)
          .find((m) => m.content?.includes('The organiser of Orphan left')),
      'the notice',
    );
    expect((await EventOccurrence.findById(occurrences[0]!._id).lean())!.status).to.equal('scheduled');
  });
});
