#!/usr/bin/env node
// The `thucthi` command. Node 20 cannot run TypeScript, so tsx compiles the sources on the fly.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
