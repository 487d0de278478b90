#!/usr/bin/env node
// The `thucthi` command. Node 20 cannot run TypeScript, so tsx compiles the sources on the fly.
import { register } from 'tsx/esm/api';

// Output piped into `head` and closed early is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
