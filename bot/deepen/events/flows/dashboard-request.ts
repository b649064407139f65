/** The worker's side of a dashboard request: Tsunagu's change, then Discord's, then the outcome. */
import type { Client } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { publishOccurrence } from './publish.js';
import { startPlanning } from './plan.js';
import { applyEdits, notifyCancelled } from './changes.js';

export async function carryOutRequest(ctx: BotContext, client: Client, requestId: string): Promise<void> {
  const svc = ctx.services.deepenEvents.requests;
  const claimed = await svc.carryOut(requestId, ctx.services.clock.now()).catch(async (error: unknown) => {
    // Not a refusal (those are written as the outcome): give it back for agenda's retry.
    await svc.releaseRequest(requestId);
    throw error;
  });
  if (!claimed) return;
  try {
    await discordSide(ctx, client, claimed);
  } catch (error) {
    await svc.releaseRequest(requestId);
    throw error;
  }
}

async function discordSide(
  ctx: BotContext,
  client: Client,
  claimed: NonNullable<Awaited<ReturnType<BotContext['services']['deepenEvents']['requests']['carryOut']>>>,
) {
  const svc = ctx.services.deepenEvents.requests;
  const { request, done } = claimed;
  const ids = done.occurrences.map((o) => o.occurrenceId);
  const guild = client.guilds.cache.get(done.occurrences[0]?.guildId ?? '');
  if (!guild) {
    await svc.finishRequest(
      request.requestId,
      {
        resultKey: 'deepen.events.request.noGuild',
        occurrenceIds: ids,
      },
      ctx.services.clock.now(),
    );
    return;
  }
  if (done.kind === 'create') {
    const seriesId = done.occurrences[0]?.seriesId;
    if (seriesId) await startPlanning(ctx, seriesId);
    const problems = new Set<string>();
    for (const occ of done.occurrences)
      for (const p of (await publishOccurrence(ctx, guild, occ)).problems) problems.add(p);
    await svc.finishRequest(
      request.requestId,
      {
        resultKey:
          problems.size > 0 ? 'deepen.events.request.createdWithProblems' : 'deepen.events.request.created',
        resultVars: { count: ids.length },
        occurrenceIds: ids,
      },
      ctx.services.clock.now(),
    );
  } else if (done.kind === 'edit') {
    // What each became (a change of repeat adds and removes some), read before publishing.
    const removed = done.occurrences.filter((o) => o.status === 'cancelled').length;
    const added = done.occurrences.filter((o) => o.status !== 'cancelled' && o.toPublish).length;
    await applyEdits(ctx, guild, done.occurrences);
    await svc.finishRequest(
      request.requestId,
      {
        ...(removed + added > 0
          ? {
              resultKey: 'deepen.events.request.replanned' as const,
              resultVars: { changed: ids.length - removed - added, added, removed },
            }
          : { resultKey: 'deepen.events.request.edited' as const, resultVars: { count: ids.length } }),
        occurrenceIds: ids,
      },
      ctx.services.clock.now(),
    );
  } else {
    await notifyCancelled(ctx, guild, done.occurrences);
    await svc.finishRequest(
      request.requestId,
      {
        resultKey: 'deepen.events.request.cancelled',
        resultVars: { count: ids.length },
        occurrenceIds: ids,
      },
      ctx.services.clock.now(),
    );
  }
}
