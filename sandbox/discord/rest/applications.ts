/**
 * Application commands: global (`/applications/:app/commands`) and per guild
 * (`/applications/:app/guilds/:guild/commands`), validated as Discord validates them and kept in a
 * registry per emulator so the drivers can type a registered slash command.
 */
import type { InteractionContextType } from 'discord-api-types/v10';
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
} from 'discord-api-types/v10';
import { Errors, errorTree } from '../errors.js';
import { validateCommand, type Issue } from '../validation/commands.js';
import type { Router, RouteRequest } from '../router.js';
import { snowflake } from '../snowflake.js';
import type { DiscordState } from '../state/state.js';

type Json = Record<string, unknown>;

const MAX_GLOBAL_CHAT_INPUT = 100;

/** The commands of one emulator: global ones (guildId undefined) and guild ones. */
export class CommandRegistry {
  private readonly commands = new Map<string, APIApplicationCommand>();

  /** Every command, global and guild. */
  all(): APIApplicationCommand[] {
    return [...this.commands.values()];
  }

  list(applicationId: string, guildId?: string): APIApplicationCommand[] {
    return [...this.commands.values()].filter(
      (c) => c.application_id === applicationId && c.guild_id === guildId,
    );
  }

  get(applicationId: string, commandId: string, guildId?: string): APIApplicationCommand {
    const command = this.commands.get(commandId);
    if (!command || command.application_id !== applicationId || command.guild_id !== guildId) {
      throw Errors.unknownApplicationCommand();
    }
    return command;
  }

  /** The command a person would see in `guildId`: a guild command wins over a global one of the same name. */
  findByName(
    applicationId: string,
    name: string,
    guildId?: string,
    type: ApplicationCommandType = ApplicationCommandType.ChatInput,
  ): APIApplicationCommand | undefined {
    const all = [...this.commands.values()].filter(
      (c) => c.application_id === applicationId && c.name === name && c.type === type,
    );
    return (
      all.find((c) => guildId !== undefined && c.guild_id === guildId) ??
      all.find((c) => c.guild_id === undefined)
    );
  }

  /** Creates or (same name and type) replaces a command, keeping its id as Discord does. */
  upsert(applicationId: string, guildId: string | undefined, body: Json): APIApplicationCommand {
    const type = (body.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const existing = this.list(applicationId, guildId).find((c) => c.name === body.name && c.type === type);
    const command = buildCommand(applicationId, guildId, body, existing?.id);
    this.commands.set(command.id, command);
    return command;
  }

  /** Replaces every command of the scope (bulk overwrite). */
  overwrite(applicationId: string, guildId: string | undefined, bodies: Json[]): APIApplicationCommand[] {
    const kept = new Map(this.list(applicationId, guildId).map((c) => [`${c.type}:${c.name}`, c.id]));
    for (const c of this.list(applicationId, guildId)) this.commands.delete(c.id);
    return bodies.map((body) => {
      const type = (body.type as number | undefined) ?? ApplicationCommandType.ChatInput;
      const command = buildCommand(applicationId, guildId, body, kept.get(`${type}:${String(body.name)}`));
      this.commands.set(command.id, command);
      return command;
    });
  }

  update(
    applicationId: string,
    guildId: string | undefined,
    commandId: string,
    patch: Json,
  ): APIApplicationCommand {
    const current = this.get(applicationId, commandId, guildId);
    const merged = { ...current, ...patch, type: current.type } as Json;
    const command = buildCommand(applicationId, guildId, merged, current.id);
    this.commands.set(command.id, command);
    return command;
  }

  delete(applicationId: string, guildId: string | undefined, commandId: string): void {
    this.get(applicationId, commandId, guildId);
    this.commands.delete(commandId);
  }
}

const registries = new WeakMap<DiscordState, CommandRegistry>();

/** The command registry of an emulator (created on first use). */
export function commandsOf(state: DiscordState): CommandRegistry {
  let registry = registries.get(state);
  if (!registry) registries.set(state, (registry = new CommandRegistry()));
  return registry;
}

function buildCommand(
  applicationId: string,
  guildId: string | undefined,
  body: Json,
  id?: string,
): APIApplicationCommand {
  const type = (body.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
  const chatInput = type === ApplicationCommandType.ChatInput;
  const permissions = body.default_member_permissions;
  return {
    id: id ?? snowflake(),
    application_id: applicationId,
    version: snowflake(),
    default_member_permissions:
      permissions === undefined || permissions === null ? null : String(permissions),
    type,
    name: body.name as string,
    name_localizations: (body.name_localizations as APIApplicationCommand['name_localizations']) ?? null,
    description: chatInput ? (body.description as string) : '',
    description_localizations:
      (body.description_localizations as APIApplicationCommand['description_localizations']) ?? null,
    ...(guildId
      ? { guild_id: guildId }
      : { dm_permission: (body.dm_permission as boolean | undefined) ?? true }),
    ...(Array.isArray(body.options) && body.options.length
      ? { options: body.options as APIApplicationCommandOption[] }
      : {}),
    nsfw: (body.nsfw as boolean | undefined) ?? false,
    integration_types: (body.integration_types as ApplicationIntegrationType[] | undefined) ?? [
      ApplicationIntegrationType.GuildInstall,
    ],
    contexts: (body.contexts as InteractionContextType[] | null | undefined) ?? null,
  };
}

/**
 * The built-in fallbacks when the requester's locale has no text (discord-api-docs,
 * application-commands "Locale fallbacks"): en-US and en-GB stand in for each other, es-ES for es-419.
 */
const LOCALE_FALLBACKS: Readonly<Record<string, string>> = {
  'en-US': 'en-GB',
  'en-GB': 'en-US',
  'es-419': 'es-ES',
};

/**
 * Listing without `with_localizations=true` leaves out the localization dictionaries and gives
 * `name_localized` / `description_localized` in the requester's locale instead, where one exists,
 * else its fallback's (discord-api-docs, application-commands "Retrieving localized commands",
 * "Locale fallbacks"). The docs' example shows a command and its options only: that choices get a
 * `name_localized` too is the emulator's assumption, not observed on Discord.
 */
function withoutLocalizations<T extends object>(item: T, locale: string | undefined): T {
  const copy = { ...item } as Record<string, unknown>;
  for (const key of ['name', 'description'] as const) {
    const table = copy[`${key}_localizations`] as Record<string, string> | null | undefined;
    delete copy[`${key}_localizations`];
    const fallback = locale ? LOCALE_FALLBACKS[locale] : undefined;
    const text = locale ? (table?.[locale] ?? (fallback ? table?.[fallback] : undefined)) : undefined;
    if (text !== undefined) copy[`${key}_localized`] = text;
  }
  for (const nested of ['options', 'choices'])
    if (Array.isArray(copy[nested]))
      copy[nested] = (copy[nested] as object[]).map((o) => withoutLocalizations(o, locale));
  return copy as T;
}

/**
 * The requester's locale: "the `X-Discord-Locale` header, then the `Accept-Language` header if not
 * present, then lastly the user settings locale" (same section); a bot has no settings locale here.
 */
function requesterLocale(req: RouteRequest): string | undefined {
  const header = (name: string) => {
    const value = req.headers[name];
    return (Array.isArray(value) ? value[0] : value)?.trim();
  };
  return header('x-discord-locale') || preferredLanguage(header('accept-language')) || undefined;
}

/**
 * The Accept-Language tag of the highest weight (RFC 9110 §12.5.4: `q` defaults to 1, 0 means
 * not acceptable; among equal weights the first listed), `*` left out.
 */
function preferredLanguage(value: string | undefined): string | undefined {
  const ranked = (value ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';').map((x) => x.trim());
      const q = params.find((p) => /^q=/i.test(p));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked[0]?.tag;
}

function fail(issues: Issue[]): void {
  if (issues.length) throw Errors.invalidFormBody(errorTree(issues));
}

/** Only the application's own bot may manage its commands (Discord: 403 50001 / 10002 otherwise). */
function scope(req: RouteRequest): { app: string; guildId: string | undefined; registry: CommandRegistry } {
  const app = req.params.applicationId!;
  if (req.auth.kind !== 'bot' || req.auth.user.id !== app) {
    if (req.auth.kind === 'bot') throw Errors.unknownApplication();
    throw Errors.missingAccess();
  }
  const guildId = req.params.guildId;
  if (guildId) {
    const guild = req.emu.state.guilds.get(guildId);
    // A bot that is not in the guild cannot hold commands there.
    if (!guild.members.has(app)) throw Errors.missingAccess();
  }
  return { app, guildId, registry: commandsOf(req.emu.state) };
}

function bulk(req: RouteRequest) {
  const { app, guildId, registry } = scope(req);
  if (!Array.isArray(req.body))
    throw Errors.invalidFormBody(
      errorTree([{ path: [], code: 'BASE_TYPE_LIST', message: 'Must be a list' }]),
    );
  const bodies = req.body as Json[];
  const issues = bodies.flatMap((b, i) => validateCommand(b, [i]));
  const seen = new Set<string>();
  bodies.forEach((b, i) => {
    const key = `${String(b.type ?? 1)}:${String(b.name)}`;
    if (seen.has(key))
      issues.push({
        path: [i, 'name'],
        code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
        message: 'Application command names must be unique',
      });
    seen.add(key);
  });
  if (bodies.filter((b) => (b.type ?? 1) === 1).length > MAX_GLOBAL_CHAT_INPUT) {
    issues.push({
      path: [],
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${MAX_GLOBAL_CHAT_INPUT} or fewer in length.`,
    });
  }
  fail(issues);
  return { body: registry.overwrite(app, guildId, bodies) };
}

function create(req: RouteRequest) {
  const { app, guildId, registry } = scope(req);
  fail(validateCommand(req.body));
  const body = req.body as Json;
  const existed = registry
    .list(app, guildId)
    .some((c) => c.name === body.name && c.type === (body.type ?? 1));
  // Discord answers 201 for a new command and 200 when the name already existed (an update).
  return { status: existed ? 200 : 201, body: registry.upsert(app, guildId, body) };
}

function patch(req: RouteRequest) {
  const { app, guildId, registry } = scope(req);
  const current = registry.get(app, req.params.commandId!, guildId);
  const merged = { ...current, ...(req.body as Json), type: current.type };
  fail(validateCommand(merged));
  return { body: registry.update(app, guildId, current.id, req.body as Json) };
}

/** Registers the application-command routes. */
export function register(router: Router): void {
  for (const base of [
    '/applications/:applicationId/commands',
    '/applications/:applicationId/guilds/:guildId/commands',
  ]) {
    router.route('GET', base, (req) => {
      const { app, guildId, registry } = scope(req);
      const full = req.query.get('with_localizations') === 'true';
      const locale = full ? undefined : requesterLocale(req);
      return { body: registry.list(app, guildId).map((c) => (full ? c : withoutLocalizations(c, locale))) };
    });
    router.route('PUT', base, bulk);
    router.route('POST', base, create);
    router.route('GET', `${base}/:commandId`, (req) => {
      const { app, guildId, registry } = scope(req);
      return { body: registry.get(app, req.params.commandId!, guildId) };
    });
    router.route('PATCH', `${base}/:commandId`, patch);
    router.route('DELETE', `${base}/:commandId`, (req) => {
      const { app, guildId, registry } = scope(req);
      registry.delete(app, guildId, req.params.commandId!);
    });
  }
}
