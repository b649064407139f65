import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
} from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import type { RelayStatus, RelayChainStatusView } from '../../../shared/know/relay.service.js';
import { escapeMarkdown, neutraliseMentions, truncate } from '../../../shared/kernel/welcome-template.js';
import { CANDIDATES_PER_PAGE } from '../../../shared/know/relay-candidates.js';
import { customId } from '../../core/custom-id.js';
import { introButtonRow } from '../../connect/presenters/welcome.presenter.js';
import { EMBED_LIMITS, fit } from '../../core/embed-limits.js';

const COLOUR = 0xf59e0b;
/** Discord: a select option's label is at most 100 characters (discord-api-docs, String Select). */
const OPTION_LABEL_MAX = 100;

/** A member who may be nominated, as the select shows them. */
export interface CandidateOption {
  userId: string;
  /** "Display name (@username)", so two people with the same name can be told apart. */
  label: string;
}

export interface NominatePromptInput {
  guildId: string;
  /** One page of candidates (at most 25, Discord's option limit). */
  candidates: CandidateOption[];
  /** Candidates in all, and where this page starts (paging buttons when there are more). */
  total: number;
  offset: number;
  /** Set on a prompt posted in a channel: only this holder (or an organiser) may use it. */
  holderId?: string;
  intro?: string;
}

/** The custom id of the nominate select (carries the guild: the prompt may be in a DM; and the holder when public). */
export function nominateSelectId(guildId: string, holderId?: string): string {
  return holderId ? customId('relay', 'nominate', guildId, holderId) : customId('relay', 'nominate', guildId);
}

/** The custom id of a paging button of the nomination prompt. */
export function nominatePageId(guildId: string, offset: number, holderId?: string): string {
  return holderId
    ? customId('relay', 'page', guildId, offset, holderId)
    : customId('relay', 'page', guildId, offset);
}

/**
 * Asks the baton holder to nominate the next person: a string select of the members without an
 * intro only (nobody else can be picked), a page of 25 at a time with Previous/More buttons.
 * Without any candidate it says the baton waits for the next newcomer.
 */
export function nominatePrompt(tr: Translator, input: NominatePromptInput) {
  const lines = [input.intro ?? tr('bot.connect.relay.ask')];
  const components: ActionRowBuilder<StringSelectMenuBuilder | ButtonBuilder>[] = [];
  if (input.candidates.length === 0) {
    lines.push(tr('bot.connect.relay.noCandidates'));
    // Someone may join later: the holder can list the members again without waiting for a DM.
    components.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(nominatePageId(input.guildId, 0, input.holderId))
          .setStyle(ButtonStyle.Secondary)
          .setLabel(tr('bot.connect.relay.refresh')),
      ),
    );
  } else {
    if (input.total > input.candidates.length)
      lines.push(
        tr('bot.connect.relay.page', {
          from: input.offset + 1,
          to: input.offset + input.candidates.length,
          total: input.total,
        }),
      );
    const select = new StringSelectMenuBuilder()
      .setCustomId(nominateSelectId(input.guildId, input.holderId))
      .setPlaceholder(tr('bot.connect.relay.pickPlaceholder'))
      .setMinValues(1)
      .setMaxValues(1)
      .addOptions(
        input.candidates.map((c) =>
          new StringSelectMenuOptionBuilder()
            .setLabel(truncate(c.label, OPTION_LABEL_MAX))
            .setValue(c.userId),
        ),
      );
    components.push(new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select));
    const paging = pagingRow(tr, input);
    if (paging) components.push(paging);
  }
  return { content: lines.join('\n'), components, allowedMentions: { parse: [] as [] } };
}

function pagingRow(tr: Translator, input: NominatePromptInput): ActionRowBuilder<ButtonBuilder> | null {
  const size = CANDIDATES_PER_PAGE;
  const hasPrev = input.offset > 0;
  const hasNext = input.offset + input.candidates.length < input.total;
  if (!hasPrev && !hasNext) return null;
  const button = (
    offset: number,
    key: 'bot.connect.relay.prev' | 'bot.connect.relay.more',
    disabled: boolean,
  ) =>
    new ButtonBuilder()
      .setCustomId(nominatePageId(input.guildId, offset, input.holderId))
      .setStyle(ButtonStyle.Secondary)
      .setLabel(tr(key))
      .setDisabled(disabled);
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    button(Math.max(0, input.offset - size), 'bot.connect.relay.prev', !hasPrev),
    button(input.offset + size, 'bot.connect.relay.more', !hasNext),
  );
}

/** Autocomplete answers at most 25 choices, each name 1–100 characters (discord-api-docs, Autocomplete). */
const AUTOCOMPLETE_MAX = 25;

/**
 * The `/relay nominate member:` autocomplete: the candidates (members without an intro, not
 * nominated) whose label contains what the organiser typed, case-insensitively, at most 25.
 */
export function candidateChoices(
  candidates: readonly CandidateOption[],
  typed: string,
): { name: string; value: string }[] {
  const query = typed.trim().toLocaleLowerCase();
  return candidates
    .filter((c) => query === '' || c.label.toLocaleLowerCase().includes(query) || c.userId === query)
    .slice(0, AUTOCOMPLETE_MAX)
    .map((c) => ({ name: truncate(c.label, OPTION_LABEL_MAX), value: c.userId }));
}

/** Posted in the introductions channel: the nominee is mentioned (and pinged) with the intro button. */
export function nominationAnnouncement(
  tr: Translator,
  input: {
    guildId: string;
    nomineeId: string;
    nominatorId: string | null;
    /** When rewritten later: the nomination is over (no intro button, no "the baton is yours"). */
    settled?: 'introduced' | 'moved';
  },
) {
  if (input.settled)
    return {
      content: tr(`bot.connect.relay.announceSettled.${input.settled}`, { nominee: `<@${input.nomineeId}>` }),
      components: [],
      allowedMentions: { parse: [] as [] },
    };
  const content = input.nominatorId
    ? tr('bot.connect.relay.announce', {
        nominee: `<@${input.nomineeId}>`,
        nominator: `<@${input.nominatorId}>`,
      })
    : tr('bot.connect.relay.announceByBot', { nominee: `<@${input.nomineeId}>` });
  return {
    content,
    components: [introButtonRow(tr, input.guildId)],
    allowedMentions: { users: [input.nomineeId], parse: [] as [] },
  };
}

/** The DM to a nominee (first ask or reminder), with the intro button. */
export function nomineeDm(
  tr: Translator,
  input: {
    guildId: string;
    serverName: string;
    nominatorName: string | null;
    reminder?: boolean;
    /** When rewritten later: the nomination is over (no intro button). */
    settled?: 'introduced' | 'moved';
  },
) {
  const server = escapeMarkdown(neutraliseMentions(input.serverName));
  if (input.settled)
    return { content: tr(`bot.connect.relay.dmSettled.${input.settled}`, { server }), components: [] };
  const content = input.reminder
    ? tr('bot.connect.relay.reminder', { server })
    : input.nominatorName
      ? tr('bot.connect.relay.dm', {
          server,
          nominator: escapeMarkdown(neutraliseMentions(input.nominatorName)),
        })
      : tr('bot.connect.relay.dmByBot', { server });
  return { content, components: [introButtonRow(tr, input.guildId)] };
}

/** `/relay status`: a summary line and one field per chain (newest activity first, at most 10). */
export function relayStatusEmbed(tr: Translator, status: RelayStatus): EmbedBuilder {
  const embed = new EmbedBuilder().setColor(COLOUR).setTitle(tr('bot.connect.relay.status.title'));
  if (status.chains.length === 0) return embed.setDescription(tr('bot.connect.relay.status.none'));
  embed.setDescription(
    tr('bot.connect.relay.status.summary', {
      active: status.activeChains,
      longest: status.longestLength,
      total: status.totalIntroductions,
    }),
  );
  for (const chain of status.chains.slice(0, 10)) {
    embed.addFields({
      name: fit(
        tr('bot.connect.relay.status.chain', { number: chain.number, length: chain.length }),
        EMBED_LIMITS.fieldName,
      ),
      value: fit(chainLines(tr, chain).join('\n'), EMBED_LIMITS.fieldValue),
    });
  }
  return embed;
}

function chainLines(tr: Translator, chain: RelayChainStatusView): string[] {
  const who = (id: string | null) => (id ? `<@${id}>` : tr('bot.connect.relay.someone'));
  const people = [
    chain.startedBy,
    ...chain.links.filter((l) => l.status === 'completed').map((l) => l.nomineeId),
  ];
  const lines = [tr('bot.connect.relay.status.people', { people: people.map(who).join(' → ') })];
  const open = chain.openLink;
  if (open) {
    const key =
      open.status === 'reminded' ? 'bot.connect.relay.status.reminded' : 'bot.connect.relay.status.waiting';
    const nominator = open.nominatedByBot ? tr('bot.connect.relay.bot') : who(open.fromUserId);
    lines.push(tr(key, { nominee: who(open.nomineeId), nominator }));
  } else if (chain.batonHolderId) {
    lines.push(tr('bot.connect.relay.status.holder', { holder: who(chain.batonHolderId) }));
  } else if (chain.batonWithBot) {
    lines.push(tr('bot.connect.relay.status.withBot'));
  }
  if (chain.breaks.length > 0)
    lines.push(tr('bot.connect.relay.status.breaks', { count: chain.breaks.length }));
  return lines;
}
