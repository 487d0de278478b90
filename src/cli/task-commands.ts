import type { Command } from 'commander';

/** `import tasks` and `stats tasks`. */
export function registerTaskCommands(_program: Command): void {}
