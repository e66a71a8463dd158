// A server in its own process, for tests that must kill it mid-request. Prints its URL on the
// first line of stdout. Usage: server-process.ts DATA_DIR API_KEY
import { startServer } from '../../src/index.js';

const [dataDir, apiKey] = process.argv.slice(2);
const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, apiKey, logLevel: 'warn' });
process.stdout.write(`${server.url}\n`);
