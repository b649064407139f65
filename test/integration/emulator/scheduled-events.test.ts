/**
 * Guild scheduled events through the REAL discord.js Client: who may create and edit them and
 * which shapes Discord accepts (discord-api-docs, guild-scheduled-event.mdx).
 */
import { expect } from 'chai';
import {
  Events,
  GuildScheduledEventEntityType as Entity,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus as Status,
  OverwriteType,
  PermissionFlagsBits as P,
  type Guild,
  type GuildScheduledEventCreateOptions,
} from 'discord.js';
import { DEFAULT_BOT_PERMISSIONS } from '../../../sandbox/discord/state/seed.js';
import { nextEvent } from './core-helpers.js';
import { apiError, startEventsWorld, type EventsWorld } from './scheduled-events-helpers.js';

describe('emulator scheduled events: create, edit, permissions', () => {
  let world: EventsWorld;
  let guild: Guild;
  const lounge = () => world.seeded.channels.Lounge!.id;
  const voice = (name = 'Mixer'): GuildScheduledEventCreateOptions => ({
    name,
    scheduledStartTime: world.at(3_600_000),
    privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
    entityType: Entity.Voice,
    channel: lounge(),
  });
  const post = (body: Record<string, unknown>) =>
    world.client.rest.post(`/guilds/${guild.id}/scheduled-events`, {
      body: { name: 'Raw', privacy_level: 2, scheduled_start_time: world.at(3_600_000), ...body },
    });

  before(async () => {
    world = await startEventsWorld();
    guild = world.client.guilds.cache.get(world.guildId)!;
  });
  afterEach(() => {
    world.setBotPermissions(DEFAULT_BOT_PERMISSIONS);
    world.emu.state.channels.update(lounge(), { permissionOverwrites: [] });
  });
  after(async () => {
    await world.stop();
  });

  it('creates a voice event with GUILD_SCHEDULED_EVENT_CREATE and the bot as creator', async () => {
    const created = nextEvent(world.client, Events.GuildScheduledEventCreate, (e) => e.name === 'Created');
    const event = await guild.scheduledEvents.create(voice('Created'));
    const [cached] = await created;
    expect(cached.id).to.equal(event.id);
    expect(event.creatorId).to.equal(world.emu.botUser.id);
    expect(event.status).to.equal(Status.Scheduled);
    expect(event.channelId).to.equal(lounge());
  });

  it('lets the creator edit its own event with Create Events alone', async () => {
    world.setBotPermissions(DEFAULT_BOT_PERMISSIONS & ~P.ManageEvents);
    const event = await guild.scheduledEvents.create(voice('Own'));
    const edited = await event.edit({ description: 'Bring tea' });
    expect(edited.description).to.equal('Bring tea');
  });

  it("refuses to edit or delete someone else's event without Manage Events (403 50013)", async () => {
    const theirs = world.emu.state.scheduledEvents.create(guild.id, {
      name: 'Theirs',
      creatorId: world.seeded.owner.id,
      scheduledStartTime: world.at(3_600_000),
      entityType: Entity.Voice,
      channelId: lounge(),
    });
    await guild.scheduledEvents.fetch();
    world.setBotPermissions(DEFAULT_BOT_PERMISSIONS & ~P.ManageEvents);
    expect((await apiError(guild.scheduledEvents.edit(theirs.id, { name: 'Mine' }))).code).to.equal(50013);
    expect((await apiError(guild.scheduledEvents.delete(theirs.id))).code).to.equal(50013);
    world.setBotPermissions(DEFAULT_BOT_PERMISSIONS);
    expect((await guild.scheduledEvents.edit(theirs.id, { name: 'Managed' })).name).to.equal('Managed');
  });

  it('refuses to create an event with Manage Events but without Create Events (403 50013)', async () => {
    world.setBotPermissions(DEFAULT_BOT_PERMISSIONS & ~P.CreateEvents);
    const error = await apiError(guild.scheduledEvents.create(voice()));
    expect(error.status).to.equal(403);
    expect(error.code).to.equal(50013);
  });

  it('needs View Channel and Connect on the channel of a voice event', async () => {
    world.emu.state.channels.update(lounge(), {
      permissionOverwrites: [
        { id: world.seeded.botRole!.id, type: OverwriteType.Role, allow: '0', deny: String(P.Connect) },
      ],
    });
    expect((await apiError(guild.scheduledEvents.create(voice()))).code).to.equal(50013);
  });

  it('refuses a start time in the past with GUILD_SCHEDULED_EVENT_SCHEDULE_PAST', async () => {
    const error = await apiError(
      guild.scheduledEvents.create({ ...voice(), scheduledStartTime: world.at(-60_000) }),
    );
    expect(error.code).to.equal(50035);
    expect(error.rawError).to.have.nested.property(
      'errors.scheduled_start_time._errors[0].code',
      'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST',
    );
  });

  it('requires a channel for a voice event and refuses a location on it', async () => {
    const noChannel = await apiError(post({ entity_type: 2 }));
    expect(noChannel.rawError).to.have.nested.property(
      'errors.channel_id._errors[0].code',
      'BASE_TYPE_REQUIRED',
    );
    const withLocation = await apiError(
      post({ entity_type: 2, channel_id: lounge(), entity_metadata: { location: 'Tokyo' } }),
    );
    expect(withLocation.rawError).to.have.nested.property(
      'errors.entity_metadata._errors[0].code',
      'GUILD_SCHEDULED_EVENT_ENTITY_METADATA_UNSUPPORTED',
    );
  });

  it('refuses a text channel for a voice event and a voice channel for a stage event', async () => {
    const text = await apiError(post({ entity_type: 2, channel_id: world.seeded.channels.general!.id }));
    expect(text.code).to.equal(50035);
    const stage = await apiError(post({ entity_type: 1, channel_id: lounge() }));
    expect(stage.rawError).to.have.nested.property(
      'errors.channel_id._errors[0].code',
      'CHANNEL_TYPE_INVALID',
    );
  });

  it('requires a location and an end time for an external event, and no channel', async () => {
    const base = { entity_type: 3, entity_metadata: { location: 'Shibuya' } };
    const noEnd = await apiError(post(base));
    expect(noEnd.rawError).to.have.nested.property(
      'errors.scheduled_end_time._errors[0].code',
      'BASE_TYPE_REQUIRED',
    );
    const withChannel = await apiError(
      post({ ...base, scheduled_end_time: world.at(7_200_000), channel_id: lounge() }),
    );
    expect(withChannel.rawError).to.have.nested.property('errors.channel_id._errors[0].code');
    const ok = await guild.scheduledEvents.create({
      name: 'Picnic',
      scheduledStartTime: world.at(3_600_000),
      scheduledEndTime: world.at(7_200_000),
      privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
      entityType: Entity.External,
      entityMetadata: { location: 'Shibuya' },
    });
    expect([ok.channelId, ok.entityMetadata?.location]).to.deep.equal([null, 'Shibuya']);
  });

  it('refuses an end time before the start and a privacy level other than GUILD_ONLY', async () => {
    const early = await apiError(
      post({ entity_type: 2, channel_id: lounge(), scheduled_end_time: world.at(1_000) }),
    );
    expect(early.rawError).to.have.nested.property('errors.scheduled_end_time._errors[0].code');
    const publicEvent = await apiError(post({ entity_type: 2, channel_id: lounge(), privacy_level: 1 }));
    expect(publicEvent.rawError).to.have.nested.property('errors.privacy_level._errors[0].code');
  });

  it('answers 501 for a recurrence rule instead of ignoring it', async () => {
    const rule = { start: world.at(3_600_000), frequency: 2, interval: 1, by_weekday: [5] };
    // Plain fetch: discord.js retries a 5xx and then throws an HTTPError without the body.
    const res = await fetch(`${world.emu.restBase}/v10/guilds/${guild.id}/scheduled-events`, {
      method: 'POST',
      headers: { Authorization: `Bot ${world.emu.botToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'Weekly',
        privacy_level: 2,
        entity_type: 2,
        channel_id: lounge(),
        scheduled_start_time: world.at(3_600_000),
        recurrence_rule: rule,
      }),
    });
    expect(res.status).to.equal(501);
    expect(((await res.json()) as { message: string }).message).to.include('recurrence_rule');
  });

  it('changes a voice event into an external one only with channel_id null, a location and an end', async () => {
    const event = await guild.scheduledEvents.create(voice('Moving'));
    const missing = await apiError(
      event.edit({ entityType: Entity.External, entityMetadata: { location: 'Cafe' } }),
    );
    expect(missing.rawError).to.have.nested.property(
      'errors.channel_id._errors[0].code',
      'BASE_TYPE_REQUIRED',
    );
    const moved = await event.edit({
      entityType: Entity.External,
      channel: null,
      entityMetadata: { location: 'Cafe' },
      scheduledEndTime: world.at(7_200_000),
    });
    expect([moved.entityType, moved.channelId, moved.entityMetadata?.location]).to.deep.equal([
      Entity.External,
      null,
      'Cafe',
    ]);
  });

  it('hides events in channels the bot cannot view (list and get)', async () => {
    const hidden = await guild.scheduledEvents.create(voice('Hidden'));
    world.emu.state.channels.update(lounge(), {
      permissionOverwrites: [
        { id: world.seeded.botRole!.id, type: OverwriteType.Role, allow: '0', deny: String(P.ViewChannel) },
      ],
    });
    const listed = await guild.scheduledEvents.fetch();
    expect(listed.has(hidden.id)).to.equal(false);
    const error = await apiError(
      guild.scheduledEvents.fetch({ guildScheduledEvent: hidden.id, force: true }),
    );
    expect(error.code).to.equal(10070);
  });

  it('deletes an event with GUILD_SCHEDULED_EVENT_DELETE', async () => {
    const event = await guild.scheduledEvents.create(voice('Doomed'));
    const deleted = nextEvent(world.client, Events.GuildScheduledEventDelete, (e) => e.id === event.id);
    await event.delete();
    await deleted;
    expect(
      (await apiError(guild.scheduledEvents.fetch({ guildScheduledEvent: event.id, force: true }))).code,
    ).to.equal(10070);
  });
});
