/**
 * The dashboard's events page through supertest: lists, the JSON time preview, the create form
 * (zod + localized errors, CSRF), and the request written for the worker (the queue is a recorder
 * here; the Chromium test runs the real worker).
 */
import { expect } from 'chai';
import { signedIn, useGuildPageSuite, dashboardApp } from '../../../support/web/dashboard-app.js';
import { csrfFrom } from '../../../support/web/browser.js';
import { EventRequest } from '../../../../shared/deepen/events/request.model.js';
import { getGuildSettings, updateGuildSettings } from '../../../../shared/kernel/guild-settings.service.js';
import { createSeries } from '../../../../shared/deepen/events/series.service.js';
import { answerRsvp } from '../../../../shared/deepen/events/rsvp.service.js';
import {
  markEnded,
  markStarted,
  recordAttendance,
} from '../../../../shared/deepen/events/lifecycle.service.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { MixerFeedback } from '../../../../shared/deepen/mixer/mixer-feedback.model.js';
import { EVENT_REQUEST_JOB } from '../../../../shared/deepen/events/event-jobs.job.js';
import { replaceVoiceChannels } from '../../../../shared/deepen/events/lobby-channels.js';

const NOW = new Date('2027-01-13T01:00:00Z'); // Wednesday 10:00 in Tokyo
/** The guild's voice channels as the worker stores them (the lobby select offers these). */
const LOBBIES = [
  { id: '200000000000000001', name: 'Lounge' },
  { id: '200000000000000009', name: 'Garden <b>room</b>' },
];

describe('dashboard events page', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_events', '/events');
  let queued: { name: string; data: Record<string, unknown> }[];

  beforeEach(async () => {
    queued = [];
    suite.app = dashboardApp(suite.world, {
      now: () => NOW.getTime(),
      jobs: { now: async (name, data) => void queued.push({ name, data }) },
    });
    await updateGuildSettings(suite.world.guildA, { channels: { lobby: '200000000000000001' } });
  });

  async function seedOccurrence(title: string) {
    const { occurrences } = await createSeries({
      guildId: suite.world.guildA,
      organiserId: suite.world.people.moderator,
      checked: {
        title,
        theme: 'career',
        description: '',
        durationMinutes: 60,
        lobbyChannelId: '200000000000000001',
        capacity: 10,
        mixer: null,
      },
      zone: 'Asia/Tokyo',
      wallClock: '2027-01-16T20:00',
      recurrence: null,
      now: NOW,
    });
    return occurrences[0]!;
  }

  it('lists upcoming occurrences with RSVP counts, escaped, in the guild zone', async () => {
    const occ = await seedOccurrence('<script>alert(1)</script> night');
    await answerRsvp({
      guildId: suite.world.guildA,
      occurrenceId: occ.occurrenceId,
      userId: suite.world.people.member,
      answer: 'yes',
      now: NOW,
    });
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const page = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(page.text)
      .to.include('&lt;script&gt;alert(1)&lt;/script&gt; night')
      .and.not.include('<script>alert(1)');
    expect(page.text).to.match(/data-testid="event-going">1</);
    expect(page.text).to.include('16 Jan 2027, 20:00');
    const detail = await agent.get(`${suite.path}/${occ.occurrenceId}`).expect(200);
    expect(detail.text).to.include('Plain Member');
  });

  it("shows a past occurrence's attendance and the mixer's ratings", async () => {
    const occ = await seedOccurrence('Rated');
    await markStarted(occ.occurrenceId, occ.start);
    await recordAttendance(occ.occurrenceId, [suite.world.people.member], occ.start);
    await markEnded(occ.occurrenceId, occ.end);
    // The mixer slice's documents, as its run and feedback DMs leave them.
    await MixerRun.collection.insertOne({
      runId: 'run-1',
      guildId: suite.world.guildA,
      eventId: occ.occurrenceId,
    });
    await MixerFeedback.collection.insertMany([
      { runId: 'run-1', guildId: suite.world.guildA, userId: 'a', rating: 4 },
      { runId: 'run-1', guildId: suite.world.guildA, userId: 'b', rating: 5 },
    ]);
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const page = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(page.text).to.match(/data-testid="past-attended">1</);
    expect(page.text).to.include('4.5/5 (2 ratings)');
  });

  it('previews a typed time as JSON, read in the guild zone', async () => {
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const ok = await agent.get(`${suite.path}/preview`).query({ when: '来週土曜 20時' }).expect(200);
    expect(ok.body).to.include({ ok: true, wallClock: '2027-01-23T20:00', zone: 'Asia/Tokyo' });
    const bad = await agent
      .get(`${suite.path}/preview`)
      .query({ when: 'whenever' })
      .set('Accept-Language', 'en')
      .expect(200);
    expect(bad.body.ok).to.equal(false);
    expect(bad.body.suggestions).to.include('2027-01-14 20:00');
  });

  it('answers a bad form with every problem in the visitor language and stores nothing', async () => {
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const page = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    const res = await agent
      .post(suite.path)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        title: 'X',
        when: 'tomorrow 8pm',
        durationMinutes: '5',
        capacity: '9999',
      });
    expect(res.status).to.equal(400);
    expect(res.text)
      .to.include('長さは15〜480の整数にしてください。')
      .and.include('定員は2〜500の整数にしてください。');
    const past = await agent
      .post(suite.path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), title: 'X', when: '2027-01-01 20:00' });
    expect(past.status).to.equal(400);
    expect(past.text).to.include('過去の日時です');
    expect(await EventRequest.countDocuments()).to.equal(0);
    expect(queued).to.deep.equal([]);
  });

  it('edits to no seat limit, no description and a new lobby explicitly; cancel scope is checked', async () => {
    const occ = await seedOccurrence('Editable');
    await replaceVoiceChannels(suite.world.guildA, LOBBIES, NOW);
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const path = `${suite.path}/${occ.occurrenceId}`;
    const page = await agent.get(path).set('Accept-Language', 'en').expect(200);
    expect(page.text).to.include('No seat limit (remove the capacity)');
    const token = csrfFrom(page.text);
    await agent
      .post(`${path}/edit`)
      .type('form')
      .send({ _csrf: token, noCapacity: 'on', clearDescription: 'on', lobbyChannelId: '200000000000000009' })
      .expect(303);
    const edit = await EventRequest.findOne({ kind: 'edit' }).lean();
    expect((edit!.input as { patch: unknown }).patch).to.deep.equal({
      capacity: null,
      description: '',
      lobbyChannelId: '200000000000000009',
    });
    // An empty form changes nothing (empty fields are "as it is").
    await agent.post(`${path}/edit`).type('form').send({ _csrf: token }).expect(303);
    const second = await EventRequest.findOne({ kind: 'edit' }).sort({ createdAt: -1, _id: -1 }).lean();
    // (mongoose leaves an empty object out of the stored input)
    expect((second!.input as { patch?: unknown }).patch ?? {}).to.deep.equal({});

    const bad = await agent
      .post(`${path}/cancel`)
      .set('Accept-Language', 'ja')
      .type('form')
      .send({ _csrf: token, scope: 'everything' })
      .expect(400);
    expect(bad.text).to.include('この回だけか、シリーズ全体かを選んでください。');
    expect(await EventRequest.countDocuments({ kind: 'cancel' })).to.equal(0);
    await agent.post(`${path}/cancel`).type('form').send({ _csrf: token, scope: 'series' }).expect(303);
    expect(await EventRequest.findOne({ kind: 'cancel' }).lean()).to.deep.include({ wholeSeries: true });
  });

  it('offers the guild’s voice channels as the lobby, and refuses any other id server-side', async () => {
    const occ = await seedOccurrence('Lobby pick');
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const path = `${suite.path}/${occ.occurrenceId}`;
    // Before the worker has listed the channels, only "unchanged" is offered, and any id is refused.
    let page = await agent.get(path).set('Accept-Language', 'en').expect(200);
    expect(page.text).to.include('Unchanged (a channel the bot has not seen)');
    const refused = await agent
      .post(`${path}/edit`)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), lobbyChannelId: '200000000000000009' })
      .expect(400);
    expect(refused.text).to.include('Choose one of the server’s voice channels as the lobby.');
    await replaceVoiceChannels(suite.world.guildA, LOBBIES, NOW);
    page = await agent.get(path).set('Accept-Language', 'ja').expect(200);
    expect(page.text).to.include('変更なし（Lounge）');
    // Names are escaped; the current lobby is the "unchanged" choice, not offered twice.
    expect(page.text).to.include(
      '<option value="200000000000000009">Garden &lt;b&gt;room&lt;/b&gt;</option>',
    );
    expect(page.text).to.not.include('<option value="200000000000000001"');
    const token = csrfFrom(page.text);
    const stranger = await agent
      .post(`${path}/edit`)
      .set('Accept-Language', 'ja')
      .type('form')
      .send({ _csrf: token, lobbyChannelId: '200000000000000777' })
      .expect(400);
    expect(stranger.text).to.include('ロビーにはサーバーのボイスチャンネルを選んでください。');
    expect(await EventRequest.countDocuments({ kind: 'edit' })).to.equal(0);
  });

  it('sends a new repeat or "stop repeating" to the worker, and refuses an unreadable one or both at once', async () => {
    const occ = await seedOccurrence('Repeat me');
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const path = `${suite.path}/${occ.occurrenceId}`;
    const page = await agent.get(path).set('Accept-Language', 'en').expect(200);
    expect(page.text).to.include('New repeat from this occurrence on');
    const token = csrfFrom(page.text);
    const send = (body: Record<string, string>) =>
      agent
        .post(`${path}/edit`)
        .set('Accept-Language', 'en')
        .type('form')
        .send({ _csrf: token, ...body });
    const unreadable = await send({ repeat: 'now and then' }).expect(400);
    expect(unreadable.text).to.include('now and then');
    const both = await send({ repeat: 'weekly', stopRepeating: 'on' }).expect(400);
    expect(both.text).to.include('Give a new repeat or stop repeating, not both.');
    expect(await EventRequest.countDocuments({ kind: 'edit' })).to.equal(0);
    await send({ repeat: '第2土曜' }).expect(303);
    await send({ stopRepeating: 'on' }).expect(303);
    const patches = (await EventRequest.find({ kind: 'edit' }).sort({ _id: 1 }).lean()).map(
      (r) => (r.input as { patch: unknown }).patch,
    );
    expect(patches).to.deep.equal([{ repeat: '第2土曜' }, { repeat: null }]);
  });

  it('keeps the ticked boxes and the chosen lobby when the edit form comes back with an error', async () => {
    const occ = await seedOccurrence('Keep my choices');
    await replaceVoiceChannels(suite.world.guildA, LOBBIES, NOW);
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const path = `${suite.path}/${occ.occurrenceId}`;
    const page = await agent.get(path).set('Accept-Language', 'en').expect(200);
    expect(page.text).to.not.match(/name="stopRepeating" value="on" checked/);
    const back = await agent
      .post(`${path}/edit`)
      .set('Accept-Language', 'en')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        title: 'x'.repeat(500),
        stopRepeating: 'on',
        noCapacity: 'on',
        lobbyChannelId: '200000000000000009',
      })
      .expect(400);
    expect(back.text)
      .to.match(/name="stopRepeating" value="on" checked/)
      .and.match(/name="noCapacity" value="on" checked/)
      .and.include('<option value="200000000000000009" selected>');
    expect(back.text).to.not.match(/name="clearDescription" value="on" checked/);
    expect(await EventRequest.countDocuments({ kind: 'edit' })).to.equal(0);
  });

  it('stores a valid request, enqueues the worker job and refuses a post without the CSRF token', async () => {
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const page = await agent.get(suite.path).expect(200);
    await agent.post(suite.path).type('form').send({ title: 'No token', when: 'tomorrow 8pm' }).expect(403);
    const res = await agent
      .post(suite.path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), title: 'Career night', when: 'next Friday 9pm', repeat: 'weekly' });
    expect(res.status).to.equal(303);
    const request = await EventRequest.findOne().lean();
    expect(request).to.deep.include({
      kind: 'create',
      status: 'pending',
      requestedBy: suite.world.people.moderator,
    });
    expect((request!.input as { wallClock: string }).wallClock).to.equal('2027-01-22T21:00');
    expect(queued).to.deep.equal([{ name: EVENT_REQUEST_JOB, data: { requestId: String(request!._id) } }]);
    const after = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(after.text).to.include('Waiting for the bot');
  });

  it('sets the guild reminder times, and refuses times out of range in the visitor language', async () => {
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const page = await agent.get(suite.path).expect(200);
    expect(page.text).to.include('value="1440, 15"');
    await agent
      .post(`${suite.path}/reminders`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), reminders: '60, 10' })
      .expect(303);
    expect((await getGuildSettings(suite.world.guildA)).eventReminderMinutes).to.deep.equal([60, 10]);
    const bad = await agent
      .post(`${suite.path}/reminders`)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), reminders: '99999, soon' });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.include('at most 4 times, each a whole number of minutes from 1 to 10080');
  });

  it('answers 503 when no worker queue is wired, and 404 for another guild or a bad id', async () => {
    suite.app = dashboardApp(suite.world, { now: () => NOW.getTime() });
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    const page = await agent.get(suite.path).expect(200);
    await agent
      .post(suite.path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), title: 'X', when: 'tomorrow 8pm' })
      .expect(503);
    await agent.get(`${suite.path}/not-an-id`).expect(404);
    const other = await seedOccurrence('Mine');
    await agent
      .get(`/guilds/${suite.world.guildB}/events/${other.occurrenceId}`)
      .expect((r) => expect(r.status).to.be.oneOf([403, 404]));
  });
});
