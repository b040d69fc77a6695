import { emptyTally, type ImportTally } from './import-tally';

/**
 * Where an import stands after its last committed batch: how many batches and source records
 * (empty rows included) it has consumed, and the accounting of those records. A resumed import
 * reads the file again from the start, skips `records` records without importing them and
 * carries on from `tally`, so nothing is counted twice and nothing is left out.
 */
export type ImportCheckpoint = {
  readonly batches: number;
  readonly records: number;
  readonly tally: ImportTally;
};

export const importStart = (): ImportCheckpoint => ({ batches: 0, records: 0, tally: emptyTally() });
