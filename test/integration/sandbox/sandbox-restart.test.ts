/**
 * `npm start` survives a restart: the sandbox runs as its own process with a temporary data
 * folder; a new person joins the demo guild through a cohort invite and introduces themself
 * through the emulator's control API (the bot's DM button, modal, survey and post, as the Discord
 * view does it), the organiser logs in to the dashboard, then the process is killed with SIGKILL
 * and started again. The same guild id, the member, their profile and the login are still there.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import request from 'supertest';
import { startLogin } from '../../support/web/browser.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PERSON = { username: 'restart.person', globalName: '再起動 みのり', locale: 'ja' };

interface LogLine {
  msg: string;
  [field: string]: unknown;
}

interface Sandbox {
  child: ChildProcess;
  lines: LogLine[];
  /** Resolves with the first log line (from the start) that `match` accepts. */
  waitFor(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `sandbox/main.ts` as `npm start` does; its stdout is piped, so it logs JSON lines. */
function startSandbox(dataDir: string, port: number, args: string[] = []): Sandbox {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', ...args], {
    cwd: REPO,
    env: {
      ...process.env,
      DISCORD_TOKEN: '',
      MONGODB_URI: '',
      SANDBOX_DATA_DIR: dataDir,
      SANDBOX_MEMBERS: '0',
      PORT: String(port),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      try {
        lines.push(JSON.parse(text) as LogLine);
      } catch {
        lines.push({ msg: text });
      }
      for (const wake of waiters) wake();
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('exit', () => {
    for (const wake of waiters) wake();
  });
  return {
    child,
    lines,
    waitFor(match, what, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (found) return done(() => resolve(found));
          if (child.exitCode !== null || child.signalCode !== null)
            done(() => reject(new Error(`the sandbox exited before ${what}:\n${stderr.slice(-2000)}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`no ${what} within ${timeoutMs} ms:\n${stderr.slice(-2000)}`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

async function kill(sandbox: Sandbox, signal: NodeJS.Signals): Promise<void> {
  if (sandbox.child.exitCode !== null || sandbox.child.signalCode !== null) return;
  const exited = new Promise((resolve) => sandbox.child.once('exit', resolve));
  sandbox.child.kill(signal);
  await exited;
}

const isUp = (line: LogLine) => line.msg.startsWith('Tsunagu sandbox is up');

/** The control API of the emulator the sandbox runs. */
function controlApi(discordView: string) {
  const base = new URL(discordView).origin;
  const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/_emulator${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: <T>(route: string) => call<T>('GET', route),
    post: <T>(route: string, body: unknown) => call<T>('POST', route, body),
  };
}

type Api = ReturnType<typeof controlApi>;

interface Component {
  type: number;
  custom_id?: string;
  disabled?: boolean;
  options?: { value: string }[];
  components?: Component[];
}

interface Message {
  id: string;
  content?: string;
  embeds?: { title?: string; fields?: { name: string; value: string }[] }[];
  components?: Component[];
}

function componentsOf(message: Message): Component[] {
  const flat: Component[] = [];
  const walk = (list: Component[] = []) => {
    for (const c of list)
      if (c.type === 1) walk(c.components);
      else flat.push(c);
  };
  walk(message.components);
  return flat.filter((c) => !c.disabled);
}

async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Clicks, picks or submits as the person and resolves with the bot's new message for them. */
async function act(api: Api, route: string, body: unknown, waitFor = 'reply'): Promise<Message> {
  const interaction = await api.post<{ id: string }>(route, body);
  return api.get<Message>(`/interactions/${interaction.id}/wait?for=${waitFor}&timeoutMs=15000`);
}

/** The intro as a person does it: the DM's button, the modal, the survey (first offer each), the post. */
async function introduce(api: Api, guildId: string, userId: string): Promise<void> {
  const dm = await poll(
    async () =>
      (await api.get<Message[]>(`/users/${userId}/dms`)).find((m) =>
        componentsOf(m).some((c) => c.custom_id?.startsWith(`intro:start:${guildId}`)),
      ),
    'welcome DM with the intro button',
  );
  const start = componentsOf(dm).find((c) => c.custom_id?.startsWith('intro:start:'))!;
  const opened = await api.post<{ id: string }>('/interactions/button', {
    messageId: dm.id,
    customId: start.custom_id,
    userId,
    locale: 'ja',
  });
  await api.get(`/interactions/${opened.id}/wait?for=modal&timeoutMs=15000`);
  let form = await act(api, `/interactions/${opened.id}/modal`, {
    fields: {
      name: PERSON.globalName,
      career: '2020年まで 営業部',
      currentWork: 'プロダクトマネージャー',
      interests: '登山',
      greeting: 'またよろしくお願いします',
    },
    locale: 'ja',
  });
  const done = new Set<string>();
  for (let step = 0; step < 20; step++) {
    const select = componentsOf(form).find(
      (c) => c.type === 3 && c.options?.length && !done.has(c.custom_id!),
    );
    const page = componentsOf(form).find((c) => c.custom_id?.startsWith(`intro:page:${guildId}:2`));
    const next = select ?? (page && !done.has(page.custom_id!) ? page : undefined);
    if (!next) break;
    done.add(next.custom_id!);
    form = select
      ? await act(api, '/interactions/select', {
          messageId: form.id,
          customId: select.custom_id,
          userId,
          values: [select.options![0]!.value],
          locale: 'ja',
        })
      : await act(api, '/interactions/button', {
          messageId: form.id,
          customId: next.custom_id,
          userId,
          locale: 'ja',
        });
  }
  const post = componentsOf(form).find((c) => c.custom_id?.startsWith(`intro:post:${guildId}`));
  if (!post) throw new Error('the survey offered no post button');
  await act(api, '/interactions/button', {
    messageId: form.id,
    customId: post.custom_id,
    userId,
    locale: 'ja',
  });
}

async function findProfile(databaseUri: string, guildId: string, userId: string) {
  const client = await MongoClient.connect(databaseUri, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await client.db('tsunagu').collection('profiles').findOne({ guildId, userId });
  } finally {
    await client.close();
  }
}

describe('the sandbox across a restart (npm start, kill -9, npm start)', function () {
  this.timeout(90_000);
  let dataDir: string;
  let sandbox: Sandbox | undefined;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tsunagu-sandbox-'));
  });

  after(async () => {
    if (sandbox) await kill(sandbox, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  let first: { guildId: string; userId: string } | undefined;

  it('keeps the guild id, the member it created, their profile and the login', async () => {
    const port = await freePort();
    const dashboard = `http://localhost:${port}`;
    sandbox = startSandbox(dataDir, port);
    const up = await sandbox.waitFor(isUp, '"sandbox is up" line');
    await sandbox.waitFor((l) => l.msg.startsWith('organiser set up Tsunagu'), 'organiser set-up');
    const guildId = up.guildId as string;
    const api = controlApi(up.discordView as string);

    // /about links the dashboard the sandbox serves.
    const general = (await api.get<{ id: string; name: string }[]>(`/guilds/${guildId}/channels`)).find(
      (c) => c.name === 'general',
    )!;
    const organiserId = (await api.get<{ oauth2DefaultUserId: string }>('/settings')).oauth2DefaultUserId;
    const about = await act(api, '/interactions/slash', {
      guildId,
      channelId: general.id,
      userId: organiserId,
      name: 'about',
      locale: 'en-US',
    });
    expect(JSON.stringify(about.embeds)).to.include(dashboard);

    const [cohort] = await api.get<{ code: string }[]>(`/guilds/${guildId}/invites`);
    const member = await api.post<{ user: { id: string } }>(`/guilds/${guildId}/members`, {
      ...PERSON,
      inviteCode: cohort!.code,
    });
    const userId = member.user.id;
    await introduce(api, guildId, userId);
    const profile = await poll(
      async () => (await findProfile(up.database as string, guildId, userId)) ?? undefined,
      'stored profile with its intro post',
    );
    expect(profile.introMessageId).to.be.a('string');

    const agent = request.agent(dashboard);
    const consent = await startLogin(agent);
    const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
    await agent.get(back.pathname + back.search).expect(303);
    // The old member list's address redirects to the members directory (bookmarks keep working).
    await agent.get(`/guilds/${guildId}/members`).expect(301);
    await agent.get(`/guilds/${guildId}/insights/directory`).expect(200);

    // Kill once the emulator's snapshot holds the intro post (it is written shortly after a change).
    await poll(async () => {
      const saved = await readFile(path.join(dataDir, 'discord', 'emulator-state.json'), 'utf8');
      return saved.includes(profile.introMessageId as string) || undefined;
    }, 'emulator snapshot with the intro post');
    await kill(sandbox, 'SIGKILL');

    sandbox = startSandbox(dataDir, port);
    const again = await sandbox.waitFor(isUp, '"sandbox is up" line after the restart');
    expect(again.guildId).to.equal(guildId);
    expect(again.msg).to.include('resumed from');
    // The emulator takes its old port again: a bookmarked Discord view URL still works.
    expect(again.discordView).to.equal(up.discordView);
    const apiAgain = controlApi(again.discordView as string);
    const members = await apiAgain.get<{ id: string; displayName: string; roles: string[] }[]>(
      `/guilds/${guildId}/members`,
    );
    const kept = members.find((m) => m.id === userId);
    expect(kept?.displayName).to.equal(PERSON.globalName);
    const intro = (
      await apiAgain.get<Message[]>(`/channels/${profile.introChannelId as string}/messages`)
    ).find((m) => m.id === profile.introMessageId);
    expect(intro?.embeds?.[0]).to.not.equal(undefined);
    const profileAgain = await findProfile(again.database as string, guildId, userId);
    expect(profileAgain?.displayName).to.equal(profile.displayName);
    // The same session cookie still opens the same bookmarked page, now listing the person.
    const page = await agent.get(`/guilds/${guildId}/insights/directory`).expect(200);
    expect(page.text).to.include(PERSON.globalName);
    // Nothing was seeded twice: one demo guild, one organiser.
    const state = await apiAgain.get<{ guilds: { id: string }[] }>('/state');
    expect(state.guilds.map((g) => g.id)).to.deep.equal([guildId]);
    first = { guildId, userId };
  });

  it('starts fresh with --reset (npm run sandbox:reset)', async () => {
    if (!first) throw new Error('needs the data of the previous test');
    await kill(sandbox!, 'SIGTERM');
    const port = await freePort();
    sandbox = startSandbox(dataDir, port, ['--reset']);
    const up = await sandbox.waitFor(isUp, '"sandbox is up" line after the reset');
    expect(up.msg).to.not.include('resumed');
    expect(up.guildId).to.not.equal(first.guildId);
    const users = await controlApi(up.discordView as string).get<{ id: string }[]>('/users');
    expect(users.map((u) => u.id)).to.not.include(first.userId);
    expect(await findProfile(up.database as string, first.guildId, first.userId)).to.equal(null);
  });
});
