/**
 * Test fixture: the Discord emulator with a seeded guild, and the real bot started through
 * startBot() against it (mongoose must already be connected: use useMongoose()).
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../../shared/config.js';
import { startBot, type RunningBot, type StartBotDeps } from '../../../bot/start-bot.js';
import { deployCommands } from '../../../bot/deploy-commands.js';
import { ALL_COMMANDS as shippedCommands } from '../../../bot/features.js';
import {
  seedGuild,
  startDiscordEmulator,
  type DiscordEmulator,
  type DiscordEmulatorOptions,
  type SeedGuildOptions,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';
import { driversFor, type Drivers } from '../../../sandbox/discord/drivers.js';

export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** A pino logger that keeps every line (level debug and up) for assertions. */
export function capturingLogger() {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

export interface BotWorld {
  emu: DiscordEmulator;
  seeded: SeededGuild;
  drivers: Drivers;
  logs: LogLine[];
  /** The running bot (absent after a start-up failure). */
  bot: RunningBot;
  /** A member of the seeded guild to act as. */
  memberId: string;
  stop(): Promise<void>;
}

export interface WorldOptions {
  emulator?: DiscordEmulatorOptions;
  seed?: SeedGuildOptions;
  bot?: Partial<StartBotDeps>;
  /** Register the commands in the seeded guild (default true). */
  deploy?: boolean;
  /** Changes the emulated world after seeding, before the bot logs in. */
  beforeStart?: (emu: DiscordEmulator, seeded: SeededGuild) => void;
}

/** Starts the emulator, seeds a guild, deploys the commands and starts the bot. */
export async function startWorld(options: WorldOptions = {}): Promise<BotWorld> {
  const emu = await startDiscordEmulator({ logger: pino({ level: 'silent' }), ...options.emulator });
  const { logger, lines } = capturingLogger();
  try {
    const seeded = seedGuild(emu.state, { name: 'Acme アルムナイ', memberCount: 5, ...options.seed });
    options.beforeStart?.(emu, seeded);
    if (options.deploy ?? true) {
      await deployCommands({
        token: emu.botToken,
        applicationId: emu.application.id,
        guildId: seeded.guild.id,
        restApi: emu.restBase,
        commands: options.bot?.commands ?? shippedCommands,
      });
    }
    const bot = await startBot({
      token: emu.botToken,
      restApi: emu.restBase,
      config: loadConfig({ NODE_ENV: 'test', DEFAULT_LOCALE: 'ja', PUBLIC_URL: 'http://127.0.0.1:3000' }),
      logger,
      version: '9.9.9-test',
      ...options.bot,
    });
    return {
      emu,
      seeded,
      drivers: driversFor(emu),
      logs: lines,
      bot,
      memberId: seeded.members[0]!.id,
      async stop() {
        await bot.stop();
        await emu.stop();
      },
    };
  } catch (error) {
    await emu.stop();
    throw Object.assign(error as Error, { logs: lines });
  }
}
