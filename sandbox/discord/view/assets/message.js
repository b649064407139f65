/**
 * One message as Discord shows it: avatar, author (coloured by their top role, with an APP tag
 * for bots), time, the "used a command" line, content, embeds, attachments, components, and for
 * an ephemeral reply the "only you can see this" note.
 */
import { avatar, h, paint } from './dom.js';
import { renderComponents } from './components.js';
import { renderEmbed } from './embed.js';
import { t } from './i18n.js';
import { markdown } from './markdown.js';
import { attachment } from './media.js';
import { messageTime } from './time.js';

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const CHAT_INPUT_COMMAND = 20;

/**
 * What rendering a message needs from the view.
 * @typedef {{ resolve: import('./markdown.js').Resolver, nameOf: (user: any) => string,
 *   colorOf: (userId: string) => string | null, components: (message: any) => import('./components.js').ComponentContext }} MessageContext
 */

/**
 * @param {Record<string, any>} message an APIMessage
 * @param {MessageContext} ctx
 */
export function renderMessage(message, ctx) {
  const ephemeral = Boolean((message.flags ?? 0) & EPHEMERAL);
  const name = ctx.nameOf(message.author);
  const author = paint(
    h('span', { class: 'author', text: name }),
    '--name-color',
    ctx.colorOf(message.author.id),
  );
  const header = h(
    'div',
    { class: 'message-header' },
    author,
    message.author.bot && h('span', { class: 'app-tag', text: t('message.app') }),
    h('time', {
      class: 'message-time',
      datetime: message.timestamp,
      title: new Date(message.timestamp).toLocaleString(),
      text: messageTime(message.timestamp),
    }),
    message.edited_timestamp && h('span', { class: 'edited', text: t('message.edited') }),
  );
  const metadata = message.interaction_metadata;
  const usedCommand =
    metadata?.user && message.type === CHAT_INPUT_COMMAND
      ? h('div', {
          class: 'message-context',
          text: t('message.usedCommand', { user: ctx.nameOf(metadata.user) }),
        })
      : null;
  const loading = (message.flags ?? 0) & LOADING;
  const content = loading
    ? h('div', { class: 'message-content thinking', text: t('message.thinking', { bot: name }) })
    : message.content && h('div', { class: 'message-content' }, markdown(message.content, ctx.resolve));
  return h(
    'article',
    {
      class: `message${ephemeral ? ' ephemeral' : ''}`,
      dataset: { messageId: message.id, testid: ephemeral ? 'ephemeral-message' : 'message' },
      'aria-label': name,
    },
    usedCommand,
    h(
      'div',
      { class: 'message-row' },
      avatar({ id: message.author.id, name }),
      h(
        'div',
        { class: 'message-main' },
        header,
        content,
        (message.embeds ?? []).map((e) => renderEmbed(e, ctx.resolve)),
        (message.attachments ?? []).map(attachment),
        message.components?.length ? renderComponents(message.components, ctx.components(message)) : null,
        ephemeral &&
          h(
            'div',
            { class: 'ephemeral-note' },
            h('span', { 'aria-hidden': 'true', text: '👁 ' }),
            t('message.onlyYou'),
          ),
      ),
    ),
  );
}
