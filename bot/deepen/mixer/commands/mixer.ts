/**
 * `/mixer start|status|next|extend|broadcast|end` and `/mixer prompts add|list|remove`: themed
 * small-group voice mixers for organisers. `start` shows the plan with a confirm button.
 */
import {
  ChannelType,
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
  type ChatInputCommandInteraction,
  type GuildMember,
} from 'discord.js';
import { MAX_GROUP_SIZE, MAX_ROUNDS, MIN_GROUP_SIZE } from '../../../../shared/deepen/grouping/index.js';
import { MAX_MINUTES, MIN_MINUTES } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { listThemes, PROMPT_MAX_LENGTH } from '../../../../shared/deepen/prompts/index.js';
import type { Command } from '../../../core/command.js';
import { describe, localizedName } from '../../../core/localize.js';
import { requireOrganiser } from '../../../core/preconditions.js';
import { UserError } from '../../../core/user-error.js';
import { interactionLocale, interactionTranslator, type BotContext } from '../../../context.js';
import { broadcast, BROADCAST_MAX, endMixer, extend, nextRound } from '../flows/actions.js';
import { planMixer } from '../flows/start.js';
import { previewMessage } from '../presenters/preview.presenter.js';
import { bodyOverwriteCap } from '../flows/room-role.js';
import { statusText } from '../presenters/status.presenter.js';
import { runPrompts } from './mixer-prompts.js';

const lobbyOption = (sub: SlashCommandSubcommandBuilder) =>
  sub.addChannelOption((o) =>
    describe(o.setName('lobby'), 'bot.command.mixer.opt.lobby').addChannelTypes(ChannelType.GuildVoice),
  );

/** The theme packs as choices, named in English with their Japanese (and English) localizations. */
function themeChoices() {
  const ja = new Map(listThemes('ja').map((c) => [c.value, c.name]));
  return listThemes('en').map((c) => ({
    ...c,
    name_localizations: { ja: ja.get(c.value) ?? c.name, 'en-US': c.name, 'en-GB': c.name },
  }));
}

export const mixer: Command = {
  data: describe(
    new SlashCommandBuilder().setName('mixer').setNameLocalizations(localizedName('mixer')),
    'bot.command.mixer.description',
  )
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      lobbyOption(describe(sub.setName('start'), 'bot.command.mixer.start.description'))
        .addIntegerOption((o) =>
          describe(o.setName('group_size'), 'bot.command.mixer.opt.groupSize')
            .setMinValue(MIN_GROUP_SIZE)
            .setMaxValue(MAX_GROUP_SIZE),
        )
        .addIntegerOption((o) =>
          describe(o.setName('rounds'), 'bot.command.mixer.opt.rounds')
            .setMinValue(1)
            .setMaxValue(MAX_ROUNDS),
        )
        .addIntegerOption((o) =>
          describe(o.setName('minutes'), 'bot.command.mixer.opt.minutes')
            .setMinValue(MIN_MINUTES)
            .setMaxValue(MAX_MINUTES),
        )
        .addStringOption((o) =>
          describe(o.setName('strategies'), 'bot.command.mixer.opt.strategies').setMaxLength(200),
        )
        .addStringOption((o) =>
          describe(o.setName('theme'), 'bot.command.mixer.opt.theme').addChoices(...themeChoices()),
        )
        .addRoleOption((o) =>
          describe(o.setName('facilitator_role'), 'bot.command.mixer.opt.facilitatorRole'),
        )
        .addUserOption((o) => describe(o.setName('facilitator'), 'bot.command.mixer.opt.facilitator')),
    )
    .addSubcommand((sub) =>
      lobbyOption(describe(sub.setName('status'), 'bot.command.mixer.status.description')),
    )
    .addSubcommand((sub) => lobbyOption(describe(sub.setName('next'), 'bot.command.mixer.next.description')))
    .addSubcommand((sub) =>
      lobbyOption(describe(sub.setName('extend'), 'bot.command.mixer.extend.description')),
    )
    .addSubcommand((sub) =>
      lobbyOption(
        describe(sub.setName('broadcast'), 'bot.command.mixer.broadcast.description').addStringOption((o) =>
          describe(o.setName('message'), 'bot.command.mixer.opt.message')
            .setRequired(true)
            .setMaxLength(BROADCAST_MAX),
        ),
      ),
    )
    .addSubcommand((sub) => lobbyOption(describe(sub.setName('end'), 'bot.command.mixer.end.description')))
    .addSubcommandGroup((group) =>
      describe(group.setName('prompts'), 'bot.command.mixer.prompts.description')
        .addSubcommand((sub) =>
          describe(sub.setName('add'), 'bot.command.mixer.prompts.add.description')
            .addStringOption((o) =>
              describe(o.setName('theme'), 'bot.command.mixer.opt.theme')
                .setRequired(true)
                .addChoices(...themeChoices()),
            )
            .addStringOption((o) =>
              describe(o.setName('text'), 'bot.command.mixer.opt.promptText')
                .setRequired(true)
                .setMaxLength(PROMPT_MAX_LENGTH),
            ),
        )
        .addSubcommand((sub) =>
          describe(sub.setName('list'), 'bot.command.mixer.prompts.list.description').addStringOption((o) =>
            describe(o.setName('theme'), 'bot.command.mixer.opt.theme')
              .setRequired(true)
              .addChoices(...themeChoices()),
          ),
        )
        .addSubcommand((sub) =>
          describe(sub.setName('remove'), 'bot.command.mixer.prompts.remove.description').addStringOption(
            (o) =>
              describe(o.setName('id'), 'bot.command.mixer.opt.promptId').setRequired(true).setMaxLength(40),
          ),
        ),
    ),

  async execute(interaction, ctx) {
    if (!interaction.inCachedGuild()) throw new UserError('bot.error.guildOnly');
    // Deferred before any database read: a busy worker (a lobby filling up sends a burst of voice
    // events) must not miss Discord's 3-second window to answer (10062 Unknown interaction).
    const ephemeral = { flags: MessageFlags.Ephemeral } as const;
    await interaction.deferReply(ephemeral);
    if (interaction.options.getSubcommandGroup(false) === 'prompts') {
      await requireOrganiser(ctx, interaction.member);
      // No modal among them (a modal must be the first answer): the deferred reply is edited.
      return runPrompts(interaction, ctx);
    }
    await requireOrganiser(ctx, interaction.member);
    const sub = interaction.options.getSubcommand();
    const tr = await interactionTranslator(ctx, interaction);
    if (sub === 'start') {
      const configured = (await ctx.services.kernel.settings.getGuildSettings(interaction.guildId)).channels
        .lobby;
      const lobbyChannelId = lobbyOf(interaction, interaction.member, !configured) || configured!;
      const role = interaction.options.getRole('facilitator_role');
      const picked = interaction.options.getUser('facilitator');
      const exclude = [
        ...(role
          ? interaction.guild.members.cache.filter((m) => m.roles.cache.has(role.id)).map((m) => m.id)
          : []),
        ...(picked ? [picked.id] : []),
      ];
      const rounds = interaction.options.getInteger('rounds') ?? 3;
      const { run, preview } = await planMixer(
        ctx,
        interaction.client,
        {
          guildId: interaction.guildId,
          lobbyChannelId,
          organiserId: interaction.user.id,
          groupSize: interaction.options.getInteger('group_size') ?? 4,
          rounds,
          minutesPerRound: interaction.options.getInteger('minutes') ?? 10,
          strategies: interaction.options.getString('strategies') ?? undefined,
          theme: interaction.options.getString('theme') ?? undefined,
          exclude,
        },
        'preview',
      );
      await interaction.editReply(
        previewMessage(tr, await interactionLocale(ctx, interaction), run, preview, bodyOverwriteCap(ctx)),
      );
      return;
    }
    const run = await targetRun(ctx, interaction);
    let answer: string;
    if (sub === 'status') answer = statusText(tr, run);
    else if (sub === 'next') answer = await nextRound(ctx, interaction.client, run, tr);
    else if (sub === 'extend') answer = await extend(ctx, interaction.guild, run, tr);
    else if (sub === 'broadcast')
      answer = await broadcast(interaction.guild, run, interaction.options.getString('message', true), tr);
    else answer = await endMixer(ctx, interaction.client, run, tr);
    await interaction.editReply({ content: answer, allowedMentions: { parse: [] } });
  },
};

/** The lobby named, else the organiser's voice channel ('' when neither and not required). */
function lobbyOf(
  interaction: ChatInputCommandInteraction<'cached'>,
  member: GuildMember,
  required: boolean,
): string {
  const named = interaction.options.getChannel('lobby')?.id;
  const own = member.voice.channelId;
  const id = named ?? own;
  if (!id && required) throw new UserError('deepen.mixer.error.noLobby');
  return id ?? '';
}

async function targetRun(ctx: BotContext, interaction: ChatInputCommandInteraction<'cached'>) {
  const svc = ctx.services.mixer.runs;
  const lobby = lobbyOf(interaction, interaction.member, false);
  if (lobby) {
    const run = await svc.runningInLobby(interaction.guildId, lobby);
    if (run) return run;
  }
  const all = await svc.runningRuns(interaction.guildId);
  if (all.length === 1) return all[0]!;
  throw new UserError(all.length === 0 ? 'deepen.mixer.error.noneRunning' : 'deepen.mixer.error.whichLobby');
}
