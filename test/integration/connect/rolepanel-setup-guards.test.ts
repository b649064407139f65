/**
 * Role panels never hand out staff powers (checked at /rolepanel create and again on every
 * press), and /setup checks Manage Server itself (issue 8
 * §5), with real discord.js through the emulator.
 */
import { expect } from 'chai';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { useMongoose } from '../../support/database.js';
import { getGuildSettings, updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { RolePanel } from '../../../shared/connect/role-panel.model.js';
import { commandsOf } from '../../../sandbox/discord/rest/applications.js';
import { EN, startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';

const JA = { locale: 'ja' } as const;

describe('Connect: role panel and /setup guards (real discord.js through the emulator)', () => {
  useMongoose('connect_guards');
  let w: ConnectWorld;
  const owner = () => w.seeded.owner.id;
  const slash = (
    userId: string,
    name: string,
    options: Record<string, string | number | boolean> = {},
    act: { locale: string } = EN,
  ) => w.drivers.runSlashCommand(w.guildId, w.channels.general, userId, name, options, act).waitForReply();

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  async function role(name: string, permissions: bigint): Promise<string> {
    const id = w.emu.state.roles.create(w.guildId, { name, position: 1, permissions }).id;
    await w.until(() => w.bot.client.guilds.cache.get(w.guildId)?.roles.cache.has(id), `${name} cached`);
    return id;
  }

  describe('/rolepanel create', () => {
    for (const [name, permission, shown] of [
      ['Admins', PermissionFlagsBits.Administrator, 'Administrator'],
      ['Managers', PermissionFlagsBits.ManageGuild, 'Manage Server'],
      ['Role managers', PermissionFlagsBits.ManageRoles, 'Manage Roles'],
      ['Channel managers', PermissionFlagsBits.ManageChannels, 'Manage Channels'],
      [
        'Bouncers',
        PermissionFlagsBits.KickMembers | PermissionFlagsBits.BanMembers,
        'Kick Members, Ban Members',
      ],
      ['Tidy', PermissionFlagsBits.ManageMessages, 'Manage Messages'],
      ['Timeouts', PermissionFlagsBits.ModerateMembers, 'Timeout Members'],
      ['Loud', PermissionFlagsBits.MentionEveryone, 'Mention @everyone, @here and All Roles'],
      ['Hooks', PermissionFlagsBits.ManageWebhooks, 'Manage Webhooks'],
    ] as const) {
      it(`refuses a role with ${shown}, naming the role and the permission, and posts nothing`, async () => {
        const hobby = await role('Hiking', PermissionFlagsBits.SendMessages);
        const staff = await role(name, permission | PermissionFlagsBits.SendMessages);
        const reply = await slash(owner(), 'rolepanel create', { role1: hobby, role2: staff });
        expect(reply.content).to.include(`I will not put <@&${staff}> on a role panel`);
        expect(reply.content).to.include(`(${shown})`);
        expect(await RolePanel.countDocuments({ guildId: w.guildId })).to.equal(0);
        expect(w.drivers.messagesIn(w.channels.general).some((m) => m.embeds?.length)).to.equal(false);
      });
    }

    it('refuses in Japanese for a Japanese organiser', async () => {
      const staff = await role('運営補佐', PermissionFlagsBits.KickMembers);
      const reply = await slash(owner(), 'rolepanel create', { role1: staff }, JA);
      expect(reply.content).to.include(`<@&${staff}> はロールパネルに載せられません`);
      expect(reply.content).to.include('メンバーをキック');
    });

    it("refuses Tsunagu's organiser role even without staff permissions (it opens the dashboard)", async () => {
      const { roles } = await getGuildSettings(w.guildId);
      const reply = await slash(owner(), 'rolepanel create', { role1: roles.organiser! });
      expect(reply.content).to.include(`<@&${roles.organiser}> is an organiser or moderator role`);
      expect(await RolePanel.countDocuments({ guildId: w.guildId })).to.equal(0);
    });

    it('still posts a panel of plain roles', async () => {
      const hobby = await role('Coffee', PermissionFlagsBits.SendMessages | PermissionFlagsBits.AddReactions);
      const reply = await slash(owner(), 'rolepanel create', { role1: hobby });
      expect(reply.content).to.equal('The panel is posted.');
      expect(await RolePanel.countDocuments({ guildId: w.guildId })).to.equal(1);
    });
  });

  describe('pressing a panel', () => {
    async function postedPanel(roleId: string) {
      await slash(owner(), 'rolepanel create', { role1: roleId });
      const panel = await w.until(
        () => RolePanel.findOne({ guildId: w.guildId, messageId: { $ne: null } }).lean(),
        'the panel',
      );
      const press = (userId: string, act: { locale: string } = EN) =>
        w.drivers
          .clickButton(panel.messageId!, `rolepanel:toggle:${String(panel._id)}:${roleId}`, userId, act)
          .waitForReply();
      return { press };
    }
    const hasRole = (userId: string, roleId: string) =>
      w.emu.state.guilds.get(w.guildId).members.get(userId)?.roles.includes(roleId) ?? false;

    it('hands out a plain role, but not once the role has gained Manage Server since the panel was posted', async () => {
      const hobby = await role('Hiking', PermissionFlagsBits.SendMessages);
      const { press } = await postedPanel(hobby);
      expect((await press(w.memberId)).content).to.include('Added');
      expect(hasRole(w.memberId, hobby)).to.equal(true);
      const other = w.seeded.members.find((m) => m.id !== w.memberId && m.id !== owner())!.id;
      w.emu.state.roles.update(w.guildId, hobby, {
        permissions: PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageGuild,
      });
      await w.until(
        () =>
          w.bot.client.guilds.cache.get(w.guildId)?.roles.cache.get(hobby)?.permissions.has('ManageGuild'),
        'the role update seen by the bot',
      );
      const refused = await press(other);
      expect(refused.content).to.include(`<@&${hobby}> now carries staff permissions`);
      expect(hasRole(other, hobby)).to.equal(false);
      const ja = await press(other, JA);
      expect(ja.content).to.include('このパネルからは付けられません');
      // Taking the role off is still allowed.
      expect((await press(w.memberId)).content).to.include('Removed');
      expect(hasRole(w.memberId, hobby)).to.equal(false);
    });

    it("refuses a role that became Tsunagu's organiser role after the panel was posted", async () => {
      const hobby = await role('Coffee', PermissionFlagsBits.SendMessages);
      const { press } = await postedPanel(hobby);
      await updateGuildSettings(w.guildId, { roles: { organiser: hobby } });
      const refused = await press(w.memberId);
      expect(refused.content).to.include(`<@&${hobby}> now carries staff permissions or is an organiser`);
      expect(hasRole(w.memberId, hobby)).to.equal(false);
    });
  });

  describe('/setup', () => {
    it('refuses a member without Manage Server even when the server lets everyone use the command', async () => {
      // Server Settings → Integrations can open a command to anyone; Discord then no longer
      // hides it. Modelled here by clearing the command's default permissions.
      const registry = commandsOf(w.emu.state);
      const setup = registry.findByName(w.emu.application.id, 'setup', w.guildId)!;
      registry.update(w.emu.application.id, setup.guild_id, setup.id, { default_member_permissions: null });
      const before = await getGuildSettings(w.guildId);
      const reply = await slash(w.memberId, 'setup language', { locale: 'ja' });
      expect(reply.content).to.equal('Only members with the Manage Server permission can use /setup.');
      expect((await getGuildSettings(w.guildId)).locale).to.equal(before.locale);
      const show = await slash(w.memberId, 'setup show', {}, JA);
      expect(show.content).to.include('「サーバー管理」の権限を持つ人だけ');
      expect(show.embeds ?? []).to.deep.equal([]);
    });

    it('lets the owner (Manage Server) use it', async () => {
      const reply = await slash(owner(), 'setup show');
      expect(reply.embeds?.[0]?.title).to.equal('Tsunagu settings');
    });
  });
});
