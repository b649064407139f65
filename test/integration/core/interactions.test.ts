import { expect } from 'chai';
import { MessageFlags, REST, Routes } from 'discord.js';
import { useMongoose } from '../../support/database.js';
import { startWorld, type BotWorld } from './bot-world.js';
import { testCommands, testComponents } from './test-handlers.js';

describe('bot interactions against the Discord emulator', () => {
  useMongoose('bot_interactions');
  let world: BotWorld;
  let guildId: string;
  let channelId: string;

  before(async () => {
    world = await startWorld({ bot: { commands: testCommands, components: testComponents } });
    guildId = world.seeded.guild.id;
    channelId = world.seeded.channels.general!.id;
  });

  after(async () => {
    await world?.stop();
  });

  it('answers /about in English for an en-US user', async () => {
    const handle = world.drivers.runSlashCommand(
      guildId,
      channelId,
      world.memberId,
      'about',
      {},
      { locale: 'en-US' },
    );
    const reply = await handle.waitForReply();
    expect(reply.embeds[0]?.title).to.equal('About Tsunagu');
    expect(reply.embeds[0]?.fields?.slice(0, 2)).to.deep.equal([
      { name: 'Version', value: '9.9.9-test', inline: true },
      { name: 'Servers', value: '1', inline: true },
    ]);
  });

  it('answers /about in Japanese for a ja user', async () => {
    const handle = world.drivers.runSlashCommand(
      guildId,
      channelId,
      world.memberId,
      'about',
      {},
      { locale: 'ja' },
    );
    const reply = await handle.waitForReply();
    expect(reply.embeds[0]?.title).to.equal('つなぐについて');
    expect(reply.embeds[0]?.fields?.[0]?.name).to.equal('バージョン');
  });

  it('updates the /about message in place when Refresh is clicked', async () => {
    const reply = await world.drivers
      .runSlashCommand(guildId, channelId, world.memberId, 'about', {}, { locale: 'en-US' })
      .waitForReply();
    const click = world.drivers.clickButton(reply.id, 'about:refresh', world.memberId, { locale: 'en-US' });
    const callback = await click.waitForCallback();
    expect(callback.callbackType).to.equal(7);
    const updated = await click.waitForReply();
    expect(updated.id).to.equal(reply.id);
    expect(updated.embeds[0]?.title).to.equal('About Tsunagu');
  });

  it('opens a modal and handles its submission through the component router', async () => {
    const open = world.drivers.runSlashCommand(guildId, channelId, world.memberId, 'note');
    const modal = await open.waitForModal();
    expect(modal.custom_id).to.equal(`note:save:${world.memberId}`);
    const submit = world.drivers.submitModal(open, modal.custom_id, { text: 'hello' });
    expect((await submit.waitForReply()).content).to.equal('saved: hello');
  });

  it('routes a select menu pick to its family, which updates the message', async () => {
    const reply = await world.drivers
      .runSlashCommand(guildId, channelId, world.memberId, 'pick')
      .waitForReply();
    const choice = world.drivers.selectValues(reply.id, 'pick:colour', world.memberId, ['blue']);
    const updated = await choice.waitForReply();
    expect(updated.id).to.equal(reply.id);
    expect(updated.content).to.equal('colour: blue');
  });

  it('answers "not available" to a command Discord still lists but the bot no longer has', async () => {
    const rest = new REST({ api: world.emu.restBase }).setToken(world.emu.botToken);
    await rest.post(Routes.applicationGuildCommands(world.emu.application.id, guildId), {
      body: { name: 'ghost', description: 'Removed from the bot' },
    });
    const reply = await world.drivers
      .runSlashCommand(guildId, channelId, world.memberId, 'ghost', {}, { locale: 'en-US' })
      .waitForReply();
    expect(reply.content).to.equal('This command is not available any more.');
    expect((reply.flags ?? 0) & MessageFlags.Ephemeral).to.equal(MessageFlags.Ephemeral);
  });

  it('answers an ephemeral, localized error when a handler throws (ja)', async () => {
    const handle = world.drivers.runSlashCommand(
      guildId,
      channelId,
      world.memberId,
      'boom',
      {},
      { locale: 'ja' },
    );
    const reply = await handle.waitForReply();
    expect(reply.content).to.equal('問題が発生しました。時間をおいてもう一度お試しください。');
    expect((reply.flags ?? 0) & MessageFlags.Ephemeral).to.equal(MessageFlags.Ephemeral);
    const logged = world.logs.find((l) => l.msg === 'interaction handler failed' && l.command === '/boom');
    expect(logged).to.include({ guildId, userId: world.memberId });
  });

  it('replaces a public "thinking…" with an ephemeral error when the handler deferred, then threw (en-US)', async () => {
    const handle = world.drivers.runSlashCommand(
      guildId,
      channelId,
      world.memberId,
      'slow-boom',
      {},
      { locale: 'en-US' },
    );
    const followUp = await handle.waitForFollowUp(1);
    expect(followUp.content).to.equal('Something went wrong. Please try again in a moment.');
    expect((followUp.flags ?? 0) & MessageFlags.Ephemeral).to.equal(MessageFlags.Ephemeral);
    expect(handle.responses().map((r) => r.kind)).to.deep.equal(['callback', 'delete', 'followup']);
  });

  it('edits an ephemeral "thinking…" with the error when the handler deferred ephemerally, then threw', async () => {
    const handle = world.drivers.runSlashCommand(
      guildId,
      channelId,
      world.memberId,
      'quiet-boom',
      {},
      { locale: 'ja' },
    );
    const edited = await handle.waitForReply();
    expect(edited.content).to.equal('問題が発生しました。時間をおいてもう一度お試しください。');
    expect((edited.flags ?? 0) & MessageFlags.Ephemeral).to.equal(MessageFlags.Ephemeral);
  });

  it('retries after a 429 and still answers', async () => {
    world.emu.rateLimits.forceNext(1, {
      route: 'POST /interactions/:interactionId/:token/callback',
      retryAfterMs: 100,
    });
    const before = world.emu.rateLimits.served.length;
    const handle = world.drivers.runSlashCommand(
      guildId,
      channelId,
      world.memberId,
      'about',
      {},
      { locale: 'en-US' },
    );
    const reply = await handle.waitForReply();
    expect(reply.embeds[0]?.title).to.equal('About Tsunagu');
    expect(world.emu.rateLimits.served.length - before).to.equal(1);
  });

  it('tells a user with closed DMs, in their language, that the DM could not be sent (50007)', async () => {
    world.drivers.closeDms(world.memberId);
    try {
      const handle = world.drivers.runSlashCommand(
        guildId,
        channelId,
        world.memberId,
        'dm-me',
        {},
        { locale: 'ja' },
      );
      const reply = await handle.waitForReply();
      expect(reply.content).to.equal(
        'ダイレクトメッセージを送れませんでした。サーバーメンバーからの DM を許可してから、もう一度お試しください。',
      );
      expect((reply.flags ?? 0) & MessageFlags.Ephemeral).to.equal(MessageFlags.Ephemeral);
    } finally {
      world.drivers.closeDms(world.memberId, false);
    }
  });

  it('says the bot lacks a permission when Discord answers 50013 (role above the bot)', async () => {
    const staff = world.emu.state.roles.create(guildId, { name: 'Staff', position: 50 });
    const handle = world.drivers.runSlashCommand(
      guildId,
      channelId,
      world.memberId,
      'grant',
      { role: staff.id },
      { locale: 'en-US' },
    );
    const reply = await handle.waitForReply();
    expect(reply.content).to.match(/^I am missing a permission for that in this server/);
    expect(world.drivers.memberRoles(guildId, world.memberId)).to.not.include(staff.id);
  });

  it('answers "no longer active" to a button whose family is gone', async () => {
    const message = world.emu.state.messages.create(channelId, {
      authorId: world.emu.botUser.id,
      content: 'old panel',
      components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Old', custom_id: 'retired:1' }] }],
    });
    const click = world.drivers.clickButton(message.id, 'retired:1', world.memberId, { locale: 'en-US' });
    const reply = await click.waitForReply();
    expect(reply.content).to.equal('This button or menu is no longer active.');
  });
});
