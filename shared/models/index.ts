/** Tsunagu's Connect & Know models (mongoose default connection). */
import { GuildSettings } from './guild-settings.model.js';
import { Profile } from './profile.model.js';
import { RelayChain } from './relay-chain.model.js';
import { RelayLink } from './relay-link.model.js';
import { InviteRecord } from './invite-record.model.js';
import { JoinAttribution } from './join-attribution.model.js';
import { RolePanel } from './role-panel.model.js';
import { MemberEvent } from './member-event.model.js';

export {
  GuildSettings,
  Profile,
  RelayChain,
  RelayLink,
  InviteRecord,
  JoinAttribution,
  RolePanel,
  MemberEvent,
};

/** Every model, e.g. for index creation or a data-rights audit. */
export const CONNECT_MODELS = [
  GuildSettings,
  Profile,
  RelayChain,
  RelayLink,
  InviteRecord,
  JoinAttribution,
  RolePanel,
  MemberEvent,
] as const;

/**
 * Creates every model's indexes in the connected database and waits for them. mongoose builds
 * indexes once per process on first connection; call this after connecting to another database
 * (tests switch databases per suite) and at start-up, so unique rules hold from the first write.
 */
export async function ensureIndexes(): Promise<void> {
  await Promise.all(
    CONNECT_MODELS.map((model) => (model as { createIndexes(): Promise<unknown> }).createIndexes()),
  );
}
