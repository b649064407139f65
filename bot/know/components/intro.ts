import { MessageFlags, type ButtonInteraction, type ModalSubmitInteraction } from 'discord.js';
import type { ComponentFamily } from '../../core/component.js';
import { interactionLocale, interactionTranslator, type BotContext } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { guildAndMember } from '../../core/guild-of.js';
import { introModal, introRetryMessage } from '../presenters/intro-modal.presenter.js';
import { describeDomainError, isDomainError } from '../../../shared/errors.js';
import { decadeOf, introForm, OTHER_DECADE } from '../presenters/intro-form.presenter.js';
import { INTRO_FIELDS } from '../../../shared/know/profile-validation.js';
import { postIntro } from './intro-post.js';
import { publishIntro } from '../flows/intro-publish.js';

const PAGE_ONE_FIELDS = new Set(['leaveYear', 'tenureBand', 'joinedAsNewGraduate']);

/**
 * The self-introduction flow, `intro:<action>:<guildId>[:arg]` (the guild id travels in the id
 * because the intro button also lives in DMs): start (button → modal), modal (save the text →
 * survey), decade / attr (survey picks, stored at once), page (survey pages), post (publish),
 * retry (after a refused modal: the modal again, filled with the draft kept under `arg`).
 */
export const introComponents: ComponentFamily = {
  prefix: 'intro',

  async button(interaction, [action, guildId, arg], ctx) {
    if (action === 'start') return start(interaction, guildId, ctx);
    if (action === 'page') return showForm(interaction, guildId, ctx, { page: arg === '2' ? 2 : 1 });
    if (action === 'post') return postIntro(interaction, guildId, ctx);
    if (action === 'retry') return retry(interaction, guildId, arg, ctx);
    throw new UserError('bot.error.expiredComponent');
  },

  async select(interaction, [action, guildId, field], ctx) {
    if (!interaction.isStringSelectMenu()) throw new UserError('bot.error.expiredComponent');
    const [value] = interaction.values;
    if (action === 'decade') return showForm(interaction, guildId, ctx, { page: 1, decade: Number(value) });
    if (action !== 'attr' || !field) throw new UserError('bot.error.expiredComponent');
    if (field === 'leaveYear' && value === OTHER_DECADE)
      return showForm(interaction, guildId, ctx, { page: 1, chooseDecade: true });
    const { guild, member } = await guildAndMember(interaction, guildId);
    const attributes =
      field === 'lifeStages' ? { lifeStages: interaction.values } : { [field]: value ?? null };
    await ctx.services.know.profiles.updateAttributes({
      guildId: guild.id,
      userId: member.id,
      attributes,
      now: ctx.services.clock.now(),
    });
    return showForm(interaction, guildId, ctx, { page: PAGE_ONE_FIELDS.has(field) ? 1 : 2 });
  },

  async modal(interaction, [action, guildId], ctx) {
    if (action !== 'modal') throw new UserError('bot.error.expiredComponent');
    return saveText(interaction, guildId, ctx);
  },
};

/** The intro button: the modal (pre-filled with what was saved before), unless the intro is already posted. */
async function start(
  interaction: ButtonInteraction,
  guildId: string | undefined,
  ctx: BotContext,
): Promise<void> {
  const { guild, member } = await guildAndMember(interaction, guildId);
  const profile = await ctx.services.know.profiles.getProfile(guild.id, member.id);
  if (profile?.introMessageId) throw new UserError('bot.connect.intro.alreadyIntroduced');
  const tr = await interactionTranslator(ctx, interaction);
  await interaction.showModal(introModal(tr, { guildId: guild.id, profile, edit: false }));
}

/** The modal: validates and stores the five texts first (nothing is lost later), then shows the survey. */
async function saveText(
  interaction: ModalSubmitInteraction,
  guildId: string | undefined,
  ctx: BotContext,
): Promise<void> {
  const { guild, member } = await guildAndMember(interaction, guildId);
  const fields = Object.fromEntries(
    INTRO_FIELDS.map((f) => [
      f.id,
      interaction.fields.fields.has(f.id) ? interaction.fields.getTextInputValue(f.id) : '',
    ]),
  );
  const svc = ctx.services;
  const tr = await interactionTranslator(ctx, interaction);
  let saved;
  try {
    saved = await svc.know.profiles.saveIntro({
      guildId: guild.id,
      userId: member.id,
      fields,
      now: svc.clock.now(),
    });
  } catch (error) {
    if (!isDomainError(error) || error.kind !== 'INVALID_INPUT') throw error;
    // Discord cannot answer a modal with a modal: keep what they typed and offer it back.
    const key = await svc.know.drafts.saveDraft({
      guildId: guild.id,
      userId: member.id,
      fields,
      now: svc.clock.now(),
    });
    const locale = await interactionLocale(ctx, interaction);
    return void (await interaction.reply({
      ...introRetryMessage(tr, {
        guildId: guild.id,
        draftKey: key,
        problems: describeDomainError(locale, error),
      }),
      flags: MessageFlags.Ephemeral,
    }));
  }
  await svc.know.drafts.clearDrafts(guild.id, member.id);
  const { profile } = saved;
  const form = introForm(tr, {
    guildId: guild.id,
    profile,
    page: 1,
    decade: decadeOf(profile.leaveYear),
    now: ctx.services.clock.now(),
  });
  await interaction.reply({ ...form, flags: MessageFlags.Ephemeral });
  // An edit of a posted intro shows at once; the survey's "Update my post" refreshes it again.
  if (profile.introMessageId) {
    await publishIntro(ctx, guild, member, profile).catch((error: unknown) =>
      ctx.logger.warn(
        { err: error, guildId: guild.id, userId: member.id },
        'could not update the posted intro',
      ),
    );
  }
}

/** "Edit my introduction" after a refused modal: the modal again, filled with the kept draft. */
async function retry(
  interaction: ButtonInteraction,
  guildId: string | undefined,
  draftKey: string | undefined,
  ctx: BotContext,
): Promise<void> {
  const { guild, member } = await guildAndMember(interaction, guildId);
  const svc = ctx.services;
  const draft = draftKey
    ? await svc.know.drafts.takeDraft({
        key: draftKey,
        guildId: guild.id,
        userId: member.id,
        now: svc.clock.now(),
      })
    : null;
  if (!draft) throw new UserError('bot.connect.intro.draftExpired');
  const profile = await svc.know.profiles.getProfile(guild.id, member.id);
  const tr = await interactionTranslator(ctx, interaction);
  await interaction.showModal(
    introModal(tr, { guildId: guild.id, profile, edit: !!profile?.introducedAt, draft }),
  );
}

type FormInteraction =
  | Parameters<NonNullable<ComponentFamily['button']>>[0]
  | Parameters<NonNullable<ComponentFamily['select']>>[0];

/** Re-renders the survey in place on the given page. */
async function showForm(
  interaction: FormInteraction,
  guildId: string | undefined,
  ctx: BotContext,
  view: { page: 1 | 2; decade?: number; chooseDecade?: boolean },
): Promise<void> {
  const { guild, member } = await guildAndMember(interaction, guildId);
  const profile = await ctx.services.know.profiles.requireProfile(guild.id, member.id);
  const tr = await interactionTranslator(ctx, interaction);
  const decade = view.chooseDecade ? undefined : (view.decade ?? decadeOf(profile.leaveYear));
  await interaction.update(
    introForm(tr, { guildId: guild.id, profile, page: view.page, decade, now: ctx.services.clock.now() }),
  );
}
