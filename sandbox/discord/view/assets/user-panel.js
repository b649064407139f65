/**
 * The acting member's panel under the channel list: who the view acts as, their voice connection
 * (with "disconnect"), leaving the server (asked once more, in place), and in the DMs whether
 * they accept DMs from the bot.
 */
import { avatar, h } from './dom.js';
import { t } from './i18n.js';
import * as act from './actions.js';
import { actor, actorMember, memberById, nameOf, view } from './state.js';

/** The acting member: their name, voice connection, and what they can do with the server or DMs. */
export function userPanel() {
  const me = actor();
  if (!me) return h('footer', { class: 'user-panel', text: t('actor.none') });
  const member = actorMember();
  const voice = member?.voiceChannelId
    ? view.guild.channels.find((c) => c.id === member.voiceChannelId)
    : null;
  const rows = [
    h(
      'div',
      { class: 'user-panel-me' },
      avatar({ id: me.id, name: nameOf(me) }),
      h(
        'div',
        {},
        h('div', { class: 'user-panel-name', text: nameOf(me) }),
        h('div', { class: 'user-panel-username', text: me.username }),
      ),
    ),
  ];
  if (voice)
    rows.push(
      h(
        'div',
        { class: 'voice-status' },
        h('span', { text: t('voice.connectedTo', { channel: voice.name }) }),
        h('button', {
          type: 'button',
          class: 'button button-danger small',
          text: t('voice.leave'),
          onclick: () => act.leaveVoice(),
        }),
      ),
    );
  if (member && memberById(me.id) && view.guild.ownerId !== me.id) rows.push(leaveButton());
  if (view.place === 'dm')
    rows.push(
      h(
        'label',
        { class: 'toggle' },
        h('input', {
          type: 'checkbox',
          checked: me.dmsClosed,
          onchange: (e) => act.setDmsClosed(e.currentTarget.checked),
        }),
        t('dm.closed'),
      ),
    );
  return h('footer', { class: 'user-panel', dataset: { testid: 'user-panel' } }, rows);
}

/** Leaving asks once more, in place (no browser dialog). */
function leaveButton() {
  const wrap = h('div', { class: 'leave' });
  const ask = () =>
    wrap.replaceChildren(
      h('span', { text: t('server.leaveConfirm') }),
      h('button', {
        type: 'button',
        class: 'button button-danger small',
        text: t('server.leaveYes'),
        onclick: () => act.leaveServer(),
      }),
      h('button', {
        type: 'button',
        class: 'button button-secondary small',
        text: t('common.cancel'),
        onclick: () => wrap.replaceChildren(first),
      }),
    );
  const first = h('button', {
    type: 'button',
    class: 'button button-secondary small',
    text: t('server.leave'),
    onclick: ask,
  });
  wrap.append(first);
  return wrap;
}
