/**
 * Who brings people in, through the real bot and discord.js on the emulator: /invite mine (one
 * link per member, reused, renewed when Discord lost it, refused when the server does not let the
 * member invite, Discord's 1000-invite limit said plainly), the "Invite a friend" button in the
 * welcome after the intro, joins credited to people (not the bot), a return through the same link counted once, an
 * over-long cohort label refused before Discord creates anything, and one welcome post when DMs
 * are closed.
 */
import { expect } from 'chai';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { MAX_GUILD_INVITES } from '../../../sandbox/discord/state/invites.js';
import { useMongoose } from '../../support/database.js';
import { JoinAttribution } from '../../../shared/connect/join-attribution.model.js';
import { InviteRecord } from '../../../shared/connect/invite-record.model.js';
import { Profile } from '../../../shared/kernel/profile.model.js';
import { PostedMessage } from '../../../shared/kernel/personal-data-messages.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { inviteLeaderboard } from '../../../shared/connect/invite-tracking.service.js';
import { cohortInvites } from '../../../shared/connect/invite-reads.js';
import { translator } from '../../../shared/i18n/index.js';
import { eraseMember } from '../../../bot/know/flows/erase-member.js';
import { EN, startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import { answerSurveyAndPost, customIds, joinAndGetDm, submitIntro } from '../../support/flow.js';

const codeIn = (text: string | undefined) => /discord\.gg\/([A-Za-z0-9]+)/.exec(text ?? '')?.[1];

describe('Connect: personal invites and who brings people in (real discord.js through the emulator)', () => {
  useMongoose('connect_personal_invites');
  let w: ConnectWorld;
  const slash = (userId: string, name: string, options: Record<string, string | number | boolean> = {}) =>
    w.drivers.runSlashCommand(w.guildId, w.channels.general, userId, name, options, EN).waitForReply();
  const mine = async (userId: string) => {
    const reply = await slash(userId, 'invite mine');
    const code = codeIn(reply.content);
    expect(code, reply.content).to.be.a('string');
    return { code: code!, content: reply.content ?? '' };
  };

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  it('gives a member the same personal link each time, credits a friend’s join to them, and counts a return once', async () => {
    const first = await mine(w.memberId);
    const second = await mine(w.memberId);
    expect(second.code).to.equal(first.code);
    expect(first.content).to.include('Your personal invite link');
    expect(w.emu.state.invites.list(w.guildId).filter((i) => i.code === first.code)).to.have.length(1);

    const friend = w.person('Aiko');
    w.drivers.memberJoin(w.guildId, friend, { inviteCode: first.code });
    const attribution = await w.until(
      () => JoinAttribution.findOne({ guildId: w.guildId, userId: friend }).lean(),
      'the attribution',
    );
    expect(attribution).to.deep.include({ method: 'invite', code: first.code, inviterId: w.memberId });
    // The profile is credited after the attribution row is written: wait for it, not the row.
    await w.until(
      () => Profile.exists({ guildId: w.guildId, userId: friend, invitedBy: w.memberId }),
      'the profile credited to the inviter',
    );

    w.drivers.memberLeave(w.guildId, friend);
    await w.until(
      () => Profile.exists({ guildId: w.guildId, userId: friend, leftAt: { $ne: null } }),
      'the leave',
    );
    w.drivers.memberJoin(w.guildId, friend, { inviteCode: first.code });
    await w.until(
      async () => (await JoinAttribution.countDocuments({ guildId: w.guildId, userId: friend })) === 2,
      'the second attribution',
    );
    const [row] = await inviteLeaderboard(w.guildId);
    expect(row).to.deep.include({ inviterId: w.memberId, joins: 1, stayed: 1, uses: 2 });
    const list = await slash(w.memberId, 'invite list');
    expect(list.embeds[0]?.fields?.[0]?.value).to.include(`<@${w.memberId}>: 1 brought in · 1 stayed`);
  });

  it('revokes the personal link on Discord when its owner deletes their profile', async () => {
    const { code } = await mine(w.memberId);
    const confirm = await slash(w.memberId, 'profile delete');
    await w.drivers.clickButton(confirm.id, `profile:delete:${w.guildId}`, w.memberId, EN).waitForReply();
    await w.until(
      () => !w.emu.state.invites.list(w.guildId).some((i) => i.code === code),
      'the personal link revoked on Discord',
    );
    expect(await InviteRecord.exists({ guildId: w.guildId, code, createdBy: w.memberId })).to.equal(null);
  });

  it('reports a personal link Discord refused to revoke at erasure, and leaves no name in the audit log', async () => {
    // The audit-log reasons the bot sends (X-Audit-Log-Reason), which can never be erased.
    const reasons: string[] = [];
    w.bot.client.rest.on('response', (request) => {
      const headers = new Headers(request.options.headers as ConstructorParameters<typeof Headers>[0]);
      const reason = headers.get('x-audit-log-reason');
      if (reason) reasons.push(decodeURIComponent(reason));
    });
    const { code } = await mine(w.memberId);
    await slash(w.seeded.owner.id, 'invite create', { label: 'Sales 2025' });
    expect(reasons).to.deep.equal(['Tsunagu personal invite', 'Tsunagu cohort invite: Sales 2025']);
    // Without Manage Server or Manage Channels, Discord answers 50013 to Delete Invite.
    const botRole = w.seeded.botRole!;
    const permissions =
      BigInt(botRole.permissions) & ~(PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageChannels);
    w.emu.state.roles.update(w.guildId, botRole.id, { permissions });
    const guild = w.bot.client.guilds.cache.get(w.guildId)!;
    await w.until(
      () => guild.roles.cache.get(botRole.id)?.permissions.bitfield === permissions,
      'the bot role update seen by the bot',
    );
    const outcome = await eraseMember(w.bot.ctx, guild, w.memberId);
    expect(outcome.invitesKept).to.deep.equal([code]);
    expect(w.emu.state.invites.list(w.guildId).map((i) => i.code)).to.include(code);
    expect(translator('en')('bot.connect.invite.keptAfterErasure', { codes: code })).to.include(code);
  });

  it('makes a new personal link when Discord deleted the old one', async () => {
    const first = await mine(w.memberId);
    w.emu.state.invites.delete(first.code);
    await w.until(
      () => InviteRecord.exists({ guildId: w.guildId, code: first.code, deletedAt: { $ne: null } }),
      'the deletion recorded',
    );
    const renewed = await mine(w.memberId);
    expect(renewed.code).to.not.equal(first.code);
    expect(renewed.content).to.include('no longer exists');
    // Even when the deletion event was missed, Discord's "Unknown Invite" makes a new link.
    w.emu.state.invites.delete(renewed.code);
    await InviteRecord.updateOne({ code: renewed.code }, { $set: { deletedAt: null } });
    const third = await mine(w.memberId);
    expect(third.code).to.not.equal(renewed.code);
    expect(w.emu.state.invites.list(w.guildId).map((i) => i.code)).to.include(third.code);
  });

  it('credits a join through /invite create to the organiser who asked, with the cohort label apart', async () => {
    const owner = w.seeded.owner.id;
    const created = await slash(owner, 'invite create', { label: '2025 leavers – Sales' });
    const code = codeIn(created.content);
    const aiko = w.person('Aiko');
    w.drivers.memberJoin(w.guildId, aiko, { inviteCode: code! });
    const attribution = await w.until(
      () => JoinAttribution.findOne({ guildId: w.guildId, userId: aiko }).lean(),
      'the attribution',
    );
    expect(attribution).to.deep.include({ inviterId: owner, label: '2025 leavers – Sales' });
    expect(attribution?.inviterId).to.not.equal(w.emu.botUser.id);
    const again = await slash(owner, 'invite create', { label: '2025 LEAVERS – sales' });
    expect(again.content).to.include('existing cohort');
    const cohorts = await cohortInvites(w.guildId);
    expect(cohorts).to.have.length(1);
    expect(cohorts[0]?.invites).to.have.length(2);
  });

  it('refuses a 101-character label before Discord creates an invite', async () => {
    const before = w.emu.state.invites.list(w.guildId).length;
    const reply = await slash(w.seeded.owner.id, 'invite create', { label: 'x'.repeat(101) });
    expect(reply.content).to.include('at most 100 characters');
    expect(w.emu.state.invites.list(w.guildId)).to.have.length(before);
    expect(await InviteRecord.countDocuments({ guildId: w.guildId })).to.equal(0);
  });

  it('offers "Invite a friend" in the welcome after the intro, not on the public intro post', async () => {
    const { userId, dm } = await joinAndGetDm(w, 'Aiko');
    const survey = await submitIntro(w, userId, dm);
    const { post } = await answerSurveyAndPost(w, userId, survey);
    const welcome = await post.waitForFollowUp(1);
    expect(customIds(welcome)).to.include(`myinvite:get:${w.guildId}`);
    const intro = await w.until(
      () => w.drivers.messagesIn(w.channels.introductions).find((m) => m.embeds?.length),
      'the intro post',
    );
    expect(customIds(intro)).to.deep.equal([]);
    const answer = await w.drivers
      .clickButton(welcome.id, `myinvite:get:${w.guildId}`, userId, EN)
      .waitForReply();
    const code = codeIn(answer.content);
    expect(code).to.equal((await mine(userId)).code);
    const record = await InviteRecord.findOne({ guildId: w.guildId, code }).lean();
    expect(record).to.deep.include({ kind: 'personal', createdBy: userId });
  });

  it('refuses a personal link, and leaves the button out, when the server does not let the member create invites', async () => {
    const everyone = w.emu.state.roles.get(w.guildId, w.guildId);
    const permissions = BigInt(everyone.permissions) & ~PermissionFlagsBits.CreateInstantInvite;
    w.emu.state.roles.update(w.guildId, w.guildId, { permissions });
    await w.until(
      () => w.bot.client.guilds.cache.get(w.guildId)?.roles.everyone.permissions.bitfield === permissions,
      'the role update seen by the bot',
    );
    const before = w.emu.state.invites.list(w.guildId).length;
    const refused = await slash(w.memberId, 'invite mine');
    expect(refused.content).to.include('does not let you create invites');
    expect(codeIn(refused.content)).to.equal(undefined);
    const ja = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, w.memberId, 'invite mine', {}, { locale: 'ja' })
      .waitForReply();
    expect(ja.content).to.include('招待を作る権限がない');
    expect(w.emu.state.invites.list(w.guildId)).to.have.length(before);
    expect(await InviteRecord.countDocuments({ guildId: w.guildId, kind: 'personal' })).to.equal(0);

    const { userId, dm } = await joinAndGetDm(w, 'Ken');
    const { post } = await answerSurveyAndPost(w, userId, await submitIntro(w, userId, dm));
    // Ken starts a chain, so his welcome after the intro asks for a nominee, without the button.
    const welcome = await post.waitForFollowUp(1);
    expect(customIds(welcome)).to.have.length.greaterThan(0);
    expect(customIds(welcome).filter((id) => id.startsWith('myinvite'))).to.deep.equal([]);
  });

  it('says Discord’s 1000-invite limit was reached instead of failing, for /invite mine and /invite create', async () => {
    // Fill the guild up to Discord's limit without 1000 gateway events.
    const live = w.emu.state.invites.list(w.guildId).length;
    for (let i = live; i < MAX_GUILD_INVITES; i++)
      w.emu.state.data.invites.set(`full${i}`, {
        code: `full${i}`,
        guildId: w.guildId,
        channelId: w.channels.general,
        inviterId: null,
        uses: 0,
        maxUses: 0,
        maxAge: 0,
        temporary: false,
        createdAt: new Date().toISOString(),
      });
    const personal = await slash(w.memberId, 'invite mine');
    expect(personal.content).to.include('at most 1000 invites per server');
    const handle = w.drivers.runSlashCommand(
      w.guildId,
      w.channels.general,
      w.seeded.owner.id,
      'invite create',
      { label: 'Sales 2025' },
      EN,
    );
    expect((await handle.waitForCallback()).callbackType).to.equal(5); // deferred before Discord is asked
    const cohort = await handle.waitForReply();
    expect(cohort.content).to.include('at most 1000 invites per server');
    const ja = await w.drivers
      .runSlashCommand(w.guildId, w.channels.general, w.memberId, 'invite mine', {}, { locale: 'ja' })
      .waitForReply();
    expect(ja.content).to.include('1000 件まで');
    expect(await InviteRecord.countDocuments({ guildId: w.guildId, createdBy: { $ne: null } })).to.equal(0);
  });

  it('welcomes a member whose DMs are closed with one post and one intro button', async () => {
    const ken = w.person('Ken');
    w.drivers.closeDms(ken);
    w.drivers.memberJoin(w.guildId, ken);
    const welcome = await w.until(
      () =>
        w
          .mentionsIn(w.channels.welcome, ken)
          .find((m) => m.content?.includes('could not send you a direct message')),
      'the welcome',
    );
    expect(customIds(welcome)).to.deep.equal([`intro:start:${w.guildId}`]);
    // The welcome post is recorded (for erasure) as the flow's last step: a fallback post in the
    // introductions channel would only come after a failed welcome post, so none can follow now.
    await w.until(
      () => PostedMessage.exists({ guildId: w.guildId, userIds: ken, kind: 'welcome' }),
      'the welcome post recorded',
    );
    const mentions = [w.channels.welcome, w.channels.introductions].flatMap((c) => w.mentionsIn(c, ken));
    expect(mentions).to.have.length(1);
  });

  it('without a welcome channel, invites a member whose DMs are closed in the introductions channel', async () => {
    await updateGuildSettings(w.guildId, { channels: { welcome: null } });
    const mei = w.person('Mei');
    w.drivers.closeDms(mei);
    w.drivers.memberJoin(w.guildId, mei);
    const fallback = await w.until(() => w.mentionsIn(w.channels.introductions, mei)[0], 'the fallback');
    expect(fallback.content).to.include('could not send you a direct message');
    expect(customIds(fallback)).to.deep.equal([`intro:start:${w.guildId}`]);
    expect(w.mentionsIn(w.channels.welcome, mei)).to.deep.equal([]);
  });
});
