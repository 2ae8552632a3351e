// Compiles the shipper's import graph (shipper/index.ts and the base-layer files it reaches) into
// dist/: JavaScript any Node 20.19+ loads without a loader, plus .d.ts for TypeScript apps.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// A stale file from an earlier graph would otherwise ship with the next tarball.
rmSync(join(here, 'dist'), { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.build.json')], { stdio: 'inherit' });
process.exit(run.status ?? 1);
