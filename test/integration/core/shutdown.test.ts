import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./fixtures/shutdown-child.ts', import.meta.url));

/** Starts the child, sends `signal` once it is ready, resolves with its exit code and output. */
function runUntilSignal(
  signal: NodeJS.Signals,
  args: string[] = [],
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out === 'ready\n') proc.kill(signal);
    });
    proc.on('error', reject);
    proc.on('exit', (code) => resolve({ code, out }));
  });
}

describe('graceful shutdown', () => {
  it('GIVEN SIGTERM THEN stops the bot once and exits 0', async () => {
    const { code, out } = await runUntilSignal('SIGTERM');
    expect(out).to.equal('ready\nstopping\nstopped\n');
    expect(code).to.equal(0);
  });

  it('GIVEN SIGINT (Ctrl+C) THEN stops the bot once and exits 0', async () => {
    const { code, out } = await runUntilSignal('SIGINT');
    expect(out).to.equal('ready\nstopping\nstopped\n');
    expect(code).to.equal(0);
  });

  it('GIVEN a stop that hangs THEN exits 1 after the shutdown timeout', async () => {
    const { code, out } = await runUntilSignal('SIGTERM', ['--slow']);
    expect(out).to.equal('ready\nstopping\n');
    expect(code).to.equal(1);
  });
});
