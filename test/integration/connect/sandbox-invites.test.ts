/**
 * The sandbox's word of mouth (sandbox/community/invites.ts) through the real bot on the
 * emulator: connectors ask for their link with /invite mine, later arrivals come in through it,
 * and the leaderboard ranks the most connected person first.
 */
import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { InviteRecord } from '../../../shared/connect/invite-record.model.js';
import { JoinAttribution } from '../../../shared/connect/join-attribution.model.js';
import { inviteLeaderboard } from '../../../shared/connect/invite-tracking.service.js';
import { generateAlumni } from '../../../sandbox/community/alumni-generator.js';
import { CONNECTORS, inviteNetwork } from '../../../sandbox/community/invites.js';
import type { DemoCommunity } from '../../../sandbox/community/seed.js';
import { startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import { pino } from 'pino';

describe('sandbox: alumni bring friends in through personal invites', function () {
  this.timeout(60_000);
  useMongoose('sandbox_invites');
  let w: ConnectWorld;

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  it('makes the most connected alumnus top the leaderboard after a wave of arrivals', async () => {
    const alumni = generateAlumni(30).map((profile) => ({
      profile,
      user: w.emu.state.users.create({ username: profile.username, globalName: profile.displayName }),
    }));
    const demo = {
      guildId: w.guildId,
      channels: { general: w.channels.general },
      alumni,
      arrived: 0,
    } as unknown as DemoCommunity;
    const network = inviteNetwork({
      drivers: w.drivers,
      demo,
      logger: pino({ level: 'silent' }),
      active: () => true,
      options: { share: 0.8, delayMs: () => 0 },
    });
    for (const [index, person] of alumni.entries()) {
      const code = network.codeFor(index);
      w.drivers.memberJoin(w.guildId, person.user.id, code ? { inviteCode: code } : {});
      network.arrived(index);
      await w.until(() => JoinAttribution.exists({ userId: person.user.id }), `arrival ${index}`);
      if (CONNECTORS.some((c) => c.index === index))
        await w.until(
          () => InviteRecord.exists({ kind: 'personal', createdBy: person.user.id }),
          `connector ${index}'s link`,
        );
    }
    const board = await inviteLeaderboard(w.guildId);
    const connectorIds = CONNECTORS.map((c) => alumni[c.index]!.user.id);
    expect(board.length).to.be.at.least(3);
    expect(board.map((r) => r.inviterId)).to.satisfy((ids: string[]) =>
      ids.every((id) => connectorIds.includes(id)),
    );
    expect(board[0]?.inviterId).to.equal(alumni[0]!.user.id);
    expect(board[0]!.joins).to.be.greaterThan(2 * board[board.length - 1]!.joins);
    expect(board[0]?.sources).to.deep.equal([{ kind: 'personal', label: null, people: board[0]!.joins }]);
  });
});
