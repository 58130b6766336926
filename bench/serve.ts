/**
 * A benchmark server: the built app in its own process (so the load
 * generator does not share its event loop), on the database the environment
 * names (DATABASE_URL, else PGlite under DATA_DIR). Tells its parent the URL
 * over IPC and stops gracefully on SIGTERM.
 */
import { exitOnSignals, startServer } from '../scripts/server.ts';

const running = await startServer({ port: 0, host: '127.0.0.1' });
exitOnSignals(running);
process.send?.({ url: running.url });
