import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { EventOccurrence, EventSeries } from '../../../../shared/deepen/events/event.model.js';
import { at, buttonLabels, createEvent, customIds, EN, preview } from './helpers.js';

const MIN = 60_000;

describe('Events: RSVP with capacity and waitlist, Interested, and bad input (emulator)', () => {
  useMongoose('events_rsvp');
  let w: EventsWorld;
  const zone = 'Asia/Tokyo';
  const wednesday = at('2027-01-13T10:00', zone);

  beforeEach(async () => {
    w = await startEventsWorld({ zone, start: wednesday });
  });
  afterEach(async () => {
    await w.stop();
  });

  const click = (messageId: string, id: string, userId: string) =>
    w.drivers.clickButton(messageId, id, userId, EN).waitForFollowUp();

  it('puts the third "yes" on the waitlist at capacity 2 and moves them up (with a DM) when the first drops', async () => {
    const { occurrences, announcement } = await createEvent(w, {
      title: 'Small table',
      when: 'tomorrow 8pm',
      capacity: 2,
    });
    const occ = occurrences[0]!;
    const post = announcement(occ.announcement!.messageId!)!;
    const [a, b, c] = [1, 2, 3].map((i) => w.seeded.members[i]!.id) as [string, string, string];
    expect((await click(post.id, `event:rsvp:${occ._id}:yes`, a)).content).to.include('You are going');
    await click(post.id, `event:rsvp:${occ._id}:yes`, b);
    const waiting = await click(post.id, `event:rsvp:${occ._id}:yes`, c);
    expect(waiting.content).to.include('number 1 on the waitlist');
    await click(post.id, `event:rsvp:${occ._id}:no`, a);
    await w.until(
      () => w.drivers.dmsTo(c).find((m) => m.content?.includes('A seat freed up')),
      'the DM to the promoted member',
    );
    const doc = await EventOccurrence.findById(occ._id).lean();
    expect(
      doc!.rsvps
        .filter((r) => r.answer === 'yes' && !r.waitlisted)
        .map((r) => r.userId)
        .sort(),
    ).to.deep.equal([b, c].sort());
    await w.until(
      () => buttonLabels(announcement(post.id)!).join('|') === 'Going (2)|Maybe (0)|Not going (1)',
      'the counts',
    );
  });

  it('counts two simultaneous clicks both (optimistic lock on the occurrence)', async () => {
    const { occurrences, announcement } = await createEvent(w, { title: 'Busy', when: 'tomorrow 8pm' });
    const occ = occurrences[0]!;
    const post = announcement(occ.announcement!.messageId!)!;
    const people = [1, 2, 3, 4].map((i) => w.seeded.members[i]!.id);
    await Promise.all(people.map((p) => click(post.id, `event:rsvp:${occ._id}:yes`, p)));
    const doc = await EventOccurrence.findById(occ._id).lean();
    expect(doc!.rsvps.map((r) => r.userId).sort()).to.deep.equal([...people].sort());
  });

  it('seats exactly the capacity when more click "yes" at once than there are seats', async () => {
    const { occurrences, announcement } = await createEvent(w, {
      title: 'Two seats',
      when: 'tomorrow 8pm',
      capacity: 2,
    });
    const occ = occurrences[0]!;
    const post = announcement(occ.announcement!.messageId!)!;
    const people = [1, 2, 3, 4].map((i) => w.seeded.members[i]!.id);
    await Promise.all(people.map((p) => click(post.id, `event:rsvp:${occ._id}:yes`, p)));
    const doc = await EventOccurrence.findById(occ._id).lean();
    expect(doc!.rsvps.map((r) => r.userId).sort()).to.deep.equal([...people].sort());
    expect(doc!.rsvps.filter((r) => !r.waitlisted)).to.have.length(2);
    expect(doc!.rsvps.filter((r) => r.waitlisted)).to.have.length(2);
  });

  it("shows Discord's Interested list beside the RSVPs (USER_ADD / USER_REMOVE)", async () => {
    const { occurrences, announcement } = await createEvent(w, { title: 'Soft', when: 'tomorrow 8pm' });
    const occ = occurrences[0]!;
    const fan = w.seeded.members[4]!.id;
    w.emu.state.scheduledEvents.subscribe(w.guildId, occ.discordEventId!, fan);
    const field = () =>
      announcement(occ.announcement!.messageId!)?.embeds?.[0]?.fields?.find((f) =>
        f.name.startsWith('Interested'),
      );
    await w.until(
      () => field()?.name === 'Interested on Discord (1)' && field()?.value.includes(`<@${fan}>`),
      'interested shown',
    );
    w.emu.state.scheduledEvents.unsubscribe(w.guildId, occ.discordEventId!, fan);
    await w.until(
      async () => (await EventOccurrence.findById(occ._id).lean())?.interested.length === 0,
      'interested removed',
    );
  });

  it('mentions in the events channel those whose DMs are closed, and stops reminders on the button', async () => {
    const { occurrences, announcement } = await createEvent(w, { title: 'Remind me', when: 'tomorrow 8pm' });
    const occ = occurrences[0]!;
    const post = announcement(occ.announcement!.messageId!)!;
    const [open, closed] = [1, 2].map((i) => w.seeded.members[i]!.id) as [string, string];
    await click(post.id, `event:rsvp:${occ._id}:yes`, open);
    await click(post.id, `event:rsvp:${occ._id}:yes`, closed);
    w.drivers.closeDms(closed);
    w.setNow(new Date(occ.start.getTime() - 1440 * MIN));
    await w.runDue();
    const dm = await w.until(() => w.drivers.dmsTo(open)[0], 'the DM');
    await w.until(
      () =>
        w.drivers
          .messagesIn(w.channels.events)
          .find((m) => m.content?.includes(`<@${closed}>`) && m.content.includes('DMs are closed')),
      'the fallback mention',
    );
    const stopped = await w.drivers
      .clickButton(dm.id, `event:remindoff:${occ._id}:${w.guildId}`, open, EN)
      .waitForReply();
    expect(stopped.content).to.include('Reminders for this event and its coming repeats are off');
    expect(customIds(stopped)).to.deep.equal([`event:remindon:${occ._id}:${w.guildId}`]);
    w.setNow(new Date(occ.start.getTime() - 15 * MIN));
    await w.runDue();
    expect(w.drivers.dmsTo(open)).to.have.length(1);
    const resumed = await w.drivers
      .clickButton(stopped.id, `event:remindon:${occ._id}:${w.guildId}`, open, EN)
      .waitForReply();
    expect(resumed.content).to.include('back on');
    expect((await EventSeries.findById(occ.seriesId).lean())!.remindersOff).to.deep.equal([]);
  });

  it('creates once when the confirm button is double-clicked, and answers the second click clearly', async () => {
    const shown = await preview(w, { title: 'Once', when: 'tomorrow 8pm' });
    const confirm = customIds(shown).find((id) => id.startsWith('event:confirm:'))!;
    const first = w.drivers.clickButton(shown.id, confirm, w.organiserId, EN);
    const second = w.drivers.clickButton(shown.id, confirm, w.organiserId, EN);
    const answers = [await first.waitForReply(), await second.waitForReply()].map((m) => m.content ?? '');
    expect(answers.filter((a) => a.includes('is scheduled'))).to.have.length(1);
    expect(answers.filter((a) => a.includes('expired or was already used'))).to.have.length(1);
    expect(await EventOccurrence.countDocuments()).to.equal(1);
    expect(w.emu.state.scheduledEvents.list(w.guildId)).to.have.length(1);
  });

  it('refuses a second event in the same lobby at an overlapping time', async () => {
    await createEvent(w, { title: 'First', when: 'tomorrow 8pm', duration: 90 });
    const second = await w.drivers
      .runSlashCommand(
        w.guildId,
        w.channels.general,
        w.organiserId,
        'event create',
        { title: 'Second', when: 'tomorrow 9pm' },
        EN,
      )
      .waitForReply();
    expect(second.content).to.include('The lobby is taken then').and.include('First');
  });

  it('refuses /event create to members who are not organisers, and bad fields with every problem', async () => {
    const member = w.seeded.members[5]!.id;
    const refused = await w.drivers
      .runSlashCommand(
        w.guildId,
        w.channels.general,
        member,
        'event create',
        { title: 'Mine', when: 'tomorrow 8pm' },
        EN,
      )
      .waitForReply();
    expect(refused.content).to.match(/organisers/i);
    const bad = await preview(w, {
      title: 'Bad',
      when: 'tomorrow 8pm',
      repeat: 'every 3 weeks',
      strategy: 'zodiac',
    });
    expect(bad.content).to.include('zodiac').and.include('every 3 weeks');
  });

  it('tells the organiser in the events channel when the lobby is deleted before the start', async () => {
    const { occurrences } = await createEvent(w, { title: 'Homeless', when: 'tomorrow 8pm' });
    w.emu.state.channels.delete(w.channels.lobby);
    await w.until(
      () =>
        w.drivers
          .messagesIn(w.channels.events)
          .find((m) => m.content?.includes('was deleted') && m.content.includes(`<@${w.organiserId}>`)),
      'the notice',
    );
    const doc = await EventOccurrence.findById(occurrences[0]!._id).lean();
    expect(doc!.problems).to.include('deepen.events.problem.lobbyDeleted');
  });

  it('schedules no reminder that would fire at creation (an event 10 minutes ahead gets none)', async () => {
    w.setNow(at('2027-01-13T19:50', zone));
    const { occurrences } = await createEvent(w, { title: 'Soon', when: '20:00' });
    const jobs = await w.jobs();
    expect(jobs.map((j) => j.name)).to.deep.equal(['deepen:event:start']);
    expect(jobs[0]!.nextRunAt!.toISOString()).to.equal(occurrences[0]!.start.toISOString());
  });
});
