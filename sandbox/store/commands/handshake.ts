/**
 * Connection-level commands: the hello/isMaster handshake and the small diagnostics drivers and shells ask for.
 * The store presents itself as a standalone server speaking wire version 21 (MongoDB 7.0 features).
 */
import type { Document } from 'bson';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE } from '../wire.js';
import type { CommandContext, CommandHandler } from './context.js';

export const MIN_WIRE_VERSION = 0;
export const MAX_WIRE_VERSION = 21;
export const REPORTED_VERSION = '7.0.0';

/** The hello reply. `legacy` answers isMaster/ismaster (field `ismaster` instead of `isWritablePrimary`). */
export function helloReply(ctx: Pick<CommandContext, 'connectionId'>, legacy: boolean): Document {
  // No topologyVersion on purpose: without it drivers poll (heartbeat) instead of streaming awaitable hellos.
  return {
    helloOk: true,
    [legacy ? 'ismaster' : 'isWritablePrimary']: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: MIN_WIRE_VERSION,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const PARAMETERS: Document = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: [],
  requireApiVersion: false,
  transactionLifetimeLimitSeconds: 60,
};

export const handshakeCommands: Record<string, CommandHandler> = {
  hello: (_body, ctx) => helloReply(ctx, false),
  isMaster: (_body, ctx) => helloReply(ctx, true),
  ismaster: (_body, ctx) => helloReply(ctx, true),
  ping: () => ({ ok: 1 }),
  buildInfo: () => buildInfo(),
  buildinfo: () => buildInfo(),
  getParameter: (body) => {
    const all = body['getParameter'] === '*';
    const reply: Document = {};
    for (const [name, value] of Object.entries(PARAMETERS))
      if (all || body[name] !== undefined) reply[name] = value;
    return { ...reply, ok: 1 };
  },
  endSessions: () => ({ ok: 1 }),
  refreshSessions: () => ({ ok: 1 }),
  whatsmyuri: () => ({ you: '127.0.0.1:0', ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getLog: (body) =>
    body['getLog'] === '*' ? { names: ['startupWarnings'], ok: 1 } : { totalLinesWritten: 0, log: [], ok: 1 },
  hostInfo: () => ({ system: { hostname: '127.0.0.1' }, os: { type: process.platform }, extra: {}, ok: 1 }),
  serverStatus: (_body, ctx) => ({
    host: '127.0.0.1',
    version: REPORTED_VERSION,
    process: 'tsunagu-embedded-store',
    uptime: Math.floor((Date.now() - ctx.startedAt.getTime()) / 1000),
    localTime: new Date(),
    ok: 1,
  }),
  getCmdLineOpts: () => ({ argv: ['tsunagu-embedded-store'], parsed: {}, ok: 1 }),
};

function buildInfo(): Document {
  return {
    version: REPORTED_VERSION,
    gitVersion: 'tsunagu-embedded-store',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['tsunagu-memory'],
    javascriptEngine: 'none',
    modules: [],
    // Honest self-description for people looking at the server from a shell or Compass.
    description: 'embedded MongoDB-compatible store for tests and the sandbox',
    ok: 1,
  };
}
