/**
 * Runs `onShutdown` once on the first SIGTERM (Kubernetes) or SIGINT (Ctrl+C). A second signal
 * exits at once with 130: an operator pressing Ctrl+C twice means "stop now".
 */
export function onShutdownSignal(onShutdown: (signal: NodeJS.Signals) => Promise<void>): void {
  let received = false;
  const handle = (signal: NodeJS.Signals) => {
    if (received) process.exit(130);
    received = true;
    onShutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
