import { BotHealth } from './health.model.js';

/** Global scope key: problems that concern the bot as a whole rather than one guild. */
export const GLOBAL_SCOPE = 'global';

export type HealthProblemKind =
  'missing-permission' | 'role-hierarchy' | 'disallowed-intent' | 'startup-failed';

export interface HealthProblem {
  kind: HealthProblemKind;
  /** Permission name (e.g. ManageRoles), intent name (e.g. GuildMembers), or a role id. */
  subject: string;
  detail?: string;
}

export interface HealthReport {
  scope: string;
  ok: boolean;
  problems: HealthProblem[];
  checkedAt: Date;
  botUserId?: string;
}

/** What the dashboard shows for one guild: the guild's own checks and the bot-wide ones. */
export interface GuildHealth {
  guild?: HealthReport;
  global?: HealthReport;
}

/** Records the outcome of the bot's checks in one guild, replacing the previous result. */
export async function recordGuildHealth(
  guildId: string,
  problems: HealthProblem[],
  options: { botUserId?: string; now?: Date } = {},
): Promise<HealthReport> {
  return save(guildId, problems, options);
}

/** Records bot-wide checks (e.g. a privileged intent the Developer Portal has not enabled). */
export async function recordGlobalHealth(
  problems: HealthProblem[],
  options: { botUserId?: string; now?: Date } = {},
): Promise<HealthReport> {
  return save(GLOBAL_SCOPE, problems, options);
}

/** Reads the last recorded checks for a guild, plus the bot-wide ones. */
export async function getGuildHealth(guildId: string): Promise<GuildHealth> {
  const docs = await BotHealth.find({ scope: { $in: [guildId, GLOBAL_SCOPE] } }).lean();
  const result: GuildHealth = {};
  for (const doc of docs) {
    const report = toReport(doc);
    if (doc.scope === GLOBAL_SCOPE) result.global = report;
    else result.guild = report;
  }
  return result;
}

/** Forgets a guild's checks (the bot left the guild). */
export async function clearGuildHealth(guildId: string): Promise<void> {
  await BotHealth.deleteOne({ scope: guildId });
}

/** The service as an object, for containers that hold services by name. */
export const healthService = { recordGuildHealth, recordGlobalHealth, getGuildHealth, clearGuildHealth };
export type HealthService = typeof healthService;

async function save(
  scope: string,
  problems: HealthProblem[],
  options: { botUserId?: string; now?: Date },
): Promise<HealthReport> {
  const report: HealthReport = {
    scope,
    ok: problems.length === 0,
    problems: problems.map((p) => ({ kind: p.kind, subject: p.subject, detail: p.detail ?? '' })),
    checkedAt: options.now ?? new Date(),
    ...(options.botUserId ? { botUserId: options.botUserId } : {}),
  };
  await BotHealth.replaceOne({ scope }, report, { upsert: true });
  return report;
}

function toReport(doc: {
  scope: string;
  ok: boolean;
  problems: { kind: string; subject: string; detail?: string | null }[];
  checkedAt: Date;
  botUserId?: string | null;
}): HealthReport {
  return {
    scope: doc.scope,
    ok: doc.ok,
    problems: doc.problems.map((p) => ({
      kind: p.kind as HealthProblemKind,
      subject: p.subject,
      detail: p.detail ?? '',
    })),
    checkedAt: doc.checkedAt,
    ...(doc.botUserId ? { botUserId: doc.botUserId } : {}),
  };
}
