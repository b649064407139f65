import type { GuildHealth, HealthReport } from '../../shared/health/index.js';
import type { Locale, Translator } from '../../shared/i18n/index.js';
import type { GuildInfo } from '../core/discord-directory.js';

const KNOWN_PROBLEMS = new Set([
  'missing-permission',
  'role-hierarchy',
  'disallowed-intent',
  'startup-failed',
]);

export interface HealthSectionView {
  /** Localized heading: "This server" / "The bot". */
  label: string;
  recorded: boolean;
  ok: boolean;
  checkedAt?: string;
  problems: string[];
}

export interface OverviewView {
  guildId: string;
  name: string;
  healthy: boolean | null;
  sections: HealthSectionView[];
}

/** Turns a guild and its recorded bot checks into what the overview page (or its JSON) shows. */
export function presentOverview(
  guild: GuildInfo,
  health: GuildHealth,
  options: { t: Translator; locale: Locale; timeZone: string },
): OverviewView {
  const sections = [
    section(options.t('web.health.scope.guild'), health.guild, options),
    section(options.t('web.health.scope.global'), health.global, options),
  ];
  const recorded = sections.filter((s) => s.recorded);
  return {
    guildId: guild.id,
    name: guild.name,
    healthy: recorded.length === 0 ? null : recorded.every((s) => s.ok),
    sections,
  };
}

function section(
  label: string,
  report: HealthReport | undefined,
  options: { t: Translator; locale: Locale; timeZone: string },
): HealthSectionView {
  if (!report) return { label, recorded: false, ok: false, problems: [] };
  const format = new Intl.DateTimeFormat(options.locale === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: options.timeZone,
  });
  return {
    label,
    recorded: true,
    ok: report.ok,
    checkedAt: format.format(new Date(report.checkedAt)),
    problems: report.problems.map((p) =>
      options.t(KNOWN_PROBLEMS.has(p.kind) ? `web.health.problem.${p.kind}` : 'web.health.problem.other', {
        subject: p.subject,
      }),
    ),
  };
}
