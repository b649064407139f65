import type { Command, CommandRegistry } from './command.js';
import { localizeCommandBody } from './localize.js';

/** Indexes commands by name; a duplicate name is a programming error and stops start-up. */
export function buildCommandRegistry(commands: readonly Command[]): CommandRegistry {
  const registry = new Map<string, Command>();
  for (const command of commands) {
    const { name } = command.data;
    if (registry.has(name)) throw new Error(`duplicate slash command name: ${name}`);
    registry.set(name, command);
  }
  return registry;
}

/**
 * The JSON bodies Discord's bulk-overwrite endpoint takes, every name localized in Japanese
 * from the catalogues (the one place that happens, so no command file has to).
 */
export function commandPayloads(commands: Iterable<Command>): ReturnType<Command['data']['toJSON']>[] {
  return [...commands].map((command) => localizeCommandBody(command.data.toJSON()));
}
