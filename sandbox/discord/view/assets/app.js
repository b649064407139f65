/* global document, location, history, window, URLSearchParams */
/**
 * The Discord view: a Discord client for the emulator's guilds, acting as any person. Where the
 * view is (guild, channel or DMs, and who it acts as) lives in the URL's hash, so a reload or a
 * shared link opens the same place. Every change reaches it through the event feed.
 */
import { h, replace } from './dom.js';
import { onLangChange, setLang, lang, t } from './i18n.js';
import { attempt, noticeAnswer } from './actions.js';
import { chatHeader, composer, drawMessages } from './chat.js';
import { followFeed } from './feed.js';
import { setEmulatorOrigin } from './media.js';
import { memberList } from './members.js';
import { channelList, serverList } from './sidebar.js';
import { currentChannelId, loadGuild, loadMessages, loadUsers, loadWorld, view } from './state.js';
import { topBar } from './topbar.js';
import { planRefresh } from './refresh-plan.js';

const root = document.getElementById('app');
const regions = {
  top: h('div', { class: 'region-top' }),
  servers: h('div', { class: 'region-servers' }),
  sidebar: h('div', { class: 'region-sidebar' }),
  header: h('div', { class: 'region-header' }),
  messages: h('div', {
    class: 'messages',
    role: 'log',
    'aria-live': 'polite',
    dataset: { testid: 'messages' },
  }),
  composer: h('div', { class: 'region-composer' }),
  members: h('div', { class: 'region-members' }),
};

const nav = {
  openGuild: (id) => go({ place: 'guild', guildId: id, channelId: null }),
  openChannel: (id) => go({ place: 'guild', channelId: id }),
  openDms: () => go({ place: 'dm' }),
  actAs: (id) => go({ actorId: id || null }),
  created: (id) =>
    attempt(async () => {
      await loadUsers();
      await go({ actorId: id });
    }),
};

/** Moves the view somewhere and re-reads what that place shows. */
async function go(patch) {
  Object.assign(view, patch);
  if (view.place === 'guild' && !view.guildId) view.guildId = view.guilds[0]?.id ?? null;
  await attempt(loadGuild);
  if (view.place === 'guild' && view.guild) {
    const visible = view.guild.channels.filter((c) => c.type === 0 || c.type === 5);
    if (!visible.some((c) => c.id === view.channelId))
      view.channelId = (visible.find((c) => c.id === view.guild.systemChannelId) ?? visible[0])?.id ?? null;
  }
  if (!view.actorId && view.guild) view.actorId = view.guild.ownerId;
  saveHash();
  await attempt(loadMessages);
  render({ composer: true });
}

function saveHash() {
  const params = new URLSearchParams();
  if (view.place === 'dm') params.set('dm', '1');
  if (view.guildId) params.set('guild', view.guildId);
  if (view.channelId) params.set('channel', view.channelId);
  if (view.actorId) params.set('as', view.actorId);
  history.replaceState(null, '', `#${params}`);
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  return {
    place: params.has('dm') ? 'dm' : 'guild',
    guildId: params.get('guild'),
    channelId: params.get('channel'),
    actorId: params.get('as'),
  };
}

let composerFor = '';
function render({ composer: rebuild = false } = {}) {
  replace(regions.top, topBar(nav));
  replace(regions.servers, serverList(nav));
  replace(regions.sidebar, channelList(nav));
  replace(regions.header, chatHeader());
  replace(regions.members, memberList(nav));
  drawMessages(regions.messages, lang(), nav);
  // The message box keeps what is being typed unless the place or the person changed.
  const place = `${lang()}|${view.place}|${currentChannelId()}|${view.actorId}|${Boolean(view.guild?.members.some((m) => m.id === view.actorId))}`;
  if (rebuild || place !== composerFor) {
    composerFor = place;
    replace(regions.composer, composer());
  }
  root.classList.toggle('in-dms', view.place === 'dm');
}

async function refresh(wanted) {
  if (wanted.has('world')) await attempt(loadWorld);
  else if (wanted.has('users')) await attempt(loadUsers);
  if (wanted.has('world') || wanted.has('guild')) await attempt(loadGuild);
  if (wanted.has('world') || wanted.has('messages')) await attempt(loadMessages);
  render();
}

async function start() {
  setLang(lang());
  await attempt(loadWorld);
  setEmulatorOrigin(view.baseUrl);
  replace(
    root,
    regions.top,
    h(
      'div',
      { class: 'layout' },
      regions.servers,
      regions.sidebar,
      h('main', { class: 'chat' }, regions.header, regions.messages, regions.composer),
      regions.members,
    ),
  );
  root.removeAttribute('aria-busy');
  onLangChange(() => render({ composer: true }));
  window.addEventListener('hashchange', () => go(readHash()));
  followFeed((notice, wanted) => {
    noticeAnswer(notice);
    planRefresh(notice, wanted);
  }, refresh);
  await go(readHash());
  document.title = t('app.title');
}

void start();
