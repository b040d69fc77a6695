// The offline numbering data (libphonenumber's tables) audiences needs to read phone numbers.
// Generated on first start from the pinned PyPI wheel; later starts find it current and go on.
import { ensureNumberingData } from '@zvonar/numbering-data';

/** Makes sure the data is there; on failure says why and what breaks, and lets the platform start. */
export function prepareNumberingData(say) {
  try {
    const started = Date.now();
    const file = ensureNumberingData();
    const elapsed = Date.now() - started;
    if (elapsed > 1_000) say(`numbering data generated in ${(elapsed / 1000).toFixed(1)} s (${file})`);
  } catch (error) {
    say(`numbering data unavailable (${error.message}): audience imports will fail until \`node tools/numbering-data/cli.mjs\` succeeds`);
  }
}
