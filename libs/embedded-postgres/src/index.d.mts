export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; reused (and survives restarts) when it already holds one. */
  dataDir: string;
  /** 0 picks a free loopback port. */
  port?: number;
  /** Removes the data folder on stop (tests); false keeps it (the all-in-one mode). */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
}
export interface RunningPostgres {
  /** postgres://user:password@127.0.0.1:port/postgres */
  url: string;
  port: number;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}
export function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres>;
export function freeLoopbackPort(): Promise<number>;
