/**
 * The intro relay without dead ends, through the real bot on the Discord emulator: organisers
 * hand a waiting baton on (/relay nominate, the dashboard's job), a newcomer picks a bot-held baton
 * up, a public prompt answers only its holder, the picker offers only members without an intro
 * (paged by 25), and an old prompt of a baton that moved on says so.
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { ComponentType, type APIMessage } from 'discord-api-types/v10';
import { useMongoose } from '../../support/database.js';
import { RelayChain } from '../../../shared/know/relay-chain.model.js';
import { RelayLink } from '../../../shared/know/relay-link.model.js';
import { createAgenda, agendaJobQueue } from '../../../shared/db/agenda.js';
import {
  RELAY_NOMINATE_JOB,
  requestOrganiserNomination,
} from '../../../shared/know/relay-organiser.service.js';
import { EN, startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import {
  answerSurveyAndPost,
  customIds,
  INTRO_TEXT,
  joinAndGetDm,
  nominateFrom,
  submitIntro,
} from '../../support/flow.js';

/** The values offered by the string selects of a message. */
function offered(message: APIMessage): string[] {
  return (JSON.stringify(message.components ?? []).match(/"value":"\d+"/g) ?? []).map((v) => v.slice(9, -1));
}

describe('Know: the intro relay has no dead ends (real discord.js through the emulator)', () => {
  useMongoose('know_relay_dead_ends');
  let w: ConnectWorld;

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  /** Someone joins, introduces themself and gets the nomination prompt (a follow-up). */
  async function introduced(name: string) {
    const { userId, dm } = await joinAndGetDm(w, name);
    const survey = await submitIntro(w, userId, dm, { ...INTRO_TEXT, name });
    const { post } = await answerSurveyAndPost(w, userId, survey);
    const prompt = await post.waitForFollowUp(1);
    return { userId, prompt };
  }

  /** Aiko starts chain #1 and leaves with the baton: nobody without an intro is left, the bot holds it. */
  async function botHoldsTheBaton() {
    const { userId: aiko } = await introduced('Aiko');
    w.drivers.memberLeave(w.guildId, aiko);
    await w.until(
      () => RelayChain.exists({ guildId: w.guildId, batonWithBot: true }),
      'the baton with the bot',
    );
    return aiko;
  }

  it('offers only members without an intro in a string select, 25 at a time with a More button', async () => {
    const { userId: mei } = await introduced('Mei');
    const waiting: string[] = [];
    for (let i = 0; i < 27; i++) waiting.push((await joinAndGetDm(w, `Newbie${i}`)).userId);
    const { userId: aiko, prompt } = await introduced('Aiko');
    expect(customIds(prompt)).to.include(`relay:nominate:${w.guildId}`);
    const firstPage = offered(prompt);
    expect(firstPage).to.have.length(25);
    expect(firstPage).to.not.include.members([aiko]);
    expect(firstPage).to.not.include(mei);
    expect(firstPage).to.not.include(w.emu.botUser.id);
    expect(waiting).to.include.members(firstPage);

    const more = customIds(prompt).find((id) => id.startsWith(`relay:page:${w.guildId}:25`))!;
    const next = await w.drivers.clickButton(prompt.id, more, aiko, EN).waitForReply();
    const secondPage = offered(next);
    expect(secondPage).to.have.length(2);
    expect([...firstPage, ...secondPage]).to.have.members(waiting);

    // Picking from the second page nominates that member.
    await w.drivers
      .selectValues(next.id, `relay:nominate:${w.guildId}`, aiko, [secondPage[0]!], EN)
      .waitForReply();
    await w.until(
      () => RelayLink.exists({ guildId: w.guildId, nomineeId: secondPage[0], fromUserId: aiko }),
      'the nomination from page 2',
    );
  });

  it('keeps the passed-over nominee out of a refreshed or paged prompt, as on its first page', async () => {
    const { userId: aiko, prompt } = await introduced('Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    await nominateFrom(w, prompt, aiko, ken, EN);
    // The check is scheduled just after the answer: keep making due checks run until it has.
    const dueUntil = <T>(probe: () => Promise<T | undefined | null | false>, what: string) =>
      w.until<T>(async () => (await w.runDueRelayChecks(), await probe()), what);
    w.clock.advanceDays(3);
    await dueUntil(() => RelayLink.exists({ nomineeId: ken, status: 'reminded' }), 'the reminder');
    w.clock.advanceDays(3);
    const back = await dueUntil(
      async () => w.drivers.dmsTo(aiko).find((m) => m.content?.includes('came back to you')),
      'the baton back',
    );
    // Ken was passed over: not offered; nobody else is left, so the prompt has "Check again".
    expect(offered(back)).to.deep.equal([]);
    const refresh = `relay:page:${w.guildId}:0`;
    expect(customIds(back)).to.deep.equal([refresh]);
    // The baton stays with Aiko (a newcomer takes only a baton the bot holds): the prompt says how
    // to pick someone new, and promises nothing that will not happen by itself.
    expect(back.content)
      .to.include('Your baton waits with you')
      .and.include('Check again for new members')
      .and.not.include('the next newcomer picks it up');
    const again = await w.drivers.clickButton(back.id, refresh, aiko, EN).waitForReply();
    expect(offered(again), 'the refreshed prompt still leaves Ken out').to.not.include(ken);
    const { userId: mei } = await joinAndGetDm(w, 'Mei');
    const withMei = await w.drivers.clickButton(back.id, refresh, aiko, EN).waitForReply();
    expect(offered(withMei)).to.deep.equal([mei]);
  });

  it('gives a holder their prompt again with /relay pass, and answers an old user-select prompt with a fresh one', async () => {
    const { userId: aiko, prompt } = await introduced('Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const pass = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, aiko, 'relay pass', {}, EN)
      .waitForReply();
    expect(pass.flags! & 64).to.equal(64);
    expect(pass.content).to.include('You hold the baton of chain #1');
    expect(customIds(pass)).to.deep.equal([`relay:nominate:${w.guildId}`]);
    expect(offered(pass)).to.deep.equal([ken]);

    // A prompt posted before the string select (a user select offering everyone) is no dead end.
    const dm = prompt.channel_id;
    const old = w.emu.state.messages.create(dm, {
      authorId: w.emu.botUser.id,
      content: 'Who should go next?',
      components: [
        {
          type: 1,
          components: [{ type: ComponentType.UserSelect, custom_id: `relay:nominate:${w.guildId}` }],
        },
      ],
    });
    const fresh = await w.drivers
      .selectValues(old.id, `relay:nominate:${w.guildId}`, aiko, [ken], EN)
      .waitForReply();
    expect(fresh.flags! & 64).to.equal(64);
    expect(offered(fresh)).to.deep.equal([ken]);
    await w.drivers.selectValues(fresh.id, `relay:nominate:${w.guildId}`, aiko, [ken], EN).waitForReply();
    await w.until(() => RelayLink.exists({ nomineeId: ken, fromUserId: aiko }), 'the pick');

    const none = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, aiko, 'relay pass', {}, EN)
      .waitForReply();
    expect(none.content).to.include('You do not hold an intro baton right now');
  });

  it('lets an organiser take a person’s baton only by its number and after the reminder time, and tells the holder', async () => {
    const { userId: aiko } = await introduced('Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const owner = w.seeded.owner.id;
    const run = (options: { member: string; chain?: number }) =>
      w.drivers
        .runSlashCommand(w.guildId, w.channels.general, owner, 'relay nominate', options, EN)
        .waitForReply();
    // Unnamed, only a baton the bot holds is taken: Aiko's is hers.
    expect((await run({ member: ken })).content).to.include('No baton is waiting');
    expect((await run({ member: ken, chain: 1 })).content).to.include(
      'its holder has had the baton for less than 3 days',
    );
    expect(await RelayChain.exists({ guildId: w.guildId, batonHolderId: aiko })).to.not.equal(null);

    w.clock.advanceDays(3);
    const done = await run({ member: ken, chain: 1 });
    expect(done.content).to.include('Chain #1').and.include(`<@${ken}>`);
    await w.until(
      () => w.drivers.dmsTo(aiko).find((m) => m.content?.includes('handed your intro baton (chain #1)')),
      'the holder told',
    );
    const chain = (await RelayChain.findOne({ guildId: w.guildId }).lean())!;
    expect(chain.breaks.map((b) => b.kind)).to.deep.equal(['overridden']);
    expect(await RelayLink.exists({ nomineeId: ken, nominatedByBot: true, status: 'pending' })).to.not.equal(
      null,
    );
  });

  it('lets the next newcomer pick up a baton the bot holds, announced in the channel', async () => {
    await botHoldsTheBaton();
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const announced = await w.until(
      () =>
        w
          .mentionsIn(w.channels.introductions, ken)
          .find((m) => m.content?.includes('the intro baton is yours')),
      'the newcomer handed the baton',
    );
    expect(customIds(announced)).to.deep.equal([`intro:start:${w.guildId}`]);
    expect(await RelayLink.exists({ nomineeId: ken, nominatedByBot: true, status: 'pending' })).to.not.equal(
      null,
    );
    expect(await RelayChain.exists({ guildId: w.guildId, batonWithBot: true })).to.equal(null);
  });

  it('lets an organiser hand a waiting baton with /relay nominate, and refuses everyone else', async () => {
    await botHoldsTheBaton();
    const veteran = w.memberId;
    const refused = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, veteran, 'relay nominate', { member: veteran }, EN)
      .waitForReply();
    expect(refused.content).to.include('Only organisers');

    const owner = w.seeded.owner.id;
    // The member option is a string filled by autocomplete: free text is refused, localized.
    const typed = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, owner, 'relay nominate', { member: 'Ken' }, EN)
      .waitForReply();
    expect(typed.content).to.include('Pick the member from the list');
    const done = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, owner, 'relay nominate', { member: veteran }, EN)
      .waitForReply();
    expect(done.flags! & 64).to.equal(64);
    expect(done.content).to.include('Chain #1').and.include(`<@${veteran}>`);
    await w.until(
      () =>
        w.mentionsIn(w.channels.introductions, veteran).find((m) => m.content?.includes('baton is yours')),
      'the announcement',
    );
    const status = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, owner, 'relay status', {}, EN)
      .waitForReply();
    expect(status.embeds[0]?.fields?.[0]?.value).to.include(`waiting for <@${veteran}>`);

    const again = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, owner, 'relay nominate', { member: veteran }, EN)
      .waitForReply();
    expect(again.content).to.include('No baton is waiting');
    const busy = await w.drivers
      .runSlashCommand(
        w.guildId,
        w.channels.general,
        owner,
        'relay nominate',
        { member: veteran, chain: 1 },
        EN,
      )
      .waitForReply();
    expect(busy.content).to.include('Chain #1 is waiting for its nominee');
    const unknown = await w.drivers
      .runSlashCommand(
        w.guildId,
        w.channels.general,
        owner,
        'relay nominate',
        { member: veteran, chain: 7 },
        EN,
      )
      .waitForReply();
    expect(unknown.content).to.include('That baton was not found');
  });

  it('carries out a dashboard nomination in the worker job, once per request, and writes the outcome into the chain', async () => {
    await botHoldsTheBaton();
    const chain = (await RelayChain.findOne({ guildId: w.guildId }).lean())!;
    const chainId = String(chain._id);
    // The web process's side: the request on the chain, then the job through its queue.
    const web = createAgenda({ db: mongoose.connection.db as unknown as Db, name: 'web-test' });
    const queue = agendaJobQueue(web);
    const { requestId } = await requestOrganiserNomination({
      guildId: w.guildId,
      chainId,
      nomineeId: w.memberId,
    });
    await queue.now(RELAY_NOMINATE_JOB, { guildId: w.guildId, chainId, nomineeId: w.memberId, requestId });
    await w.until(
      () => RelayChain.exists({ _id: chain._id, 'nominationRequest.status': 'done' }),
      'the outcome written back',
    );
    await w.until(
      () =>
        w.mentionsIn(w.channels.introductions, w.memberId).find((m) => m.content?.includes('baton is yours')),
      'the announcement',
    );

    // The same job again (agenda re-runs it, a double click enqueued it twice): nothing happens,
    // the outcome stays "done" and the member is announced once.
    const jobs = (mongoose.connection.db as unknown as Db).collection('agendaJobs');
    const finished = () => jobs.countDocuments({ name: RELAY_NOMINATE_JOB, lastFinishedAt: { $ne: null } });
    // The first job is marked finished only after its announcement: count from there, or the
    // wait below could end on the first job's completion instead of the re-run's.
    await w.until(async () => (await finished()) >= 1, 'the first run finished');
    const ran = await finished();
    await queue.now(RELAY_NOMINATE_JOB, { guildId: w.guildId, chainId, nomineeId: w.memberId, requestId });
    await w.until(async () => (await finished()) > ran, 'the re-run finished');
    const after = (await RelayChain.findById(chain._id).lean())!;
    expect(after.nominationRequest).to.include({ status: 'done', requestId });
    expect(await RelayLink.countDocuments({ chainId: chain._id, nomineeId: w.memberId })).to.equal(1);
    const announced = w
      .mentionsIn(w.channels.introductions, w.memberId)
      .filter((m) => m.content?.includes('baton is yours'));
    expect(announced).to.have.length(1);
  });

  it('stores a dashboard refusal with its placeholder values when the baton was picked up meanwhile', async () => {
    await botHoldsTheBaton();
    const chain = (await RelayChain.findOne({ guildId: w.guildId }).lean())!;
    const chainId = String(chain._id);
    const web = createAgenda({ db: mongoose.connection.db as unknown as Db, name: 'web-test' });
    const { requestId } = await requestOrganiserNomination({
      guildId: w.guildId,
      chainId,
      nomineeId: w.memberId,
    });
    // Before the worker runs, a newcomer picks the bot's baton up.
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    await w.until(() => RelayLink.exists({ nomineeId: ken, status: 'pending' }), 'Ken picked the baton up');
    await agendaJobQueue(web).now(RELAY_NOMINATE_JOB, {
      guildId: w.guildId,
      chainId,
      nomineeId: w.memberId,
      requestId,
    });
    const refused = await w.until(
      () => RelayChain.findOne({ _id: chain._id, 'nominationRequest.status': 'refused' }).lean(),
      'the refusal written back',
    );
    // The chain waits for Ken now: the reason is stored with its number, for the page to fill in.
    expect(refused.nominationRequest).to.include({ reasonKey: 'connect.relay.error.chainBusy' });
    expect(refused.nominationRequest?.reasonVars).to.deep.equal({ number: 1 });
  });

  it('answers only the holder (or an organiser) on a prompt posted publicly, privately to others', async () => {
    const { userId: aiko, prompt } = await introduced('Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const { userId: mei } = await joinAndGetDm(w, 'Mei');
    await nominateFrom(w, prompt, aiko, ken, EN);
    w.drivers.closeDms(aiko);
    w.drivers.memberLeave(w.guildId, ken);
    const publicPrompt = await w.until(
      () => w.mentionsIn(w.channels.introductions, aiko).find((m) => m.content?.includes('came back to you')),
      'the prompt in the channel',
    );
    const selectId = `relay:nominate:${w.guildId}:${aiko}`;
    expect(customIds(publicPrompt)).to.deep.equal([selectId]);

    const { userId: other } = await introduced('Other');
    const refusal = await w.drivers.selectValues(publicPrompt.id, selectId, other, [mei], EN).waitForReply();
    expect(refusal.flags! & 64).to.equal(64);
    expect(refusal.content).to.include('only they (or an organiser)');
    const still = w.drivers.messagesIn(w.channels.introductions).find((m) => m.id === publicPrompt.id)!;
    expect(customIds(still), 'the prompt stays for its holder').to.deep.equal([selectId]);
    expect(await RelayLink.exists({ nomineeId: mei })).to.equal(null);

    await w.drivers.selectValues(publicPrompt.id, selectId, aiko, [mei], EN).waitForReply();
    await w.until(
      () => RelayLink.exists({ nomineeId: mei, fromUserId: aiko, status: 'pending' }),
      'the pick',
    );
  });

  it('lets an organiser use a public prompt on the holder’s behalf', async () => {
    const { userId: aiko, prompt } = await introduced('Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const { userId: mei } = await joinAndGetDm(w, 'Mei');
    await nominateFrom(w, prompt, aiko, ken, EN);
    w.drivers.closeDms(aiko);
    w.drivers.memberLeave(w.guildId, ken);
    const publicPrompt = await w.until(
      () => w.mentionsIn(w.channels.introductions, aiko).find((m) => m.content?.includes('came back to you')),
      'the prompt in the channel',
    );
    const owner = w.seeded.owner.id;
    await w.drivers
      .selectValues(publicPrompt.id, `relay:nominate:${w.guildId}:${aiko}`, owner, [mei], EN)
      .waitForReply();
    await w.until(
      () => RelayLink.exists({ nomineeId: mei, nominatedByBot: true, status: 'pending' }),
      'the organiser’s pick for Aiko’s chain',
    );
  });

  it('tells a nominator whose baton a late introducer took back that the chain moved on', async () => {
    const { userId: aiko, prompt } = await introduced('Aiko');
    const { userId: ken, dm: kenDm } = await joinAndGetDm(w, 'Ken');
    await nominateFrom(w, prompt, aiko, ken, EN);
    const { userId: mei } = await joinAndGetDm(w, 'Mei');
    w.clock.advanceDays(3);
    await w.until(async () => (await w.runDueRelayChecks()) > 0, 'the reminder due');
    await w.until(() => RelayLink.exists({ nomineeId: ken, status: 'reminded' }), 'the reminder');
    w.clock.advanceDays(3);
    await w.until(async () => (await w.runDueRelayChecks()) > 0, 'the pass due');
    const back = await w.until(
      () => w.drivers.dmsTo(aiko).find((m) => m.content?.includes('came back to you')),
      'the baton back',
    );
    expect(offered(back)).to.deep.equal([mei]);
    // Ken introduces himself late and takes the baton back.
    await answerSurveyAndPost(w, ken, await submitIntro(w, ken, kenDm, { ...INTRO_TEXT, name: 'Ken' }));
    await w.until(() => RelayChain.exists({ guildId: w.guildId, batonHolderId: ken }), 'Ken holds the baton');

    const answer = await w.drivers
      .selectValues(back.id, `relay:nominate:${w.guildId}`, aiko, [mei], EN)
      .waitForReply();
    expect(answer.content).to.include('Chain #1 has moved on');
    expect(answer.content).to.not.include('do not hold a baton');
    expect(await RelayLink.exists({ nomineeId: mei })).to.equal(null);
  });
});
