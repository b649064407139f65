/**
 * `npm run bench`: the bot's memory after a GUILD_CREATE carrying 50,000 members, with Tsunagu's
 * cache limits and sweepers (bot/client.ts) next to discord.js defaults.
 *
 * The parent starts the Discord emulator (every member in GUILD_CREATE) and seeds the guild; each
 * configuration runs in its own child process so neither measurement inherits the other's heap.
 * A child measures after imports (baseline) and after READY + every guild, both after a full GC.
 * Figures only: this never fails on a number.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Events } from 'discord.js';
import { createClient } from '../bot/client.js';
import { silentLogger } from '../shared/logger.js';
import { seedGuild, startDiscordEmulator } from '../sandbox/discord/index.js';

const MEMBERS = 50_000;
type Mode = 'tsunagu' | 'defaults';

interface Measurement {
  mode: Mode;
  baselineRssMb: number;
  rssMb: number;
  heapUsedMb: number;
  cachedMembers: number;
  cachedUsers: number;
  readyMs: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function collect(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the child with --expose-gc');
  gc();
  gc();
  return process.memoryUsage();
}

/** Child: log in with one cache configuration, wait for the guild, measure, print JSON. */
async function child(mode: Mode, restApi: string, token: string): Promise<void> {
  const baseline = collect();
  const client = createClient({ restApi, defaultCaches: mode === 'defaults' });
  const started = Date.now();
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(token);
  await ready;
  const readyMs = Date.now() - started;
  // Let discord.js finish any work queued behind READY before measuring.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = collect();
  const guild = client.guilds.cache.first();
  const result: Measurement = {
    mode,
    baselineRssMb: mb(baseline.rss),
    rssMb: mb(after.rss),
    heapUsedMb: mb(after.heapUsed),
    cachedMembers: guild?.members.cache.size ?? 0,
    cachedUsers: client.users.cache.size,
    readyMs,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  await client.destroy();
}

function runChild(mode: Mode, restApi: string, token: string): Promise<Measurement> {
  const file = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', file, '--child', mode, restApi, token],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) return reject(new Error(`${mode} child exited with ${code}: ${out}`));
      resolve(JSON.parse(line.slice('RESULT '.length)) as Measurement);
    });
  });
}

function printTable(rows: Measurement[]): void {
  const header = [
    'cache settings',
    'RSS MB',
    'RSS Δ MB',
    'heap used MB',
    'members cached',
    'users cached',
    'ready ms',
  ];
  const body = rows.map((r) => [
    r.mode === 'tsunagu' ? "Tsunagu's (bot/client.ts)" : 'discord.js defaults',
    r.rssMb.toFixed(1),
    (r.rssMb - r.baselineRssMb).toFixed(1),
    r.heapUsedMb.toFixed(1),
    String(r.cachedMembers),
    String(r.cachedUsers),
    String(r.readyMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

async function parent(): Promise<void> {
  const emulator = await startDiscordEmulator({ logger: silentLogger(), guildCreateMembers: 'all' });
  try {
    seedGuild(emulator.state, { name: 'Bench Guild', memberCount: MEMBERS });
    console.log(
      `Bot memory after a GUILD_CREATE of ${MEMBERS.toLocaleString('en-US')} members (one child process each, after GC)\n`,
    );
    const rows: Measurement[] = [];
    for (const mode of ['defaults', 'tsunagu'] as const)
      rows.push(await runChild(mode, emulator.restBase, emulator.botToken));
    printTable(rows);
    const [defaults, tsunagu] = rows;
    if (defaults && tsunagu) {
      const saved = defaults.rssMb - tsunagu.rssMb;
      console.log(
        `\nTsunagu's limits use ${saved.toFixed(1)} MB less RSS than discord.js defaults (baseline: defaults row).`,
      );
    }
  } finally {
    await emulator.stop();
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(args[1] as Mode, args[2]!, args[3]!).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  parent().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
