/**
 * Which voice changes concern a running mixer, answered from memory: per guild, the lobby and
 * room channel ids of its running mixers and the people in their groups. A voice change in a
 * busy guild that touches none of these (and is not a participant connecting) costs no database
 * call. The index is the process's own (one per bot context, built by the part's services): it
 * is loaded per guild on first use and at start-up/reconnect, and kept current by the driver and
 * the membership flows whenever they read or write a run. A stale entry only costs one read (the
 * run is read before acting and dropped when it is over).
 *
 * Runs started by another worker (production runs several: agenda jobs run on any of them, the
 * gateway delivers a guild's events to one) are learnt from the gateway, not by polling: every
 * mixer begins by creating Discord things in its guild (its category and rooms, its role if any), and
 * each worker holding the guild gets their CHANNEL_CREATE / GUILD_ROLE_CREATE. Each create
 * re-reads the guild's running mixers (`refresh`, one indexed query; a burst of creates, one
 * per room, coalesces into at most one read in flight and one queued). The run is stored as
 * running before its setup creates anything, so that read finds at least its lobby; rooms stored
 * after the read are picked up by the moves into them (lobby → room: the lobby concerns the run,
 * which is then read and tracked). Why not a periodic refresh: it would cost a query every few
 * seconds per guild forever, and still answer late within its period; and why not asking the
 * database on voice changes in unknown channels: in a busy guild every unrelated change would be
 * one. The cost here is one query per channel or role the guild creates, none per voice change.
 *
 * Topology assumed (DESIGN.md: several workers may run, discord.js sharding is the scale-out
 * path): a guild's gateway events reach the workers whose shard holds it, and only those have it
 * in their cache; agenda jobs run on any worker. So the index of a worker holds only the guilds
 * its shard holds, and a drive landing on a worker without the guild is handed on to another
 * (driver.ts handOn) rather than used up.
 */
import type { BotContext } from '../../../context.js';

/** What the index needs of a run (a MixerRunView fits). */
export interface IndexedRun {
  runId: string;
  guildId: string;
  status: string;
  lobbyChannelId: string;
  rooms: readonly string[];
  organiserId: string;
  facilitators: readonly string[];
  state: { participants: readonly { id: string }[] };
}

interface Entry {
  lobby: string;
  rooms: Set<string>;
  /** Grouped participants (not the organiser nor facilitators, who are never moved). */
  people: Set<string>;
  /** When it was tracked (this index's own counter): a rebuild read earlier does not overwrite it. */
  at: number;
}

export class MixerChannelIndex {
  /** guildId → runId → channels and people. */
  private readonly guilds = new Map<string, Map<string, Entry>>();
  /** Guilds whose running mixers were read once (the load in flight, or done). */
  private readonly loads = new Map<string, Promise<void>>();
  /** Counts tracks, to order them against rebuilds in flight. */
  private ticks = 0;
  /** Per guild, the refresh waiting for the read in flight (it reads after the change it was asked for). */
  private readonly queued = new Map<string, Promise<void>>();

  /** `load` reads a guild's running mixers (the database's answer). */
  constructor(private readonly load: (guildId: string) => Promise<readonly IndexedRun[]>) {}

  /** Records what a run is now: kept while running, dropped once it is over. */
  track(run: IndexedRun): void {
    let runs = this.guilds.get(run.guildId);
    if (run.status !== 'running') {
      runs?.delete(run.runId);
      return;
    }
    if (!runs) this.guilds.set(run.guildId, (runs = new Map()));
    runs.set(run.runId, {
      lobby: run.lobbyChannelId,
      rooms: new Set(run.rooms),
      people: new Set(run.state.participants.map((p) => p.id)),
      at: ++this.ticks,
    });
  }

  /** Forgets a run (read back as over, or gone). */
  drop(guildId: string, runId: string): void {
    this.guilds.get(guildId)?.delete(runId);
  }

  /** Reads the guild's running mixers again (start-up, reconnect: GUILD_CREATE). */
  async rebuild(guildId: string): Promise<void> {
    const started = this.ticks;
    const loading = this.load(guildId).then((read) => {
      // What was tracked while the read was in flight is newer than the read.
      const runs = this.guilds.get(guildId) ?? new Map<string, Entry>();
      this.guilds.set(guildId, runs);
      const fresh = (runId: string) => (runs.get(runId)?.at ?? 0) > started;
      const running = new Set(read.map((r) => r.runId));
      for (const runId of [...runs.keys()]) if (!running.has(runId) && !fresh(runId)) runs.delete(runId);
      for (const run of read) if (!fresh(run.runId)) this.track(run);
    });
    this.loads.set(guildId, loading);
    await loading.catch((error: unknown) => {
      // A failed read is tried again at the next voice change rather than trusted as "none".
      this.loads.delete(guildId);
      throw error;
    });
  }

  /**
   * Reads the guild's running mixers again because something may have started (a channel or role
   * was created). A read in flight may have started before that change, so one more read follows
   * it; asks made meanwhile share that queued read.
   */
  refresh(guildId: string): Promise<void> {
    const waiting = this.queued.get(guildId);
    if (waiting) return waiting;
    const inFlight = this.loads.get(guildId) ?? Promise.resolve();
    const next = inFlight
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(guildId);
        return this.rebuild(guildId);
      });
    this.queued.set(guildId, next);
    return next;
  }

  private async ready(guildId: string): Promise<Map<string, Entry>> {
    const loading = this.loads.get(guildId);
    if (loading) await loading;
    else await this.rebuild(guildId);
    return this.guilds.get(guildId) ?? new Map<string, Entry>();
  }

  /**
   * The runs a voice change may concern: `from` or `to` is one of their lobbies or rooms
   * (connecting to any other channel moves nobody, see membership.ts).
   */
  async concerned(
    guildId: string,
    userId: string,
    from: string | null,
    to: string | null,
  ): Promise<string[]> {
    const runs = await this.ready(guildId);
    const out: string[] = [];
    for (const [runId, e] of runs) {
      const inMixer = (id: string | null) => id !== null && (id === e.lobby || e.rooms.has(id));
      if (inMixer(from) || inMixer(to)) out.push(runId);
    }
    return out;
  }

  /** The guild's running mixers (e.g. for a member leaving the guild). */
  async runIds(guildId: string): Promise<string[]> {
    return [...(await this.ready(guildId)).keys()];
  }
}

/**
 * The context's index (the part's services build it; a context assembled without them, as unit
 * tests do, gets one on first use, loading from the same service).
 */
export function mixerIndexOf(ctx: BotContext): MixerChannelIndex {
  ctx.services.mixerChannels ??= new MixerChannelIndex((guildId) =>
    ctx.services.mixer.runs.runningRuns(guildId),
  );
  return ctx.services.mixerChannels;
}
