import type { Delimiter } from './delimiter';
import { isBlankRow, type BrokenQuoteReason, type SourceRecord } from './source-record';

export type CsvParserOptions = {
  readonly delimiter: Delimiter;
  /**
   * An opening quote with no closing one swallows the rest of the file into one cell. A quoted cell longer
   * than this (lines or characters) is taken as such a broken quote: its first line is reported and the
   * lines after it are read again as rows of their own.
   */
  readonly maxQuotedLines?: number;
  readonly maxQuotedChars?: number;
};

const QUOTE = 34;
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const BOM = 0xfeff;

const FIELD_START = 0;
const LEADING_SPACES = 1;
const UNQUOTED = 2;
const QUOTED = 3;
const QUOTE_IN_QUOTED = 4;
const AFTER_CLOSING_QUOTE = 5;

/** The line break at the start of `text`, if any: CRLF, LF or CR. */
const lineBreakLength = (text: string, at: number): number => {
  const code = text.charCodeAt(at);
  if (code === LF) return 1;
  if (code !== CR) return 0;
  return text.charCodeAt(at + 1) === LF ? 2 : 1;
};

/** Index of the first of three characters at or after `from`, or the text's length. */
function indexOfAny(text: string, from: number, a: number, b: number, c: number): number {
  for (let at = from; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === a || code === b || code === c) return at;
  }
  return text.length;
}

/** `raw` split after its first line (the line break belongs to neither side). */
function splitFirstLine(raw: string): { first: string; rest: string } {
  for (let i = 0; i < raw.length; i += 1) {
    const length = lineBreakLength(raw, i);
    if (length > 0) return { first: raw.slice(0, i), rest: raw.slice(i + length) };
  }
  return { first: raw, rest: '' };
}

/**
 * RFC 4180 records from decoded text pushed in chunks of any size (a chunk may end anywhere, inside a
 * quoted cell or between CR and LF). Lenient where Excel users expect it: stray spaces around a quoted
 * cell, quotes inside an unquoted cell (`ООО "Ромашка"`) kept as text, CRLF, LF or CR line ends, a BOM.
 * Never throws on bad input: a broken quote becomes a `broken-quotes` record with its row number.
 */
export class CsvRecordParser {
  private readonly delimiter: number;
  private readonly maxQuotedLines: number;
  private readonly maxQuotedChars: number;
  private state = FIELD_START;
  private fields: string[] = [];
  /** The current cell's text carried over from earlier chunks (or the unescaped part of a quoted cell). */
  private field = '';
  /** The current record's raw text carried over from earlier chunks, for broken-quote recovery. */
  private rawCarry = '';
  /** Line breaks inside quoted cells of the current record. */
  private quotedLines = 0;
  private broken: BrokenQuoteReason | null = null;
  private skipLeadingLf = false;
  private atFileStart = true;
  private nextRowNumber = 1;

  constructor(
    options: CsvParserOptions,
    private readonly emit: (record: SourceRecord) => void,
  ) {
    this.delimiter = options.delimiter.charCodeAt(0);
    this.maxQuotedLines = options.maxQuotedLines ?? 64;
    this.maxQuotedChars = options.maxQuotedChars ?? 64 * 1024;
  }

  /** Rows numbered so far (the next record gets this number). */
  get rowsSeen(): number {
    return this.nextRowNumber - 1;
  }

  push(chunk: string): void {
    let pending: string | null = chunk;
    while (pending !== null) pending = this.scan(pending);
  }

  /** The input is over: an unfinished last line is a record; an unclosed quote is reported and recovered. */
  end(): void {
    while (this.state === QUOTED) this.push(this.recoverUnclosedQuote('', 0));
    if (!this.recordOpen()) return;
    if (this.state !== FIELD_START || this.fields.length > 0) this.fields.push(this.field);
    this.finishRecord(this.rawCarry, 0, 0);
  }

  private recordOpen(): boolean {
    return this.fields.length > 0 || this.state !== FIELD_START || this.rawCarry !== '';
  }

  /** Parses `text`; returns text still to parse when a broken quote forced a re-read, else null. */
  private scan(text: string): string | null {
    let i = 0;
    if (this.atFileStart && text.length > 0) {
      this.atFileStart = false;
      if (text.charCodeAt(0) === BOM) i = 1;
    }
    if (this.skipLeadingLf && text.length > 0) {
      this.skipLeadingLf = false;
      if (text.charCodeAt(i) === LF) i += 1;
    }
    let recordStart = i;
    let fieldStart = i;
    const length = text.length;
    const delimiter = this.delimiter;
    chunk: while (i < length) {
      const code = text.charCodeAt(i);
      switch (this.state) {
        case FIELD_START:
          if (code === delimiter) this.fields.push('');
          else if (code === CR || code === LF) {
            this.fields.push('');
            i = this.endLine(text, i, recordStart);
            recordStart = i;
            continue;
          } else if (code === QUOTE) {
            this.state = QUOTED;
            fieldStart = i + 1;
          } else {
            this.state = code === SPACE || code === TAB ? LEADING_SPACES : UNQUOTED;
            fieldStart = i;
          }
          break;
        case LEADING_SPACES:
          if (code === QUOTE) {
            this.state = QUOTED;
            this.field = '';
            fieldStart = i + 1;
            break;
          }
          if (code === delimiter || (code !== SPACE && code !== TAB)) {
            // Anything else makes it an unquoted cell; a delimiter or line break read again there ends it.
            this.state = UNQUOTED;
            continue;
          }
          break;
        case UNQUOTED: {
          // The hot paths jump to the end of the cell instead of going round the switch per character.
          const end = indexOfAny(text, i, delimiter, CR, LF);
          if (end === length) break chunk;
          this.fields.push(this.field + text.slice(fieldStart, end));
          this.field = '';
          if (text.charCodeAt(end) === delimiter) {
            this.state = FIELD_START;
            i = end + 1;
          } else {
            i = this.endLine(text, end, recordStart);
            recordStart = i;
          }
          continue;
        }
        case QUOTED: {
          const end = indexOfAny(text, i, QUOTE, CR, LF);
          if (end === length) break chunk;
          if (text.charCodeAt(end) === QUOTE) {
            this.field += text.slice(fieldStart, end);
            this.state = QUOTE_IN_QUOTED;
          } else {
            this.quotedLines += 1;
            if (this.quotedLines > this.maxQuotedLines || this.field.length + end - fieldStart > this.maxQuotedChars) {
              return this.recoverUnclosedQuote(text.slice(recordStart), end - recordStart);
            }
          }
          i = end + 1;
          continue;
        }
        case QUOTE_IN_QUOTED:
          if (code === QUOTE) {
            // An escaped quote: the second quote starts the next stretch of the cell.
            this.state = QUOTED;
            fieldStart = i;
          } else {
            // The quote closed the cell: read this character again as what follows a closed cell.
            this.state = AFTER_CLOSING_QUOTE;
            continue;
          }
          break;
        case AFTER_CLOSING_QUOTE:
          if (code === delimiter) {
            this.fields.push(this.field);
            this.field = '';
            this.state = FIELD_START;
          } else if (code === CR || code === LF) {
            this.fields.push(this.field);
            this.field = '';
            i = this.endLine(text, i, recordStart);
            recordStart = i;
            continue;
          } else if (code !== SPACE && code !== TAB) {
            // A quote that closes lines later, then text: the opening quote was the unbalanced one
            // (`"89123456789;Ivan` … `"89123456790"x`), so the lines in between are rows of their own.
            if (this.quotedLines > 0) return this.recoverUnclosedQuote(text.slice(recordStart), i - recordStart);
            // `"abc"def`: kept as text so the row can be shown, but the row is reported, not imported.
            this.broken ??= 'text-after-closing-quote';
            this.state = UNQUOTED;
            fieldStart = i;
          }
          break;
      }
      i += 1;
    }
    this.carryOver(text, recordStart, fieldStart);
    return null;
  }

  /** The chunk ended inside a record: keep what the next chunk continues. */
  private carryOver(text: string, recordStart: number, fieldStart: number): void {
    if (this.state === UNQUOTED || this.state === LEADING_SPACES || this.state === QUOTED) this.field += text.slice(fieldStart);
    if (this.recordOpen()) this.rawCarry += text.slice(recordStart);
  }

  /** A line break at `i` ends the record (its cells already taken); returns the index after the break. */
  private endLine(text: string, i: number, recordStart: number): number {
    const breakLength = lineBreakLength(text, i);
    const after = i + breakLength;
    if (breakLength === 1 && text.charCodeAt(i) === CR && after === text.length) this.skipLeadingLf = true;
    this.finishRecord(text, recordStart, i);
    return after;
  }

  /** Emits the record whose cells are in `fields`; its raw text (read only if broken) ends with `text[from, to)`. */
  private finishRecord(text: string, from: number, to: number): void {
    const fields = this.fields;
    const broken = this.broken;
    const raw = broken ? this.rawCarry + text.slice(from, to) : '';
    const rowNumber = this.closeRecord();
    if (broken) this.emit({ kind: 'broken-quotes', rowNumber, raw, reason: broken });
    else if (isBlankRow(fields)) this.emit({ kind: 'empty', rowNumber });
    else this.emit({ kind: 'row', rowNumber, fields });
  }

  /**
   * The quote opened in this record never closes (or runs past the limits): report the record's first line
   * and hand back the rest, plus whatever of the chunk was not yet read, to be parsed again.
   */
  private recoverUnclosedQuote(textFromRecordStart: string, consumed: number): string {
    const raw = this.rawCarry + textFromRecordStart.slice(0, consumed);
    const { first, rest } = splitFirstLine(raw);
    const rowNumber = this.closeRecord();
    this.emit({ kind: 'broken-quotes', rowNumber, raw: first, reason: 'unclosed-quote' });
    return rest + textFromRecordStart.slice(consumed);
  }

  /** Clears the current record and gives it its row number. */
  private closeRecord(): number {
    const rowNumber = this.nextRowNumber;
    this.nextRowNumber += 1;
    this.fields = [];
    this.field = '';
    this.rawCarry = '';
    this.broken = null;
    this.quotedLines = 0;
    this.state = FIELD_START;
    return rowNumber;
  }
}
