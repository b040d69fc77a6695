import type { ContactStaging } from '../application/import-ports';
import type { ImportTally } from '../domain/import-tally';
import type { ImportedContact } from '../domain/row-importer';

/** Staging in memory for tests and benchmarks: contacts become visible only on commit. `countOnly` keeps none. */
export class InMemoryContactStaging implements ContactStaging {
  private staged: ImportedContact[] = [];
  private stagedCount = 0;
  committed: { readonly contacts: readonly ImportedContact[]; readonly count: number; readonly tally: ImportTally } | null = null;
  discarded = false;

  constructor(private readonly options: { readonly countOnly?: boolean } = {}) {}

  async add(contacts: readonly ImportedContact[]): Promise<void> {
    this.stagedCount += contacts.length;
    if (!this.options.countOnly) this.staged.push(...contacts);
  }

  async commit(tally: ImportTally): Promise<void> {
    this.committed = { contacts: this.staged, count: this.stagedCount, tally };
    this.staged = [];
  }

  async discard(): Promise<void> {
    this.staged = [];
    this.stagedCount = 0;
    this.discarded = true;
  }
}
