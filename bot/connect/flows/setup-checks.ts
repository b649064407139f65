import type { Guild, PermissionsString } from 'discord.js';
import type { GuildSettingsView } from '../../../shared/kernel/guild-settings.service.js';
import type { MessageKey } from '../../../shared/i18n/index.js';

/** One thing the bot cannot do with the current settings, as an i18n key and its variables. */
export interface SetupProblem {
  key: MessageKey;
  vars: Record<string, string>;
  /** Variables holding i18n keys, translated before use (`what` → the setting's name). */
  keyVars?: Record<string, MessageKey>;
}

/** What the bot needs in the channels it posts in. */
export const CHANNEL_PERMISSIONS = [
  'ViewChannel',
  'SendMessages',
  'EmbedLinks',
] as const satisfies readonly PermissionsString[];
/** Settings Tsunagu cannot work without (welcome, intros and the roles it grants). */
const REQUIRED_CHANNELS = ['welcome', 'introductions'] as const;
const REQUIRED_ROLES = ['alumni', 'introduced'] as const;
/** Roles the bot grants (so it must be able to): the others are only checked to exist. */
const GRANTED_ROLES = ['alumni', 'introduced', 'newcomer'] as const;

/**
 * Checks the settings against the guild as the bot sees it: each posting channel exists and
 * the bot can view, send and embed there; each granted role exists, is not managed and sits
 * below the bot's highest role, and the bot holds Manage Roles. Says plainly what is missing.
 */
export function checkSetup(guild: Guild, settings: GuildSettingsView): SetupProblem[] {
  const me = guild.members.me;
  const problems: SetupProblem[] = [];
  for (const key of REQUIRED_CHANNELS) {
    if (!settings.channels[key]) problems.push(notConfigured(`bot.connect.setup.channel.${key}`));
  }
  for (const key of REQUIRED_ROLES) {
    if (!settings.roles[key]) problems.push(notConfigured(`bot.connect.setup.role.${key}`));
  }
  for (const key of ['welcome', 'introductions', 'events'] as const) {
    const id = settings.channels[key];
    if (!id) continue;
    const channel = guild.channels.cache.get(id);
    if (!channel) {
      problems.push({
        key: 'bot.connect.setup.problem.channelMissing',
        vars: {},
        keyVars: { what: `bot.connect.setup.channel.${key}` },
      });
      continue;
    }
    const granted = me ? channel.permissionsFor(me) : null;
    for (const permission of CHANNEL_PERMISSIONS) {
      if (!granted?.has(permission)) {
        problems.push({
          key: 'bot.connect.setup.problem.channelPermission',
          vars: { channel: `<#${id}>` },
          keyVars: { permission: `bot.permission.${permission}` },
        });
      }
    }
  }
  const granted = GRANTED_ROLES.flatMap((key) =>
    settings.roles[key] ? [{ key, id: settings.roles[key] as string }] : [],
  );
  if (granted.length > 0 && me && !me.permissions.has('ManageRoles')) {
    problems.push({
      key: 'bot.connect.setup.problem.manageRoles',
      vars: {},
      keyVars: { permission: 'bot.permission.ManageRoles' },
    });
  }
  for (const key of ['alumni', 'introduced', 'newcomer', 'organiser', 'moderator'] as const) {
    const id = settings.roles[key];
    if (!id) continue;
    const role = guild.roles.cache.get(id);
    if (!role) {
      problems.push({
        key: 'bot.connect.setup.problem.roleMissing',
        vars: {},
        keyVars: { what: `bot.connect.setup.role.${key}` },
      });
      continue;
    }
    if (!(GRANTED_ROLES as readonly string[]).includes(key)) continue;
    if (role.managed)
      problems.push({ key: 'bot.connect.setup.problem.roleManaged', vars: { role: `<@&${id}>` } });
    else if (me && role.position >= me.roles.highest.position) {
      problems.push({ key: 'bot.connect.setup.problem.roleHierarchy', vars: { role: `<@&${id}>` } });
    }
  }
  return problems;
}

function notConfigured(what: MessageKey): SetupProblem {
  return { key: 'bot.connect.setup.problem.notConfigured', vars: {}, keyVars: { what } };
}
