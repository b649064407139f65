/**
 * Gateway events through the Discord emulator into the real bot, counted in memory and flushed
 * into the rollups on the embedded store.
 */
import { expect } from 'chai';
import { pino } from 'pino';
import { useMongoose } from '../../support/database.js';
import { startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import {
  ChannelDay,
  GuildActivity,
  GuildHour,
  MemberDay,
  VoiceSession,
} from '../../../shared/insights/rollup.model.js';
import { localDayOf } from '../../../shared/insights/hours.js';
import { startBot } from '../../../bot/start-bot.js';
import { loadConfig } from '../../../shared/config.js';

const MIN = 60_000;

describe('insights ingestion through the emulator', function () {
  this.timeout(30_000);
  useMongoose('insights_ingest');
  let w: ConnectWorld;
  let clockNow: Date;

  beforeEach(async () => {
    w = await startConnectWorld();
    clockNow = w.clock.now;
  });
  afterEach(async () => {
    await w.stop();
  });

  const activity = () => w.bot.ctx.services.insights.activity;
  const waitForEvents = (n: number) =>
    w.until(() => activity().stats().pendingEvents >= n, `${n} events counted`);
  const other = () => w.seeded.members[1]!.id;

  it('counts messages per guild hour, member day and channel, and joins, without reading content', async () => {
    for (let i = 0; i < 5; i++) w.drivers.sendMessage(w.channels.general, w.memberId, `secret ${i}`);
    for (let i = 0; i < 3; i++) w.drivers.sendMessage(w.channels.introductions, other(), 'hello');
    w.drivers.memberJoin(w.guildId, { username: 'newbie', globalName: 'Newbie' });
    await waitForEvents(9);
    expect(await activity().flush()).to.equal(true);

    const hours = await GuildHour.find({ guildId: w.guildId }).lean();
    expect(hours.reduce((n, r) => n + r.messages, 0)).to.equal(8);
    expect(hours.reduce((n, r) => n + r.joins, 0)).to.equal(1);
    const mine = await MemberDay.find({ guildId: w.guildId, userId: w.memberId }).lean();
    expect(mine.map((r) => r.messages)).to.deep.equal([5]);
    expect(mine[0]!.expiresAt).to.be.instanceOf(Date); // per-member rows expire by TTL
    const general = await ChannelDay.findOne({ guildId: w.guildId, channelId: w.channels.general }).lean();
    expect(general?.messages).to.equal(5);
    expect(general?.name).to.equal('general'); // shown in top channels; a channel name is not personal
    // Nothing about the text is stored anywhere in the rollups.
    const everything = [
      await GuildHour.find().lean(),
      await MemberDay.find().lean(),
      await ChannelDay.find().lean(),
    ];
    expect(JSON.stringify(everything)).to.not.include('secret');
  });

  it('credits voice minutes from join to leave, in the guild, member and channel rows', async () => {
    const lounge = w.seeded.channels['Lounge']!.id;
    w.drivers.voiceJoin(w.guildId, w.memberId, lounge);
    await w.until(() => activity().stats().openSessions === 1, 'session open');
    w.clock.now = new Date(clockNow.getTime() + 30 * MIN);
    w.drivers.voiceLeave(w.guildId, w.memberId);
    await w.until(() => activity().stats().openSessions === 0, 'session closed');
    await activity().flush();
    const hours = await GuildHour.find({ guildId: w.guildId }).lean();
    expect(hours.reduce((n, r) => n + r.voiceSeconds, 0)).to.equal(1800);
    const room = await ChannelDay.find({ guildId: w.guildId, channelId: lounge }).lean();
    expect(room.reduce((n, r) => n + r.voiceSeconds, 0)).to.equal(1800);
  });

  it('writes the counters when the bot stops (flush on shutdown)', async () => {
    for (let i = 0; i < 4; i++) w.drivers.sendMessage(w.channels.general, w.memberId, 'bye');
    await waitForEvents(4);
    await w.bot.stop(); // destroys the client, then the slices' stop hooks write the counters
    const hours = await GuildHour.find({ guildId: w.guildId }).lean();
    expect(hours.reduce((n, r) => n + r.messages, 0)).to.equal(4);
    w.bot = await restart(w, () => w.clock.now);
  });

  it('recomputes at start-up the active members of member days a stopped worker left without them', async () => {
    // Member days as a worker that crashed before its recompute (or an older version) left them.
    const day = localDayOf(w.clock.now, 'Asia/Tokyo');
    await MemberDay.create({
      guildId: w.guildId,
      userId: w.memberId,
      day,
      messages: 2,
      voiceSeconds: 0,
      expiresAt: new Date(w.clock.now.getTime() + 30 * 86_400_000),
    });
    await w.bot.stop();
    w.bot = await restart(w, () => w.clock.now);
    await w.until(
      async () =>
        (await GuildActivity.findOne({ guildId: w.guildId, span: 'day', start: day }).lean()) !== null,
      'active-member row recomputed at start-up',
    );
    const row = await GuildActivity.findOne({ guildId: w.guildId, span: 'day', start: day }).lean();
    expect(row).to.include({ messagers: 1 });
  });

  it('resumes a voice session GUILD_CREATE still shows after a restart, from its last credit', async () => {
    const lounge = w.seeded.channels['Lounge']!.id;
    w.drivers.voiceJoin(w.guildId, w.memberId, lounge);
    await w.until(() => activity().stats().openSessions === 1, 'session open');
    w.clock.now = new Date(clockNow.getTime() + 10 * MIN);
    await w.bot.stop(); // credits 10 minutes and stores the open session
    expect(await VoiceSession.countDocuments({ guildId: w.guildId, userId: w.memberId })).to.equal(1);
    w.clock.now = new Date(clockNow.getTime() + 12 * MIN);
    w.bot = await restart(w, () => w.clock.now);
    await w.until(() => activity().stats().openSessions === 1, 'session resumed from GUILD_CREATE');
    w.clock.now = new Date(clockNow.getTime() + 20 * MIN);
    w.drivers.voiceLeave(w.guildId, w.memberId);
    await w.until(() => activity().stats().openSessions === 0, 'session closed');
    await activity().flush();
    const mine = await MemberDay.find({ guildId: w.guildId, userId: w.memberId }).lean();
    // 10 minutes before the restart, 2 across it (a short restart), 8 after.
    expect(mine.reduce((n, r) => n + r.voiceSeconds, 0)).to.equal(20 * 60);
    expect(await VoiceSession.countDocuments({ guildId: w.guildId })).to.equal(0);
  });
});

/** A fresh bot on the same emulator and database, with the test clock (the world's agenda is not reused). */
async function restart(w: ConnectWorld, now: () => Date) {
  return startBot({
    token: w.emu.botToken,
    restApi: w.emu.restBase,
    config: loadConfig({ NODE_ENV: 'test', DEFAULT_LOCALE: 'ja' }),
    logger: pino({ level: 'silent' }),
    clock: { now },
  });
}
