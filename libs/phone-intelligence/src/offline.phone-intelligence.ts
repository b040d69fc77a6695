import { describeNumber } from './domain/describe-number';
import type { NumberingTables } from './domain/numbering-tables';
import type { PhoneFacts, PhoneIntelligence, PhoneIntelligenceSource } from './domain/phone-intelligence.port';
import { readNumberingDataFile } from './numbering-data.file';

/** PhoneIntelligence from libphonenumber-js plus the libphonenumber carrier, geocoder and time-zone maps, all in memory. */
export class OfflinePhoneIntelligence implements PhoneIntelligence {
  readonly source: PhoneIntelligenceSource;

  constructor(private readonly tables: NumberingTables) {
    this.source = { name: `libphonenumber data via ${tables.source.name}`, version: tables.source.version };
  }

  /** Loads the generated data file (default: the workspace's .zvonar/numbering-data/). */
  static fromFile(file?: string): OfflinePhoneIntelligence {
    return new OfflinePhoneIntelligence(readNumberingDataFile(file));
  }

  /** Synchronous answer for hot loops (imports of a million rows); same as `lookup`. */
  describe(e164: string): PhoneFacts {
    return describeNumber(this.tables, e164);
  }

  async lookup(e164: string): Promise<PhoneFacts> {
    return this.describe(e164);
  }

  async lookupMany(e164s: readonly string[]): Promise<PhoneFacts[]> {
    return e164s.map((e164) => this.describe(e164));
  }
}
