/**
 * The gateway protocol seen from a raw WebSocket: HELLO, heartbeat ACK, IDENTIFY refusals with
 * Discord's close codes, and loud rejection of what the emulator does not speak (compression).
 */
import { expect } from 'chai';
import { WebSocket } from 'ws';
import { silentLogger } from '../../../shared/logger.js';
import { seedGuild, startDiscordEmulator, type DiscordEmulator } from '../../../sandbox/discord/index.js';

interface Frame {
  op: number;
  t?: string | null;
  s?: number | null;
  d?: unknown;
}

/** Opens a socket and collects frames; `closed` resolves with the close code. */
function connect(url: string) {
  const socket = new WebSocket(url);
  const frames: Frame[] = [];
  const waiters: { test: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  socket.on('message', (raw: Buffer) => {
    const frame = JSON.parse(raw.toString()) as Frame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.test(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  return {
    socket,
    frames,
    closed,
    send: (frame: Frame) => socket.send(JSON.stringify(frame)),
    next: (test: (f: Frame) => boolean) =>
      new Promise<Frame>((resolve) => {
        const seen = frames.find(test);
        if (seen) resolve(seen);
        else waiters.push({ test, resolve });
      }),
  };
}

describe('emulator core: gateway protocol', () => {
  let emu: DiscordEmulator;

  before(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger(), heartbeatIntervalMs: 1000 });
    seedGuild(emu.state);
  });

  after(async () => {
    await emu.stop();
  });

  it('says HELLO with the heartbeat interval and ACKs heartbeats', async () => {
    const c = connect(`${emu.gatewayUrl}?v=10&encoding=json`);
    const hello = await c.next((f) => f.op === 10);
    expect(hello.d).to.deep.equal({ heartbeat_interval: 1000 });
    c.send({ op: 1, d: null });
    await c.next((f) => f.op === 11);
    c.socket.close();
  });

  it('sends READY with unavailable guilds then GUILD_CREATE, numbering dispatches', async () => {
    const c = connect(`${emu.gatewayUrl}?v=10&encoding=json`);
    await c.next((f) => f.op === 10);
    c.send({
      op: 2,
      d: { token: emu.botToken, intents: 1, properties: { os: 'linux', browser: 't', device: 't' } },
    });
    const ready = await c.next((f) => f.t === 'READY');
    const guildCreate = await c.next((f) => f.t === 'GUILD_CREATE');
    const d = ready.d as {
      session_id: string;
      resume_gateway_url: string;
      guilds: { unavailable: boolean }[];
    };
    expect(ready.s).to.equal(1);
    expect(guildCreate.s).to.equal(2);
    expect(d.resume_gateway_url).to.equal(emu.gatewayUrl);
    expect(d.guilds.every((g) => g.unavailable)).to.equal(true);
    c.socket.close();
  });

  it('sends no member chunks for a full list without GuildMembers, as Discord does', async () => {
    const c = connect(`${emu.gatewayUrl}?v=10&encoding=json`);
    await c.next((f) => f.op === 10);
    c.send({ op: 2, d: { token: emu.botToken, intents: 1, properties: {} } });
    const create = await c.next((f) => f.t === 'GUILD_CREATE');
    c.send({ op: 8, d: { guild_id: (create.d as { id: string }).id, query: '', limit: 0, nonce: 'n1' } });
    c.send({ op: 1, d: null });
    await c.next((f) => f.op === 11); // processed in order: the request was handled before the ACK
    expect(c.frames.some((f) => f.t === 'GUILD_MEMBERS_CHUNK')).to.equal(false);
    c.socket.close();
  });

  it('closes with 4004 on a wrong token', async () => {
    const c = connect(`${emu.gatewayUrl}?v=10&encoding=json`);
    await c.next((f) => f.op === 10);
    c.send({ op: 2, d: { token: 'nope', intents: 1, properties: {} } });
    expect(await c.closed).to.equal(4004);
  });

  it('closes with 4013 on unknown intent bits', async () => {
    const c = connect(`${emu.gatewayUrl}?v=10&encoding=json`);
    await c.next((f) => f.op === 10);
    c.send({ op: 2, d: { token: emu.botToken, intents: 1 << 30, properties: {} } });
    expect(await c.closed).to.equal(4013);
  });

  it('refuses zlib-stream compression loudly instead of sending frames the client cannot read', async () => {
    const c = connect(`${emu.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    expect(await c.closed).to.equal(4002);
    expect(c.frames).to.deep.equal([]);
  });

  it('refuses gateway versions other than 10 with 4012', async () => {
    const c = connect(`${emu.gatewayUrl}?v=9&encoding=json`);
    expect(await c.closed).to.equal(4012);
  });

  it('answers RESUME of an unknown session with op 9 (not resumable)', async () => {
    const c = connect(`${emu.gatewayUrl}?v=10&encoding=json`);
    await c.next((f) => f.op === 10);
    c.send({ op: 6, d: { token: emu.botToken, session_id: 'unknown', seq: 3 } });
    const invalid = await c.next((f) => f.op === 9);
    expect(invalid.d).to.equal(false);
    c.socket.close();
  });
});
