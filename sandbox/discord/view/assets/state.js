/**
 * What the view knows and shows: the emulator's guilds and users, the open guild (its snapshot
 * as the acting member sees it), the open channel's messages with the acting member's ephemeral
 * replies, and who the view acts as. Loaders read the control API; helpers name people and
 * colour them as Discord does.
 */
import { get, seg } from './api.js';

/** The view's whole state; modules read it, app.js and the loaders change it. */
export const view = {
  baseUrl: '',
  botId: '',
  /** How long the bot has for its first answer (the emulator's setting; Discord: 3 s). */
  interactionResponseMs: 3000,
  guilds: [],
  users: [],
  /** 'guild' (a guild's channel) or 'dm' (the acting member's DMs). */
  place: 'guild',
  guildId: null,
  channelId: null,
  actorId: null,
  guild: null,
  commands: [],
  messages: [],
};

const bySnowflake = (a, b) => a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Lookups in what the view has read: users, the open guild's members and channels, the acting person. */
export const userById = (id) => view.users.find((u) => u.id === id);
export const memberById = (id) => view.guild?.members.find((m) => m.id === id);
export const actor = () => userById(view.actorId);
export const actorMember = () => (view.place === 'guild' ? memberById(view.actorId) : undefined);
export const channelById = (id) => view.guild?.channels.find((c) => c.id === id);

/** The emulator's summary and its users. */
export async function loadWorld() {
  const [state, users, settings] = await Promise.all([get('/state'), get('/users'), get('/settings')]);
  view.interactionResponseMs = settings.interactionResponseMs;
  view.baseUrl = state.controlApi.replace(/\/_emulator$/, '');
  view.botId = state.bot.id;
  view.guilds = state.guilds.map((g) => ({ id: g.id, name: g.name, ownerId: g.ownerId }));
  view.users = users;
}

/** Every user, with their DM channel and guilds. */
export async function loadUsers() {
  view.users = await get('/users');
}

/** The open guild as the acting member sees it (their channels). */
export async function loadGuild() {
  if (!view.guildId) return (view.guild = null);
  const as = view.actorId ? `?as=${seg(view.actorId)}` : '';
  view.guild = await get(`/guilds/${seg(view.guildId)}${as}`);
}

/** The commands the acting member may run where they are. */
export async function loadCommands() {
  const as = view.actorId ? `?as=${seg(view.actorId)}` : '';
  view.commands =
    view.place === 'guild' && view.guildId
      ? await get(`/guilds/${seg(view.guildId)}/commands${as}`)
      : await get('/commands');
}

/** The open channel: its last 100 messages and, in place, the acting member's ephemeral replies. */
export async function loadMessages() {
  const channelId = currentChannelId();
  if (!channelId) return (view.messages = []);
  const [messages, ephemeral] = await Promise.all([
    get(`/channels/${seg(channelId)}/messages?limit=100`),
    view.actorId ? get(`/users/${seg(view.actorId)}/ephemeral?channelId=${seg(channelId)}`) : [],
  ]);
  view.messages = [...messages, ...ephemeral].sort(bySnowflake);
}

/** The channel the message list shows: the guild channel, or the acting member's DM with the bot. */
export function currentChannelId() {
  return view.place === 'dm' ? (actor()?.dmChannelId ?? null) : view.channelId;
}

/** A person's name here: their nickname in the guild, else display name, else username. */
export function nameOf(user) {
  if (!user) return '?';
  const member = memberById(user.id);
  if (member) return member.displayName;
  const known = userById(user.id);
  return known?.displayName ?? user.global_name ?? user.globalName ?? user.username ?? '?';
}

/** The colour of a member's highest coloured role, as '#rrggbb', or null. */
export function colorOf(userId) {
  const member = memberById(userId);
  if (!member || !view.guild) return null;
  for (const roleId of member.roles) {
    const role = view.guild.roles.find((r) => r.id === roleId);
    if (role?.color) return `#${role.color.toString(16).padStart(6, '0')}`;
  }
  return null;
}

/** Mentions by name (markdown.js Resolver). */
export function resolver(openChannel) {
  return {
    user: (id) => (memberById(id) || userById(id) ? nameOf({ id }) : null),
    role: (id) => view.guild?.roles.find((r) => r.id === id) ?? null,
    channel: (id) => channelById(id)?.name ?? null,
    openChannel,
  };
}

/** What user/role/channel menus offer: the guild's members, roles (no @everyone) and channels. */
export function choices() {
  const g = view.guild;
  if (!g || view.place !== 'guild')
    return {
      members: view.users.filter((u) => !u.bot).map((u) => ({ id: u.id, name: u.displayName })),
      roles: [],
      channels: [],
    };
  return {
    members: g.members.map((m) => ({ id: m.id, name: m.displayName })),
    roles: g.roles.filter((r) => r.id !== g.id).map((r) => ({ id: r.id, name: r.name, color: r.color })),
    channels: g.channels.map((c) => ({ id: c.id, name: c.name, type: c.type })),
  };
}
