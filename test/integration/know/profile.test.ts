import { expect } from 'chai';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { useMongoose } from '../../support/database.js';
import { Profile } from '../../../shared/kernel/profile.model.js';
import { PostedMessage } from '../../../shared/kernel/personal-data-messages.js';
import { ASKED_VISIBILITY_FIELDS } from '../../../shared/kernel/profile-attributes.js';
import { EN, startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import {
  answerSurveyAndPost,
  customIds,
  INTRO_TEXT,
  joinAndGetDm,
  nominateFrom,
  submitIntro,
} from '../../support/flow.js';

describe('Connect: /profile (real discord.js through the emulator)', () => {
  useMongoose('connect_profile');
  let w: ConnectWorld;

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  /** Aiko joins through Ken's invite, introduces herself and nominates Mei; Ken introduced himself first. */
  async function aikoWithHistory() {
    const { userId: ken, dm: kenDm } = await joinAndGetDm(w, 'Ken');
    const kenSurvey = await submitIntro(w, ken, kenDm, { ...INTRO_TEXT, name: 'Ken' });
    const kenPost = await answerSurveyAndPost(w, ken, kenSurvey);
    const kenPrompt = await kenPost.post.waitForFollowUp(1);
    const code = await w.invite(ken);
    const { userId: aiko, dm } = await joinAndGetDm(w, 'Aiko', code);
    await nominateFrom(w, kenPrompt, ken, aiko);
    const { userId: mei } = await joinAndGetDm(w, 'Mei');
    const { post } = await answerSurveyAndPost(w, aiko, await submitIntro(w, aiko, dm));
    const prompt = await post.waitForFollowUp(1);
    await nominateFrom(w, prompt, aiko, mei);
    // The nominee's DM (naming Aiko) is the announcement's last step, after the pick's answer:
    // an erasure started earlier would miss it.
    for (const nominee of [aiko, mei])
      await w.until(
        () => PostedMessage.exists({ kind: 'relayDm', subjectId: nominee }),
        `the DM to ${nominee} recorded`,
      );
    return { aiko, ken, mei };
  }

  it("exports the member's data as a JSON attachment, only to them", async () => {
    const { aiko } = await aikoWithHistory();
    const reply = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, aiko, 'profile export', {}, EN)
      .waitForReply();
    expect(reply.flags! & 64).to.equal(64);
    // The emulator keeps the attachment entry of ephemeral replies (file names: see .tmp/emulator-requests.md).
    expect(reply.attachments).to.have.length(1);
    expect(reply.content).to.include('everything Tsunagu stores about you');
  });

  it("/profile delete leaves no trace of the person's personal data in any collection or bot message, and removes the Introduced role", async () => {
    const { aiko, ken } = await aikoWithHistory();
    const introPost = (await Profile.findOne({ guildId: w.guildId, userId: aiko }).lean())?.introMessageId;
    expect(introPost).to.be.a('string');

    const confirm = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, aiko, 'profile delete', {}, EN)
      .waitForReply();
    expect(customIds(confirm)).to.deep.equal([`profile:delete:${w.guildId}`, `profile:cancel:${w.guildId}`]);
    await w.drivers.clickButton(confirm.id, `profile:delete:${w.guildId}`, aiko).waitForReply();

    await w.until(
      () => !w.drivers.messagesIn(w.channels.introductions).some((m) => m.id === introPost),
      'the intro post deleted',
    );
    const db = mongoose.connection.db as unknown as Db;
    const collections = await db.listCollections({}, { nameOnly: true }).toArray();
    expect(collections.map((c) => c.name)).to.include.members([
      'profiles',
      'relaylinks',
      'relaychains',
      'joinattributions',
    ]);
    for (const { name } of collections) {
      const docs = JSON.stringify(await db.collection(name).find({}).toArray());
      expect(docs, `${name} still holds the erased member`).to.not.include(aiko);
    }
    expect(
      await Profile.exists({ guildId: w.guildId, userId: ken }),
      'other people keep their profile',
    ).to.not.equal(null);

    // Discord too: the Introduced role is gone, and no message the bot posted (content, embeds,
    // components, in any channel or DM) names the member by id or by name any more.
    await w.until(
      () => !w.drivers.memberRoles(w.guildId, aiko).includes(w.roles.introduced),
      'the Introduced role removed',
    );
    const user = w.emu.state.data.users.get(aiko)!;
    const traces = [aiko, INTRO_TEXT.name, user.username, 'Aiko'];
    const naming: string[] = [];
    for (const [channelId, messages] of w.emu.state.data.messages) {
      for (const message of messages.values()) {
        if (message.author.id !== w.emu.botUser.id) continue;
        const text = JSON.stringify({ c: message.content, e: message.embeds, k: message.components });
        const found = traces.filter((trace) => text.includes(trace));
        if (found.length)
          naming.push(`${channelId}/${message.id} names ${found.join(', ')}: ${text.slice(0, 120)}`);
      }
    }
    expect(naming, 'bot messages still naming the erased member').to.deep.equal([]);
  });

  it('keeps everything when the deletion is cancelled', async () => {
    const { userId, dm } = await joinAndGetDm(w, 'Ren');
    await answerSurveyAndPost(w, userId, await submitIntro(w, userId, dm));
    const confirm = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, userId, 'profile delete', {}, EN)
      .waitForReply();
    await w.drivers.clickButton(confirm.id, `profile:cancel:${w.guildId}`, userId).waitForReply();
    expect(await Profile.exists({ guildId: w.guildId, userId })).to.not.equal(null);
  });

  it("lets a member choose which fields the company's staff may see", async () => {
    const { userId, dm } = await joinAndGetDm(w, 'Ren');
    await answerSurveyAndPost(w, userId, await submitIntro(w, userId, dm));
    const prompt = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, userId, 'profile visibility', {}, EN)
      .waitForReply();
    // Only fields the intro and the survey ask are offered (no Skills, Looking for or Age).
    const offered = JSON.stringify(prompt.components).match(/"value":"[^"]+"/g) ?? [];
    expect(offered.map((v) => v.slice(9, -1))).to.have.members([...ASKED_VISIBILITY_FIELDS]);
    expect(JSON.stringify(prompt.components)).not.to.match(
      /"(skills|needs|ageBand)"|Looking for|Skills|"Age"/,
    );
    await w.drivers
      .selectValues(prompt.id, `profile:visibility:${w.guildId}`, userId, ['industry', 'region'])
      .waitForReply();
    const profile = await Profile.findOne({ guildId: w.guildId, userId }).lean();
    expect(profile!.visibility as unknown as Record<string, string>).to.deep.include({
      industry: 'staff',
      region: 'staff',
    });
  });

  it('shows company staff (members without the Alumni role) only the fields shared with staff', async () => {
    const { userId, dm } = await joinAndGetDm(w, 'Ren');
    await answerSurveyAndPost(w, userId, await submitIntro(w, userId, dm));
    const prompt = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, userId, 'profile visibility', {}, EN)
      .waitForReply();
    await w.drivers
      .selectValues(prompt.id, `profile:visibility:${w.guildId}`, userId, ['industry'], EN)
      .waitForReply();
    const staffView = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, w.memberId, 'profile view', { user: userId }, EN)
      .waitForReply();
    expect(staffView.embeds[0]?.fields?.map((f) => f.name)).to.deep.equal(['Industry now']);
    const ownView = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, userId, 'profile view', {}, EN)
      .waitForReply();
    expect(ownView.embeds[0]?.fields?.length).to.be.greaterThan(1);
  });
});
