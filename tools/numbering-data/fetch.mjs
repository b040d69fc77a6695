// Downloads the pinned wheel with pip (the ordinary PyPI client) and verifies its checksum.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SOURCE } from './source.mjs';

const PIP_COMMANDS = [
  ['python3', ['-m', 'pip']],
  ['python', ['-m', 'pip']],
  ['pip3', []],
  ['pip', []],
];

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function pipDownload(directory) {
  const args = ['download', `${SOURCE.name}==${SOURCE.version}`, '--no-deps', '--only-binary=:all:', '--dest', directory, '--quiet', '--disable-pip-version-check'];
  const attempts = [];
  for (const [command, prefix] of PIP_COMMANDS) {
    const result = spawnSync(command, [...prefix, ...args], { encoding: 'utf8' });
    if (result.error) {
      attempts.push(`${command}: ${result.error.code ?? result.error.message}`);
      continue;
    }
    if (result.status === 0) return;
    attempts.push(`${command}: exit ${result.status}: ${(result.stderr || '').trim().split('\n').pop()}`);
  }
  throw new Error(`could not download ${SOURCE.name}==${SOURCE.version} from ${SOURCE.registry} with pip (${attempts.join('; ')})`);
}

/** The verified wheel bytes, downloaded into `directory` unless already there. */
export function fetchWheel(directory) {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, SOURCE.file);
  if (!existsSync(file)) pipDownload(directory);
  if (!existsSync(file)) throw new Error(`pip did not produce ${SOURCE.file} in ${directory}`);
  const bytes = readFileSync(file);
  const actual = sha256(bytes);
  if (actual !== SOURCE.sha256) {
    throw new Error(`checksum mismatch for ${file}: expected ${SOURCE.sha256}, got ${actual}; delete the file and retry`);
  }
  return bytes;
}
