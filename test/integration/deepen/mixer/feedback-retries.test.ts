/**
 * A finished mixer's outbox when Discord does not simply accept: a lobby mention of more people
 * than one message may hold (split under 2000 characters and 100 mentions), passing refusals
 * (40003, a network error) tried again with a backoff and given up after FEEDBACK_MAX_TRIES, a
 * permanent one settled at once, the summary told apart from an earlier run's identical one, a
 * nonce on every send, and a guild the bot left or that stays away from this worker.
 */
import { runCode } from '../../../../bot/deepen/mixer/flows/room-role.js';
import { expect } from 'chai';
import type { APIMessage } from 'discord-api-types/v10';
import { DiscordAPIError, type REST, type RequestData, type RouteLike } from 'discord.js';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { customIdsOf } from '../../../support/mixer-steps.js';
import { confirmRun, createRun, saveStep } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { recordOutcome } from '../../../../shared/deepen/mixer/mixer-finish.service.js';
import {
  FEEDBACK_CLAIM_MS,
  FEEDBACK_MAX_AWAY_PASSES,
  FEEDBACK_MAX_TRIES,
  feedbackRecipients,
  newOutbox,
} from '../../../../shared/deepen/mixer/mixer-feedback-outbox.service.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { runFeedbackJob, type FeedbackJobData } from '../../../../bot/deepen/mixer/flows/feedback-job.js';
import { MIXER_FEEDBACK_JOB, scheduleFeedbackJob } from '../../../../bot/deepen/mixer/flows/jobs.js';
import { drive } from '../../../../bot/deepen/mixer/flows/driver.js';

type Post = REST['post'];

describe('Deepen: a mixer’s feedback outbox when Discord refuses, limits or is gone', function () {
  this.timeout(90_000);
  useMongoose('mixer_feedback_retries');
  let w: MixerWorld;
  let lobbyId: string;
  let runId: string;
  let realPost: Post;
  /** Every message create the bot sent: its route and body. */
  let posts: { route: string; body: Record<string, unknown> }[];

  beforeEach(async () => {
    w = await startMixerWorld({ alumni: 8 });
    lobbyId = w.seeded.channels['Quiet room']!.id;
    const { run } = await createRun({
      guildId: w.guildId,
      lobbyChannelId: lobbyId,
      organiserId: w.organiserId,
      participantIds: w.alumni,
      groupSize: 4,
      minutesPerRound: 5,
      strategies: [{ kind: 'mixed' }],
      locale: 'en',
      now: w.clock.now,
    });
    runId = run.runId;
    await confirmRun(runId, w.clock.now);
    await saveStep(runId, { phase: 'cleanup', roundsPlayed: 1 });
    await recordOutcome(runId, 1, w.clock.now);
    await scheduleFeedbackJob(w.bot.ctx.agenda, runId, w.clock.now, FEEDBACK_CLAIM_MS);
    await saveStep(runId, {
      status: 'done',
      phase: 'done',
      feedbackOutbox: newOutbox(await feedbackRecipients(runId)),
    });
    const rest = w.bot.client.rest;
    realPost = rest.post.bind(rest);
    posts = [];
    failWith(() => undefined);
  });
  afterEach(async () => {
    await w.stop();
  });

  /** Every bot POST goes through `fault` first: it may throw (Discord refusing) or let it through. */
  const failWith = (fault: (route: string, body: Record<string, unknown>) => void) => {
    w.bot.client.rest.post = (async (route: RouteLike, options?: RequestData) => {
      const body = (options?.body ?? {}) as Record<string, unknown>;
      if (route.endsWith('/messages')) posts.push({ route, body });
      fault(route, body);
      return realPost(route, options);
    }) as Post;
  };
  const apiError = (code: number, status: number, message: string) =>
    new DiscordAPIError({ code, message }, code, status, 'POST', '/channels/x/messages', { body: {} });
  const dmChannelOf = async (userId: string) =>
    (await (await w.bot.client.users.fetch(userId)).createDM()).id;

  const feedbackDms = (userId: string): APIMessage[] =>
    w.drivers.dmsTo(userId).filter((m) => customIdsOf(m).includes(`mixfb:rate:${runId}:1`));
  const summaries = () =>
    w.drivers.dmsTo(w.organiserId).filter((m) => (m.content ?? '').startsWith('Mixer finished: 8 people'));
  const fallbacks = () =>
    w.drivers
      .messagesIn(lobbyId)
      .filter((m) => customIdsOf(m).some((id) => id.startsWith(`mixfb:open:${runId}`)));
  const job = () => w.bot.ctx.agenda!.create<FeedbackJobData>(MIXER_FEEDBACK_JOB, { runId });
  const pass = async (): Promise<Date | null> => {
    const j = job();
    // Only a reschedule by the handler sets it (a created job starts due now).
    j.attrs.nextRunAt = null;
    await runFeedbackJob(w.bot.ctx, w.bot.client, j, drive);
    return j.attrs.nextRunAt ?? null;
  };
  const feedbackJobs = () =>
    w.db().collection('agendaJobs').countDocuments({ name: MIXER_FEEDBACK_JOB, 'data.runId': runId });
  const run = async () => (await MixerRun.findOne({ runId }).lean())!;
  type Entry = { state: string; tries?: number; notBefore?: Date | null };
  const recipient = async (userId: string) =>
    ((await run()).feedbackOutbox!.recipients as unknown as Record<string, Entry>)[userId]!;

  it('GIVEN 120 people with closed DMs THEN the lobby gets parts under 2000 characters and 100 mentions, each posted once even after a stale claim', async () => {
    const closed = Array.from({ length: 120 }, (_, i) => String(900_000_000_000_000_000n + BigInt(i)));
    await MixerRun.updateOne(
      { runId },
      {
        $set: Object.fromEntries(
          closed.map((id) => [
            `feedbackOutbox.recipients.${id}`,
            { state: 'dmClosed', claimedAt: null, claimedBy: null },
          ]),
        ),
      },
    );

    expect(await pass()).to.equal(null);
    const parts = fallbacks();
    expect(parts.length).to.be.greaterThan(1);
    const mentioned = parts.flatMap((m) => [...(m.content ?? '').matchAll(/<@(\d+)>/g)].map((x) => x[1]));
    expect(mentioned).to.have.members(closed);
    for (const m of parts) {
      expect((m.content ?? '').length).to.be.at.most(2000);
      expect([...(m.content ?? '').matchAll(/<@\d+>/g)].length).to.be.at.most(100);
    }
    const box = (await run()).feedbackOutbox!;
    expect(box.fallback!.state).to.equal('sent');
    expect([...box.fallback!.sentParts!].sort()).to.deep.equal(parts.map((_, i) => i));
    expect((await run()).feedbackAsked).to.equal(true);

    // A worker died after posting every part but storing only the first: the rest are found, not re-posted.
    await MixerRun.updateOne(
      { runId },
      {
        $set: {
          feedbackAsked: false,
          'feedbackOutbox.fallback.state': 'claimed',
          'feedbackOutbox.fallback.claimedBy': 'dead-worker',
          'feedbackOutbox.fallback.claimedAt': new Date(w.clock.now.getTime() - FEEDBACK_CLAIM_MS - 1),
          'feedbackOutbox.fallback.sentParts': [0],
        },
      },
    );
    expect(await pass()).to.equal(null);
    expect(fallbacks()).to.have.length(parts.length);
    expect((await run()).feedbackOutbox!.fallback!.state).to.equal('sent');
  });

  it('GIVEN Discord answers 40003 to one DM THEN it waits a backoff and is sent once on the next try', async () => {
    const target = w.alumni[1]!;
    const dm = await dmChannelOf(target);
    let refusals = 1;
    failWith((route) => {
      if (route === `/channels/${dm}/messages` && refusals-- > 0)
        // Observed as a 403 (davidhozic/discord-advertisement-framework#82); its window is undocumented.
        throw apiError(40003, 403, 'You are opening direct messages too fast');
    });

    const next = await pass();
    const entry = await recipient(target);
    expect(entry.state).to.equal('pending');
    expect(entry.notBefore!.getTime()).to.be.greaterThan(w.clock.now.getTime());
    expect(next!.getTime()).to.equal(entry.notBefore!.getTime() + 1000);
    expect(feedbackDms(target)).to.have.length(0);
    for (const id of w.alumni.filter((a) => a !== target)) expect(feedbackDms(id), id).to.have.length(1);
    // Not due yet: another pass leaves it.
    await pass();
    expect((await recipient(target)).state).to.equal('pending');
    expect(fallbacks(), 'the fallback waits for the open DM').to.have.length(0);

    w.clock.advanceMs(next!.getTime() - w.clock.now.getTime());
    expect(await pass()).to.equal(null);
    expect(feedbackDms(target)).to.have.length(1);
    expect((await recipient(target)).state).to.equal('sent');
    expect((await run()).feedbackAsked).to.equal(true);
    expect(await feedbackJobs()).to.equal(0);
  });

  it('GIVEN a DM that always meets a network error, and one Discord refuses for good THEN the first is settled failed after the last try, the second at once', async () => {
    const [flaky, refused] = [w.alumni[2]!, w.alumni[3]!];
    const [flakyDm, refusedDm] = [await dmChannelOf(flaky), await dmChannelOf(refused)];
    failWith((route) => {
      if (route === `/channels/${flakyDm}/messages`) throw new Error('socket hang up');
      if (route === `/channels/${refusedDm}/messages`) throw apiError(50033, 400, 'Invalid Recipient(s)');
    });

    let next = await pass();
    expect((await recipient(refused)).state).to.equal('failed');
    for (let tries = 1; tries < FEEDBACK_MAX_TRIES; tries += 1) {
      const entry = await recipient(flaky);
      expect(entry.state, `after try ${tries}`).to.equal('pending');
      expect(entry.tries).to.equal(tries);
      expect(next, `the job comes back after try ${tries}`).to.not.equal(null);
      w.clock.advanceMs(next!.getTime() - w.clock.now.getTime());
      next = await pass();
    }
    expect(next).to.equal(null);
    const entry = await recipient(flaky);
    expect(entry.state).to.equal('failed');
    expect(entry.tries).to.equal(FEEDBACK_MAX_TRIES);
    expect(posts.filter((p) => p.route === `/channels/${flakyDm}/messages`)).to.have.length(
      FEEDBACK_MAX_TRIES,
    );
    expect((await run()).feedbackAsked).to.equal(true);
    expect(await feedbackJobs()).to.equal(0);
  });

  it('GIVEN an earlier run’s identical summary in the organiser’s DM and a stale summary claim THEN this run’s summary goes out once, and every send carries an enforced nonce', async () => {
    const organiserDm = await (await w.bot.client.users.fetch(w.organiserId)).createDM();
    const earlier =
      'Mixer finished: 8 people, 1 round, 2 groups, 0 pairs met for the first time.\n-# Mixer earlier-run';
    await organiserDm.send({ content: earlier });
    const staleClaim = {
      'feedbackOutbox.summary.state': 'claimed',
      'feedbackOutbox.summary.claimedBy': 'dead-worker',
      'feedbackOutbox.summary.claimedAt': new Date(w.clock.now.getTime() - FEEDBACK_CLAIM_MS - 1),
    };
    await MixerRun.updateOne({ runId }, { $set: staleClaim });

    expect(await pass()).to.equal(null);
    const ofThisRun = () =>
      summaries().filter((m) => (m.content ?? '').includes(`-# Mixer ${runCode(runId)}`));
    expect(ofThisRun(), 'this run’s summary').to.have.length(1);
    expect((await run()).feedbackOutbox!.summary!.state).to.equal('sent');

    // Claimed again by a worker that died after sending: found by its run line, not sent twice.
    await MixerRun.updateOne({ runId }, { $set: { ...staleClaim, feedbackAsked: false } });
    expect(await pass()).to.equal(null);
    expect(ofThisRun()).to.have.length(1);

    const outbox = posts.filter((p) => p.body.content !== earlier);
    expect(outbox.length).to.equal(w.alumni.length + 1);
    for (const p of outbox) expect(p.body.enforce_nonce, p.route).to.equal(true);
    expect(new Set(outbox.map((p) => p.body.nonce)).size).to.equal(outbox.length);
  });

  it('GIVEN the bot was removed from the guild THEN the feedback job settles everything failed and stops', async () => {
    w.drivers.memberLeave(w.guildId, w.bot.client.user!.id);
    w.bot.client.guilds.cache.delete(w.guildId);

    await pass();
    const latest = await run();
    expect(latest.feedbackAsked).to.equal(true);
    for (const id of w.alumni) expect((await recipient(id)).state, id).to.equal('failed');
    expect(latest.feedbackOutbox!.summary!.state).to.equal('failed');
    expect(latest.feedbackOutbox!.fallback!.state).to.equal('failed');
    expect(await feedbackJobs()).to.equal(0);
    expect(posts).to.have.length(0);
  });

  it('GIVEN the guild is absent from this worker’s cache THEN the job comes back a bounded number of times, then gives up', async () => {
    w.bot.client.guilds.cache.delete(w.guildId);
    for (let away = 1; away < FEEDBACK_MAX_AWAY_PASSES; away += 1) {
      const next = await pass();
      expect(next?.getTime(), `pass ${away}`).to.equal(w.clock.now.getTime() + 60_000);
    }
    expect(await feedbackJobs()).to.equal(1);
    expect(await pass()).to.equal(null);
    expect((await run()).feedbackAsked).to.equal(true);
    expect((await recipient(w.alumni[0]!)).state).to.equal('failed');
    expect(await feedbackJobs()).to.equal(0);
    expect(posts).to.have.length(0);
  });
});
