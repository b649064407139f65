/**
 * The sandbox's logger. At a terminal each line is one line, and the people a line is about are
 * named (from the emulator, which knows every simulated person), so the terminal reads like the
 * community living: "member joined through invite … · 佐藤 健太". Piped, it is the usual JSON with
 * ids only. Names never reach the bot's own logs: only this sandbox-side formatter adds them.
 */
import { pino, type LevelWithSilent, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { createLogger } from '../shared/logger.js';

/** A person's display name by user id (undefined: unknown). */
export type NameOf = (userId: string) => string | undefined;

/** The fields that hold a person's id, and how the line names them. */
const PEOPLE: [field: string, label: (name: string) => string][] = [
  ['userId', (name) => name],
  ['fromUserId', (name) => `from ${name}`],
  ['nomineeId', (name) => `nominee ${name}`],
  ['holderId', (name) => `holder ${name}`],
  ['inviterId', (name) => `invited by ${name}`],
];

/** The message with the people it is about appended by name. */
export function withNames(
  message: string,
  fields: Record<string, unknown>,
  nameOf: NameOf | undefined,
): string {
  const named = PEOPLE.flatMap(([field, label]) => {
    const id = fields[field];
    const name = typeof id === 'string' ? nameOf?.(id) : undefined;
    // A line that already names the person (the simulator's own lines) does not repeat it.
    return name && !message.includes(name) ? [label(name)] : [];
  });
  return named.length ? `${message} · ${named.join(', ')}` : message;
}

/**
 * Creates the sandbox's root logger; `names()` is read per line, so it can be wired once the
 * emulator runs. Ids, the guild id (one guild) and the fields a line already says are left out
 * at the terminal; errors keep their stack.
 */
export function sandboxLogger(
  level: LevelWithSilent,
  options: { pretty: boolean; names: () => NameOf | undefined },
): Logger {
  if (!options.pretty) return createLogger(level, 'tsunagu-sandbox');
  const stream = pretty({
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: ['pid', 'hostname', 'guildId', 'invite', 'cohort', ...PEOPLE.map(([field]) => field)].join(','),
    singleLine: true,
    sync: true,
    messageFormat: (log, messageKey) => withNames(String(log[messageKey] ?? ''), log, options.names()),
  });
  return pino({ name: 'tsunagu-sandbox', level }, stream);
}
