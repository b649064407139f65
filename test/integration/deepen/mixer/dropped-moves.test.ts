/**
 * Moves that do not happen are told to the people concerned, and the moves never spend more than
 * their invalid-request budget (401/403/429 except shared-scope 429s, counted as Discord counts
 * them towards its IP ban: discord-api-docs, topics/rate-limits). With the budget forced low, a
 * burst of 429s on the move route spends it on the first move of a 12-person mixer; the other
 * moves are then dropped without a request while the bucket has no room (the 429's Retry-After),
 * and sent again once it has room, the way back included. Each member whose move was dropped
 * gets a link to their room (DM, or a mention in the text chat of the voice channel they are in
 * when DMs are closed), once per round; the control message and `/mixer status` show the same
 * count of those still out of place. A move whose answer was lost (a timeout after Discord moved
 * the member) is settled by the member's voice state, not told as a failure.
 */
import { expect } from 'chai';
import type { Guild } from 'discord.js';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { passTime, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { MovePacer } from '../../../../shared/deepen/mixer/move-pacer.js';

const EN = { locale: 'en-US' } as const;
const MOVE_ROUTE = 'PATCH /guilds/:guildId/members/:userId';
const MINUTE = 60_000;
const PEOPLE = 12;
/** A budget of 3: three 429s in a row on the first move spend it. */
const BUDGET = 3;
/**
 * The storm's Retry-After: long enough that the moves queued behind the first one are decided
 * (dropped, the bucket having no room) well before it passes; the test then waits for the room.
 */
const RETRY_MS = 3000;

type RunDoc = NonNullable<Awaited<ReturnType<typeof untilPhase>>>;

describe('Deepen: mixer moves past the invalid-request budget are dropped, told to the members and counted once', function () {
  this.timeout(180_000);
  useMongoose('mixer_dropped_moves');
  let w: MixerWorld | undefined;

  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  async function budgetedWorld(): Promise<{ world: MixerWorld; pacer: MovePacer }> {
    const world = await startMixerWorld({ alumni: PEOPLE });
    const pacer = new MovePacer(undefined, undefined, { invalidBudget: BUDGET });
    world.bot.ctx.services.mixer.moves = pacer;
    return { world, pacer };
  }

  const storm = (world: MixerWorld, count: number, retryAfterMs = RETRY_MS) =>
    world.emu.rateLimits.forceNext(count, { route: MOVE_ROUTE, retryAfterMs });
  /** A last 429 whose Retry-After outlasts the test: every move after it is dropped unsent. */
  const LAST_RETRY_MS = MINUTE;
  const movesServed429 = (world: MixerWorld) =>
    world.emu.rateLimits.served.filter((s) => s.route === MOVE_ROUTE).length;
  /** The bucket has room again by the last 429's Retry-After (the state the next moves need). */
  const untilRoom = (world: MixerWorld, pacer: MovePacer) =>
    world.until(() => pacer.hasRoom(world.guildId), 'the move bucket to have room', RETRY_MS * 4);

  /** Each participant of `round` → their group's room. */
  function roomsOf(run: RunDoc, round: number): Map<string, string> {
    const rooms = new Map<string, string>();
    (run.state as { rounds: string[][][] }).rounds[round]!.forEach((members, g) => {
      for (const id of members) rooms.set(id, run.rooms[run.roomOfGroup[round]![g]!]!);
    });
    return rooms;
  }

  /** The participants of `round` not in their room: the moves that were dropped. */
  function notInPlace(world: MixerWorld, run: RunDoc, round: number): string[] {
    return [...roomsOf(run, round)].filter(([id, room]) => world.voiceOf(id) !== room).map(([id]) => id);
  }

  const link = (world: MixerWorld, channelId: string) =>
    `https://discord.com/channels/${world.guildId}/${channelId}`;
  const droppedDms = (world: MixerWorld, userId: string) =>
    world.drivers.dmsTo(userId).filter((m) => (m.content ?? '').includes('I could not move you'));
  const controlText = (world: MixerWorld, run: RunDoc) =>
    world.drivers.messagesIn(world.lobbyId).find((m) => m.id === run.controlMessageId)?.embeds?.[0]
      ?.description ?? '';
  const status = (world: MixerWorld) =>
    world.drivers
      .runSlashCommand(world.guildId, world.lobbyId, world.organiserId, 'mixer status', {}, EN)
      .waitForReply(15_000);

  it('GIVEN the budget is spent on the first move WHEN the others queue THEN they are dropped without a request, each member gets one DM with their room link, control and status agree, and the moves go through once the bucket has room', async () => {
    const { world, pacer } = await budgetedWorld();
    w = world;
    storm(w, BUDGET);
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 5 });
    const run = await untilPhase(w, runId, 'talking', 0, 60_000);
    const rooms = roomsOf(run, 0);

    // Three 429s spent the budget on the first move; no other move was sent into the full bucket.
    expect(movesServed429(w)).to.equal(BUDGET);
    expect(w.emu.rateLimits.invalidRequests()).to.be.at.most(BUDGET + 1);
    expect(pacer.invalidCount()).to.equal(BUDGET);
    const dropped = notInPlace(w, run, 0);
    expect(dropped).to.have.length(PEOPLE);
    for (const id of dropped) {
      expect(w.voiceOf(id), 'a dropped member stays in the lobby').to.equal(w.lobbyId);
      const dms = droppedDms(w, id);
      expect(dms, `DM to ${id}`).to.have.length(1);
      expect(dms[0]!.content).to.include(link(w, rooms.get(id)!));
      expect(dms[0]!.content).to.include('Please join it yourself');
    }
    expect([...run.moves!.notified].sort()).to.deep.equal([...dropped].sort());
    expect([...run.moves!.unmoved].sort()).to.deep.equal([...dropped].sort());

    await w.until(
      () => controlText(w!, run).includes(`${PEOPLE} could not be moved: asked to join by link`),
      'the control message counting the dropped moves',
    );
    expect((await status(w)).content).to.include(
      `moves 0/${PEOPLE} (${PEOPLE} could not be moved: asked to join by link)`,
    );

    // The bucket has room again (the budget is still spent): the warning's drive moves everyone,
    // nobody is told twice, and both lines stop counting them.
    await untilRoom(w, pacer);
    await passTime(w, 4 * MINUTE + 1000);
    const warned = await w.until(async () => {
      const doc = await MixerRun.findOne({ runId }).lean();
      return doc && doc.warnedRound === 0 && doc.moves!.done >= 2 * PEOPLE ? doc : null;
    }, 'the dropped moves tried again');
    for (const [id, room] of rooms) {
      expect(w.voiceOf(id), `${id} in their room`).to.equal(room);
      expect(droppedDms(w, id), `still one DM to ${id}`).to.have.length(1);
    }
    expect(warned.moves!.unmoved).to.deep.equal([]);
    expect(pacer.invalidCount()).to.equal(BUDGET);
    await w.until(
      () => !controlText(w!, run).includes('could not be moved'),
      'the control message without the unmoved line',
    );
    const after = (await status(w)).content;
    const [, moved, total] = /moves (\d+)\/(\d+)/.exec(after) ?? [];
    expect(moved, 'every move done counted as moved').to.equal(total);
    expect(after).to.not.include('could not be moved');

    // The way back completes although the budget is still spent: the bucket has room.
    await passTime(w, MINUTE);
    await untilPhase(w, runId, 'done', undefined, 60_000);
    for (const id of w.alumni) expect(w.voiceOf(id), `${id} back in the lobby`).to.equal(w.lobbyId);
    expect(w.emu.rateLimits.invalidRequests()).to.be.at.most(BUDGET + 1);
  });

  it('GIVEN DMs are closed WHEN moves are dropped THEN the chat each member is in mentions them with their room link, round after round, and past the budget each round costs at most one more invalid request', async () => {
    const { world, pacer } = await budgetedWorld();
    w = world;
    for (const id of w.alumni) w.drivers.closeDms(id);
    storm(w, BUDGET);
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 2, minutes: 5 });
    const round0 = await untilPhase(w, runId, 'talking', 0, 60_000);
    const rooms0 = roomsOf(round0, 0);
    expect(notInPlace(w, round0, 0)).to.have.length(PEOPLE);

    // The lobby chat: every member mentioned once, each line with the link to their room.
    const told = (channelId: string) =>
      w!.drivers.messagesIn(channelId).filter((m) => (m.content ?? '').includes('I could not move you'));
    const lines = told(w.lobbyId).flatMap((m) => m.content.split('\n'));
    expect(lines).to.have.length(PEOPLE);
    for (const [id, room] of rooms0) {
      const line = lines.filter((l) => l.startsWith(`<@${id}> `));
      expect(line, `one line for ${id}`).to.have.length(1);
      expect(line[0]).to.include(link(w, room));
    }
    const mentionedInLobby = told(w.lobbyId).flatMap((m) => m.mentions.map((u) => u.id));
    expect(mentionedInLobby.sort()).to.deep.equal([...rooms0.keys()].sort());
    for (const id of w.alumni) expect(w.drivers.dmsTo(id)).to.deep.equal([]);

    // The warning's drive moves everyone (the bucket has room), then round 2's first move meets
    // one more 429 while everyone sits in a room of round 1: it costs that one invalid request,
    // the other moves are dropped unsent, and each member is told in that room's chat.
    await untilRoom(w, pacer);
    await passTime(w, 4 * MINUTE + 1000);
    await w.until(async () => {
      const doc = await MixerRun.findOne({ runId }).lean();
      return doc && doc.warnedRound === 0 && doc.moves!.done >= 2 * PEOPLE;
    }, 'the dropped moves of round 1 done');
    for (const [id, room] of rooms0) expect(w.voiceOf(id)).to.equal(room);
    await untilRoom(w, pacer);
    storm(w, 1, LAST_RETRY_MS);
    await passTime(w, MINUTE);
    const round1 = await untilPhase(w, runId, 'talking', 1, 60_000);
    const rooms1 = roomsOf(round1, 1);
    const dropped1 = notInPlace(w, round1, 1);
    expect(movesServed429(w)).to.equal(BUDGET + 1);
    // (The emulator's own count also holds the 403s of the closed DMs, which are not moves.)
    expect(pacer.invalidCount()).to.equal(BUDGET + 1);
    // Those whose round-2 room is the one they sit in are in place without a move.
    expect(dropped1.length).to.be.greaterThan(0);
    expect([...round1.moves!.notified].sort()).to.deep.equal([...dropped1].sort());
    for (const id of dropped1) {
      const at = w.voiceOf(id)!;
      expect(round1.rooms, 'a dropped member stays in their room of round 1').to.include(at);
      const mention = told(at).find((m) => m.content.includes(`<@${id}> `));
      expect(mention, `told in the chat of ${at}`).to.not.equal(undefined);
      const line = mention!.content.split('\n').find((l) => l.startsWith(`<@${id}> `))!;
      expect(line).to.include(link(w, rooms1.get(id)!));
    }
    const mentioned = round1.rooms.flatMap((room) => told(room).flatMap((m) => m.mentions.map((u) => u.id)));
    expect(mentioned.sort()).to.deep.equal([...dropped1].sort());
  });

  it('GIVEN the way back meets a 429 past the budget WHEN the rooms close THEN no further request is sent into the full bucket and whoever is still in a room gets one DM with the lobby link', async () => {
    const { world, pacer } = await budgetedWorld();
    w = world;
    storm(w, BUDGET);
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 5 });
    await untilPhase(w, runId, 'talking', 0, 60_000);
    await untilRoom(w, pacer);
    await passTime(w, 4 * MINUTE + 1000);
    const talking = await w.until(async () => {
      const doc = await MixerRun.findOne({ runId }).lean();
      return doc && doc.warnedRound === 0 && doc.moves!.done >= 2 * PEOPLE ? doc : null;
    }, 'everyone moved by the warning');
    expect(notInPlace(w, talking as RunDoc, 0)).to.deep.equal([]);

    // The way back tries three times; its first move meets a 429 (budget + 1), and every other
    // move of the three tries is dropped before a request while the bucket has no room.
    await untilRoom(w, pacer);
    const served = movesServed429(w);
    storm(w, 1, LAST_RETRY_MS);
    await passTime(w, MINUTE);
    const done = await untilPhase(w, runId, 'done', undefined, 60_000);
    expect(movesServed429(w) - served).to.equal(1);
    expect(pacer.invalidCount()).to.equal(BUDGET + 1);
    expect(w.emu.rateLimits.invalidRequests()).to.be.at.most(BUDGET + 1);
    for (const id of [...done.rooms, done.categoryId!])
      expect(w.emu.state.channels.find(id)).to.equal(undefined);
    const backDms = (id: string) =>
      w!.drivers.dmsTo(id).filter((m) => (m.content ?? '').includes('I could not move you back'));
    for (const id of w.alumni) {
      expect(backDms(id), `one DM to ${id} over three tries`).to.have.length(1);
      expect(backDms(id)[0]!.content).to.include(link(w, w.lobbyId));
      // Their room was deleted under them (Discord disconnects whoever is in a deleted channel).
      expect(w.voiceOf(id)).to.equal(null);
    }
    expect([...done.moves!.notified].sort()).to.deep.equal([...w.alumni].sort());
  });

  it('GIVEN two moves whose answers are lost WHEN one of them did happen THEN only the member left in the lobby is told, and control and status count that one', async () => {
    w = await startMixerWorld({ alumni: PEOPLE });
    const guild = w.bot.client.guilds.cache.get(w.guildId) as Guild;
    const members = guild.members;
    const edit = members.edit.bind(members);
    const lost: string[] = [];
    // A lost answer, as a timeout or an abort gives: the first move reached Discord (the member is
    // moved), the second never did. Neither is a Discord answer.
    members.edit = (async (user: string, options: Parameters<typeof edit>[1]) => {
      const userId = String(user);
      if (lost.length === 0) {
        lost.push(userId);
        await edit(user, options);
        throw Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
      }
      if (lost.length === 1) {
        lost.push(userId);
        throw Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
      }
      return edit(user, options);
    }) as typeof members.edit;
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 5 });
    const run = await untilPhase(w, runId, 'talking', 0, 60_000);
    const rooms = roomsOf(run, 0);
    expect(lost).to.have.length(2);
    const [applied, missed] = lost as [string, string];

    expect(w.voiceOf(applied)).to.equal(rooms.get(applied));
    expect(droppedDms(w, applied), 'no DM to the member who was moved').to.deep.equal([]);
    expect(w.voiceOf(missed)).to.equal(w.lobbyId);
    expect(droppedDms(w, missed)).to.have.length(1);
    expect(notInPlace(w, run, 0)).to.deep.equal([missed]);
    expect(run.moves!.unmoved).to.deep.equal([missed]);
    await w.until(
      () => controlText(w!, run).includes('1 could not be moved: asked to join by link'),
      'the control message counting the one unmoved',
    );
    expect((await status(w)).content).to.include(
      `moves ${PEOPLE - 1}/${PEOPLE} (1 could not be moved: asked to join by link)`,
    );
  });
});
