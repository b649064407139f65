import {
  ChannelType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { Command } from '../../core/command.js';
import { describe, localizedName } from '../../core/localize.js';
import { interactionTranslator } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { checkSetup } from '../flows/setup-checks.js';
import { setupEmbed } from '../presenters/setup.presenter.js';
import { checkAndRecordGuild } from '../../core/startup-checks.js';
import type { GuildSettingsPatch } from '../../../shared/kernel/guild-settings.service.js';

const TEXT_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;
const CLEARABLE = [
  'channel:welcome',
  'channel:introductions',
  'channel:events',
  'role:newcomer',
  'role:organiser',
  'role:moderator',
];

const data = describe(
  new SlashCommandBuilder().setName('setup').setNameLocalizations(localizedName('setup')),
  'bot.command.setup.description',
)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) => describe(s.setName('show'), 'bot.command.setup.show.description'))
  .addSubcommand((s) => {
    describe(s.setName('channels'), 'bot.command.setup.channels.description');
    for (const name of ['welcome', 'introductions', 'events'] as const) {
      s.addChannelOption((o) =>
        describe(o.setName(name), `bot.command.setup.opt.${name}`).addChannelTypes(...TEXT_CHANNELS),
      );
    }
    return s;
  })
  .addSubcommand((s) => {
    describe(s.setName('roles'), 'bot.command.setup.roles.description');
    for (const name of ['alumni', 'introduced', 'newcomer', 'organiser', 'moderator'] as const) {
      s.addRoleOption((o) => describe(o.setName(name), `bot.command.setup.opt.${name}`));
    }
    return s;
  })
  .addSubcommand((s) =>
    describe(s.setName('language'), 'bot.command.setup.language.description')
      .addStringOption((o) =>
        describe(o.setName('locale'), 'bot.command.setup.opt.locale').addChoices(
          { name: '日本語', value: 'ja' },
          { name: 'English', value: 'en' },
        ),
      )
      .addStringOption((o) =>
        describe(o.setName('timezone'), 'bot.command.setup.opt.timezone').setMaxLength(64),
      ),
  )
  .addSubcommand((s) =>
    describe(s.setName('welcome'), 'bot.command.setup.welcome.description')
      .addStringOption((o) =>
        describe(o.setName('template'), 'bot.command.setup.opt.template').setMaxLength(2000),
      )
      .addBooleanOption((o) => describe(o.setName('reset'), 'bot.command.setup.opt.reset'))
      .addBooleanOption((o) => describe(o.setName('dm'), 'bot.command.setup.opt.dm')),
  )
  .addSubcommand((s) =>
    describe(s.setName('relay'), 'bot.command.setup.relay.description')
      .addBooleanOption((o) => describe(o.setName('enabled'), 'bot.command.setup.opt.enabled'))
      .addIntegerOption((o) =>
        describe(o.setName('reminder_days'), 'bot.command.setup.opt.reminderDays')
          .setMinValue(1)
          .setMaxValue(30),
      ),
  )
  .addSubcommand((s) =>
    describe(s.setName('clear'), 'bot.command.setup.clear.description').addStringOption((o) =>
      describe(o.setName('setting'), 'bot.command.setup.opt.setting')
        .setRequired(true)
        .addChoices(...CLEARABLE.map((value) => ({ name: value, value }))),
    ),
  );

/**
 * `/setup` (Manage Server only): shows the settings, changes one group at a time, and after every
 * change re-checks that the bot can post in the channels and grant the roles, naming what is missing.
 */
export const setup: Command = {
  data,
  async execute(interaction, ctx) {
    if (!interaction.inCachedGuild()) throw new UserError('bot.error.guildOnly');
    // The default permission only hides the command: a server can give it to anyone in its
    // Integrations settings, so Manage Server is checked here too.
    if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild))
      throw new UserError('bot.connect.setup.manageServerOnly');
    const tr = await interactionTranslator(ctx, interaction);
    const svc = ctx.services.kernel.settings;
    const sub = interaction.options.getSubcommand();
    let settings = await svc.getGuildSettings(interaction.guildId);
    if (sub !== 'show') {
      const patch = patchFrom(interaction, sub);
      if (Object.keys(patch).length === 0) throw new UserError('bot.connect.setup.nothingToChange');
      settings = await svc.updateGuildSettings(interaction.guildId, patch);
      // The dashboard's health view checks the roles to grant too: refresh it now.
      await checkAndRecordGuild(interaction.guild, ctx);
    }
    // Answer in the language just chosen, so the organiser sees the effect at once.
    const answerTr = sub === 'language' ? ctx.i18n.translator(settings.locale) : tr;
    await interaction.reply({
      content: sub === 'show' ? '' : answerTr('bot.connect.setup.saved'),
      embeds: [setupEmbed(answerTr, settings, checkSetup(interaction.guild, settings))],
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
  },
};

/** The settings patch a subcommand's options describe (only the options given). */
function patchFrom(interaction: ChatInputCommandInteraction, sub: string): GuildSettingsPatch {
  const o = interaction.options;
  const given = <T>(value: T | null): value is T => value !== null;
  const ids = (names: string[], get: (name: string) => { id: string } | null) =>
    Object.fromEntries(names.flatMap((name) => (given(get(name)) ? [[name, get(name)!.id]] : [])));
  switch (sub) {
    case 'channels': {
      const channels = ids(['welcome', 'introductions', 'events'], (n) => o.getChannel(n));
      return Object.keys(channels).length ? { channels } : {};
    }
    case 'roles': {
      const roles = ids(['alumni', 'introduced', 'newcomer', 'organiser', 'moderator'], (n) => o.getRole(n));
      return Object.keys(roles).length ? { roles } : {};
    }
    case 'language': {
      const locale = o.getString('locale');
      const timeZone = o.getString('timezone')?.trim() ?? null;
      return { ...(given(locale) ? { locale } : {}), ...(given(timeZone) ? { timeZone } : {}) };
    }
    case 'welcome': {
      const template = o.getString('template');
      const dm = o.getBoolean('dm');
      return {
        ...(o.getBoolean('reset')
          ? { welcomeTemplate: null }
          : given(template)
            ? { welcomeTemplate: template }
            : {}),
        ...(given(dm) ? { welcomeDmEnabled: dm } : {}),
      };
    }
    case 'relay': {
      const enabled = o.getBoolean('enabled');
      const days = o.getInteger('reminder_days');
      return {
        ...(given(enabled) ? { relayEnabled: enabled } : {}),
        ...(given(days) ? { relayReminderDays: days } : {}),
      };
    }
    case 'clear': {
      const [kind, key] = (o.getString('setting', true) ?? '').split(':');
      if (kind === 'channel' && key) return { channels: { [key]: null } };
      if (kind === 'role' && key) return { roles: { [key]: null } };
      return {};
    }
    default:
      return {};
  }
}
