import { Events, type Message } from 'discord.js';
import { defineEvent } from '../../core/event.js';

/**
 * Counts a member's message in a guild channel (a thread counts for its parent). Reads only ids
 * and the timestamp: Tsunagu has no MessageContent intent and never looks at the text.
 */
export const countMessage = defineEvent({
  name: Events.MessageCreate,
  execute(ctx, message: Message) {
    if (!message.guildId || message.author.bot || message.webhookId || message.system) return;
    const channel = message.channel;
    const counted = channel.isThread() ? (channel.parent ?? channel) : channel;
    const name = 'name' in counted ? (counted.name ?? undefined) : undefined;
    ctx.services.insights.activity.message(
      message.guildId,
      counted.id,
      message.author.id,
      message.createdAt,
      name,
    );
  },
});
