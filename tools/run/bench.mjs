// `npm run bench -- <name> [args]`: runs bench/<name>.bench.ts (TypeScript through swc) and exits
// with its status. `npm run bench` alone lists the benchmarks.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, run } from './steps.mjs';

const [name, ...args] = process.argv.slice(2);
const available = readdirSync(path.join(repoRoot, 'bench'))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none yet)'}`);
  process.exit(name ? 2 : 0);
}
const code = await run(process.execPath, ['--expose-gc', '-r', '@swc-node/register', path.join('bench', `${name}.bench.ts`), ...args], {
  env: { SWCRC: 'true', NODE_ENV: 'production' },
});
process.exit(code);
