/** Finding the message and component a person acts on, and filling in a modal's fields. */
import { ComponentType, type APIMessage } from 'discord-api-types/v10';
import type { DiscordState } from '../state/state.js';
import { findEphemeral } from '../rest/interactions.js';
import { DriverError } from './types.js';

/** Any message a person can see: an ephemeral reply (theirs) or one in a channel. */
export function findMessage(state: DiscordState, messageId: string): APIMessage {
  const ephemeral = findEphemeral(state, messageId);
  if (ephemeral) return ephemeral;
  for (const bucket of state.data.messages.values()) {
    const message = bucket.get(messageId);
    if (message) return message;
  }
  throw new DriverError(`Unknown message ${messageId}`);
}

/** The enabled component `customId` on a message (nested in rows, sections and containers). */
export function findComponent(
  state: DiscordState,
  messageId: string,
  customId: string,
): { message: APIMessage; component: Record<string, unknown> } {
  const message = findMessage(state, messageId);
  const found = searchComponents(message.components ?? [], customId);
  if (!found) throw new DriverError(`Message ${messageId} has no component ${customId}`);
  if (found.disabled) throw new DriverError(`Component ${customId} is disabled`);
  return { message, component: found };
}

function searchComponents(list: unknown[], customId: string): Record<string, unknown> | undefined {
  for (const raw of list) {
    const c = raw as Record<string, unknown>;
    if (c.custom_id === customId) return c;
    for (const key of ['components', 'component', 'accessory']) {
      const inner = c[key];
      const found = Array.isArray(inner)
        ? searchComponents(inner, customId)
        : inner
          ? searchComponents([inner], customId)
          : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** One top-level modal component as submitted: text inputs get their values, checked like the client does. */
export function fillModalRow(
  row: Record<string, unknown>,
  fields: Record<string, string>,
): Record<string, unknown> {
  const fill = (input: Record<string, unknown>) => {
    const id = input.custom_id as string;
    const value = fields[id] ?? '';
    if (input.required !== false && value === '') throw new DriverError(`Modal field ${id} is required`);
    const maxLength = (input.max_length as number | undefined) ?? 4000;
    const minLength = (input.min_length as number | undefined) ?? 0;
    if (value.length > maxLength || (value !== '' && value.length < minLength)) {
      throw new DriverError(`Modal field ${id} takes ${minLength}..${maxLength} characters`);
    }
    return { type: ComponentType.TextInput, id: input.id, custom_id: id, value };
  };
  if (row.type === ComponentType.ActionRow) {
    return {
      type: ComponentType.ActionRow,
      id: row.id,
      components: (row.components as Record<string, unknown>[]).map(fill),
    };
  }
  if (row.type === ComponentType.Label)
    return {
      type: ComponentType.Label,
      id: row.id,
      component: fill(row.component as Record<string, unknown>),
    };
  if (row.type === ComponentType.TextDisplay) return { type: ComponentType.TextDisplay, id: row.id };
  throw new DriverError(
    `Modal component type ${String(row.type)} is not supported by the emulator's drivers`,
  );
}
