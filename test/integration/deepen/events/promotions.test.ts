/**
 * People moved up from the waitlist are told, whatever freed the seat: an erasure
 * (`/profile delete` of a seated person) or a larger capacity (`/event edit`), by DM, or by a
 * mention in the events channel when their DMs are closed.
 */
import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { EventOccurrence } from '../../../../shared/deepen/events/event.model.js';
import { EVENT_SEATS_JOB } from '../../../../shared/deepen/events/seats.service.js';
import { at, buttonLabels, createEvent, EN } from './helpers.js';

import mongoose from 'mongoose';

const zone = 'Asia/Tokyo';
const db = () => mongoose.connection.db!;

describe('Events: who moves up from the waitlist is told (emulator)', () => {
  useMongoose('events_promotions');
  let w: EventsWorld;
  beforeEach(async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
  });
  afterEach(async () => {
    await w.stop();
  });

  const click = (messageId: string, id: string, userId: string) =>
    w.drivers.clickButton(messageId, id, userId, EN).waitForFollowUp();
  const people = (n: number) => Array.from({ length: n }, (_, i) => w.seeded.members[i + 1]!.id);
  const seated = async (occurrenceId: unknown) => {
    const doc = await EventOccurrence.findById(occurrenceId).lean();
    return doc!.rsvps.filter((r) => r.answer === 'yes' && !r.waitlisted).map((r) => r.userId);
  };
  const noticesDone = (occurrenceId: unknown) =>
    w.until(async () => {
      const doc = await EventOccurrence.findById(occurrenceId).lean();
      return doc && doc.promotedToTell.length === 0 ? doc : null;
    }, 'every promotion notice done');

  async function fullTable(capacity: number, yes: readonly string[]) {
    const { occurrences, announcement } = await createEvent(w, {
      title: 'Small table',
      when: 'tomorrow 8pm',
      capacity,
    });
    const occ = occurrences[0]!;
    const post = announcement(occ.announcement!.messageId!)!;
    for (const userId of yes) await click(post.id, `event:rsvp:${occ._id}:yes`, userId);
    return { occ, post, announcement };
  }

  it('tells the first in line by DM when a seated person erases their data, and redraws the counts', async () => {
    const [a, b, c] = people(3) as [string, string, string];
    const { occ, post, announcement } = await fullTable(2, [a, b, c]);
    const confirm = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, a, 'profile delete', {}, EN)
      .waitForReply();
    w.drivers.clickButton(confirm.id, `profile:delete:${w.guildId}`, a, EN);
    const dm = await w.until(
      () => w.drivers.dmsTo(c).find((m) => m.content?.includes('A seat freed up')),
      'the DM to the one who moved up',
    );
    expect(dm.content).to.include('Small table');
    await noticesDone(occ._id);
    expect((await seated(occ._id)).sort()).to.deep.equal([b, c].sort());
    await w.until(
      () => buttonLabels(announcement(post.id)!).join('|') === 'Going (2)|Maybe (0)|Not going (0)',
      'the counts without the erased person',
    );
  });

  it('tells those a larger capacity seats: by DM, or in the events channel when their DMs are closed', async () => {
    const [a, b, c, d] = people(4) as [string, string, string, string];
    const { occ } = await fullTable(2, [a, b, c, d]);
    w.drivers.closeDms(d);
    const reply = await w.drivers
      .runSlashCommand(
        w.guildId,
        w.channels.general,
        w.organiserId,
        'event edit',
        { event: String(occ._id), capacity: 4 },
        EN,
      )
      .waitForReply();
    expect(reply.content).to.include('Updated 1 occurrence');
    await w.until(
      () => w.drivers.dmsTo(c).find((m) => m.content?.includes('A seat freed up')),
      'the DM to the one whose DMs are open',
    );
    const mention = await w.until(
      () =>
        w.drivers
          .messagesIn(w.channels.events)
          .find((m) => m.content?.includes(`<@${d}>`) && m.content.includes('DMs are closed')),
      'the mention of the one whose DMs are closed',
    );
    expect(mention.content).to.include('A seat freed up');
    await noticesDone(occ._id);
    expect((await seated(occ._id)).sort()).to.deep.equal([a, b, c, d].sort());
    // Each is told once: another edit seats nobody new and tells nobody again.
    await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, w.organiserId, 'event edit', {
        event: String(occ._id),
        capacity: 5,
      })
      .waitForReply();
    expect(w.drivers.dmsTo(c).filter((m) => m.content?.includes('A seat freed up'))).to.have.length(1);
  });

  it('a run cut short before telling: the seats check scheduled before the DM tells them later, once', async () => {
    const [a, b, c] = people(3) as [string, string, string];
    const { occ, post } = await fullTable(2, [a, b, c]);
    await click(post.id, `event:rsvp:${occ._id}:no`, b);
    await w.until(
      () => w.drivers.dmsTo(c).find((m) => m.content?.includes('A seat freed up')),
      'the DM to the one who moved up',
    );
    await noticesDone(occ._id);
    const jobs = db().collection('agendaJobs');
    const check = await jobs.findOne({ name: EVENT_SEATS_JOB, 'data.occurrenceId': String(occ._id) });
    expect(check, 'the seats check').to.not.equal(null);
    expect((check!.nextRunAt as Date).getTime()).to.be.greaterThan(w.now().getTime());
    // As if a worker died after the seat write (and after taking the notice), before the DM.
    await EventOccurrence.updateOne(
      { _id: occ._id },
      { $set: { promotedToTell: [c], [`promotionClaims.${c}`]: at('2027-01-01T00:00', zone) } },
    );
    await jobs.updateOne({ _id: check!._id }, { $set: { nextRunAt: new Date() } });
    await w.until(
      () => w.drivers.dmsTo(c).filter((m) => m.content?.includes('A seat freed up')).length === 2,
      'the untold person told by the check',
    );
    await noticesDone(occ._id);
    await w.until(
      async () => (await jobs.findOne({ _id: check!._id }))?.lastFinishedAt,
      'the check finished',
    );
    expect(w.drivers.dmsTo(c).filter((m) => m.content?.includes('A seat freed up'))).to.have.length(2);
  });
});
