import { ConfigError, type Config } from '../shared/config.js';
import type { WebConfig } from './types.js';

/** The web process runs against real Discord and MongoDB only; the sandbox has its own entry. */
export function toWebConfig(config: Config): WebConfig {
  const { discord } = config;
  const missing = [
    ['MONGODB_URI', config.mongoUri],
    ['SESSION_SECRET', config.sessionSecret],
    ['PUBLIC_URL', config.publicUrl],
    ['DISCORD_TOKEN', discord.token],
    ['DISCORD_CLIENT_ID', discord.clientId],
    ['DISCORD_CLIENT_SECRET', discord.clientSecret],
  ]
    .filter(([, value]) => !value)
    .map(([name]) => `${name} is required to run the web process (use \`npm start\` for the sandbox)`);
  if (missing.length > 0) throw new ConfigError(missing);
  const publicUrl = config.publicUrl as string;
  return {
    sessionSecret: config.sessionSecret as string,
    publicUrl,
    defaultLocale: config.defaultLocale,
    timeZone: config.defaultTimeZone,
    discord: {
      clientId: discord.clientId as string,
      clientSecret: discord.clientSecret as string,
      apiBase: discord.apiBase ?? 'https://discord.com/api',
      botToken: discord.token as string,
    },
    // Heroku and most hosts terminate TLS in one proxy hop in front of the app.
    ...(publicUrl.startsWith('https:') ? { trustProxy: 1 } : {}),
  };
}
