import { ChannelType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../../../core/command.js';
import { describe, localizedName } from '../../../core/localize.js';
import { UserError } from '../../../core/user-error.js';
import { listThemes } from '../../../../shared/deepen/prompts/index.js';
import { LIMITS } from '../../../../shared/deepen/events/event-input.js';
import { runCreate } from '../flows/create-command.js';
import { runCancel, runEdit, runInfo, runList } from '../flows/manage-command.js';
import { autocompleteOccurrence } from '../flows/autocomplete.js';

const jaThemes = new Map(listThemes('ja').map((c) => [c.value, c.name]));
const themeChoices = listThemes('en').map((c) => ({
  name: c.name,
  value: c.value,
  name_localizations: { ja: jaThemes.get(c.value) ?? c.name },
}));

/** `/event create|list|info|edit|cancel`: scheduled themed voice events (organisers create and change). */
export const event: Command = {
  data: describe(
    new SlashCommandBuilder().setName('event').setNameLocalizations(localizedName('event')),
    'deepen.events.command.description',
  )
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      describe(sub.setName('create'), 'deepen.events.command.create')
        .addStringOption((o) =>
          describe(o.setName('title'), 'deepen.events.option.title')
            .setRequired(true)
            .setMaxLength(LIMITS.title),
        )
        .addStringOption((o) =>
          describe(o.setName('when'), 'deepen.events.option.when').setRequired(true).setMaxLength(100),
        )
        .addStringOption((o) =>
          describe(o.setName('theme'), 'deepen.events.option.theme').addChoices(...themeChoices),
        )
        .addIntegerOption((o) =>
          describe(o.setName('duration'), 'deepen.events.option.duration')
            .setMinValue(LIMITS.duration.min)
            .setMaxValue(LIMITS.duration.max),
        )
        .addChannelOption((o) =>
          describe(o.setName('lobby'), 'deepen.events.option.lobby').addChannelTypes(ChannelType.GuildVoice),
        )
        .addIntegerOption((o) =>
          describe(o.setName('capacity'), 'deepen.events.option.capacity')
            .setMinValue(LIMITS.capacity.min)
            .setMaxValue(LIMITS.capacity.max),
        )
        .addStringOption((o) => describe(o.setName('repeat'), 'deepen.events.option.repeat').setMaxLength(60))
        .addIntegerOption((o) =>
          describe(o.setName('group_size'), 'deepen.events.option.groupSize')
            .setMinValue(LIMITS.groupSize.min)
            .setMaxValue(LIMITS.groupSize.max),
        )
        .addIntegerOption((o) =>
          describe(o.setName('rounds'), 'deepen.events.option.rounds')
            .setMinValue(LIMITS.rounds.min)
            .setMaxValue(LIMITS.rounds.max),
        )
        .addIntegerOption((o) =>
          describe(o.setName('minutes'), 'deepen.events.option.minutes')
            .setMinValue(LIMITS.minutesPerRound.min)
            .setMaxValue(LIMITS.minutesPerRound.max),
        )
        .addStringOption((o) =>
          describe(o.setName('strategy'), 'deepen.events.option.strategy').setMaxLength(100),
        )
        .addStringOption((o) =>
          describe(o.setName('description'), 'deepen.events.option.description').setMaxLength(
            LIMITS.description,
          ),
        ),
    )
    .addSubcommand((sub) => describe(sub.setName('list'), 'deepen.events.command.list'))
    .addSubcommand((sub) =>
      describe(sub.setName('info'), 'deepen.events.command.info').addStringOption((o) =>
        describe(o.setName('event'), 'deepen.events.option.event').setRequired(true).setAutocomplete(true),
      ),
    )
    .addSubcommand((sub) =>
      describe(sub.setName('edit'), 'deepen.events.command.edit')
        .addStringOption((o) =>
          describe(o.setName('event'), 'deepen.events.option.event').setRequired(true).setAutocomplete(true),
        )
        .addStringOption((o) =>
          describe(o.setName('title'), 'deepen.events.option.title').setMaxLength(LIMITS.title),
        )
        .addStringOption((o) => describe(o.setName('when'), 'deepen.events.option.when').setMaxLength(100))
        .addIntegerOption((o) =>
          describe(o.setName('duration'), 'deepen.events.option.duration')
            .setMinValue(LIMITS.duration.min)
            .setMaxValue(LIMITS.duration.max),
        )
        .addIntegerOption((o) =>
          describe(o.setName('capacity'), 'deepen.events.option.capacity')
            .setMinValue(LIMITS.capacity.min)
            .setMaxValue(LIMITS.capacity.max),
        )
        .addStringOption((o) =>
          describe(o.setName('description'), 'deepen.events.option.description').setMaxLength(
            LIMITS.description,
          ),
        )
        .addChannelOption((o) =>
          describe(o.setName('lobby'), 'deepen.events.option.newLobby').addChannelTypes(
            ChannelType.GuildVoice,
          ),
        )
        .addBooleanOption((o) => describe(o.setName('no_limit'), 'deepen.events.option.noLimit'))
        .addBooleanOption((o) =>
          describe(o.setName('clear_description'), 'deepen.events.option.clearDescription'),
        )
        .addStringOption((o) =>
          describe(o.setName('repeat'), 'deepen.events.option.newRepeat').setMaxLength(60),
        )
        .addBooleanOption((o) => describe(o.setName('stop_repeating'), 'deepen.events.option.stopRepeating')),
    )
    .addSubcommand((sub) =>
      describe(sub.setName('cancel'), 'deepen.events.command.cancel')
        .addStringOption((o) =>
          describe(o.setName('event'), 'deepen.events.option.event').setRequired(true).setAutocomplete(true),
        )
        .addBooleanOption((o) => describe(o.setName('series'), 'deepen.events.option.series')),
    ),

  async execute(interaction, ctx) {
    if (!interaction.inCachedGuild()) throw new UserError('bot.error.guildOnly');
    switch (interaction.options.getSubcommand()) {
      case 'create':
        return runCreate(interaction, ctx);
      case 'list':
        return runList(interaction, ctx);
      case 'info':
        return runInfo(interaction, ctx);
      case 'edit':
        return runEdit(interaction, ctx);
      case 'cancel':
        return runCancel(interaction, ctx);
      default:
        throw new UserError('bot.error.expiredComponent');
    }
  },

  autocomplete: autocompleteOccurrence,
};
