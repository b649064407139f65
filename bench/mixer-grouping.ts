/**
 * Grouping part of `npm run bench:mixer`: Tsunagu's engine against random assignment and
 * sort-by-attribute-and-chunk, on a seeded realistic population. Prints figures, never fails.
 */
import { performance } from 'node:perf_hooks';
import {
  groupSizes,
  mixerStats,
  planMixer,
  sampleParticipants,
  type AttributeKey,
  type MixerStats,
  type Participant,
  type RoundGroups,
  type RoundStrategy,
} from '../shared/deepen/grouping/index.js';
import { Rng } from '../shared/deepen/grouping/prng.js';
import { noRepeatReference, sortAndChunk } from '../test/support/grouping-reference.js';

/** (n, k, rounds) cases the design and the brief quote figures for. */
export const GROUPING_CASES: readonly (readonly [number, number, number])[] = [
  [16, 4, 3],
  [24, 4, 6],
  [48, 6, 6],
  [100, 5, 6],
  [500, 5, 3],
  [2000, 6, 6],
];

/** Engine figures reported in the RESULT line. */
export interface GroupingFigure {
  n: number;
  k: number;
  rounds: number;
  repeats: number;
  maxMeetings: number;
  ms: number;
}

export interface BenchSection<T> {
  title: string;
  table: string;
  figures: T[];
}

const ROTATION: readonly RoundStrategy[] = [
  { kind: 'shared', attribute: 'industry' },
  { kind: 'shared', attribute: 'ageBand' },
  { kind: 'mixed' },
];

function rotation(rounds: number): RoundStrategy[] {
  return Array.from({ length: rounds }, (_, r) => ROTATION[r % ROTATION.length]);
}

function chunk(ids: readonly string[], sizes: readonly number[]): RoundGroups {
  let at = 0;
  return sizes.map((size) => ids.slice(at, (at += size)));
}

function shuffled(participants: readonly Participant[], rng: Rng): string[] {
  return rng.shuffle(participants.map((_, i) => i)).map((i) => participants[i].id);
}

function sortKey(p: Participant, attribute: AttributeKey): string {
  const raw = p.attributes[attribute];
  const values = raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw].sort();
  // No answer sorts last, as an organiser sorting a spreadsheet would leave blanks at the end.
  return values.length === 0 ? '\uffff' : values.join(',');
}

function randomPlan(
  participants: readonly Participant[],
  sizes: number[],
  rounds: number,
  rng: Rng,
): RoundGroups[] {
  return Array.from({ length: rounds }, () => chunk(shuffled(participants, rng), sizes));
}

/** Shared rounds sorted by their attribute (ties in random order) and chunked; mixed rounds random. */
function sortChunkPlan(
  participants: readonly Participant[],
  sizes: number[],
  strategies: RoundStrategy[],
  rng: Rng,
): RoundGroups[] {
  const byId = new Map(participants.map((p) => [p.id, p]));
  return strategies.map((s) => {
    const ids = shuffled(participants, rng);
    if (s.kind === 'shared') {
      const key = new Map(ids.map((id) => [id, sortKey(byId.get(id)!, s.attribute)]));
      ids.sort((a, b) => (key.get(a)! < key.get(b)! ? -1 : key.get(a)! > key.get(b)! ? 1 : 0));
    }
    return chunk(ids, sizes);
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Row {
  label: string;
  method: string;
  stats: MixerStats;
  /** Wall and CPU milliseconds (CPU shows the cost when other processes share the machine). */
  ms: { wall: number; cpu: number } | null;
}

function format(rows: Row[]): string {
  const header = [
    'case (n,k,rounds)',
    'method',
    'repeats',
    'max meet',
    'spread',
    'shared rounds: share',
    'mixed: share',
    'ms',
    'cpu ms',
  ];
  const lines = rows.map((row) => {
    const shared = row.stats.rounds.filter((r) => r.kind === 'shared').map((r) => r.sharedShare.toFixed(2));
    const mixed = row.stats.rounds.filter((r) => r.kind === 'mixed').map((r) => r.sharedShare);
    const mixedMean = mixed.length ? (mixed.reduce((a, b) => a + b, 0) / mixed.length).toFixed(3) : '-';
    return [
      row.label,
      row.method,
      String(row.stats.repeatPairs),
      String(row.stats.maxMeetings),
      String(row.stats.sizeSpread),
      shared.join(' ') || '-',
      mixedMean,
      row.ms === null ? '-' : row.ms.wall.toFixed(1),
      row.ms === null ? '-' : row.ms.cpu.toFixed(1),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const render = (cells: string[]): string => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(render)].join('\n');
}

/** Small mixers where the shared share is compared over many populations (n, rounds). */
const SHARE_CASES: readonly (readonly [number, readonly RoundStrategy[], string])[] = [13, 16, 24].flatMap(
  (n) => [
    [n, [ROTATION[0], ROTATION[2], ROTATION[2]], 'industry → mixed → mixed'] as const,
    [n, ROTATION, 'industry → ageBand → mixed'] as const,
  ],
);
const SHARE_SEEDS = 20;

function shareOf(stats: MixerStats, r: number): number {
  return stats.rounds[r].sharedShare;
}

/**
 * True when the engine's worst shared round (share ÷ sort-and-chunk's) is at least 90% of what
 * the no-repeat reference (test/support/grouping-reference.ts, slow annealing) gives every
 * shared round at once, capped at sort-and-chunk's share. The reference runs only where the
 * engine is below 90% of sort-and-chunk somewhere (elsewhere the answer is yes either way).
 */
function nearNoRepeatReference(
  participants: readonly Participant[],
  strategies: readonly RoundStrategy[],
  engine: { rounds: RoundGroups[]; stats: MixerStats },
  seed: number,
): boolean {
  const targets = strategies.map((s) =>
    s.kind === 'shared'
      ? mixerStats([sortAndChunk(participants, 4, s.attribute)], { participants, strategies: [s] }).rounds[0]
          .sharedShare
      : 0,
  );
  const ratios = targets.flatMap((t, r) => (t > 0 ? [engine.stats.rounds[r].sharedShare / t] : []));
  const worst = Math.min(1, ...ratios);
  if (worst >= 0.9) return true;
  const reference = noRepeatReference({
    participants,
    groupSize: 4,
    strategies,
    targets,
    starts: [engine.rounds],
    seed,
  });
  return worst >= 0.9 * Math.min(1, reference.worstRatio);
}

/**
 * Shared-round share of the engine and of random assignment ÷ sort-and-chunk's, per shared round
 * over SHARE_SEEDS populations of each small case (rounds where sorting finds no pair are left out).
 */
function shareTable(): string {
  const header = ['n', 'rounds', 'method', 'min', 'p10', 'median', '≥ 0.9', 'worst ≥ 0.9 ref', 'repeats'];
  const lines: string[][] = [];
  for (const [n, strategies, name] of SHARE_CASES) {
    const sizes = groupSizes(n, 4);
    const ratios = { tsunagu: [] as number[], random: [] as number[] };
    const repeats = { tsunagu: 0, random: 0 };
    let nearReference = 0;
    for (let seed = 0; seed < SHARE_SEEDS; seed++) {
      const participants = sampleParticipants(n, `share-${seed}`);
      const context = { participants, strategies: [...strategies] };
      const rng = new Rng(`share-${n}-${seed}`);
      const plan = planMixer({ participants, groupSize: 4, rounds: strategies, seed });
      const engine = plan.stats;
      const random = mixerStats(randomPlan(participants, sizes, strategies.length, rng), context);
      const sorted = mixerStats(sortChunkPlan(participants, sizes, [...strategies], rng), context);
      repeats.tsunagu += engine.repeatPairs;
      if (nearNoRepeatReference(participants, strategies, plan, seed)) nearReference++;
      repeats.random += random.repeatPairs;
      strategies.forEach((s, r) => {
        if (s.kind !== 'shared' || shareOf(sorted, r) === 0) return;
        ratios.tsunagu.push(shareOf(engine, r) / shareOf(sorted, r));
        ratios.random.push(shareOf(random, r) / shareOf(sorted, r));
      });
    }
    for (const method of ['tsunagu', 'random'] as const) {
      const sortedRatios = [...ratios[method]].sort((a, b) => a - b);
      const at = (q: number) => sortedRatios[Math.floor(q * (sortedRatios.length - 1))].toFixed(2);
      const kept = sortedRatios.filter((x) => x >= 0.9).length;
      lines.push([
        String(n),
        name,
        method,
        at(0),
        at(0.1),
        at(0.5),
        `${kept}/${sortedRatios.length}`,
        method === 'tsunagu' ? `${nearReference}/${SHARE_SEEDS}` : '-',
        String(repeats[method]),
      ]);
    }
  }
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const render = (cells: string[]): string => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ');
  return [
    `shared-round share ÷ sort-and-chunk's, groups of 4, ${SHARE_SEEDS} populations each (repeats summed)`,
    render(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...lines.map(render),
  ].join('\n');
}

/** Runs every case; engine ms is the median of several runs after a warm-up. */
export function groupingSection(): BenchSection<GroupingFigure> {
  const rows: Row[] = [];
  const figures: GroupingFigure[] = [];
  for (const [n, k, rounds] of GROUPING_CASES) {
    const participants = sampleParticipants(n, `bench-${n}`);
    const strategies = rotation(rounds);
    const sizes = groupSizes(n, k);
    const input = { participants, groupSize: k, rounds: strategies, seed: `bench-${n}-${k}-${rounds}` };
    planMixer(input);
    const times: number[] = [];
    const cpu: number[] = [];
    let stats: MixerStats | null = null;
    for (let run = 0; run < 5; run++) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const plan = planMixer(input);
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
      stats = plan.stats;
    }
    const ms = median(times);
    const label = `${n},${k},${rounds}`;
    const context = { participants, strategies };
    const rng = new Rng(label);
    rows.push({ label, method: 'tsunagu', stats: stats!, ms: { wall: ms, cpu: median(cpu) } });
    rows.push({
      label,
      method: 'random',
      stats: mixerStats(randomPlan(participants, sizes, rounds, rng), context),
      ms: null,
    });
    rows.push({
      label,
      method: 'sort+chunk',
      stats: mixerStats(sortChunkPlan(participants, sizes, strategies, rng), context),
      ms: null,
    });
    figures.push({
      n,
      k,
      rounds,
      repeats: stats!.repeatPairs,
      maxMeetings: stats!.maxMeetings,
      ms: Math.round(ms * 10) / 10,
    });
  }
  const note =
    'rounds rotate industry → ageBand → mixed; share = within-group pairs sharing the attribute (mixed: mean over all answered attributes, lower is more mixed)';
  return { title: 'Grouping engine', table: `${note}\n${format(rows)}\n\n${shareTable()}`, figures };
}
