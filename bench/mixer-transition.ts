/**
 * Transition part of `npm run bench:mixer`: one round change through the Discord emulator under
 * the realistic rate-limit profile (one per-guild bucket for member moves, 10 per 10 s), with
 * the mixer's own pieces: the plan (grouping engine), the room assignment (groups go where most
 * of their members already are), the per-guild move queue, and discord.js's REST client sending
 * PATCH /guilds/{g}/members/{u} with channel_id. Figures: moves per participant (moving everyone
 * out and back would cost 2.0) and wall time ÷ the floor the bucket sets.
 */
import { performance } from 'node:perf_hooks';
import { REST, Routes } from 'discord.js';
import { ChannelType } from 'discord-api-types/v10';
import { pino } from 'pino';
import { planMixer, sampleParticipants } from '../shared/deepen/grouping/index.js';
import { assignGroupsToRooms, movesForRound } from '../shared/deepen/mixer/room-assignment.js';
import { MovePacer } from '../shared/deepen/mixer/move-pacer.js';
import { moveFloorMs } from '../shared/deepen/mixer/transition-estimate.js';
import { seedGuild, startDiscordEmulator } from '../sandbox/discord/index.js';
import type { BenchSection } from './mixer-grouping.js';

export interface TransitionFigure {
  participants: number;
  movesPerParticipant: number;
  wallOverFloor: number;
}

const CASES = [40, 200] as const;
const GROUP_SIZE = 4;

async function oneCase(
  n: number,
): Promise<TransitionFigure & { moves: number; wallMs: number; floorMs: number }> {
  const emu = await startDiscordEmulator({
    logger: pino({ level: 'silent' }),
    rateLimitProfile: 'realistic',
  });
  try {
    const seeded = seedGuild(emu.state, { memberCount: n, voiceChannels: ['Lobby'] });
    const guildId = seeded.guild.id;
    const participants = sampleParticipants(n, `bench-${n}`).map((p, i) => ({
      ...p,
      id: seeded.members[i]!.id,
    }));
    const plan = planMixer({
      participants,
      groupSize: GROUP_SIZE,
      rounds: [{ kind: 'shared', attribute: 'industry' }, { kind: 'mixed' }],
      seed: `transition-${n}`,
    });
    // Rooms as the mixer makes them, and round 1 as it stands once everyone was moved in.
    const category = emu.state.channels.create(guildId, {
      name: 'Mixer rooms',
      type: ChannelType.GuildCategory,
    });
    const rooms = plan.sizes.map(
      (_, i) =>
        emu.state.channels.create(guildId, {
          name: `Room ${i + 1}`,
          type: ChannelType.GuildVoice,
          parentId: category.id,
        }).id,
    );
    const roomIndex = new Map<string, number>();
    plan.rounds[0]!.forEach((members, g) =>
      members.forEach((id) => {
        emu.state.voice.join(guildId, id, rooms[g]!);
        roomIndex.set(id, g);
      }),
    );
    const roomOf = (id: string) => roomIndex.get(id) ?? null;
    const next = plan.rounds[1]!;
    const assignment = assignGroupsToRooms(next, roomOf, rooms.length);
    const moves = movesForRound(next, assignment, roomOf);

    const rest = new REST({ api: emu.restBase }).setToken(emu.botToken);
    const pacer = new MovePacer();
    const started = performance.now();
    await Promise.all(
      moves.map((m) =>
        pacer.run(guildId, async () => {
          await rest.patch(Routes.guildMember(guildId, m.userId), { body: { channel_id: rooms[m.room!] } });
          return { kind: 'done' };
        }),
      ),
    );
    const wallMs = performance.now() - started;
    const misplaced = next.flatMap((members, g) =>
      members.filter((id) => emu.state.voice.find(guildId, id)?.channelId !== rooms[assignment[g]!]),
    );
    if (misplaced.length)
      throw new Error(`${misplaced.length} members not in their room after the transition`);
    const floorMs = moveFloorMs(moves.length);
    return {
      participants: n,
      movesPerParticipant: Number((moves.length / n).toFixed(3)),
      wallOverFloor: Number((floorMs === 0 ? 1 : wallMs / floorMs).toFixed(3)),
      moves: moves.length,
      wallMs: Math.round(wallMs),
      floorMs,
    };
  } finally {
    await emu.stop();
  }
}

/** Runs both cases (about 20 s and 140 s of waiting on the bucket) and formats the table. */
export async function transitionSection(): Promise<BenchSection<TransitionFigure>> {
  const rows = [];
  for (const n of CASES) rows.push(await oneCase(n));
  const table = [
    '| participants | moves | moves/participant (target ≤ 0.8; everyone out and back 2.0) | wall ms | floor ms | wall ÷ floor (target ≤ 1.1) |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.participants} | ${r.moves} | ${r.movesPerParticipant} | ${r.wallMs} | ${r.floorMs} | ${r.wallOverFloor} |`,
    ),
  ].join('\n');
  return {
    title: 'Round transition through the emulator (realistic profile, groups of 4)',
    table,
    figures: rows.map(({ participants, movesPerParticipant, wallOverFloor }) => ({
      participants,
      movesPerParticipant,
      wallOverFloor,
    })),
  };
}
