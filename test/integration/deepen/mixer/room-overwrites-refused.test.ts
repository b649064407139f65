/**
 * A member overwrite is written with Manage Roles (discord-api-docs, channel "Edit Channel
 * Permissions"): without it the refusal names Manage Roles, and a late joiner the bot cannot let
 * in is still seated, with a warning logged that names the run and the person.
 */
import { expect } from 'chai';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { DEFAULT_BOT_PERMISSIONS } from '../../../../sandbox/discord/state/seed.js';
import { addMemberOverwrites, RoleRefused } from '../../../../bot/deepen/mixer/flows/room-role.js';

describe('Deepen: mixer member overwrites refused without Manage Roles', function () {
  this.timeout(120_000);
  useMongoose('mixer_room_overwrites_refused');
  let w: MixerWorld | undefined;

  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  it('GIVEN Manage Roles taken after the start THEN the PUT is refused as Manage Roles, and a late joiner is seated without access, logged', async () => {
    w = await startMixerWorld({ alumni: 6 });
    const { runId } = await startAndConfirm(w, { group_size: 3, rounds: 1, minutes: 3 });
    const run = await untilPhase(w, runId, 'talking', 0);
    expect(run.roomAccess).to.equal('members');
    w.emu.state.roles.update(w.guildId, w.seeded.botRole!.id, {
      permissions: DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.ManageRoles,
    });
    const guild = w.bot.client.guilds.cache.get(w.guildId)!;
    await w.until(() => !guild.members.me!.permissions.has('ManageRoles'), 'role update');
    const warnings: unknown[][] = [];
    const logger = w.bot.ctx.logger as unknown as { warn: (...args: unknown[]) => void };
    const warn = logger.warn.bind(logger);
    logger.warn = (...args: unknown[]) => {
      warnings.push(args);
      warn(...args);
    };

    const joiner = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    const refusal = await addMemberOverwrites(guild, run.rooms[0]!, [joiner]).catch((e: unknown) => e);
    expect(refusal).to.be.instanceOf(RoleRefused);

    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    await w.until(async () => {
      const doc = await MixerRun.findOne({ runId }).lean();
      const state = doc?.state as { rounds: string[][][] } | undefined;
      return state?.rounds[0]!.some((g) => g.includes(joiner)) ?? false;
    }, 'the late joiner seated');
    const logged = warnings.find((args) => String(args[1]).includes('not let into the rooms'));
    expect(logged, 'the warning').to.not.equal(undefined);
    expect(logged![0]).to.include({ runId, userId: joiner, access: 'members' });
    for (const roomId of run.rooms)
      expect(
        w.emu.state.channels.find(roomId)!.permissionOverwrites.map((o) => o.id),
        `overwrites of ${roomId}`,
      ).to.not.include(joiner);
  });
});
