import { withTransaction } from '@zvonar/messaging-postgres';
import type { Pool } from 'pg';

export type Upload = { readonly uploadId: string; readonly projectId: string; readonly fileName: string; readonly sizeBytes: number; readonly chunks: number };

type UploadRow = { upload_id: string; project_id: string; file_name: string; size_bytes: string; chunks: number };

const toUpload = (row: UploadRow): Upload => ({
  uploadId: row.upload_id,
  projectId: row.project_id,
  fileName: row.file_name,
  sizeBytes: Number(row.size_bytes),
  chunks: row.chunks,
});

/** Uploaded import files, kept as the chunks they arrived in; read back one chunk at a time. */
export class PostgresUploads {
  constructor(private readonly pool: Pool) {}

  async create(upload: { uploadId: string; projectId: string; fileName: string; at: Date }): Promise<void> {
    await this.pool.query('INSERT INTO import_uploads (upload_id, project_id, file_name, created_at) VALUES ($1, $2, $3, $4)', [
      upload.uploadId,
      upload.projectId,
      upload.fileName,
      upload.at,
    ]);
  }

  async get(uploadId: string): Promise<Upload | null> {
    const { rows } = await this.pool.query<UploadRow>('SELECT * FROM import_uploads WHERE upload_id = $1', [uploadId]);
    return rows[0] ? toUpload(rows[0]) : null;
  }

  /**
   * Appends a chunk unless the file would pass `limitBytes`; the size check holds the upload's row
   * lock, so concurrent appends cannot both slip under the limit. Returns the new size, or
   * null when the chunk was refused.
   */
  async append(uploadId: string, bytes: Uint8Array, limitBytes: number): Promise<number | null> {
    return withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ size_bytes: string; seq: number }>(
        `UPDATE import_uploads SET size_bytes = size_bytes + $2, chunks = chunks + 1
          WHERE upload_id = $1 AND size_bytes + $2 <= $3
          RETURNING size_bytes, chunks - 1 AS seq`,
        [uploadId, bytes.length, limitBytes],
      );
      const grown = rows[0];
      if (!grown) return null;
      await tx.query('INSERT INTO import_upload_chunks (upload_id, seq, bytes) VALUES ($1, $2, $3)', [uploadId, grown.seq, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)]);
      return Number(grown.size_bytes);
    });
  }

  /** The file's bytes in order, one stored chunk in memory at a time. */
  async *bytes(uploadId: string): AsyncGenerator<Uint8Array> {
    for (let seq = 0; ; seq += 1) {
      const { rows } = await this.pool.query<{ bytes: Buffer }>('SELECT bytes FROM import_upload_chunks WHERE upload_id = $1 AND seq = $2', [uploadId, seq]);
      const chunk = rows[0];
      if (!chunk) return;
      yield new Uint8Array(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.length);
    }
  }
}
