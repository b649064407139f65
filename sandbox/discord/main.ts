/**
 * `npm run emulator [-- --port 8790 --members 20 --data-dir PATH [--reset]]`: the Discord emulator on
 * its own, with a seeded guild, printing what a bot, a dashboard or a script needs to talk to it.
 * With `--data-dir` the state (and so the bot token and every id) survives restarts and an existing
 * guild is not seeded again. Stops on SIGINT/SIGTERM.
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
    'data-dir': { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});

const config = loadConfig({ ...process.env, DISCORD_TOKEN: undefined });
const logger = createLogger(config.logLevel, 'discord-emulator');
const emu = await startDiscordEmulator({
  port: Number(values.port),
  logger,
  dataDir: values['data-dir'],
  reset: values.reset,
});
const seeded = emu.restored
  ? restoredGuild()
  : seedGuild(emu.state, { name: values.name, memberCount: Number(values.members) });
// Dashboard logins go through as the guild's owner unless a request names someone else (login_as).
oauth2Of(emu.state).defaultUserId ??= seeded.owner.id;

/** The first saved guild, described as `seedGuild` would (a restart with --data-dir seeds nothing). */
function restoredGuild() {
  const guild = emu.state.guilds.list()[0];
  if (!guild) throw new Error('the saved state has no guild; start with --reset');
  const owner = emu.state.users.get(guild.ownerId);
  // Counted as seedGuild counts them: people other than the owner and the bot.
  const members = emu.state.members
    .list(guild.id)
    .filter((m) => m.userId !== guild.ownerId && m.userId !== emu.botUser.id);
  return { guild, owner, members };
}

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
  `  ${emu.restored ? 'Saved guild: ' : 'Seeded guild:'}                    ${seeded.guild.name} (${seeded.guild.id}), ${seeded.members.length} members`,
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
