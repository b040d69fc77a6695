import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { defaultNumberingDataFile } from '../numbering-data.file';
import { OfflinePhoneIntelligence } from '../offline.phone-intelligence';

/** The monorepo root, seen from this file. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

/** Budget for a first generation on a fresh clone: a pip download plus parsing about 20 MB of modules. */
export const GENERATION_TIMEOUT_MS = 180_000;

/**
 * The offline adapter over the real generated data, generating it first when missing or stale
 * (for int specs, in a beforeAll with GENERATION_TIMEOUT_MS).
 */
export function offlineIntelligenceOverGeneratedData(): OfflinePhoneIntelligence {
  execFileSync(process.execPath, [path.join(WORKSPACE_ROOT, 'tools/numbering-data/cli.mjs')], { cwd: WORKSPACE_ROOT, stdio: 'pipe', timeout: GENERATION_TIMEOUT_MS - 10_000 });
  return OfflinePhoneIntelligence.fromFile(defaultNumberingDataFile(process.env, WORKSPACE_ROOT));
}
