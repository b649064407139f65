/**
 * The emulator with a data directory: every part of its state comes back after a stop and after a
 * kill (the snapshot is written atomically), the bot's token and every id stay the same, new ids
 * continue after the saved ones, and a real discord.js client gets the same guild again.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import {
  ButtonStyle,
  ComponentType,
  GuildScheduledEventEntityType,
  type APIActionRowComponent,
  type APIButtonComponent,
} from 'discord-api-types/v10';
import { silentLogger } from '../../../shared/logger.js';
import {
  compareSnowflakes,
  seedGuild,
  snowflake,
  startDiscordEmulator,
} from '../../../sandbox/discord/index.js';
import { driversFor } from '../../../sandbox/discord/drivers.js';
import { oauth2Of } from '../../../sandbox/discord/oauth2.js';
import { commandsOf } from '../../../sandbox/discord/rest/applications.js';
import { encodeState } from '../../../sandbox/discord/state/persist-codec.js';
import { persistedParts } from '../../../sandbox/discord/state/persist.js';
import { DiscordState } from '../../../sandbox/discord/state/state.js';

const start = (dataDir: string, reset = false) =>
  startDiscordEmulator({ logger: silentLogger(), dataDir, reset, saveDelayMs: 20, clockTickMs: 0 });

/** Everything the emulator saves, as one comparable string. */
const image = (state: DiscordState): string => JSON.stringify(encodeState(persistedParts(state)));

/** Puts something into every part of the state (each Map of `state.data` and each side store). */
function fillEveryPart(emu: Awaited<ReturnType<typeof start>>) {
  const { state } = emu;
  const seeded = seedGuild(state, { name: 'Acme', memberCount: 3 });
  const guildId = seeded.guild.id;
  const general = seeded.channels.general!.id;
  const member = seeded.members[0]!;
  const button: APIActionRowComponent<APIButtonComponent> = {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: 'intro:start', label: 'Go' },
    ],
  };
  state.messages.create(general, {
    authorId: emu.botUser.id,
    content: `Welcome <@${member.id}>`,
    embeds: [{ title: 'Hello', color: 0x5865f2, fields: [{ name: 'Year', value: '2024' }] }],
    components: [button],
  });
  const dm = state.channels.openDm(member.id);
  state.messages.create(dm.id, { authorId: emu.botUser.id, content: 'Introduce yourself' });
  driversFor(emu).voiceJoin(guildId, member.id, seeded.channels.Lounge!.id);
  const invite = state.invites.create(general, { inviterId: emu.botUser.id, maxAge: 0 });
  const event = state.scheduledEvents.create(guildId, {
    name: 'Mixer',
    channelId: seeded.channels.Lounge!.id,
    scheduledStartTime: new Date(Date.now() + 86_400_000).toISOString(),
    entityType: GuildScheduledEventEntityType.Voice,
  });
  state.scheduledEvents.subscribe(guildId, event.id, member.id);
  state.data.attachments.set(snowflake(), {
    filename: 'card.png',
    contentType: 'image/png',
    data: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  });
  state.data.oauthTokens.set('access-1', {
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    userId: seeded.owner.id,
    scopes: ['identify', 'guilds'],
    expiresAt: Date.now() + 3_600_000,
  });
  const oauth2 = oauth2Of(state);
  oauth2.defaultUserId = seeded.owner.id;
  oauth2.codes.set('code-1', {
    userId: seeded.owner.id,
    clientId: emu.application.clientId,
    redirectUri: 'http://127.0.0.1/cb',
    scopes: ['identify'],
    expiresAt: Date.now() + 60_000,
  });
  commandsOf(state).upsert(emu.application.id, guildId, { name: 'about', description: 'About Tsunagu' });
  return { seeded, member, invite, event };
}

describe('Discord emulator persistence (dataDir)', function () {
  this.timeout(20_000);
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-emulator-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('brings back every part of the state, the bot token and the OAuth2 client after a restart', async () => {
    const first = await start(dir);
    expect(first.restored).to.equal(false);
    const { seeded, member, invite, event } = fillEveryPart(first);
    for (const [name, part] of Object.entries(first.state.data)) {
      expect(part.size, `state.data.${name} is filled by the test`).to.be.greaterThan(0);
    }
    const before = image(first.state);
    const identity = { token: first.botToken, app: first.application, bot: first.botUser.id };
    await first.stop();

    const second = await start(dir);
    try {
      expect(second.restored).to.equal(true);
      expect(image(second.state)).to.equal(before);
      expect(second.botToken).to.equal(identity.token);
      expect(second.botUser.id).to.equal(identity.bot);
      expect(second.application.clientSecret).to.equal(identity.app.clientSecret);
      expect(second.application.ownerId).to.equal(identity.app.ownerId);
      // Types come back as themselves, not as plain JSON.
      const guild = second.state.guilds.get(seeded.guild.id);
      expect(guild.members).to.be.instanceOf(Map);
      expect(guild.voiceStates.get(member.id)?.channelId).to.equal(seeded.channels.Lounge!.id);
      expect(guild.scheduledEvents.get(event.id)?.interested).to.be.instanceOf(Set);
      expect([...second.state.data.attachments.values()][0]!.data).to.deep.equal(
        Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      );
      expect(second.state.invites.get(invite.code).guildId).to.equal(seeded.guild.id);
      expect(oauth2Of(second.state).defaultUserId).to.equal(seeded.owner.id);
      expect(
        commandsOf(second.state)
          .list(second.application.id, seeded.guild.id)
          .map((c) => c.name),
      ).to.deep.equal(['about']);
    } finally {
      await second.stop();
    }
  });

  it('issues new ids after every saved one', async () => {
    const first = await start(dir);
    fillEveryPart(first);
    const saved = [...first.state.data.users.keys(), ...first.state.data.channels.keys()];
    await first.stop();
    const second = await start(dir);
    try {
      const fresh = second.state.users.create({ username: 'newcomer' }).id;
      for (const id of saved) expect(compareSnowflakes(fresh, id)).to.equal(1);
    } finally {
      await second.stop();
    }
  });

  it('lets the bot log in again with the same token and see the same guild', async () => {
    const first = await start(dir);
    const { seeded } = fillEveryPart(first);
    await first.stop();
    const second = await start(dir);
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: second.restBase } });
    try {
      const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
      await client.login(second.botToken);
      await ready;
      const guild = client.guilds.cache.get(seeded.guild.id);
      expect(guild?.name).to.equal('Acme');
      expect(guild?.channels.cache.get(seeded.channels.general!.id)?.name).to.equal('general');
    } finally {
      await client.destroy();
      await second.stop();
    }
  });

  it('keeps saving while it runs, so a kill loses at most the last moment', async () => {
    const first = await start(dir);
    const { seeded } = fillEveryPart(first);
    const late = driversFor(first).memberJoin(seeded.guild.id, { username: 'late-joiner' });
    await first.save();
    const saved = await readFile(path.join(dir, 'emulator-state.json'), 'utf8');
    // The process "dies" here. stop() only releases the lock (nothing changed since the save, so it
    // writes nothing: the file is still the periodic save's), and a half-written temporary file is
    // what a kill mid-write leaves.
    await first.stop();
    expect(await readFile(path.join(dir, 'emulator-state.json'), 'utf8')).to.equal(saved);
    await writeFile(path.join(dir, 'emulator-state.json.tmp'), '{"torn');
    const second = await start(dir);
    try {
      expect(second.state.members.find(seeded.guild.id, late.user!.id)).to.not.equal(undefined);
      expect(await readdir(dir)).to.not.include('emulator-state.json.tmp');
    } finally {
      await second.stop();
    }
  });

  it('refuses a damaged snapshot instead of starting empty over it', async () => {
    const first = await start(dir);
    fillEveryPart(first);
    await first.stop();
    const file = path.join(dir, 'emulator-state.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"Acme"', '"Acmf"'));
    let failure: unknown;
    await start(dir).then(
      (emu) => emu.stop(),
      (error: unknown) => (failure = error),
    );
    expect(String(failure)).to.match(/damaged/);
  });

  it('refuses a directory another live process holds', async () => {
    // The parent process (npm or the shell) is alive: its pid in LOCK stands for another emulator.
    await writeFile(path.join(dir, 'LOCK'), `${process.ppid}\n`);
    let failure: unknown;
    await start(dir).then(
      (emu) => emu.stop(),
      (error: unknown) => (failure = error),
    );
    expect(String(failure)).to.match(/in use by another Discord emulator/);
  });

  it('refuses a second emulator in this process on a directory the first one holds', async () => {
    // The pid in LOCK is this process's own: without the in-process check it would be taken over.
    const first = await start(dir);
    let failure: unknown;
    await start(dir).then(
      (emu) => emu.stop(),
      (error: unknown) => (failure = error),
    );
    await first.stop();
    expect(String(failure)).to.match(/already used by a Discord emulator in this process/);
    const again = await start(dir);
    await again.stop();
  });

  it('saves every side store kept per emulator state, or says why it does not', () => {
    // A store kept in a WeakMap<DiscordState, …> is saved only once listed in persistedParts.
    const saved = ['oauth2.ts', 'rest/applications.ts'];
    const notSaved = {
      'rest/interactions.ts': 'interactions and ephemeral replies: Discord drops them when a client reloads',
      'view/feed.ts': "the Discord view's open event streams",
    };
    const root = new URL('../../../sandbox/discord/', import.meta.url);
    const holders = (readdirSync(root, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => /new WeakMap<DiscordState\b/.test(readFileSync(new URL(file, root), 'utf8')))
      .map((file) => file.split(path.sep).join('/'));
    expect(holders.sort()).to.deep.equal([...saved, ...Object.keys(notSaved)].sort());
    expect(Object.keys(persistedParts(new DiscordState()))).to.deep.equal(['data', 'commands', 'oauth2']);
  });

  it('starts empty with reset', async () => {
    const first = await start(dir);
    fillEveryPart(first);
    await first.stop();
    const fresh = await start(dir, true);
    try {
      expect(fresh.restored).to.equal(false);
      expect(fresh.state.guilds.list()).to.deep.equal([]);
    } finally {
      await fresh.stop();
    }
  });
});
