/**
 * `npm run deploy-commands [-- --guild <id>]`: registers the slash commands with Discord.
 * Guild commands (DEV_GUILD_ID or --guild) update instantly, for development; global commands
 * reach every guild. A separate script, as in the discord.js guide: start-up never re-registers.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { normalizeRestApi } from './client.js';
import { ALL_COMMANDS as commands } from './features.js';
import { commandPayloads } from './core/command-registry.js';
import type { Command } from './core/command.js';

export interface DeployOptions {
  token: string;
  applicationId: string;
  /** Register in this guild only; global when omitted. */
  guildId?: string;
  /** REST base without version (the emulator's `http://127.0.0.1:PORT/api`); default Discord. */
  restApi?: string;
  commands?: readonly Command[];
}

/** Overwrites the application's commands (guild or global) with ours; returns the names Discord now holds. */
export async function deployCommands(options: DeployOptions): Promise<string[]> {
  const rest = new REST(options.restApi ? { api: normalizeRestApi(options.restApi) } : {}).setToken(
    options.token,
  );
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const saved = (await rest.put(route, { body: commandPayloads(options.commands ?? commands) })) as {
    name: string;
  }[];
  return saved.map((command) => command.name);
}

/** Reads `--guild <id>` from argv. */
export function guildFromArgs(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--guild');
  return index >= 0 ? argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const config = loadConfig(undefined, 'deploy');
  const logger = createLogger(config.logLevel, 'deploy-commands');
  const { token, clientId, apiBase, devGuildId } = config.discord;
  if (!token || !clientId) {
    logger.fatal('DISCORD_TOKEN and DISCORD_CLIENT_ID are required to deploy commands.');
    process.exitCode = 1;
    return;
  }
  const guildId = guildFromArgs(process.argv) ?? devGuildId;
  const names = await deployCommands({
    token,
    applicationId: clientId,
    ...(guildId ? { guildId } : {}),
    ...(apiBase ? { restApi: apiBase } : {}),
  });
  logger.info(
    { names },
    guildId
      ? `deployed ${names.length} command(s) to guild ${guildId}`
      : `deployed ${names.length} global command(s)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
