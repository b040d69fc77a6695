import { startAriSimulator } from './ari-simulator';
import { parseCalleeMix } from './dialplan/callee-mix';

// node -r @swc-node/register tools/ari-simulator/src/main.ts --port 8088 [--time-scale 0.1]
//   [--user asterisk --password asterisk] [--callee-mix '{"seed":1,"shares":{"press1":3,"busy":1}}'].
// Prints one JSON line with the URL once listening.
function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const calleeMix = option('callee-mix');
  const simulator = await startAriSimulator({
    ...(calleeMix === undefined ? {} : { calleeMix: parseCalleeMix(calleeMix) }),
    port: Number(option('port') ?? 8088),
    timeScale: Number(option('time-scale') ?? 1),
    credentials: { username: option('user') ?? 'asterisk', password: option('password') ?? 'asterisk' },
  });
  process.stdout.write(`${JSON.stringify({ ariSimulator: simulator.url, ari: `${simulator.url}/ari` })}\n`);
  const shutdown = (): void => void simulator.stop().then(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
