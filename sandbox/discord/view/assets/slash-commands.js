/**
 * The slash commands a person can type, as the Discord client lists them: each command, or each
 * of its subcommands ("/setup channels"), with its name and description in the view's language.
 */
import { lang, localized } from './i18n.js';

const SUBCOMMAND = 1;
const GROUP = 2;
const CHAT_INPUT = 1;
const GUILD = 0;
const BOT_DM = 1;

/**
 * Whether a command is offered here: chat-input commands, in guilds or in the DM with the bot
 * according to their contexts (or the older dm_permission).
 * @param {any} command
 * @param {boolean} inGuild
 */
export function offeredHere(command, inGuild) {
  if ((command.type ?? CHAT_INPUT) !== CHAT_INPUT) return false;
  if (command.contexts) return command.contexts.includes(inGuild ? GUILD : BOT_DM);
  return inGuild || (!command.guild_id && command.dm_permission !== false);
}

/**
 * One entry per thing a person can run: `path` is what the emulator is told ("setup channels"),
 * `label` what the client shows ("/セットアップ チャンネル" in Japanese).
 * @param {any[]} commands
 * @param {boolean} inGuild
 */
export function slashEntries(commands, inGuild) {
  const out = [];
  for (const command of commands.filter((c) => offeredHere(c, inGuild))) {
    const base = { path: [command.name], label: [localized(command, 'name')] };
    const subs = (command.options ?? []).filter((o) => o.type === SUBCOMMAND || o.type === GROUP);
    if (!subs.length) {
      out.push(entry(base, command, command.options ?? []));
      continue;
    }
    for (const sub of subs) {
      const level = { path: [...base.path, sub.name], label: [...base.label, localized(sub, 'name')] };
      if (sub.type === SUBCOMMAND) out.push(entry(level, sub, sub.options ?? []));
      else
        for (const leaf of (sub.options ?? []).filter((o) => o.type === SUBCOMMAND))
          out.push(
            entry(
              { path: [...level.path, leaf.name], label: [...level.label, localized(leaf, 'name')] },
              leaf,
              leaf.options ?? [],
            ),
          );
    }
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, lang()));
}

function entry(level, described, options) {
  return {
    path: level.path.join(' '),
    label: `/${level.label.join(' ')}`,
    description: localized(described, 'description'),
    options,
  };
}

/**
 * Turns the form's strings into the values Discord sends (numbers, booleans); empty = left out.
 * @param {any[]} options the option definitions
 * @param {Record<string, string>} raw
 */
export function optionValues(options, raw) {
  const out = {};
  for (const o of options) {
    const value = raw[o.name];
    if (value === undefined || value === '') continue;
    if (o.type === 4 || o.type === 10) out[o.name] = Number(value);
    else if (o.type === 5) out[o.name] = value === 'true';
    else out[o.name] = value;
  }
  return out;
}
