/**
 * Invite creation limits as "Create Channel Invite" documents them (discord-api-docs,
 * resources/channel.mdx), through discord.js's REST client: defaults, ranges in Discord's 50035
 * shape, Create Instant Invite, target types, and 1000 invites per guild (30016).
 */
import { expect } from 'chai';
import { DiscordAPIError, REST } from 'discord.js';
import { OverwriteType, PermissionFlagsBits as P, Routes, type APIInvite } from 'discord-api-types/v10';
import { silentLogger } from '../../../shared/logger.js';
import {
  seedGuild,
  startDiscordEmulator,
  type DiscordEmulator,
  type SeededGuild,
} from '../../../sandbox/discord/index.js';
import { MAX_GUILD_INVITES } from '../../../sandbox/discord/state/invites.js';

describe('emulator invites: creation limits', () => {
  let emu: DiscordEmulator;
  let seeded: SeededGuild;
  let rest: REST;
  const general = () => seeded.channels.general!.id;
  const create = (body: Record<string, unknown>, channelId = general()) =>
    rest.post(Routes.channelInvites(channelId), { body }) as Promise<APIInvite & Record<string, unknown>>;
  const failure = async (body: Record<string, unknown>) => {
    const error = await create(body).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof DiscordAPIError))
      throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
    return error;
  };
  /** Plain fetch for 501s: discord.js retries a 5xx and then hides the body. */
  const rawStatus = async (body: Record<string, unknown>) =>
    (
      await fetch(`${emu.restBase}/v10/channels/${general()}/invites`, {
        method: 'POST',
        headers: { Authorization: `Bot ${emu.botToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).status;

  beforeEach(async () => {
    emu = await startDiscordEmulator({ logger: silentLogger(), clockTickMs: 0 });
    seeded = seedGuild(emu.state, { name: 'Alumni', memberCount: 3 });
    rest = new REST({ api: emu.restBase }).setToken(emu.botToken);
  });
  afterEach(async () => {
    await emu.stop();
  });

  it('creates an invite with the documented defaults: 24 hours, unlimited uses, not temporary', async () => {
    const invite = await create({});
    expect([invite.max_age, invite.max_uses, invite.temporary, invite.uses]).to.deep.equal([
      86400,
      0,
      false,
      0,
    ]);
    expect(Date.parse(invite.expires_at!) - Date.parse(invite.created_at as string)).to.equal(86_400_000);
  });

  it('accepts the bounds max_age 604800 and max_uses 100', async () => {
    const invite = await create({ max_age: 604800, max_uses: 100, unique: true });
    expect([invite.max_age, invite.max_uses]).to.deep.equal([604800, 100]);
  });

  it("answers 50035 in Discord's shape for max_age above 7 days and max_uses outside 0–100", async () => {
    const age = await failure({ max_age: 604801 });
    expect([age.status, age.code]).to.deep.equal([400, 50035]);
    expect(age.rawError).to.deep.include({ message: 'Invalid Form Body', code: 50035 });
    expect(age.rawError).to.have.deep.nested.property('errors.max_age._errors[0]', {
      code: 'NUMBER_TYPE_MAX',
      message: 'int value should be less than or equal to 604800.',
    });
    const uses = await failure({ max_uses: 101, max_age: -1 });
    expect(uses.rawError).to.have.nested.property('errors.max_uses._errors[0].code', 'NUMBER_TYPE_MAX');
    expect(uses.rawError).to.have.nested.property('errors.max_age._errors[0].code', 'NUMBER_TYPE_MIN');
  });

  it('answers 403 50013 without Create Instant Invite on the channel', async () => {
    emu.state.channels.update(general(), {
      permissionOverwrites: [
        { id: seeded.botRole!.id, type: OverwriteType.Role, allow: '0', deny: String(P.CreateInstantInvite) },
      ],
    });
    const error = await failure({});
    expect([error.status, error.code]).to.deep.equal([403, 50013]);
  });

  it('requires target_user_id for target_type 1 and target_application_id for target_type 2', async () => {
    const stream = await failure({ target_type: 1 });
    expect(stream.rawError).to.have.nested.property(
      'errors.target_user_id._errors[0].code',
      'BASE_TYPE_REQUIRED',
    );
    const app = await failure({ target_type: 2 });
    expect(app.rawError).to.have.nested.property(
      'errors.target_application_id._errors[0].code',
      'BASE_TYPE_REQUIRED',
    );
    const unknown = await failure({ target_type: 3 });
    expect(unknown.rawError).to.have.nested.property(
      'errors.target_type._errors[0].code',
      'ENUM_TYPE_COERCE',
    );
  });

  it('answers 501 for what it does not model: streams, embedded apps, role_ids', async () => {
    expect(await rawStatus({ target_type: 1, target_user_id: seeded.members[0]!.id })).to.equal(501);
    expect(await rawStatus({ role_ids: [seeded.roles.Alumni!.id] })).to.equal(501);
  });

  it('answers 400 30016 past 1000 invites, reuses an identical one, and frees a place on delete', async () => {
    const mine = await create({ max_age: 0 });
    for (let i = 1; i < MAX_GUILD_INVITES; i++)
      emu.state.invites.create(general(), { inviterId: seeded.owner.id });
    const error = await failure({ unique: true });
    expect([error.status, error.code, error.message]).to.deep.equal([
      400,
      30016,
      'Maximum number of invites reached (1000)',
    ]);
    expect((await create({ max_age: 0 })).code).to.equal(mine.code);
    await rest.delete(Routes.invite(mine.code));
    expect((await create({ unique: true })).code).to.be.a('string');
  });

  it('lets an invite expire after max_age on the emulator clock (404 10006)', async () => {
    const invite = await create({ max_age: 60, unique: true });
    emu.state.clock.advance(59_000);
    expect(((await rest.get(Routes.invite(invite.code))) as APIInvite).code).to.equal(invite.code);
    emu.state.clock.advance(2_000);
    const error = await rest.get(Routes.invite(invite.code)).catch((e: DiscordAPIError) => e);
    expect((error as DiscordAPIError).code).to.equal(10006);
  });
});
