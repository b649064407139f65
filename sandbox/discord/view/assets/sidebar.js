/**
 * The left side: the server list (DMs first, then each guild), and the channel list of the open
 * guild — categories, text channels, voice channels with who is connected — or the acting
 * member's DMs; the acting member's panel below (user-panel.js).
 */
import { avatar, h } from './dom.js';
import { t } from './i18n.js';
import * as act from './actions.js';
import { actor, actorMember, nameOf, view } from './state.js';
import { userPanel } from './user-panel.js';

const TEXT = new Set([0, 5]);
const VOICE = new Set([2, 13]);
const CATEGORY = 4;

const speaker = () => h('img', { class: 'channel-icon', src: '/_emulator/view/assets/speaker.svg', alt: '' });

/** @param {{ openGuild: (id: string) => void, openDms: () => void }} nav */
export function serverList(nav) {
  const initials = (name) => [...name].slice(0, 2).join('');
  return h(
    'nav',
    { class: 'servers', 'aria-label': t('servers.label') },
    h('button', {
      type: 'button',
      class: `server home${view.place === 'dm' ? ' active' : ''}`,
      title: t('servers.dms'),
      'aria-label': t('servers.dms'),
      dataset: { testid: 'open-dms' },
      text: 'DM',
      onclick: nav.openDms,
    }),
    h('hr', { class: 'server-separator' }),
    view.guilds.map((g) =>
      h('button', {
        type: 'button',
        class: `server${view.place === 'guild' && view.guildId === g.id ? ' active' : ''}${actor()?.guildIds.includes(g.id) ? '' : ' not-member'}`,
        title: g.name,
        'aria-label': g.name,
        text: initials(g.name),
        onclick: () => nav.openGuild(g.id),
      }),
    ),
  );
}

/** @param {{ openChannel: (id: string) => void }} nav */
export function channelList(nav) {
  if (view.place === 'dm') return dmList();
  const g = view.guild;
  if (!g) return h('aside', { class: 'sidebar' });
  const channels = g.channels;
  const inCategory = (parentId) =>
    channels.filter((c) => c.type !== CATEGORY && (c.parentId ?? null) === parentId).sort(channelOrder);
  const groups = [
    ...inCategory(null).map((c) => channelItem(c, nav)),
    ...channels
      .filter((c) => c.type === CATEGORY)
      .map((cat) =>
        h(
          'div',
          { class: 'category' },
          h('h3', { class: 'category-name', text: cat.name }),
          h(
            'ul',
            { class: 'channel-items' },
            inCategory(cat.id).map((c) => channelItem(c, nav)),
          ),
        ),
      ),
  ];
  return h(
    'aside',
    { class: 'sidebar' },
    h('header', { class: 'sidebar-header' }, h('h2', { text: g.name })),
    h('div', { class: 'channels' }, groups),
    userPanel(),
  );
}

/** Text channels above voice channels, each by position (as Discord sorts a category). */
function channelOrder(a, b) {
  return Number(VOICE.has(a.type)) - Number(VOICE.has(b.type)) || a.position - b.position;
}

function channelItem(c, nav) {
  if (VOICE.has(c.type)) {
    const here = (c.voiceMembers ?? []).map((id) =>
      h('li', { class: 'voice-member' }, avatar({ id, name: nameOf({ id }) }, 'sm'), nameOf({ id })),
    );
    const canJoin = Boolean(actorMember());
    return h(
      'li',
      { class: 'channel voice' },
      h(
        'button',
        {
          type: 'button',
          class: 'channel-button',
          disabled: !canJoin,
          title: canJoin ? t('voice.join') : '',
          onclick: () => act.joinVoice(c.id),
        },
        speaker(),
        c.name,
        c.userLimit ? h('span', { class: 'user-limit', text: `${here.length}/${c.userLimit}` }) : null,
      ),
      here.length ? h('ul', { class: 'voice-members', 'aria-label': t('voice.connected') }, here) : null,
    );
  }
  if (!TEXT.has(c.type)) return h('li', { class: 'channel other', text: c.name });
  return h(
    'li',
    { class: `channel text${view.channelId === c.id ? ' active' : ''}` },
    h(
      'button',
      {
        type: 'button',
        class: 'channel-button',
        'aria-current': view.channelId === c.id ? 'page' : 'false',
        onclick: () => nav.openChannel(c.id),
      },
      h('span', { class: 'channel-icon', 'aria-hidden': 'true', text: '#' }),
      c.name,
    ),
  );
}

function dmList() {
  const me = actor();
  const items = me?.dmChannelId
    ? h(
        'li',
        { class: 'channel dm active' },
        h(
          'span',
          { class: 'channel-button' },
          avatar({ id: view.botId, name: nameOf({ id: view.botId }) }, 'sm'),
          nameOf({ id: view.botId }),
        ),
      )
    : h('li', { class: 'empty', text: t('dm.none') });
  return h(
    'aside',
    { class: 'sidebar' },
    h('header', { class: 'sidebar-header' }, h('h2', { text: t('dm.title') })),
    h('ul', { class: 'channels' }, items),
    userPanel(),
  );
}
