export default async function globalTeardown() {
  for (const server of globalThis.__ZVONAR_SERVERS__ ?? []) await server.stop?.();
}
