/**
 * The middle: the channel's header, its messages (the acting member's ephemeral replies among
 * them), and the message box with the slash-command picker — or, for someone who is not a member,
 * the way in through one of the guild's invites.
 */
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import * as act from './actions.js';
import { renderMessage } from './message.js';
import { slashPanel } from './slash-panel.js';
import {
  actor,
  actorMember,
  channelById,
  choices,
  colorOf,
  currentChannelId,
  loadCommands,
  nameOf,
  resolver,
  view,
} from './state.js';

/** Message nodes by id with what they were drawn from, so an update redraws only what changed. */
const drawn = new Map();
/** The channel and person the list was last drawn for: a new place starts at its newest message. */
let drawnFor = '';

/** The channel's name and topic, or the bot's name in the DMs. */
export function chatHeader() {
  if (view.place === 'dm')
    return h('header', { class: 'chat-header' }, h('h1', { text: `@${nameOf({ id: view.botId })}` }));
  const channel = channelById(view.channelId);
  return h(
    'header',
    { class: 'chat-header' },
    h('h1', { text: channel ? `# ${channel.name}` : t('chat.noChannel') }),
    channel?.topic && h('p', { class: 'topic', text: channel.topic }),
  );
}

/**
 * Redraws the message list in `list`, keeping unchanged messages (and any menu a person is
 * using in them) as they are; stays at the bottom if it was there.
 * @param {HTMLElement} list
 * @param {string} lang the view's language (dates and words in messages follow it)
 * @param {{ openChannel: (id: string) => void }} nav
 */
export function drawMessages(list, lang, nav) {
  const place = `${currentChannelId()}|${view.actorId}`;
  const atBottom = place !== drawnFor || list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  drawnFor = place;
  const ctx = {
    resolve: resolver(nav.openChannel),
    nameOf,
    colorOf,
    components: (message) => ({
      resolve: resolver(nav.openChannel),
      canAct: canAct(),
      choices: choices(),
      onButton: (c) => act.clickButton(message, c),
      onSelect: (c, values) => act.pickValues(message, c, values),
    }),
  };
  const nodes = view.messages.map((m) => {
    const key = messageKey(m, lang);
    const old = drawn.get(m.id);
    if (old?.key === key) return old.node;
    const node = renderMessage(m, ctx);
    drawn.set(m.id, { key, node });
    return node;
  });
  const shown = new Set(view.messages.map((m) => m.id));
  for (const id of drawn.keys()) if (!shown.has(id)) drawn.delete(id);
  if (!nodes.length)
    replace(list, h('p', { class: 'empty', text: currentChannelId() ? t('chat.empty') : t('dm.none') }));
  else if (nodes.some((n, i) => list.children[i] !== n) || list.children.length !== nodes.length)
    replace(list, nodes);
  if (atBottom) list.scrollTop = list.scrollHeight;
}

/**
 * What a drawn message depends on: itself, the language, whether the view may act, and the names
 * and colours of whom and what it mentions — not the whole guild, so a member joining elsewhere
 * does not redraw (and reset) a menu someone is using.
 */
function messageKey(m, lang) {
  const json = JSON.stringify(m);
  const mentioned = [m.author.id, ...[...json.matchAll(/<(?:@[!&]?|#)(\d+)>/g)].map((x) => x[1])];
  const names = mentioned.map((id) => `${nameOf({ id })}:${colorOf(id)}:${channelById(id)?.name ?? ''}`);
  const pickers = /"type":[5-8],/.test(json) ? JSON.stringify(choices()) : '';
  return `${lang}|${canAct()}|${names.join(',')}|${pickers}|${json}`;
}

/** Whether the view may act here: someone is chosen, and in a guild they are a member. */
export function canAct() {
  return Boolean(actor()) && (view.place === 'dm' || Boolean(actorMember()));
}

/** The message box (or the way in for a non-member). */
export function composer() {
  const me = actor();
  if (!me) return h('div', { class: 'composer muted', text: t('actor.none') });
  if (view.place === 'guild' && !actorMember()) return joinBanner(me);
  const channelId = currentChannelId();
  if (!channelId) return h('div', { class: 'composer muted', text: t('dm.none') });
  const slot = h('div', { class: 'slash-slot' });
  const input = h('input', {
    type: 'text',
    class: 'composer-input',
    'aria-label': t('chat.send'),
    maxlength: '2000',
    placeholder: t('chat.placeholder', {
      channel:
        view.place === 'dm' ? `@${nameOf({ id: view.botId })}` : `#${channelById(channelId)?.name ?? ''}`,
    }),
  });
  const openSlash = async (filter = '') => {
    await act.attempt(loadCommands);
    replace(
      slot,
      slashPanel({
        commands: view.commands,
        inGuild: view.place === 'guild',
        filter,
        choices: choices(),
        onRun: act.runSlash,
        onSuggest: act.suggest,
        onClose: () => replace(slot),
      }),
    );
  };
  input.addEventListener('input', () => {
    if (input.value === '/') {
      input.value = '';
      void openSlash();
    }
  });
  const form = h(
    'form',
    { class: 'composer' },
    h('button', {
      type: 'button',
      class: 'button button-secondary slash-open',
      title: t('slash.title'),
      text: t('slash.open'),
      dataset: { testid: 'open-slash' },
      onclick: () => openSlash(),
    }),
    input,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const content = input.value.trim();
    if (!content) return;
    input.disabled = true;
    await act.attempt(() => act.sendMessage(content).then(() => (input.value = '')));
    input.disabled = false;
    input.focus();
  });
  return h('div', { class: 'composer-wrap' }, slot, form);
}

function joinBanner(me) {
  const invites = view.guild?.invites ?? [];
  const pick = h(
    'select',
    { class: 'invite-select', 'aria-label': t('join.invite') },
    h('option', { value: '', text: t('join.noInvite') }),
    invites.map((i) => h('option', { value: i.code, text: inviteLabel(i) })),
  );
  if (invites[0]) pick.value = invites[0].code;
  return h(
    'div',
    { class: 'join-banner', dataset: { testid: 'join-banner' } },
    h('p', { text: t('join.notMember', { name: nameOf(me), server: view.guild?.name ?? '' }) }),
    pick,
    h('button', {
      type: 'button',
      class: 'button button-success',
      text: t('join.button'),
      onclick: () => act.joinServer(pick.value),
    }),
  );
}

/** "AbCd123 · #general · 3 uses" */
export function inviteLabel(invite) {
  const channel = channelById(invite.channelId)?.name ?? '?';
  const uses = invite.maxUses ? `${invite.uses}/${invite.maxUses}` : String(invite.uses);
  return t('join.inviteLabel', { code: invite.code, channel, uses });
}
