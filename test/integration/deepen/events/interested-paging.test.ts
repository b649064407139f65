/**
 * Discord's Interested list past one page: 230 subscribers read through discord.js against the
 * emulator's "Get Guild Scheduled Event Users" (discord-api-docs: `limit` 1–100, default 100;
 * ascending by user id; `before` wins over `after`; `with_member` adds the member when there is
 * one), and the bot's whole-list read at start-up and before each start.
 */
import { expect } from 'chai';
import { DiscordAPIError } from 'discord.js';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { EventOccurrence } from '../../../../shared/deepen/events/event.model.js';
import { syncInterested } from '../../../../bot/deepen/events/flows/interested-sync.js';
import { findOccurrence } from '../../../../shared/deepen/events/series.service.js';
import { at, createEvent } from './helpers.js';

const zone = 'Asia/Tokyo';
const byId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

describe('Events: an Interested list of 230, paged as Discord pages it (emulator)', () => {
  useMongoose('events_interested_paging');
  let w: EventsWorld;
  let eventId: string;
  let occurrenceId: string;
  let fans: string[];
  let members: Set<string>;

  beforeEach(async () => {
    w = await startEventsWorld({ zone, start: at('2027-01-13T10:00', zone) });
    const { occurrences } = await createEvent(w, { title: 'Popular night', when: 'tomorrow 8pm' });
    eventId = occurrences[0]!.discordEventId!;
    occurrenceId = String(occurrences[0]!._id);
    const guild = w.emu.state.guilds.get(w.guildId);
    const created = Array.from(
      { length: 230 },
      (_, i) => w.emu.state.users.create({ username: `fan${i}` }).id,
    );
    // 200 are members; 30 have left the server since (Discord then sends no member for them).
    members = new Set(created.slice(0, 200));
    for (const id of members) w.emu.state.members.insert(guild, id, {});
    // Subscribed while the bot was offline (no USER_ADD reached it), in no particular order.
    const event = w.emu.state.scheduledEvents.get(w.guildId, eventId);
    for (const id of [...created].reverse()) event.interested.add(id);
    fans = [...created].sort(byId);
  });
  afterEach(async () => {
    await w.stop();
  });

  const fetchPage = (options: { limit?: number; before?: string; after?: string; withMember?: boolean }) =>
    w.bot.client.guilds.cache.get(w.guildId)!.scheduledEvents.fetchSubscribers(eventId, options);

  it('pages by 100 in ascending id order with after, and before returns the page just below, ascending', async () => {
    const first = await fetchPage({});
    expect([...first.keys()]).to.deep.equal(fans.slice(0, 100));
    const second = await fetchPage({ limit: 100, after: fans[99]! });
    expect([...second.keys()]).to.deep.equal(fans.slice(100, 200));
    const last = await fetchPage({ limit: 100, after: fans[199]! });
    expect([...last.keys()]).to.deep.equal(fans.slice(200));
    const below = await fetchPage({ limit: 100, before: fans[150]! });
    expect([...below.keys()]).to.deep.equal(fans.slice(50, 150));
    // Both given: only `before` is respected.
    const both = await fetchPage({ limit: 10, before: fans[150]!, after: fans[0]! });
    expect([...both.keys()]).to.deep.equal(fans.slice(140, 150));
  });

  it('adds the member only with with_member, and only for people still in the server', async () => {
    const plain = await fetchPage({ after: fans[149]! });
    expect([...plain.values()].every((s) => s.member === null)).to.equal(true);
    const withMember = await fetchPage({ after: fans[149]!, withMember: true });
    for (const [id, sub] of withMember) {
      expect(sub.user.id).to.equal(id);
      // discord.js types the member as always there with withMember; Discord leaves it out for leavers.
      const member = sub.member as { id: string } | null;
      expect(member?.id ?? null).to.equal(members.has(id) ? id : null);
    }
  });

  it('refuses a limit above 100 with Discord’s form error', async () => {
    const error = await fetchPage({ limit: 101 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).to.equal(50035);
  });

  it('reads all 230 into the occurrence when the bot syncs the list whole', async () => {
    const guild = w.bot.client.guilds.cache.get(w.guildId)!;
    await syncInterested(w.bot.ctx, guild, (await findOccurrence(occurrenceId))!);
    const doc = await EventOccurrence.findById(occurrenceId).lean();
    expect([...doc!.interested].sort(byId)).to.deep.equal(fans);
  });
});
