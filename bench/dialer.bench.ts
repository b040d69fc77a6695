// Dialer: dial decisions per second over a synthetic 1,000,000-contact campaign, against a
// reference loop over the same data in the same run, and memory per loaded contact.
//
// The reference is the least a dialer can do: pop the next due contact from a typed-array binary
// heap of due times, look up a per-zone-profile "callable now" flag and the block list, mark the
// contact dispatched. The subject is the domain's decideDials (pacer, concurrency cap, local
// windows per zone profile, block list, attempt limits, leases, PlaceCall objects with attempt
// ids). Issue target: >= 20% of the reference, and >= 50,000 decisions/s in absolute terms.
//
// The PostgreSQL part of the benchmark (claiming 100 due contacts vs a raw
// FOR UPDATE SKIP LOCKED LIMIT 100) comes later, with the PostgreSQL attempt table.
import { resolveSchedule, type ContactZones } from '../services/campaigns/src/calling-window/domain';
import { createDialer, decideDials, DEFAULT_REDIAL_RULES, type DialerState } from '../services/campaigns/src/dialing/domain';
import { RUSSIAN_ZONES, seededRandom } from '../services/campaigns/test/mothers/zones.mother';
import { interleave, log, median, report } from './lib/harness';

const CONTACTS = 1_000_000;
/** Contacts become due over 1,000 simulated seconds, stepped 100 ms at a time. */
const SPREAD_MS = 1_000_000;
const STEP_MS = 100;
const TARGET_RATIO = 0.2;
const FLOOR_PER_SECOND = 50_000;
const TARGET_BYTES_PER_CONTACT = 256;

const RUSSIAN = RUSSIAN_ZONES;
// Single zones, the all-Russia mobile set, and foreign zones (New York is outside its window at
// this hour, so those contacts are moved to their window opening: a decision too).
const PROFILES: ContactZones[] = [
  ...RUSSIAN.map((zone) => ({ zones: [zone] })),
  { zones: RUSSIAN },
  { zones: ['Europe/Berlin'] },
  { zones: ['America/New_York'] },
];
/** Monday 2 March 2026 07:00 UTC: inside the default window everywhere in Russia and in Berlin. */
const START = Date.parse('2026-03-02T07:00:00Z');
const schedule = resolveSchedule({ startDate: '2026-01-01', startTime: '00:00', timeZone: 'Europe/Moscow', dailyWindow: null, weekdays: [1, 2, 3, 4, 5, 6, 7] });

/** The same synthetic data for both sides: due time, zone profile, phone; 1% of phones blocked. */
const random = seededRandom(7);
const dueAt = new Float64Array(CONTACTS);
const profileOf = new Uint16Array(CONTACTS);
for (let i = 0; i < CONTACTS; i += 1) {
  dueAt[i] = START + Math.floor(random() * SPREAD_MS);
  profileOf[i] = Math.floor(random() * PROFILES.length);
}
const phoneOf = (i: number) => `+7${String(9_000_000_000 + i)}`;
const blocked = new Set<string>();
for (let i = 0; i < CONTACTS; i += 100) blocked.add(phoneOf(i));

const uuidOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const loadDialer = (): DialerState => {
  const state = createDialer({
    settings: { campaignId: 'bench-campaign', concurrencyCap: CONTACTS, leaseMs: 3_600_000 * 24, redialRules: DEFAULT_REDIAL_RULES, carouselNumbers: [] },
    // A pace far above the data's arrival rate: the bench measures decisions, not pacing.
    pace: { callsPerSecond: 10_000_000, callsPerHour: 36_000_000_000, burst: 1_000_000 },
    schedule,
    zoneProfiles: PROFILES,
    capacity: CONTACTS,
    blocked,
  });
  for (let i = 0; i < CONTACTS; i += 1) state.table.add({ contactId: uuidOf(i), phone: phoneOf(i), zoneProfile: profileOf[i]!, dueAt: dueAt[i]! });
  return state;
};

/** Decisions per second of the domain dialer stepping the simulated clock through the spread. */
const subject = async (): Promise<number> => {
  let state = loadDialer();
  let decisions = 0;
  const began = process.hrtime.bigint();
  for (let now = START; now <= START + SPREAD_MS; now += STEP_MS) {
    const step = decideDials(state, now);
    state = step.state;
    decisions += step.decisions;
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  return decisions / seconds;
};

// ---- Reference: a bare typed-array heap loop over the same data ----
const baseline = async (): Promise<number> => {
  const heap = new Int32Array(CONTACTS);
  const due = new Float64Array(dueAt);
  const dispatched = new Uint8Array(CONTACTS);
  let size = 0;
  const push = (index: number) => {
    let at = size;
    size += 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (due[heap[parent]!]! <= due[index]!) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = index;
  };
  const pop = (): number => {
    const top = heap[0]!;
    size -= 1;
    const last = heap[size]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && due[heap[child + 1]!]! < due[heap[child]!]!) child += 1;
      if (due[heap[child]!]! >= due[last]!) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = last;
    return top;
  };
  for (let i = 0; i < CONTACTS; i += 1) push(i);
  const phones = Array.from({ length: CONTACTS }, (_, i) => phoneOf(i));
  const callable = new Uint8Array(PROFILES.length).fill(1);
  callable[PROFILES.length - 1] = 0;
  let decisions = 0;
  const began = process.hrtime.bigint();
  for (let now = START; now <= START + SPREAD_MS; now += STEP_MS) {
    while (size > 0 && due[heap[0]!]! <= now) {
      const index = pop();
      decisions += 1;
      if (blocked.has(phones[index]!) || !callable[profileOf[index]!]) continue;
      dispatched[index] = 1;
    }
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  return decisions / seconds;
};

const gc = (globalThis as { gc?: () => void }).gc;
const usedBytes = () => {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

const main = async () => {
  log(`dialer: ${CONTACTS.toLocaleString('en')} contacts, ${PROFILES.length} zone profiles, due over ${SPREAD_MS / 1000} s in ${STEP_MS} ms steps`);
  const before = usedBytes();
  const loaded = loadDialer();
  const bytesPerContact = (usedBytes() - before) / CONTACTS;
  log(`memory: ${bytesPerContact.toFixed(1)} bytes per loaded contact (typed arrays ${(loaded.table.typedBytes / CONTACTS).toFixed(1)} B, the rest id and phone strings)${gc ? '' : ' (no --expose-gc: figure is rough)'}`);

  const run = await interleave(3, baseline, subject);
  const reference = median(run.baseline);
  const dialer = median(run.subject);
  log(`reference typed-array heap loop: ${Math.round(reference).toLocaleString('en')} decisions/s (runs ${run.baseline.map(Math.round).join(', ')})`);
  log(`decideDials:                     ${Math.round(dialer).toLocaleString('en')} decisions/s (runs ${run.subject.map(Math.round).join(', ')})`);
  log('PostgreSQL claim of 100 due contacts vs raw FOR UPDATE SKIP LOCKED LIMIT 100: not measured yet, comes with the PostgreSQL attempt table');

  const pass = report(
    'dialer',
    [
      { name: 'dial decisions/s vs typed-array heap loop', ratio: dialer / reference, target: TARGET_RATIO, kind: 'min' },
      { name: `dial decisions/s vs floor ${FLOOR_PER_SECOND.toLocaleString('en')}/s`, ratio: dialer / FLOOR_PER_SECOND, target: 1, kind: 'min' },
      { name: `bytes per loaded contact vs ${TARGET_BYTES_PER_CONTACT}`, ratio: bytesPerContact / TARGET_BYTES_PER_CONTACT, target: 1, kind: 'max' },
    ],
    {
      contacts: CONTACTS,
      decisionsPerSecond: Math.round(dialer),
      referencePerSecond: Math.round(reference),
      bytesPerContact: Math.round(bytesPerContact),
      postgresClaim: 'not measured yet (comes with the PostgreSQL attempt table)',
    },
  );
  process.exitCode = pass ? 0 : 1;
};

void main();
