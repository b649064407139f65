import { EmbedBuilder } from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import type { CohortRow, LeaderboardRow } from '../../../shared/connect/invite-tracking.service.js';
import { escapeMarkdown, neutraliseMentions } from '../../../shared/kernel/welcome-template.js';
import { EMBED_LIMITS, fit } from '../../core/embed-limits.js';

const ROWS_SHOWN = 10;

/** `/invite list`: who brings people in (members brought in, stayed, introduced) and people per cohort. */
export function inviteListEmbed(
  tr: Translator,
  leaderboard: LeaderboardRow[],
  cohorts: CohortRow[],
): EmbedBuilder {
  const rows = <T>(items: T[], who: (item: T) => string, joins: (item: T) => number) =>
    items.length === 0
      ? tr('bot.connect.invite.none')
      : items
          .slice(0, ROWS_SHOWN)
          .map((item, i) => tr('bot.connect.invite.row', { rank: i + 1, who: who(item), joins: joins(item) }))
          .join('\n');
  return new EmbedBuilder()
    .setColor(0x0ea5e9)
    .setTitle(tr('bot.connect.invite.listTitle'))
    .addFields(
      {
        name: tr('bot.connect.invite.topInviters'),
        value: fit(
          leaderboard.length === 0
            ? tr('bot.connect.invite.none')
            : leaderboard
                .slice(0, ROWS_SHOWN)
                .map((r, i) =>
                  tr('bot.connect.invite.connectorRow', {
                    rank: i + 1,
                    who: `<@${r.inviterId}>`,
                    joins: r.joins,
                    stayed: r.stayed,
                    introduced: r.introduced,
                  }),
                )
                .join('\n'),
          EMBED_LIMITS.fieldValue,
        ),
      },
      {
        name: tr('bot.connect.invite.cohorts'),
        value: fit(
          rows(
            cohorts,
            (c) => escapeMarkdown(neutraliseMentions(c.label)),
            (c) => c.joins,
          ),
          EMBED_LIMITS.fieldValue,
        ),
      },
    );
}
