/**
 * DMs to members, with the events channel as the fallback: someone whose DMs are closed is
 * mentioned there instead (once per notice), so nobody silently misses a reminder or a cancellation.
 */
import type { BaseMessageOptions, Guild } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { childLogger } from '../../../../shared/logger.js';
import { isDmClosed } from '../../../core/discord-errors.js';
import { bestEffort } from '../../../core/best-effort.js';
import { postIn } from '../../../core/channels.js';

export async function dmOrMention(
  ctx: BotContext,
  guild: Guild,
  userIds: readonly string[],
  dm: BaseMessageOptions,
  fallback: (mentions: string) => string,
  eventsChannelId: string | null,
  progress?: {
    /** Takes one recipient (false: another run has them); called before their DM. */
    claim(userId: string): Promise<boolean>;
    /** Records recipients done (their DM sent, or their mention posted), so a re-run skips them. */
    done(userIds: readonly string[]): Promise<void>;
  },
): Promise<{ sent: string[]; closed: string[] }> {
  const log = childLogger(ctx.logger, { guildId: guild.id });
  const sent: string[] = [];
  const closed: string[] = [];
  for (const userId of userIds) {
    if (progress && !(await progress.claim(userId))) continue;
    try {
      const user = await guild.client.users.fetch(userId);
      await user.send(dm);
      sent.push(userId);
      await progress?.done([userId]);
    } catch (error) {
      if (isDmClosed(error)) closed.push(userId);
      else log.warn({ err: error, userId }, 'could not DM a member about an event');
    }
  }
  if (closed.length > 0) {
    await bestEffort(log, 'mention members whose DMs are closed', () =>
      postIn(guild, eventsChannelId, {
        content: fallback(closed.map((id) => `<@${id}>`).join(' ')),
        allowedMentions: { users: closed },
      }),
    );
    await progress?.done(closed);
  }
  return { sent, closed };
}
