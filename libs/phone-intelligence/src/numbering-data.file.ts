import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeNumberingData, type NumberingTables } from './domain/numbering-tables';

/** The command that produces the data, quoted in every error about it. */
export const GENERATE_NUMBERING_DATA = 'node tools/numbering-data/cli.mjs';

export const NUMBERING_DATA_FILE_NAME = 'numbering-data.json';

export class NumberingDataMissingError extends Error {
  override readonly name = 'NumberingDataMissingError';
  constructor(readonly file: string) {
    super(
      `Offline numbering data not found at ${file}. Generate it from the repository root with \`${GENERATE_NUMBERING_DATA}\` ` +
        '(downloads the pinned phonenumbers wheel from PyPI with pip and writes .zvonar/numbering-data/), ' +
        'or point ZVONAR_NUMBERING_DATA_DIR at a folder that holds it.',
    );
  }
}

/** Walks up from `start` to the folder holding nx.json (the monorepo root); falls back to `start`. */
function workspaceRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start);
  }
}

/** ZVONAR_NUMBERING_DATA_DIR when given (composition roots pass it in), else <workspace>/.zvonar/numbering-data. */
export function defaultNumberingDataFile(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): string {
  const dir = env['ZVONAR_NUMBERING_DATA_DIR'] || path.join(workspaceRoot(cwd), '.zvonar', 'numbering-data');
  return path.join(dir, NUMBERING_DATA_FILE_NAME);
}

/** Reads and decodes the generated numbering data; a missing file says how to make it. */
export function readNumberingDataFile(file: string = defaultNumberingDataFile()): NumberingTables {
  if (!existsSync(file)) throw new NumberingDataMissingError(file);
  return decodeNumberingData(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}
