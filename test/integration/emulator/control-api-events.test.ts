/**
 * The emulator's event feed (`/_emulator/events`, Server-Sent Events): a notice for every gateway
 * dispatch and every answer the bot gives to an interaction — ids, never message text — and the
 * same guards as the control API.
 */
import { get } from 'node:http';
import { expect } from 'chai';
import { driversFor } from '../../../sandbox/discord/drivers.js';
import { feedOf, type FeedNotice } from '../../../sandbox/discord/view/index.js';
import { startViewWorld, type ViewWorld } from './view-world.js';

/** Reads the feed until `count` notices arrived (or `timeoutMs`), then disconnects. */
async function follow(w: ViewWorld, act: () => Promise<unknown> | void, until: (n: FeedNotice[]) => boolean) {
  const controller = new AbortController();
  const res = await fetch(`${w.emu.baseUrl}/_emulator/events`, { signal: controller.signal });
  expect(res.headers.get('content-type')).to.match(/^text\/event-stream/);
  const notices: FeedNotice[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let acted = false;
  const deadline = Date.now() + 5000;
  while (!until(notices) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const frames = buffer.split('\n\n');
    buffer = frames.pop()!;
    for (const frame of frames)
      for (const line of frame.split('\n'))
        if (line.startsWith('data: ')) notices.push(JSON.parse(line.slice(6)) as FeedNotice);
    if (!acted && notices.some((n) => n.event === 'HELLO')) {
      acted = true;
      await act();
    }
  }
  controller.abort();
  return notices;
}

describe('emulator event feed (Server-Sent Events)', () => {
  let w: ViewWorld;

  before(async () => {
    w = await startViewWorld();
  });

  after(async () => {
    await w?.emu.stop();
  });

  it('says HELLO, then names each change by event and ids without any message text', async () => {
    const general = w.channel('general');
    const notices = await follow(
      w,
      () => {
        const joined = driversFor(w.emu).memberJoin(w.guildId, { username: 'newcomer' });
        driversFor(w.emu).sendMessage(general, joined.user.id, 'a private thought');
      },
      (n) => n.some((x) => x.event === 'MESSAGE_CREATE'),
    );
    expect(notices[0]).to.deep.equal({ event: 'HELLO' });
    const join = notices.find((n) => n.event === 'GUILD_MEMBER_ADD')!;
    expect(join.guildId).to.equal(w.guildId);
    const message = notices.find((n) => n.event === 'MESSAGE_CREATE')!;
    expect(message).to.include({ guildId: w.guildId, channelId: general, userId: join.userId });
    expect(message.messageId).to.be.a('string');
    expect(JSON.stringify(notices)).to.not.include('a private thought');
  });

  it('announces an ephemeral answer with the one person who may see it', async () => {
    const [asker] = w.seeded.members;
    const notices = await follow(
      w,
      async () => {
        const next = w.nextInteraction();
        await w.control('POST', '/interactions/slash', {
          guildId: w.guildId,
          channelId: w.channel('general'),
          userId: asker!.id,
          name: 'profile',
          options: { field: 'industry' },
        });
        await w.answer(await next, { type: 4, data: { content: 'secret', flags: 64 } });
      },
      (n) => n.some((x) => x.event === 'INTERACTION_RESPONSE'),
    );
    const created = notices.find((n) => n.event === 'INTERACTION_CREATE')!;
    const answered = notices.find((n) => n.event === 'INTERACTION_RESPONSE')!;
    expect(answered).to.include({
      userId: asker!.id,
      interactionId: created.interactionId,
      kind: 'callback',
      callbackType: 4,
      ephemeral: true,
      modal: false,
    });
  });

  it('stops listening to the state once the last client has gone', async () => {
    await follow(
      w,
      () => undefined,
      (n) => n.length > 0,
    );
    await driversFor(w.emu).waitFor(() => feedOf(w.emu).size === 0, 2000, 'the feed to be empty');
  });

  it('refuses pages of other sites and callers naming another host', async () => {
    const foreign = await fetch(`${w.emu.baseUrl}/_emulator/events`, {
      headers: { Origin: 'http://evil.example' },
    });
    expect(foreign.status).to.equal(403);
    const status = await new Promise<number>((resolve, reject) => {
      const req = get(`${w.emu.baseUrl}/_emulator/events`, { headers: { Host: 'evil.example' } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      });
      req.on('error', reject);
    });
    expect(status).to.equal(403);
  });
});
