import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { updateGuildSettings } from '../../../../shared/kernel/guild-settings.service.js';
import { EventOccurrence } from '../../../../shared/deepen/events/event.model.js';
import { at, createEvent, EN } from './helpers.js';

const zone = 'Asia/Tokyo';
const MIN = 60_000;

describe('Events: what changed meanwhile (reminder settings, Discord Interested list)', () => {
  useMongoose('events_drift');
  let w: EventsWorld;
  beforeEach(async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
  });
  afterEach(async () => {
    await w.stop();
  });

  it('drops a reminder whose offset the guild removed after it was scheduled', async () => {
    const { occurrences } = await createEvent(w, { title: 'Fewer reminders', when: 'tomorrow 8pm' });
    const occ = occurrences[0]!;
    const fan = w.seeded.members[2]!.id;
    await w.drivers
      .clickButton(occ.announcement!.messageId!, `event:rsvp:${occ._id}:yes`, fan, EN)
      .waitForFollowUp();
    await updateGuildSettings(w.guildId, { eventReminderMinutes: [15] });
    const reminders = () => w.drivers.dmsTo(fan).filter((m) => m.content?.includes('Reminder'));
    w.setNow(new Date(occ.start.getTime() - 1440 * MIN));
    expect(await w.runDue()).to.equal(1);
    expect(reminders()).to.have.length(0);
    w.setNow(new Date(occ.start.getTime() - 15 * MIN));
    expect(await w.runDue()).to.equal(1);
    expect(reminders()).to.have.length(1);
  });

  it("reads Discord's Interested list whole at start-up and at the start (dispatches missed offline)", async () => {
    const { occurrences } = await createEvent(w, { title: 'Interesting', when: 'tomorrow 8pm' });
    const occ = occurrences[0]!;
    const fans = [2, 3, 4].map((i) => w.seeded.members[i]!.id);
    for (const fan of fans) w.emu.state.scheduledEvents.subscribe(w.guildId, occ.discordEventId!, fan);
    await w.until(
      async () => (await EventOccurrence.findById(occ._id).lean())!.interested.length === 3,
      'the dispatches',
    );
    // As if those dispatches had been missed while the bot was down.
    await EventOccurrence.updateOne({ _id: occ._id }, { $set: { interested: [] } });
    await w.restartBot();
    await w.until(
      async () => (await EventOccurrence.findById(occ._id).lean())!.interested.length === 3,
      'the list read on ready',
    );
    await EventOccurrence.updateOne({ _id: occ._id }, { $set: { interested: [fans[0]!, 'gone'] } });
    w.setNow(occ.start);
    await w.runDue();
    const doc = await EventOccurrence.findById(occ._id).lean();
    expect([...doc!.interested].sort()).to.deep.equal([...fans].sort());
  });
});
