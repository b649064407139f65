/**
 * The sandbox's voice mixers: simulated alumni who have joined sit in the Lobby voice channel,
 * the demo organiser runs a short mixer now and then (/mixer start, then the confirm button,
 * exactly as a person would), and some participants answer the feedback DM. Anyone acting in
 * the Discord view can start one too and watch people move. Switches the emulator to the
 * realistic rate-limit profile, so moves pace as on Discord (about one per second).
 */
import type { Logger } from '../../shared/logger.js';
import { MixerRun } from '../../shared/deepen/mixer/mixer-run.model.js';
import { THEME_IDS } from '../../shared/deepen/prompts/index.js';
import type { DiscordEmulator } from '../discord/index.js';
import { driversFor } from '../discord/drivers.js';
import type { APIMessage } from 'discord-api-types/v10';
import type { DemoCommunity } from './seed.js';

export interface MixerDemoOptions {
  emulator: DiscordEmulator;
  demo: DemoCommunity;
  logger: Logger;
  /** Resolves once the organiser's set-up is done (the community simulation's `ready`). */
  ready: Promise<void>;
  /** How many alumni sit in the lobby (default 12). */
  lobbySize?: number;
  /** First demo mixer after, then one every (defaults 60 s and 12 min). */
  firstAfterMs?: number;
  everyMs?: number;
  /** Minutes per round of the demo mixers (default 2: short enough to watch). */
  minutes?: number;
}

function customIds(message: APIMessage): string[] {
  const ids: string[] = [];
  const walk = (list: unknown[]) => {
    for (const raw of list) {
      const c = raw as Record<string, unknown>;
      if (typeof c.custom_id === 'string') ids.push(c.custom_id);
      if (Array.isArray(c.components)) walk(c.components);
    }
  };
  walk(message.components ?? []);
  return ids;
}

export function startMixerDemo(options: MixerDemoOptions): { stop(): void } {
  const { emulator, demo, logger } = options;
  const drivers = driversFor(emulator);
  const state = emulator.state;
  const lobby = demo.channels.lobby;
  const timers: NodeJS.Timeout[] = [];
  const answered = new Set<string>();
  let stopped = false;
  let runs = 0;
  let lastStarted = 0;
  let starting = false;
  emulator.rateLimits.useProfile('realistic');

  const fillLobby = () => {
    const seated = state.voice.inChannel(lobby).length;
    const idle = demo.alumni
      .map((a) => a.user.id)
      .filter((id) => state.members.find(demo.guildId, id) && !state.voice.find(demo.guildId, id));
    for (const id of idle.slice(0, Math.max(0, (options.lobbySize ?? 12) - seated))) {
      try {
        drivers.voiceJoin(demo.guildId, id, lobby);
      } catch (error) {
        logger.debug({ err: error, userId: id }, 'simulated alumnus could not join the lobby');
      }
    }
  };

  const answerFeedback = async () => {
    for (const { user } of demo.alumni) {
      const dm = drivers
        .dmsTo(user.id)
        .findLast((m) => customIds(m).some((id) => id.startsWith('mixfb:rate:')));
      if (!dm || answered.has(dm.id)) continue;
      answered.add(dm.id);
      if (Math.random() < 0.4) continue;
      const rate = customIds(dm).filter((id) => id.startsWith('mixfb:rate:'))[
        2 + Math.floor(Math.random() * 3)
      ];
      if (rate)
        await drivers
          .clickButton(dm.id, rate, user.id)
          .waitForReply()
          .catch(() => undefined);
    }
  };

  const runMixer = async () => {
    if (await MixerRun.exists({ guildId: demo.guildId, status: 'running' })) return;
    fillLobby();
    // Let the bot see the lobby's voice states before the organiser asks for a plan.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const organiser = demo.organiser.id;
    if (state.voice.find(demo.guildId, organiser)?.channelId !== lobby)
      drivers.voiceJoin(demo.guildId, organiser, lobby);
    const theme = THEME_IDS[runs++ % THEME_IDS.length]!;
    const preview = await drivers
      .runSlashCommand(
        demo.guildId,
        lobby,
        organiser,
        'mixer start',
        {
          minutes: options.minutes ?? 2,
          rounds: 2,
          group_size: 4,
          strategies: '業界 ミックス',
          theme,
        },
        { locale: 'ja' },
      )
      .waitForReply(15_000);
    const confirm = customIds(preview).find((id) => id.startsWith('mixer:confirm:'));
    if (!confirm) {
      logger.info({ answer: preview.content }, 'demo mixer not started');
      return;
    }
    await drivers.clickButton(preview.id, confirm, organiser, { locale: 'ja' }).waitForReply();
    lastStarted = Date.now();
    logger.info({ theme }, 'the demo organiser started a voice mixer: watch the Lobby in the Discord view');
  };

  const every = (ms: number, task: () => unknown) => {
    const timer = setInterval(() => {
      if (!stopped)
        Promise.resolve(task()).catch((error: unknown) =>
          logger.warn({ err: error }, 'mixer demo step failed'),
        );
    }, ms);
    timer.unref();
    timers.push(timer);
  };

  void options.ready.then(
    () => {
      if (stopped) return;
      fillLobby();
      every(10_000, fillLobby);
      every(15_000, answerFeedback);
      const startedAt = Date.now();
      // Checked often, so a mixer refused for too few people is tried again soon.
      const due = () =>
        Date.now() - startedAt >= (options.firstAfterMs ?? 60_000) &&
        Date.now() - lastStarted >= (options.everyMs ?? 12 * 60_000);
      every(Math.min(options.firstAfterMs ?? 60_000, 30_000), async () => {
        if (starting || !due()) return;
        starting = true;
        await runMixer().finally(() => (starting = false));
      });
    },
    () => undefined,
  );

  return {
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
    },
  };
}
