import { ImportFailedError } from '../domain/import-failure';

/** Passes the chunks through and counts them; one byte over the limit fails the import before it is used. */
export class ByteLimit {
  private count = 0;

  constructor(private readonly limitBytes: number) {}

  get bytesRead(): number {
    return this.count;
  }

  /** Refuses a file whose size is known up front without reading any of it. */
  checkDeclaredSize(size: number | null): void {
    if (size !== null && size > this.limitBytes) throw this.tooLarge();
  }

  async *pass(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      if (typeof chunk === 'string') throw new TypeError('a byte stream was expected, got text: open the stream without an encoding');
      this.count += chunk.length;
      if (this.count > this.limitBytes) throw this.tooLarge();
      yield chunk;
    }
  }

  tooLarge(): ImportFailedError {
    return new ImportFailedError({ code: 'file-too-large', limitBytes: this.limitBytes });
  }
}
