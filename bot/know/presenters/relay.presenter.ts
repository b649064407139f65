import { ActionRowBuilder, EmbedBuilder, UserSelectMenuBuilder } from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import type { RelayStatus, RelayChainStatusView } from '../../../shared/know/relay.service.js';
import { escapeMarkdown, neutraliseMentions } from '../../../shared/kernel/welcome-template.js';
import { customId } from '../../core/custom-id.js';
import { introButtonRow } from '../../connect/presenters/welcome.presenter.js';
import { EMBED_LIMITS, fit } from '../../core/embed-limits.js';

const COLOUR = 0xf59e0b;
/** Suggested members named in the prompt (the select itself lists every member). */
const SUGGESTIONS_SHOWN = 10;

/** The custom id of the nominate select of `guildId` (carries the guild: the prompt may be in a DM). */
export function nominateSelectId(guildId: string): string {
  return customId('relay', 'nominate', guildId);
}

/**
 * Asks the baton holder to nominate the next person: a user select, and the members without an
 * intro as suggestions (Discord's user select cannot be filtered, so the service checks the pick).
 */
export function nominatePrompt(
  tr: Translator,
  input: { guildId: string; candidates: string[]; intro?: string },
) {
  const lines = [input.intro ?? tr('bot.connect.relay.ask')];
  if (input.candidates.length > 0) {
    const members = input.candidates
      .slice(0, SUGGESTIONS_SHOWN)
      .map((id) => `<@${id}>`)
      .join(' ');
    lines.push(tr('bot.connect.relay.suggestions', { members }));
  }
  const select = new UserSelectMenuBuilder()
    .setCustomId(nominateSelectId(input.guildId))
    .setPlaceholder(tr('bot.connect.relay.pickPlaceholder'))
    .setMinValues(1)
    .setMaxValues(1);
  return {
    content: lines.join('\n'),
    components: [new ActionRowBuilder<UserSelectMenuBuilder>().addComponents(select)],
    allowedMentions: { parse: [] as [] },
  };
}

/** Posted in the introductions channel: the nominee is mentioned (and pinged) with the intro button. */
export function nominationAnnouncement(
  tr: Translator,
  input: { guildId: string; nomineeId: string; nominatorId: string | null },
) {
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
  input: { guildId: string; serverName: string; nominatorName: string | null; reminder?: boolean },
) {
  const server = escapeMarkdown(neutraliseMentions(input.serverName));
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
