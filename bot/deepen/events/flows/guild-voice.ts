import type { BotContext } from '../../../context.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';

/** The guild's locale and a translator for posts everyone reads (announcements, reminders). */
export async function guildVoice(ctx: BotContext, guildId: string) {
  const settings = await ctx.services.kernel.settings.getGuildSettings(guildId);
  const locale: Locale = settings.locale;
  return { settings, locale, tr: translator(locale) };
}
