import { spawn } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

describe('all-in-one process with a bad configuration', () => {
  it('names every bad variable on stderr and exits 1 before listening', async () => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      SWCRC: 'true',
      HTTP_PORT: 'eighty',
      DATABASE_URL: undefined,
    };
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/all-in-one/src/main.ts'], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('all-in-one: invalid configuration (2 problems)');
    expect(stderr).toContain('HTTP_PORT: must be a port number');
    expect(stderr).toContain('DATABASE_URL: is required but not set');
    expect(stdout).not.toContain('service started');
  }, 60_000);
});
