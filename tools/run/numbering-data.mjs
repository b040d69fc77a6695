// The offline numbering data (libphonenumber's tables) audiences needs to read phone numbers.
// Generated on first start from the pinned PyPI wheel by its own tool (run as a command: tools
// are applications, not libraries); later starts find it current at once.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './steps.mjs';

/** Makes sure the data is there; on failure says why and what breaks, and lets the platform start. */
export function prepareNumberingData(say) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'tools/numbering-data/cli.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status === 0) return;
  const reason = (result.stderr || result.error?.message || `exit ${result.status}`).trim();
  say(`numbering data unavailable (${reason}): audience imports will fail until \`node tools/numbering-data/cli.mjs\` succeeds`);
}
