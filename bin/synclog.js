#!/usr/bin/env node
// The `synclog` command. The sources are TypeScript, run through tsx's loader so that no build
// step stands between a checkout and a working command.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
