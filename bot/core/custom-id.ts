/** Separator between a custom id's family prefix and its arguments: `prefix:arg1:arg2`. */
export const SEPARATOR = ':';
/** Discord's limit for custom_id. */
export const MAX_CUSTOM_ID_LENGTH = 100;

export interface ParsedCustomId {
  prefix: string;
  args: string[];
}

/**
 * Builds `prefix:arg1:arg2`. Ids are stored in messages and must survive restarts, so they
 * carry everything the handler needs (e.g. a panel id), never an in-memory reference.
 */
export function customId(prefix: string, ...args: (string | number)[]): string {
  for (const part of [prefix, ...args.map(String)]) {
    if (part.includes(SEPARATOR)) throw new Error(`custom id part must not contain "${SEPARATOR}": ${part}`);
  }
  if (prefix === '') throw new Error('custom id prefix must not be empty');
  const id = [prefix, ...args].join(SEPARATOR);
  if (id.length > MAX_CUSTOM_ID_LENGTH) {
    throw new Error(`custom id longer than ${MAX_CUSTOM_ID_LENGTH} characters: ${id}`);
  }
  return id;
}

/** Splits a custom id into its family prefix and arguments. */
export function parseCustomId(id: string): ParsedCustomId {
  const [prefix = '', ...args] = id.split(SEPARATOR);
  return { prefix, args };
}
