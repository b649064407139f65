/**
 * IDENTIFY checks in Discord's order (token, compression, intent bits, privileged intents,
 * shard) and the READY payload.
 */
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type GatewayReadyDispatchData,
} from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import type { GuildRecord } from '../state/types.js';
import { ALL_INTENTS, PRIVILEGED_INTENTS } from './intents.js';
import type { GatewaySession } from './session.js';

export interface IdentifyData {
  token: string;
  intents: number | string;
  compress?: boolean;
  large_threshold?: number;
  shard?: [number, number];
  properties?: Record<string, string>;
}

export type IdentifyVerdict =
  | { ok: true; intents: number; largeThreshold: number }
  | { ok: false; code: number; reason: string; missing?: string[] };

type Ctx = Pick<EmulatorContext, 'application' | 'botToken'>;

/** Validates an IDENTIFY payload; a refusal carries the close code Discord uses. */
export function checkIdentify(ctx: Ctx, d: IdentifyData | undefined): IdentifyVerdict {
  if (!d || d.token !== ctx.botToken) {
    return { ok: false, code: GatewayCloseCodes.AuthenticationFailed, reason: 'Authentication failed' };
  }
  if (d.compress) {
    return {
      ok: false,
      code: GatewayCloseCodes.DecodeError,
      reason: 'identify compress is not supported by the emulator',
    };
  }
  const intents = Number(d.intents);
  if (!Number.isInteger(intents) || intents < 0 || (intents & ~ALL_INTENTS) !== 0) {
    return { ok: false, code: GatewayCloseCodes.InvalidIntents, reason: 'Invalid intent(s).' };
  }
  const missing = (Object.keys(PRIVILEGED_INTENTS) as (keyof typeof PRIVILEGED_INTENTS)[]).filter(
    (name) => (intents & PRIVILEGED_INTENTS[name]) !== 0 && !ctx.application.intents[name],
  );
  if (missing.length) {
    return { ok: false, code: GatewayCloseCodes.DisallowedIntents, reason: 'Disallowed intent(s).', missing };
  }
  const shard = d.shard ?? [0, 1];
  if (shard[0] !== 0 || shard[1] !== 1) {
    return {
      ok: false,
      code: GatewayCloseCodes.InvalidShard,
      reason: 'Invalid shard (the emulator serves one shard: [0, 1])',
    };
  }
  return { ok: true, intents, largeThreshold: Math.min(250, Math.max(50, d.large_threshold ?? 50)) };
}

/** Dispatches READY (guilds unavailable until their GUILD_CREATE), with the fields a user session would carry. */
export function dispatchReady(
  ctx: Pick<EmulatorContext, 'application' | 'botUser' | 'gatewayUrl'>,
  session: GatewaySession,
  guilds: GuildRecord[],
): void {
  const { application } = ctx;
  const ready: GatewayReadyDispatchData = {
    v: 10,
    user: { ...ctx.botUser },
    guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
    session_id: session.id,
    resume_gateway_url: ctx.gatewayUrl,
    shard: [0, 1],
    application: { id: application.id, flags: application.flags, flags_new: String(application.flags) },
  };
  session.dispatch(GatewayDispatchEvents.Ready, {
    ...ready,
    user_settings: {},
    private_channels: [],
    presences: [],
    relationships: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    auth: {},
    session_type: 'normal',
  });
}
