import { expect } from 'chai';
import { GuildScheduledEventStatus as Status } from 'discord-api-types/v10';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { EventOccurrence } from '../../../../shared/deepen/events/event.model.js';
import { at, buttonLabels, createEvent, customIds, EN, JA, preview, stampOf } from './helpers.js';

const MIN = 60_000;

describe('Events: /event create by natural language, RSVP, reminders, start and end (emulator)', () => {
  useMongoose('events_run');
  let w: EventsWorld;
  const zone = 'Asia/Tokyo';
  // Wednesday 13 January 2027, 10:00 in Tokyo (in the future of the test run, so agenda waits for runDue).
  const wednesday = at('2027-01-13T10:00', zone);

  beforeEach(async () => {
    w = await startEventsWorld({ zone, start: wednesday });
  });
  afterEach(async () => {
    await w.stop();
  });

  it('reads "next Friday 9pm" in the guild zone, shows it, and creates nothing before the confirm', async () => {
    const shown = await preview(w, { title: 'Career chat', when: 'next Friday 9pm' });
    const expected = at('2027-01-22T21:00', zone);
    expect(shown.embeds?.[0]?.description).to.include(stampOf(expected)).and.include('Asia/Tokyo');
    expect(customIds(shown).some((id) => id.startsWith('event:confirm:'))).to.equal(true);
    expect(await EventOccurrence.countDocuments()).to.equal(0);
    expect(w.emu.state.scheduledEvents.list(w.guildId)).to.have.length(0);
  });

  it('reads 来週土曜 20時 typed in Japanese and creates the VOICE event on the lobby with an announcement', async () => {
    const { occurrences, announcement, done } = await createEvent(
      w,
      { title: '業界別トーク', when: '来週土曜 20時' },
      JA,
    );
    const [occ] = occurrences;
    expect(occ!.start.toISOString()).to.equal(at('2027-01-23T20:00', zone).toISOString());
    expect(done.content).to.include('業界別トーク');
    const discord = w.emu.state.scheduledEvents.get(w.guildId, occ!.discordEventId!);
    expect(discord).to.include({ channelId: w.channels.lobby, entityType: 2, status: Status.Scheduled });
    expect(Date.parse(discord.scheduledStartTime)).to.equal(occ!.start.getTime());
    const post = announcement(occ!.announcement!.messageId!);
    // The guild's locale (en here) labels the public announcement; counts start at zero.
    expect(buttonLabels(post!)).to.deep.equal(['Going (0)', 'Maybe (0)', 'Not going (0)']);
  });

  it('answers an unparseable or past time with suggestions to type instead', async () => {
    const nonsense = await preview(w, { title: 'X', when: 'someday soonish' });
    expect(nonsense.content).to.include('could not read').and.include('`2027-01-14 20:00`');
    const past = await preview(w, { title: 'X', when: '2027-01-12 20:00' });
    expect(past.content)
      .to.include('in the past')
      .and.include(stampOf(at('2027-01-14T20:00', zone)));
    expect(await EventOccurrence.countDocuments()).to.equal(0);
  });

  it('runs the whole life: RSVP, reminders 24 h and 15 min before, ACTIVE with a role mention, attendance, the end', async () => {
    const { occurrences, announcement } = await createEvent(w, {
      title: 'Career chat',
      when: 'tomorrow 8:30pm',
      duration: 60,
    });
    const occ = occurrences[0]!;
    const start = at('2027-01-14T20:30', zone);
    expect(occ.start.toISOString()).to.equal(start.toISOString());
    const guest = w.seeded.members[1]!.id;
    const post = announcement(occ.announcement!.messageId!)!;
    await w.drivers.clickButton(post.id, `event:rsvp:${occ._id}:yes`, guest, EN).waitForFollowUp();
    await w.until(
      () => buttonLabels(announcement(post.id)!)[0] === 'Going (1)',
      'the count on the announcement',
    );

    const jobs = await w.jobs();
    const reminders = jobs
      .filter((j) => j.name === 'deepen:event:reminder')
      .map((j) => j.nextRunAt?.toISOString())
      .sort();
    expect(reminders).to.deep.equal(
      [new Date(start.getTime() - 1440 * MIN), new Date(start.getTime() - 15 * MIN)]
        .map((d) => d.toISOString())
        .sort(),
    );
    expect(await w.runDue(), 'nothing fires at creation').to.equal(0);

    w.setNow(new Date(start.getTime() - 1441 * MIN));
    expect(await w.runDue()).to.equal(0);
    w.setNow(new Date(start.getTime() - 1440 * MIN));
    expect(await w.runDue()).to.equal(1);
    const dm = await w.until(
      () => w.drivers.dmsTo(guest).find((m) => m.content?.includes('Career chat')),
      'the 24 h reminder',
    );
    expect(customIds(dm)).to.deep.equal([`event:remindoff:${occ._id}:${w.guildId}`]);

    w.setNow(new Date(start.getTime() - 15 * MIN));
    expect(await w.runDue()).to.equal(1);
    await w.until(() => w.drivers.dmsTo(guest).length === 2, 'the 15 min reminder');

    w.drivers.voiceJoin(w.guildId, guest, w.channels.lobby);
    w.setNow(start);
    expect(await w.runDue()).to.equal(1);
    const discordId = occ.discordEventId!;
    await w.until(
      () => w.emu.state.scheduledEvents.get(w.guildId, discordId).status === Status.Active,
      'ACTIVE set by the bot',
    );
    await w.until(
      () => w.drivers.messagesIn(w.channels.events).find((m) => m.content?.includes(`<@&${w.roles.alumni}>`)),
      'the role mention at the start',
    );
    const late = w.seeded.members[2]!.id;
    w.drivers.voiceJoin(w.guildId, late, w.channels.lobby);
    await w.until(
      async () => (await EventOccurrence.findById(occ._id).lean())?.attendance.length === 2,
      'attendance',
    );

    w.setNow(new Date(start.getTime() + 60 * MIN));
    expect(await w.runDue()).to.equal(1);
    await w.until(
      () => w.emu.state.scheduledEvents.get(w.guildId, discordId).status === Status.Completed,
      'completed by the bot',
    );
    const ended = await EventOccurrence.findById(occ._id).lean();
    expect(ended?.status).to.equal('completed');
    expect(ended?.attendance.map((a) => a.userId).sort()).to.deep.equal([guest, late].sort());
    expect(w.drivers.dmsTo(guest)).to.have.length(2);
  });
});
