/**
 * `enforce_nonce` on message create (discord-api-docs, Create Message): a second create by the
 * same author with the same nonce returns the first message instead of posting again. The mixer's
 * feedback DMs rely on it when a worker re-sends after a crash. Checked through discord.js.
 */
import { expect } from 'chai';
import type { TextChannel } from 'discord.js';
import { startCoreWorld, type CoreWorld } from './core-helpers.js';

describe('messages: enforce_nonce', () => {
  let world: CoreWorld;
  const general = () => world.client.channels.cache.get(world.seeded.channels.general!.id) as TextChannel;

  beforeEach(async () => {
    world = await startCoreWorld({ seed: { memberCount: 1 } });
  });

  afterEach(async () => {
    await world.stop();
  });

  it('returns the first message for a repeated nonce, and posts again without enforce_nonce', async () => {
    const first = await general().send({ content: 'once', nonce: 'feedback-1', enforceNonce: true });
    const again = await general().send({ content: 'once', nonce: 'feedback-1', enforceNonce: true });
    expect(again.id).to.equal(first.id);
    expect(world.emu.state.messages.list(general().id).filter((m) => m.content === 'once')).to.have.length(1);
    const other = await general().send({ content: 'once', nonce: 'feedback-2', enforceNonce: true });
    expect(other.id).to.not.equal(first.id);
    const unenforced = await general().send({ content: 'once', nonce: 'feedback-1', enforceNonce: false });
    expect(unenforced.id).to.not.equal(first.id);
    expect(world.emu.state.messages.list(general().id).filter((m) => m.content === 'once')).to.have.length(3);
  });

  it('refuses a nonce longer than 25 characters', async () => {
    const error = await general()
      .send({ content: 'x', nonce: 'n'.repeat(26), enforceNonce: true })
      .then(
        () => null,
        (e: unknown) => e as { status?: number; code?: number },
      );
    expect(error?.status).to.equal(400);
    expect(error?.code).to.equal(50035);
  });
});
