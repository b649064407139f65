import { expect } from 'chai';
import { DateTime } from 'luxon';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { EventOccurrence, EventSeries } from '../../../../shared/deepen/events/event.model.js';
import { EventRequest } from '../../../../shared/deepen/events/request.model.js';
import { confirmDraft, draftEvent } from '../../../../shared/deepen/events/draft.service.js';
import { requestCreate } from '../../../../shared/deepen/events/request.service.js';
import { isDomainError } from '../../../../shared/errors.js';
import { carryOutRequest } from '../../../../bot/deepen/events/flows/dashboard-request.js';
import { at, createEvent, customIds, EN, JA, preview } from './helpers.js';

const zone = 'Asia/Tokyo';
const local = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

describe('Events: the lobby and the first date, checked where they are used (emulator)', () => {
  useMongoose('events_conflicts');
  let w: EventsWorld;
  afterEach(async () => {
    await w.stop();
  });

  it('refuses a start the repeat does not land on and suggests the first real date (ja)', async () => {
    // Tuesday 1 June 2027: "明日 20時" is Wednesday 2 June; the second Saturday is 12 June.
    w = await startEventsWorld({ zone, locale: 'ja', start: at('2027-06-01T10:00', zone) });
    const shown = await preview(w, { title: '月例会', when: '明日 20時', repeat: '第2土曜' }, JA);
    expect(shown.content).to.include('繰り返しの日に当たりません').and.include('2027-06-12 20:00');
    expect(shown.components ?? []).to.have.length(0);
    expect(await EventSeries.countDocuments()).to.equal(0);
    const right = await createEvent(w, { title: '月例会', when: '2027-06-12 20:00', repeat: '第2土曜' }, JA);
    expect(right.occurrences.map((o) => local(o.start))[0]).to.equal('2027-06-12T20:00');
  });

  it('the worker refuses a dashboard request whose lobby was taken after it was made', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const { requestId } = await requestCreate({
      guildId: w.guildId,
      userId: w.organiserId,
      input: { title: 'From the web', when: '2027-01-20 20:00' },
      locale: 'en',
      now: w.now(),
    });
    await createEvent(w, { title: 'First come', when: '2027-01-20 20:30' });
    await carryOutRequest(w.bot.ctx, w.bot.client, requestId);
    expect(await EventRequest.findById(requestId).lean()).to.deep.include({
      status: 'failed',
      resultKey: 'deepen.events.error.overlap',
    });
    expect(await EventSeries.countDocuments()).to.equal(1);
    expect(w.emu.state.scheduledEvents.list(w.guildId)).to.have.length(1);
  });

  it('lets exactly one of two confirms at the same moment take the lobby', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const draft = (title: string) =>
      draftEvent({
        guildId: w.guildId,
        organiserId: w.organiserId,
        input: { title, when: '2027-01-20 20:00' },
        locale: 'en',
        now: w.now(),
      });
    const drafts = [await draft('A'), await draft('B')];
    const results = await Promise.allSettled(
      drafts.map((d) =>
        confirmDraft({ draftId: d.ok ? d.draftId : '', organiserId: w.organiserId, now: w.now() }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(isDomainError(refused!.reason) && refused!.reason.i18nKey).to.equal('deepen.events.error.overlap');
    expect(await EventSeries.countDocuments()).to.equal(1);
    expect(await EventOccurrence.countDocuments()).to.equal(1);
  });

  it('plans around a one-off in the lobby: that date of the series is not held, and says why', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    await createEvent(w, { title: 'One-off', when: '2027-01-27 20:00' });
    const shown = await preview(w, { title: 'Weekly', when: '2027-01-20 20:00', repeat: 'weekly' });
    const confirm = customIds(shown).find((id) => id.startsWith('event:confirm:'))!;
    await w.drivers.clickButton(shown.id, confirm, w.organiserId, EN).waitForReply();
    const mine = await EventOccurrence.find({ title: 'Weekly' }).sort({ start: 1 }).lean();
    expect(mine.map((o) => [local(o.start), o.status])).to.deep.equal([
      ['2027-01-20T20:00', 'scheduled'],
      ['2027-01-27T20:00', 'cancelled'],
      ['2027-02-03T20:00', 'scheduled'],
    ]);
    const skipped = mine[1]!;
    expect(skipped.problems).to.deep.equal(['deepen.events.problem.overlap']);
    expect(skipped.discordEventId).to.equal(null);
  });
});
