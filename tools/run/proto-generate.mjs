// Generates TypeScript from proto/ with ts-proto through the buf binary shipped on npm.
// The output (libs/proto-ts/src/generated) is git-ignored and rebuilt before every build and test.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { bin, repoRoot, run } from './steps.mjs';

const protoDir = path.join(repoRoot, 'proto');
const hasProtos = (dir) =>
  existsSync(dir) &&
  readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? hasProtos(path.join(dir, entry.name)) : entry.name.endsWith('.proto'),
  );

if (!hasProtos(protoDir)) {
  console.log('no .proto files yet: nothing to generate');
  process.exit(0);
}
rmSync(path.join(repoRoot, 'libs/proto-ts/src/generated'), { recursive: true, force: true });
const lint = await run(bin('buf'), ['lint', 'proto']);
if (lint !== 0) process.exit(lint);
process.exit(await run(bin('buf'), ['generate', 'proto', '--template', 'proto/buf.gen.yaml']));
