/**
 * The member list on the right: members under their highest hoisted role (the rest under
 * "Members"), names in their role colour, roles under each name; a member's card shows every
 * role and lets the view act as them.
 */
import { avatar, h, hexColor, paint } from './dom.js';
import { t } from './i18n.js';
import { colorOf, view } from './state.js';

/** The member whose card is open: the list is redrawn on every change in the guild. */
let openCard = null;

/** @param {{ actAs: (id: string) => void }} nav */
export function memberList(nav) {
  const g = view.guild;
  if (view.place !== 'guild' || !g) return h('aside', { class: 'members hidden' });
  const roleOf = (id) => g.roles.find((r) => r.id === id);
  const hoisted = g.roles.filter((r) => r.hoist && r.id !== g.id);
  const groups = new Map(hoisted.map((r) => [r.id, []]));
  const rest = [];
  for (const m of g.members) {
    const top = m.roles.find((id) => groups.has(id));
    (top ? groups.get(top) : rest).push(m);
  }
  const byName = (a, b) => a.displayName.localeCompare(b.displayName);
  const section = (title, members) =>
    members.length
      ? h(
          'section',
          { class: 'member-group' },
          h('h3', { text: `${title} — ${members.length}` }),
          h(
            'ul',
            {},
            members.sort(byName).map((m) => memberItem(m, roleOf, nav)),
          ),
        )
      : null;
  return h(
    'aside',
    { class: 'members', 'aria-label': t('members.title'), dataset: { testid: 'member-list' } },
    hoisted.map((r) => section(r.name, groups.get(r.id))),
    section(t('members.everyone'), rest),
  );
}

function memberItem(m, roleOf, nav) {
  const roles = m.roles.map(roleOf).filter(Boolean);
  const name = paint(h('span', { class: 'member-name', text: m.displayName }), '--name-color', colorOf(m.id));
  const card = h('div', { class: 'member-card', hidden: openCard !== m.id });
  if (openCard === m.id) fillCard(card, m, roles, nav);
  const toggle = () => {
    if (card.hidden) fillCard(card, m, roles, nav);
    card.hidden = !card.hidden;
    openCard = card.hidden ? null : m.id;
  };
  return h(
    'li',
    { class: `member${m.id === view.actorId ? ' acting' : ''}`, dataset: { userId: m.id } },
    h(
      'button',
      {
        type: 'button',
        class: 'member-button',
        'aria-expanded': String(openCard === m.id),
        onclick: (e) => {
          toggle();
          e.currentTarget.setAttribute('aria-expanded', String(!card.hidden));
        },
      },
      avatar({ id: m.id, name: m.displayName }),
      h(
        'span',
        { class: 'member-text' },
        h('span', {}, name, m.bot && h('span', { class: 'app-tag', text: t('message.app') })),
        roles.length ? h('span', { class: 'member-roles', text: roles.map((r) => r.name).join(', ') }) : null,
      ),
      m.voiceChannelId &&
        h('img', {
          class: 'in-voice',
          src: '/_emulator/view/assets/speaker.svg',
          alt: t('voice.inVoice'),
          title: t('voice.inVoice'),
        }),
    ),
    card,
  );
}

function fillCard(card, m, roles, nav) {
  card.replaceChildren(
    h('div', { class: 'member-card-name', text: m.displayName }),
    h('div', { class: 'member-card-username', text: m.username }),
    h('h4', { text: t('members.roles') }),
    roles.length
      ? h(
          'ul',
          { class: 'role-chips' },
          roles.map((r) =>
            h(
              'li',
              { class: 'role-chip' },
              paint(h('span', { class: 'role-dot' }), '--role-color', hexColor(r.color) ?? '#99aab5'),
              r.name,
            ),
          ),
        )
      : h('p', { class: 'muted', text: t('members.noRoles') }),
    m.bot || m.id === view.actorId
      ? null
      : h('button', {
          type: 'button',
          class: 'button button-primary small',
          text: t('actor.actAs'),
          onclick: () => nav.actAs(m.id),
        }),
  );
}
