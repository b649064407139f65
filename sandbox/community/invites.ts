/**
 * Word of mouth in the simulated community: a few well-connected alumni (顔の広い人) ask for
 * their personal invite with /invite mine, exactly as a member would, and many later arrivals
 * come in through those links; the rest use the organiser's cohort invites. The weights are
 * skewed (the first connector brings several times what the last does), so the dashboard's
 * "who brings people in" has a clear top on first open.
 */
import type { Logger } from '../../shared/logger.js';
import type { Drivers } from '../discord/drivers.js';
import { prng } from './alumni-generator.js';
import type { DemoCommunity } from './seed.js';

/** Which early arrivals are connectors (alumni index → weight): a long-tailed distribution. */
export const CONNECTORS: ReadonlyArray<{ index: number; weight: number }> = [
  { index: 0, weight: 12 },
  { index: 2, weight: 7 },
  { index: 5, weight: 4 },
  { index: 8, weight: 2 },
  { index: 11, weight: 1 },
  { index: 14, weight: 1 },
];

export interface InviteNetworkOptions {
  /** Share of arrivals who come through a connector's link once one is available (default 0.75). */
  share?: number;
  /** How long after joining a connector asks for their link (default 1–3 s). */
  delayMs?: () => number;
}

export interface InviteNetwork {
  /** The personal invite code arrival `index` uses, or undefined (they use a cohort invite). */
  codeFor(index: number): string | undefined;
  /** Arrival `index` joined: a connector asks for their own link shortly after. */
  arrived(index: number): void;
}

/** Picks one of `weights` with probability proportional to its weight (`roll` in [0, 1)). */
export function pickWeighted<T extends { weight: number }>(items: readonly T[], roll: number): T | undefined {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let left = roll * total;
  for (const item of items) {
    left -= item.weight;
    if (left < 0) return item;
  }
  return items.at(-1);
}

/**
 * The community's invite network. Its own random stream keeps the simulator's other choices
 * unchanged. After a sandbox restart the connectors who had arrived ask again: /invite mine
 * answers with the same link.
 */
export function inviteNetwork(input: {
  drivers: Drivers;
  demo: DemoCommunity;
  logger: Logger;
  /** False once the simulation stopped: no more slash commands. */
  active: () => boolean;
  options?: InviteNetworkOptions;
}): InviteNetwork {
  const { drivers, demo, logger } = input;
  const random = prng(11);
  const share = input.options?.share ?? 0.75;
  const delayMs = input.options?.delayMs ?? (() => 1_000 + random() * 2_000);
  const links = new Map<number, string>();

  const askForLink = async (index: number): Promise<void> => {
    const person = demo.alumni[index];
    if (!person || links.has(index) || !input.active()) return;
    try {
      const reply = await drivers
        .runSlashCommand(
          demo.guildId,
          demo.channels.general,
          person.user.id,
          'invite mine',
          {},
          {
            locale: person.profile.locale,
          },
        )
        .waitForReply();
      const code = /discord\.gg\/([A-Za-z0-9-]+)/.exec(reply.content ?? '')?.[1];
      if (!code) throw new Error(`no invite link in the reply: ${reply.content}`);
      links.set(index, code);
      logger.info(
        { userId: person.user.id, code },
        `${person.profile.displayName} shares their personal invite link`,
      );
    } catch (error) {
      logger.warn({ err: error, userId: person.user.id }, 'simulated /invite mine did not complete');
    }
  };

  const network: InviteNetwork = {
    codeFor(index) {
      const available = CONNECTORS.filter((c) => c.index < index && links.has(c.index));
      if (available.length === 0 || random() >= share) return undefined;
      const connector = pickWeighted(available, random());
      return connector ? links.get(connector.index) : undefined;
    },
    arrived(index) {
      if (!CONNECTORS.some((c) => c.index === index)) return;
      setTimeout(() => void askForLink(index), delayMs()).unref();
    },
  };
  for (let i = 0; i < demo.arrived; i += 1) network.arrived(i);
  return network;
}
