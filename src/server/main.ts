import { loadConfig } from './config';
import { startServer } from './start';

/** Reads the configuration, builds the application and listens — nothing else. */
const config = loadConfig(process.env, process.cwd());
await startServer(config);
