/**
 * People acting through interactions: slash and user commands, buttons, selects, modal submits.
 * Each checks what the Discord client would not let the person do (DriverError), then dispatches.
 */
import {
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type APIApplicationCommand,
  type APIInteractionDataResolved,
} from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import { commandsOf } from '../rest/applications.js';
import type { InteractionRecord } from '../rest/interactions.js';
import { fillModalRow, findComponent, findMessage } from './components.js';
import { dispatchInteraction, dispatchOnMessage, place, type Place } from './dispatch.js';
import { permissionsFor } from './permissions.js';
import { buildOptions, resolveChannel, resolveMentionable, resolveRole, resolveUser } from './resolve.js';
import { DriverError, type ActOptions, type SlashOptions } from './types.js';

/**
 * A person types a registered slash command. `name` may include a subcommand ("event create").
 * `guildId` null = in the DM with the bot.
 */
export function runSlashCommand(
  emu: EmulatorContext,
  guildId: string | null,
  channelId: string | null,
  userId: string,
  name: string,
  options: SlashOptions = {},
  act: ActOptions = {},
): InteractionRecord {
  const { command, path, where } = invocableCommand(emu, guildId, channelId, userId, name);
  const resolved: APIInteractionDataResolved = {};
  const built = buildOptions(emu, command.options ?? [], path, options, guildId, resolved);
  const data = {
    id: command.id,
    name: command.name,
    type: ApplicationCommandType.ChatInput,
    ...(built.length ? { options: built } : {}),
    ...(Object.keys(resolved).length ? { resolved } : {}),
    ...(command.guild_id ? { guild_id: command.guild_id } : {}),
  };
  return dispatchInteraction(emu, InteractionType.ApplicationCommand, data, where, userId, act);
}

/**
 * The registered slash command `name` ("event create": command and subcommand path) as the person
 * can invoke it there, refusing what the Discord client would not offer them.
 */
export function invocableCommand(
  emu: EmulatorContext,
  guildId: string | null,
  channelId: string | null,
  userId: string,
  name: string,
): { command: APIApplicationCommand; path: string[]; where: Place } {
  const state = emu.state;
  const [commandName, ...path] = name.trim().split(/\s+/);
  const app = emu.application.id;
  const command = commandsOf(state).findByName(app, commandName!, guildId ?? undefined);
  if (!command)
    throw new DriverError(
      `No slash command /${commandName} is registered${guildId ? ` in guild ${guildId}` : ''}`,
    );
  const where = place(emu, guildId, channelId, userId);
  if (
    !guildId &&
    (command.dm_permission === false ||
      (command.contexts && !command.contexts.includes(InteractionContextType.BotDM)))
  ) {
    throw new DriverError(`/${commandName} is not available in DMs`);
  }
  if (guildId && command.contexts && !command.contexts.includes(InteractionContextType.Guild)) {
    throw new DriverError(`/${commandName} is not available in guilds`);
  }
  if (guildId && command.default_member_permissions !== null) {
    const needed = BigInt(command.default_member_permissions!);
    if ((permissionsFor(state, guildId, userId, where.channelId) & needed) !== needed) {
      throw new DriverError(`User ${userId} cannot see /${commandName}: it needs permissions ${needed}`);
    }
  }
  return { command, path, where };
}

/** A person uses a user context-menu command ("Apps → name") on `targetId`. */
export function runUserCommand(
  emu: EmulatorContext,
  guildId: string,
  channelId: string,
  userId: string,
  name: string,
  targetId: string,
  act: ActOptions = {},
): InteractionRecord {
  const app = emu.application.id;
  const command = commandsOf(emu.state).findByName(app, name, guildId, ApplicationCommandType.User);
  if (!command) throw new DriverError(`No user command "${name}" is registered in guild ${guildId}`);
  const where = place(emu, guildId, channelId, userId);
  const resolved: APIInteractionDataResolved = {};
  resolveUser(emu, targetId, guildId, resolved);
  const data = {
    id: command.id,
    name: command.name,
    type: ApplicationCommandType.User,
    target_id: targetId,
    resolved,
    ...(command.guild_id ? { guild_id: command.guild_id } : {}),
  };
  return dispatchInteraction(emu, InteractionType.ApplicationCommand, data, where, userId, act);
}

/** A person clicks a button on a message (the bot's or an ephemeral reply). */
export function clickButton(
  emu: EmulatorContext,
  messageId: string,
  customId: string,
  userId: string,
  act: ActOptions = {},
): InteractionRecord {
  const { message, component } = findComponent(emu.state, messageId, customId);
  if (component.type !== ComponentType.Button) throw new DriverError(`${customId} is not a button`);
  const data = { custom_id: customId, component_type: ComponentType.Button };
  return dispatchOnMessage(emu, message, data, userId, act);
}

/** A person picks values in a string, user, role, channel or mentionable select menu. */
export function selectValues(
  emu: EmulatorContext,
  messageId: string,
  customId: string,
  userId: string,
  values: string[],
  act: ActOptions = {},
): InteractionRecord {
  const { message, component } = findComponent(emu.state, messageId, customId);
  const min = (component.min_values as number | undefined) ?? 1;
  const max = (component.max_values as number | undefined) ?? 1;
  if (values.length < min || values.length > max)
    throw new DriverError(`${customId} takes ${min}..${max} values, got ${values.length}`);
  const guildId = emu.state.channels.get(message.channel_id).guildId ?? null;
  const resolved: APIInteractionDataResolved = {};
  if (component.type === ComponentType.StringSelect) {
    const allowed = new Set(
      ((component.options as { value: string }[] | undefined) ?? []).map((o) => o.value),
    );
    const bad = values.filter((v) => !allowed.has(v));
    if (bad.length) throw new DriverError(`${customId} has no option(s) ${bad.join(', ')}`);
  } else if (component.type === ComponentType.UserSelect) {
    for (const id of values) resolveUser(emu, id, guildId, resolved);
  } else if (component.type === ComponentType.RoleSelect) {
    for (const id of values) resolveRole(emu, id, guildId, resolved);
  } else if (component.type === ComponentType.ChannelSelect) {
    for (const id of values) resolveChannel(emu, id, resolved);
  } else if (component.type === ComponentType.MentionableSelect) {
    for (const id of values) resolveMentionable(emu, id, guildId, resolved);
  } else {
    throw new DriverError(
      `${customId} is a component of type ${String(component.type)}, not a supported select`,
    );
  }
  const data = {
    custom_id: customId,
    component_type: component.type,
    values,
    ...(Object.keys(resolved).length ? { resolved } : {}),
  };
  return dispatchOnMessage(emu, message, data, userId, act);
}

/**
 * A person fills in and submits the modal the bot showed in answer to `source`.
 * `fields` maps text-input custom ids to values; required fields must be present.
 */
export function submitModal(
  emu: EmulatorContext,
  source: InteractionRecord,
  customId: string | undefined,
  fields: Record<string, string>,
  act: ActOptions = {},
): InteractionRecord {
  const modal = source.responses.find((e) => e.modal)?.modal;
  if (!modal) throw new DriverError(`The bot showed no modal for interaction ${source.id}`);
  if (customId !== undefined && modal.custom_id !== customId)
    throw new DriverError(`The modal is ${modal.custom_id}, not ${customId}`);
  const components = modal.components.map((row) =>
    fillModalRow(row as unknown as Record<string, unknown>, fields),
  );
  const unknown = Object.keys(fields).filter(
    (k) => !JSON.stringify(components).includes(`"custom_id":${JSON.stringify(k)}`),
  );
  if (unknown.length) throw new DriverError(`The modal has no field(s) ${unknown.join(', ')}`);
  const where = { guildId: source.guildId ?? null, channelId: source.channelId };
  const message = source.sourceMessageId ? findMessage(emu.state, source.sourceMessageId) : undefined;
  const data = { custom_id: modal.custom_id, components };
  return dispatchInteraction(
    emu,
    InteractionType.ModalSubmit,
    data,
    where,
    source.userId,
    act,
    message,
    source.id,
  );
}
