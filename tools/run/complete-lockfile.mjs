// Records the other platforms' optional binary packages in package-lock.json.
//
// The registry these machines reach serves no metadata for many platform-specific optional
// packages (darwin, win32, android... builds of buf, swc, nx, ...), so `npm install` here leaves
// them out of the lock, and `npm ci` on a fresh clone then refuses the lock as "not in sync". An
// entry with the package's platform constraints is enough: npm ci skips it on any other platform
// without fetching it. Run after every `npm install` that changes the lock:
//
//   node tools/run/complete-lockfile.mjs          (rewrites package-lock.json, lists what it added)
//   node tools/run/complete-lockfile.mjs --check  (exits 1 when entries are missing)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './steps.mjs';

const OPERATING_SYSTEMS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'openbsd', 'netbsd', 'sunos', 'aix'];
const CPUS = { x64: 'x64', arm64: 'arm64', ia32: 'ia32', arm: 'arm', armv7: 'arm', ppc64: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' };

/** Platform constraints read from a binary package's conventional name (`…-linux-arm64-musl`). */
export function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const os = tokens.find((token) => OPERATING_SYSTEMS.includes(token));
  const cpu = tokens.map((token) => CPUS[token]).find(Boolean);
  if (!os || !cpu) return undefined;
  const libc = tokens.includes('musl') || tokens.includes('musleabihf') ? 'musl' : tokens.some((t) => t.startsWith('gnu')) ? 'glibc' : undefined;
  return { os: [os], cpu: [cpu], ...(libc && os === 'linux' ? { libc: [libc] } : {}) };
}

/** Where npm would find `name` for the package at `from`: its own node_modules, then each ancestor's. */
function resolves(packages, from, name) {
  for (let dir = from; ; ) {
    if (packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (!dir) return false;
    const parent = dir.lastIndexOf('/node_modules/');
    dir = parent < 0 ? '' : dir.slice(0, parent);
  }
}

const lockPath = path.join(repoRoot, 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const added = [];
const unknown = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(lock.packages, location, name)) continue;
    const platform = platformOf(name);
    if (!platform) {
      unknown.push(`${name} (wanted by ${location || 'the root'})`);
      continue;
    }
    const hoisted = `node_modules/${name}`;
    const at = lock.packages[hoisted] ? `${location}/node_modules/${name}` : hoisted;
    lock.packages[at] = { version: spec.replace(/^[\^~=]/, ''), optional: true, ...platform };
    added.push(at);
  }
}

if (process.argv.includes('--check')) {
  if (added.length) {
    console.error(`package-lock.json lacks ${added.length} optional platform packages; run node tools/run/complete-lockfile.mjs`);
    process.exit(1);
  }
  process.exit(0);
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added.length} optional platform entries${added.length ? `:\n  ${added.join('\n  ')}` : ''}`);
if (unknown.length) console.log(`left out (platform not readable from the name):\n  ${unknown.join('\n  ')}`);
