import type { GuildHooks } from '../../context.js';
import { getGuildSettings } from '../../../shared/services/guild-settings.service.js';

/**
 * Guild hooks backed by the stored guild settings: the configured locale, and the roles the bot
 * grants (alumni, introduced, newcomer) so the start-up checks verify the role hierarchy.
 */
export const connectGuildHooks: GuildHooks = {
  async locale(guildId) {
    return (await getGuildSettings(guildId)).locale;
  },
  async rolesToGrant(guildId) {
    const { roles } = await getGuildSettings(guildId);
    return [roles.alumni, roles.introduced, roles.newcomer].filter((id): id is string => !!id);
  },
};
