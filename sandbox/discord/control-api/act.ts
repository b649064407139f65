/** Control routes that act as people: join and leave, commands, components, modals, voice, chat, DMs. */
import { DriverError, InteractionHandle, type Drivers } from '../drivers.js';
import type { RouteRequest } from '../router.js';
import { interactionsOf, type InteractionRecord } from '../rest/interactions.js';
import { optStr, str, type Body, type ControlRoute } from './body.js';

/** The JSON shape of an interaction (README-control-api.md, "Interaction"). */
export function describeInteraction(record: InteractionRecord) {
  return {
    id: record.id,
    token: record.token,
    type: record.type,
    guildId: record.guildId ?? null,
    channelId: record.channelId,
    userId: record.userId,
    acknowledged: record.ack?.type ?? null,
    originalMessageId: record.originalMessageId ?? null,
    responses: record.responses,
  };
}

function handleFor(req: RouteRequest, d: Drivers): InteractionHandle {
  const record = interactionsOf(req.emu.state).find(req.params.interactionId!);
  if (!record) throw new DriverError(`Unknown interaction ${req.params.interactionId}`);
  return new InteractionHandle(d, record);
}

const person = (b: Body) => ({
  username: str(b, 'username'),
  globalName: optStr(b, 'globalName'),
  locale: optStr(b, 'locale'),
});
const acting = (b: Body) => ({ locale: optStr(b, 'locale') });

async function waitFor(req: RouteRequest, handle: InteractionHandle) {
  const kind = req.query.get('for') ?? 'reply';
  const timeoutMs = Math.min(30_000, Number(req.query.get('timeoutMs') ?? 5000) || 5000);
  switch (kind) {
    case 'callback':
      return handle.waitForCallback(timeoutMs);
    case 'modal':
      return handle.waitForModal(timeoutMs);
    case 'choices':
      return { choices: await handle.waitForChoices(timeoutMs) };
    case 'followup':
      return handle.waitForFollowUp(Number(req.query.get('n') ?? 1) || 1, timeoutMs);
    case 'reply':
      return handle.waitForReply(timeoutMs);
    default:
      throw new DriverError(`Unknown wait target "${kind}" (reply, callback, modal, followup, choices)`);
  }
}

/** People acting, through the drivers (so the bot gets real gateway events and interactions). */
export const ACT_ROUTES: ControlRoute[] = [
  ['POST', '/users', (_req, d, b) => d.createUser(person(b))],
  [
    'POST',
    '/guilds/:guildId/members',
    (req, d, b) =>
      d.memberJoin(req.params.guildId!, typeof b.userId === 'string' ? b.userId : person(b), {
        inviteCode: optStr(b, 'inviteCode'),
      }),
  ],
  [
    'DELETE',
    '/guilds/:guildId/members/:userId',
    (req, d) => d.memberLeave(req.params.guildId!, req.params.userId!),
  ],
  [
    'POST',
    '/interactions/slash',
    (_req, d, b) =>
      describeInteraction(
        d.runSlashCommand(
          optStr(b, 'guildId') ?? null,
          optStr(b, 'channelId') ?? null,
          str(b, 'userId'),
          str(b, 'name'),
          (b.options ?? {}) as never,
          acting(b),
        ).record,
      ),
  ],
  [
    'POST',
    '/interactions/autocomplete',
    (_req, d, b) =>
      describeInteraction(
        d.typeInOption(
          optStr(b, 'guildId') ?? null,
          optStr(b, 'channelId') ?? null,
          str(b, 'userId'),
          str(b, 'name'),
          str(b, 'option'),
          typeof b.value === 'string' ? b.value : '',
          (b.options ?? {}) as never,
          acting(b),
        ).record,
      ),
  ],
  [
    'POST',
    '/interactions/user-command',
    (_req, d, b) =>
      describeInteraction(
        d.runUserCommand(
          str(b, 'guildId'),
          str(b, 'channelId'),
          str(b, 'userId'),
          str(b, 'name'),
          str(b, 'targetId'),
          acting(b),
        ).record,
      ),
  ],
  [
    'POST',
    '/interactions/button',
    (_req, d, b) =>
      describeInteraction(
        d.clickButton(str(b, 'messageId'), str(b, 'customId'), str(b, 'userId'), acting(b)).record,
      ),
  ],
  [
    'POST',
    '/interactions/select',
    (_req, d, b) =>
      describeInteraction(
        d.selectValues(
          str(b, 'messageId'),
          str(b, 'customId'),
          str(b, 'userId'),
          (b.values ?? []) as string[],
          acting(b),
        ).record,
      ),
  ],
  [
    'POST',
    '/interactions/:interactionId/modal',
    (req, d, b) =>
      describeInteraction(
        d.submitModal(
          handleFor(req, d),
          optStr(b, 'customId'),
          (b.fields ?? {}) as Record<string, string>,
          acting(b),
        ).record,
      ),
  ],
  ['GET', '/interactions/:interactionId', (req, d) => describeInteraction(handleFor(req, d).record)],
  ['GET', '/interactions/:interactionId/wait', (req, d) => waitFor(req, handleFor(req, d))],
  [
    'POST',
    '/voice/join',
    (_req, d, b) => d.voiceJoin(str(b, 'guildId'), str(b, 'userId'), str(b, 'channelId')),
  ],
  [
    'POST',
    '/voice/move',
    (_req, d, b) => d.voiceMove(str(b, 'guildId'), str(b, 'userId'), str(b, 'channelId')),
  ],
  ['POST', '/voice/leave', (_req, d, b) => d.voiceLeave(str(b, 'guildId'), str(b, 'userId'))],
  [
    'POST',
    '/channels/:channelId/messages',
    (req, d, b) => d.sendMessage(req.params.channelId!, str(b, 'userId'), str(b, 'content')),
  ],
  ['PUT', '/users/:userId/dms', (req, d, b) => d.closeDms(req.params.userId!, b.closed !== false)],
];
