import { IntegrationBusError } from '@zvonar/messaging';

/** SQLSTATE classes that a later attempt can get past: connection loss, serialization, shutdown. */
const retriableClasses = ['08', '40', '53', '57'];

/** pg errors become IntegrationBusError here; the driver error is kept only as `cause`. */
export async function atTheEdge<T>(code: IntegrationBusError['code'], what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof IntegrationBusError) throw error;
    const sqlState = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    const retriable = sqlState === undefined || retriableClasses.includes(sqlState.slice(0, 2));
    throw new IntegrationBusError(`${what}: ${error instanceof Error ? error.message : String(error)}`, code, retriable, { cause: error });
  }
}
