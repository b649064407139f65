import { EmbedBuilder } from 'discord.js';
import type { Translator, Vars } from '../../../shared/i18n/index.js';
import {
  CHANNEL_KEYS,
  ROLE_KEYS,
  type GuildSettingsView,
} from '../../../shared/kernel/guild-settings.service.js';
import { EMBED_LIMITS, fit } from '../../core/embed-limits.js';
import type { SetupProblem } from '../flows/setup-checks.js';

/** The text of one setup problem (its key-valued variables translated first). */
export function problemText(tr: Translator, problem: SetupProblem): string {
  const vars: Record<string, string> = { ...problem.vars };
  for (const [name, key] of Object.entries(problem.keyVars ?? {})) vars[name] = tr(key);
  return tr(problem.key, vars as Vars);
}

/** `/setup`: the settings in force and, below, what the bot cannot do with them (or that all is well). */
export function setupEmbed(
  tr: Translator,
  settings: GuildSettingsView,
  problems: SetupProblem[],
): EmbedBuilder {
  const notSet = tr('bot.connect.setup.notSet');
  const channels = CHANNEL_KEYS.map(
    (k) =>
      `${tr(`bot.connect.setup.channel.${k}`)}: ${settings.channels[k] ? `<#${settings.channels[k]}>` : notSet}`,
  );
  const roles = ROLE_KEYS.map(
    (k) => `${tr(`bot.connect.setup.role.${k}`)}: ${settings.roles[k] ? `<@&${settings.roles[k]}>` : notSet}`,
  );
  const onOff = (on: boolean) => tr(on ? 'bot.connect.setup.on' : 'bot.connect.setup.off');
  const welcome = [
    settings.welcome.customTemplate
      ? settings.welcome.template
      : `${tr('bot.connect.setup.welcomeDefault')} ${settings.welcome.template}`,
    tr('bot.connect.setup.welcomeDm', { state: onOff(settings.welcome.dmEnabled) }),
  ].join('\n');
  const checks =
    problems.length === 0
      ? `✅ ${tr('bot.connect.setup.allGood')}`
      : problems.map((p) => `⚠️ ${problemText(tr, p)}`).join('\n');
  return new EmbedBuilder()
    .setColor(problems.length === 0 ? 0x16a34a : 0xdc2626)
    .setTitle(tr('bot.connect.setup.title'))
    .addFields(
      {
        name: tr('bot.connect.setup.channels'),
        value: fit(channels.join('\n'), EMBED_LIMITS.fieldValue),
        inline: true,
      },
      {
        name: tr('bot.connect.setup.roles'),
        value: fit(roles.join('\n'), EMBED_LIMITS.fieldValue),
        inline: true,
      },
      {
        name: tr('bot.connect.setup.general'),
        value: tr('bot.connect.setup.generalValue', {
          locale: tr(`bot.connect.locale.${settings.locale}`),
          timeZone: settings.timeZone,
        }),
      },
      { name: tr('bot.connect.setup.welcome'), value: fit(welcome, EMBED_LIMITS.fieldValue) },
      {
        name: tr('bot.connect.setup.relay'),
        value: tr('bot.connect.setup.relayValue', {
          state: onOff(settings.relay.enabled),
          days: settings.relay.reminderDays,
        }),
      },
      { name: tr('bot.connect.setup.checks'), value: fit(checks, EMBED_LIMITS.fieldValue) },
    );
}
