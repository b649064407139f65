/** The bot core: /about, permissions, command errors, health. */
export const botEn = {
  'bot.command.about.description': 'About Tsunagu: version, servers, latency and links',
  'bot.about.title': 'About Tsunagu',
  'bot.about.description':
    'Tsunagu keeps your alumni network connected: welcome, introductions and voice mixers.',
  'bot.about.version': 'Version',
  'bot.about.guilds': 'Servers',
  'bot.about.latency': 'Latency',
  'bot.about.latencyValue': '{ms} ms',
  'bot.about.latencyUnknown': 'measuring…',
  'bot.about.links': 'Links',
  'bot.about.dashboard': 'Dashboard',
  'bot.about.noDashboard': 'No dashboard URL is configured.',
  'bot.about.refresh': 'Refresh',
  'bot.about.updatedAt': 'Updated {time}',
  'bot.error.missingPermission':
    'I am missing a permission for that in this server. Please ask an organiser to check my role and its permissions.',
  'bot.error.dmClosed':
    'I could not send you a direct message. Please allow direct messages from server members and try again.',
  'bot.error.unknownTarget': 'That channel, member, role or message no longer exists.',
  'bot.error.invalidContent':
    'Discord did not accept that content (too long or invalid). Please shorten it and try again.',
  'bot.error.unknownCommand': 'This command is not available any more.',
  'bot.error.expiredComponent': 'This button or menu is no longer active.',
  'bot.error.guildOnly': 'This only works inside a server.',
  'bot.error.discordUnavailable': 'Discord is not responding right now. Please try again in a moment.',
  'bot.health.ok': 'All checks passed',
  'bot.health.missingPermission': 'Missing permission: {permission}',
  'bot.health.roleHierarchy': 'My highest role is below the role {role}, so I cannot grant it',
  'bot.health.disallowedIntent':
    'The privileged intent "{intent}" is not enabled. Enable it in the Developer Portal → your application → Bot → Privileged Gateway Intents.',
  'bot.health.startupFailed': 'The bot could not start: {reason}',
  'bot.permission.ManageRoles': 'Manage Roles',
  'bot.permission.SendMessages': 'Send Messages',
  'bot.permission.EmbedLinks': 'Embed Links',
  'bot.permission.MoveMembers': 'Move Members',
  'bot.permission.ManageChannels': 'Manage Channels',
  'bot.permission.CreateInstantInvite': 'Create Invite',
  'bot.permission.ManageGuild': 'Manage Server',
  'bot.permission.ManageEvents': 'Manage Events',
  'bot.permission.ViewChannel': 'View Channels',
  'bot.command.about.name': 'about',
} as const;
