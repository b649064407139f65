import type { Response } from 'express';
import type { PresentContext } from './format.js';
import type { GuildReads } from './reads.js';
import type { NavEntry } from './feature.js';

/** The guild navigation, in slice order; set once by createApp from web/features.ts. */
export interface GuildNav {
  entries: readonly NavEntry[];
}

/**
 * The locals every guild page hands the layout besides its own view model: the title, the guild
 * navigation (partials/guild-nav) with the current page marked, and the time-zone note.
 */
export function guildPageLocals(
  res: Response,
  active: string,
  title: string,
  ctx: PresentContext,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const guild = res.locals.guild!;
  return {
    title,
    guildNav: {
      guildId: guild.id,
      guildName: guild.name,
      active,
      items: (res.app.locals.guildNav as GuildNav | undefined)?.entries ?? [],
    },
    zoneNote: res.locals.t('web.dates.zone', { zone: ctx.timeZone }),
    ...extra,
  };
}

/** The visitor's language and the guild's time zone (GuildSettings; Asia/Tokyo by default). */
export async function guildContext(
  res: Response,
  reads: GuildReads,
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
