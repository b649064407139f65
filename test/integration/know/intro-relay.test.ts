import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { Profile } from '../../../shared/kernel/profile.model.js';
import { RelayLink } from '../../../shared/know/relay-link.model.js';
import { EN, startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import {
  answerSurveyAndPost,
  customIds,
  INTRO_TEXT,
  joinAndGetDm,
  nominateFrom,
  postSurvey,
  submitIntro,
} from '../../support/flow.js';

describe('Connect: self-introduction and the intro relay (real discord.js through the emulator)', () => {
  useMongoose('connect_intro');
  let w: ConnectWorld;

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  it('posts the intro embed, stores the profile and swaps the Newcomer role for Introduced', async () => {
    const { userId, dm } = await joinAndGetDm(w, 'Aiko');
    await w.until(
      () => w.drivers.memberRoles(w.guildId, userId).includes(w.roles.newcomer),
      'the Newcomer role',
    );
    const survey = await submitIntro(w, userId, dm);
    expect(customIds(survey)).to.include(`intro:decade:${w.guildId}`);
    const { result } = await answerSurveyAndPost(w, userId, survey);
    expect(result.content).to.include(`<#${w.channels.introductions}>`);

    const posted = w.drivers
      .messagesIn(w.channels.introductions)
      .find((m) => m.embeds?.[0]?.title?.includes(INTRO_TEXT.name));
    expect(posted, 'the intro embed').to.not.equal(undefined);
    const embed = posted!.embeds[0]!;
    expect(embed.description).to.include(`<@${userId}>`).and.to.include(INTRO_TEXT.greeting);
    expect(embed.fields?.map((f) => f.value)).to.include.members([
      '2019',
      INTRO_TEXT.career,
      'hiking · coffee · 写真',
    ]);

    const profile = await Profile.findOne({ guildId: w.guildId, userId }).lean();
    expect(profile).to.deep.include({
      displayName: INTRO_TEXT.name,
      leaveYear: 2019,
      tenureBand: '5to10',
      joinedAsNewGraduate: true,
      industry: 'it',
      region: 'kanto',
      introMessageId: posted!.id,
    });
    expect(profile?.lifeStages).to.deep.equal(['parenting']);
    await w.until(
      () => w.drivers.memberRoles(w.guildId, userId).includes(w.roles.introduced),
      'the Introduced role',
    );
    await w.until(
      () => !w.drivers.memberRoles(w.guildId, userId).includes(w.roles.newcomer),
      'the Newcomer role removed',
    );
  });

  it('posts once when "Post" is double-clicked, and /profile edit updates that same post', async () => {
    const { userId, dm } = await joinAndGetDm(w, 'Ren');
    const survey = await submitIntro(w, userId, dm);
    const first = w.drivers.clickButton(survey.id, `intro:post:${w.guildId}`, userId);
    const second = w.drivers.clickButton(survey.id, `intro:post:${w.guildId}`, userId);
    const answers = [(await first.waitForReply()).content, (await second.waitForReply()).content];
    expect(answers.filter((a) => a?.includes(`<#${w.channels.introductions}>`))).to.have.length(1);
    const intros = () =>
      w.drivers
        .messagesIn(w.channels.introductions)
        .filter((m) => m.embeds?.[0]?.description?.includes(`<@${userId}>`));
    expect(intros()).to.have.length(1);
    // The click that posted goes on to ask for the next relay nominee: wait for that to finish.
    await w.until(
      () => [...first.responses(), ...second.responses()].some((e) => e.kind === 'followup'),
      'the relay prompt',
    );

    const edit = w.drivers.runSlashCommand(w.guildId, w.channels.general, userId, 'profile edit');
    await edit.waitForModal();
    const again = await w.drivers
      .submitModal(edit, `intro:modal:${w.guildId}`, { ...INTRO_TEXT, name: 'Ren K.' })
      .waitForReply();
    await w.until(() => intros()[0]?.embeds[0]?.title?.includes('Ren K.'), 'the post updated by the edit');
    const updated = await w.drivers
      .clickButton(again.id, `intro:post:${w.guildId}`, userId, { locale: 'en-US' })
      .waitForReply();
    expect(updated.content).to.equal('Your introduction is updated.');
    expect(intros()).to.have.length(1);
  });

  it('asks the introducer to nominate the next person, then mentions and DMs the nominee', async () => {
    const { userId: aiko, dm } = await joinAndGetDm(w, 'Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const survey = await submitIntro(w, aiko, dm);
    const { post } = await answerSurveyAndPost(w, aiko, survey);
    const prompt = await post.waitForFollowUp(1);
    // The nomination picker, and under it the holder's own invite link (issue 8 §1).
    expect(customIds(prompt)).to.deep.equal([`relay:nominate:${w.guildId}`, `myinvite:get:${w.guildId}`]);
    expect(JSON.stringify(prompt.components)).to.include(`"value":"${ken}"`);

    const answer = await w.drivers
      .selectValues(prompt.id, `relay:nominate:${w.guildId}`, aiko, [ken])
      .waitForReply();
    expect(answer.content).to.include(`<@${ken}>`);
    const mention = await w.until(
      () =>
        w
          .mentionsIn(w.channels.introductions, ken)
          .find((m) => m.content?.includes('passed you the intro baton')),
      'the nominee mentioned',
    );
    expect(mention.content).to.include(`<@${aiko}>`);
    expect(customIds(mention)).to.deep.equal([`intro:start:${w.guildId}`]);
    const nomineeDm = await w.until(
      () => w.drivers.dmsTo(ken).find((m) => m.content?.includes('nominated you')),
      'the nominee DM',
    );
    expect(customIds(nomineeDm)).to.deep.equal([`intro:start:${w.guildId}`]);
  });

  it('offers neither yourself, a bot, nor someone already introduced, and refuses a pick that went stale', async () => {
    const { userId: mei, dm: meiDm } = await joinAndGetDm(w, 'Mei');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    await answerSurveyAndPost(w, mei, await submitIntro(w, mei, meiDm, { ...INTRO_TEXT, name: 'Mei' }));
    const { userId: aiko, dm } = await joinAndGetDm(w, 'Aiko');
    const { post } = await answerSurveyAndPost(w, aiko, await submitIntro(w, aiko, dm));
    const prompt = await post.waitForFollowUp(1);
    const offered = (JSON.stringify(prompt.components).match(/"value":"\d+"/g) ?? []).map((v) =>
      v.slice(9, -1),
    );
    expect(offered).to.deep.equal([ken]);
    // Ken introduces himself before Aiko picks: the service refuses the stale pick with its reason.
    const kenDm = w.drivers.dmsTo(ken)[0]!;
    await answerSurveyAndPost(w, ken, await submitIntro(w, ken, kenDm, { ...INTRO_TEXT, name: 'Ken' }));
    const stale = await w.drivers
      .selectValues(prompt.id, `relay:nominate:${w.guildId}`, aiko, [ken])
      .waitForReply();
    expect(stale.content).to.match(/already introduced/i);
    expect(await RelayLink.countDocuments({ guildId: w.guildId, fromUserId: aiko })).to.equal(0);
  });

  it('reminds the nominee once when the days pass, then hands the baton back to the nominator, who nominates again by DM', async () => {
    const { userId: aiko, dm } = await joinAndGetDm(w, 'Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const { post } = await answerSurveyAndPost(w, aiko, await submitIntro(w, aiko, dm));
    const prompt = await post.waitForFollowUp(1);
    await w.drivers.selectValues(prompt.id, `relay:nominate:${w.guildId}`, aiko, [ken]).waitForReply();
    await w.until(
      () => w.drivers.dmsTo(ken).find((m) => m.content?.includes('nominated you')),
      'the nominee DM',
    );

    expect(await w.runDueRelayChecks(), 'nothing is due before the reminder day').to.equal(0);
    w.clock.advanceDays(3);
    expect(await w.runDueRelayChecks()).to.equal(1);
    const reminder = await w.until(
      () => w.drivers.dmsTo(ken).find((m) => m.content?.includes('friendly reminder')),
      'the reminder DM',
    );
    expect(customIds(reminder)).to.deep.equal([`intro:start:${w.guildId}`]);
    await w.until(() => RelayLink.exists({ nomineeId: ken, status: 'reminded' }), 'the link marked reminded');

    const { userId: mei } = await joinAndGetDm(w, 'Mei');
    w.clock.advanceDays(3);
    await w.until(async () => (await w.runDueRelayChecks()) > 0, 'the pass check due');
    const back = await w.until(
      () => w.drivers.dmsTo(aiko).find((m) => m.content?.includes('came back to you')),
      'the baton back DM',
    );
    expect(customIds(back)).to.deep.equal([`relay:nominate:${w.guildId}`]);
    expect(back.content).to.include(`<@${ken}> has not introduced themselves`);
    expect(w.drivers.dmsTo(ken).filter((m) => m.content?.includes('friendly reminder'))).to.have.length(1);

    // The nominator passes the baton again, from the DM.
    await nominateFrom(w, back, aiko, mei, EN);
    await w.until(
      () =>
        w
          .mentionsIn(w.channels.introductions, mei)
          .find((m) => m.content?.includes('passed you the intro baton')),
      'the second nominee mentioned',
    );
    const link = await RelayLink.findOne({ nomineeId: mei }).lean();
    expect(link).to.deep.include({ position: 1, attempt: 2, fromUserId: aiko, status: 'pending' });
  });

  it('lets the bot pass the baton to a member without an intro when the nominator has left', async () => {
    const { userId: aiko, dm } = await joinAndGetDm(w, 'Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const { post } = await answerSurveyAndPost(w, aiko, await submitIntro(w, aiko, dm));
    const prompt = await post.waitForFollowUp(1);
    await w.drivers.selectValues(prompt.id, `relay:nominate:${w.guildId}`, aiko, [ken]).waitForReply();
    const { userId: mei } = await joinAndGetDm(w, 'Mei');
    w.drivers.memberLeave(w.guildId, aiko);
    await w.until(() => Profile.exists({ userId: aiko, leftAt: { $ne: null } }), 'the nominator gone');

    w.clock.advanceDays(3);
    // Ken's check is scheduled after the pick's answer: keep running due checks until it ran.
    await w.until(
      async () => (
        await w.runDueRelayChecks(),
        await RelayLink.exists({ nomineeId: ken, status: 'reminded' })
      ),
      'the reminder',
    );
    w.clock.advanceDays(3);
    await w.until(async () => (await w.runDueRelayChecks()) > 0, 'the pass check due');
    const announced = await w.until(
      () =>
        w
          .mentionsIn(w.channels.introductions, mei)
          .find((m) => m.content?.includes('the intro baton is yours')),
      'the bot nominating Mei',
    );
    expect(customIds(announced)).to.deep.equal([`intro:start:${w.guildId}`]);
    expect(await RelayLink.exists({ nomineeId: mei, nominatedByBot: true, status: 'pending' })).to.not.equal(
      null,
    );
  });

  it('lets a member who joined before Tsunagu introduce themself through /profile edit', async () => {
    const veteran = w.memberId;
    const edit = w.drivers.runSlashCommand(w.guildId, w.channels.general, veteran, 'profile edit', {}, EN);
    expect((await edit.waitForModal()).title).to.equal('Introduce yourself');
    const survey = await w.drivers.submitModal(edit, `intro:modal:${w.guildId}`, INTRO_TEXT).waitForReply();
    await postSurvey(w, veteran, survey);
    await w.until(
      () => w.drivers.memberRoles(w.guildId, veteran).includes(w.roles.introduced),
      'the Introduced role',
    );
    expect(await Profile.findOne({ guildId: w.guildId, userId: veteran }).lean()).to.deep.include({
      displayName: INTRO_TEXT.name,
    });
  });
});
