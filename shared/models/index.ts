/** Tsunagu's mongoose models (default connection). */
export { GuildSettings } from './guild-settings.model.js';
export { Profile } from './profile.model.js';
export { RelayChain } from './relay-chain.model.js';
export { RelayLink } from './relay-link.model.js';
export { InviteRecord } from './invite-record.model.js';
export { JoinAttribution } from './join-attribution.model.js';
export { RolePanel } from './role-panel.model.js';
export { MemberEvent } from './member-event.model.js';
