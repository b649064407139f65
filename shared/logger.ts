import { pino, type Logger, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Context keys Tsunagu puts on child loggers. */
export interface LogContext {
  guildId?: string;
  userId?: string;
  command?: string;
  job?: string;
  /** The agenda job id and its data ids (link, mixer, event…). */
  jobId?: string;
  [id: string]: unknown;
  route?: string;
  component?: string;
}

/**
 * Creates the root logger. Only entry points call this; everything else receives a (child) logger.
 * JSON lines by default (production log drains parse them); `pretty` for a person at a terminal.
 */
export function createLogger(
  level: LevelWithSilent = 'info',
  name = 'tsunagu',
  options: { pretty?: boolean } = {},
): Logger {
  if (options.pretty) {
    const stream = pretty({
      colorize: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname',
      sync: true,
    });
    return pino({ name, level }, stream);
  }
  return pino({ name, level, base: { pid: process.pid } });
}

/** A logger that discards everything (tests). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

export function childLogger(parent: Logger, context: LogContext): Logger {
  return parent.child(context);
}
