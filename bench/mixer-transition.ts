/**
 * Transition part of `npm run bench:mixer`: a round change of a real mixer driven by THE BOT.
 * The Discord emulator runs the realistic rate-limit profile (one per-guild bucket for member
 * moves, 10 per 10 s); the bot (discord.js client, agenda, the embedded store) is started as the
 * mixer tests start it; the organiser runs `/mixer start` in the lobby and confirms, the bot
 * creates the rooms and moves everyone in; once the bucket has reset, the organiser presses
 * "next round" and the bot moves people into the next groups (groups go to the rooms where most
 * of their members already are, so those stay put).
 *
 * Baseline, measured in the same run and at the same moment: the same transition done naively
 * in a second guild seated exactly like the first (member i ↔ participant i): everyone to the
 * lobby, then everyone into the next round's rooms, through discord.js's stock REST client (which
 * paces itself from the same headers). Each guild has its own bucket, so neither slows the other.
 *
 * Figures per case: moves per participant (target ≤ 0.8), and wall time from the button press
 * to the last move landing ÷ the floor the bucket sets for that many moves (target ≤ 1.1).
 */
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { REST, RESTEvents, Routes } from 'discord.js';
import { ChannelType, GatewayDispatchEvents } from 'discord-api-types/v10';
import { startEmbeddedStore } from '../sandbox/store/index.js';
import { REALISTIC_PROFILE, seedGuild } from '../sandbox/discord/index.js';
import { MixerRun } from '../shared/deepen/mixer/mixer-run.model.js';
import {
  expectedFirstTransitionSeconds,
  moveFloorMs,
  ROOM_ACCESS,
  type RoomAccess,
} from '../shared/deepen/mixer/transition-estimate.js';
import { startMixerWorld, type MixerWorld } from '../test/support/mixer-world.js';
import { customIdsOf, untilPhase } from '../test/support/mixer-steps.js';
import type { BenchSection } from './mixer-grouping.js';

export interface TransitionFigure {
  participants: number;
  movesPerParticipant: number;
  wallOverFloor: number | null;
  /** How the rooms opened: each person named in the create call, or the temporary role. */
  roomAccess: string;
  /** Confirm → everyone in their first room (setup, role grants when any, the first moves). */
  firstTransitionMs: number;
  /** The naive transition (everyone out to the lobby and back in), measured beside it. */
  baselineMovesPerParticipant: number;
  baselineWallOverFloor: number | null;
}

interface CaseRow extends TransitionFigure {
  moves: number;
  wallMs: number;
  floorMs: number;
  toTalkingMs: number;
  baselineMoves: number;
  baselineWallMs: number;
  baselineFloorMs: number;
  firstMoveMs: number;
  served429: number;
  baselineServed429: number;
  roleGrants: number;
  expectedFirstMs: number;
}

/** Participants per case; `BENCH_TRANSITION_SIZES=40` runs a quick one while working on it. */
const CASES = (process.env.BENCH_TRANSITION_SIZES ?? '40,200').split(',').map(Number);
const GROUP_SIZE = 4;
const EN = { locale: 'en-US' } as const;
const BUCKET = REALISTIC_PROFILE.buckets.find((b) => b.name === 'guild-member-modify')!;
/** The floor for `moves` moves in the bucket the emulator enforces (not the planner's constants). */
const floorOf = (moves: number) => moveFloorMs(moves, BUCKET.limit, BUCKET.windowMs);
const ratio = (wallMs: number, floorMs: number) =>
  floorMs === 0 ? null : Number((wallMs / floorMs).toFixed(3));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type RunDoc = NonNullable<Awaited<ReturnType<typeof untilPhase>>>;
type Groups = string[][];

/** `/mixer start` and its confirm button, with room for a slow machine (the plan is computed first). */
async function startMixer(w: MixerWorld, options: Record<string, string | number>): Promise<string> {
  const preview = await w.drivers
    .runSlashCommand(w.guildId, w.lobbyId, w.organiserId, 'mixer start', options, EN)
    .waitForReply(120_000);
  const confirm = customIdsOf(preview).find((id) => id.startsWith('mixer:confirm:'));
  if (!confirm) throw new Error(`no confirm button: ${preview.content ?? JSON.stringify(preview.embeds)}`);
  await w.drivers.clickButton(preview.id, confirm, w.organiserId, EN).waitForReply(120_000);
  return confirm.split(':')[2]!;
}

/** Timestamps of voice moves landing in `guildId` (one VOICE_STATE_UPDATE per move). */
function watchMoves(w: MixerWorld, guildId: string) {
  const at: number[] = [];
  const off = w.emu.state.onDispatch((event, _data, id) => {
    if (event === GatewayDispatchEvents.VoiceStateUpdate && id === guildId) at.push(performance.now());
  });
  return { at, off };
}

/**
 * The baseline guild: n members seated as the mixer's participants are now (round `from`), rooms
 * made in the emulator's state; returns the naive transition to round `to`, not yet started.
 */
function naiveTransition(w: MixerWorld, run: RunDoc, from: number, to: number) {
  const rounds = (run.state as { rounds: Groups[] }).rounds;
  const participants = rounds[from]!.flat();
  const seeded = seedGuild(w.emu.state, {
    name: 'Baseline',
    memberCount: participants.length,
    voiceChannels: ['Lobby'],
  });
  const guildId = seeded.guild.id;
  const lobby = seeded.channels['Lobby']!.id;
  const twin = new Map(participants.map((id, i) => [id, seeded.members[i]!.id]));
  const roomCount = Math.max(rounds[from]!.length, rounds[to]!.length);
  const category = w.emu.state.channels.create(guildId, { name: 'Rooms', type: ChannelType.GuildCategory });
  const rooms = Array.from(
    { length: roomCount },
    (_, i) =>
      w.emu.state.channels.create(guildId, {
        name: `Room ${i + 1}`,
        type: ChannelType.GuildVoice,
        parentId: category.id,
      }).id,
  );
  rounds[from]!.forEach((members, g) =>
    members.forEach((id) => w.emu.state.voice.join(guildId, twin.get(id)!, rooms[g]!)),
  );
  const rest = new REST({ api: w.emu.restBase }).setToken(w.emu.botToken);
  let served429 = 0;
  rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status === 429) served429 += 1;
  });
  const move = (userId: string, channelId: string) =>
    rest.patch(Routes.guildMember(guildId, userId), { body: { channel_id: channelId } });
  return {
    guildId,
    served429: () => served429,
    check() {
      const misplaced = rounds[to]!.flatMap((members, g) =>
        members.filter((id) => w.emu.state.voice.find(guildId, twin.get(id)!)?.channelId !== rooms[g]),
      );
      if (misplaced.length) throw new Error(`baseline: ${misplaced.length} members not in their room`);
    },
    async run() {
      await Promise.all(participants.map((id) => move(twin.get(id)!, lobby)));
      await Promise.all(
        rounds[to]!.flatMap((members, g) => members.map((id) => move(twin.get(id)!, rooms[g]!))),
      );
    },
  };
}

async function oneCase(n: number, uri: string): Promise<CaseRow> {
  await mongoose.connect(uri, { dbName: `bench_mixer_transition_${n}_${Date.now()}` });
  let w: MixerWorld | undefined;
  try {
    w = await startMixerWorld({ alumni: n });
    w.emu.rateLimits.useProfile('realistic');
    const world = w;
    // Let the bot finish the lobby's voice joins before the organiser acts (an interaction
    // must be answered within 3 s, and a loaded machine queues the joins ahead of it).
    await sleep(3000);
    // Role grants (one PUT per person, the role path only) as the bot's REST client saw them.
    let roleGrants = 0;
    w.bot.client.rest.on(RESTEvents.Response, (request) => {
      if (request.method.toUpperCase() === 'PUT' && /\/members\/\d+\/roles\/\d+$/.test(request.path))
        roleGrants += 1;
    });
    const runId = await startMixer(w, {
      group_size: GROUP_SIZE,
      rounds: 2,
      minutes: 30,
      strategies: 'industry, mixed',
    });
    const confirmed = performance.now();
    // Setup (rooms at 5 creations per 5 s, role grants at 10 per 10 s when the rooms open to the
    // role) and everyone into round 1 (n moves at 1/s).
    const round0 = await untilPhase(w, runId, 'talking', 0, 20 * 60_000);
    const firstTransitionMs = performance.now() - confirmed;
    const roomAccess = ROOM_ACCESS.find((a) => a === round0.roomAccess) ?? 'role';
    const baseline = naiveTransition(w, round0, 0, 1);
    // A fresh member-move window in both guilds, so the floor applies from the press.
    await sleep(BUCKET.windowMs + 1000);

    const botMoves = watchMoves(w, w.guildId);
    const baselineMoves = watchMoves(w, baseline.guildId);
    const started = performance.now();
    const press = w.drivers
      .clickButton(round0.controlMessageId!, `mixer:next:${runId}`, w.organiserId, EN)
      .waitForReply(60_000);
    const naive = baseline.run().then(() => performance.now() - started);
    await press;
    const round1 = await untilPhase(w, runId, 'talking', 1, 20 * 60_000);
    const toTalkingMs = performance.now() - started;
    const baselineWallMs = await naive;
    botMoves.off();
    baselineMoves.off();
    baseline.check();

    const groups = (round1.state as { rounds: Groups[] }).rounds[1]!;
    const misplaced = groups.flatMap((members, g) =>
      members.filter((id) => world.voiceOf(id) !== round1.rooms[round1.roomOfGroup[1]![g]!]),
    );
    if (misplaced.length)
      throw new Error(`${misplaced.length} members not in their room after the transition`);
    const moves = botMoves.at.length;
    const done = (await MixerRun.findOne({ runId }).lean())!.moves!.done;
    if (done !== moves) throw new Error(`the run counted ${done} moves, the emulator saw ${moves}`);
    const wallMs = moves ? botMoves.at[moves - 1]! - started : 0;
    const floorMs = floorOf(moves);
    const baselineCount = baselineMoves.at.length;
    const baselineFloorMs = floorOf(baselineCount);
    return {
      participants: n,
      movesPerParticipant: Number((moves / n).toFixed(3)),
      wallOverFloor: ratio(wallMs, floorMs),
      roomAccess,
      firstTransitionMs: Math.round(firstTransitionMs),
      roleGrants,
      expectedFirstMs: expectedFirstTransitionSeconds(n, roomAccess as RoomAccess) * 1000,
      baselineMovesPerParticipant: Number((baselineCount / n).toFixed(3)),
      baselineWallOverFloor: ratio(baselineWallMs, baselineFloorMs),
      moves,
      wallMs: Math.round(wallMs),
      floorMs,
      toTalkingMs: Math.round(toTalkingMs),
      baselineMoves: baselineCount,
      baselineWallMs: Math.round(baselineWallMs),
      baselineFloorMs,
      firstMoveMs: Math.round((botMoves.at[0] ?? started) - started),
      served429: w.bot.ctx.services.mixer.moves.stats().served429,
      baselineServed429: baseline.served429(),
    };
  } catch (error) {
    // The bot's own log says why a step did not happen (it runs with a capturing logger).
    for (const line of (w?.logs ?? []).filter((l) => l.level >= 40).slice(-10))
      console.error(JSON.stringify(line).slice(0, 600));
    throw error;
  } finally {
    await w?.stop();
    await mongoose.connection.db?.dropDatabase();
    await mongoose.disconnect();
  }
}

/**
 * Runs both cases and formats the table. Long: the bucket sets the pace (at 200 participants
 * about 4 minutes to seat everyone, then the naive baseline's 400 moves take about 6.5 minutes).
 */
export async function transitionSection(): Promise<BenchSection<TransitionFigure>> {
  const store = await startEmbeddedStore({ port: 0 });
  const rows: CaseRow[] = [];
  try {
    for (const n of CASES) rows.push(await oneCase(n, store.uri));
  } finally {
    await store.stop();
  }
  const fmt = (v: number | null) => (v === null ? 'n/a' : String(v));
  const table = [
    `Bucket: ${BUCKET.limit} moves per ${BUCKET.windowMs / 1000} s per guild (${BUCKET.source}).`,
    'Wall: "next round" pressed → last move landed (both transitions start at the press, each in its own guild).',
    "429s met: by the bot's move queue in the whole mixer so far; by the baseline's REST client in its transition.",
    '',
    '| participants | transition | moves | moves/participant (target ≤ 0.8) | wall ms | floor ms | wall ÷ floor (target ≤ 1.1) | 429s met |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
    ...rows.flatMap((r) => [
      `| ${r.participants} | the bot (first move after ${r.firstMoveMs} ms, talking after ${r.toTalkingMs} ms) | ${r.moves} | ${r.movesPerParticipant} | ${r.wallMs} | ${r.floorMs} | ${fmt(r.wallOverFloor)} | ${r.served429} |`,
      `| ${r.participants} | baseline: everyone to the lobby, then in | ${r.baselineMoves} | ${r.baselineMovesPerParticipant} | ${r.baselineWallMs} | ${r.baselineFloorMs} | ${fmt(r.baselineWallOverFloor)} | ${r.baselineServed429} |`,
    ]),
    '',
    'First transition: confirm → everyone in their first room (rooms made, the role granted when the rooms open to it, the first moves).',
    '',
    '| participants | room access | role grants | first transition ms | planned (preview) ms |',
    '|---:|---|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.participants} | ${r.roomAccess} | ${r.roleGrants} | ${r.firstTransitionMs} | ${r.expectedFirstMs} |`,
    ),
  ].join('\n');
  return {
    title: 'Round transition of a mixer run by the bot (emulator, realistic profile, groups of 4)',
    table,
    figures: rows.map((r) => ({
      participants: r.participants,
      movesPerParticipant: r.movesPerParticipant,
      wallOverFloor: r.wallOverFloor,
      roomAccess: r.roomAccess,
      firstTransitionMs: r.firstTransitionMs,
      baselineMovesPerParticipant: r.baselineMovesPerParticipant,
      baselineWallOverFloor: r.baselineWallOverFloor,
    })),
  };
}
