import { expect } from 'chai';
import sinon from 'sinon';
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import type { Agenda } from 'agenda';
import { useMongoose } from '../../support/database.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { createAgenda } from '../../../shared/db/agenda.js';
import {
  defineRelayJobs,
  scheduleRelayCheck,
  RELAY_CHECK_JOB,
  type PassedResult,
  type RemindedResult,
} from '../../../shared/know/relay-reminder.job.js';
import { recordJoin } from '../../../shared/connect/welcome.service.js';
import { saveIntro } from '../../../shared/know/profile.service.js';
import { updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { nominate, onIntroduced, processRelayLink } from '../../../shared/know/relay.service.js';
import { addDays } from '../../../shared/clock.js';

const guildId = '900000000000000003';
const alice = '100000000000000001';
const bob = '100000000000000002';
const carol = '100000000000000003';
const t0 = new Date('2026-06-01T09:00:00Z');

/** Polls with real timers (only Date is faked) until `check` holds. */
async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('relay reminder job (agenda on the store, fake Date)', () => {
  useMongoose('relayjob');
  before(() => ensureIndexes());
  let agenda: Agenda;
  let clock: sinon.SinonFakeTimers;
  const reminders: RemindedResult[] = [];
  const passes: PassedResult[] = [];

  beforeEach(async () => {
    clock = sinon.useFakeTimers({ now: t0, toFake: ['Date'] });
    reminders.length = 0;
    passes.length = 0;
    agenda = createAgenda({ db: mongoose.connection.db as unknown as Db, processEveryMs: 50 });
    defineRelayJobs(agenda, {
      processRelayLink,
      notifyReminder: async (r) => void reminders.push(r),
      notifyPassed: async (r) => void passes.push(r),
    });
    await updateGuildSettings(guildId, { relayReminderDays: 2 });
    for (const userId of [alice, bob, carol]) await recordJoin({ guildId, userId });
    await saveIntro({ guildId, userId: alice, fields: { name: 'Alice', career: 'Sales' } });
    await onIntroduced({ guildId, userId: alice });
  });

  afterEach(async () => {
    // A check still running must finish before the collections are cleared (stop does not wait).
    await agenda.drain(5000);
    await agenda.stop();
    clock.restore();
  });

  it('reminds the nominee once after N days, then hands the baton back after N more', async () => {
    const { link } = await nominate({
      guildId,
      by: { userId: alice },
      nominee: { userId: bob, isBot: false, isMember: true },
    });
    await scheduleRelayCheck(agenda, link.linkId, link.reminderDueAt);
    await scheduleRelayCheck(agenda, link.linkId, link.reminderDueAt);
    await agenda.start();

    clock.setSystemTime(addDays(t0, 1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reminders).to.have.length(0);

    clock.setSystemTime(addDays(t0, 2.01));
    await waitFor(() => reminders.length === 1, 'the reminder');
    expect(reminders[0]?.link).to.include({ nomineeId: bob, status: 'reminded' });

    clock.setSystemTime(addDays(t0, 3));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(passes).to.have.length(0);

    clock.setSystemTime(addDays(t0, 4.1));
    await waitFor(() => passes.length === 1, 'the pass');
    expect(passes[0]?.holderId).to.equal(alice);
    expect(passes[0]?.candidates).to.deep.equal([carol]);
    expect(reminders).to.have.length(1);

    const jobs = await mongoose.connection
      .db!.collection('agendaJobs')
      .find({ name: RELAY_CHECK_JOB })
      .toArray();
    expect(jobs).to.have.length(1);
  });

  it('stops checking once the nominee introduces themself, without a reminder', async () => {
    const { link } = await nominate({
      guildId,
      by: { userId: alice },
      nominee: { userId: bob, isBot: false, isMember: true },
    });
    await scheduleRelayCheck(agenda, link.linkId, link.reminderDueAt);
    await saveIntro({ guildId, userId: bob, fields: { name: 'Bob', career: 'Eng' } });
    await onIntroduced({ guildId, userId: bob });
    let runs = 0;
    agenda.on(`complete:${RELAY_CHECK_JOB}`, () => void runs++);
    await agenda.start();
    clock.setSystemTime(addDays(t0, 2.5));
    await waitFor(() => runs === 1, 'the check');
    clock.setSystemTime(addDays(t0, 9));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs).to.equal(1);
    expect(reminders).to.have.length(0);
    expect(passes).to.have.length(0);
  });
});
