import type { RecordSource } from '../application/record-source';

/**
 * The source's records with `step` run once the first `records` of them have been taken by the
 * import (and a batch ending there written): a step that throws stops the import at that exact
 * record, as a crash would; one that waits holds the import there while a test looks around.
 */
export function withStepAtRecord(source: RecordSource, records: number, step: () => Promise<void>): RecordSource {
  return {
    bytesTotal: source.bytesTotal,
    bytesRead: () => source.bytesRead(),
    async *records() {
      let handedOut = 0;
      let stepped = false;
      for await (const chunk of source.records()) {
        if (stepped || handedOut + chunk.length < records) {
          handedOut += chunk.length;
          yield chunk;
          continue;
        }
        const head = chunk.slice(0, records - handedOut);
        if (head.length > 0) yield head;
        handedOut = records;
        stepped = true;
        await step();
        const tail = chunk.slice(head.length);
        if (tail.length > 0) yield tail;
      }
    },
  };
}
