// `npm run demo`: runs the demo (TypeScript, src/demo.ts) the way the services run from source.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/demo/src/demo.ts', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, SWCRC: 'true' },
});
process.exit(result.status ?? 1);
