import type { Response } from 'express';
import type { PresentContext } from '../presenters/format.js';
import type { ConnectReads } from '../services/connect-reads.js';

export type GuildPageKey = 'overview' | 'members' | 'invites' | 'relay';

/**
 * The locals every guild page hands the layout besides its own view model: the title, the guild
 * navigation (partials/guild-nav) with the current page marked, and the time-zone note.
 */
export function guildPageLocals(
  res: Response,
  active: GuildPageKey,
  title: string,
  ctx: PresentContext,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const guild = res.locals.guild!;
  return {
    title,
    guildNav: { guildId: guild.id, guildName: guild.name, active },
    zoneNote: res.locals.t('web.dates.zone', { zone: ctx.timeZone }),
    ...extra,
  };
}

/** The visitor's language and the guild's time zone (GuildSettings; Asia/Tokyo by default). */
export async function guildContext(
  res: Response,
  reads: ConnectReads,
  guildId: string,
): Promise<PresentContext & { relayEnabled: boolean }> {
  const settings = await reads.settings(guildId);
  return {
    t: res.locals.t,
    locale: res.locals.locale,
    timeZone: settings.timeZone,
    relayEnabled: settings.relayEnabled,
  };
}
