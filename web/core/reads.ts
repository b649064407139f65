/**
 * What the guild pages read, as one replaceable object: the real shared services by default
 * (each web slice contributes its reads through its descriptor), a stub in tests that need a
 * failing or fixed answer. Routes and presenters never touch models.
 * Slices add their reads to `GuildReads` by declaration merging (see web/know/reads.ts).
 */
import { getGuildSettings } from '../../shared/kernel/guild-settings.service.js';

/** The slice of GuildSettings the pages need. */
export interface GuildDisplaySettings {
  timeZone: string;
  relayEnabled: boolean;
}

/** Every read of the guild pages; the kernel's here, each slice's in its own `reads.ts`. */
export interface GuildReads {
  settings(guildId: string): Promise<GuildDisplaySettings>;
  /**
   * THE member count the dashboard shows: people in the server now, bots not counted, from
   * Discord's member list (web/core/member-names.ts, cached a minute); null when Discord
   * cannot be asked.
   */
  memberTotal(guildId: string): Promise<number | null>;
}

/** The kernel's production reads. */
export const kernelReads: Pick<GuildReads, 'settings'> = {
  async settings(guildId) {
    const settings = await getGuildSettings(guildId);
    return { timeZone: settings.timeZone, relayEnabled: settings.relay.enabled };
  },
};
