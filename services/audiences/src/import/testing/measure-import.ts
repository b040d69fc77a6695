// `node -r @swc-node/register measure-import.ts <file>`: imports the file as the service would (nothing kept
// but counts), then prints one JSON line: the tally, the seconds taken and the process's peak RSS. Run in
// a child process so the peak belongs to the import alone.
import { Writable } from 'node:stream';
import { runImport } from '../application/run-import';
import { CsvErrorReportWriter } from '../infrastructure/error-report.csv-writer';
import { InMemoryContactStaging } from '../infrastructure/in-memory.contact-staging';
import { openImportFile } from '../infrastructure/import-file';
import { AUDIENCE_PROJECT } from './audience-project';

async function main(target: string): Promise<void> {
  const started = process.hrtime.bigint();
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const result = await runImport({
    ...AUDIENCE_PROJECT,
    source: await openImportFile(target, { limitBytes: 1024 * 1024 * 1024 }),
    staging: new InMemoryContactStaging({ countOnly: true }),
    errorReport: new CsvErrorReportWriter(discard),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${JSON.stringify({ result, seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
}

main(process.argv[2] ?? '').catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
