/**
 * A person typing into an autocomplete option of a slash command: the Discord client sends an
 * APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4) with the options filled so far and the one
 * being typed marked `focused: true` (discord-api-docs, application-commands "Autocomplete"). The
 * bot answers with callback type 8 and at most 25 choices (rest/interactions.ts checks them).
 */
import {
  ApplicationCommandType,
  InteractionType,
  type APIInteractionDataResolved,
} from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import type { InteractionRecord } from '../rest/interactions.js';
import { dispatchInteraction } from './dispatch.js';
import { invocableCommand } from './interactions.js';
import { buildOptions } from './resolve.js';
import type { ActOptions, SlashOptions } from './types.js';

/**
 * `userId` types `typed` into option `option` of `/name` ("relay nominate"), with `options` the
 * other options already filled. `guildId` null = in the DM with the bot.
 */
export function typeInOption(
  emu: EmulatorContext,
  guildId: string | null,
  channelId: string | null,
  userId: string,
  name: string,
  option: string,
  typed: string,
  options: SlashOptions = {},
  act: ActOptions = {},
): InteractionRecord {
  const { command, path, where } = invocableCommand(emu, guildId, channelId, userId, name);
  const resolved: APIInteractionDataResolved = {};
  const built = buildOptions(emu, command.options ?? [], path, options, guildId, resolved, {
    name: option,
    typed,
  });
  const data = {
    id: command.id,
    name: command.name,
    type: ApplicationCommandType.ChatInput,
    version: command.version,
    options: built,
    ...(Object.keys(resolved).length ? { resolved } : {}),
    ...(command.guild_id ? { guild_id: command.guild_id } : {}),
  };
  return dispatchInteraction(emu, InteractionType.ApplicationCommandAutocomplete, data, where, userId, act);
}
