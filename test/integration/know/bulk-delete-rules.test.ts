/**
 * The emulator's Bulk Delete Messages follows Discord's documented rules (discord-api-docs,
 * resources/message.md): Manage Messages, 2–100 ids, none older than 14 days (50034), guild
 * channels only (50003). Erasure relies on these to choose bulk or single deletes.
 */
import { expect } from 'chai';
import { DiscordAPIError, PermissionFlagsBits, Routes } from 'discord.js';
import { useMongoose } from '../../support/database.js';
import { DEFAULT_BOT_PERMISSIONS } from '../../../sandbox/discord/state/seed.js';
import { startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';

async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DiscordAPIError))
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}

describe('emulator: bulk delete within Discord’s limits', () => {
  useMongoose('know_bulk_delete');
  let w: ConnectWorld;

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  const post = (channelId: string) =>
    w.emu.state.messages.create(channelId, { authorId: w.emu.botUser.id, content: 'hello' }).id;
  const bulk = (channelId: string, messages: string[]) =>
    w.bot.client.rest.post(Routes.channelBulkDelete(channelId), { body: { messages } });
  const allowManageMessages = () =>
    w.emu.state.roles.update(w.guildId, w.seeded.botRole!.id, {
      permissions: DEFAULT_BOT_PERMISSIONS | PermissionFlagsBits.ManageMessages,
    });

  it('needs Manage Messages, even for the bot’s own messages', async () => {
    const ids = [post(w.channels.general), post(w.channels.general)];
    const error = await apiError(bulk(w.channels.general, ids));
    expect([error.status, error.code]).to.deep.equal([403, 50013]);
  });

  it('deletes 2–100 recent messages at once, and refuses one, duplicates, or more than 100', async () => {
    allowManageMessages();
    const ids = [post(w.channels.general), post(w.channels.general)];
    expect((await apiError(bulk(w.channels.general, [ids[0]!]))).code).to.equal(50035);
    expect((await apiError(bulk(w.channels.general, [ids[0]!, ids[0]!]))).code).to.equal(50035);
    const many = Array.from({ length: 101 }, (_, i) => String(BigInt(ids[0]!) + BigInt(i)));
    expect((await apiError(bulk(w.channels.general, many))).code).to.equal(50035);
    await bulk(w.channels.general, ids);
    expect(w.drivers.messagesIn(w.channels.general).filter((m) => ids.includes(m.id))).to.have.length(0);
  });

  it('refuses messages older than 14 days (50034) and DM channels (50003)', async () => {
    allowManageMessages();
    const ids = [post(w.channels.general), post(w.channels.general)];
    w.emu.state.clock.advance(15 * 86_400_000);
    const old = await apiError(bulk(w.channels.general, ids));
    expect([old.status, old.code]).to.deep.equal([400, 50034]);
    const dm = w.emu.state.channels.openDm(w.memberId);
    const inDm = await apiError(bulk(dm.id, [post(dm.id), post(dm.id)]));
    expect(inDm.code).to.equal(50003);
  });
});
