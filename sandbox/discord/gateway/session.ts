/**
 * One gateway session: survives its socket so a client can RESUME and get the events it missed.
 */
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import type { GatewayDispatchEvents, GatewayReceivePayload } from 'discord-api-types/v10';

/** How many dispatches a session keeps for replay on RESUME. */
const REPLAY_BUFFER = 5000;

export class GatewaySession {
  readonly id = randomBytes(16).toString('hex');
  seq = 0;
  socket: WebSocket | undefined;
  private readonly buffer: { s: number; payload: string }[] = [];

  constructor(
    readonly intents: number,
    /** IDENTIFY `large_threshold` (50–250): above it GUILD_CREATE lists only online members. */
    readonly largeThreshold = 50,
  ) {}

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends (or, while disconnected, only buffers) a dispatch with the next sequence number. */
  dispatch(event: GatewayDispatchEvents, data: unknown): void {
    this.seq += 1;
    const payload = JSON.stringify({ op: 0, t: event, s: this.seq, d: data } as GatewayReceivePayload);
    this.buffer.push({ s: this.seq, payload });
    if (this.buffer.length > REPLAY_BUFFER) this.buffer.shift();
    if (this.connected) this.socket!.send(payload);
  }

  /** Whether RESUME from `seq` can replay everything after it. */
  canReplayFrom(seq: number): boolean {
    if (seq > this.seq) return false;
    const oldest = this.buffer[0]?.s ?? this.seq + 1;
    return seq >= oldest - 1;
  }

  /** Re-sends every buffered dispatch after `seq` on the current socket. */
  replayFrom(seq: number): number {
    const missed = this.buffer.filter((b) => b.s > seq);
    for (const b of missed) this.socket?.send(b.payload);
    return missed.length;
  }
}
