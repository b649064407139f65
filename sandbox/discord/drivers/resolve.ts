/** Slash-command options as Discord sends them, with `resolved` users, members, roles and channels. */
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIInteractionDataResolved,
} from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import { serializeUser } from '../state/serialize.js';
import { permissionsFor } from './permissions.js';
import { DriverError, type SlashOptions } from './types.js';

/** Adds a user (and, in a guild, the member with its permissions) to `resolved`. */
export function resolveUser(
  emu: EmulatorContext,
  userId: string,
  guildId: string | null,
  resolved: APIInteractionDataResolved,
): void {
  const state = emu.state;
  const user = state.users.get(userId);
  resolved.users = { ...resolved.users, [userId]: serializeUser(user) };
  const member = guildId ? state.members.find(guildId, userId) : undefined;
  if (guildId && member) {
    const { user: _user, ...partial } = state.members.toApi(member);
    const permissions = permissionsFor(state, guildId, userId).toString();
    resolved.members = { ...resolved.members, [userId]: { ...partial, permissions } as never };
  }
}

/** Adds a role to `resolved` (roles exist only in guilds). */
export function resolveRole(
  emu: EmulatorContext,
  roleId: string,
  guildId: string | null,
  resolved: APIInteractionDataResolved,
): void {
  if (!guildId) throw new DriverError('Roles exist only in guilds');
  resolved.roles = { ...resolved.roles, [roleId]: { ...emu.state.roles.get(guildId, roleId) } };
}

/** Adds a partial channel, with the bot's permissions in it, to `resolved`. */
export function resolveChannel(
  emu: EmulatorContext,
  channelId: string,
  resolved: APIInteractionDataResolved,
): void {
  const channel = emu.state.channels.get(channelId);
  const api = emu.state.channels.toApi(channel) as unknown as Record<string, unknown>;
  const permissions = channel.guildId
    ? permissionsFor(emu.state, channel.guildId, emu.botUser.id, channel.id).toString()
    : '0';
  resolved.channels = {
    ...resolved.channels,
    [channelId]: {
      id: channel.id,
      name: channel.name,
      type: channel.type,
      permissions,
      parent_id: api.parent_id,
    } as never,
  };
}

/** A mentionable is a user when one has that id, else a role. */
export function resolveMentionable(
  emu: EmulatorContext,
  id: string,
  guildId: string | null,
  resolved: APIInteractionDataResolved,
): void {
  if (emu.state.users.find(id)) resolveUser(emu, id, guildId, resolved);
  else resolveRole(emu, id, guildId, resolved);
}

/** The option a person is typing into, for an autocomplete interaction: its name and raw text. */
export interface FocusedInput {
  name: string;
  typed: string;
}

/**
 * Builds `data.options` down the subcommand `path`, checking what the Discord client would refuse:
 * unknown options, missing required ones, values outside the choices. With `focused` (an
 * autocomplete interaction) required options may still be missing, and the focused option carries
 * `focused: true` and the text typed so far, as a string whatever the option's type
 * (discord-api-docs, application-commands "Autocomplete"; the string for number options:
 * discord-api-docs issues #4338, #4956).
 */
export function buildOptions(
  emu: EmulatorContext,
  defs: APIApplicationCommandOption[],
  path: string[],
  values: SlashOptions,
  guildId: string | null,
  resolved: APIInteractionDataResolved,
  focused?: FocusedInput,
): APIApplicationCommandInteractionDataOption[] {
  const [next, ...rest] = path;
  if (next !== undefined) {
    const sub = defs.find(
      (d) =>
        d.name === next &&
        (d.type === ApplicationCommandOptionType.Subcommand ||
          d.type === ApplicationCommandOptionType.SubcommandGroup),
    );
    if (!sub) throw new DriverError(`No subcommand ${next}`);
    const inner = buildOptions(
      emu,
      (sub as { options?: APIApplicationCommandOption[] }).options ?? [],
      rest,
      values,
      guildId,
      resolved,
      focused,
    );
    return [{ type: sub.type, name: sub.name, options: inner } as APIApplicationCommandInteractionDataOption];
  }
  if (
    defs.some(
      (d) =>
        d.type === ApplicationCommandOptionType.Subcommand ||
        d.type === ApplicationCommandOptionType.SubcommandGroup,
    )
  ) {
    throw new DriverError('This command needs a subcommand: name it as "command sub"');
  }
  const unknown = Object.keys(values).filter((k) => !defs.some((d) => d.name === k));
  if (unknown.length) throw new DriverError(`Unknown option(s): ${unknown.join(', ')}`);
  if (focused) checkFocusable(defs, focused, values);
  const out: APIApplicationCommandInteractionDataOption[] = [];
  for (const def of defs) {
    if (def.name === focused?.name) {
      out.push({ type: def.type, name: def.name, value: focused.typed, focused: true } as never);
      continue;
    }
    const value = values[def.name];
    if (value === undefined) {
      if (!focused && (def as { required?: boolean }).required)
        throw new DriverError(`Option ${def.name} is required`);
      continue;
    }
    const choices = (def as { choices?: { value: unknown }[] }).choices;
    if (choices?.length && !choices.some((c) => c.value === value))
      throw new DriverError(`${String(value)} is not a choice of ${def.name}`);
    const id = String(value);
    if (def.type === ApplicationCommandOptionType.User) resolveUser(emu, id, guildId, resolved);
    if (def.type === ApplicationCommandOptionType.Role) resolveRole(emu, id, guildId, resolved);
    if (def.type === ApplicationCommandOptionType.Channel) resolveChannel(emu, id, resolved);
    if (def.type === ApplicationCommandOptionType.Mentionable) resolveMentionable(emu, id, guildId, resolved);
    out.push({ type: def.type, name: def.name, value } as APIApplicationCommandInteractionDataOption);
  }
  return out;
}

/** The client asks the bot only about an option registered with `autocomplete: true`. */
function checkFocusable(
  defs: APIApplicationCommandOption[],
  focused: FocusedInput,
  values: SlashOptions,
): void {
  const def = defs.find((d) => d.name === focused.name);
  if (!def) throw new DriverError(`Unknown option: ${focused.name}`);
  if (!(def as { autocomplete?: boolean }).autocomplete)
    throw new DriverError(`Option ${focused.name} has no autocomplete`);
  if (values[focused.name] !== undefined)
    throw new DriverError(`Option ${focused.name} is the one being typed: leave it out of the other values`);
}
