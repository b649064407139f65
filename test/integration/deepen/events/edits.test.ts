import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { EventOccurrence } from '../../../../shared/deepen/events/event.model.js';
import { editFrom } from '../../../../shared/deepen/events/manage.service.js';
import { answerRsvp } from '../../../../shared/deepen/events/rsvp.service.js';
import { isDomainError } from '../../../../shared/errors.js';
import { updateGuildSettings } from '../../../../shared/kernel/guild-settings.service.js';
import { at, createEvent, customIds, EN, preview, stampOf } from './helpers.js';

const zone = 'Asia/Tokyo';

describe('Events: edits carried whole into Discord (emulator)', () => {
  useMongoose('events_edits');
  let w: EventsWorld;
  beforeEach(async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
  });
  afterEach(async () => {
    await w.stop();
  });

  const edit = (options: Record<string, string | number | boolean>) =>
    w.drivers
      .runSlashCommand(w.guildId, w.channels.general, w.organiserId, 'event edit', options, EN)
      .waitForReply();

  it('after the lobby is deleted (its Discord event with it), /event edit lobby makes a new Discord event there', async () => {
    const { occurrences } = await createEvent(w, { title: 'Homeless', when: 'tomorrow 8pm' });
    const id = String(occurrences[0]!._id);
    const oldEvent = occurrences[0]!.discordEventId!;
    w.emu.state.channels.delete(w.channels.lobby);
    const cleared = await w.until(async () => {
      const doc = await EventOccurrence.findById(id).lean();
      return doc && doc.discordEventId === null && doc.problems.includes('deepen.events.problem.lobbyDeleted')
        ? doc
        : null;
    }, 'the deleted Discord event forgotten');
    expect(cleared.lobbyChannelId).to.equal(w.channels.lobby);
    expect(w.emu.state.scheduledEvents.list(w.guildId).map((e) => e.id)).to.not.include(oldEvent);

    expect((await edit({ event: id, lobby: w.channels.room })).content).to.include('Updated 1 occurrence');
    const doc = await EventOccurrence.findById(id).lean();
    expect(doc!.lobbyChannelId).to.equal(w.channels.room);
    expect(doc!.problems).to.not.include('deepen.events.problem.lobbyDeleted');
    const made = w.emu.state.scheduledEvents.get(w.guildId, doc!.discordEventId!);
    expect(made.channelId).to.equal(w.channels.room);
    expect(Date.parse(made.scheduledStartTime)).to.equal(doc!.start.getTime());
  });

  it('in a guild without an events channel, /event edit still updates Discord’s event and moves the jobs', async () => {
    await updateGuildSettings(w.guildId, { channels: { events: null } });
    const shown = await preview(w, { title: 'Quiet', when: '2027-01-16 20:00' });
    const confirm = customIds(shown).find((c) => c.startsWith('event:confirm:'))!;
    await w.drivers.clickButton(shown.id, confirm, w.organiserId, EN).waitForReply(15_000);
    const made = await w.until(async () => {
      const doc = await EventOccurrence.findOne({ guildId: w.guildId }).lean();
      return doc?.discordEventId && doc.problems.includes('deepen.events.problem.noEventsChannel')
        ? doc
        : null;
    }, 'the occurrence in Discord, without an announcement');
    expect(made.announcement?.messageId ?? null).to.equal(null);
    const id = String(made._id);

    const reply = await edit({ event: id, title: 'Quiet, later', when: '2027-01-17 21:00' });
    expect(reply.content).to.include('Updated 1 occurrence');
    const after = (await EventOccurrence.findById(id).lean())!;
    // The same Discord event, renamed and moved; no second one.
    expect(after.discordEventId).to.equal(made.discordEventId);
    expect(w.emu.state.scheduledEvents.list(w.guildId)).to.have.length(1);
    const discord = w.emu.state.scheduledEvents.get(w.guildId, made.discordEventId!);
    expect(discord.name).to.equal('Quiet, later');
    expect(Date.parse(discord.scheduledStartTime)).to.equal(at('2027-01-17T21:00', zone).getTime());
    // Its start job moved with it, once.
    const starts = (await w.jobs()).filter(
      (j) => j.name === 'deepen:event:start' && j.data.occurrenceId === id,
    );
    expect(starts.map((j) => j.nextRunAt?.getTime())).to.deep.equal([at('2027-01-17T21:00', zone).getTime()]);
  });

  it('tells the "yes" holders of a one-off whose time is edited, in the guild’s language, with both times', async () => {
    await updateGuildSettings(w.guildId, { locale: 'ja' });
    const { occurrences } = await createEvent(w, { title: 'Moving', when: '2027-01-16 20:00' });
    const occ = occurrences[0]!;
    const id = String(occ._id);
    const fan = w.seeded.members[3]!.id;
    await w.drivers
      .clickButton(occ.announcement!.messageId!, `event:rsvp:${id}:yes`, fan, EN)
      .waitForFollowUp();
    await edit({ event: id, when: '2027-01-16 21:30' });
    const dm = await w.until(
      () => w.drivers.dmsTo(fan).find((m) => m.content?.includes('日時が変わりました')),
      'the DM about the new time',
    );
    expect(dm.content)
      .to.include(stampOf(at('2027-01-16T20:00', zone)))
      .and.include(stampOf(at('2027-01-16T21:30', zone)));
    // Told once: the notice is dropped, and an edit that does not move it tells nobody again.
    await w.until(
      async () => (await EventOccurrence.findById(id).lean())!.changeToTell.length === 0,
      'the notice dropped',
    );
    await edit({ event: id, title: 'Moving, renamed' });
    expect(w.drivers.dmsTo(fan).filter((m) => m.content?.includes('日時が変わりました'))).to.have.length(1);
    expect((await EventOccurrence.findById(id).lean())!.movedFrom).to.equal(null);
  });

  it('removes a capacity (the waitlist moves up) and a description, in Discord too', async () => {
    const { occurrences } = await createEvent(w, {
      title: 'Small',
      when: 'tomorrow 8pm',
      capacity: 2,
      description: 'Bring a drink',
    });
    const occ = occurrences[0]!;
    const id = String(occ._id);
    expect(w.emu.state.scheduledEvents.get(w.guildId, occ.discordEventId!).description).to.equal(
      'Bring a drink',
    );
    for (const i of [2, 3, 4])
      await w.drivers
        .clickButton(occ.announcement!.messageId!, `event:rsvp:${id}:yes`, w.seeded.members[i]!.id, EN)
        .waitForFollowUp();
    expect((await EventOccurrence.findById(id).lean())!.rsvps.filter((r) => r.waitlisted)).to.have.length(1);

    await edit({ event: id, no_limit: true, clear_description: true });
    const doc = await EventOccurrence.findById(id).lean();
    expect(doc!.capacity).to.equal(null);
    expect(doc!.description).to.equal('');
    expect(doc!.rsvps.filter((r) => r.waitlisted)).to.have.length(0);
    const discord = w.emu.state.scheduledEvents.get(w.guildId, occ.discordEventId!);
    expect(discord.description ?? null).to.equal(null);
  });

  it('applies an edit to a whole series or not at all (a clash on a later date changes nothing)', async () => {
    const { occurrences } = await createEvent(w, {
      title: 'Weekly',
      when: '2027-01-14 20:00',
      repeat: 'weekly',
    });
    expect(occurrences).to.have.length(4);
    // Room 1 is taken on the third date only.
    await createEvent(w, { title: 'Room party', when: '2027-01-28 20:00', lobby: w.channels.room });
    const refused = await edit({ event: String(occurrences[0]!._id), lobby: w.channels.room });
    expect(refused.content).to.include('Room party');
    const weekly = await EventOccurrence.find({ title: 'Weekly' }).lean();
    expect(weekly.map((o) => o.lobbyChannelId)).to.deep.equal(weekly.map(() => w.channels.lobby));
    for (const o of weekly)
      expect(w.emu.state.scheduledEvents.get(w.guildId, o.discordEventId!).channelId).to.equal(
        w.channels.lobby,
      );
  });

  it('loses no RSVP written while an edit re-seats the occurrence', async () => {
    const { occurrences } = await createEvent(w, { title: 'Busy', when: 'tomorrow 8pm', capacity: 2 });
    const id = String(occurrences[0]!._id);
    const fans = [2, 3, 4, 5].map((i) => w.seeded.members[i]!.id);
    const results = await Promise.allSettled([
      editFrom({ guildId: w.guildId, occurrenceId: id, patch: { capacity: 3 }, locale: 'en', now: w.now() }),
      ...fans.map((userId) =>
        answerRsvp({ guildId: w.guildId, occurrenceId: id, userId, answer: 'yes', now: w.now() }),
      ),
    ]);
    for (const r of results)
      expect(r.status, r.status === 'rejected' && isDomainError(r.reason) ? r.reason.i18nKey : '').to.equal(
        'fulfilled',
      );
    const doc = await EventOccurrence.findById(id).lean();
    // Whatever the order, every answer is kept and the new capacity is filled from the waitlist.
    expect(doc!.capacity).to.equal(3);
    expect(doc!.rsvps.map((r) => r.userId).sort()).to.deep.equal([...fans].sort());
    expect(doc!.rsvps.filter((r) => !r.waitlisted)).to.have.length(3);
  });

  it('reminds again before the new time when an event is moved after a reminder went out', async () => {
    const { occurrences } = await createEvent(w, { title: 'Moved', when: '2027-01-14 20:00' });
    const occ = occurrences[0]!;
    const fan = w.seeded.members[2]!.id;
    await w.drivers
      .clickButton(occ.announcement!.messageId!, `event:rsvp:${occ._id}:yes`, fan, EN)
      .waitForFollowUp();
    w.setNow(at('2027-01-13T20:00', zone));
    expect(await w.runDue()).to.equal(1);
    const reminders = () => w.drivers.dmsTo(fan).filter((m) => m.content?.includes('Reminder'));
    await w.until(() => reminders().length === 1, 'the first 24 h reminder');
    await edit({ event: String(occ._id), when: '2027-01-16 20:00' });
    expect((await EventOccurrence.findById(occ._id).lean())!.remindersSent).to.deep.equal([]);
    w.setNow(at('2027-01-15T20:00', zone));
    expect(await w.runDue()).to.equal(1);
    await w.until(() => reminders().length === 2, 'the 24 h reminder before the new time');
  });
});
