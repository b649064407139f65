import type { Catalogue } from '../index.js';

/** The web dashboard (web/): pages, navigation and error pages. */
export const enWeb: Catalogue = {
  'web.login.title': 'Log in',
  'web.login.heading': 'Log in to the Tsunagu dashboard',
  'web.login.intro': 'Sign in with your Discord account to manage your alumni community.',
  'web.login.button': 'Log in with Discord',
  'web.login.permissionsHint':
    'Available to members with the Manage Server permission or the moderator/organiser role set in Tsunagu.',
  'web.login.denied': 'Login was cancelled on Discord. Try again whenever you are ready.',
  'web.nav.language': 'Language',
  'web.nav.languageApply': 'Change',
  'web.nav.logout': 'Log out',
  'web.guilds.title': 'Your servers',
  'web.guilds.heading': 'Choose a server',
  'web.guilds.empty':
    'No server to show. Tsunagu must be in the server, and you need Manage Server or the moderator/organiser role there.',
  'web.guilds.back': '← All servers',
  'web.overview.members': 'Members',
  'web.overview.unknown': 'Unknown',
  'web.health.heading': 'Bot health',
  'web.health.none': 'The bot has not reported its checks yet.',
  'web.health.ok': 'Everything the bot needs is in place.',
  'web.health.problems': 'The bot is missing something it needs:',
  'web.health.sectionOk': 'No problems found.',
  'web.health.checkedAt': 'Checked {time}',
  'web.health.scope.guild': 'In this server',
  'web.health.scope.global': 'The bot as a whole',
  'web.health.problem.missing-permission': 'Missing permission: {subject}',
  'web.health.problem.role-hierarchy': 'The bot’s role must be above the role {subject} to assign it',
  'web.health.problem.disallowed-intent':
    'Privileged intent not enabled in the Discord Developer Portal: {subject}',
  'web.health.problem.startup-failed': 'The bot could not start: {subject}',
  'web.health.problem.other': 'Problem: {subject}',
  'web.error.title.400': 'Bad request',
  'web.error.title.401': 'Please log in',
  'web.error.title.403': 'Access denied',
  'web.error.title.404': 'Page not found',
  'web.error.title.429': 'Too many requests',
  'web.error.title.500': 'Something went wrong',
  'web.error.badRequest': 'The request could not be understood. Please go back and try again.',
  'web.error.unauthorized': 'Please log in to continue.',
  'web.error.forbidden': 'You do not have permission to view this page.',
  'web.error.guildForbidden':
    'You cannot manage this server. You need Manage Server or the moderator/organiser role in it, and Tsunagu must be in it.',
  'web.error.notFound': 'This page does not exist.',
  'web.error.upstream': 'Discord did not answer as expected. Please try again in a moment.',
  'web.error.csrf':
    'This form has expired or did not come from this site. Please reload the page and try again.',
  'web.error.oauthState': 'The login could not be verified (it may have expired). Please log in again.',
  'web.error.oauthCode': 'Discord did not return a login code. Please log in again.',
  'web.error.home': 'Back to the start page',
};
