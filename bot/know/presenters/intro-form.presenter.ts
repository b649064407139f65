import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
} from 'discord.js';
import type { Translator, MessageKey } from '../../../shared/i18n/index.js';
import type { ProfileData } from '../../../shared/kernel/profile-data.js';
import { attributeOptions, leaveYearRange } from '../../../shared/kernel/profile-attributes.js';
import { truncate } from '../../../shared/kernel/welcome-template.js';
import { customId } from '../../core/custom-id.js';

/** Value of the year menu's "another decade" option. */
export const OTHER_DECADE = 'decades';
const OPTION_LABEL_MAX = 100;

export interface IntroFormState {
  guildId: string;
  profile: ProfileData;
  page: 1 | 2;
  /** The decade whose years the leave-year menu lists; undefined shows the decade menu. */
  decade?: number;
  now: Date;
}

/** The decade of the member's leave year, if they gave one. */
export function decadeOf(year: number | null): number | undefined {
  return year === null ? undefined : Math.floor(year / 10) * 10;
}

/**
 * The ephemeral survey after the intro modal, on two pages (Discord allows five rows per
 * message). Page 1: leave year (decade, then year: more than 25 years never fit one menu),
 * tenure, new graduate. Page 2: industry, region, life stages. Each pick is stored at once, so
 * leaving half-way loses nothing; "Post" publishes the intro.
 */
export function introForm(tr: Translator, state: IntroFormState) {
  const { guildId, profile } = state;
  const rows: ActionRowBuilder<StringSelectMenuBuilder | ButtonBuilder>[] = [];
  const select = (field: string, placeholderKey: MessageKey) =>
    new StringSelectMenuBuilder()
      .setCustomId(customId('intro', 'attr', guildId, field))
      .setPlaceholder(tr(placeholderKey));
  const row = (component: StringSelectMenuBuilder) =>
    new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(component);

  if (state.page === 1) {
    rows.push(row(leaveYearMenu(tr, state)));
    rows.push(
      row(
        select('tenureBand', 'bot.connect.intro.pick.tenureBand').addOptions(
          attributeOptions('tenureBand').map((o) =>
            option(tr(o.labelKey), o.value, profile.tenureBand === o.value),
          ),
        ),
      ),
    );
    rows.push(
      row(
        select('joinedAsNewGraduate', 'bot.connect.intro.pick.joinedAsNewGraduate').addOptions(
          option(tr('bot.connect.intro.yes'), 'yes', profile.joinedAsNewGraduate === true),
          option(tr('bot.connect.intro.no'), 'no', profile.joinedAsNewGraduate === false),
        ),
      ),
    );
  } else {
    for (const kind of ['industry', 'region'] as const) {
      rows.push(
        row(
          select(kind, `bot.connect.intro.pick.${kind}`).addOptions(
            attributeOptions(kind).map((o) => option(tr(o.labelKey), o.value, profile[kind] === o.value)),
          ),
        ),
      );
    }
    const stages = attributeOptions('lifeStage');
    rows.push(
      row(
        select('lifeStages', 'bot.connect.intro.pick.lifeStages')
          .setMinValues(0)
          .setMaxValues(stages.length)
          .addOptions(
            stages.map((o) => option(tr(o.labelKey), o.value, profile.lifeStages.includes(o.value as never))),
          ),
      ),
    );
  }
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId('intro', 'page', guildId, state.page === 1 ? 2 : 1))
      .setStyle(ButtonStyle.Secondary)
      .setLabel(tr(state.page === 1 ? 'bot.connect.intro.next' : 'bot.connect.intro.back')),
    new ButtonBuilder()
      .setCustomId(customId('intro', 'post', guildId))
      .setStyle(ButtonStyle.Success)
      .setLabel(tr(profile.introMessageId ? 'bot.connect.intro.update' : 'bot.connect.intro.post')),
  );
  return { content: tr('bot.connect.intro.saved', { page: state.page }), components: [...rows, buttons] };
}

/** The decade menu, or the years of the chosen decade plus "another decade…". */
function leaveYearMenu(tr: Translator, state: IntroFormState): StringSelectMenuBuilder {
  const years = leaveYearRange(state.now);
  if (state.decade === undefined) {
    const decades = [...new Set(years.map((y) => Math.floor(y / 10) * 10))];
    return new StringSelectMenuBuilder()
      .setCustomId(customId('intro', 'decade', state.guildId))
      .setPlaceholder(tr('bot.connect.intro.pick.leaveDecade'))
      .addOptions(
        decades.map((d) => option(tr('bot.connect.intro.decade', { decade: d }), String(d), false)),
      );
  }
  const inDecade = years.filter((y) => Math.floor(y / 10) * 10 === state.decade);
  return new StringSelectMenuBuilder()
    .setCustomId(customId('intro', 'attr', state.guildId, 'leaveYear'))
    .setPlaceholder(tr('bot.connect.intro.pick.leaveYear'))
    .addOptions(
      ...inDecade.map((y) => option(String(y), String(y), state.profile.leaveYear === y)),
      option(tr('bot.connect.intro.otherDecade'), OTHER_DECADE, false),
    );
}

function option(label: string, value: string, selected: boolean): StringSelectMenuOptionBuilder {
  return new StringSelectMenuOptionBuilder()
    .setLabel(truncate(label, OPTION_LABEL_MAX))
    .setValue(value)
    .setDefault(selected);
}
