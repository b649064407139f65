/**
 * `npm run emulator [-- --port 8790 --members 20]`: the Discord emulator on its own, with a seeded
 * guild, printing what a bot, a dashboard or a script needs to talk to it. Stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { startDiscordEmulator, seedGuild } from './index.js';
import { oauth2Of } from './oauth2.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8790' },
    members: { type: 'string', default: '20' },
    name: { type: 'string', default: 'Acme アルムナイ' },
  },
});

const config = loadConfig({ ...process.env, DISCORD_TOKEN: undefined });
const logger = createLogger(config.logLevel, 'discord-emulator');
const emu = await startDiscordEmulator({ port: Number(values.port), logger });
const seeded = seedGuild(emu.state, { name: values.name, memberCount: Number(values.members) });
// Dashboard logins go through as the guild's owner unless a request names someone else (login_as).
oauth2Of(emu.state).defaultUserId = seeded.owner.id;

const lines = [
  'Discord emulator is running',
  `  REST base (discord.js rest.api): ${emu.restBase}`,
  `  Gateway URL:                     ${emu.gatewayUrl}`,
  `  Bot token:                       ${emu.botToken}`,
  `  Application id / client id:      ${emu.application.id}`,
  `  Client secret:                   ${emu.application.clientSecret}`,
  `  OAuth2 authorize:                ${emu.baseUrl}/oauth2/authorize (logs in as ${seeded.owner.username} ${seeded.owner.id})`,
  `  Control API:                     ${emu.baseUrl}/_emulator/state (see sandbox/discord/README-control-api.md)`,
  `  Discord view:                    ${emu.baseUrl}/_emulator/view`,
  `  Seeded guild:                    ${seeded.guild.name} (${seeded.guild.id}), ${seeded.members.length} members`,
  'Ctrl+C stops it.',
];
process.stdout.write(`${lines.join('\n')}\n`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping the Discord emulator');
  await emu.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
