/**
 * The Gateway: JSON over WebSocket, no compression. HELLO → IDENTIFY (token, intents,
 * privileged intents) → READY + one GUILD_CREATE per guild; heartbeats, RESUME with replay,
 * op 7 RECONNECT on demand, op 8 member requests, and intent filtering of every dispatch.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type APIMessage,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import { buildGuildCreate } from '../state/guild-payload.js';
import { checkIdentify, dispatchReady, type IdentifyData } from './identify.js';
import { redactMessageContent, requiredIntent } from './intents.js';
import { guildCreateForSession, type GuildCreateMembersMode } from './guild-create.js';
import { handleRequestGuildMembers } from './request-members.js';
import { GatewaySession } from './session.js';

export interface GatewayOptions {
  /** Sent in HELLO; discord.js heartbeats at this interval. Default 41250 ms like Discord. */
  heartbeatIntervalMs?: number;
  guildCreateMembers?: GuildCreateMembersMode;
}

interface Connection {
  socket: WebSocket;
  session?: GatewaySession;
}

type Ctx = Pick<EmulatorContext, 'state' | 'logger' | 'botToken' | 'botUser' | 'application' | 'gatewayUrl'>;

export class GatewayServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly connections = new Set<Connection>();
  /** Every payload clients sent (op + d), oldest first: lets tests see presence updates, member requests… */
  readonly received: { op: number; d: unknown; sessionId?: string }[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly options: GatewayOptions = {},
  ) {}

  /** Takes over an HTTP upgrade request for the gateway path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  /** Live sessions (identified), connected or waiting to resume. */
  listSessions(): GatewaySession[] {
    return [...this.sessions.values()];
  }

  /**
   * Sends a dispatch to every session allowed to see it: the bot must be in `guildId` (if given)
   * and the session must hold the event's intent; MessageContent redaction applies.
   * Events without a required intent (INTERACTION_CREATE, …) go to every session.
   */
  dispatch(event: GatewayDispatchEvents, data: unknown, guildId?: string): void {
    const botId = this.ctx.botUser.id;
    if (guildId && !this.ctx.state.guilds.find(guildId)?.members.has(botId)) return;
    // In an outage the guild's events do not reach anyone (GuildStore.outage).
    if (guildId && this.ctx.state.guilds.find(guildId)?.unavailable) return;
    const inGuild = guildId !== undefined;
    for (const session of this.sessions.values()) {
      const intent = requiredIntent(event, inGuild);
      const aboutBot =
        event === GatewayDispatchEvents.GuildMemberUpdate &&
        (data as { user?: { id: string } }).user?.id === botId;
      if (intent !== undefined && (session.intents & intent) === 0 && !aboutBot) continue;
      session.dispatch(event, this.shape(session, event, data));
    }
  }

  /** Sends op 7 RECONNECT to every connected client (they close with 4200 and RESUME). */
  requestReconnect(): void {
    for (const c of this.connections)
      c.socket.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
  }

  /** Sends op 9 INVALID_SESSION; non-resumable sessions are forgotten, so clients IDENTIFY again. */
  invalidateSessions(resumable = false): void {
    for (const c of this.connections) {
      c.socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: resumable }));
      if (!resumable && c.session) this.sessions.delete(c.session.id);
    }
  }

  /** Kills every socket without a close frame (a network drop); sessions stay resumable. */
  dropConnections(): void {
    for (const c of this.connections) c.socket.terminate();
  }

  /** Closes every socket with a close code, e.g. 4000 to make clients resume. */
  closeConnections(code: number, reason = ''): void {
    for (const c of this.connections) c.socket.close(code, reason);
  }

  async stop(): Promise<void> {
    for (const c of this.connections) c.socket.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'ws://localhost');
    const { logger } = this.ctx;
    const version = url.searchParams.get('v');
    const encoding = url.searchParams.get('encoding') ?? 'json';
    if (version !== null && version !== '10')
      return this.reject(
        socket,
        GatewayCloseCodes.InvalidAPIVersion,
        `Gateway v${version} is not served; use v=10`,
      );
    if (encoding !== 'json')
      return this.reject(
        socket,
        GatewayCloseCodes.DecodeError,
        `encoding=${encoding} is not supported by the emulator; use encoding=json`,
      );
    if (url.searchParams.has('compress'))
      return this.reject(
        socket,
        GatewayCloseCodes.DecodeError,
        `compress=${url.searchParams.get('compress')} is not supported by the emulator (JSON without compression only)`,
      );
    const connection: Connection = { socket };
    this.connections.add(connection);
    socket.on('close', (code) => {
      this.connections.delete(connection);
      // A clean close (1000/1001) ends the session on Discord: it cannot be resumed.
      if ((code === 1000 || code === 1001) && connection.session) this.sessions.delete(connection.session.id);
    });
    socket.on('error', (error) => logger.warn({ err: error }, 'gateway socket error'));
    socket.on('message', (raw, isBinary) => this.onMessage(connection, raw, isBinary));
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41250 },
      }),
    );
  }

  /** Closes loudly: the reason goes to the log and to the client. */
  private reject(socket: WebSocket, code: number, reason: string): void {
    this.ctx.logger.error({ code }, `Discord emulator gateway: ${reason}`);
    socket.close(code, reason.slice(0, 120));
  }

  private onMessage(c: Connection, raw: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error('binary frames (ETF/compressed) are not supported');
      payload = JSON.parse(raw.toString()) as { op?: unknown; d?: unknown };
    } catch (error) {
      return this.reject(
        c.socket,
        GatewayCloseCodes.DecodeError,
        `Decode error: ${(error as Error).message}`,
      );
    }
    this.received.push({ op: Number(payload.op), d: payload.d, sessionId: c.session?.id });
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        return c.socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
      case GatewayOpcodes.Identify:
        return this.identify(c, payload.d as IdentifyData);
      case GatewayOpcodes.Resume:
        return this.resume(c, payload.d as { token: string; session_id: string; seq: number });
      case GatewayOpcodes.RequestGuildMembers:
        if (!c.session) return this.reject(c.socket, GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
        return handleRequestGuildMembers(this.ctx, c.session, payload.d);
      case GatewayOpcodes.PresenceUpdate:
        if (!c.session) return this.reject(c.socket, GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
        return; // the bot's own presence is not modelled; recorded in `received`.
      case GatewayOpcodes.VoiceStateUpdate:
        this.ctx.logger.error(
          { d: payload.d },
          'Discord emulator gateway: the bot joining voice (op 4) is not supported',
        );
        return;
      default:
        return this.reject(c.socket, GatewayCloseCodes.UnknownOpcode, `Unknown opcode ${String(payload.op)}`);
    }
  }

  private identify(c: Connection, d: IdentifyData): void {
    if (c.session) {
      return this.reject(c.socket, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
    }
    const verdict = checkIdentify(this.ctx, d);
    if (!verdict.ok) {
      if (verdict.missing)
        this.ctx.logger.warn(
          { missing: verdict.missing },
          'IDENTIFY asked for privileged intents the application lacks',
        );
      return this.reject(c.socket, verdict.code, verdict.reason);
    }
    const session = new GatewaySession(verdict.intents, verdict.largeThreshold);
    session.socket = c.socket;
    c.session = session;
    this.sessions.set(session.id, session);
    const guilds = this.ctx.state.guilds.listForUser(this.ctx.botUser.id);
    dispatchReady(this.ctx, session, guilds);
    for (const guild of guilds) {
      // An unavailable guild stays unavailable (as READY lists it) until it recovers.
      if (guild.unavailable) continue;
      const payload = buildGuildCreate(this.ctx.state, guild);
      session.dispatch(
        GatewayDispatchEvents.GuildCreate,
        this.shape(session, GatewayDispatchEvents.GuildCreate, payload),
      );
    }
  }

  private resume(c: Connection, d: { token: string; session_id: string; seq: number }): void {
    if (!d || d.token !== this.ctx.botToken)
      return this.reject(c.socket, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
    const session = this.sessions.get(d.session_id);
    if (!session || !session.canReplayFrom(d.seq)) {
      this.ctx.logger.info(
        { sessionId: d.session_id },
        'gateway RESUME refused: unknown session or sequence',
      );
      return c.socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
    }
    if (session.socket && session.socket !== c.socket) session.socket.terminate();
    session.socket = c.socket;
    c.session = session;
    session.replayFrom(d.seq);
    session.dispatch(GatewayDispatchEvents.Resumed, null);
  }

  private shape(session: GatewaySession, event: GatewayDispatchEvents, data: unknown): unknown {
    const botId = this.ctx.botUser.id;
    if (event === GatewayDispatchEvents.GuildCreate) {
      const mode = this.options.guildCreateMembers ?? 'discord';
      return guildCreateForSession(
        data as GatewayGuildCreateDispatchData,
        session.intents,
        session.largeThreshold,
        botId,
        mode,
      );
    }
    if (
      (event === GatewayDispatchEvents.MessageCreate || event === GatewayDispatchEvents.MessageUpdate) &&
      (session.intents & GatewayIntentBits.MessageContent) === 0
    ) {
      return redactMessageContent(data as APIMessage, botId);
    }
    return data;
  }
}
