/**
 * Welcome templates: which placeholders exist, how a template is checked, and how it is
 * rendered. Pure functions, shared by the settings service (validation) and the welcome flow.
 */
import type { Locale } from '../i18n/index.js';
import type { FieldIssue } from '../errors.js';

export const WELCOME_PLACEHOLDERS = ['user', 'server', 'memberCount'] as const;
export type WelcomePlaceholder = (typeof WELCOME_PLACEHOLDERS)[number];
/** Discord's message content limit. */
export const WELCOME_TEMPLATE_MAX = 2000;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Problems with a template: empty, too long, or placeholders other than {user} {server} {memberCount}. */
export function checkWelcomeTemplate(template: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (template.trim() === '') {
    issues.push({ field: 'template', i18nKey: 'connect.error.templateEmpty', vars: {} });
  }
  if (template.length > WELCOME_TEMPLATE_MAX) {
    issues.push({
      field: 'template',
      i18nKey: 'connect.error.templateTooLong',
      vars: { max: WELCOME_TEMPLATE_MAX, length: template.length },
    });
  }
  const unknown = [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1] as string)
    .filter((name) => !(WELCOME_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    issues.push({
      field: 'template',
      i18nKey: 'connect.error.templateUnknownPlaceholder',
      vars: { placeholders: [...new Set(unknown)].map((n) => `{${n}}`).join(' ') },
    });
  }
  return issues;
}

export interface WelcomeValues {
  userId: string;
  serverName: string;
  memberCount: number;
}

/**
 * Renders a welcome template in one pass, so a server name containing "{user}" is not expanded
 * again. Values are made inert: mass mentions are broken with a zero-width space and markdown in
 * the server name is escaped. The result is cut to Discord's 2000 characters.
 */
export function renderWelcomeTemplate(template: string, values: WelcomeValues, locale: Locale): string {
  const replacements: Record<WelcomePlaceholder, string> = {
    user: `<@${values.userId.replace(/\D/g, '')}>`,
    server: escapeMarkdown(neutraliseMentions(values.serverName)),
    memberCount: new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US').format(values.memberCount),
  };
  const rendered = template.replace(PLACEHOLDER, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(replacements, name)
      ? replacements[name as WelcomePlaceholder]
      : match,
  );
  return truncate(neutraliseMentions(rendered, true), WELCOME_TEMPLATE_MAX);
}

/** Breaks @everyone / @here (and, for values, role/user mention syntax) with a zero-width space. */
export function neutraliseMentions(text: string, keepUserMentions = false): string {
  const massMentions = text.replace(/@(everyone|here)/g, '@\u200b$1');
  return keepUserMentions ? massMentions : massMentions.replace(/<@/g, '<@\u200b');
}

/** Escapes Discord markdown characters so a name renders as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|])/g, '\\$1');
}

/**
 * Cuts to at most `max` UTF-16 units (Discord's strictest way of counting), ending with an
 * ellipsis when cut, without splitting an emoji's surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}
