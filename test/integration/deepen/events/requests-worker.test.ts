import { expect } from 'chai';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { EventOccurrence, EventSeries } from '../../../../shared/deepen/events/event.model.js';
import { EventRequest } from '../../../../shared/deepen/events/request.model.js';
import {
  carryOut,
  REQUEST_STALE_MS,
  requestCreate,
} from '../../../../shared/deepen/events/request.service.js';
import { createSeries } from '../../../../shared/deepen/events/series.service.js';
import { carryOutRequest } from '../../../../bot/deepen/events/flows/dashboard-request.js';
import { at } from './helpers.js';

const zone = 'Asia/Tokyo';

describe('Events: dashboard requests carried out by the worker (emulator)', () => {
  useMongoose('events_requests');
  let w: EventsWorld;
  afterEach(async () => {
    await w.stop();
  });

  async function request(repeat?: string) {
    return requestCreate({
      guildId: w.guildId,
      userId: w.organiserId,
      input: { title: 'From the web', when: '2027-01-20 20:00', ...(repeat ? { repeat } : {}) },
      locale: 'en',
      now: w.now(),
    });
  }

  /**
   * Replays a worker that claimed the request and died inside `createSeries`: what it wrote
   * (the series, maybe some occurrences) is there, the request's `occurrenceIds` are not.
   */
  async function dieInsideCreateSeries(requestId: string, keepOccurrences: boolean) {
    const claimed = await EventRequest.findOneAndUpdate(
      { _id: requestId, status: 'pending' },
      { $set: { status: 'running', claimedAt: w.now() } },
      { returnDocument: 'after' },
    ).lean();
    const input = claimed!.input as Omit<
      Parameters<typeof createSeries>[0],
      'guildId' | 'organiserId' | 'now'
    >;
    await createSeries({
      ...input,
      guildId: w.guildId,
      organiserId: w.organiserId,
      now: w.now(),
      seriesId: requestId,
    });
    if (!keepOccurrences) await EventOccurrence.deleteMany({});
  }

  for (const [what, repeat, keep, count] of [
    ['a one-off, after its occurrence was stored', undefined, true, 1],
    ['a weekly series, after the series alone was stored', 'weekly', false, 3],
  ] as const)
    it(`creates ${what} once when the worker that died inside createSeries is replaced`, async () => {
      w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
      const { requestId } = await request(repeat);
      await dieInsideCreateSeries(requestId, keep);
      expect((await EventRequest.findById(requestId).lean())!.occurrenceIds).to.deep.equal([]);
      w.setNow(new Date(w.now().getTime() + REQUEST_STALE_MS + 60_000));
      await carryOutRequest(w.bot.ctx, w.bot.client, requestId);
      const doc = await w.until(async () => {
        const d = await EventRequest.findById(requestId).lean();
        return d?.status === 'done' ? d : null;
      }, 'the replacement worker finished the request');
      expect(doc.resultKey).to.equal('deepen.events.request.created');
      const series = await EventSeries.find({}).lean();
      expect(series.map((s) => String(s._id))).to.deep.equal([requestId]);
      const occurrences = await EventOccurrence.find({}).lean();
      expect(occurrences).to.have.length(count);
      expect(doc.occurrenceIds.sort()).to.deep.equal(occurrences.map((o) => String(o._id)).sort());
      expect(w.emu.state.scheduledEvents.list(w.guildId)).to.have.length(count);
      // Run again (agenda's retry of a job that finished): still one series.
      await carryOutRequest(w.bot.ctx, w.bot.client, requestId);
      expect(await EventSeries.countDocuments({})).to.equal(1);
      expect(w.emu.state.scheduledEvents.list(w.guildId)).to.have.length(count);
    });

  it('is running, not done, until the worker has finished; a worker that died is replaced once stale', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const { requestId } = await request();
    // A first worker claims it, does Tsunagu's side, and dies before Discord's.
    expect(await carryOut(requestId, w.now())).to.not.equal(null);
    let doc = await EventRequest.findById(requestId).lean();
    expect(doc).to.deep.include({ status: 'running', resultKey: null });
    expect(doc!.occurrenceIds).to.have.length(1);
    // While its claim is fresh nobody else takes it.
    await carryOutRequest(w.bot.ctx, w.bot.client, requestId);
    expect((await EventRequest.findById(requestId).lean())!.status).to.equal('running');
    // Once stale, the next run finishes the Discord side without creating the event twice.
    w.setNow(new Date(w.now().getTime() + REQUEST_STALE_MS + 60_000));
    await carryOutRequest(w.bot.ctx, w.bot.client, requestId);
    doc = await EventRequest.findById(requestId).lean();
    expect(doc).to.deep.include({ status: 'done', resultKey: 'deepen.events.request.created' });
    expect(await EventSeries.countDocuments({})).to.equal(1);
    const occ = await EventOccurrence.findOne({}).lean();
    expect(occ!.discordEventId).to.be.a('string');
    expect(occ!.announcement!.messageId).to.be.a('string');
    expect(w.emu.state.scheduledEvents.list(w.guildId)).to.have.length(1);
  });

  it('writes a refusal as the outcome (failed), and a done request is never carried out again', async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const { requestId } = await request();
    const late = await request();
    await carryOutRequest(w.bot.ctx, w.bot.client, requestId);
    expect((await EventRequest.findById(requestId).lean())!.status).to.equal('done');
    w.setNow(at('2027-01-21T10:00', zone));
    await carryOutRequest(w.bot.ctx, w.bot.client, requestId);
    expect(await EventSeries.countDocuments({})).to.equal(1);
    await carryOutRequest(w.bot.ctx, w.bot.client, late.requestId);
    expect(await EventRequest.findById(late.requestId).lean()).to.deep.include({
      status: 'failed',
      resultKey: 'deepen.events.error.pastNow',
    });
  });
});
