import type { Interaction } from 'discord.js';
import { interactionLocale, type BotContext } from '../../context.js';
import { isDomainError, localizeError, localizeIssue } from '../../../shared/services/errors.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import type { DomainError } from '../../../shared/services/errors.js';
import { UserError } from '../../errors/user-error.js';

/**
 * Runs `action`; a DomainError from a service becomes a UserError carrying its localized text
 * (every field issue on its own line), so the one interaction error boundary answers with it.
 */
export async function withDomainErrors<T>(
  ctx: BotContext,
  interaction: Interaction,
  action: () => Promise<T>,
): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const locale = await interactionLocale(ctx, interaction);
    throw new UserError('bot.connect.plain', { text: describeDomainError(locale, error) });
  }
}

/** The localized text of a domain error: its message, or a bulleted list of its field issues. */
export function describeDomainError(locale: Locale, error: DomainError, wrapKey?: string): string {
  const text =
    error.issues.length > 1
      ? error.issues.map((issue) => `• ${localizeIssue(locale, issue)}`).join('\n')
      : localizeError(locale, error);
  return wrapKey ? t(locale, wrapKey, { problems: text }) : text;
}
