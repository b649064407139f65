/**
 * `/profile delete` in the middle of a relay behaves as a leave does, and removes the bot's
 * messages within Discord's limits (bulk delete where allowed), reporting what it could not
 * remove. Real discord.js through the emulator.
 */
import { expect } from 'chai';
import { GatewayDispatchEvents, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import { useMongoose } from '../../support/database.js';
import { RelayChain } from '../../../shared/know/relay-chain.model.js';
import { RelayLink } from '../../../shared/know/relay-link.model.js';
import { PostedMessage } from '../../../shared/kernel/personal-data-messages.js';
import { DEFAULT_BOT_PERMISSIONS } from '../../../sandbox/discord/state/seed.js';
import { EN, startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import {
  answerSurveyAndPost,
  customIds,
  INTRO_TEXT,
  joinAndGetDm,
  nominateFrom,
  submitIntro,
} from '../../support/flow.js';

describe('Know: erasure mid-relay and of the bot’s messages (real discord.js through the emulator)', () => {
  useMongoose('know_erasure_relay');
  let w: ConnectWorld;

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  async function introduced(name: string) {
    const { userId, dm } = await joinAndGetDm(w, name);
    const { post } = await answerSurveyAndPost(
      w,
      userId,
      await submitIntro(w, userId, dm, { ...INTRO_TEXT, name }),
    );
    return { userId, prompt: await post.waitForFollowUp(1) };
  }

  async function erase(userId: string) {
    const confirm = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, userId, 'profile delete', {}, EN)
      .waitForReply();
    const click = w.drivers.clickButton(confirm.id, `profile:delete:${w.guildId}`, userId, EN);
    return w.until(
      () => click.responses().find((r) => r.message?.content?.includes('is deleted'))?.message,
      'the erasure confirmation',
    );
  }

  /** Every bot message (any channel or DM) whose content, embeds or components name `userId`. */
  function botMessagesNaming(userId: string): string[] {
    const user = w.emu.state.data.users.get(userId)!;
    const traces = [userId, user.username];
    const naming: string[] = [];
    for (const [channelId, messages] of w.emu.state.data.messages) {
      for (const message of messages.values()) {
        if (message.author.id !== w.emu.botUser.id) continue;
        const text = JSON.stringify({ c: message.content, e: message.embeds, k: message.components });
        if (traces.some((trace) => text.includes(trace)))
          naming.push(`${channelId}/${message.id}: ${text.slice(0, 120)}`);
      }
    }
    return naming;
  }

  /**
   * Waits until the bot has recorded (for erasure) a message of each kind naming `userId`. A
   * message shows in Discord a moment before its record is written, and the nominee's DM comes
   * after the channel post: an erasure started on what is visible could miss the rest.
   */
  const recorded = (userId: string, ...kinds: string[]) =>
    w.until(
      async () =>
        (await Promise.all(kinds.map((kind) => PostedMessage.exists({ userIds: userId, kind })))).every(
          (found) => found !== null,
        ),
      `${kinds.join(', ')} naming ${userId} recorded`,
    );

  const status = async (userId: string) =>
    (
      await w.drivers
        .runSlashCommand(w.guildId, w.channels.general, userId, 'relay status', {}, EN)
        .waitForReply()
    ).embeds[0]?.fields?.[0]?.value ?? '';

  it('a nominee who erases hands the baton back to the nominator, who is asked to pick someone else', async () => {
    const { userId: aiko, prompt } = await introduced('Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const { userId: mei } = await joinAndGetDm(w, 'Mei');
    await nominateFrom(w, prompt, aiko, ken, EN);
    const announcement = await w.until(
      () => w.mentionsIn(w.channels.introductions, ken).find((m) => m.content?.includes('passed you')),
      'the announcement',
    );
    await recorded(ken, 'relayAnnouncement', 'relayDm');
    expect(await status(aiko)).to.include(`waiting for <@${ken}>`);

    await erase(ken);
    const back = await w.until(
      () => w.drivers.dmsTo(aiko).find((m) => m.content?.includes('no longer taking part')),
      'the pick-someone-else prompt',
    );
    expect(back.content).to.not.include(ken);
    expect(customIds(back)).to.deep.equal([`relay:nominate:${w.guildId}`]);
    expect(JSON.stringify(back.components)).to.include(`"value":"${mei}"`);
    expect(await status(aiko)).to.include(`baton with <@${aiko}>`);
    expect(w.drivers.messagesIn(w.channels.introductions).some((m) => m.id === announcement.id)).to.equal(
      false,
    );

    await nominateFrom(w, back, aiko, mei, EN);
    await w.until(
      () => RelayLink.exists({ nomineeId: mei, fromUserId: aiko, status: 'pending' }),
      'the new pick',
    );
    // The prompt in Aiko's DMs now says "You passed the baton to <@Mei>": Mei's erasure removes it too.
    await w.until(
      () => w.drivers.dmsTo(aiko).find((m) => m.id === back.id && m.content?.includes(`<@${mei}>`)),
      'the prompt naming Mei',
    );
    await recorded(mei, 'batonPrompt', 'relayAnnouncement', 'relayDm');
    await erase(mei);
    expect(botMessagesNaming(mei), 'bot messages still naming Mei').to.deep.equal([]);
  });

  it('removes a public baton prompt and a channel reminder that name an erased nominee', async () => {
    const { userId: aiko, prompt } = await introduced('Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const { userId: mei } = await joinAndGetDm(w, 'Mei');
    await nominateFrom(w, prompt, aiko, ken, EN);
    // Aiko's and Mei's DMs are closed: the returned-baton prompt and Mei's reminder go to the channel.
    w.drivers.closeDms(aiko);
    w.drivers.closeDms(mei);
    w.drivers.memberLeave(w.guildId, ken);
    const publicPrompt = await w.until(
      () => w.mentionsIn(w.channels.introductions, aiko).find((m) => m.content?.includes('came back to you')),
      'the prompt in the channel',
    );
    await w.drivers
      .selectValues(publicPrompt.id, `relay:nominate:${w.guildId}:${aiko}`, aiko, [mei], EN)
      .waitForReply();
    await w.until(
      () =>
        w.drivers
          .messagesIn(w.channels.introductions)
          .find((m) => m.id === publicPrompt.id && m.content?.includes(`<@${mei}>`)),
      'the public prompt edited to name Mei',
    );
    w.clock.advanceDays(3);
    // Mei's check is scheduled just after the pick's answer: keep making due checks run until it ran.
    await w.until(
      async () => (
        await w.runDueRelayChecks(),
        await RelayLink.exists({ nomineeId: mei, status: 'reminded' })
      ),
      'the reminder in the channel',
    );
    await w.until(() => w.mentionsIn(w.channels.introductions, mei).length >= 3, 'three messages naming Mei');
    await recorded(mei, 'batonPrompt', 'relayAnnouncement', 'relayReminder');

    await erase(mei);
    expect(botMessagesNaming(mei), 'bot messages still naming Mei').to.deep.equal([]);
  });

  it('a holder who erases gives the baton to the bot, which says it waits, and the next newcomer takes it', async () => {
    const { userId: aiko } = await introduced('Aiko');
    await erase(aiko);
    await w.until(
      () => RelayChain.exists({ guildId: w.guildId, batonWithBot: true }),
      'the baton with the bot',
    );
    expect(await status(w.memberId)).to.include('waits for the next newcomer or an organiser');

    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    await w.until(
      () => RelayLink.exists({ nomineeId: ken, nominatedByBot: true, status: 'pending' }),
      'picked up',
    );
    expect(await status(w.memberId)).to.include(`waiting for <@${ken}>`);
  });

  it('rewrites, rather than deletes, the announcement of someone the erased member nominated', async () => {
    const { userId: aiko, prompt } = await introduced('Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    await nominateFrom(w, prompt, aiko, ken, EN);
    const announcement = await w.until(
      () => w.mentionsIn(w.channels.introductions, ken).find((m) => m.content?.includes(`<@${aiko}>`)),
      'the announcement naming Aiko',
    );
    await recorded(ken, 'relayAnnouncement', 'relayDm');
    await erase(aiko);
    const after = w.drivers.messagesIn(w.channels.introductions).find((m) => m.id === announcement.id)!;
    expect(after.content).to.include(`<@${ken}>`).and.not.include(aiko);
    expect(customIds(after)).to.deep.equal([`intro:start:${w.guildId}`]);
    const kenDm = w.drivers.dmsTo(ken).find((m) => m.content?.includes('picked to introduce'));
    expect(kenDm, 'the nominee DM rewritten without the nominator').to.not.equal(undefined);
  });

  it('rewrites the announcement to what is true now when the nominee has introduced themself since', async () => {
    const { userId: aiko, prompt } = await introduced('Aiko');
    const { userId: ken, dm: kenDm } = await joinAndGetDm(w, 'Ken');
    await nominateFrom(w, prompt, aiko, ken, EN);
    const announcement = await w.until(
      () => w.mentionsIn(w.channels.introductions, ken).find((m) => m.content?.includes(`<@${aiko}>`)),
      'the announcement naming Aiko',
    );
    await answerSurveyAndPost(w, ken, await submitIntro(w, ken, kenDm, { ...INTRO_TEXT, name: 'Ken' }));
    await w.until(() => RelayLink.exists({ nomineeId: ken, status: 'completed' }), 'Ken introduced');
    await recorded(ken, 'relayAnnouncement', 'relayDm');
    await erase(aiko);
    const after = w.drivers.messagesIn(w.channels.introductions).find((m) => m.id === announcement.id)!;
    expect(after.content)
      .to.include(`<@${ken}>`)
      .and.include('has introduced themself')
      .and.not.include(aiko);
    expect(after.content).to.not.include('baton is yours');
    expect(customIds(after), 'no intro button on a nomination that is over').to.deep.equal([]);
  });

  it('bulk-deletes several messages in one channel when the bot may manage messages', async () => {
    w.emu.state.roles.update(w.guildId, w.seeded.botRole!.id, {
      permissions: DEFAULT_BOT_PERMISSIONS | PermissionFlagsBits.ManageMessages,
    });
    const { userId: aiko, dm } = await joinAndGetDm(w, 'Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    // Ken's DMs are closed: reminders and prompts about him land in the introductions channel.
    w.drivers.closeDms(ken);
    const { post } = await answerSurveyAndPost(w, aiko, await submitIntro(w, aiko, dm));
    await nominateFrom(w, await post.waitForFollowUp(1), aiko, ken, EN);
    w.clock.advanceDays(3);
    await w.until(async () => (await w.runDueRelayChecks()) > 0, 'the reminder due');
    const naming = () => w.mentionsIn(w.channels.introductions, ken);
    await w.until(() => naming().length >= 2, 'an announcement and a reminder naming Ken');
    await recorded(ken, 'relayAnnouncement', 'relayReminder');
    const before = naming().map((m) => m.id);
    const bulk: string[][] = [];
    const unsubscribe = w.emu.state.onDispatch((event, data) => {
      if (event === GatewayDispatchEvents.MessageDeleteBulk) bulk.push((data as { ids: string[] }).ids);
    });
    await erase(ken);
    unsubscribe();
    await w.until(() => naming().length === 0, 'every message naming Ken removed');
    expect(bulk, 'one bulk delete of the channel’s messages').to.have.length(1);
    expect(bulk[0]).to.include.members(before);
  });

  it('reports the messages it could not remove, with links, in the confirmation', async () => {
    const { userId: aiko, prompt } = await introduced('Aiko');
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    await nominateFrom(w, prompt, aiko, ken, EN);
    await w.until(() => w.mentionsIn(w.channels.introductions, ken).length > 0, 'the announcement');
    await recorded(ken, 'relayAnnouncement', 'relayDm');
    // An organiser hides the introductions channel from the bot: it can no longer delete there.
    w.emu.state.channels.update(w.channels.introductions, {
      permissionOverwrites: [
        {
          id: w.seeded.botRole!.id,
          type: OverwriteType.Role,
          allow: '0',
          deny: String(PermissionFlagsBits.ViewChannel),
        },
      ],
    });
    const confirmation = await erase(ken);
    expect(confirmation.content).to.include('could not remove 1 of my messages');
    expect(confirmation.content).to.include(`/channels/${w.guildId}/${w.channels.introductions}/`);
    expect(confirmation.content).to.include('a relay announcement');
    expect(confirmation.content).to.include('try again when you run /profile delete');

    // The record of the message still in Discord is kept: once the channel is visible again, a
    // second /profile delete removes it.
    expect(await PostedMessage.countDocuments({ userIds: ken })).to.equal(1);
    w.emu.state.channels.update(w.channels.introductions, { permissionOverwrites: [] });
    const second = await erase(ken);
    expect(second.content).to.not.include('could not remove');
    expect(w.mentionsIn(w.channels.introductions, ken)).to.deep.equal([]);
    expect(await PostedMessage.countDocuments({ userIds: ken })).to.equal(0);
  });
});
