import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { Profile } from '../../../shared/kernel/profile.model.js';
import { RelayLink } from '../../../shared/know/relay-link.model.js';
import { EN, startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import { answerSurveyAndPost, customIds, INTRO_TEXT, joinAndGetDm, submitIntro } from '../../support/flow.js';

describe('Connect: bad input and faults (real discord.js through the emulator)', () => {
  useMongoose('connect_faults');
  let w: ConnectWorld;

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  it('answers a blank name with a localized message and stores nothing of the intro', async () => {
    const { userId, dm } = await joinAndGetDm(w, 'Aiko');
    const answer = await submitIntro(w, userId, dm, { ...INTRO_TEXT, name: '   ' });
    expect(answer.flags! & 64).to.equal(64);
    expect(answer.content).to.match(/name/i);
    expect(await Profile.findOne({ guildId: w.guildId, userId }).lean()).to.deep.include({
      displayName: null,
      introducedAt: null,
    });
  });

  it('tells a member who left mid-flow that they are no longer in the server', async () => {
    const { userId, dm } = await joinAndGetDm(w, 'Ken');
    w.drivers.memberLeave(w.guildId, userId);
    await w.until(
      () => !w.bot.client.guilds.cache.get(w.guildId)?.members.cache.has(userId),
      'the leave seen by the bot',
    );
    const answer = await w.drivers.clickButton(dm.id, `intro:start:${w.guildId}`, userId, EN).waitForReply();
    expect(answer.content).to.equal('You are not a member of that server (any more).');
  });

  it('keeps the profile when the introductions channel refuses the post, and says which channel and why', async () => {
    const { userId, dm } = await joinAndGetDm(w, 'Mei');
    const survey = await submitIntro(w, userId, dm);
    w.emu.state.channels.update(w.channels.introductions, {
      permissionOverwrites: [{ id: w.seeded.botRole!.id, type: 0, allow: '0', deny: String(1n << 11n) }],
    });
    await w.until(() => {
      const me = w.bot.client.guilds.cache.get(w.guildId)?.members.me;
      return me && !me.permissionsIn(w.channels.introductions).has('SendMessages');
    }, 'the overwrite seen by the bot');
    const answer = await w.drivers
      .clickButton(survey.id, `intro:post:${w.guildId}`, userId, EN)
      .waitForReply();
    expect(answer.content)
      .to.include(`could not post in <#${w.channels.introductions}>`)
      .and.include('"Send Messages"');
    expect(customIds(answer)).to.include(`intro:post:${w.guildId}`);
    expect(await Profile.findOne({ guildId: w.guildId, userId }).lean()).to.deep.include({
      displayName: INTRO_TEXT.name,
    });
  });

  it('hands the baton back to the nominator when the nominee leaves, and /relay status shows the chain', async () => {
    const { userId: aiko, dm } = await joinAndGetDm(w, 'Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const { post } = await answerSurveyAndPost(w, aiko, await submitIntro(w, aiko, dm));
    const prompt = await post.waitForFollowUp(1);
    await w.drivers.selectValues(prompt.id, `relay:nominate:${w.guildId}`, aiko, [ken], EN).waitForReply();

    const status = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, aiko, 'relay status', {}, EN)
      .waitForReply();
    expect(status.embeds[0]?.fields?.[0]?.value).to.include(`waiting for <@${ken}>`);

    // Someone without an intro is left to pick, so the returned baton carries the picker.
    await joinAndGetDm(w, 'Mei');
    w.drivers.memberLeave(w.guildId, ken);
    await w.until(
      () => RelayLink.exists({ guildId: w.guildId, status: 'cancelled' }),
      'the nomination cancelled',
    );
    const back = await w.until(
      () => w.drivers.dmsTo(aiko).find((m) => m.content?.includes('came back to you')),
      'the baton back',
    );
    expect(customIds(back)).to.include(`relay:nominate:${w.guildId}`);
    // Ken left: the prompt says so, not that he "has not introduced themselves", and names him
    // (a mention of someone no longer in the server renders as "@unknown-user").
    expect(back.content)
      .to.include('Ken left the server')
      .and.not.include(`<@${ken}>`)
      .and.not.include('has not introduced');
  });
});
