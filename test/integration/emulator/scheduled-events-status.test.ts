/**
 * Scheduled-event status: Discord's transitions, what it does by itself as time passes (moved
 * with `emu.state.clock.advance()`, never waited for), and the limit of 100 open events.
 */
import { expect } from 'chai';
import {
  Events,
  GatewayIntentBits,
  GuildScheduledEventEntityType as Entity,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus as Status,
  type Guild,
  type GuildScheduledEvent,
} from 'discord.js';
import { nextEvent } from './core-helpers.js';
import { apiError, startEventsWorld, type EventsWorld } from './scheduled-events-helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('emulator scheduled events: status and automation', () => {
  let world: EventsWorld;
  let guild: Guild;
  const lounge = () => world.seeded.channels.Lounge!.id;
  const person = (i = 0) => world.seeded.members[i]!.id;
  const voiceEvent = (name: string) =>
    guild.scheduledEvents.create({
      name,
      scheduledStartTime: world.at(HOUR),
      privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
      entityType: Entity.Voice,
      channel: lounge(),
    });
  const statusOf = (event: GuildScheduledEvent) =>
    world.emu.state.scheduledEvents.get(guild.id, event.id).status;
  const statusUpdate = (event: GuildScheduledEvent, status: Status) =>
    nextEvent(
      world.client,
      Events.GuildScheduledEventUpdate,
      (_old, e) => e.id === event.id && e.status === status,
    );

  before(async () => {
    world = await startEventsWorld({ emulator: { scheduledEvents: { cancelUnstartedAfterMs: 2 * HOUR } } });
    guild = world.client.guilds.cache.get(world.guildId)!;
  });
  afterEach(() => {
    for (const v of world.emu.state.voice.list(guild.id)) world.emu.state.voice.leave(guild.id, v.userId);
  });
  after(async () => {
    await world.stop();
  });

  it('takes the delays from the emulator options, with 3 minutes for an emptied channel by default', () => {
    expect(world.emu.state.scheduledEvents.timings).to.deep.equal({
      completeEmptyAfterMs: 3 * MINUTE,
      cancelUnstartedAfterMs: 2 * HOUR,
    });
  });

  it('goes SCHEDULED → ACTIVE → COMPLETED, with an UPDATE for each step', async () => {
    const event = await voiceEvent('Steps');
    world.emu.state.voice.join(guild.id, person(), lounge());
    const started = statusUpdate(event, Status.Active);
    await event.setStatus(Status.Active);
    await started;
    const ended = statusUpdate(event, Status.Completed);
    await guild.scheduledEvents.edit(event.id, { status: Status.Completed });
    await ended;
  });

  it('keeps finished events final: any edit answers 400 180000 "Cannot update a finished event"', async () => {
    const event = await voiceEvent('Final');
    await event.setStatus(Status.Canceled);
    const error = await apiError(guild.scheduledEvents.edit(event.id, { name: 'Again' }));
    expect([error.status, error.code, error.message]).to.deep.equal([
      400,
      180000,
      'Cannot update a finished event',
    ]);
  });

  it('refuses ACTIVE → SCHEDULED, SCHEDULED → COMPLETED and a new start time while ACTIVE', async () => {
    const event = await voiceEvent('Strict');
    const skip = await apiError(guild.scheduledEvents.edit(event.id, { status: Status.Completed }));
    expect(skip.rawError).to.have.nested.property('errors.status._errors[0].code');
    world.emu.state.voice.join(guild.id, person(), lounge());
    await event.setStatus(Status.Active);
    // discord.js's types already forbid this edit; the raw PATCH shows Discord's answer.
    const back = await apiError(
      world.client.rest.patch(`/guilds/${guild.id}/scheduled-events/${event.id}`, {
        body: { status: Status.Scheduled },
      }),
    );
    expect(back.code).to.equal(50035);
    const start = await apiError(
      guild.scheduledEvents.edit(event.id, { scheduledStartTime: world.at(HOUR) }),
    );
    expect(start.rawError).to.have.nested.property(
      'errors.scheduled_start_time._errors[0].code',
      'GUILD_SCHEDULED_EVENT_SCHEDULE_INVALID_START_BY_STATUS',
    );
  });

  it('never starts a voice event by itself, and cancels it once it is hours overdue', async () => {
    const event = await voiceEvent('Forgotten');
    world.emu.state.clock.advance(HOUR + 90 * MINUTE);
    expect(statusOf(event)).to.equal(Status.Scheduled);
    const cancelled = statusUpdate(event, Status.Canceled);
    world.emu.state.clock.advance(HOUR);
    await cancelled;
  });

  it('completes an active voice event 3 minutes after its channel empties, not while people stay', async () => {
    const event = await voiceEvent('Mixer');
    world.emu.state.voice.join(guild.id, person(0), lounge());
    world.emu.state.voice.join(guild.id, person(1), lounge());
    await event.setStatus(Status.Active);
    world.emu.state.clock.advance(30 * MINUTE);
    world.emu.state.voice.leave(guild.id, person(0));
    world.emu.state.clock.advance(10 * MINUTE);
    expect(statusOf(event)).to.equal(Status.Active);
    world.emu.state.voice.leave(guild.id, person(1));
    world.emu.state.clock.advance(2.5 * MINUTE);
    expect(statusOf(event)).to.equal(Status.Active);
    const completed = statusUpdate(event, Status.Completed);
    world.emu.state.clock.advance(MINUTE);
    await completed;
  });

  it('starts counting again when someone rejoins the emptied channel', async () => {
    const event = await voiceEvent('Rejoin');
    world.emu.state.voice.join(guild.id, person(), lounge());
    await event.setStatus(Status.Active);
    world.emu.state.voice.leave(guild.id, person());
    world.emu.state.clock.advance(2 * MINUTE);
    world.emu.state.voice.join(guild.id, person(), lounge());
    world.emu.state.clock.advance(10 * MINUTE);
    expect(statusOf(event)).to.equal(Status.Active);
  });

  it('starts an external event at its start time and completes it at its end time', async () => {
    const event = await guild.scheduledEvents.create({
      name: 'Drinks',
      scheduledStartTime: world.at(HOUR),
      scheduledEndTime: world.at(3 * HOUR),
      privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
      entityType: Entity.External,
      entityMetadata: { location: 'Ebisu' },
    });
    const started = statusUpdate(event, Status.Active);
    world.emu.state.clock.advance(HOUR);
    await started;
    const ended = statusUpdate(event, Status.Completed);
    world.emu.state.clock.advance(2 * HOUR);
    await ended;
  });

  it('leaves finished events out of the list but still answers GET for them', async () => {
    const event = await voiceEvent('Gone');
    await event.setStatus(Status.Canceled);
    const listed = await guild.scheduledEvents.fetch();
    expect(listed.has(event.id)).to.equal(false);
    const fetched = await guild.scheduledEvents.fetch({ guildScheduledEvent: event.id, force: true });
    expect(fetched.status).to.equal(Status.Canceled);
  });
});

describe('emulator scheduled events: the limit of 100 open events', () => {
  it('answers 400 30038 for the 101st SCHEDULED or ACTIVE event and counts finished ones out', async () => {
    // Without the GuildScheduledEvents intent the 100 CREATE dispatches stay on the emulator's side.
    const world = await startEventsWorld({ intents: [GatewayIntentBits.Guilds] });
    try {
      const guild = world.client.guilds.cache.get(world.guildId)!;
      const ids = Array.from({ length: 100 }, (_, i) =>
        world.emu.state.scheduledEvents.create(world.guildId, {
          name: `Event ${i}`,
          scheduledStartTime: world.at(HOUR),
          entityType: Entity.Voice,
          channelId: world.seeded.channels.Lounge!.id,
        }),
      ).map((e) => e.id);
      const options = {
        name: 'One too many',
        scheduledStartTime: world.at(HOUR),
        privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
        entityType: Entity.Voice,
        channel: world.seeded.channels.Lounge!.id,
      } as const;
      const error = await apiError(guild.scheduledEvents.create(options));
      expect([error.status, error.code, error.message]).to.deep.equal([
        400,
        30038,
        'Maximum number of uncompleted guild scheduled events reached (100)',
      ]);
      world.emu.state.scheduledEvents.update(world.guildId, ids[0]!, { status: Status.Canceled });
      expect((await guild.scheduledEvents.create(options)).name).to.equal('One too many');
    } finally {
      await world.stop();
    }
  });
});
