/**
 * "Interested" members: people subscribe through the state (bots cannot), discord.js hears
 * GUILD_SCHEDULED_EVENT_USER_ADD/REMOVE behind the GuildScheduledEvents intent, and the bot pages
 * through GET .../users. discord.js 14 builds the user and the event of those dispatches from its
 * cache (Action#getUser/getScheduledEvent): an uncached one is dropped unless its partial is on.
 */
import { expect } from 'chai';
import {
  Events,
  GatewayIntentBits,
  GuildScheduledEventEntityType as Entity,
  Partials,
  type Guild,
} from 'discord.js';
import { nextEvent } from './core-helpers.js';
import { apiError, rawPacket, startEventsWorld, type EventsWorld } from './scheduled-events-helpers.js';

const EVENTS_AND_MEMBERS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildScheduledEvents,
];

function voiceEvent(world: EventsWorld, name = 'Mixer') {
  return world.emu.state.scheduledEvents.create(world.guildId, {
    name,
    creatorId: world.emu.botUser.id,
    scheduledStartTime: world.at(3_600_000),
    entityType: Entity.Voice,
    channelId: world.seeded.channels.Lounge!.id,
  });
}

describe('emulator scheduled events: subscribers with Partials.User and Partials.GuildScheduledEvent', () => {
  let world: EventsWorld;
  let guild: Guild;

  before(async () => {
    world = await startEventsWorld({ partials: [Partials.GuildScheduledEvent, Partials.User] });
    guild = world.client.guilds.cache.get(world.guildId)!;
  });
  after(async () => {
    await world.stop();
  });

  it('emits guildScheduledEventUserAdd for an uncached member, with a partial user', async () => {
    const event = voiceEvent(world);
    const fan = world.seeded.members[0]!;
    expect(world.client.users.cache.has(fan.id)).to.equal(false);
    const added = nextEvent(world.client, Events.GuildScheduledEventUserAdd);
    world.emu.state.scheduledEvents.subscribe(guild.id, event.id, fan.id);
    const [scheduled, user] = await added;
    expect([scheduled.id, user.id, user.partial]).to.deep.equal([event.id, fan.id, true]);
  });

  it('emits guildScheduledEventUserRemove when the member takes Interested back', async () => {
    const event = voiceEvent(world, 'Leave');
    const fan = world.seeded.members[1]!;
    world.emu.state.scheduledEvents.subscribe(guild.id, event.id, fan.id);
    const removed = nextEvent(world.client, Events.GuildScheduledEventUserRemove);
    world.emu.state.scheduledEvents.unsubscribe(guild.id, event.id, fan.id);
    const [scheduled, user] = await removed;
    expect([scheduled.id, user.id]).to.deep.equal([event.id, fan.id]);
  });

  it('counts subscribers in user_count only with with_user_count', async () => {
    const event = voiceEvent(world, 'Counted');
    for (const m of world.seeded.members.slice(0, 3))
      world.emu.state.scheduledEvents.subscribe(guild.id, event.id, m.id);
    const counted = await guild.scheduledEvents.fetch({
      guildScheduledEvent: event.id,
      withUserCount: true,
      force: true,
    });
    expect(counted.userCount).to.equal(3);
    const plain = await world.client.rest.get(`/guilds/${guild.id}/scheduled-events/${event.id}`);
    expect(plain).to.not.have.property('user_count');
  });

  it('pages subscribers by user id: ascending, limit, after, before (before wins over after)', async () => {
    const event = voiceEvent(world, 'Paged');
    const ids = world.seeded.members.map((m) => m.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    for (const id of [...ids].reverse()) world.emu.state.scheduledEvents.subscribe(guild.id, event.id, id);
    const page = async (query: Record<string, string | number | boolean>) => [
      ...(await guild.scheduledEvents.fetchSubscribers(event.id, query)).keys(),
    ];
    expect(await page({})).to.deep.equal(ids);
    expect(await page({ limit: 2 })).to.deep.equal(ids.slice(0, 2));
    expect(await page({ limit: 2, after: ids[1]! })).to.deep.equal(ids.slice(2, 4));
    expect(await page({ limit: 2, before: ids[4]! })).to.deep.equal(ids.slice(2, 4));
    expect(await page({ before: ids[2]!, after: ids[0]! })).to.deep.equal(ids.slice(0, 2));
    const members = await guild.scheduledEvents.fetchSubscribers(event.id, { withMember: true, limit: 1 });
    expect(members.first()?.member?.id).to.equal(ids[0]);
  });

  it('refuses a limit above 100 with 400 50035', async () => {
    const event = voiceEvent(world, 'Limits');
    const error = await apiError(guild.scheduledEvents.fetchSubscribers(event.id, { limit: 101 }));
    expect(error.code).to.equal(50035);
  });

  it('refuses subscribers for a finished event (180000)', () => {
    const event = voiceEvent(world, 'Over');
    world.emu.state.scheduledEvents.update(guild.id, event.id, { status: 4 });
    expect(() => world.emu.state.scheduledEvents.subscribe(guild.id, event.id, world.seeded.members[0]!.id))
      .to.throw()
      .with.property('code', 180000);
  });
});

describe('emulator scheduled events: subscribers without partials or intent', () => {
  it('drops USER_ADD for an uncached user without Partials.User, and emits it once the member is cached', async () => {
    const world = await startEventsWorld({ intents: [...EVENTS_AND_MEMBERS] });
    try {
      const event = voiceEvent(world);
      const [fan, later] = world.seeded.members;
      let emitted = 0;
      world.client.on(Events.GuildScheduledEventUserAdd, () => emitted++);
      const packet = rawPacket(world.client, 'GUILD_SCHEDULED_EVENT_USER_ADD');
      world.emu.state.scheduledEvents.subscribe(world.guildId, event.id, fan!.id);
      await packet;
      expect(emitted).to.equal(0);
      await world.client.guilds.cache.get(world.guildId)!.members.fetch(later!.id);
      const added = nextEvent(world.client, Events.GuildScheduledEventUserAdd);
      world.emu.state.scheduledEvents.subscribe(world.guildId, event.id, later!.id);
      const [, user] = await added;
      expect([user.id, user.partial]).to.deep.equal([later!.id, false]);
    } finally {
      await world.stop();
    }
  });

  it('sends no scheduled-event dispatches to a session without the GuildScheduledEvents intent', async () => {
    const world = await startEventsWorld({ intents: [GatewayIntentBits.Guilds], partials: [Partials.User] });
    try {
      const seen: string[] = [];
      world.client.on(Events.Raw, (p: { t: string }) => seen.push(p.t));
      const event = voiceEvent(world);
      world.emu.state.scheduledEvents.subscribe(world.guildId, event.id, world.seeded.members[0]!.id);
      // Dispatches arrive in order: once GUILD_UPDATE is in, anything sent before it would be too.
      const marker = rawPacket(world.client, 'GUILD_UPDATE');
      world.emu.state.guilds.update(world.guildId, { description: 'marker' });
      await marker;
      expect(seen.filter((t) => t.startsWith('GUILD_SCHEDULED_EVENT'))).to.deep.equal([]);
    } finally {
      await world.stop();
    }
  });
});
